"""Calendar arithmetic for the date grammar: periods (a day, week, month, quarter, season,
year, decade) as date intervals with their granularity, and moving a date by calendar units.
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta

from claimgraph.model import Granularity


@dataclass(frozen=True, slots=True)
class Period:
    """A stretch of time; with ``low`` and ``high`` both None it is found but unresolved.

    ``point`` is the date the text names when ``low``/``high`` are widened on purpose (a fiscal
    year); ``time`` is "HH:MM" for clock times; ``hedge`` carries words that change the meaning
    ("by", "fiscal", "early") or, with ``gran`` None, a TimeML reference ("present", "past",
    "future") for "now", "recently", "in the future"; ``shift`` says the period is a reference
    date moved by some units (the anchor, until ``dates.py`` finds the date the text means).
    """

    gran: Granularity | None
    low: date | None = None
    high: date | None = None
    point: date | None = None
    time: str | None = None
    hedge: str | None = None
    shift: tuple[str, int] | None = None  # "a year earlier": (unit, -1) from a reference


def month_end(year: int, month: int) -> date:
    return date(year, month, monthrange(year, month)[1])


def day_period(d: date) -> Period:
    return Period("day", d, d)


def month_period(year: int, month: int) -> Period:
    return Period("month", date(year, month, 1), month_end(year, month))


def year_period(year: int) -> Period:
    return Period("year", date(year, 1, 1), date(year, 12, 31))


def week_period(d: date) -> Period:
    monday = d - timedelta(days=d.weekday())
    return Period("week", monday, monday + timedelta(days=6))


def quarter_period(year: int, q: int) -> Period:
    return Period("quarter", date(year, 3 * q - 2, 1), month_end(year, 3 * q))


def half_period(year: int, h: int) -> Period:
    # No "half" granularity in the model: a half year is two quarters.
    return Period("quarter", date(year, 6 * h - 5, 1), month_end(year, 6 * h))


SEASONS = {"spring": (3, "SP"), "summer": (6, "SU"), "fall": (9, "FA"), "autumn": (9, "FA")}
SEASONS["winter"] = (12, "WI")


def season_period(year: int, season: str) -> Period:
    """Meteorological seasons; the winter of 2024 starts in December 2024."""
    first = SEASONS[season][0]
    end_y, end_m = add_months(year, first, 2)
    return Period("season", date(year, first, 1), month_end(end_y, end_m))


def decade_period(start_year: int) -> Period:
    return Period("decade", date(start_year, 1, 1), date(start_year + 9, 12, 31))


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    total = year * 12 + month - 1 + n
    return total // 12, total % 12 + 1


def shift(d: date, unit: str, n: int) -> date:
    """``d`` moved by ``n`` units (day/week/month/quarter/year/decade), clamping month ends."""
    if unit == "day":
        return d + timedelta(days=n)
    if unit == "week":
        return d + timedelta(weeks=n)
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120}[unit] * n
    y, m = add_months(d.year, d.month, months)
    return date(y, m, min(d.day, monthrange(y, m)[1]))


def unit_period(unit: str, d: date) -> Period:
    """The calendar unit (day, week, month, quarter, year, decade) that contains ``d``."""
    if unit == "day":
        return day_period(d)
    if unit == "week":
        return week_period(d)
    if unit == "month":
        return month_period(d.year, d.month)
    if unit == "quarter":
        return quarter_period(d.year, (d.month - 1) // 3 + 1)
    if unit == "year":
        return year_period(d.year)
    return decade_period(d.year // 10 * 10)


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None

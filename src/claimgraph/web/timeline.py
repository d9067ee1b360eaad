"""The story timeline as an inline SVG chart, drawn on the server (no JavaScript, no library).

Each dated fact gets its own row, so labels never overlap: a dot for a day, a bar for a month
or a year (the precision the reports gave), coloured and labelled by the fact's status. The
reports' own publication dates sit on the bottom row. Every piece of text is escaped.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from markupsafe import Markup

WIDTH = 900
ROW = 26
PAD_X = 36
AXIS_H = 34
PUB_H = 40  # the publications row: a label above a row of ticks
LABEL_CHARS = 64
WINDOW_BEFORE = timedelta(days=31)  # dated facts this far around the reports set the axis
WINDOW_AFTER = timedelta(days=92)


@dataclass(frozen=True, slots=True)
class Item:
    """One mark on the chart: a dated fact (``status`` set) or a publication (``status`` None)."""

    when: str  # YYYY-MM-DD | YYYY-MM | YYYY
    label: str
    status: str | None = None
    href: str | None = None


def parse_period(when: str) -> tuple[date, date] | None:
    """The first and last day a timeline date covers ("2025-03" -> March 1..31)."""
    try:
        parts = [int(p) for p in when.split("-")]
        if len(parts) == 3:
            day = date(*parts)
            return day, day
        if len(parts) == 2:
            last = calendar.monthrange(parts[0], parts[1])[1]
            return date(parts[0], parts[1], 1), date(parts[0], parts[1], last)
        if len(parts) == 1:
            return date(parts[0], 1, 1), date(parts[0], 12, 31)
    except ValueError:
        return None
    return None


class _Scale:
    """Days to x: ``lo``..``hi`` (the dates drawn) plus a margin of at least half a day, so a
    one- or two-day story does not put its dots on the chart's edges."""

    def __init__(self, lo: date, hi: date) -> None:
        self.lo, self.hi = lo, hi
        days = (hi - lo).days
        pad = max(0.04 * days, 0.6)
        self.start = lo.toordinal() - pad
        self.span = days + 2 * pad
        self.days = days

    def x(self, d: date) -> float:
        return PAD_X + (WIDTH - 2 * PAD_X) * (d.toordinal() - self.start) / self.span


def render(items: Sequence[Item], title: str = "Timeline") -> Markup:
    """The chart for ``items``; empty markup when none of them has a usable date."""
    dated = [(it, p) for it in items if (p := parse_period(it.when))]
    if not dated:
        return Markup("")
    facts = [(it, p) for it, p in dated if it.status is not None]
    published = [p for it, p in dated if it.status is None]
    scale = _Scale(*_domain([p for _, p in dated], published))
    bottom = 8 + len(facts) * ROW + (PUB_H if published else 0)
    height = bottom + AXIS_H
    body = [_grid(scale, height)]
    body += [_fact_row(scale, it, p, i) for i, (it, p) in enumerate(facts)]
    if published:
        body.append(_published_row(scale, published, 8 + len(facts) * ROW))
    body.append(_axis(scale, bottom))
    return Markup(
        '<svg class="timeline" viewBox="0 0 {w} {h}" role="img" aria-labelledby="tl-title">'
        '<title id="tl-title">{t}</title>{body}</svg>'
    ).format(w=WIDTH, h=height, t=title, body=Markup("").join(body))


def _domain(
    periods: Sequence[tuple[date, date]], published: Sequence[tuple[date, date]]
) -> tuple[date, date]:
    """The dates the axis spans: around the reports' own dates when there are any.

    A report often recalls the past ("a 1998 quake killed 19"): drawn to scale, one such date
    would squeeze the story's days into a corner. Dates far outside the reporting window are
    pinned to the chart's edge instead (and listed in full below it).
    """
    lo, hi = min(p[0] for p in periods), max(p[1] for p in periods)
    if published:
        window_lo = min(p[0] for p in published) - WINDOW_BEFORE
        window_hi = max(p[1] for p in published) + WINDOW_AFTER
        inside = [p for p in periods if p[1] >= window_lo and p[0] <= window_hi]
        lo, hi = min(p[0] for p in inside), max(p[1] for p in inside)
    return lo, hi


def _fact_row(scale: _Scale, it: Item, period: tuple[date, date], i: int) -> Markup:
    y = 8 + i * ROW + ROW / 2
    mark, x0, x1 = _mark(scale, period, f"tl-{it.status}", y)
    right = x1 < WIDTH * 0.6  # label on the side with room for it
    tx, anchor = (x1 + 10, "start") if right else (x0 - 10, "end")
    label = it.label if len(it.label) <= LABEL_CHARS else it.label[: LABEL_CHARS - 1] + "…"
    text = Markup(
        '<text x="{:.1f}" y="{:.1f}" text-anchor="{}"><tspan class="tl-muted">{}</tspan> {}</text>'
    ).format(tx, y + 4, anchor, short_date(it.when), label)
    row = Markup("<g><title>{} — {}</title>{}{}</g>").format(it.when, it.label, mark, text)
    if it.href:
        return Markup('<a href="{}">{}</a>').format(it.href, row)
    return row


def _mark(
    scale: _Scale, period: tuple[date, date], css: str, y: float
) -> tuple[Markup, float, float]:
    """A dot for a day, a bar for a longer period, an arrow at the edge for one off the axis."""
    if period[1] < scale.lo or period[0] > scale.hi:
        left = period[1] < scale.lo
        x = PAD_X - 4 if left else WIDTH - PAD_X + 4
        tip = x - 8 if left else x + 8
        arrow = Markup('<path class="{}" d="M{:.1f} {:.1f} L{:.1f} {:.1f} L{:.1f} {:.1f} Z"/>')
        return arrow.format(css, tip, y, x, y - 6, x, y + 6), x, x
    x0, x1 = scale.x(period[0]), scale.x(period[1] + timedelta(days=1))
    if period[0] == period[1]:
        dot = Markup('<circle class="{}" cx="{:.1f}" cy="{:.1f}" r="6"/>').format(css, x0, y)
        return dot, x0, x0 + 6  # the label starts beside the dot, not a day later
    bar = Markup('<rect class="{}" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="10" rx="3"/>')
    return bar.format(css, x0, y - 5, max(x1 - x0, 4)), x0, x1


def _published_row(scale: _Scale, periods: Sequence[tuple[date, date]], top: int) -> Markup:
    """A tick per report on its publication date, under a label saying how many."""
    ticks = Markup("").join(
        Markup('<rect class="tl-pub" x="{:.1f}" y="{}" width="3" height="14"/>').format(
            scale.x(p[0]) - 1.5, top + 20
        )
        for p in periods
    )
    n = len(periods)
    label = Markup('<text class="tl-muted" x="{}" y="{}">{} report{} published</text>').format(
        PAD_X, top + 14, n, "" if n == 1 else "s"
    )
    return Markup("<g>{}{}</g>").format(label, ticks)


def _grid(scale: _Scale, height: int) -> Markup:
    lines = [
        Markup('<line class="tl-grid" x1="{0:.1f}" x2="{0:.1f}" y1="4" y2="{1}"/>').format(
            scale.x(d), height - AXIS_H + 4
        )
        for d, _ in _ticks(scale)
    ]
    return Markup("").join(lines)


def _axis(scale: _Scale, y: int) -> Markup:
    parts = [
        Markup('<line class="tl-axis" x1="{}" x2="{}" y1="{}" y2="{}"/>').format(
            PAD_X, WIDTH - PAD_X, y + 4, y + 4
        )
    ]
    for d, label in _ticks(scale):
        parts.append(
            Markup(
                '<text class="tl-muted" x="{:.1f}" y="{}" text-anchor="middle">{}</text>'
            ).format(scale.x(d), y + 22, label)
        )
    return Markup("").join(parts)


def _ticks(scale: _Scale) -> list[tuple[date, str]]:
    """About eight round dates across the range: days, weeks, months or years."""
    lo, hi, span = scale.lo, scale.hi, scale.days
    if span <= 16:
        days = [lo + timedelta(days=i) for i in range(span + 1)]
        return [(d, _day_month(d)) for d in days if lo <= d <= hi][:: max(1, span // 8)]
    if span <= 120:
        step = 7 * max(1, round(span / 7 / 8))
        first = lo + timedelta(days=(7 - lo.weekday()) % 7)  # Mondays
        mondays = [first + timedelta(days=i) for i in range(0, (hi - first).days + 1, step)]
        return [(d, _day_month(d)) for d in mondays]
    if span <= 365 * 3:
        months = _month_starts(lo, hi)
        step = max(1, len(months) // 8)
        return [
            (m, m.strftime("%b %Y" if m.month == 1 or i == 0 else "%b"))
            for i, m in enumerate(months[::step])
        ]
    years = list(range(lo.year + 1, hi.year + 1))
    step = max(1, len(years) // 8)
    return [(date(y, 1, 1), str(y)) for y in years[::step]]


def _day_month(d: date) -> str:
    return f"{d.day} {calendar.month_abbr[d.month]}"


def short_date(when: str) -> str:
    """'2025-03-05' -> '5 Mar 2025', '2025-03' -> 'Mar 2025', '2025' -> '2025'."""
    period = parse_period(when)
    if period is None:
        return when
    d = period[0]
    if when.count("-") == 2:
        return f"{d.day} {calendar.month_abbr[d.month]} {d.year}"
    if when.count("-") == 1:
        return f"{calendar.month_abbr[d.month]} {d.year}"
    return str(d.year)


def _month_starts(lo: date, hi: date) -> list[date]:
    out: list[date] = []
    y, m = lo.year, lo.month
    while True:
        m, y = (1, y + 1) if m == 12 else (m + 1, y)
        d = date(y, m, 1)
        if d > hi:
            return out
        out.append(d)

"""The date grammar behind :func:`claimgraph.extract.dates.find_dates`.

Each rule is a regular expression (compiled once, at import) and a handler that turns a match
into a :class:`Cand`: a kind ("day", "month", "year", ...) and a :class:`Period` resolved against
the article's date. Rules only find the *core* of an expression ("2026", "May 28", "last week");
``dates.py`` then joins cores into ranges ("2026 and 2027") and applies the words around them
("by", "early", "mid-"). Calendar arithmetic lives here too, so a handler reads as one line of
intent.

Resolution rules (documented here because they are choices, not facts):

* A date that recurs (a weekday, "May 28", "November", "summer", "the third quarter") takes the
  latest occurrence that has begun on or before the anchor, because news mostly reports the
  past: "on Wednesday" is the closest Wednesday within the previous 6 days, or the anchor day.
  When the words around it speak of the future ("will", "is expected to", "scheduled"...) it
  takes the earliest occurrence that has not yet ended instead.
* "27/06/2025": day first (the common order outside the US); month first only when the second
  number cannot be a month (06/27/2025).
* Times ("3 p.m.") are kept as day granularity; the clock time goes into ``Period.time``.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from claimgraph.model import Granularity

# --------------------------------------------------------------------------- calendar


@dataclass(frozen=True, slots=True)
class Period:
    """A stretch of time; with ``low`` and ``high`` both None it is found but unresolved.

    ``point`` is the date the text names when ``low``/``high`` are widened on purpose (a fiscal
    year); ``time`` is "HH:MM" for clock times; ``hedge`` carries words that change the meaning
    ("by", "fiscal", "early") or, with ``gran`` None, a TimeML reference ("present", "past",
    "future") for "now", "recently", "soon".
    """

    gran: Granularity | None
    low: date | None = None
    high: date | None = None
    point: date | None = None
    time: str | None = None
    hedge: str | None = None


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


# --------------------------------------------------------------------------- context

# Words that put the clause in the future; a recurring date then looks forward.
_FUTURE_CUE = re.compile(
    r"(?i)(?<![\w'])(?:will|shall|'ll|won't|wo\s+n't|would|is\s+to|are\s+to|is\s+due|are\s+due|"
    r"due\s+to|scheduled|expected|plans?|planned|planning|set\s+to|going\s+to|intends?|"
    r"upcoming|until|till)(?!\w)"
)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘`(]*[A-Z])")


@dataclass(slots=True)
class Ctx:
    """The text being read, the anchor it resolves against, and a cache of tense readings."""

    text: str
    anchor: date | None
    refs: bool = False
    _future: dict[int, bool] = field(default_factory=dict)

    def future(self, start: int, end: int) -> bool:
        """Whether the clause around ``text[start:end]`` speaks of the future."""
        if start not in self._future:
            before = self.text[max(0, start - 70) : start]
            cut = list(_SENTENCE_END.finditer(before))
            if cut:
                before = before[cut[-1].end() :]
            after = self.text[end : end + 30]
            nxt = _SENTENCE_END.search(after)
            if nxt:
                after = after[: nxt.start()]
            self._future[start] = bool(_FUTURE_CUE.search(before + " | " + after))
        return self._future[start]

    def before(self, start: int, width: int = 30) -> str:
        return self.text[max(0, start - width) : start]


def recurring(
    ctx: Ctx, start: int, end: int, make: Callable[[int], Period | None], rel: str | None = None
) -> Period:
    """Pick the occurrence of a yearly date (``make(year)``) that the text means.

    ``rel``: "last" = the latest that ended before the anchor's own occurrence began,
    "next" = the earliest that begins after the anchor, "this" = the one in the anchor's year;
    otherwise the tense decides (see the module docstring).
    """
    a = ctx.anchor
    gran = (make(2000) or make(2004) or Period(None)).gran
    if a is None:
        return Period(gran)
    options = [p for y in (a.year - 2, a.year - 1, a.year, a.year + 1, a.year + 2) if (p := make(y))]
    if rel == "this":
        return next((p for p in options if p.low and p.low.year == a.year), options[-1])
    if rel == "last":
        return _latest([p for p in options if p.high and p.high < a and not _covers(p, a)])
    if rel == "next":
        return _earliest([p for p in options if p.low and p.low > a])
    if ctx.future(start, end):
        return _earliest([p for p in options if p.high and p.high >= a])
    return _latest([p for p in options if p.low and p.low <= a])


def _covers(p: Period, d: date) -> bool:
    return p.low is not None and p.high is not None and p.low <= d <= p.high


def _latest(options: list[Period]) -> Period:
    return max(options, key=lambda p: p.low or date.min)


def _earliest(options: list[Period]) -> Period:
    return min(options, key=lambda p: p.low or date.max)


def weekday_date(ctx: Ctx, start: int, end: int, weekday: int, rel: str | None) -> Period:
    """A weekday: within the previous 6 days or the anchor day (past), the next 6 days or the
    anchor day (future); "last Friday" is 1-7 days back, "next Friday" 1-7 days ahead."""
    a = ctx.anchor
    if a is None:
        return Period("day")
    back = (a.weekday() - weekday) % 7
    ahead = (weekday - a.weekday()) % 7
    if rel == "last":
        return day_period(a - timedelta(days=back or 7))
    if rel == "next":
        return day_period(a + timedelta(days=ahead or 7))
    if ctx.future(start, end):
        return day_period(a + timedelta(days=ahead))
    return day_period(a - timedelta(days=back))


# --------------------------------------------------------------------------- lexicon

MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()
_MONTH_NUM = {name[:3].lower(): i + 1 for i, name in enumerate(MONTH_NAMES)} | {"sep": 9}
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()

_FULL = "|".join([*MONTH_NAMES, *(n.upper() for n in MONTH_NAMES)])
_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT?|OCT|NOV|DEC)\.?"
MONTH = rf"(?:(?:{_FULL})|{_ABBR})(?![\w'])"
MONTH_FULL = rf"(?:{_FULL})(?!\w)"
WEEKDAY = "(?:" + "|".join([*WEEKDAYS, *(w.upper() for w in WEEKDAYS)]) + r")(?!\w)"
YEAR = r"(?:1[5-9]\d\d|20\d\d)"
DAY = r"(?:3[01]|[12]\d|0?[1-9])"

_UNITS = {"day": "day", "week": "week", "month": "month", "year": "year", "decade": "decade"}
UNIT = r"(?:day|week|month|quarter|year|decade)"

WORD_NUMBERS = {
    w: i + 1
    for i, w in enumerate(
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
} | {"a": 1, "an": 1, "thirty": 30, "forty": 40, "fifty": 50, "a couple of": 2, "couple of": 2}
NUMBER = r"(?:\d{1,3}|" + "|".join(sorted(WORD_NUMBERS, key=len, reverse=True)) + ")"
VAGUE = r"(?:a\s+few|few|several|some|many)"


def month_number(name: str) -> int:
    return _MONTH_NUM[name.lower().rstrip(".")[:3]]


def weekday_number(name: str) -> int:
    return [w.lower() for w in WEEKDAYS].index(name.lower())


def number_value(word: str) -> int:
    word = re.sub(r"\s+", " ", word.lower())
    return int(word) if word.isdigit() else WORD_NUMBERS[word]


def year_from_two_digits(yy: str, anchor: date | None) -> int:
    """'98 -> 1998 and '25 -> 2025: the century that puts the year nearest the anchor."""
    n = int(yy)
    ref = anchor.year if anchor else 2000
    return min((c + n for c in (1900, 2000, 2100)), key=lambda y: abs(y - ref))


# --------------------------------------------------------------------------- rules


@dataclass(frozen=True, slots=True)
class Cand:
    """A found expression: ``text[start:end]``, what kind of core it is, and its period."""

    start: int
    end: int
    kind: str
    period: Period


Handler = Callable[[re.Match[str], Ctx], tuple[str, Period] | None]
RULES: list[tuple[re.Pattern[str], Handler]] = []


def rule(pattern: str) -> Callable[[Handler], Handler]:
    """Register a handler for a pattern (compiled once, here, at import)."""

    def register(fn: Handler) -> Handler:
        RULES.append((re.compile(pattern), fn))
        return fn

    return register


def scan(ctx: Ctx) -> list[Cand]:
    """Every core expression in the text, the longest winning where two overlap."""
    found: list[Cand] = []
    for pattern, handler in RULES:
        for m in pattern.finditer(ctx.text):
            got = handler(m, ctx)
            if got is not None:
                found.append(Cand(m.start(), m.end(), got[0], got[1]))
    return longest_first(found)


def longest_first(cands: list[Cand]) -> list[Cand]:
    kept: list[Cand] = []
    for c in sorted(cands, key=lambda c: (c.start - c.end, c.start)):
        if all(c.end <= k.start or c.start >= k.end for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: c.start)


def with_time(p: Period, hour: int, minute: int) -> Period:
    return replace(p, time=f"{hour:02d}:{minute:02d}")


def _resolved(ctx: Ctx, gran: Granularity, make: Callable[[date], Period]) -> Period:
    """``make(anchor)``, or an unresolved period of ``gran`` when there is no anchor."""
    return make(ctx.anchor) if ctx.anchor else Period(gran)


def _rel(word: str | None) -> str | None:
    """Normalise "this past" / "this coming" / "coming" to last / next."""
    if not word:
        return None
    word = " ".join(word.lower().split())
    return {"this past": "last", "past": "last", "this coming": "next", "coming": "next"}.get(
        word, word
    )


# Words before a bare "May"/"March" (or a season) that make it a date, not a verb or a noun.
_DATE_CUE = re.compile(
    r"(?i)(?:(?<!\w)(?:in|since|until|till|by|before|after|during|through|throughout|from|to|"
    r"of|last|this|next|early|late|mid|end|beginning|start|middle|between|and|or|on|over|"
    r"for|past|coming|around)\s+(?:the\s+)?|mid-)\Z"
)
# A clock-time needs one of these before it when it has no a.m./p.m. or time zone.
_TIME_CUE = re.compile(r"(?i)(?<!\w)(?:at|by|until|till|from|around|about|before|after|to)\s+\Z")
# A four-digit number after these is a count or an amount, not a year.
_NOT_YEAR_BEFORE = re.compile(
    r"(?i)(?:(?<!\w)(?:about|some|nearly|almost|over|than|around|roughly|approximately|least|"
    r"only|just|total|number|No|no\.|top|page|flight|room|route|highway|model|to)\s+|[$£€₹#]\s*)\Z"
)
_CAP_WORD_BEFORE = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][\w.&'-]*)\s+\Z")
_YEAR_OK_CAPS = frozenset(
    "In Since By From Until Of Through After Before During For To And Or The Early Late Mid End "
    "Spring Summer Fall Autumn Winter Christmas Easter Year Fiscal FY Class Around".split()
)
TZ = (
    r"(?:GMT|UTC|EST|EDT|CST|CDT|MST|MDT|PST|PDT|BST|CET|CEST|IST|PKT|JST|AEST|ET|PT|"
    r"(?i:local\s+time))"
)


@rule(r"(?<![\w/.-])(\d{4})-(\d{2})-(\d{2})(?:[T ]([01]\d|2[0-3]):([0-5]\d)(?::\d\d)?)?(?![\w-])")
def _iso_date(m: re.Match[str], ctx: Ctx) -> tuple[str, Period] | None:
    d = safe_date(int(m[1]), int(m[2]), int(m[3]))
    if d is None:
        return None
    p = day_period(d)
    return ("day", with_time(p, int(m[4]), int(m[5])) if m[4] else p)


@rule(r"(?<![\w/.,-])(\d{1,2})([/.])(\d{1,2})\2(\d{4}|(?<=/)\d{2})(?![\w/]|[.,]\d)")
def _numeric_date(m: re.Match[str], ctx: Ctx) -> tuple[str, Period] | None:
    first, second = int(m[1]), int(m[3])
    year = int(m[4]) if len(m[4]) == 4 else year_from_two_digits(m[4], ctx.anchor)
    # Day first unless the second number cannot be a month (see the module docstring).
    day, month = (second, first) if second > 12 else (first, second)
    d = safe_date(year, month, day)
    return ("day", day_period(d)) if d else None


@rule(
    rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH})\s+(?P<d>{DAY})(?:st|nd|rd|th)?(?![\w]|[.,:]\d)"
    rf"(?:\s*(?:-|–|to|through)\s*(?P<d2>{DAY})(?![\w]|[.,:]\d))?(?:,?\s+(?P<y>{YEAR})(?!\w|[.,]\d))?"
)
def _month_day(m: re.Match[str], ctx: Ctx) -> tuple[str, Period] | None:
    return _day_of_month(m, ctx)


@rule(
    rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?<![\d.,$])(?P<d>{DAY})(?:st|nd|rd|th)?\s+(?:of\s+)?"
    rf"(?P<mon>{MONTH})(?:,?\s+(?P<y>{YEAR})(?!\w|[.,]\d))?"
)
def _day_month(m: re.Match[str], ctx: Ctx) -> tuple[str, Period] | None:
    return _day_of_month(m, ctx)


def _day_of_month(m: re.Match[str], ctx: Ctx) -> tuple[str, Period] | None:
    month, day = month_number(m["mon"]), int(m["d"])
    last = int(m["d2"]) if m.groupdict().get("d2") else day

    def make(year: int) -> Period | None:
        low, high = safe_date(year, month, day), safe_date(year, month, last)
        return Period("day", low, high) if low and high and low <= high else None

    if m["y"]:
        p = make(int(m["y"]))
        return ("day", p) if p else None
    if make(2000) is None:  # Feb 30 and the like
        return None
    return ("day", recurring(ctx, m.start(), m.end(), make))


@rule(
    rf"(?P<mon>{MONTH}),?\s+(?:of\s+)?(?:(?P<y>{YEAR})(?!\w|[.,]\d)|"
    r"(?P<rel>(?i:last|this|next))\s+year(?!\w))"
)
def _month_year(m: re.Match[str], ctx: Ctx) -> tuple[str, Period] | None:
    month = month_number(m["mon"])
    if m["y"]:
        return ("month", month_period(int(m["y"]), month))
    step = {"last": -1, "this": 0, "next": 1}[m["rel"].lower()]
    return ("month", _resolved(ctx, "month", lambda a: month_period(a.year + step, month)))


@rule(rf"(?:(?P<rel>(?i:last|next|this\s+past|this\s+coming|this))\s+)?(?P<mon>{MONTH_FULL})")
def _month(m: re.Match[str], ctx: Ctx) -> tuple[str, Period] | None:
    rel = _rel(m["rel"])
    if rel is None:
        cued = bool(_DATE_CUE.search(ctx.before(m.start())))
        if m["mon"].lower() in ("may", "march") and not cued:
            return None  # the modal verb, the verb or a sentence-initial name
        if not cued and re.match(r"\s+[A-Z][a-z]", ctx.text[m.end() : m.end() + 3]):
            return None  # a first name: "April Ryan", "June Carter"
    month = month_number(m["mon"])
    make: Callable[[int], Period | None] = lambda y: month_period(y, month)  # noqa: E731
    return ("month", recurring(ctx, m.start(), m.end(), make, rel))


@rule(
    r"(?:(?P<rel>(?i:last|next|this\s+past|this\s+coming|this|coming|past))\s+)?"
    rf"(?P<wd>{WEEKDAY})(?:\s+(?P<part>(?i:morning|afternoon|evening|night)))?"
)
def _weekday(m: re.Match[str], ctx: Ctx) -> tuple[str, Period] | None:
    rel = _rel(m["rel"])
    p = weekday_date(ctx, m.start(), m.end(), weekday_number(m["wd"]), rel)
    return ("weekday", p)


@rule(rf"(?<![\w$£€₹#.,/:'’])(?P<y>{YEAR})(?!\w|[.,:/-]\d|\s*(?:%|(?i:per\s*cent|percent)))")
def _year(m: re.Match[str], ctx: Ctx) -> tuple[str, Period] | None:
    before = ctx.before(m.start())
    if before.endswith("-") and not re.search(r"(?i)(?:mid|pre|post)-\Z", before):
        return None
    if _NOT_YEAR_BEFORE.search(before):
        return None
    cap = _CAP_WORD_BEFORE.search(before)
    if cap and cap[1] not in _YEAR_OK_CAPS and cap[1].rstrip(".")[:3].lower() not in _MONTH_NUM:
        return None  # "Windows 2000", "Vision 2030": part of a name
    return ("year", year_period(int(m["y"])))


@rule(rf"(?<![\w$.,/-])(?P<y1>{YEAR})\s*[-–/]\s*(?P<y2>{YEAR}|\d\d)(?![\w-]|[.,]\d)")
def _year_range(m: re.Match[str], ctx: Ctx) -> tuple[str, Period] | None:
    y1 = int(m["y1"])
    y2 = int(m["y2"]) if len(m["y2"]) == 4 else y1 // 100 * 100 + int(m["y2"])
    if len(m["y2"]) == 2 and y2 < y1:
        y2 += 100  # 1999-00
    if y2 <= y1:
        return None
    # Two consecutive years written short ("2026-27") name a fiscal or season year.
    hedge = "fiscal" if len(m["y2"]) == 2 and y2 == y1 + 1 else None
    return ("span", Period("year", date(y1, 1, 1), date(y2, 12, 31), hedge=hedge))


@rule(
    rf"(?:(?:(?i:the\s+)?(?i:fiscal)(?:\s+(?i:year))?\s+)|(?<!\w)FY\s?)(?P<y>{YEAR}|'?\d\d)"
    rf"(?:\s*[-–/]\s*(?P<y2>{YEAR}|\d\d))?(?![\w-]|[.,]\d)|(?i:the\s+)(?P<y3>{YEAR})\s+(?i:fiscal\s+year)"
)
def _fiscal(m: re.Match[str], ctx: Ctx) -> tuple[str, Period] | None:
    raw = m["y"] or m["y3"]
    y = int(raw) if len(raw) == 4 else year_from_two_digits(raw.lstrip("'"), ctx.anchor)
    if m["y2"]:
        y2 = int(m["y2"]) if len(m["y2"]) == 4 else y // 100 * 100 + int(m["y2"])
        if y2 <= y:
            return None
        return ("span", Period("year", date(y, 1, 1), date(y2, 12, 31), hedge="fiscal"))
    # Fiscal years differ by country and company (Oct-Sep, Apr-Mar, Jul-Jun, calendar): the
    # interval covers every fiscal year that ends in the named year.
    return ("year", Period("year", date(y - 1, 1, 1), date(y, 12, 31), date(y, 1, 1), None, "fiscal"))


_DECADE_WORDS = {
    w: 10 * (i + 2)
    for i, w in enumerate("twenties thirties forties fifties sixties seventies eighties nineties".split())
}


@rule(
    rf"(?<![\w$.,])(?P<y>1\d\d0|20\d0)'?s(?!\w)|(?<!\w)['’](?P<yy>\d0)s(?!\w)|"
    rf"(?i:the\s+)(?P<w>(?i:{'|'.join(_DECADE_WORDS)}))(?!\w)"
)
def _decade(m: re.Match[str], ctx: Ctx) -> tuple[str, Period] | None:
    if m["y"]:
        return ("decade", decade_period(int(m["y"])))
    yy = int(m["yy"]) if m["yy"] else _DECADE_WORDS[m["w"].lower()]
    ref = ctx.anchor.year if ctx.anchor else 2000
    # The latest decade of that name that has begun by the anchor year.
    start = max(c + yy for c in (1800, 1900, 2000) if c + yy <= ref)
    return ("decade", decade_period(start))


_ORDINAL = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_ORD = r"(?i:first|second|third|fourth|1st|2nd|3rd|4th)"


@rule(
    rf"(?:(?i:the)\s+)?(?:(?P<y0>{YEAR})(?:['’]s)?\s+|(?P<rel0>(?i:this|last|next))\s+(?i:year)['’]s\s+)?"
    rf"(?:(?i:fiscal|calendar)[- ])?(?P<q>{_ORD})[- ](?:(?i:fiscal)[- ])?(?P<unit>(?i:quarter|half))"
    rf"(?!\w)(?:\s+(?:(?i:of)\s+)?(?:(?:(?i:fiscal)\s+)?(?P<y>{YEAR})(?!\w)|(?P<rel>(?i:this|last|next))\s+(?i:year)))?"
)
def _quarter(m: re.Match[str], ctx: Ctx) -> tuple[str, Period] | None:
    n = _ORDINAL[m["q"].lower()]
    half = m["unit"].lower() == "half"
    if half and n > 2:
        return None
    make: Callable[[int], Period] = (
        (lambda y: half_period(y, n)) if half else (lambda y: quarter_period(y, n))
    )
    year = m["y0"] or m["y"]
    if year:
        return ("quarter", make(int(year)))
    rel = m["rel0"] or m["rel"]
    if rel:
        step = {"last": -1, "this": 0, "next": 1}[rel.lower()]
        return ("quarter", _resolved(ctx, "quarter", lambda a: make(a.year + step)))
    return ("quarter", recurring(ctx, m.start(), m.end(), make))


@rule(rf"(?<!\w)(?P<u>Q|H)(?P<n>[1-4])(?:\s*(?:of\s+)?(?:FY\s?)?(?P<y>{YEAR}|['’]?\d\d))?(?!\w)")
def _q_code(m: re.Match[str], ctx: Ctx) -> tuple[str, Period] | None:
    n = int(m["n"])
    if m["u"] == "H" and n > 2:
        return None
    make = (lambda y: half_period(y, n)) if m["u"] == "H" else (lambda y: quarter_period(y, n))
    if m["y"]:
        raw = m["y"].lstrip("'’")
        return ("quarter", make(int(raw) if len(raw) == 4 else year_from_two_digits(raw, ctx.anchor)))
    return ("quarter", recurring(ctx, m.start(), m.end(), make))


@rule(
    r"(?i:the\s+)?(?P<rel>(?i:last|this|next|current|latest|past|previous|most\s+recent|"
    r"coming|same))\s+(?i:quarter)(?!\w)(?!\s+of\b)|(?i:the\s+quarter)(?!\w)(?!\s+(?:of|to)\b)"
)
def _relative_quarter(m: re.Match[str], ctx: Ctx) -> tuple[str, Period] | None:
    rel = (m["rel"] or "latest").lower().split()[-1]
    if rel == "same":
        return None  # "the same quarter" points at another date in the text
    step = {"this": 0, "current": 0, "next": 1, "coming": 1}.get(rel, -1)
    return ("quarter", _resolved(ctx, "quarter", lambda a: unit_period("quarter", shift(a, "quarter", step))))


@rule(
    r"(?:(?P<rel>(?i:last|next|this\s+past|this\s+coming|this|coming|past))\s+|(?P<the>(?i:the)\s+))?"
    r"(?P<s>(?i:spring|summer|fall|autumn|winter))(?!\w)"
    rf"(?:\s+(?:(?i:of)\s+)?(?P<y>{YEAR})(?!\w|[.,]\d))?"
)
def _season(m: re.Match[str], ctx: Ctx) -> tuple[str, Period] | None:
    season = m["s"].lower()
    if m["y"]:
        return ("season", season_period(int(m["y"]), season))
    rel = _rel(m["rel"])
    if rel is None:
        if not _DATE_CUE.search(ctx.before(m.start())) or re.match(r"\s+of\b", ctx.text[m.end() :]):
            return None  # "a spring", "the fall of Rome"
        if m["s"][0].isupper() and not m["the"] and m.start() > 0:
            return None  # a name ("Summer Smith") unless it opens the sentence
    return ("season", recurring(ctx, m.start(), m.end(), lambda y: season_period(y, season), rel))


_DAY_WORDS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1, "last night": -1}


@rule(
    r"(?<!\w)(?i:(?P<w>yesterday|today|tonight|tomorrow|last\s+night)|(?P<tod>this\s+"
    r"(?:morning|afternoon|evening))|the\s+day\s+(?P<dd>before\s+yesterday|after\s+tomorrow))"
    r"(?:\s+(?P<part>(?i:morning|afternoon|evening|night)))?(?!\w)"
)
def _day_word(m: re.Match[str], ctx: Ctx) -> tuple[str, Period] | None:
    word = m["w"] or ""
    if word[:1].isupper() and m.start() > 0 and _CAP_WORD_BEFORE.search(ctx.before(m.start())):
        return None  # "USA Today", "Tomorrow Never Dies"
    if m["dd"]:
        step = -2 if m["dd"].lower().startswith("before") else 2
    else:
        step = _DAY_WORDS.get(" ".join(word.lower().split()), 0)
    return ("day", _resolved(ctx, "day", lambda a: day_period(a + timedelta(days=step))))


@rule(
    r"(?i:(?P<rel>last|this|next|earlier\s+this|later\s+this|this\s+past)\s+"
    r"(?P<unit>week|month|year|decade|weekend))(?!\w)"
)
def _relative_unit(m: re.Match[str], ctx: Ctx) -> tuple[str, Period] | None:
    rel = " ".join(m["rel"].lower().split())
    unit = m["unit"].lower()
    if unit == "weekend":
        return ("week", _resolved(ctx, "week", lambda a: _weekend(a, rel)))
    if rel == "this past":
        return _past_span(ctx, unit, 1)
    step = {"last": -1, "next": 1}.get(rel, 0)
    gran: Granularity = unit  # type: ignore[assignment]
    p = _resolved(ctx, gran, lambda a: unit_period(unit, shift(a, unit, step)))
    a = ctx.anchor
    if a and rel == "earlier this":
        p = replace(p, high=a, hedge="earlier")
    elif a and rel == "later this":
        p = replace(p, low=a, point=a, hedge="later")
    return (unit, p)


def _weekend(a: date, rel: str) -> Period:
    saturday = a + timedelta(days=5 - a.weekday())
    if rel == "last" or (rel != "next" and saturday > a):
        saturday -= timedelta(days=7)
    if rel == "next":
        saturday += timedelta(days=7)
    return Period("week", saturday, saturday + timedelta(days=1))


def _past_span(ctx: Ctx, unit: str, n: int) -> tuple[str, Period]:
    gran: Granularity = unit if unit != "day" else "day"  # type: ignore[assignment]
    a = ctx.anchor
    if a is None:
        return ("span", Period(gran, hedge="past"))
    return ("span", Period(gran, shift(a, unit, -n), a, hedge="past"))


@rule(
    rf"(?i:the\s+(?:past|last|previous)\s+(?:(?P<n>{NUMBER})\s+)?(?P<unit>{UNIT})s?)(?!\w)"
    rf"|(?i:the\s+(?P<fwd>coming|next)\s+(?:(?P<n2>{NUMBER})\s+)?(?P<unit2>{UNIT})s?)(?!\w)"
)
def _span(m: re.Match[str], ctx: Ctx) -> tuple[str, Period] | None:
    """"the past decade", "the last five years": a span ending at the anchor (and forward)."""
    unit = (m["unit"] or m["unit2"]).lower()
    raw = m["n"] or m["n2"]
    n = number_value(raw) if raw else 1
    if unit == "quarter" or (raw is None and m[0].lower().endswith("s")):
        return None
    if m["unit"]:
        return _past_span(ctx, unit, n)
    gran: Granularity = unit  # type: ignore[assignment]
    a = ctx.anchor
    return ("span", Period(gran, a, shift(a, unit, n), hedge="coming") if a else Period(gran))


@rule(
    rf"(?i:(?P<approx>nearly|almost|about|some|just|only|roughly|around|more\s+than|over)\s+)?"
    rf"(?i:(?P<n>{NUMBER}|{VAGUE})\s+(?P<unit>{UNIT})s?\s+(?P<dir>ago|earlier|from\s+now|hence))(?!\w)"
)
def _ago(m: re.Match[str], ctx: Ctx) -> tuple[str, Period] | None:
    unit = m["unit"].lower()
    forward = m["dir"].lower() in ("from now", "hence")
    if re.fullmatch(VAGUE, m["n"], re.I):
        return _ref(ctx, "future" if forward else "past")
    n = number_value(m["n"])
    step = n if forward else -n
    gran: Granularity = unit  # type: ignore[assignment]
    return (unit, _resolved(ctx, gran, lambda a: unit_period(unit, shift(a, unit, step))))


@rule(rf"(?<!\w)(?i:in\s+(?P<n>{NUMBER})\s+(?P<unit>{UNIT})s?(?P<time>['’]?\s+time)?)(?!\w)")
def _in_units(m: re.Match[str], ctx: Ctx) -> tuple[str, Period] | None:
    # "the first time in 20 years" looks back; only a future clause makes it a date ahead.
    if not m["time"] and not ctx.future(m.start(), m.end()):
        return None
    unit = m["unit"].lower()
    n = number_value(m["n"])
    gran: Granularity = unit  # type: ignore[assignment]
    return (unit, _resolved(ctx, gran, lambda a: unit_period(unit, shift(a, unit, n))))


@rule(
    r"(?<![\w:.])(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>[aApP])\.?\s?[mM](?:\.(?!\w))?"
    rf"(?!\w)(?:\s+(?P<tz>{TZ})(?!\w))?"
    rf"|(?<![\w:.])(?P<h24>[01]?\d|2[0-3]):(?P<mi24>[0-5]\d)(?![\w:])(?:\s*(?P<hrs>hrs|hours|h)\.?)?"
    rf"(?:\s+(?P<tz24>{TZ})(?!\w))?"
    r"|(?<!\w)(?P<named>(?i:noon|midnight|midday))(?!\w)"
)
def _clock(m: re.Match[str], ctx: Ctx) -> tuple[str, Period] | None:
    if m["h"]:
        hour = int(m["h"]) % 12 + (12 if m["ap"].lower() == "p" else 0)
        minute = int(m["mi"] or 0)
    elif m["h24"]:
        if not (m["hrs"] or m["tz24"] or _TIME_CUE.search(ctx.before(m.start()))):
            return None  # a score or a ratio, not a time
        hour, minute = int(m["h24"]), int(m["mi24"])
    else:
        if not _TIME_CUE.search(ctx.before(m.start())):
            return None
        hour, minute = (0, 0) if m["named"].lower() == "midnight" else (12, 0)
    return ("time", with_time(_resolved(ctx, "day", day_period), hour, minute))


def _ref(ctx: Ctx, which: str) -> tuple[str, Period] | None:
    return ("ref", Period(None, hedge=which)) if ctx.refs else None


@rule(
    r"(?<![\w'])(?i:(?P<present>now|right\s+now|currently|at\s+present|presently|these\s+days|"
    r"nowadays|at\s+the\s+moment)|(?P<past>recently|lately|previously|formerly|"
    r"(?<=in\s)the\s+past|recent\s+(?:days|weeks|months|years))|(?P<future>(?:the\s+)?"
    r"(?:near\s+|distant\s+|foreseeable\s+)?future|soon|the\s+(?:short|long|near)\s+term|"
    r"(?:the\s+)?coming\s+(?:days|weeks|months|years)))(?![\w'])"
)
def _reference(m: re.Match[str], ctx: Ctx) -> tuple[str, Period] | None:
    """"now", "recently", "in the future": TimeML's PRESENT_REF, PAST_REF, FUTURE_REF.

    Only with ``refs``: they locate nothing a report could state as a fact.
    """
    if m["future"] and "future" in m["future"].lower() and not re.search(
        r"(?i)(?:in|for|near|the|foreseeable)\s*\Z", ctx.before(m.start(), 12)
    ):
        return None  # "future growth": an adjective
    return _ref(ctx, "present" if m["present"] else "past" if m["past"] else "future")

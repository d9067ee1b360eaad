"""The date grammar behind :func:`claimgraph.extract.dates.find_dates`: calendar arithmetic,
the tense of a clause, the lexicon, the rule table, and the rules for calendar expressions
("May 28", "2026", "Q3 2024", "the 1990s", "FY2025", "summer 2023", "Christmas").

Each rule is a regular expression (compiled once, at import, and starting with a literal so the
regex engine can skip ahead) with an optional *lead* (words just before it: "last", "the"), and a
handler that turns a match into a :class:`Cand`: a kind ("day", "month", "year", ...) and a
:class:`Period` resolved against the article's date. ``dates.py`` adds the rules for expressions
that point from the article's date ("yesterday", "last week", "on Wednesday", "3 p.m."), then
joins cores into ranges and applies the words in front ("by", "early", "mid-").

Resolution rules (choices, not facts, measured on TempEval-3 where they could be):

* A recurring calendar date without a year ("May 28", "November", "summer", "the third
  quarter") takes the occurrence nearest the anchor; one on the far side of the anchor from the
  clause's tense (the nearest "will", "said", "-ed" ...) counts double the distance.
* A weekday is the closest one within the previous 6 days or the anchor day itself, because
  news reports the past; within the next 6 days when the clause speaks of the future.
* "27/06/2025": day first (the common order outside the US); month first only when the second
  number cannot be a month (06/27/2025).
* A fiscal year ("FY2025", "fiscal 2025") spans the two calendar years it may fall in, since
  fiscal years differ by country and company; "2026-27" spans both years.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from dateutil.easter import easter

from claimgraph.extract.periods import (
    Period,
    day_period,
    decade_period,
    half_period,
    month_period,
    quarter_period,
    safe_date,
    season_period,
    year_period,
)
from claimgraph.model import Granularity

# --------------------------------------------------------------------------- tense

# The nearest tense cue around a date decides whether a recurring date looks back or ahead.
# Case-sensitive on purpose: "United" is not a past tense.
_TENSE = re.compile(
    r"(?<![\w'])(?:(?P<f>will|shall|'ll|won't|wo\s+n't|would|(?:is|are|was|were)\s+to|"
    r"(?:expected|scheduled|due|set|slated|going|plans?|planned|planning|intends?|intended|"
    r"aims?|hopes?)\s+to|(?:is|are)\s+due|planned|scheduled|slated|upcoming|next|"
    r"as\s+(?:soon|early)\s+as|by)|(?P<p>was|were|had|did|said|told|went|came|took|made|met|"
    r"left|began|won|lost|saw|gave|got|held|fell|rose|led|sent|spent|paid|sold|bought|struck|"
    r"ago|last|[a-z]{2,}ed))(?![\w'])"
)
SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘`(]*[A-Z])|\n\s*\n")


@dataclass(slots=True)
class Ctx:
    """The text being read, the anchor it resolves against, and cached tense readings."""

    text: str
    anchor: date | None
    refs: bool = False
    _tense: dict[int, str | None] = field(default_factory=dict)

    def tense(self, start: int, end: int) -> str | None:
        """ "future", "past" or None: the nearest tense cue in the clause around the span."""
        if start not in self._tense:
            self._tense[start] = self._nearest_cue(start, end)
        return self._tense[start]

    def _nearest_cue(self, start: int, end: int) -> str | None:
        before = self.text[max(0, start - 80) : start]
        cuts = list(SENTENCE_END.finditer(before))
        if cuts:
            before = before[cuts[-1].end() :]
        after = self.text[end : end + 40]
        cut = SENTENCE_END.search(after)
        after = after[: cut.start()] if cut else after
        best: tuple[int, str] | None = None
        for m in _TENSE.finditer(before):
            best = (len(before) - m.end(), "future" if m["f"] else "past")
        for m in _TENSE.finditer(after):
            if best is None or m.start() < best[0]:
                best = (m.start(), "future" if m["f"] else "past")
            break
        return best[1] if best else None

    def before(self, start: int, width: int = 30) -> str:
        return self.text[max(0, start - width) : start]


def recurring(
    ctx: Ctx, span: tuple[int, int], make: Callable[[int], Period | None], rel: str | None = None
) -> Period:
    """Pick the occurrence of a yearly date (``make(year)``) that the text means.

    "last" = the latest that ended before the anchor (not the one under way), "next" = the
    earliest that begins after it, "this" = the one in the anchor's year. Otherwise the
    occurrence nearest the anchor, where one on the far side of the anchor from the clause's
    tense counts double (measured on TempEval-3: "payable Dec. 15" in a November report is
    this December; "in March, the company said" in October is this past March).
    """
    a = ctx.anchor
    gran = (make(2000) or make(2004) or Period(None)).gran
    if a is None:
        return Period(gran)
    options = [p for y in range(a.year - 2, a.year + 3) if (p := make(y))]
    if options and rel == "this":
        return next((p for p in options if p.low and p.low.year == a.year), options[-1])
    if rel == "last":
        return _latest([p for p in options if p.high and p.high < a] or options)
    if rel == "next":
        return _earliest([p for p in options if p.low and p.low > a] or options)
    if not options:
        return Period(gran)
    tense = ctx.tense(*span)

    def cost(p: Period) -> int:
        # Against the tense ("was paid Dec. 15" said in November) a date counts double.
        against = (tense == "past" and p.low and p.low > a) or (
            tense == "future" and p.high and p.high < a
        )
        return _distance(p, a) * (2 if against else 1)

    return min(options, key=cost)


def _distance(p: Period, d: date) -> int:
    assert p.low is not None and p.high is not None
    return max((p.low - d).days, (d - p.high).days, 0)


def _latest(options: list[Period]) -> Period:
    return max(options, key=lambda p: p.low or date.min)


def _earliest(options: list[Period]) -> Period:
    return min(options, key=lambda p: p.low or date.max)


# --------------------------------------------------------------------------- lexicon


def words(text: str) -> list[str]:
    return text.split()


MONTH_NAMES = words(
    "January February March April May June July August September October November December"
)
_MONTH_NUM = {name[:3].lower(): i + 1 for i, name in enumerate(MONTH_NAMES)} | {"sep": 9}
WEEKDAYS = words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
_FULL = "|".join([*MONTH_NAMES, *(n.upper() for n in MONTH_NAMES)])
_ABBR = words("Jan Feb Mar Apr Jun Jul Aug Sept Sep Oct Nov Dec")
_ABBRS_DOT = "|".join(rf"{a}\.?" for a in [*_ABBR, *(a.upper() for a in _ABBR)])
# Months and weekdays are matched case-sensitively: "may" and "march" are verbs.
MONTH = rf"(?:{_FULL}|{_ABBRS_DOT})(?![\w'])"
MONTH_FULL = rf"(?:{_FULL})(?!\w)"
WEEKDAY = "(?:" + "|".join([*WEEKDAYS, *(w.upper() for w in WEEKDAYS)]) + r")(?!\w)"
YEAR = r"(?:1[5-9]\d\d|20\d\d)"
DAY = r"(?:3[01]|[12]\d|0?[1-9])"
UNIT = r"(?:day|week|month|quarter|year|decade)"
ONES = words("one two three four five six seven eight nine")
TEENS = words("ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen")
TENS = words("twenty thirty forty fifty sixty seventy eighty ninety")
WORD_NUMBERS = (
    {w: i + 1 for i, w in enumerate(ONES)}
    | {w: i + 10 for i, w in enumerate(TEENS)}
    | {w: 10 * (i + 2) for i, w in enumerate(TENS)}
    | {"a": 1, "an": 1, "a couple of": 2, "couple of": 2}
)
NUMBER = r"(?:\d{1,3}|" + "|".join(sorted(WORD_NUMBERS, key=len, reverse=True)) + ")"
VAGUE = r"(?:a\s+few|few|several|some|many)"


def ci(*words: str) -> str:
    """The words capitalised or not, as flat alternatives: a pattern that starts with literals lets
    the regex engine skip ahead; ``(?i)``, ``[Ww]`` and leading groups make it crawl."""
    return "|".join(f"{w[0].upper()}{w[1:]}|{w}" for w in words)


def month_number(name: str) -> int:
    return _MONTH_NUM[name.lower().rstrip(".")[:3]]


def weekday_number(name: str) -> int:
    return [w.lower() for w in WEEKDAYS].index(name.lower())


def number_value(word: str) -> int:
    word = " ".join(word.lower().split())
    return int(word) if word.isdigit() else WORD_NUMBERS[word]


def spelled_number(words: str) -> int:
    """ "ninety-six" -> 96, "seventeen" -> 17, "five" -> 5."""
    return sum(WORD_NUMBERS[w] for w in re.split(r"[\s-]+", words.lower()) if w in WORD_NUMBERS)


def year_from_two_digits(yy: str, anchor: date | None) -> int:
    """'98 -> 1998 and '25 -> 2025: the century that puts the year nearest the anchor."""
    n = int(yy)
    ref = anchor.year if anchor else 2000
    return min((c + n for c in (1900, 2000, 2100)), key=lambda y: abs(y - ref))


# --------------------------------------------------------------------------- rules


@dataclass(frozen=True, slots=True)
class Cand:
    """A found expression: ``text[start:end]``, the kind of core it is, and its period."""

    start: int
    end: int
    kind: str
    period: Period


Found = tuple[str, Period] | None
Handler = Callable[[re.Match[str], "re.Match[str] | None", Ctx], Found]


@dataclass(frozen=True, slots=True)
class Rule:
    pattern: re.Pattern[str]
    lead: re.Pattern[str] | None
    handler: Handler
    refs_only: bool  # runs only when "now", "recently" ... are asked for
    digits: bool  # cannot match without a digit: skipped on text that has none


RULES: list[Rule] = []
_DIGIT = re.compile(r"\d")


def rule(
    pattern: str, lead: str | None = None, refs_only: bool = False, digits: bool = False
) -> Callable[[Handler], Handler]:
    """Register a handler for ``pattern``. ``lead`` matches words just before it ("last",
    "the", "nearly"), kept apart so every pattern starts with a literal; when it matches, the
    found expression starts where the lead does."""

    def register(fn: Handler) -> Handler:
        compiled_lead = re.compile(rf"(?<![\w-])(?:{lead})\Z") if lead else None
        RULES.append(Rule(re.compile(pattern), compiled_lead, fn, refs_only, digits))
        return fn

    return register


def scan(ctx: Ctx) -> list[Cand]:
    """Every core expression in the text, the longest winning where two overlap."""
    text = ctx.text
    found: list[Cand] = []
    has_digit = _DIGIT.search(text) is not None
    for r in RULES:
        if (r.refs_only and not ctx.refs) or (r.digits and not has_digit):
            continue
        for m in r.pattern.finditer(text):
            s = m.start()
            if s and text[s - 1].isalnum() and text[s].isalnum():
                continue  # inside a word
            lead = r.lead.search(text, max(0, s - 40), s) if r.lead else None
            got = r.handler(m, lead, ctx)
            if got is not None:
                found.append(Cand(lead.start() if lead else s, m.end(), got[0], got[1]))
    return longest_first(found)


def longest_first(cands: list[Cand]) -> list[Cand]:
    """Non-overlapping candidates, longer ones first (earlier on ties), in text order."""
    starts: list[int] = []  # kept candidates, sorted by start, as parallel lists for bisect
    kept: list[Cand] = []
    for c in sorted(cands, key=lambda c: (c.start - c.end, c.start)):
        i = bisect_left(starts, c.start)
        if (i < len(kept) and kept[i].start < c.end) or (i and kept[i - 1].end > c.start):
            continue
        starts.insert(i, c.start)
        kept.insert(i, c)
    return kept


def with_time(p: Period, hour: int, minute: int) -> Period:
    return replace(p, time=f"{hour:02d}:{minute:02d}")


def resolved(ctx: Ctx, gran: Granularity, make: Callable[[date], Period]) -> Period:
    """``make(anchor)``, or an unresolved period of ``gran`` when there is no anchor."""
    return make(ctx.anchor) if ctx.anchor else Period(gran)


def relation(lead: re.Match[str] | None, group: str = "rel") -> str | None:
    """The lead word as last / next / this ("this past" = last, "coming" = next)."""
    word = lead[group] if lead and lead[group] else None
    if not word:
        return None
    word = " ".join(word.lower().split())
    table = {"this past": "last", "past": "last", "previous": "last", "this coming": "next"}
    return (table | {"coming": "next", "current": "this"}).get(word, word)


REL = r"(?P<rel>[Ll]ast|[Nn]ext|[Tt]his\s+past|[Tt]his\s+coming|[Tt]his|[Cc]oming|[Pp]ast)\s+"


# Words before a bare month (or a season) that make it a date, not a verb or a name.
_DATE_CUE = re.compile(
    r"(?i)(?:(?<!\w)(?:in|since|until|till|by|before|after|during|through|throughout|from|to|"
    r"of|early|late|mid|end|beginning|start|middle|between|and|or|on|over|for|around)\s+"
    r"(?:the\s+)?|mid-)\Z"
)
_SEASON_CUE = re.compile(
    r"(?i)(?:(?<!\w)(?:in|since|until|till|by|before|after|during|through|throughout|over|"
    r"early|late|mid|end|beginning|start|middle)\s+(?:the\s+)?|mid-)\Z"
)
# A four-digit number after these is a count or an amount, not a year.
_NOT_YEAR_BEFORE = re.compile(
    r"(?i)(?:(?<!\w)(?:about|some|nearly|almost|over|than|around|roughly|approximately|least|"
    r"only|just|total|number|no\.|top|page|flight|room|route|highway|model|to)\s+|[$£€₹#]\s*)\Z"
)
_CAP_WORD_BEFORE = re.compile(r"(?<![.!?:;\"'`“‘(]\s)(?<![.!?:;\"'`“‘(])\b([A-Z][\w.&'-]*)\s+\Z")
_YEAR_OK_CAPS = frozenset(
    words(
        "In Since By From Until Of Through After Before During For To And Or The Early Late "
        "Mid End Spring Summer Fall Autumn Winter Christmas Easter Year Fiscal FY Class Around "
        "Between"
    )
)


def after_name(before: str) -> bool:
    """Whether ``before`` ends in a capitalised word that is not a month, a preposition or the
    start of a sentence: "Windows 2000", "USA Today" are names, not dates."""
    cap = _CAP_WORD_BEFORE.search(before)
    if cap is None:
        return False
    return cap[1] not in _YEAR_OK_CAPS and cap[1][:3].lower() not in _MONTH_NUM


@rule(r"[12]\d{3}-\d\d-\d\d(?:[T ](?:[01]\d|2[0-3]):[0-5]\d(?::\d\d)?)?(?![\w-])", digits=True)
def _iso_date(m: re.Match[str], lead: re.Match[str] | None, ctx: Ctx) -> Found:
    if m.start() and ctx.text[m.start() - 1] in "/.-":
        return None
    d = safe_date(int(m[0][:4]), int(m[0][5:7]), int(m[0][8:10]))
    if d is None:
        return None
    p = day_period(d)
    return ("day", with_time(p, int(m[0][11:13]), int(m[0][14:16])) if len(m[0]) > 10 else p)


@rule(r"(\d{1,2})([/.])(\d{1,2})\2(\d{4}|(?<=/)\d{2})(?![\w/]|[.,]\d)", digits=True)
def _numeric_date(m: re.Match[str], lead: re.Match[str] | None, ctx: Ctx) -> Found:
    if m.start() and ctx.text[m.start() - 1] in "/.,-":
        return None
    first, second = int(m[1]), int(m[3])
    year = int(m[4]) if len(m[4]) == 4 else year_from_two_digits(m[4], ctx.anchor)
    # Day first unless the second number cannot be a month (see the module docstring).
    day, month = (second, first) if second > 12 else (first, second)
    d = safe_date(year, month, day)
    return ("day", day_period(d)) if d else None


_WD_LEAD = rf"(?P<wd>{WEEKDAY}),?\s+"
_YEAR_TAIL = rf"(?:,?\s+(?P<y>{YEAR})(?!\w|[.,]\d))?"


@rule(
    rf"(?P<mon>{MONTH})\s+(?P<d>{DAY})(?:st|nd|rd|th)?(?!\w|[.,:]\d)"
    rf"(?:\s*(?:-|–|to|through)\s*(?P<d2>{DAY})(?!\w|[.,:]\d))?{_YEAR_TAIL}",
    lead=_WD_LEAD,
    digits=True,
)
@rule(
    rf"(?P<d>\d\d?)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{MONTH}){_YEAR_TAIL}",
    lead=rf"(?:{_WD_LEAD})?(?:[Tt]he\s+)?",
    digits=True,
)
def _day_of_month(m: re.Match[str], lead: re.Match[str] | None, ctx: Ctx) -> Found:
    """ "May 28", "28 May 2025", "Monday, Oct. 26", "the 5th of June", "May 5-7"."""
    if (m.start() and ctx.text[m.start() - 1] in ".,$") or not 1 <= int(m["d"]) <= 31:
        return None
    month, day = month_number(m["mon"]), int(m["d"])
    last = int(m["d2"]) if m.groupdict().get("d2") else day
    weekday = weekday_number(lead["wd"]) if lead and lead["wd"] else None

    def make(year: int) -> Period | None:
        low, high = safe_date(year, month, day), safe_date(year, month, last)
        if low is None or high is None or low > high:
            return None
        # "Monday, Oct. 26" names its year: only the year where Oct. 26 is a Monday fits.
        return Period("day", low, high) if weekday in (None, low.weekday()) else None

    around = ctx.anchor.year if ctx.anchor else 2000
    years = [int(m["y"])] if m["y"] else range(around - 2, around + 3)
    if not any(make(y) for y in years):
        weekday = None  # no year near fits the weekday: take it as a slip, keep month and day
    if m["y"]:
        p = make(int(m["y"]))
        return ("day", p) if p else None
    if not any(make(y) for y in years):
        return None  # Feb 30 and the like
    return ("day", recurring(ctx, (m.start(), m.end()), make))


@rule(rf"(?P<mon>{MONTH}),?\s+(?:of\s+)?(?:(?P<y>{YEAR})(?!\w|[.,]\d)|{REL}year(?!\w))")
def _month_year(m: re.Match[str], lead: re.Match[str] | None, ctx: Ctx) -> Found:
    month = month_number(m["mon"])
    if m["y"]:
        return ("month", month_period(int(m["y"]), month))
    step = {"last": -1, "next": 1}.get(relation(m) or "", 0)
    return ("month", resolved(ctx, "month", lambda a: month_period(a.year + step, month)))


@rule(MONTH_FULL, lead=REL)
def _month(m: re.Match[str], lead: re.Match[str] | None, ctx: Ctx) -> Found:
    rel = relation(lead)
    if rel is None:
        cued = bool(_DATE_CUE.search(ctx.before(m.start())))
        if m[0].lower() in ("may", "march") and not cued:
            return None  # the modal verb, the verb, or a name
        if not cued and re.match(r"\s+[A-Z][a-z]", ctx.text[m.end() : m.end() + 3]):
            return None  # a first name: "April Ryan", "June Carter"
    month = month_number(m[0])
    return ("month", recurring(ctx, (m.start(), m.end()), lambda y: month_period(y, month), rel))


# Words after a four-digit number that make it a count or a measure, not a year.
_COUNTED = re.compile(
    r"\s+(?:people|persons|troops|soldiers|workers|jobs|members|units|votes|seats|cases|deaths|"
    r"dead|homes|houses|cars|vehicles|tonnes|tons|km|kg|miles|metres|meters|feet|acres|"
    r"hectares|dollars|euros|rupees|crore|lakh|million|billion|percent|per\s*cent|%)(?!\w)"
)
# A year said plainly, with no "in", "since", "by" ... before it.
_YEAR_CUE = re.compile(r"(?i)(?<!\w)(?:in|since|by|of|from|until|till|before|after|during)\s+\Z")


@rule(rf"{YEAR}(?!\w|[.,:/-]\d)", digits=True)
def _year(m: re.Match[str], lead: re.Match[str] | None, ctx: Ctx) -> Found:
    """ "2018", "in 2018"; not "2000 troops", "about 1500", "Windows 2000", "$2019"."""
    before = ctx.before(m.start())
    if before[-1:] and before[-1] in "$£€₹#.,/:'’":
        return None
    if before.endswith("-") and not re.search(r"(?i)(?:mid|pre|post)-\Z", before):
        return None
    if _NOT_YEAR_BEFORE.search(before) or after_name(before) or _COUNTED.match(ctx.text, m.end()):
        return None
    year = int(m[0])
    if (year < 1800 or year % 100 == 0) and not _YEAR_CUE.search(before):
        return None  # "1500 jobs", "2000 were hurt": counts more often than years
    return ("year", year_period(year))


@rule(rf"(?P<y1>{YEAR})\s*[-–/]\s*(?P<y2>{YEAR}|\d\d)(?![\w-]|[.,]\d)", digits=True)
def _year_range(m: re.Match[str], lead: re.Match[str] | None, ctx: Ctx) -> Found:
    if m.start() and ctx.text[m.start() - 1] in "$.,/-":
        return None
    y1 = int(m["y1"])
    y2 = int(m["y2"]) if len(m["y2"]) == 4 else y1 // 100 * 100 + int(m["y2"])
    y2 += 100 if len(m["y2"]) == 2 and y2 < y1 else 0  # 1999-00
    if y2 <= y1:
        return None
    # Two consecutive years written short ("2026-27") name a fiscal (or season) year.
    hedge = "fiscal" if len(m["y2"]) == 2 and y2 == y1 + 1 else None
    return ("span", Period("year", date(y1, 1, 1), date(y2, 12, 31), hedge=hedge))


@rule(
    rf"(?P<f>{ci('fiscal')}|FY)(?:\s+year)?\s*(?P<y>{YEAR}|['’]?\d\d)"
    rf"(?:\s*[-–/]\s*(?P<y2>{YEAR}|\d\d))?(?![\w-]|[.,]\d)",
    lead=r"[Tt]he\s+",
)
def _fiscal(m: re.Match[str], lead: re.Match[str] | None, ctx: Ctx) -> Found:
    if m["f"] != "FY" and m[0][len(m["f"])].isdigit():
        return None
    raw = m["y"].lstrip("'’")
    y = int(raw) if len(raw) == 4 else year_from_two_digits(raw, ctx.anchor)
    if m["y2"]:
        y2 = int(m["y2"]) if len(m["y2"]) == 4 else y // 100 * 100 + int(m["y2"])
        if y2 <= y:
            return None
        return ("span", Period("year", date(y, 1, 1), date(y2, 12, 31), hedge="fiscal"))
    # Fiscal years differ by country and company (Oct-Sep, Apr-Mar, Jul-Jun, calendar): the
    # interval covers every fiscal year that ends in the named year.
    return (
        "year",
        Period("year", date(y - 1, 1, 1), date(y, 12, 31), date(y, 1, 1), None, "fiscal"),
    )


_DECADE_WORDS = {w: 10 * (i + 2) for i, w in enumerate(TENS)}


@rule(r"(?P<y>1\d\d0|20\d0)['’]?s(?!\w)", digits=True)
def _decade_number(m: re.Match[str], lead: re.Match[str] | None, ctx: Ctx) -> Found:
    if m.start() and ctx.text[m.start() - 1] in "$.,":
        return None
    return ("decade", decade_period(int(m["y"])))


@rule(r"'(?P<yy>\d0)s(?!\w)", lead=r"[Tt]he\s+", digits=True)
@rule(r"’(?P<yy>\d0)s(?!\w)", lead=r"[Tt]he\s+", digits=True)
@rule(r"(?P<w>" + "|".join(w[:-1] + "ies" for w in TENS) + r")(?!\w)", lead=r"[Tt]he\s+")
def _decade(m: re.Match[str], lead: re.Match[str] | None, ctx: Ctx) -> Found:
    """ "the '90s", "the nineties": the latest such decade begun by the anchor year."""
    words = m.groupdict().get("w")
    if words and lead is None:
        return None  # "in his forties" is an age
    yy = _DECADE_WORDS[words[:-3] + "y"] if words else int(m["yy"])
    ref = ctx.anchor.year if ctx.anchor else 2000
    start = max(c + yy for c in (1800, 1900, 2000) if c + yy <= ref)
    return ("decade", decade_period(start))


_ORDINAL = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
}
_ORD = ci("first", "second", "third", "fourth") + "|1st|2nd|3rd|4th"


@rule(
    rf"(?P<q>{_ORD})[- ](?:fiscal[- ])?(?P<unit>quarter|half)(?!\w)"
    rf"(?:\s+(?:of\s+)?(?:(?:fiscal\s+)?(?P<y>{YEAR})(?!\w)|{REL}year))?",
    lead=rf"(?:[Tt]he\s+)?(?:(?P<y0>{YEAR})(?:['’]s)?\s+|(?P<rel>[Tt]his|[Ll]ast|[Nn]ext)\s+year['’]s\s+)?"
    r"(?:(?:[Ff]iscal|[Cc]alendar)[- ])?|[Tt]he\s+",
)
def _quarter(m: re.Match[str], lead: re.Match[str] | None, ctx: Ctx) -> Found:
    n = _ORDINAL[m["q"].lower()]
    half = m["unit"] == "half"
    if half and n > 2:
        return None
    make: Callable[[int], Period] = (
        (lambda y: half_period(y, n)) if half else (lambda y: quarter_period(y, n))
    )
    year = (lead["y0"] if lead else None) or m["y"]
    if year:
        return ("quarter", make(int(year)))
    rel = relation(lead) or relation(m)
    if rel:
        step = {"last": -1, "next": 1}.get(rel, 0)
        return ("quarter", resolved(ctx, "quarter", lambda a: make(a.year + step)))
    return ("quarter", recurring(ctx, (m.start(), m.end()), make))


@rule(
    rf"(?P<u>Q|H)(?P<n>[1-4])(?:\s*(?:of\s+)?(?:FY\s?)?(?P<y>{YEAR}|['’]\d\d))?(?!\w)", digits=True
)
def _q_code(m: re.Match[str], lead: re.Match[str] | None, ctx: Ctx) -> Found:
    n = int(m["n"])
    if m["u"] == "H" and n > 2:
        return None
    make = (lambda y: half_period(y, n)) if m["u"] == "H" else (lambda y: quarter_period(y, n))
    if m["y"]:
        raw = m["y"].lstrip("'’")
        return (
            "quarter",
            make(int(raw) if len(raw) == 4 else year_from_two_digits(raw, ctx.anchor)),
        )
    return ("quarter", recurring(ctx, (m.start(), m.end()), make))


@rule(
    rf"(?P<s>{ci('spring', 'summer', 'fall', 'autumn', 'winter')})(?!\w)"
    rf"(?:\s+(?:of\s+)?(?P<y>{YEAR})(?!\w|[.,]\d))?",
    lead=rf"{REL}|(?P<the>[Tt]he)\s+",
)
def _season(m: re.Match[str], lead: re.Match[str] | None, ctx: Ctx) -> Found:
    season = m["s"].lower()
    if m["y"]:
        return ("season", season_period(int(m["y"]), season))
    rel = relation(lead)
    if rel is None:
        start = lead.start() if lead else m.start()
        if not _SEASON_CUE.search(ctx.before(start)) or re.match(r"\s+of\b", ctx.text[m.end() :]):
            return None  # "a spring", "prices fall", "the fall of Rome"
    return ("season", recurring(ctx, (m.start(), m.end()), lambda y: season_period(y, season), rel))


_HOLIDAYS = {
    "christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25),
    "new year's day": (1, 1), "new year's eve": (12, 31), "halloween": (10, 31),
    "independence day": (7, 4), "valentine's day": (2, 14), "boxing day": (12, 26),
}  # fmt: skip


def holiday(name: str, year: int) -> date | None:
    """The date of a holiday in ``year``: fixed ones, Easter, and US Thanksgiving."""
    key = " ".join(name.lower().replace("’", "'").split())
    if key in _HOLIDAYS:
        return date(year, *_HOLIDAYS[key])
    if key.startswith("easter"):
        return easter(year)
    if key.startswith("thanksgiving"):  # the fourth Thursday of November
        first = date(year, 11, 1)
        return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
    return None


@rule(
    r"(?P<h>Christmas(?:\s+(?:Eve|Day))?|New\s+Year['’]s\s+(?:Day|Eve)|Thanksgiving(?:\s+Day)?|"
    r"Independence\s+Day|Halloween|Valentine['’]s\s+Day|Easter(?:\s+Sunday)?|Boxing\s+Day)(?!\w)"
    rf"(?:,?\s+(?P<y>{YEAR})(?!\w))?",
    lead=REL,
)
def _holiday(m: re.Match[str], lead: re.Match[str] | None, ctx: Ctx) -> Found:
    if m["y"]:
        d = holiday(m["h"], int(m["y"]))
        return ("day", day_period(d)) if d else None

    def make(year: int) -> Period | None:
        d = holiday(m["h"], year)
        return day_period(d) if d else None

    return ("day", recurring(ctx, (m.start(), m.end()), make, relation(lead)))


_SPELLED = rf"(?:{'|'.join(TENS)})(?:-(?:{'|'.join(ONES)}))?|{'|'.join(TEENS)}"


@rule(
    rf"(?P<c>{ci('nineteen', 'eighteen')})[\s-]+(?P<n>{_SPELLED}|hundred)(?!\w)",
    lead=r"[Tt]he\s+year\s+|[Ii]n\s+",
)
@rule(
    rf"(?P<t>two\s+thousand)(?:\s+(?:and\s+)?(?P<n2>{'|'.join(ONES)}|{_SPELLED}))?(?!\w)",
    lead=r"[Tt]he\s+year\s+|[Ii]n\s+",
)
def _spelled_year(m: re.Match[str], lead: re.Match[str] | None, ctx: Ctx) -> Found:
    """Years as transcripts write them: "nineteen ninety-six", "the year two thousand"."""
    if m.groupdict().get("t"):
        if lead is None:
            return None  # "two thousand troops"
        return ("year", year_period(2000 + (spelled_number(m["n2"]) if m["n2"] else 0)))
    century = 1900 if m["c"].lower() == "nineteen" else 1800
    return ("year", year_period(century + (0 if m["n"] == "hundred" else spelled_number(m["n"]))))

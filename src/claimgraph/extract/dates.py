"""Time expressions: finding them, resolving them against the article's date, comparing them.

``find_dates(text, anchor)`` returns one ``Mention`` (label ``DATE``) per expression, with a
``Value`` of kind ``date``: ``low``/``high`` are ISO days bounding what the words allow, ``value``
is the day the text names (the start of the period it names, the deadline of "by 2026", or
``YYYY-MM-DDTHH:MM`` for a clock time), ``granularity`` says how precise the words were
(a clock time is "day" precision with the time kept in ``value``) and ``hedge`` keeps words that
change the meaning ("by", "before", "fiscal", "early", "mid", "late", "earlier", "past", ...).

Work happens in four passes: the rules find core expressions (calendar ones in
:mod:`dategrammar`, the ones that point from the article's date here); "a year earlier" is
counted from the date just named; cores joined by "and", "to", "between ... and" become one range
("in 2026 and 2027"); then words in front narrow or bound them ("early 2026", "mid-May", "by
2026", "before June"). Durations ("for three years") are not dates: the value grammar has them.
Known gaps: parts of days ("Friday night" is Friday), "the previous Friday", "that year".
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from claimgraph.extract.dategrammar import (
    NUMBER,
    REL,
    SENTENCE_END,
    UNIT,
    VAGUE,
    WEEKDAY,
    Cand,
    Ctx,
    Found,
    after_name,
    ci,
    longest_first,
    number_value,
    relation,
    resolved,
    rule,
    scan,
    weekday_number,
    with_time,
)
from claimgraph.extract.periods import (
    SEASONS,
    Period,
    add_months,
    day_period,
    month_end,
    season_period,
    shift,
    unit_period,
    year_period,
)
from claimgraph.model import Granularity, Mention, Value

__all__ = ["dates_compatible", "find_dates", "resolve_iso", "timeline_key"]

DEADLINE_HEDGES = frozenset({"by", "before"})

# Cores that may be joined into one range; "and"/"or" join only years or after "between".
_JOIN = re.compile(r"\s*(?:-|–|—|(?i:to|through|until|till|and|or))\s*\Z")
_BETWEEN = re.compile(r"(?i)(?<!\w)(?P<w>between|from)\s+\Z")
_RANGE_KINDS = frozenset({"day", "month", "year", "quarter", "season", "decade", "weekday"})
# "3 p.m. Thursday", "3 p.m. on May 5", "Thursday at 3 p.m.", "May 5, 10:30 am".
_TIME_THEN_DAY = re.compile(r"(?:\s*,)?\s+(?:(?i:on)\s+)?\Z")
_DAY_THEN_TIME = re.compile(r"(?:\s*,)?\s+(?:(?i:at|around|about)\s+)?\Z")
_DAY_KINDS = frozenset({"day", "weekday"})
# Words in front that narrow a period ("early 2026", "mid-May", "the end of 2024") ...
_NARROW = re.compile(
    r"(?i)(?<!\w)(?:(?:the\s+)?(?P<a>early|mid|late|end|beginning|start|middle)(?:-|\s+)|"
    r"the\s+(?P<b>end|beginning|start|middle)\s+of\s+(?:the\s+)?)\Z"
)
# ... and words that turn it into a deadline ("by 2026", "before June", "no later than May 1").
_DEADLINE = re.compile(r"(?i)(?<!\w)(?P<w>by|before|no\s+later\s+than)\s+\Z")
_SEASON_CODES = ("WI", "SP", "SU", "FA")  # by month % 12 // 3


def find_dates(text: str, anchor: str | None, *, refs: bool = False) -> list[Mention]:
    """Every time expression in ``text``, resolved against ``anchor`` (``YYYY-MM-DD``).

    Without an anchor, expressions that need one ("yesterday", "on Wednesday") are still found,
    with ``value`` None. ``refs`` also returns "now", "recently", "soon" and the like (value
    None, ``hedge`` "present"/"past"/"future"): TimeML annotates them, a report rarely states
    them as facts, so they are off by default.
    """
    ctx = Ctx(text, _parse_anchor(anchor), refs)
    cands = _join_times(_join_ranges(_rebase(scan(ctx), text), text), text)
    cands = longest_first([_apply_prefixes(c, text) for c in cands])
    return [_mention(c, text) for c in cands]


def _parse_anchor(anchor: str | None) -> date | None:
    if not anchor:
        return None
    try:
        return date.fromisoformat(anchor[:10])
    except ValueError:
        return None


def _mention(c: Cand, text: str) -> Mention:
    surface = text[c.start : c.end]
    return Mention(c.start, c.end, surface, "DATE", _value(c.period, surface))


def _value(p: Period, surface: str) -> Value:
    low = p.low.isoformat() if p.low else None
    high = p.high.isoformat() if p.high else None
    point: str | None
    if p.low is None and p.high is None:
        point = None
    elif p.hedge in DEADLINE_HEDGES:
        point = high
    else:
        point = (p.point or p.low or p.high or date.min).isoformat()
        if p.time:
            point = f"{point}T{p.time}"
    return Value("date", point, low, high, None, surface, p.gran, p.hedge)


# --------------------------------------------------------------------------- rules: deixis
# Expressions that point from the article's own date: weekdays, "yesterday", "last week", "two
# years ago", clock times, "now". The calendar expressions ("May 28", "2026", "Q3") are in
# dategrammar.py; both register into the same rule table.

_TIME_CUE = re.compile(r"(?i)(?<!\w)(?:at|by|until|till|from|around|about|before|after|to)\s+\Z")
TZ = r"(?:GMT|UTC|EST|EDT|CST|CDT|MST|MDT|PST|PDT|BST|CET|CEST|IST|PKT|JST|AEST|ET|PT|local\s+time)"


def weekday_date(ctx: Ctx, span: tuple[int, int], weekday: int, rel: str | None) -> Period:
    """A weekday: the closest one within the previous 6 days or the anchor day itself (news
    reports the past), or within the next 6 days when the clause speaks of the future; "last
    Friday" is 1-7 days back, "next Friday" 1-7 days ahead."""
    a = ctx.anchor
    if a is None:
        return Period("day")
    back = (a.weekday() - weekday) % 7
    ahead = (weekday - a.weekday()) % 7
    if rel == "last":
        return day_period(a - timedelta(days=back or 7))
    if rel == "next":
        return day_period(a + timedelta(days=ahead or 7))
    if ctx.tense(*span) == "future":
        return day_period(a + timedelta(days=ahead))
    return day_period(a - timedelta(days=back))


@rule(rf"{WEEKDAY}(?:\s+(?P<part>morning|afternoon|evening|night))?", lead=REL)
def _weekday(m: re.Match[str], lead: re.Match[str] | None, ctx: Ctx) -> Found:
    wd = weekday_number(m[0].split()[0])
    return ("weekday", weekday_date(ctx, (m.start(), m.end()), wd, relation(lead)))


@rule(
    r"quarter(?!\w)(?!\s+(?:of|to|century|mile|point|final)\b)",
    lead=r"(?:[Tt]he\s+)?(?P<rel>[Ll]ast|[Tt]his|[Nn]ext|[Cc]urrent|[Ll]atest|[Pp]ast|[Pp]revious|"
    r"[Mm]ost\s+recent|[Cc]oming)\s+|[Tt]he\s+",
)
def _relative_quarter(m: re.Match[str], lead: re.Match[str] | None, ctx: Ctx) -> Found:
    if lead is None:
        return None
    rel = (lead["rel"] or "latest").lower().split()[-1]
    # "the quarter" in a report is the latest one reported on: the last completed quarter.
    step = {"this": 0, "current": 0, "next": 1, "coming": 1}.get(rel, -1)
    return (
        "quarter",
        resolved(ctx, "quarter", lambda a: unit_period("quarter", shift(a, "quarter", step))),
    )


_DAY_WORDS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
_PARTS = ("morning", "afternoon", "evening", "night")


@rule(
    rf"(?P<w>{ci('yesterday', 'today', 'tonight', 'tomorrow')}|night|morning|afternoon|evening)"
    r"(?:\s+(?:morning|afternoon|evening|night))?(?!\w)",
    lead=r"(?P<rel>[Ll]ast|[Tt]his)\s+|[Tt]he\s+day\s+(?P<dd>before|after)\s+",
)
def _day_word(m: re.Match[str], lead: re.Match[str] | None, ctx: Ctx) -> Found:
    """ "yesterday", "tomorrow night", "the day before yesterday", "last night", "this morning"."""
    word = m["w"].lower()
    if word in _PARTS:
        rel = lead["rel"].lower() if lead and lead["rel"] else None
        if rel is None or m[0] != m["w"] or (rel == "last" and word != "night"):
            return None  # "the night", "last morning"
        step = -1 if rel == "last" else 0
    else:
        if m[0][0] in "YT" and after_name(ctx.before(m.start())):
            return None  # "USA Today"
        step = _DAY_WORDS[word]
        if lead and lead["dd"]:
            step += -1 if lead["dd"] == "before" else 1
    return ("day", resolved(ctx, "day", lambda a: day_period(a + timedelta(days=step))))


@rule(
    r"(?P<unit>week|month|year|decade|weekend)(?!\w)",
    lead=r"(?P<rel>[Ll]ast|[Tt]his|[Nn]ext|[Ee]arlier\s+this|[Ll]ater\s+this|[Tt]his\s+past|"
    r"[Tt]he\s+current|[Tt]he)\s+",
)
def _relative_unit(m: re.Match[str], lead: re.Match[str] | None, ctx: Ctx) -> Found:
    if lead is None:
        return None
    rel = " ".join(lead["rel"].lower().split()).replace("the current", "this")
    unit = m["unit"]
    if rel == "the" and unit != "weekend" and not _unit_edge(ctx, lead.start()):
        return None
    if unit == "weekend":
        return (
            "week",
            resolved(ctx, "week", lambda a: _weekend(ctx, (m.start(), m.end()), a, rel)),
        )
    if rel == "this past":
        return _past_span(ctx, unit, 1)
    step = {"last": -1, "next": 1}.get(rel, 0)
    p = resolved(ctx, unit, lambda a: unit_period(unit, shift(a, unit, step)))  # type: ignore[arg-type]
    if ctx.anchor and rel == "earlier this":
        p = replace(p, high=ctx.anchor, hedge="earlier")
    elif ctx.anchor and rel == "later this":
        p = replace(p, low=ctx.anchor, point=ctx.anchor, hedge="later")
    return (unit, p)


def _unit_edge(ctx: Ctx, start: int) -> bool:
    """ "the year" alone is a date only as "the end / beginning / middle of the year"."""
    return bool(re.search(r"(?i)(?:end|beginning|start|middle)\s+of\s+\Z", ctx.before(start, 16)))


def _weekend(ctx: Ctx, span: tuple[int, int], a: date, rel: str) -> Period:
    saturday = a + timedelta(days=5 - a.weekday())
    if rel == "last" or (rel == "the" and saturday > a and ctx.tense(*span) != "future"):
        saturday -= timedelta(days=7)
    if rel == "next":
        saturday += timedelta(days=7)
    return Period("week", saturday, saturday + timedelta(days=1))


def _past_span(ctx: Ctx, unit: str, n: int) -> tuple[str, Period]:
    gran: Granularity = unit  # type: ignore[assignment]
    a = ctx.anchor
    return ("span", Period(gran, shift(a, unit, -n), a, hedge="past") if a else Period(gran))


@rule(
    rf"(?P<dir>past|last|previous|coming|next)\s+(?:(?P<n>{NUMBER})\s+)?(?P<unit>{UNIT})s?(?!\w)",
    lead=r"[Tt]he\s+",
)
def _span(m: re.Match[str], lead: re.Match[str] | None, ctx: Ctx) -> Found:
    """ "the past decade", "the last five years": a span ending at the anchor (and forward)."""
    unit, raw = m["unit"], m["n"]
    n = number_value(raw) if raw else 1
    if lead is None or unit == "quarter" or (raw is None and m[0].endswith("s")):
        return None
    if m["dir"] in ("past", "last", "previous"):
        return _past_span(ctx, unit, n)
    gran: Granularity = unit  # type: ignore[assignment]
    a = ctx.anchor
    return ("span", Period(gran, a, shift(a, unit, n), hedge="coming") if a else Period(gran))


@rule(
    r"(?:ago|earlier|later|from\s+now|hence)(?!\w)",
    lead=r"(?i:(?:(?:nearly|almost|about|some|just|only|roughly|around|more\s+than|over)\s+)?"
    rf"(?P<n>{NUMBER}|{VAGUE})\s+(?P<unit>{UNIT})s?\s+)",
)
def _ago(m: re.Match[str], lead: re.Match[str] | None, ctx: Ctx) -> Found:
    """ "two weeks ago" (from the anchor); "a year earlier", "two days later" (from the anchor
    until ``dates.py`` finds the date they are counted from)."""
    if lead is None:
        return None
    unit = lead["unit"].lower()
    forward = m[0] in ("hence", "later") or m[0].startswith("from")
    if re.fullmatch(VAGUE, lead["n"], re.I):
        return ("ref", Period(None, hedge="future" if forward else "past")) if ctx.refs else None
    n = number_value(lead["n"])
    if unit == "decade":  # "a decade ago" names a year, ten years back
        unit, n = "year", 10 * n
    step = n if forward else -n
    gran: Granularity = unit  # type: ignore[assignment]
    p = resolved(ctx, gran, lambda a: unit_period(unit, shift(a, unit, step)))
    kind = "ago" if m[0] in ("ago", "hence") or m[0].startswith("from") else "earlier"
    return (kind, replace(p, shift=(unit, step)))


@rule(r"(?:year|Year)[- ](?:earlier|ago)(?!\w)")
def _year_ago(m: re.Match[str], lead: re.Match[str] | None, ctx: Ctx) -> Found:
    """ "year-earlier results", "the year-ago quarter": the same period a year before."""
    p = resolved(ctx, "year", lambda a: year_period(a.year - 1))
    return ("earlier", replace(p, shift=("year", -1)))


@rule(rf"(?P<unit>{UNIT})s?(?P<time>['’]?\s+time)?(?!\w)", lead=rf"[Ii]n\s+(?P<n>{NUMBER})\s+")
def _in_units(m: re.Match[str], lead: re.Match[str] | None, ctx: Ctx) -> Found:
    # "the first time in 20 years" looks back; only a future clause makes it a date ahead.
    if lead is None or (not m["time"] and ctx.tense(lead.start(), m.end()) != "future"):
        return None
    unit, n = m["unit"], number_value(lead["n"])
    gran: Granularity = unit  # type: ignore[assignment]
    return (unit, resolved(ctx, gran, lambda a: unit_period(unit, shift(a, unit, n))))


@rule(
    r"(?P<h>\d\d?)(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>[aApP])(?:\.\s?[mM]\.?|\s?[mM](?!\w))"
    rf"(?:\s+{TZ}(?!\w))?",
    digits=True,
)
def _clock_12h(m: re.Match[str], lead: re.Match[str] | None, ctx: Ctx) -> Found:
    """ "3 p.m.", "10:30 am", "9.15pm EDT"."""
    if (m.start() and ctx.text[m.start() - 1] in ":.") or not 1 <= int(m["h"]) <= 12:
        return None
    hour = int(m["h"]) % 12 + (12 if m["ap"].lower() == "p" else 0)
    return _clock(ctx, hour, int(m["mi"] or 0))


@rule(
    rf"(?P<h>\d\d?):(?P<mi>[0-5]\d)(?![\w:])(?P<hrs>\s*(?:hrs|hours|h)\.?)?(?P<tz>\s+{TZ}(?!\w))?",
    digits=True,
)
def _clock_24h(m: re.Match[str], lead: re.Match[str] | None, ctx: Ctx) -> Found:
    """ "14:30 GMT", "at 10:30": a score or a ratio unless a cue or a time zone says time."""
    if (m.start() and ctx.text[m.start() - 1] in ":.") or int(m["h"]) > 23:
        return None
    if not (m["hrs"] or m["tz"] or _TIME_CUE.search(ctx.before(m.start()))):
        return None
    return _clock(ctx, int(m["h"]), int(m["mi"]))


@rule(r"(?P<named>noon|midnight|midday)(?!\w)")
def _clock_named(m: re.Match[str], lead: re.Match[str] | None, ctx: Ctx) -> Found:
    if not _TIME_CUE.search(ctx.before(m.start())):
        return None
    return _clock(ctx, 0, 0) if m[0] == "midnight" else _clock(ctx, 12, 0)


def _clock(ctx: Ctx, hour: int, minute: int) -> Found:
    return ("time", with_time(resolved(ctx, "day", day_period), hour, minute))


@rule(r"(?:year|Year)(?:[- ]end|['’]s\s+end)(?!\w)")
def _year_end(m: re.Match[str], lead: re.Match[str] | None, ctx: Ctx) -> Found:
    """ "year-end", "by year's end": the end of the anchor's year."""
    return ("year", resolved(ctx, "year", lambda a: narrow(year_period(a.year), "end")))


_REF_HEDGE = {"now": "present", "currently": "present", "current": "present", "days": "present"}
_REF_HEDGE |= {"nowadays": "present", "recently": "past", "recent": "past", "lately": "past"}


@rule(
    r"(?:Now|now|Currently|currently|Current|current|Nowadays|nowadays|Recently|recently|Recent|"
    r"recent|Lately|lately|days)(?:\s+(?:days|weeks|months|years))?(?![\w'])",
    lead=r"[Rr]ight\s+|[Tt]hese\s+",
    refs_only=True,
)
def _reference(m: re.Match[str], lead: re.Match[str] | None, ctx: Ctx) -> Found:
    """ "now", "recently", "these days": TimeML's PRESENT_REF and PAST_REF.

    Only with ``refs``: they locate nothing a report could state as a fact.
    """
    word = m[0].split()[0].lower()
    if (word == "days") != bool(lead and lead[0].lower().startswith("these")):
        return None
    if re.match(r"\s+account", ctx.text[m.end() : m.end() + 9]):
        return None  # "current account" is a balance, not a time
    if word not in ("recent", "recently") and m[0] != m[0].split()[0]:
        return None  # "now days"
    if m[0] in ("recent", "Recent"):
        return None  # the adjective alone ("recent gains") is too loose; "recent years" is not
    return ("ref", Period(None, hedge=_REF_HEDGE[word]))


@rule(
    r"(?P<w>future|past|term)(?![\w'])",
    lead=r"[Tt]he\s+(?P<adj>(?:near|distant|foreseeable|short|long)\s+)?",
    refs_only=True,
)
def _reference_the(m: re.Match[str], lead: re.Match[str] | None, ctx: Ctx) -> Found:
    """ "the (near) future", "(in) the past", "the short term"."""
    if lead is None or (m["w"] == "term") != bool(lead["adj"]):
        return None
    if m["w"] == "past" and (ctx.before(lead.start(), 3) != "in " or lead["adj"]):
        return None  # only "in the past"; "the past week" is a span
    return ("ref", Period(None, hedge="past" if m["w"] == "past" else "future"))


# --------------------------------------------------------------------------- references


def like(gran: Granularity | None, d: date) -> Period:
    """The period of granularity ``gran`` that contains ``d``."""
    if gran == "season":
        first = {12: 12, 1: 12, 2: 12}.get(d.month, (d.month - 3) // 3 * 3 + 3)
        year = d.year - (1 if d.month < 3 else 0)
        return season_period(year, next(k for k, v in SEASONS.items() if v[0] == first))
    return unit_period(gran or "day", d)


_RANK = {"day": 0, "week": 1, "month": 2, "season": 3, "quarter": 3, "year": 4, "decade": 5}


def _rebase(cands: list[Cand], text: str) -> list[Cand]:
    """Count "a year earlier" from the date just named, not from the article's date.

    "Profit rose in the third quarter from a year earlier" means the third quarter of the year
    before; "arrested on May 5 ... two days later" means May 7. "Earlier"/"later" look back up
    to two sentences; "ago" counts from the anchor unless a date in its own sentence is what it
    compares with ("sales in October, up from a year ago").
    """
    out: list[Cand] = []
    for c in cands:
        ref = _counted_from(out, c, text) if c.period.shift else None
        if ref is not None and c.period.shift:
            unit, n = c.period.shift
            assert ref.period.low is not None
            moved = like(ref.period.gran, shift(ref.period.low, unit, n))
            c = Cand(c.start, c.end, c.kind, replace(moved, shift=c.period.shift))
        out.append(c)
    return out


def _counted_from(previous: list[Cand], c: Cand, text: str) -> Cand | None:
    """The nearest date before ``c`` that it can count from (no coarser than its unit)."""
    assert c.period.shift is not None
    unit = c.period.shift[0]
    breaks_allowed = 0 if c.kind == "ago" else 2
    for ref in reversed(previous):
        p = ref.period
        gap = text[ref.end : c.start]
        if len(gap) > 400 or len(SENTENCE_END.findall(gap)) > breaks_allowed:
            return None
        if p.low and p.high and p.gran and p.hedge not in DEADLINE_HEDGES and ref.kind != "span":
            return ref if _RANK[p.gran] <= _RANK.get(unit, 4) else None
    return None


# --------------------------------------------------------------------------- joining cores


def _join_ranges(cands: list[Cand], text: str) -> list[Cand]:
    """ "2026 and 2027", "between 2020 and 2024", "from March to May" -> one range."""
    out: list[Cand] = []
    for c in cands:
        prev = out[-1] if out else None
        joined = _range(prev, c, text) if prev else None
        if joined:
            out[-1] = joined
        else:
            out.append(c)
    return out


def _range(a: Cand, b: Cand, text: str) -> Cand | None:
    if a.kind not in _RANGE_KINDS or a.period.gran != b.period.gran or b.kind not in _RANGE_KINDS:
        return None
    join = _JOIN.search(text[a.end : b.start])
    if join is None or join.start() != 0:
        return None
    lead = _BETWEEN.search(text[max(0, a.start - 10) : a.start])
    word = join.group(0).strip().lower()
    if word in ("and", "or") and a.kind != "year" and not (lead and lead["w"].lower() == "between"):
        return None
    pa, pb = a.period, b.period
    start = a.start - len(lead.group(0)) if lead else a.start
    if pa.low is None or pb.high is None:
        return Cand(start, b.end, "span", Period(pa.gran))
    if pb.high < pa.low:
        return None
    return Cand(start, b.end, "span", Period(pa.gran, pa.low, pb.high, pa.point, hedge=pa.hedge))


def _join_times(cands: list[Cand], text: str) -> list[Cand]:
    """A clock time next to a day takes that day: "3 p.m. Thursday", "May 5 at 10:30 am"."""
    out: list[Cand] = []
    for c in cands:
        prev = out[-1] if out else None
        if prev and _adjacent(prev, c, text):
            time, day = (prev, c) if prev.kind == "time" else (c, prev)
            period = replace(day.period, time=time.period.time)
            out[-1] = Cand(prev.start, c.end, "day", period)
        else:
            out.append(c)
    return out


def _adjacent(a: Cand, b: Cand, text: str) -> bool:
    gap = text[a.end : b.start]
    if len(gap) > 8:
        return False
    if a.kind == "time" and b.kind in _DAY_KINDS:
        return bool(_TIME_THEN_DAY.match(gap))
    if a.kind in _DAY_KINDS and b.kind == "time" and a.period.time is None:
        return bool(_DAY_THEN_TIME.match(gap))
    return False


# --------------------------------------------------------------------------- words in front


def _apply_prefixes(c: Cand, text: str) -> Cand:
    """Narrow ("early", "mid-", "the end of"), then bound ("by", "before"), as written."""
    m = _NARROW.search(text[max(0, c.start - 24) : c.start])
    if m and c.kind != "ref" and c.period.hedge not in DEADLINE_HEDGES:
        word = (m["a"] or m["b"]).lower()
        c = Cand(c.start - len(m.group(0)), c.end, c.kind, narrow(c.period, word))
    m = _DEADLINE.search(text[max(0, c.start - 16) : c.start])
    if m and c.kind not in ("ref", "time"):
        word = m["w"].lower().split()[0]
        word = "by" if word == "no" else word
        c = Cand(c.start - len(m.group(0)), c.end, c.kind, _deadline(c.period, word))
    return c


_THIRD = {"early": 0, "beginning": 0, "start": 0, "mid": 1, "middle": 1, "late": 2, "end": 2}


def narrow(p: Period, word: str) -> Period:
    """The first, middle or last third of a period, in whole months when it is three months or
    more ("early 2026" = January to April, "late 2024" = September to December), else in days
    ("mid-May" = May 11-20). The word becomes the hedge; a day is not narrowed."""
    hedge = {"beginning": "early", "start": "early", "middle": "mid"}.get(word, word)
    p = replace(p, hedge=hedge)
    if p.gran in (None, "day") or p.low is None or p.high is None:
        return p
    part = _THIRD[word]
    months = (p.high.year - p.low.year) * 12 + p.high.month - p.low.month + 1
    if p.low.day == 1 and (p.high + timedelta(days=1)).day == 1 and months >= 3:
        third = months // 3
        first = add_months(p.low.year, p.low.month, third * part)
        last = add_months(p.low.year, p.low.month, third * (part + 1) - 1)
        low = date(*first, 1)
        high = p.high if part == 2 else month_end(*last)
    else:
        third_days = ((p.high - p.low).days + 1) // 3
        low = p.low + timedelta(days=third_days * part)
        high = p.high if part == 2 else p.low + timedelta(days=third_days * (part + 1) - 1)
    return replace(p, low=low, high=high, point=p.point or p.low)


def _deadline(p: Period, word: str) -> Period:
    """ "by 2026": no earlier bound, the end of 2026 as the latest; "before 2026": 2025-12-31."""
    if p.low is None or p.high is None:
        return replace(p, hedge=word)
    high = p.high if word == "by" else p.low - timedelta(days=1)
    return replace(p, low=None, high=high, point=None, time=None, hedge=word)


# --------------------------------------------------------------------------- comparing


def _bounds(v: Value) -> tuple[date, date] | None:
    if v.kind != "date" or v.value is None:
        return None
    low = date.fromisoformat(str(v.low)) if v.low else date.min
    high = date.fromisoformat(str(v.high)) if v.high else date.max
    return low, high


def dates_compatible(a: Value, b: Value) -> bool | None:
    """Whether two dates can describe the same thing.

    None when either is not a resolved date. False when the intervals are disjoint ("May 10"
    vs "May 11") or when one is a deadline and the other reaches past it ("by 2026" vs "in 2026
    and 2027": an editor would flag it). Otherwise True: a coarser date is not a conflict with
    a finer one inside it ("2025" vs "June 2025").
    """
    ba, bb = _bounds(a), _bounds(b)
    if ba is None or bb is None:
        return None
    if a.hedge in DEADLINE_HEDGES and bb[1] > ba[1]:
        return False
    if b.hedge in DEADLINE_HEDGES and ba[1] > bb[1]:
        return False
    return ba[0] <= bb[1] and bb[0] <= ba[1]


# --------------------------------------------------------------------------- display


def resolve_iso(value: Value) -> str | None:
    """An ISO 8601 string at the precision the text gave: "2025-05-28", "2025-05-28T15:00",
    "2025-W22", "2025-05", "2025-Q3", "2025-H1", "2025-SU", "2025", "1990s"; a range of several
    units is "2026/2027", a deadline "../2026". A period narrowed ("mid-2025") or widened on
    purpose ("FY2025") shows what the text named. None when the value is not a resolved date."""
    if value.kind != "date" or value.value is None:
        return None
    point = str(value.value)
    if value.hedge in DEADLINE_HEDGES:
        return "../" + _unit_iso(date.fromisoformat(str(value.high)), value)
    if "T" in point:
        return point
    if value.hedge in ("past", "coming") and value.low and value.high:
        return f"{value.low}/{value.high}"  # "the past decade": counted in days from the anchor
    first = _unit_iso(date.fromisoformat(point[:10]), value)
    if value.low == point and value.high:
        last = _unit_iso(date.fromisoformat(str(value.high)), value)
        if last != first:
            return f"{first}/{last}"
    return first


def _unit_iso(d: date, value: Value) -> str:
    g = value.granularity
    if g == "week":
        year, week, _ = d.isocalendar()
        return f"{year}-W{week:02d}"
    if g == "month":
        return f"{d.year}-{d.month:02d}"
    if g == "quarter":
        return _quarter_iso(d, value)
    if g == "season":
        code = _SEASON_CODES[d.month % 12 // 3]
        return f"{d.year - (1 if d.month < 3 else 0)}-{code}"
    if g == "year":
        return str(d.year)
    if g == "decade":
        return f"{d.year // 10 * 10}s"
    return d.isoformat()


def _quarter_iso(d: date, value: Value) -> str:
    if value.low and value.high:
        months = (
            date.fromisoformat(str(value.high)).month - date.fromisoformat(str(value.low)).month
        )
        if months == 5:
            return f"{d.year}-H{(d.month - 1) // 6 + 1}"
    return f"{d.year}-Q{(d.month - 1) // 3 + 1}"


def timeline_key(value: Value) -> str:
    """Where a date sorts on a timeline: "YYYY-MM-DD" (day, week), "YYYY-MM" (month, season,
    quarter) or "YYYY" (year, decade); "" when the value is not a resolved date."""
    if value.kind != "date" or value.value is None:
        return ""
    day = str(value.value)[:10]
    if value.granularity in ("month", "season", "quarter"):
        return day[:7]
    if value.granularity in ("year", "decade"):
        return day[:4]
    return day

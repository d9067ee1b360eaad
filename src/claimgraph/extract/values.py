"""Numeric values in text: money, counts, percentages and quantities, with their precision.

A value keeps the precision its wording states (DESIGN.md, "Values and comparison"):
"$5.43 billion" is [5.425e9, 5.435e9], "$5.5 billion" is [5.45e9, 5.55e9], a bare count such as
"260 jets" is exact, and a hedge bends the interval ("about", "more than", "up to"). The
grammar is plain regular expressions over the text: it reads a numeral (digits or words), then
what stands before it (currency, hedge, "magnitude", "aged") and after it (scale, percent,
currency word, unit, a second numeral making a range).

Dates are read elsewhere (``extract/dates.py``): years, day numbers next to month names,
times, and numbers that name a thing ("S-400", "Article 370", "22nd") are skipped here.

Rules worth knowing (each general, none written for one sentence):

- A bare four-digit number from 1900 to 2100 is a year unless a currency, scale, percent or
  unit goes with it, or a hedge that only counts ("more than 2000 troops").
- "one" alone is usually a pronoun ("one of the", "no one") and is skipped unless a scale,
  fraction, ratio or range makes it a number ("one million", "one in five", "one or two").
- A bare numeral right after a capitalised word in mid-sentence names a thing ("Galaxy Note
  10", "Week 13"), except in a Title Case headline line.
- Damaged tokens from sloppy feeds: "10, 000" (a three-digit group after ", ") and "6. 1"
  (only before a scale, percent or unit) are read whole; a "?" right before an amount with a
  lakh/crore scale is a lost rupee sign ("?60,000 crore" -> INR).
- "m", "b" and "cr" are scales only after a currency ("$300m"); "300m" alone is metres.
- Years of a prison term ("sentenced to 20 years", "20 years in prison") have the unit
  "years"; any other span of years, including a bare "up to 119 years", has "year". The
  comparator treats both as time.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from claimgraph.extract import numbers as lex
from claimgraph.extract.numbers import (
    AGE_UNIT,
    APPROX_TOLERANCE,
    NEARLY_TOLERANCE,
    format_value,
    hedge_class,
    hedged_interval,
    stated_step,
)
from claimgraph.extract.signs import is_lost_sign, lost_sign_currency
from claimgraph.model import Mention, Value

__all__ = [
    "APPROX_TOLERANCE",
    "NEARLY_TOLERANCE",
    "find_values",
    "format_value",
    "hedge_class",
    "hedged_interval",
    "parse_value",
    "stated_step",
]

_DIGIT_FORMS = ("digits", "damaged")
_NUMERAL_FORMS = ("digits", "damaged", "words", "a")

_CORE_PARTS = [
    rf"(?P<vague>{lex.VAGUE})",
    rf"(?P<fewp>{lex.FEW})",
    rf"(?P<frac>\b{lex.FRACTION})",
    rf"(?P<halfa>\bhalf\s+an?(?=\s+(?:{lex.SCALE_WORDS})\b))",
    r"(?P<half>\bhalf(?=\s+(?:of|the|its|their|his|her|our|all)\b))",
    rf"(?P<words>\b{lex.WORD_NUMBER}\b)",
    rf"(?P<a>\ba(?=\s+(?:{lex.SCALE_WORDS})\b))",
]
_DAMAGED_PARTS = [
    rf"(?P<dmgk>(?<!\d)(?<!\d[.,]){lex.DAMAGED_THOUSANDS})",
    rf"(?P<dmgd>(?<!\d)(?<!\d[.,]){lex.DAMAGED_DECIMAL})",
]
_DIGIT_PART = rf"(?P<digits>(?<!\d)(?<!\d[.,]){lex.DIGITS})"
_CORE = re.compile("|".join([*_CORE_PARTS, *_DAMAGED_PARTS, _DIGIT_PART]), re.IGNORECASE)
# The same without the damaged-token shapes: tried again when a damaged reading fails
# ("May 28, 100 people" is a date and then a count, not 28,100).
_CORE_STRICT = re.compile("|".join([*_CORE_PARTS, _DIGIT_PART]), re.IGNORECASE)

_BLOCKERS = re.compile(
    "|".join(
        [
            # Addresses. Each starts where a run of its characters starts, so a long run of
            # letters is tried once, not from every position in it.
            r"https?://\S+|(?<![\w.])www\.\S+|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
            r"(?<![\w+])\+\d{1,3}[\s.-]?(?:\(\d{1,5}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,5}){1,4}(?!\d)",
            r"(?<![\w-])\(?\d{3,5}\)?[-.]\d{3,4}[-.]\d{3,5}(?![\w-])",  # 1800-180-1551
            r"(?<![\w-])\(\d{2,5}\)\s?\d{3,4}[\s.-]\d{3,5}(?!\d)",  # (555) 123-4567
            r"\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b|\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b",  # dates
            r"\b\d{1,2}(?:[:.]\d{2})?\s?(?:[ap]\.m\.|[ap]m\b|IST\b|GMT\b|UTC\b)",  # times
            r"\b\d{1,2}:\d{2}(?::\d{2})?\b|\b\d{1,2}\s+o'clock\b",
            r"\b(?:[01]\d|2[0-3])[0-5]\d\s?hrs\b|\b0\d[0-5]\d\s?hours\b",  # 0930 hrs
            r"\b\d+/\d+\b|\b\d+:\d+\b",  # 24/7, 9/11, 2:1
        ]
    ),
    re.IGNORECASE,
)
_DESIGNATOR = re.compile(
    rf"(?:\b(?i:{lex.NOUN_DESIGNATORS})|\b(?:{lex.TITLE_DESIGNATORS}))\.?\s?$"
    r"|(?<![A-Za-z.])[A-Z]{2,}\s$"  # acronyms: "IPC 302", "NH 44", "COP 28"
)
_MONTH_BEFORE = re.compile(rf"\b{lex.MONTHS}\.?\s+(?:the\s+)?$")
_MONTH_AFTER = re.compile(rf"(?:st|nd|rd|th)?\s+(?:of\s+)?{lex.MONTHS}\b")
_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_FROM = re.compile(r"\bfrom\s+$", re.IGNORECASE)
_PREFIX_UNIT = re.compile(
    r"\b(?:(?P<mag>magnitude)[\s-](?:of\s+)?|(?P<age>aged|ages?)\s+(?:of\s+)?|(?P<mach>Mach)\s)$",
    re.IGNORECASE,
)
_CORE_HEDGE = re.compile(r"(?P<odd>[-\s]odd\b)|(?P<plus>-plus\b)|(?P<sign>\+)(?!\d)", re.I)
_MINUS = re.compile(r"(?:^|\s)(?:[-−]|minus\s)$")
_CORE_HEDGE_NAMES = {"odd": "odd", "plus": "plus", "sign": "+"}
_AND_HALF = re.compile(r"\s+and\s+a\s+half\b", re.IGNORECASE)
_RATIO = re.compile(r"\s+(?P<how>in|out\s+of)\s+", re.IGNORECASE)
_CONNECTOR = re.compile(r"\s*[-–—]\s*|\s+(?P<w>to|and|or)\s+", re.IGNORECASE)
_SCALE = re.compile(lex.SCALE, re.IGNORECASE)
_AGO = re.compile(r"\s+ago\b", re.IGNORECASE)
_PRISON_BEFORE = re.compile(
    r"\b(?:sentenced|jailed|imprisoned|imprisonment|prison|jail|faces?|facing|term\s+of"
    r"|sentence\s+of)\b[^.]{0,30}$",
    re.IGNORECASE,
)
_PRISON_AFTER = re.compile(
    r"\s*(?:in\s+(?:prison|jail)|of\s+(?:rigorous\s+)?(?:imprisonment|prison|jail)"
    r"|behind\s+bars|(?:prison|jail)\s+(?:term|sentence)|sentence|imprisonment)",
    re.IGNORECASE,
)
_CAPITAL_BEFORE = re.compile(r"(?<![A-Za-z'’])(?P<word>[A-Z][A-Za-z]+)\x20$")
_HEDGED_SPAN = re.compile(r"\b(?:by|for|of|after|with|to|than)\s+$", re.IGNORECASE)
_FEW_WORDS = ("several", "a few", "a couple")


@dataclass(frozen=True, slots=True)
class _Num:
    """A numeral as read: its number, the step of its last stated digit, and its form."""

    start: int
    end: int
    value: float
    step: float
    form: str  # digits | damaged | words | a | fraction | vague
    high: float | None = None  # upper bound of a vague amount
    label: str | None = None  # the vague wording ("dozens"), kept as the hedge


@dataclass(slots=True)
class _Left:
    start: int
    currency: str | None = None
    hedge: str | None = None
    unit: str | None = None
    lost_sign: int | None = None  # offset of a "?" standing for a lost currency sign
    no_range: bool = False  # "from 30 to 40" is a change between two values, not a range


@dataclass(slots=True)
class _Tail:
    end: int
    scale: float = 1.0
    scale_key: str | None = None
    percent: str | None = None
    factor: float = 1.0
    currency: str | None = None
    unit: str | None = None

    def same_as(self, other: _Tail) -> bool:
        """A range's first half may leave out what its second half states, never differ."""
        return all(
            mine is None or mine == theirs
            for mine, theirs in (
                (self.scale_key, other.scale_key),
                (self.percent, other.percent),
                (self.currency, other.currency),
                (self.unit, other.unit),
            )
        )


@dataclass(slots=True)
class _Phrase:
    num: _Num
    left: _Left
    tail: _Tail
    end: int
    high_num: _Num | None = None  # second numeral of a range
    connector: str | None = None
    hedge: str | None = None
    ratio: float | None = None  # "one in five" -> 20.0


# --- public API ------------------------------------------------------------------------------


def find_values(text: str) -> list[Mention]:
    """Every numeric value in ``text``: non-overlapping mentions in text order."""
    return _scan(text, lenient=False)


def parse_value(text: str) -> Value | None:
    """The first value in a phrase ("about $5.4 billion"), or None. A lone "one" counts here."""
    found = _scan(text, lenient=True)
    return found[0].value if found else None


# --- scanning --------------------------------------------------------------------------------


def _scan(text: str, *, lenient: bool) -> list[Mention]:
    blocked = _blocked_spans(text)
    found: list[Mention] = []
    pos = 0
    while (m := _CORE.search(text, pos)) is not None:
        floor = found[-1].end if found else 0
        mention = _read(text, m, blocked, floor, lenient)
        if mention is None and m.lastgroup in ("dmgk", "dmgd"):
            strict = _CORE_STRICT.match(text, m.start())
            mention = _read(text, strict, blocked, floor, lenient) if strict else None
            if mention is None and strict is not None:
                pos = strict.end()
                continue
        if mention is not None:
            found.append(mention)
            pos = mention.end
        else:
            pos = m.end()
    return found


def _blocked_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for m in _BLOCKERS.finditer(text):
        if m.group(0).startswith("+") and sum(c.isdigit() for c in m.group(0)) < 8:
            continue  # "+5 and 6" is not a phone number
        spans.append(m.span())
    return spans


def _is_blocked(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect_right(spans, (start, math.inf))
    return any(s < end and start < e for s, e in spans[max(0, i - 2) : i + 1])


def _read(
    text: str, m: re.Match[str], blocked: list[tuple[int, int]], floor: int, lenient: bool
) -> Mention | None:
    num = _core_number(m)
    if num is None or _is_blocked(blocked, num.start, num.end):
        return None
    left = _read_left(text, num, floor)
    if left is None:
        return None
    phrase = _read_right(text, num, left)
    if phrase is None or not _acceptable(text, phrase, lenient):
        return None
    return _mention(text, phrase)


def _core_number(m: re.Match[str]) -> _Num | None:
    group, s, start, end = m.lastgroup, m.group(0), m.start(), m.end()
    if m.group("fewp") is not None:
        lo, hi = lex.FEW_FACTORS[re.sub(r"\s+", " ", m.group("few").lower())]
        mult = lex.FEW_SCALES[m.group("fewscale").lower()]
        label = re.sub(r"\s+", " ", s.lower())
        return _Num(start, end, lo * mult, 0.0, "vague", hi * mult, label)
    if group in ("digits", "dmgk", "dmgd"):
        value, step = lex.parse_digits(s)
        return _Num(start, end, value, step, "digits" if group == "digits" else "damaged")
    if group == "words":
        words = lex.words_to_number(s)
        return None if words is None else _Num(start, end, float(words), 1.0, "words")
    if group in ("a", "halfa"):
        value = 1.0 if group == "a" else 0.5
        return _Num(start, end, value, value, "a" if group == "a" else "words")
    if group in ("frac", "half"):
        pct = 50.0 if group == "half" else lex.fraction_percent(s)
        return None if pct is None else _Num(start, end, pct, 0.0, "fraction")
    bounds = lex.vague_bounds(s)
    if bounds is None:
        return None
    label = re.sub(r"\s+of$", "", re.sub(r"\s+", " ", s.lower()))
    return _Num(start, end, bounds[0], 0.0, "vague", bounds[1], label)


# --- left of the numeral ---------------------------------------------------------------------


def _read_left(text: str, num: _Num, floor: int) -> _Left | None:
    left = _Left(num.start)
    cur = _ends_with(lex.CURRENCY_LEFT, text, floor, num.start, 8)
    if cur is not None:
        left.currency = lex.CURRENCY_PREFIXES[re.sub(r"\s+", "", cur.group(0))]
        left.start = cur.start()
    elif num.start > floor and is_lost_sign(text, num.start - 1, floor):
        left.lost_sign = left.start = num.start - 1
    _take_hedge(text, floor, left)
    prefix = _ends_with(_PREFIX_UNIT, text, floor, left.start, 20)
    if prefix is not None and left.currency is None:
        left.unit, left.start = _prefix_unit(prefix), prefix.start()
        _take_hedge(text, floor, left)
    if left.lost_sign is not None and left.start == left.lost_sign:
        left.start = num.start  # the "?" joins the value only if a rupee scale follows
    glued = left.lost_sign is not None and text[left.lost_sign] == "e"  # judged by its scale
    if left.currency is None and left.unit is None and not glued and _names_a_thing(text, num):
        return None
    left.no_range = _ends_with(_FROM, text, floor, left.start, 8) is not None
    return left


def _ends_with(
    pattern: re.Pattern[str], text: str, floor: int, end: int, width: int
) -> re.Match[str] | None:
    """``pattern`` (anchored with ``$``) matched against the few characters before ``end``:
    searching a short window keeps the cost per numeral flat."""
    return pattern.search(text, max(floor, end - width), end)


def _take_hedge(text: str, floor: int, left: _Left) -> None:
    if left.hedge is not None:
        return
    m = _ends_with(lex.HEDGE_LEFT, text, floor, left.start, 30)
    m = m or _ends_with(_BETWEEN, text, floor, left.start, 12)
    if m is not None:
        left.hedge = re.sub(r"\s+", " ", m.group(0).strip().lower())
        left.start = m.start()


def _prefix_unit(m: re.Match[str]) -> str:
    if m.group("mag"):
        return "magnitude"
    return AGE_UNIT if m.group("age") else "Mach"


def _names_a_thing(text: str, num: _Num) -> bool:
    """Designations, versions, times and day-of-month numbers: not values of ours."""
    i = num.start
    prev = text[i - 1] if i > 0 else " "
    prev2 = text[i - 2] if i > 1 else " "
    if prev.isalpha() or prev in "#/:@_" or (prev in "-–" and prev2.isalnum()):
        return True
    if prev == "." and prev2.isdigit():
        return True
    if num.form in _DIGIT_FORMS and _DESIGNATOR.search(text[max(0, i - 25) : i]):
        return True
    return num.form in _DIGIT_FORMS and _is_day_of_month(text, num)


def _is_day_of_month(text: str, num: _Num) -> bool:
    lead = re.match(r"\d+", text[num.start : num.end])
    if lead is None or int(lead.group(0)) > 31 or (num.form == "digits" and num.step < 1):
        return False
    lead_end = num.start + lead.end()
    return bool(
        _MONTH_BEFORE.search(text[max(0, num.start - 15) : num.start])
        or _MONTH_AFTER.match(text, lead_end)
    )


# --- right of the numeral --------------------------------------------------------------------


def _read_right(text: str, num: _Num, left: _Left) -> _Phrase | None:
    pos, hedge = num.end, left.hedge
    core_hedge = _CORE_HEDGE.match(text, pos) if num.form != "vague" else None
    if core_hedge is not None:
        hedge, pos = _CORE_HEDGE_NAMES[core_hedge.lastgroup or "sign"], core_hedge.end()
    if num.form in ("digits", "words") and (half := _AND_HALF.match(text, pos)):
        num, pos = replace(num, value=num.value + 0.5, step=0.5), half.end()
    has_currency = left.currency is not None
    # "several hundred crore" takes a scale after it; "dozens" and "thousands of" do not.
    scalable = num.form not in ("vague", "fraction") or (num.label or "").startswith(_FEW_WORDS)
    tail = _read_tail(text, pos, has_currency, allow_scale=scalable)
    phrase = _Phrase(num, left, tail, tail.end, hedge=hedge)
    if tail.end == num.end and num.end < len(text) and text[num.end].isalpha():
        return None  # glued letters: "22nd", "4G", "30MKI", "1990s"
    _read_ratio(text, phrase)
    ranged = phrase.ratio is None and num.form in _NUMERAL_FORMS and _read_range(text, phrase)
    if not ranged and _score_like(text, phrase):
        return None
    right = lex.HEDGE_RIGHT.match(text, phrase.end)
    if right is not None and phrase.hedge is None:
        phrase.hedge, phrase.end = re.sub(r"\s+", " ", right.group("hedge").lower()), right.end()
    return phrase


def _read_tail(text: str, pos: int, has_currency: bool, *, allow_scale: bool = True) -> _Tail:
    tail = _Tail(pos)
    scale = _SCALE.match(text, pos) if allow_scale else None
    if scale is not None and _scale_allowed(scale, has_currency):
        key = lex.scale_key(scale.group("scale"))
        tail.scale, tail.scale_key, tail.end = lex.SCALES[key], key, scale.end()
    pct = lex.PERCENT.match(text, tail.end)
    if pct is not None:
        tail.percent = "%" if pct.group("pct") else "pp"
        tail.factor = 0.01 if pct.group("bp") else 1.0
        tail.end = pct.end()
        return tail
    if not has_currency and (cur := lex.CURRENCY_RIGHT.match(text, tail.end)) is not None:
        if cur.group("code"):
            tail.currency = cur.group("code")
        else:
            tail.currency = lex.currency_of_word(cur.group("word"), cur.group("adj"))
        tail.end = cur.end()
        return tail
    if not has_currency and (unit := lex.UNIT.match(text, tail.end)) is not None:
        tail.unit = lex.UNIT_NAMES[unit.lastgroup or ""]
        tail.end = unit.end()
    return tail


def _scale_allowed(m: re.Match[str], has_currency: bool) -> bool:
    raw = m.group("scale")
    key = lex.scale_key(raw)
    if has_currency:
        return True
    if key in lex.SCALES_NEED_CURRENCY:
        return False
    # "10k" is ten thousand; "4K" and "10 k" are more often a resolution or a race.
    return key != "k" or (raw == "k" and not m.group("sep"))


def _read_ratio(text: str, phrase: _Phrase) -> None:
    """A share written as a ratio ("one in five", "3 out of 10"), read as a percentage."""
    num = phrase.num
    if num.form not in ("digits", "words") or phrase.tail.end != num.end:
        return
    m = _RATIO.match(text, num.end)
    if m is None or (m.group("how").lower() == "in" and num.value != 1):
        return  # "3 in 5 attacks" is a count and a place; only "one in N" is a share
    den_m = _CORE_STRICT.match(text, m.end())
    if den_m is None or den_m.lastgroup not in ("digits", "words"):
        return
    den = _core_number(den_m)
    if den is None or not (num.value < den.value <= 1000) or den.step < 1:
        return
    if _read_tail(text, den.end, False).end != den.end:
        return  # "1 in 10 days" is not a share
    phrase.ratio = 100.0 * num.value / den.value
    phrase.end = den.end


def _read_range(text: str, phrase: _Phrase) -> bool:
    conn = _CONNECTOR.match(text, phrase.end)
    if conn is None or phrase.left.no_range:
        return False
    word = (conn.group("w") or "-").lower()
    if word == "and" and phrase.left.hedge != "between":
        return False
    pos = conn.end()
    if phrase.left.currency is not None:
        cur = re.match(r"(?:US\$|[$₹€£¥₽]|Rs\.?\s?)", text[pos:])
        pos += cur.end() if cur else 0
    m = _CORE_STRICT.match(text, pos)
    if m is None or m.lastgroup not in ("digits", "words"):
        return False
    high = _core_number(m)
    if high is None or (
        high.end < len(text) and text[high.end].isalpha() and not _glued_ok(text, high)
    ):
        return False
    tail = _read_tail(text, high.end, phrase.left.currency is not None)
    if not phrase.tail.same_as(tail) or high.value * tail.scale <= phrase.num.value * tail.scale:
        return False
    phrase.high_num, phrase.tail, phrase.end = high, tail, tail.end
    phrase.connector = {"and": "between", "or": "or"}.get(word, "to")
    return True


def _glued_ok(text: str, num: _Num) -> bool:
    return _read_tail(text, num.end, True).end != num.end


def _score_like(text: str, phrase: _Phrase) -> bool:
    """A score or a fiscal year ("3-1", "2019-20"): a hyphen and digit that made no range."""
    return phrase.tail.end == phrase.num.end and bool(re.match(r"\s?[-–]\s?\d", text[phrase.end :]))


# --- deciding and building -------------------------------------------------------------------


def _acceptable(text: str, phrase: _Phrase, lenient: bool) -> bool:
    num, left, tail = phrase.num, phrase.left, phrase.tail
    if left.lost_sign is not None and left.currency is None:
        # "?60,000 crore", "e80 million": a sign lost in transcoding, told by its scale.
        sign = text[left.lost_sign]
        left.currency = lost_sign_currency(sign, tail.scale_key)
        if left.currency is not None:
            left.start = min(left.start, left.lost_sign)
        elif sign == "e":
            return False  # "e80" with no money scale: a designation
    unit = tail.unit or left.unit
    if unit in lex.DURATIONS and _AGO.match(text, phrase.end):
        return False  # "five years ago" is a date
    if _year_like(text, phrase):
        return False
    if _bare(phrase) and (_label_like(text, num) or _after_a_name(text, num.start)):
        return False
    described = tail.scale_key or phrase.ratio is not None or phrase.high_num is not None
    is_one = num.form == "words" and text[num.start : num.end].lower() == "one"
    return not (is_one and not described and num.value == 1 and not lenient)


def _bare(phrase: _Phrase) -> bool:
    """A plain numeral: no currency, scale, percent, unit, hedge or range around it."""
    left, tail = phrase.left, phrase.tail
    stated = left.currency or left.unit or left.hedge or tail.scale_key or tail.percent
    return phrase.num.form in _DIGIT_FORMS and not (
        stated or tail.currency or tail.unit or phrase.high_num or phrase.ratio is not None
    )


def _label_like(text: str, num: _Num) -> bool:
    """List markers ("2. Take stock" at a line start) and references ("[2]", "(14)")."""
    before, after = text[max(0, num.start - 1) : num.start], text[num.end : num.end + 2]
    if (before, after[:1]) in (("[", "]"), ("(", ")")):
        return True
    line_start = text.rfind("\n", 0, num.start) + 1
    return not text[line_start : num.start].strip() and bool(re.match(r"[.)]\s", after))


def _after_a_name(text: str, start: int) -> bool:
    """A name before the numeral: a capitalised word right before a bare numeral, in
    mid-sentence, names a product, edition or slot ("Galaxy Note 10", "Destiny 2")."""
    m = _CAPITAL_BEFORE.search(text, max(0, start - 40), start)
    if m is None or m.group("word") in lex.FUNCTION_WORDS:
        return False
    gap = text[max(0, m.start() - 20) : m.start()]
    stripped = gap.rstrip()
    if m.start() == 0 or "\n" in gap[len(stripped) :] or stripped[-1:] in tuple(".!?:;\"'“”‘’(["):
        return False  # sentence-initial: "Rescuers 40 strong" style openings are rare
    return not _title_case_line(text, start)


def _title_case_line(text: str, pos: int) -> bool:
    """A headline in Title Case ("India Buys 26 Rafale Jets") capitalises every word."""
    first = text.rfind("\n", max(0, pos - 151), pos) + 1
    last = text.find("\n", pos, pos + 151)
    if (first == 0 and pos > 150) or last < 0 and len(text) - pos > 150:
        return False  # a headline is a short line of its own
    line = text[first : last if last >= 0 else len(text)]
    words = [w for w in re.findall(r"[A-Za-z]+", line) if len(w) >= 4]
    return len(line) <= 150 and len(words) >= 3 and all(w[0].isupper() for w in words)


def _year_like(text: str, phrase: _Phrase) -> bool:
    num, tail = phrase.num, phrase.tail
    if num.form != "digits" or not re.fullmatch(r"\d{4}", text[num.start : num.end]):
        return False
    if not 1900 <= num.value <= 2100:
        return False
    stated = phrase.left.currency or tail.currency or tail.scale_key or tail.percent
    return not (stated or tail.unit or phrase.left.hedge in lex.COUNT_HEDGES)


def _mention(text: str, phrase: _Phrase) -> Mention:
    kind, unit = _kind_and_unit(text, phrase)
    start = phrase.left.start
    hedge = phrase.hedge
    if (
        hedge in ("over", "under")
        and unit in lex.DURATIONS
        and not _HEDGED_SPAN.search(text[max(0, start - 12) : start])
    ):
        # "doubled over 5 years" is a span of time; "by over 20 years" is more than 20.
        hedge, start = None, phrase.num.start
    value, low, high, hedge = _numbers(kind, unit, phrase, hedge)
    if unit in lex.TEMPERATURES and _MINUS.search(text[max(0, start - 8) : start]):
        value, low, high = -value, -high, -low
        start -= 1 if text[start - 1] in "-−" else 6
    surface = text[start : phrase.end]
    v = Value(kind, value, low, high, unit, surface, hedge=hedge)  # type: ignore[arg-type]
    return Mention(start, phrase.end, surface, "VALUE", v)


def _kind_and_unit(text: str, phrase: _Phrase) -> tuple[str, str | None]:
    currency = phrase.left.currency or phrase.tail.currency
    if currency:
        return "money", currency
    if phrase.tail.percent:
        return "percent", phrase.tail.percent
    if phrase.num.form == "fraction" or phrase.ratio is not None:
        return "percent", "%"
    unit = phrase.tail.unit or phrase.left.unit
    if unit is None:
        return "count", None
    if unit == "year" and _prison_term(text, phrase):
        return "quantity", "years"
    return "quantity", unit


def _prison_term(text: str, phrase: _Phrase) -> bool:
    before = text[max(0, phrase.left.start - 40) : phrase.left.start]
    return bool(_PRISON_BEFORE.search(before) or _PRISON_AFTER.match(text, phrase.end))


def _numbers(
    kind: str, unit: str | None, phrase: _Phrase, hedge: str | None
) -> tuple[float, float, float, str | None]:
    num, tail = phrase.num, phrase.tail
    mult = tail.scale * tail.factor
    if phrase.ratio is not None:
        low, high = hedged_interval(kind, phrase.ratio, 0.0, hedge, unit)
        return phrase.ratio, low, high, hedge
    if num.form == "vague":
        label = f"{num.label} {tail.scale_key}" if tail.scale_key else num.label
        low, high = num.value * tail.scale, float(num.high or num.value) * tail.scale
        return low, low, high, label
    if phrase.high_num is not None:
        low, high = num.value * mult, phrase.high_num.value * mult
        middle = (low + high) / 2
        if hedge_class(hedge) not in (None, "range"):
            low = hedged_interval(kind, low, 0.0, hedge, unit)[0]
            high = hedged_interval(kind, high, 0.0, hedge, unit)[1]
            return middle, low, high, hedge
        return middle, low, high, phrase.connector
    if hedge == "between":
        hedge = None  # "between 30 and the border": the range never came
    value = num.value * mult
    low, high = hedged_interval(kind, value, _step(kind, num, tail), hedge, unit)
    if num.form == "fraction":
        high = min(high, 100.0)
    return value, low, high, hedge


def _step(kind: str, num: _Num, tail: _Tail) -> float:
    """The uncertainty of the wording: zero for exact counts and fractions."""
    if num.form == "fraction" or tail.scale_key in lex.EXACT_SCALES:
        return 0.0
    value = num.value * tail.scale
    if kind == "count" and tail.scale_key is None and float(value).is_integer():
        return 0.0
    return num.step * tail.scale * tail.factor

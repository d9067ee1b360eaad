"""Article metadata read from the text itself: title, date, outlet, dateline, agency credits.

Hints (JSONL fields, HTML metadata) win over anything read from the text. The text is read in
two places, because that is where web and print metadata sit:

The **head** -- the lines before the first paragraph (or dateline):

* a *masthead* (a short title-case line such as "The Harbour Gazette" followed by a section,
  navigation or date line, and then a headline) names the **outlet** and is removed;
  a one-to-three-word section label right after it ("World") goes too;
* pure *date lines* ("date 2025-06-27", "Published: June 27, 2025", "Updated: ...",
  "World | Mon 3 Mar 2025") give **published** ("Published" wins over "Updated") and are
  removed;
* the first headline-like line left (short, no final period, one sentence) is the **title**;
  it stays in the body, so clean input stays identical.

The **tail** -- looking past web debris (the caller says what debris is): agency *credit lines*
("Based on ANI report", "(With inputs from PTI)", "-- AFP", "— MPA") are recorded and removed.

At either edge, a provenance line ("Source: https://...", a bare URL) gives ``url`` and goes.

Anywhere:

* a *dateline* ("New Delhi, May 28 (IANS)", "QINGDAO (Agencies):", "DRAVEC, 3 March 2025 —")
  is returned as ``dateline`` (place and date as written) for the corpus stages to resolve;
  its year, if any, gives ``published``. A dateline tag that is a news agency, or an unknown
  all-capitals acronym ("(MPA)"), is a credit; another tag ("(NationPress)") is the outlet
  unless the outlet is already known, when it is a credit.
* **credits** -- agencies the report carries copy from, in canonical names (ANI, IANS, PTI,
  TASS, Reuters, AP, AFP, UNI, Xinhua, RIA Novosti, Agencies and a few more), also from the
  body when the agency is the interviewer or the named source of the report ("told IANS",
  "in an interview with Reuters", "reported by Russia's TASS news agency"). Decision: such an
  agency marks the whole article as carrying that agency's copy, because two outlets quoting
  the same agency interview are one origin, not two independent confirmations. Claim-level
  attribution ("according to SIPRI") is the extract stage's job, not this one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

__all__ = [
    "Metadata",
    "canonical_agency",
    "extract_metadata",
    "is_metadata_line",
    "is_paragraph_line",
    "join_kept_lines",
    "parse_date",
    "split_metadata",
]


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str | None
    published: str | None  # YYYY-MM-DD
    outlet: str | None
    credits: tuple[str, ...]
    dateline: str | None  # "New Delhi, May 28": place and (partial) date, as written
    url: str | None = None  # from a "Source: https://..." line of a text dump


# --- agencies ------------------------------------------------------------------------------

_AGENCY_NAMES: dict[str, tuple[str, ...]] = {
    "ANI": ("ANI", "Asian News International"),
    "IANS": ("IANS", "Indo-Asian News Service"),
    "PTI": ("PTI", "Press Trust of India"),
    "TASS": ("TASS", "ITAR-TASS"),
    "Reuters": ("Reuters", "REUTERS", "Thomson Reuters"),
    "AP": ("AP", "Associated Press", "The Associated Press"),
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse"),
    "UNI": ("UNI", "United News of India"),
    "Xinhua": ("Xinhua", "XINHUA", "Xinhua News Agency"),
    "RIA Novosti": ("RIA Novosti", "RIA"),
    "Agencies": ("Agencies", "AGENCIES", "agencies", "Agency inputs", "agency inputs"),
    "Kyodo": ("Kyodo", "Kyodo News"),
    "Yonhap": ("Yonhap",),
    "dpa": ("dpa", "DPA", "Deutsche Presse-Agentur"),
    "EFE": ("EFE",),
    "ANSA": ("ANSA",),
    "Anadolu": ("Anadolu", "Anadolu Agency"),
    "Bernama": ("Bernama", "BERNAMA"),
    "APP": ("APP", "Associated Press of Pakistan"),
    "UNB": ("UNB",),
    "Sputnik": ("Sputnik",),
}
# An unknown dateline tag or sign-off in capitals ("(MPA)", "— KNA") is taken as an agency.
_ACRONYM = re.compile(r"[A-Z]{2,8}")
_ALIAS_TO_AGENCY = {
    alias.lower(): name for name, aliases in _AGENCY_NAMES.items() for alias in aliases
}
# Case-sensitive on purpose: "AP", "UNI", "ANI" are only agencies in capitals.
_AGENCY = (
    "(?:"
    + "|".join(
        re.escape(alias)
        for alias in sorted(
            (a for aliases in _AGENCY_NAMES.values() for a in aliases), key=len, reverse=True
        )
    )
    + r")(?![\w-])"
)


def canonical_agency(name: str) -> str | None:
    """The canonical name of a news agency alias ("Press Trust of India" -> "PTI"), or None."""
    return _ALIAS_TO_AGENCY.get(" ".join(name.split()).lower())


def _agencies_in(text: str) -> list[str]:
    return [_ALIAS_TO_AGENCY[m.group(0).lower()] for m in re.finditer(_AGENCY, text)]


# A whole line that only credits agencies: "Based On ANI Report", "(With inputs from PTI)",
# "-- AFP", "(IANS)", "Source: Reuters", "With agency inputs".
_AGENCY_LIST = rf"{_AGENCY}(?:\s*(?:,|/|and|&)\s*{_AGENCY})*"
_CREDIT_LINE = re.compile(
    r"^[(\[]?\s*(?:"
    rf"(?i:based\s+on\s+(?:an?\s+|the\s+)?(?:inputs?\s+from\s+)?){_AGENCY_LIST}(?i:\s+reports?)?"
    rf"|(?i:(?:with\s+)?(?:additional\s+)?inputs?\s+from\s+){_AGENCY_LIST}"
    r"|(?i:with\s+agency\s+inputs)"
    rf"|(?i:(?:source|courtesy|credit)s?\s*:\s*){_AGENCY_LIST}"
    rf"|(?:[-\u2013\u2014]{{1,2}}\s*)(?:{_AGENCY_LIST}|(?P<signoff>[A-Z]{{2,8}}))"
    rf"|{_AGENCY_LIST}"
    r")\s*[)\]]?\.?$"
)

# Body forms where the agency is the interviewer or the source of the report.
_BODY_CREDITS = (
    re.compile(
        r"(?i:\b(?:told|informed|telling|said\s+to|speaking\s+to|speaking\s+with|talking\s+to"
        r"|talking\s+with|interview\s+to|interview\s+with|conversation\s+with|chat\s+with"
        r"|reported\s+by|quoted\s+by|cited\s+by|according\s+to|citing)\s+"
        r"(?:the\s+|a\s+)?(?:[A-Z][\w-]*['\u2019]s\s+)?(?:news\s+agency\s+)?)"
        rf"(?P<agency>{_AGENCY})"
    ),
    re.compile(rf"(?P<agency>{_AGENCY})(?i:\s+(?:news\s+agency\s+)?(?:reported|quoted|cited))\b"),
)


# --- dates -----------------------------------------------------------------------------------

_MONTH_NAMES = "january jan|february feb|march mar|april apr|may|june jun|july jul|august aug"
_MONTH_NAMES += "|september sep sept|october oct|november nov|december dec"
_MONTHS = {
    name: number
    for number, names in enumerate(_MONTH_NAMES.split("|"), start=1)
    for name in names.split()
}
_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?" + (
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE_FORMS = (
    re.compile(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)"),
    re.compile(rf"(?i:(?P<mon>{_MONTH}))\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})"),
    re.compile(rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?i:(?P<mon>{_MONTH})),?\s+(?P<y>\d{{4}})"),
    re.compile(r"(?<!\d)(?P<a>\d{1,2})[-/.](?P<b>\d{1,2})[-/.](?P<y>\d{4})"),
)


def parse_date(text: str) -> tuple[str, re.Match[str]] | None:
    """The first full calendar date in ``text`` as ``YYYY-MM-DD`` with its match, or None.
    Numeric day/month orders are read only when unambiguous (one part above 12)."""
    for form in _DATE_FORMS:
        for match in form.finditer(text):
            iso = _iso_from(match)
            if iso:
                return iso, match
    return None


def _iso_from(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    year = int(groups["y"])
    if "a" in groups:
        first, second = int(groups["a"]), int(groups["b"])
        if first > 12 >= second:
            day, month = first, second
        elif second > 12 >= first:
            month, day = first, second
        else:
            return None  # 05/06/2025: June 5 or May 6 -- do not guess
    else:
        day = int(groups["d"])
        month = int(groups["m"]) if groups.get("m") else _MONTHS[groups["mon"].lower().rstrip(".")]
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


_DATE_LABEL = re.compile(
    r"^(?i:(?P<label>date|dated|published|posted|updated|last\s+updated|first\s+published"
    r"|originally\s+published|first\s+posted|modified|last\s+modified)(?:\s+on)?)"
    r"\s*[:\-\u2013|]?\s*"
)
_ISO_T = re.compile(r"(?<=\d)T(?=\d)")
# A clock time: "19:42", "7:15pm", "10:20 AM", "5:11 p.m.", "14.05 hrs".
_MERIDIEM = r"(?:[ap]\.\s?m\.|[ap]m\b)"
_TIME = re.compile(
    rf"(?i)\b\d{{1,2}}[:.]\d{{2}}(?:[:.]\d{{2}})?(?:\s*(?:{_MERIDIEM}|hrs?\b))?"
    rf"|\b\d{{1,2}}\s*{_MERIDIEM}"
)
# What may sit beside the date in a date line: weekdays, time zones (the abbreviations news
# sites print, US ones included: "6:05 PM ET"), offsets, "on" ("on Saturday, 14 September
# 2024") and punctuation. Not "at", which mostly comes with an update time: a "Last updated at
# <time>, <weekday>, <date>" line in the ECB+ development topics came a week after its text was
# written, and read as its publication date it moved the text's "on Saturday" a week on.
# Telling update dates from publication dates would let such lines in; until then, not read.
_ZONES = (
    "ist|gmt|utc|est|edt|cst|cdt|mst|mdt|pst|pdt|et|ct|mt|pt|bst|cet|cest|eet|eest|msk|wib|jst"
    "|kst|hkt|sgt|aest|aedt|awst|nzst|nzdt|sast|wat|eat|pkt"
)
_DATE_LINE_NOISE = re.compile(
    r"(?i)\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b"
    rf"|\b(?:{_ZONES}|on)\b|[+-]\d{{2}}:?\d{{2}}|\bz\b|[\s,.|\u2022\u00b7:()+\-\u2013\u2014/]+"
)


def _date_line(line: str) -> tuple[str | None, str] | None:
    """(label, iso date) when ``line`` is nothing but an optionally labelled date, possibly
    beside short labels: "World | Mon 3 Mar 2025", "Mumbai | Updated: Apr 16, 2025, 19:42"."""
    line = line.strip().strip("*_").strip()
    segments = [part.strip() for part in _SEGMENT_SEPARATOR.split(line)]
    if len(segments) > 1:
        dated = [found for found in map(_plain_date_line, segments) if found]
        others = [part for part in segments if _plain_date_line(part) is None]
        if len(dated) == 1 and all(_is_label(part) or _is_time(part) for part in others):
            return dated[0]
        return None
    return _plain_date_line(line)


_SEGMENT_SEPARATOR = re.compile(r"\s+[|\u00b7\u2022]\s+")


def _is_time(part: str) -> bool:
    """A clock time alone, as a site prints it beside the date ("May 2, 2024 | 5:03pm")."""
    return _TIME.search(part) is not None and not _DATE_LINE_NOISE.sub("", _TIME.sub("", part))


def _is_label(part: str) -> bool:
    words = part.split()
    return 0 < len(words) <= 4 and not any(ch.isdigit() for ch in part)


def _plain_date_line(line: str) -> tuple[str | None, str] | None:
    line = _ISO_T.sub(" ", line)
    label_match = _DATE_LABEL.match(line)
    rest = line[label_match.end() :] if label_match else line
    found = parse_date(rest)
    if found is None:
        return None
    iso, match = found
    leftover = rest[: match.start()] + " " + rest[match.end() :]
    if _DATE_LINE_NOISE.sub("", _TIME.sub("", leftover)):
        return None
    label = label_match.group("label").lower() if label_match else None
    return label, iso


def is_metadata_line(line: str) -> bool:
    """True for a line that is pure metadata: a date line or an agency credit line."""
    stripped = line.strip()
    return bool(stripped) and (
        _date_line(stripped) is not None
        or _CREDIT_LINE.match(stripped) is not None
        or _URL_LINE.match(stripped) is not None
    )


# A provenance line of a text dump: "Source: https://...", "URL: <https://...>", a bare URL.
_URL_LINE = re.compile(
    r"^(?:(?i:source|url|link|original\s+url|canonical(?:\s+url)?)\s*:\s*)?<?(https?://\S+?)>?$"
)


def _credit_line_agencies(line: str) -> list[str]:
    match = _CREDIT_LINE.match(line.strip())
    if match is None:
        return []
    if match.group("signoff"):
        return [match.group("signoff")]
    if re.search(r"(?i)agency\s+inputs", line):
        return ["Agencies"]
    return _agencies_in(line)


# --- datelines -------------------------------------------------------------------------------

_PLACE_WORDS = r"[A-Z][A-Za-z.'\-]*(?:\s+[A-Z][A-Za-z.'\-]*){0,3}"
_DATELINE = re.compile(
    rf"^(?P<dateline>(?P<place>{_PLACE_WORDS}(?:\s*,\s*(?!(?i:{_MONTH})\s+\d){_PLACE_WORDS})?)"
    r"(?:\s*\[[A-Za-z .]{2,30}\])?"
    rf"(?:\s*,\s*(?P<date>(?i:{_MONTH})\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+(?i:{_MONTH})"
    r"(?:,?\s+\d{4})?))?)?"
    r"\s*(?:\((?P<tag>[A-Z][\w.&'\-]*(?:\s+[A-Z][\w.&'\-]*){0,3})\))?"
    r"\s*(?P<sep>[:\-\u2013\u2014]+)?\s*(?=\S)"
)
_DATELINE_SEARCH_LINES = 15  # a dateline opens the body, which may follow a title and synopsis


@dataclass(frozen=True, slots=True)
class _Dateline:
    text: str | None
    tag: str | None
    published: str | None


def _find_dateline(lines: list[str]) -> _Dateline | None:
    seen = 0
    for line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        seen += 1
        if seen > _DATELINE_SEARCH_LINES:
            return None
        found = _dateline_of(stripped)
        if found is not None:
            return found
    return None


def _dateline_of(line: str) -> _Dateline | None:
    match = _DATELINE.match(line)
    if match is None or match.end() >= len(line):
        return None
    tag, when = match.group("tag"), match.group("date")
    place = match.group("place") or ""
    if not _is_dateline(place, tag, when, bool(match.group("sep"))):
        return None
    text = match.group("dateline")
    published = None
    if when:
        parsed = parse_date(when)
        published = parsed[0] if parsed else None
    return _Dateline(text=text.strip() if text else None, tag=tag, published=published)


def _is_dateline(place: str, tag: str | None, when: str | None, sep: bool) -> bool:
    """Tell "New Delhi, May 28 (IANS)" from "The Indian Air Force (IAF) said": a dateline has
    a date, or an upper-case place (or none) closed by a separator ("QINGDAO (Agencies):")."""
    if when:
        return bool(tag) or sep
    if not tag:
        return False
    first_place = place.split(",")[0]
    capital_place = not place or first_place.upper() == first_place
    if canonical_agency(tag):
        return capital_place or sep
    return capital_place and sep


# --- the head: masthead, section and date lines, title -----------------------------------------

_MAX_TITLE_WORDS = 25
_MAX_TITLE_CHARS = 200
_SENTENCE_BREAK = re.compile(r"[a-z]{2}[.!?]\s+\S")  # a headline is one sentence at most
_MAX_MASTHEAD_WORDS = 5
_MAX_SECTION_WORDS = 3
_MAX_HEAD_LINES = 12  # non-blank lines looked at before giving up on finding the body
_PARAGRAPH_WORDS = 16  # a line this long is body text, not a headline


@dataclass(slots=True)
class _Head:
    drop: list[int]  # masthead, section label and date lines
    title: str | None = None
    outlet: str | None = None


def is_paragraph_line(line: str) -> bool:
    """A line of body text: long, or a full sentence, or opening with a dateline."""
    words = line.split()
    if len(words) >= _PARAGRAPH_WORDS:
        return True
    sentence = len(words) >= 8 and line.rstrip().endswith((".", "!", '"', "\u201d"))
    return sentence or _dateline_of(line.strip()) is not None


def _head(lines: list[str], is_debris: Callable[[str], bool]) -> _Head:
    entries = _head_entries(lines, is_debris)
    head = _Head(drop=[i for i, kind in entries if kind == "meta"])
    texts = [i for i, kind in entries if kind == "text"]
    start = 0
    if texts and _has_masthead(lines, entries, texts):
        masthead = texts[0]
        head.outlet = _outlet_name(lines[masthead].strip())
        head.drop.append(masthead)
        start = 1
        if len(texts) > 2 and _is_section(lines[texts[1]].strip()):
            head.drop.append(texts[1])
            start = 2
    for i in texts[start:]:
        if _looks_like_headline(lines[i].strip()):
            head.title = lines[i].strip()
            break
    head.drop.sort()
    return head


def _head_entries(lines: list[str], is_debris: Callable[[str], bool]) -> list[tuple[int, str]]:
    """(index, kind) of the non-blank lines before the first paragraph; kind is "meta",
    "debris" or "text"."""
    entries: list[tuple[int, str]] = []
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if len(entries) >= _MAX_HEAD_LINES or is_paragraph_line(stripped):
            break
        if _date_line(stripped) is not None or _URL_LINE.match(stripped):
            entries.append((i, "meta"))
        elif is_debris(stripped):
            entries.append((i, "debris"))
        else:
            entries.append((i, "text"))
    return entries


def _has_masthead(lines: list[str], entries: list[tuple[int, str]], texts: list[int]) -> bool:
    """The first text line is a masthead when it is short and title-cased, is followed by a
    date/debris line or a section label, and a headline still follows."""
    first = lines[texts[0]].strip()
    if not _masthead_like(first) or len(texts) < 2:
        return False
    position = [i for i, _ in entries].index(texts[0])
    if position + 1 >= len(entries):
        return False
    following, kind = entries[position + 1]
    section = kind == "text" and _is_section(lines[following].strip())
    if not (kind != "text" or section):
        return False
    rest = texts[2:] if section else texts[1:]
    return any(_looks_like_headline(lines[i].strip()) for i in rest)


def _masthead_like(line: str) -> bool:
    words = line.split()
    return (
        1 <= len(words) <= _MAX_MASTHEAD_WORDS
        and not any(ch.isdigit() for ch in line)
        and not line.endswith((".", "?", "!", ":", ",", ";"))
        and all(w[0].isupper() or w in ("of", "the", "and", "&") for w in words)
    )


def _is_section(line: str) -> bool:
    """A section label: one word ("World"), or a few joined by "&" ("Defence & Security") or
    in capitals ("INDIA NEWS") -- not two capitalised words, which is more likely a name."""
    words = line.split()
    if not _masthead_like(line) or len(words) > _MAX_SECTION_WORDS:
        return False
    return len(words) == 1 or "&" in words or "and" in words or line.isupper()


def _outlet_name(masthead: str) -> str:
    if masthead.isupper():  # "THE HIGHLAND COURIER" -> "The Highland Courier"
        return " ".join(word.capitalize() for word in masthead.split())
    return masthead


def _looks_like_headline(line: str) -> bool:
    words = line.split()
    return (
        2 <= len(words) <= _MAX_TITLE_WORDS
        and len(line) <= _MAX_TITLE_CHARS
        and not line.endswith((".", ",", ";", ":"))
        and (line[0].isupper() or line[0].isdigit() or line[0] in "\"'\u201c\u2018")
        and not _SENTENCE_BREAK.search(line)
        and _dateline_of(line) is None
    )


# --- the tail: credit lines -------------------------------------------------------------------


def _tail(lines: list[str], is_debris: Callable[[str], bool], head_end: int) -> list[int]:
    """Indexes of credit and date lines at the end, looking past blank and debris lines."""
    found: list[int] = []
    for i in range(len(lines) - 1, head_end, -1):
        stripped = lines[i].strip()
        if not stripped:
            continue
        if is_metadata_line(stripped):
            found.append(i)
        elif not is_debris(stripped):
            break
    return sorted(found)


# --- putting it together -------------------------------------------------------------------


def extract_metadata(text: str, hints: dict[str, str]) -> Metadata:
    """Metadata of a (repaired) article text; ``hints`` (title, published, outlet) win."""
    return split_metadata(text, hints)[0]


def split_metadata(
    text: str, hints: dict[str, str], is_debris: Callable[[str], bool] | None = None
) -> tuple[Metadata, str]:
    """Metadata plus the body without masthead, date and credit lines (see the module doc).

    ``is_debris`` says which lines are web debris, to be looked past (not read, not removed).
    The body is ``text`` itself when nothing was removed."""
    lines = text.split("\n")
    debris = is_debris or _nothing
    head = _head(lines, debris)
    tail = _tail(lines, debris, max(head.drop, default=-1))
    dateline = _find_dateline([line for i, line in enumerate(lines) if i not in head.drop])
    outlet = _hint(hints, "outlet") or head.outlet
    dates = [d for d in (_date_line(lines[i]) for i in head.drop + tail) if d]
    meta = Metadata(
        title=_hint(hints, "title") or head.title,
        published=_published(hints, dates, dateline),
        outlet=outlet or _tag_outlet(dateline),
        credits=_credits(lines, tail, dateline, outlet),
        dateline=dateline.text if dateline else None,
        url=_hint(hints, "url") or _url(lines, head.drop + tail),
    )
    return meta, _without(text, lines, head.drop, tail)


def _url(lines: list[str], indexes: list[int]) -> str | None:
    for i in indexes:
        match = _URL_LINE.match(lines[i].strip())
        if match:
            return match.group(1)
    return None


def _nothing(line: str) -> bool:
    return False


def _credits(
    lines: list[str], credit_lines: list[int], dateline: _Dateline | None, outlet: str | None
) -> tuple[str, ...]:
    found: list[str] = []
    if dateline and dateline.tag and _tag_outlet(dateline) is None:
        found.append(canonical_agency(dateline.tag) or dateline.tag)
    elif dateline and dateline.tag and outlet and dateline.tag != outlet:
        found.append(dateline.tag)  # the outlet is known, so the tag names someone else
    for i in credit_lines:
        found.extend(_credit_line_agencies(lines[i]))
    for line in lines:
        for pattern in _BODY_CREDITS:
            found.extend(
                _ALIAS_TO_AGENCY[m.group("agency").lower()] for m in pattern.finditer(line)
            )
    return tuple(dict.fromkeys(found))


def _tag_outlet(dateline: _Dateline | None) -> str | None:
    """A dateline tag that names the outlet: not an agency, not an all-capitals acronym."""
    if dateline is None or not dateline.tag:
        return None
    tag = dateline.tag
    if canonical_agency(tag) or _ACRONYM.fullmatch(tag):
        return None
    return tag


def _published(
    hints: dict[str, str], dates: list[tuple[str | None, str]], dateline: _Dateline | None
) -> str | None:
    hinted = _hint(hints, "published")
    if hinted:
        parsed = parse_date(hinted)
        return parsed[0] if parsed else None
    for label, iso in dates:
        if label not in ("updated", "last updated", "modified"):
            return iso
    if dates:
        return dates[0][1]
    return dateline.published if dateline else None


def _hint(hints: dict[str, str], key: str) -> str | None:
    value = hints.get(key)
    return value.strip() or None if value else None


def _without(text: str, lines: list[str], head: list[int], tail: list[int]) -> str:
    if not head and not tail:
        return text
    return join_kept_lines(lines, set(head + tail), trim_head=bool(head), trim_tail=bool(tail))


def join_kept_lines(lines: list[str], drop: set[int], trim_head: bool, trim_tail: bool) -> str:
    """Join ``lines`` without the ``drop`` indexes. A removed line leaves no gap behind: the
    blank lines on both sides of it become one, and blank lines at a trimmed edge go."""
    kept: list[str] = []
    removed_since = False
    for i, line in enumerate(lines):
        if i in drop:
            removed_since = True
            continue
        if removed_since and not line.strip() and kept and not kept[-1].strip():
            continue  # the blank line before the removed one already separates
        removed_since = removed_since and not line.strip()
        kept.append(line)
    start, end = 0, len(kept)
    if trim_head:
        while start < end and not kept[start].strip():
            start += 1
    if trim_tail:
        while end > start and not kept[end - 1].strip():
            end -= 1
    return "\n".join(kept[start:end])

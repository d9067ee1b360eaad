"""Time expressions: finding, resolving against the article's date, comparing; the TempEval
harness's scorer. Every sentence here is written for these tests."""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest

from claimgraph.extract.dates import dates_compatible, find_dates, resolve_iso, timeline_key
from claimgraph.model import Mention, Value

REPO = Path(__file__).resolve().parents[2]
TEMPEVAL = REPO.parent / "shared" / "data" / "tempeval3" / "Training"
ANCHOR = "2025-06-18"  # a Wednesday


def only(text: str, anchor: str | None = ANCHOR) -> Mention:
    found = find_dates(text, anchor)
    assert len(found) == 1, [m.text for m in found]
    return found[0]


def value_of(text: str, anchor: str | None = ANCHOR) -> Value:
    v = only(text, anchor).value
    assert v is not None
    return v


# (sentence, expression found, "value low high granularity [hedge]"): "=" is the value's day,
# "-" is None.
RESOLVED = [
    # calendar dates
    ("Talks resumed on May 28 in Vienna.", "May 28", "2025-05-28 = = day"),
    ("The accord was signed on 28 May 2025.", "28 May 2025", "2025-05-28 = = day"),
    ("Shipments began June 27, 2025, officials said.", "June 27, 2025", "2025-06-27 = = day"),
    ("The filing is dated 2025-06-27.", "2025-06-27", "2025-06-27 = = day"),
    ("The notice went out on 27/06/2025.", "27/06/2025", "2025-06-27 = = day"),
    ("The notice went out on 03/04/2025.", "03/04/2025", "2025-04-03 = = day"),
    ("The memo is stamped 06/27/2025.", "06/27/2025", "2025-06-27 = = day"),
    ("Polls close Thursday, June 26.", "Thursday, June 26", "2025-06-26 = = day"),
    ("The fair runs May 5-7 each spring.", "May 5-7", "2025-05-05 = 2025-05-07 day"),
    # weekdays: the anchor day itself or the previous six days; ahead when the clause is future
    ("The minister spoke on Wednesday.", "Wednesday", "2025-06-18 = = day"),
    ("The minister spoke on Monday.", "Monday", "2025-06-16 = = day"),
    ("The minister spoke on Thursday.", "Thursday", "2025-06-12 = = day"),
    ("The minister will speak on Thursday.", "Thursday", "2025-06-19 = = day"),
    ("The ferry sank last Wednesday.", "last Wednesday", "2025-06-11 = = day"),
    ("Crews were called out Sunday night.", "Sunday night", "2025-06-15 = = day"),
    # days, weeks, months, years around the anchor
    ("Rain fell yesterday.", "yesterday", "2025-06-17 = = day"),
    ("The court sits today.", "today", "2025-06-18 = = day"),
    ("The court sits tomorrow.", "tomorrow", "2025-06-19 = = day"),
    ("Two men were arrested last night.", "last night", "2025-06-17 = = day"),
    ("Prices rose last week.", "last week", "2025-06-09 = 2025-06-15 week"),
    ("Prices rose earlier this week.", "earlier this week", "2025-06-16 = 2025-06-18 week earlier"),
    ("Prices may rise next week.", "next week", "2025-06-23 = 2025-06-29 week"),
    (
        "The dam burst earlier this month.",
        "earlier this month",
        "2025-06-01 = 2025-06-18 month earlier",
    ),
    ("Sales slowed this month.", "this month", "2025-06-01 = 2025-06-30 month"),
    ("Sales slowed last month.", "last month", "2025-05-01 = 2025-05-31 month"),
    ("Sales may recover next month.", "next month", "2025-07-01 = 2025-07-31 month"),
    ("Exports fell last year.", "last year", "2024-01-01 = 2024-12-31 year"),
    ("Exports fell this year.", "this year", "2025-01-01 = 2025-12-31 year"),
    ("Exports may grow next year.", "next year", "2026-01-01 = 2026-12-31 year"),
    ("The bridge failed two weeks ago.", "two weeks ago", "2025-06-02 = 2025-06-08 week"),
    ("The bridge failed three days ago.", "three days ago", "2025-06-15 = = day"),
    ("The plant will open in two years.", "in two years", "2027-01-01 = 2027-12-31 year"),
    (
        "Output doubled over the past decade.",
        "the past decade",
        "2015-06-18 = 2025-06-18 decade past",
    ),
    # years, ranges, deadlines, fiscal years
    ("The plant will open in 2026.", "2026", "2026-01-01 = 2026-12-31 year"),
    ("The treaty was signed in 2018.", "2018", "2018-01-01 = 2018-12-31 year"),
    ("2018 was a hard year for growers.", "2018", "2018-01-01 = 2018-12-31 year"),
    ("Deliveries will be complete by 2026.", "by 2026", "2026-12-31 - = year by"),
    ("Deliveries come in 2026 and 2027.", "2026 and 2027", "2026-01-01 = 2027-12-31 year"),
    (
        "Prices doubled between 2020 and 2024.",
        "between 2020 and 2024",
        "2020-01-01 = 2024-12-31 year",
    ),
    ("The 2020-2024 plan was cut.", "2020-2024", "2020-01-01 = 2024-12-31 year"),
    ("The 2026-27 budget adds posts.", "2026-27", "2026-01-01 = 2027-12-31 year fiscal"),
    (
        "Revenue for FY2025 beat forecasts.",
        "FY2025",
        "2025-01-01 2024-01-01 2025-12-31 year fiscal",
    ),
    ("The work must end before June.", "before June", "2025-05-31 - = month before"),
    # quarters, seasons, months, parts of periods, decades
    ("Profit rose in Q3 2024.", "Q3 2024", "2024-07-01 = 2024-09-30 quarter"),
    ("Profit rose in the first quarter.", "the first quarter", "2025-01-01 = 2025-03-31 quarter"),
    ("The dig began in summer 2023.", "summer 2023", "2023-06-01 = 2023-08-31 season"),
    ("The dig began last summer.", "last summer", "2024-06-01 = 2024-08-31 season"),
    ("The dig began this spring.", "this spring", "2025-03-01 = 2025-05-31 season"),
    ("The strike started in March.", "March", "2025-03-01 = 2025-03-31 month"),
    ("The strike started in March 2024.", "March 2024", "2024-03-01 = 2024-03-31 month"),
    ("Talks are set for mid-2025.", "mid-2025", "2025-01-01 2025-05-01 2025-08-31 year mid"),
    ("The line opens in early 2026.", "early 2026", "2026-01-01 = 2026-04-30 year early"),
    ("The firm was sold in late 2024.", "late 2024", "2024-01-01 2024-09-01 2024-12-31 year late"),
    ("Growth was fast in the 1990s.", "1990s", "1990-01-01 = 1999-12-31 decade"),
    # clock times take the anchor's day, or the day next to them
    ("The vote is at 3 p.m.", "3 p.m.", "2025-06-18T15:00 = = day"),
    ("The hearing opened at 10:30 am.", "10:30 am", "2025-06-18T10:30 = = day"),
    ("Fire broke out at 3 p.m. yesterday.", "3 p.m. yesterday", "2025-06-17T15:00 = = day"),
]


def _expected(spec: str) -> tuple[str | None, ...]:
    value, low, high, gran, *hedge = spec.split()
    bounds = [None if b == "-" else value[:10] if b == "=" else b for b in (low, high)]
    return (value, *bounds, gran, hedge[0] if hedge else None)


@pytest.mark.parametrize(("text", "surface", "spec"), RESOLVED)
def test_resolves_against_the_anchor(text: str, surface: str, spec: str) -> None:
    m = only(text)
    assert m.text == surface
    assert text[m.start : m.end] == surface
    assert m.label == "DATE"
    v = m.value
    assert v is not None and v.kind == "date" and v.text == surface
    assert (v.value, v.low, v.high, v.granularity, v.hedge) == _expected(spec)


NOT_DATES = [
    "The court may soon proceed with the case.",
    "Supporters plan to march to the capital.",
    "March organisers asked for calm.",
    "He served for three years before retiring.",
    "After 20 years of conflict, the border opened.",
    "About 2000 troops crossed the river.",
    "The network still runs Windows 2000 on some desks.",
    "Prices fall when supply grows.",
    "The fall of the old regime was swift.",
    "It was the first time in 20 years that the river froze.",
    "The score was 2:1 at the break.",
    "He paid $1,990 for the ticket.",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_a_date(text: str) -> None:
    assert find_dates(text, ANCHOR) == []


def test_may_the_verb_beside_may_the_month() -> None:
    found = find_dates("Officials may decide in May whether talks may go on.", ANCHOR)
    assert [m.text for m in found] == ["May"]
    assert found[0].value is not None and found[0].value.low == "2025-05-01"


def test_offsets_sorted_and_disjoint_across_a_paragraph() -> None:
    text = " ".join(row[0] for row in RESOLVED) + " " + " ".join(NOT_DATES)
    found = find_dates(text, ANCHOR)
    assert len(found) >= len(RESOLVED)
    for m in found:
        assert text[m.start : m.end] == m.text
    for a, b in zip(found, found[1:], strict=False):
        assert a.end <= b.start


def test_without_an_anchor_relative_dates_are_found_unresolved() -> None:
    found = find_dates("He left on Wednesday and returned in 2018.", None)
    assert [m.text for m in found] == ["Wednesday", "2018"]
    wednesday, year = (m.value for m in found)
    assert wednesday is not None and wednesday.value is None and wednesday.granularity == "day"
    assert year is not None and year.value == "2018-01-01"
    assert dates_compatible(wednesday, year) is None


def test_month_day_takes_the_nearest_year_and_the_weekday_fixes_the_year() -> None:
    # In a December report, "Jan. 5" that is still to come is next January.
    assert value_of("The offer expires Jan. 5.", "2025-12-20").value == "2026-01-05"
    # "Monday, Oct. 26" is a Monday in 2026, not in 2025.
    assert value_of("Polls open Monday, Oct. 26.", "2025-12-01").value == "2026-10-26"


def test_a_year_earlier_counts_from_the_quarter_just_named() -> None:
    text = "Profit rose 8% in the second quarter, up from a year earlier."
    quarter, earlier = find_dates(text, ANCHOR)
    assert earlier.text == "a year earlier"
    assert earlier.value is not None
    assert (earlier.value.low, earlier.value.high) == ("2024-04-01", "2024-06-30")
    assert earlier.value.granularity == "quarter"


def test_refs_are_opt_in() -> None:
    text = "Prices are now higher than they were recently."
    assert find_dates(text, ANCHOR) == []
    found = find_dates(text, ANCHOR, refs=True)
    assert [(m.text, m.value.hedge if m.value else None) for m in found] == [
        ("now", "present"),
        ("recently", "past"),
    ]


def _date(text: str, anchor: str = ANCHOR) -> Value:
    return value_of(f"It happened {text}.", anchor) if text[0].isdigit() else value_of(text, anchor)


COMPATIBLE = [
    ("Delivery is due by 2026.", "Delivery comes in 2026 and 2027.", False),
    ("Delivery is due by 2026.", "Delivery came in 2025.", True),
    ("It ends by 2026.", "It ends by 2027.", False),
    ("Output peaked in 2025.", "Output peaked in June 2025.", True),
    ("The vote was on May 10.", "The vote was on May 11.", False),
    ("The vote was on May 10.", "The vote was in May.", True),
    ("The plant opens in early 2026.", "The plant opens in March 2026.", True),
    ("The plant opens in early 2026.", "The plant opens in November 2026.", False),
    ("Profit rose in Q3 2024.", "Profit rose in August 2024.", True),
]


@pytest.mark.parametrize(("a", "b", "expected"), COMPATIBLE)
def test_dates_compatible(a: str, b: str, expected: bool) -> None:
    va, vb = value_of(a), value_of(b)
    assert dates_compatible(va, vb) is expected
    assert dates_compatible(vb, va) is expected


def test_dates_compatible_needs_two_resolved_dates() -> None:
    money = Value("money", 5.0, 4.5, 5.5, "USD", "$5")
    assert dates_compatible(money, value_of("It fell in 2025.")) is None
    unresolved = value_of("It fell on Monday.", None)
    assert dates_compatible(unresolved, value_of("It fell in 2025.")) is None


DISPLAY = [
    ("Rain fell on May 28.", "2025-05-28", "2025-05-28"),
    ("The vote is at 3 p.m.", "2025-06-18T15:00", "2025-06-18"),
    ("Prices rose last week.", "2025-W24", "2025-06-09"),
    ("The strike started in March 2024.", "2024-03", "2024-03"),
    ("Profit rose in Q3 2024.", "2024-Q3", "2024-07"),
    ("The dig began in summer 2023.", "2023-SU", "2023-06"),
    ("The treaty was signed in 2018.", "2018", "2018"),
    ("Growth was fast in the 1990s.", "1990s", "1990"),
    ("Deliveries come in 2026 and 2027.", "2026/2027", "2026"),
    ("Deliveries will be complete by 2026.", "../2026", "2026"),
    ("Revenue for FY2025 beat forecasts.", "2025", "2025"),
    ("The FY25-26 budget was cut.", "2025/2026", "2025"),
    ("Talks are set for mid-2025.", "2025", "2025"),
    ("Output doubled over the past decade.", "2015-06-18/2025-06-18", "2015"),
]


@pytest.mark.parametrize(("text", "iso", "key"), DISPLAY)
def test_resolve_iso_and_timeline_key(text: str, iso: str, key: str) -> None:
    v = value_of(text)
    assert resolve_iso(v) == iso
    assert timeline_key(v) == key


def test_unresolved_values_have_no_iso_or_key() -> None:
    v = value_of("He left on Monday.", None)
    assert resolve_iso(v) is None
    assert timeline_key(v) == ""


def test_speed() -> None:
    sentences = [row[0] for row in RESOLVED] + NOT_DATES
    best = 0.0
    for _ in range(3):  # the best of three, so a busy machine does not fail the test
        started = time.perf_counter()
        for _ in range(10):
            for s in sentences:
                find_dates(s, ANCHOR)
        best = max(best, 10 * len(sentences) / (time.perf_counter() - started))
    assert best > 2000, f"{best:.0f} sentences/s"


# --------------------------------------------------------------------------- TempEval harness


def _harness() -> ModuleType:
    name = "eval_tempeval"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, REPO / "benchmarks" / "eval_tempeval.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


TINY_TIMEML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>TEST0001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2021-03-10" temporalFunction="false" \
functionInDocument="CREATION_TIME">2021-03-10</TIMEX3></DCT>
<TEXT>
The bridge <EVENT eid="e1">reopened</EVENT> <TIMEX3 tid="t1" type="DATE" value="2021-03-08">\
Monday</TIMEX3> after repairs that began in <TIMEX3 tid="t2" type="DATE" value="2020-11">\
November</TIMEX3>. Crews worked for <TIMEX3 tid="t3" type="DURATION" value="P4M">four months\
</TIMEX3> &amp; will check it again <TIMEX3 tid="t4" type="DATE" value="2021-W11">next week\
</TIMEX3> and in <TIMEX3 tid="t5" type="DATE" value="2022">2022</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_harness_parses_timeml() -> None:
    ev = _harness()
    doc = ev.parse_timeml(TINY_TIMEML, "tiny")
    assert doc.dct == "2021-03-10"
    assert "<" not in doc.text and "& will" in doc.text
    assert [(doc.text[t.start : t.end], t.type, t.value) for t in doc.timexes] == [
        ("Monday", "DATE", "2021-03-08"),
        ("November", "DATE", "2020-11"),
        ("four months", "DURATION", "P4M"),
        ("next week", "DATE", "2021-W11"),
        ("2022", "DATE", "2022"),
    ]


def test_harness_scores_find_dates_on_tiny_timeml() -> None:
    ev = _harness()
    scores = ev.score([ev.parse_timeml(TINY_TIMEML, "tiny")]).scores()
    assert scores["gold"] == 4
    assert scores["strict_f1"] == 1.0
    assert scores["value_accuracy"] == 1.0
    assert scores["value_f1"] == 1.0


def test_harness_scoring_arithmetic() -> None:
    ev = _harness()
    doc = ev.parse_timeml(TINY_TIMEML, "tiny")
    monday, november, months, _, year = doc.timexes

    def mention(start: int, end: int, value: str | None, gran: str = "day") -> Mention:
        v = Value("date", value, value, value, None, doc.text[start:end], gran)  # type: ignore[arg-type]
        return Mention(start, end, doc.text[start:end], "DATE", v)

    predicted = [
        mention(monday.start, monday.end, "2021-03-08"),  # exact, right value
        mention(november.start - 3, november.end, "2021-11-01", "month"),  # overlaps, wrong value
        mention(months.start, months.end, None),  # on a DURATION: left out of precision
        mention(year.start, year.end, "2022-01-01", "year"),  # exact, right value
        mention(0, 3, "2021-03-10"),  # "The": spurious
    ]
    tally = ev.Tally()
    tally.add(doc, predicted)
    s = tally.scores()
    assert (s["gold"], s["predicted"], s["ignored_on_durations"]) == (4, 4, 1)
    assert s["strict_precision"] == 2 / 4 and s["strict_recall"] == 2 / 4
    assert s["relaxed_precision"] == 3 / 4 and s["relaxed_recall"] == 3 / 4
    assert s["value_accuracy"] == pytest.approx(2 / 3)
    assert s["value_f1"] == pytest.approx(0.75 * 2 / 3)


def test_harness_timex_values() -> None:
    ev = _harness()
    cases = {
        "Prices rose last week.": "2025-W24",
        "Growth was fast in the 1990s.": "199",
        "The dig began in summer 2023.": "2023-SU",
        "Profit rose in Q3 2024.": "2024-Q3",
        "The vote is at 3 p.m.": "2025-06-18T15:00",
        "Deliveries will be complete by 2026.": "2026",
    }
    for text, timex in cases.items():
        assert ev.timex_value(value_of(text)) == timex, text
    assert ev.timex_value(find_dates("Prices are now high.", ANCHOR, refs=True)[0].value) == (
        "PRESENT_REF"
    )


@pytest.mark.shared
@pytest.mark.skipif(not TEMPEVAL.is_dir(), reason="../shared/data/tempeval3 is not present")
def test_harness_on_real_tempeval_files() -> None:
    ev = _harness()
    docs = ev.load(TEMPEVAL, limit=40)
    assert len(docs) == 40
    assert ev.score(docs).scores()["value_f1"] > 0.6

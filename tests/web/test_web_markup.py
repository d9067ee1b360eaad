"""Escape-then-mark helpers and the server-side timeline chart."""

from __future__ import annotations

import pytest

pytest.importorskip("markupsafe")

from claimgraph.model import Claim, Span, Value  # noqa: E402
from claimgraph.web.data import MARK_CLOSE, MARK_OPEN  # noqa: E402
from claimgraph.web.markup import annotate, claim_sentence, highlight, locate, snippet  # noqa: E402
from claimgraph.web.timeline import Item, parse_period, render, short_date  # noqa: E402


def make_claim(
    cid: str, text: str, sentence: str, value: str, sentence_at: int | None = None
) -> Claim:
    s0 = text.index(sentence) if sentence_at is None else sentence_at
    v0 = text.index(value, s0)
    return Claim(
        id=cid,
        article_id="a1",
        sentence=Span(s0, s0 + len(sentence), sentence),
        value=Value("count", 1, 1, 1, None, value),
        value_span=Span(v0, v0 + len(value), value),
    )


def test_highlight_escapes_every_piece() -> None:
    out = highlight("<b>40</b> & <i>43</i>", [(3, 5), (15, 17)])
    assert str(out) == "&lt;b&gt;<mark>40</mark>&lt;/b&gt; &amp; &lt;i&gt;<mark>43</mark>&lt;/i&gt;"


def test_highlight_clips_and_merges_ranges() -> None:
    assert str(highlight("abcdef", [(4, 99), (-3, 1), (0, 2), (5, 5)])) == (
        "<mark>ab</mark>cd<mark>ef</mark>"
    )


def test_locate_trusts_offsets_only_when_they_still_match() -> None:
    assert locate("rose to 43 today", Span(108, 110, "43"), base=100) == (8, 10)
    assert locate("rose to 43 today", Span(0, 2, "43")) == (8, 10)  # stale: searched for
    assert locate("rose to 43 today", Span(0, 2, "99")) is None


def test_claim_sentence_uses_offsets_relative_to_the_sentence() -> None:
    text = "Intro. It was 40, then 40 more."
    c = make_claim("c1", text, "It was 40, then 40 more.", "40")
    assert str(claim_sentence(c)) == "It was <mark>40</mark>, then 40 more."


def test_annotate_marks_claims_with_anchors_and_escapes_the_rest() -> None:
    text = "<script>x</script> First 40 here. Then 43 <b>there</b>."
    a = make_claim("c-a", text, "First 40 here.", "40")
    b = make_claim("c-b", text, "Then 43 <b>there</b>.", "43")
    html = str(annotate(text, [b, a], {"c-a": "conflicting"}))
    assert html.startswith("&lt;script&gt;x&lt;/script&gt; ")
    assert '<span class="claim st-conflicting"><span class="anchor" id="c-c-a"></span>' in html
    assert "First <mark>40</mark> here." in html
    assert '<span class="claim"><span class="anchor" id="c-c-b"></span>Then <mark>43</mark>' in html
    assert "&lt;b&gt;there&lt;/b&gt;.</span>" in html


def test_annotate_merges_overlapping_sentences_and_keeps_every_anchor() -> None:
    text = "The toll is 40 and the date is Monday."
    a = make_claim("one", text, text, "40")
    b = make_claim("two", text, text, "Monday")
    html = str(annotate(text, [a, b], {"one": "single_source", "two": "conflicting"}))
    assert html.count('<span class="claim') == 1
    assert 'id="c-one"' in html and 'id="c-two"' in html
    assert "st-conflicting" in html  # the most notable status wins
    assert "<mark>40</mark>" in html and "<mark>Monday</mark>" in html


def test_snippet_marks_matches_and_escapes() -> None:
    text = f"…a <b> {MARK_OPEN}quake{MARK_CLOSE} hit [x] {MARK_OPEN}<i>{MARK_CLOSE}"
    assert str(snippet(text)) == "…a &lt;b&gt; <mark>quake</mark> hit [x] <mark>&lt;i&gt;</mark>"


def test_periods_and_short_dates() -> None:
    assert parse_period("2025-02") == (parse_period("2025-02-01")[0], parse_period("2025-02-28")[0])  # type: ignore[index]
    assert parse_period("2026") is not None and parse_period("soon") is None
    assert parse_period("2025-13-01") is None
    assert (short_date("2025-03-05"), short_date("2025-03"), short_date("2025")) == (
        "5 Mar 2025", "Mar 2025", "2025"
    )  # fmt: skip


def test_timeline_chart_draws_days_and_periods() -> None:
    items = [
        Item("2025-03-03", "Quake <struck>", "corroborated", "#f-1"),
        Item("2025-04", "Rebuilding starts", "single_source"),
        Item("2025-03-04", "Published: report"),
        Item("not a date", "ignored", "conflicting"),
    ]
    svg = str(render(items, "Timeline of <x>"))
    assert svg.startswith('<svg class="timeline"')
    assert '<title id="tl-title">Timeline of &lt;x&gt;</title>' in svg
    assert svg.count("<circle") == 1 and 'class="tl-single_source"' in svg  # a month is a bar
    assert "Quake &lt;struck&gt;" in svg and '<a href="#f-1">' in svg
    assert "1 report published" in svg
    assert "ignored" not in svg


def test_timeline_without_dates_is_empty() -> None:
    assert str(render([Item("someday", "x", "conflicting")])) == ""
    assert str(render([])) == ""


@pytest.mark.parametrize("lo,hi", [("2025-03-03", "2025-03-03"), ("2025-01-01", "2025-03-01"),
                                   ("2024-01-01", "2025-06-01"), ("1998", "2026")])  # fmt: skip
def test_timeline_axis_has_ticks_for_any_range(lo: str, hi: str) -> None:
    svg = str(render([Item(lo, "a", "conflicting"), Item(hi, "b", "corroborated")]))
    assert svg.count('text-anchor="middle"') >= 1


def test_a_date_far_from_the_reports_is_pinned_to_the_edge() -> None:
    items = [
        Item("1998", "A 1998 quake killed 19", "single_source"),
        Item("2025-03-03", "The quake struck", "corroborated"),
        Item("2025-03-03", "Published: one"),
        Item("2025-03-05", "Published: two"),
    ]
    svg = str(render(items))
    assert svg.count("<path") == 1  # the 1998 fact: an arrow at the left edge
    assert "1998</tspan> A 1998 quake killed 19" in svg
    assert ">4 Mar</text>" in svg  # the axis counts days around the reports, not years
    assert ">2000</text>" not in svg

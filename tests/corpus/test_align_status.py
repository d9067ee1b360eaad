from __future__ import annotations

import random
from dataclasses import replace

from claimgraph.corpus.align import MAX_CLAIM_POSTING, align
from claimgraph.corpus.compare import compatible
from claimgraph.corpus.status import (
    attributed_only,
    has_conflict,
    independent_sources,
    status_of,
)
from claimgraph.model import Span, Value
from conftest import count, make_claim, money


def _groups(claims):
    return sorted(sorted(c.article_id for c in g) for g in align(claims))


def test_different_figures_for_one_deal_conflict():
    a = make_claim("a1", money(5.43e9, 5e6), ("deal", "sign"), prop="deal")
    b = make_claim("a2", money(5.5e9, 5e7), ("deal", "sign"), prop="agreement")
    groups = align([a, b])
    assert len(groups) == 1
    assert status_of(groups[0], {"a1": "o1", "a2": "o2"}) == "conflicting"


def test_rounding_is_not_a_conflict():
    a = make_claim("a1", money(5.43e9, 5e6), ("deal", "sign"))
    b = make_claim("a2", money(5.4e9, 5e7), ("deal", "sign"))
    (group,) = align([a, b])
    assert status_of(group, {"a1": "o1", "a2": "o2"}) == "corroborated"


def test_different_properties_are_never_compared():
    upgraded = make_claim("a1", count(84), ("aircraft", "receive"), prop="aircraft")
    in_service = make_claim("a2", count(260), ("aircraft", "operate"), prop="jets")
    assert _groups([upgraded, in_service]) == [["a1"], ["a2"]]


def test_two_values_in_one_report_are_two_facts():
    three = make_claim("a1", count(3), ("unit", "receive"), n=1)
    five = make_claim("a1", count(5), ("unit", "receive"), n=2)
    assert len(align([three, five])) == 2


def test_same_specific_sum_in_two_reports_aligns_without_shared_words():
    a = make_claim("a1", money(6e11, 5e6, "INR"), ("program", "upgrade"))
    b = make_claim("a2", money(6e11, 5e6, "INR"), ("approve", "cost"))
    assert _groups([a, b]) == [["a1", "a2"]]


def test_different_currencies_never_align():
    a = make_claim("a1", money(6e11, 5e6, "INR"), ("cost",))
    b = make_claim("a2", money(6e11, 5e6, "USD"), ("cost",))
    assert len(align([a, b])) == 2


def test_wire_copies_count_as_one_origin():
    a = make_claim("a1", count(12), ("train", "order"))
    b = make_claim("a2", count(12), ("train", "order"))
    origins = {"a1": "o1", "a2": "o1"}
    (group,) = align([a, b])
    assert independent_sources(group, origins) == 1
    assert status_of(group, origins) == "single_source"


def test_claim_and_denial_by_another_party_is_disputed():
    text = Value("text", "shot down a drone", None, None, None, "shot down a drone")
    claim = make_claim("a1", text, ("drone", "shoot"), stance="claims", speaker="the army")
    denial = make_claim(
        "a1", text, ("drone", "shoot"), stance="denies", speaker="the ministry", n=1
    )
    (group,) = align([claim, denial])
    assert status_of(group, {"a1": "o1"}) == "disputed"
    assert attributed_only(group)


def test_open_interval_is_compatible_with_a_later_exact_toll():
    early = make_claim("a1", count(40, 40, float("inf")), ("dead", "quake"))
    later = make_claim("a2", count(43), ("dead", "quake"))
    (group,) = align([early, later])
    assert status_of(group, {"a1": "o1", "a2": "o2"}) == "corroborated"


def test_alignment_is_deterministic_under_input_order():
    claims = [
        make_claim("a1", money(5.43e9, 5e6), ("deal", "sign")),
        make_claim("a2", money(5.5e9, 5e7), ("deal", "sign")),
        make_claim("a3", count(84), ("aircraft", "receive")),
        make_claim("a4", count(260), ("aircraft", "operate")),
    ]
    assert _groups(claims) == _groups(list(reversed(claims)))


def test_an_unplaced_sum_finds_a_close_sum_in_a_large_storyline():
    # Close sums are found through log-scale buckets, not by pairing every sum with every other.
    bare = make_claim("a1", money(2.37e9, 5e6), (), prop=None)
    placed = make_claim("a2", money(2.6e9, 5e7), ("contract", "value"), prop="contract")
    others = [
        make_claim(f"o{i}", money(10.0 ** (3 + i % 4) * (1 + i), 1.0), (f"w{i}",), n=i)
        for i in range(200)
    ]
    groups = _groups([bare, placed, *others])
    assert ["a1", "a2"] in groups


def test_a_day_and_a_week_starting_that_day_are_not_one_fact():
    thursday = make_claim(
        "a1",
        Value("date", "2008-12-11", "2008-12-11", "2008-12-11", None, "Thursday", "day"),
        ("negotiation",),
        prop=None,
    )
    this_week = make_claim(
        "a2",
        Value("date", "2008-12-11", "2008-12-11", "2008-12-17", None, "this week", "week"),
        ("hostility",),
        prop=None,
    )
    assert len(align([thursday, this_week])) == 2


def test_the_same_long_sentence_in_two_reports_is_one_source():
    # Different origins (the outlets rewrote the rest), but this sentence is one text copied.
    sentence = "The ruling party holds a majority of 160 seats in the 300-seat chamber."
    a = make_claim("a1", count(160), ("majority",))
    b = make_claim("a2", count(160), ("majority",))
    a = replace(a, sentence=Span(0, len(sentence), sentence))
    b = replace(b, sentence=Span(0, len(sentence), sentence))
    origins = {"a1": "o1", "a2": "o2"}
    assert independent_sources([a, b], origins) == 1
    assert status_of([a, b], origins) == "single_source"


def test_one_origin_counts_once_however_its_reports_word_it():
    a = make_claim("a1", count(160), ("majority",))
    b = make_claim("a2", count(160), ("seats",))
    c = make_claim("a3", count(160), ("majority",))  # no origin recorded: its own
    assert independent_sources([a], {}) == 1
    assert independent_sources([a, b], {"a1": "o1", "a2": "o1"}) == 1
    assert independent_sources([a, b, c], {"a1": "o1", "a2": "o1"}) == 2
    assert independent_sources([], {}) == 0


def test_short_identical_sentences_stay_independent():
    sentence = "Three people died."
    a = replace(make_claim("a1", count(3), ("die",)), sentence=Span(0, 18, sentence))
    b = replace(make_claim("a2", count(3), ("die",)), sentence=Span(0, 18, sentence))
    assert independent_sources([a, b], {"a1": "o1", "a2": "o2"}) == 2


def weeks(n: float) -> Value:
    return Value("quantity", n, n - 0.5, n + 0.5, "week", f"{n:g} weeks")


def test_a_conflict_reaches_every_report_giving_the_matched_figure():
    # a2 and a3 are matched directly (same verb, same measure); a1 gives a2's figure in other
    # words, so it agrees with a2 and disagrees with a3 by the same token.
    a1 = make_claim("a1", weeks(3), ("page",), prop="duration")
    a2 = make_claim("a2", weeks(3), ("hospitalize", "page"), prop="duration")
    a3 = make_claim("a3", weeks(4), ("hospitalize",), prop="duration")
    groups = align([a1, a2, a3])
    assert [sorted(c.article_id for c in g) for g in groups] == [["a1", "a2", "a3"]]
    assert status_of(groups[0], {}) == "conflicting"


def test_a_figure_matched_to_nobody_in_the_other_report_stays_out_of_the_conflict():
    a1 = make_claim("a1", weeks(6), ("page",), prop="duration")
    a2 = make_claim("a2", weeks(3), ("hospitalize", "page"), prop="duration")
    a3 = make_claim("a3", weeks(4), ("hospitalize",), prop="duration")
    groups = [sorted(c.article_id for c in g) for g in align([a1, a2, a3])]
    assert ["a1"] in groups


def test_an_order_of_magnitude_does_not_glue_two_figures_together():
    tens = Value(
        "count", 20000, 20000, 100000, None, "tens of thousands", None, "tens of thousands"
    )
    a = make_claim("a1", count(20000), ("march", "street"), prop="march")
    b = make_claim("a2", tens, ("march", "street"), prop="march")
    c = make_claim("a3", count(50000), ("march", "street"), prop="march")
    groups = _groups([a, b, c])
    assert ["a2"] in groups  # the vague amount stands alone


def percent(p: float) -> Value:
    return Value("percent", p, p - 0.5, p + 0.5, "%", f"{p:g} percent")


def test_a_share_that_is_not_round_aligns_without_shared_words():
    # "A poll put approval at 47 percent" / "47 percent of voters back him": one figure.
    a = make_claim("a1", percent(47), ("approval", "put", "poll"), prop=None)
    b = make_claim("a2", percent(47), ("back", "voter"), prop="voter")
    assert _groups([a, b]) == [["a1", "a2"]]


def test_a_round_share_needs_shared_words():
    a = make_claim("a1", percent(50), ("approval", "put", "poll"), prop=None)
    b = make_claim("a2", percent(50), ("turnout", "reach"), prop="turnout")
    assert len(align([a, b])) == 2


def _in_sentence(claim, sentence: str, value_text: str):
    start = sentence.index(value_text)
    return replace(
        claim,
        sentence=Span(0, len(sentence), sentence),
        value_span=Span(start, start + len(value_text), value_text),
    )


def test_a_long_run_of_copied_words_around_the_figure_is_one_source():
    # One outlet trimmed the wire sentence, the other added a clause: one text all the same.
    first = "Leader Ann Ross said the county's reserve fund holds 740 pounds per resident today."
    second = (
        "The county's reserve fund holds 740 pounds per resident today, and it will grow next year."
    )
    a = _in_sentence(make_claim("a1", count(740), ("fund",)), first, "740")
    b = _in_sentence(make_claim("a2", count(740), ("fund",)), second, "740")
    assert independent_sources([a, b], {"a1": "o1", "a2": "o2"}) == 1


def test_the_figure_and_a_few_shared_words_stay_independent():
    first = "Floods in the northern valley on Monday left 740 families homeless, officials said."
    second = "Rescuers said 740 families homeless after the floods were sheltering in two schools."
    a = _in_sentence(make_claim("a1", count(740), ("family",)), first, "740")
    b = _in_sentence(make_claim("a2", count(740), ("family",)), second, "740")
    assert independent_sources([a, b], {"a1": "o1", "a2": "o2"}) == 2


def test_a_small_count_alone_is_not_specific_enough_to_align():
    lorries = make_claim("a1", count(14), ("lorry", "stop"), prop="lorry")
    volunteers = make_claim("a2", count(14), ("join", "volunteer"), prop="volunteer")
    assert len(align([lorries, volunteers])) == 2


def test_a_larger_count_alone_is():
    a = make_claim("a1", count(240), ("evacuate", "family"), prop="family")
    b = make_claim("a2", count(240), ("household", "move"), prop="household")
    assert _groups([a, b]) == [["a1", "a2"]]


def test_a_small_count_of_different_things_does_not_agree_on_shared_words():
    # "two trucks were seized at the border" / "two rifles were seized at the border"
    trucks = make_claim("a1", count(2), ("border", "seize", "truck"), prop="truck")
    rifles = make_claim("a2", count(2), ("border", "rifle", "seize"), prop="rifle")
    assert len(align([trucks, rifles])) == 2


def test_a_small_count_of_one_thing_still_agrees():
    a = make_claim("a1", count(2), ("border", "seize", "truck"), prop="truck")
    b = make_claim("a2", count(2), ("border", "seize", "truck"), prop="truck")
    assert _groups([a, b]) == [["a1", "a2"]]


def test_two_shares_of_one_population_need_more_than_the_population_to_conflict():
    # "41 percent of voters backed the levy" / "55 percent of voters want a new mayor"
    levy = make_claim("a1", percent(41), ("back", "levy", "voter"), prop="voter")
    mayor = make_claim("a2", percent(55), ("voter", "want"), prop="voter")
    assert len(align([levy, mayor])) == 2


def test_two_shares_of_one_question_conflict():
    a = make_claim("a1", percent(41), ("back", "levy", "voter"), prop="voter")
    b = make_claim("a2", percent(55), ("back", "levy", "voter"), prop="voter")
    (group,) = align([a, b])
    assert status_of(group, {"a1": "o1", "a2": "o2"}) == "conflicting"


def _with_background(fillers: int) -> list[list[str]]:
    """Two like claims sharing only the word "minutes", far apart among ``fillers`` other
    claims that hold it too (each with its own figure, so none of them joins the two)."""
    first, last = (make_claim(a, count(5), ("minutes",), prop=None) for a in ("c1", "c2"))
    others = [
        make_claim(f"o{i}", count(100 + i), ("minutes",), prop=None, n=i) for i in range(fillers)
    ]
    return _groups([first, *others, last])


def test_a_word_most_claims_of_a_storyline_hold_pairs_only_near_claims():
    assert ["c1", "c2"] in _with_background(MAX_CLAIM_POSTING - 2)  # the cap itself: paired
    groups = _with_background(MAX_CLAIM_POSTING - 1)
    assert ["c1"] in groups and ["c2"] in groups


def test_a_figure_more_reports_repeat_than_the_cap_is_still_one_fact():
    n = 3 * MAX_CLAIM_POSTING
    same = [
        make_claim(f"r{i:04d}", count(31), ("quake", "kill", "people"), prop="people")
        for i in range(n)
    ]
    (group,) = align(same)
    assert len(group) == n


def test_settled_groups_stay_together_and_new_claims_join_them():
    # Two reports agreeing on a figure were aligned into one fact by an earlier update; a third
    # repeating it joins that fact, and a fourth with another figure for another thing does not.
    a = make_claim("a1", count(40), ("bridge", "repair"), prop="workers")
    b = make_claim("a2", count(40), ("bridge", "repair"), prop="workers")
    c = make_claim("a3", count(40), ("bridge", "repair"), prop="workers")
    d = make_claim("a4", count(7), ("lane", "close"), prop="lanes")
    assert _groups([a, b, c, d]) == [["a1", "a2", "a3"], ["a4"]]
    settled = [[a.id, b.id]]
    assert sorted(sorted(x.article_id for x in g) for g in align([a, b, c, d], settled)) == [
        ["a1", "a2", "a3"],
        ["a4"],
    ]


def test_settled_claims_are_not_judged_again(monkeypatch):
    # Two claims settled apart stay apart (their pair is not judged again), though aligned
    # afresh they would be one fact; ids no longer in the storyline are ignored.
    import claimgraph.corpus.align as align_module

    a = make_claim("a1", count(40), ("bridge", "repair"), prop="workers")
    b = make_claim("a2", count(40), ("bridge", "repair"), prop="workers")
    assert len(align([a, b])) == 1
    judged = []
    original = align_module.judge_pair
    monkeypatch.setattr(
        align_module, "judge_pair", lambda x, y: judged.append((x, y)) or original(x, y)
    )
    assert len(align([a, b], [[a.id], [b.id, "gone"]])) == 2
    assert judged == []


def _relayed(article: str, speakers: tuple[str, str], one_sentence: bool):
    """A report's two figures for one toll, each in a source's name: in one sentence ("the
    ministry said 120, the red cross 160") or in two of the report's own."""
    claims = [
        make_claim(article, count(n), ("toll", "quake", "dead"), prop="dead", speaker=s, n=i)
        for i, (n, s) in enumerate(zip((120, 160), speakers, strict=True))
    ]
    if one_sentence:
        claims = [replace(c, sentence=claims[0].sentence) for c in claims]
    return claims


def test_two_claims_of_one_report_are_judged_by_their_own_sentences():
    # The same two shapes of claim in two reports: relayed in one sentence they are one
    # disputed figure; in two sentences, two figures. Together, the second report's two
    # figures still never share a fact, whichever report's pair is judged first.
    relayed = _relayed("r1", ("the ministry", "the red cross"), one_sentence=True)
    apart = _relayed("r2", ("the ministry", "the red cross"), one_sentence=False)
    assert len(align(relayed)) == 1 and len(align(apart)) == 2
    groups = [{c.id for c in group} for group in align([*relayed, *apart])]
    assert all(len(g & {c.id for c in apart}) < 2 for g in groups)


def test_a_fact_many_copies_repeat_is_judged_once_per_pair_of_wordings(monkeypatch):
    import claimgraph.corpus.align as align_module

    copies = [
        make_claim(f"w{i:03d}", count(31), ("quake", "kill"), prop="people") for i in range(120)
    ]
    other = [
        make_claim(f"x{i:03d}", count(31), ("quake", "kill", "village"), prop="people")
        for i in range(120)
    ]
    judged = []
    original = align_module.judge_pair
    monkeypatch.setattr(
        align_module, "judge_pair", lambda x, y: judged.append((x, y)) or original(x, y)
    )
    (group,) = align([*copies, *other])
    assert len(group) == 240
    assert len(judged) <= 3  # the two wordings with themselves and with each other


def _conflict_by_pairs(claims):
    """The definition ``has_conflict`` implements: some two claims of two reports whose values
    cannot both be right."""
    return any(
        a.article_id != b.article_id and compatible(a.value, b.value) is False
        for i, a in enumerate(claims)
        for b in claims[i + 1 :]
    )


def test_a_conflict_is_found_per_value_as_it_would_be_per_pair_of_claims():
    rng = random.Random(5)
    figures = [count(12), count(12), count(15), count(40), money(5.43e9, 5e6), money(5.5e9, 5e7)]
    seen = set()
    for _ in range(300):
        claims = [
            make_claim(f"a{rng.randrange(3)}", rng.choice(figures), ("unit",), n=n)
            for n in range(rng.randrange(1, 6))
        ]
        assert has_conflict(claims) == _conflict_by_pairs(claims), claims
        seen.add(has_conflict(claims))
    assert seen == {True, False}


def test_one_report_giving_two_figures_is_no_conflict_but_a_second_report_makes_one():
    one = make_claim("a1", count(12), ("unit",), n=1)
    other = make_claim("a1", count(15), ("unit",), n=2)
    assert not has_conflict([one, other])
    assert has_conflict([one, other, make_claim("a2", count(12), ("unit",))])

"""Origins: reprints and rewrites of one agency text are one origin; independent reports are
not. Every text here is written for these tests."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest

from claimgraph import pipeline
from claimgraph.corpus import origins as origin_rules
from claimgraph.corpus.origins import (
    BAND,
    CREDIT,
    SENTENCE,
    LazyOriginText,
    OriginText,
    assign_origins,
    content_words,
    credit_keys,
    origin_keys,
    same_origin_linked,
    same_origin_texts,
)
from claimgraph.model import Article, content_id
from claimgraph.store.base import Analysis
from claimgraph.store.sqlite import SQLiteStore

WIRE = [
    "The port authority of Valmora said on Tuesday that dredging of the northern channel "
    "will begin in March and take about fourteen months to complete.",
    "The project is expected to cost 212 million euros, most of it paid from a regional "
    "infrastructure fund approved by lawmakers last autumn.",
    "Officials said the deeper channel would let container ships of up to 18,000 units dock "
    "without waiting for the high tide.",
    "Fishermen who work the estuary have warned that the dredged sediment could smother the "
    "mussel beds on which their livelihoods depend.",
    "The authority's director, Ines Carvalho, told reporters that the sediment would be "
    "carried twenty kilometres offshore and monitored by independent biologists.",
    "She added that a compensation scheme for fishing families would be published before the "
    "first dredger arrives.",
    "Shipping lines have lobbied for the deeper channel for more than a decade, arguing that "
    "the port loses traffic to rivals further along the coast.",
    "Last year the port handled 1.9 million containers, down four per cent on the year before, "
    "according to figures from the national statistics office.",
    "Environmental groups said they would study the final impact report and did not rule out "
    "a legal challenge.",
    "Work on a new rail link to the container terminal is due to start once the dredging is "
    "finished, the authority said.",
]
EXTRA_PARAGRAPH = [
    "Local traders interviewed near the harbour gave the plan a mixed welcome on Wednesday.",
    "A cafe owner on the quay said the construction traffic would keep tourists away for a "
    "whole summer season.",
    "Others expected the new jobs at the terminal to bring younger families back to the old "
    "fishing district.",
]
INDEPENDENT = (
    "Dredgers will start deepening Valmora's northern shipping lane in the spring, the harbour "
    "board announced, in a scheme priced at roughly 212 million euros. Harbour director Ines "
    "Carvalho promised that spoil would be dumped well out at sea under scientific supervision. "
    "Estuary fishing crews remain unconvinced and say their shellfish grounds are at risk. "
    "Green campaigners are weighing a court case once the environmental study is out, while "
    "the big carriers have welcomed a decision they first requested years ago."
)


def article(source: str, text: str, title: str | None = None, credits: tuple[str, ...] = ()):
    return Article(
        id=Article.make_id(source, text), source=source, text=text, title=title, credits=credits
    )


def wire_text(sentences: list[str]) -> str:
    return "\n\n".join(" ".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2))


def same_origin(*articles: Article) -> bool:
    origins = assign_origins(list(articles))
    return len({origins[a.id] for a in articles}) == 1


def test_reprint_under_a_new_headline_is_one_origin() -> None:
    original = article("wire", wire_text(WIRE), title="Valmora to dredge northern channel")
    reprint = article(
        "paper", "Channel works to start in March\n" + wire_text(WIRE), title="Channel works"
    )
    assert same_origin(original, reprint)


def test_trimmed_ending_is_one_origin() -> None:
    original = article("wire", wire_text(WIRE))
    trimmed = article("paper", wire_text(WIRE[:5]))
    assert same_origin(original, trimmed)


def test_added_paragraph_is_one_origin() -> None:
    original = article("wire", wire_text(WIRE))
    longer = article("paper", wire_text(WIRE[:6] + EXTRA_PARAGRAPH + WIRE[6:]))
    assert same_origin(original, longer)


def test_a_few_words_changed_is_one_origin() -> None:
    original = article("wire", wire_text(WIRE))
    edited = wire_text(WIRE)
    for old, new in [
        ("said on Tuesday", "announced on Tuesday"),
        ("about fourteen months", "roughly 14 months"),
        ("have warned", "fear"),
        ("told reporters", "said"),
        ("lobbied", "campaigned"),
        ("did not rule out", "might launch"),
    ]:
        edited = edited.replace(old, new)
    assert edited != original.text
    assert same_origin(original, article("paper", edited))


def test_identical_text_from_two_outlets_is_one_origin() -> None:
    assert same_origin(article("one", wire_text(WIRE)), article("two", wire_text(WIRE)))


def test_independent_reports_of_one_event_are_two_origins() -> None:
    assert not same_origin(article("wire", wire_text(WIRE)), article("own", INDEPENDENT))


def test_shared_agency_credit_is_one_origin() -> None:
    a = article("wire", wire_text(WIRE[:6]), credits=("ANI",))
    b = article("own", INDEPENDENT, credits=("ANI",))
    assert same_origin(a, b)


def test_generic_agencies_credit_does_not_merge() -> None:
    a = article("wire", wire_text(WIRE), credits=("Agencies",))
    b = article("own", INDEPENDENT, credits=("Agencies",))
    assert not same_origin(a, b)
    assert credit_keys(["Agencies", " ANI ", "With inputs from agencies"]) == {"ani"}


def test_shared_credit_does_not_join_unrelated_events() -> None:
    # Without this, one agency's whole output (and any agency it is co-credited with) would
    # collapse into one origin, and independent reports would stop counting as independent.
    a = article("wire", wire_text(WIRE), credits=("ANI",))
    other = article(
        "other",
        "A chess prodigy from Lisbon won the national junior championship on Sunday after a "
        "tense final round that lasted almost six hours. The twelve-year-old said she had "
        "prepared for the tournament by studying endgames with her grandfather.",
        credits=("ANI",),
    )
    assert not same_origin(a, other)


def test_shared_boilerplate_footer_does_not_merge() -> None:
    footer = (
        " Subscribe to our morning newsletter for the day's top headlines in your inbox."
        " Follow the Valmora Courier on every major social network for breaking updates."
        " Our journalism is funded by readers like you, so please consider a subscription."
    )
    a = article("one", wire_text(WIRE) + footer)
    b = article(
        "two",
        "The city council voted on Monday to extend the opening hours of the central library "
        "until ten in the evening during the exam season. Students had collected more than "
        "four thousand signatures for the change, the council said. The extra hours will be "
        "paid for by cutting the budget for printed brochures, which few residents read. "
        "Librarians welcomed the vote but asked for two more permanent staff members. "
        "The new hours take effect from the first week of May." + footer,
    )
    assert not same_origin(a, b)


def test_ids_are_stable_across_runs_and_input_order() -> None:
    arts = [
        article("wire", wire_text(WIRE)),
        article("paper", wire_text(WIRE[:5])),
        article("own", INDEPENDENT),
        article("ani1", "Short note one about weather.", credits=("IANS",)),
    ]
    first = assign_origins(arts)
    shuffled = arts[:]
    random.Random(7).shuffle(shuffled)
    assert assign_origins(shuffled) == first
    assert assign_origins(arts) == first
    group = sorted([arts[0].id, arts[1].id])
    assert first[arts[0].id] == first[arts[1].id] == content_id("o", group[0])
    assert first[arts[2].id] == content_id("o", arts[2].id)


def test_every_article_gets_an_origin_even_empty_or_tiny() -> None:
    arts = [article("a", ""), article("b", "Hi."), article("c", "Hi.")]
    origins = assign_origins(arts)
    assert set(origins) == {a.id for a in arts}
    assert origins[arts[1].id] == origins[arts[2].id]  # the same tiny text twice
    assert origins[arts[0].id] != origins[arts[1].id]
    assert assign_origins([]) == {}


def test_the_update_pair_test_on_texts_worked_out_once_agrees_with_the_full_run() -> None:
    # An update works out each article's OriginText once and tests pairs on those; on a
    # two-article corpus it must decide as assign_origins does.
    original = article("wire", wire_text(WIRE), credits=("ANI",))
    pairs = [
        (original, article("paper", wire_text(WIRE[:5]))),
        (original, article("longer", wire_text(WIRE[:6] + EXTRA_PARAGRAPH + WIRE[6:]))),
        (original, article("own", INDEPENDENT)),
        (
            article("credited", wire_text(WIRE[:6]), credits=("ANI",)),
            article("own", INDEPENDENT, credits=("ANI",)),
        ),
        (
            original,
            article("chess", "A chess prodigy won the junior title on Sunday.", credits=("ANI",)),
        ),
    ]
    decisions = []
    for a, b in pairs:
        df = Counter([*content_words(a.text), *content_words(b.text)])
        texts = OriginText.of(a), OriginText.of(b)
        decisions.append(same_origin_texts(*texts, df, 2))
        assert decisions[-1] == same_origin(a, b), (a.source, b.source)
    assert decisions == [True, True, False, True, False]


def test_the_update_applies_only_the_tests_of_the_keys_that_linked_a_pair() -> None:
    original = article("wire", wire_text(WIRE), credits=("ANI",))
    reprint = article("paper", wire_text(WIRE[:9]))
    credited = article("own", INDEPENDENT, credits=("ANI",))
    df = Counter([*content_words(original.text), *content_words(credited.text)])
    lazy = LazyOriginText(original)
    # A near copy passes on its shingles, but only when an LSH band linked the two (as in a
    # full run, which checks shingles of the pairs its bands propose and no others).
    assert same_origin_linked(lazy, LazyOriginText(reprint), {BAND}, df, 2)
    assert same_origin_linked(lazy, LazyOriginText(reprint), {SENTENCE}, df, 2)
    assert not same_origin_linked(lazy, LazyOriginText(credited), {BAND, SENTENCE}, df, 2)
    assert same_origin_linked(lazy, LazyOriginText(credited), {CREDIT}, df, 2)
    # A candidate linked by a sentence alone is never shingled.
    other = LazyOriginText(reprint)
    same_origin_linked(LazyOriginText(credited), other, {SENTENCE}, df, 2)
    assert other._shingles is None and other._sentences is not None
    # The kinds are the first letters of the keys origin_keys gives.
    kinds = {key[0] for key in origin_keys(original, sorted(content_words(original.text)))}
    assert kinds == {BAND, SENTENCE, CREDIT}


def test_lazy_texts_hold_what_origin_text_holds() -> None:
    a = article("wire", wire_text(WIRE), credits=("ANI", "agencies"))
    eager, lazy = OriginText.of(a), LazyOriginText(a)
    assert (lazy.shingles, lazy.sentences) == (eager.shingles, eager.sentences)
    assert (lazy.credits, lazy.words) == (eager.credits, eager.words)


# -- an update decides as the full run does, however many articles hold a key ----------------

# A desk's standing preamble: long sentences every report of a series opens with. Shared by
# more than ``MAX_POSTING`` reports, they are boilerplate, not a reused passage.
PREAMBLE = [
    "Readers can find every report of this series on the regional news desk's archive page.",
    "The desk publishes a short digest of council decisions each weekday evening at six.",
    "Corrections to any figure in these reports are listed at the foot of the archive page.",
]
PLACES = [
    ("bakery", "Lindholm"),
    ("ferry", "Ostvik"),
    ("library", "Marren"),
    ("orchard", "Tessel"),
    ("stadium", "Kellby"),
    ("hospital", "Pradun"),
]


def local_report(k: int) -> str:
    thing, town = PLACES[k]
    body = [
        f"The {thing} in {town} reopened on Monday after {3 + k} weeks of repairs to its roof.",
        f"Staff at the {thing} said {40 + 7 * k} visitors came through the doors before noon.",
        f"The mayor of {town} promised a second {thing} would open near the river by {2030 + k}.",
        f"Neighbours of the {thing} complained about lorries blocking the narrow lanes of {town}.",
        f"A spokeswoman for the {town} council put the cost at {120 + 11 * k} thousand crowns.",
        f"Local builders from {town} did most of the work on the {thing} this winter.",
    ]
    return wire_text(PREAMBLE + body)


def origins_in_chunks(
    tmp_path: Path, articles: list[Article], chunk: int, monkeypatch: pytest.MonkeyPatch
) -> dict[str, str]:
    """Origins of a store derived as a big one is: the first ``chunk`` articles in one pass,
    the rest folded in by an update (``pipeline.derive_corpus``)."""
    monkeypatch.setattr(pipeline, "DERIVE_CHUNK", chunk)
    with SQLiteStore(tmp_path / f"chunked-{chunk}.db") as store:
        for a in articles:
            store.add_analysis(Analysis(a, (), ()))
        pipeline.derive_corpus(store)
        return store.corpus().origins


def test_an_update_does_not_count_a_sentence_too_common_to_be_a_passage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(origin_rules, "MAX_POSTING", 3)  # six reports share the preamble
    reports = [article(f"desk{k}", local_report(k)) for k in range(len(PLACES))]
    full = assign_origins(reports)
    assert len(set(full.values())) == len(reports)  # the preamble links nothing
    # The update meets the preamble's sentences in four stored reports: they must neither
    # find candidates nor count as a reused passage, as in the full run.
    assert origins_in_chunks(tmp_path, reports, 4, monkeypatch) == full
    # Below the limit the same three sentences are a reused passage, in both.
    monkeypatch.setattr(origin_rules, "MAX_POSTING", 200)
    assert len(set(assign_origins(reports).values())) == 1
    assert origins_in_chunks(tmp_path, reports, 4, monkeypatch) == assign_origins(reports)


def test_an_update_finds_a_copy_of_a_text_reprinted_past_the_posting_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every LSH band of the wire text is held by more stored copies than the limit; the full
    # run's LSH has no limit, and the update's band postings keep a sample to find them by.
    monkeypatch.setattr(origin_rules, "MAX_POSTING", 3)
    copies = [
        article(f"outlet{k}", wire_text(WIRE), title=f"Valmora dredging, edition {k}")
        for k in range(6)
    ]
    full = assign_origins(copies)
    assert len(set(full.values())) == 1
    assert origins_in_chunks(tmp_path, copies, 4, monkeypatch) == full

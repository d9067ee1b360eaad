"""The store contract: every backend passes these (each test runs once per backend in storekit).

Processes (concurrent writers, a writer killed mid-run, a race to create the schema) are in
test_store_processes.py; choosing the backend from --db is in test_store_select.py.
"""

from __future__ import annotations

import gc
import sys
from dataclasses import replace
from types import ModuleType

import pytest
from storekit import Backend, corpus_of, numbered, sample

from claimgraph.model import Entity, Fact, Story, TimelineEntry, Value
from claimgraph.store.base import Analysis, CorpusResult
from claimgraph.store.codec import claim_from_dict
from claimgraph.store.sqlite import SchemaTooNew
from conftest import count, make_article, make_claim

pytest_plugins = ["storekit"]


def store_module(store: object) -> ModuleType:
    """The module of the store's class: where it looks up the codec's functions."""
    return sys.modules[type(store).__module__]


# -- round trips ----------------------------------------------------------------------------
def test_round_trip_of_every_record(store):
    a = sample()
    assert store.add_analysis(a)
    (back,) = list(store.analyses())
    assert back == a
    result = corpus_of(a)
    store.replace_corpus(result)
    assert store.corpus() == result
    assert store.claims() == {a.claims[0].id: a.claims[0]}
    assert store.articles() == [a.article]
    assert store.article(a.article.id) == a.article
    assert store.article("no-such-id") is None
    assert store.has_article(a.article.id) and not store.has_article("no-such-id")


def test_open_interval_survives_the_round_trip(store):
    a = sample()
    open_value = Value("count", 40, 40, float("inf"), None, "more than 40", hedge="more than")
    claim = make_claim(a.article.id, open_value, ("dead",))
    store.add_analysis(Analysis(a.article, (), (claim,)))
    assert store.claims()[claim.id].value.high == float("inf")


def test_text_outside_ascii_and_empty_fields_round_trip(store):
    article = make_article(
        "हिंदी.txt", "₹60,000 crore — “quoted” 😀 text.\n\tTabs too.", title=None, credits=()
    )
    claim = make_claim(article.id, count(3), ())
    a = Analysis(article, (), (claim,))
    store.add_analysis(a)
    assert list(store.analyses()) == [a]


def test_articles_come_back_in_the_order_they_were_added(store):
    added = [numbered(i) for i in (3, 1, 2)]
    for a in added:
        store.add_analysis(a)
    assert [a.article for a in store.analyses()] == [a.article for a in added]
    assert store.articles() == [a.article for a in added]
    assert list(store.claims()) == [c.id for a in added for c in a.claims]


def test_many_articles_stream_back_complete(store):
    # More than one page of a paged reader, each article with its own claims.
    for i in range(1203):
        store.add_analysis(numbered(i, claims=1))
    back = list(store.analyses())
    assert [a.article.source for a in back] == [f"report-{i}.txt" for i in range(1203)]
    assert all(a.claims[0].article_id == a.article.id for a in back)


# -- idempotence and atomicity ----------------------------------------------------------------
def test_reingest_changes_nothing(store):
    a = sample()
    assert store.add_analysis(a)
    assert not store.add_analysis(a)
    assert store.counts()["articles"] == 1
    assert store.counts()["claims"] == 1


def test_replacing_the_corpus_is_atomic(backend: Backend, store):
    a = sample()
    store.add_analysis(a)
    good = corpus_of(a)
    store.replace_corpus(good)
    broken = CorpusResult(
        good.origins, good.stories, good.entities, (good.facts[0], good.facts[0]), good.timeline
    )  # duplicate id
    with pytest.raises(backend.integrity_error):
        store.replace_corpus(broken)
    assert store.corpus() == good
    assert store.add_analysis(numbered(1))  # the store is still usable after the failure


def test_replacing_the_corpus_replaces_every_table(store):
    a = sample()
    store.add_analysis(a)
    store.replace_corpus(corpus_of(a))
    facts = tuple(
        Fact(f"f{i}", None, f"fact {i}", None, None, "single_source", i % 2 == 0, 1, ())
        for i in range(2500)
    )
    timeline = tuple(TimelineEntry(f"2025-03-{d:02d}", f"day {d}", (), ()) for d in (9, 1, 5))
    second = CorpusResult({}, (), (), facts, timeline)
    store.replace_corpus(second)
    # Facts keep their order; the timeline is read in date order (an incremental update
    # appends entries, so the position alone cannot be the order).
    dated = tuple(sorted(timeline, key=lambda t: t.date))
    assert store.corpus() == CorpusResult({}, (), (), facts, dated)
    assert store.counts()["stories"] == 0


def test_corpus_orders_stories_and_entities_as_sqlite_does(store):
    a = sample()
    store.add_analysis(a)
    base = corpus_of(a)
    stories = tuple(
        replace(base.stories[0], id=sid, last_date=last)
        for sid, last in (("s-b", None), ("s-a", "2025-03-04"), ("S-c", "2025-03-04"))
    )
    entities = tuple(
        replace(base.entities[0], id=eid, name=n) for eid, n in (("e2", "b"), ("e1", "B"))
    )
    store.replace_corpus(replace(base, stories=stories, entities=entities))
    got = store.corpus()
    # Newest first, then by id in code-point order (upper case first); undated last.
    assert [s.id for s in got.stories] == ["S-c", "s-a", "s-b"]
    assert [e.name for e in got.entities] == ["B", "b"]


def test_inferred_dates_and_resolved_claims_overlay_the_reading(store):
    undated = make_article("undated.txt", "On Monday 5 trains were ordered.")
    claim = make_claim(undated.id, count(5), ("train",))
    store.add_analysis(Analysis(undated, (), (claim,)))
    resolved = replace(claim, published="2025-03-03")
    store.replace_corpus(
        CorpusResult({}, (), (), (), (), {undated.id: "2025-03-03"}, {claim.id: resolved})
    )
    (article,) = store.articles()
    assert article.published == "2025-03-03" and article.published_inferred
    assert store.article(undated.id) == article
    assert store.claims() == {claim.id: resolved}
    # What was stored is untouched: the next corpus run reads the analysis as first written.
    assert list(store.analyses()) == [Analysis(undated, (), (claim,))]
    assert store.corpus().resolved_claims == {claim.id: resolved}


# -- search and errors ----------------------------------------------------------------------
def test_full_text_search_treats_input_as_words(store):
    store.add_analysis(sample())
    assert store.search("trains")[0][0] == sample().article.id
    assert store.search('ordered" OR NEAR(') == []


@pytest.mark.parametrize(
    "query",
    ["", "   ", '"', "(", "-", "*", "AND", "a:b", "NEAR(x y)", "!!", "'", "\\", "‘’", "&|!"],
)
def test_search_never_fails_on_what_the_user_types(store, query: str):
    store.add_analysis(sample())
    assert isinstance(store.search(query), list)


def test_search_finds_all_the_words_and_marks_them(store):
    trains = sample(
        "a.txt", "Officials said 12 trains were ordered for the new line.", title="Rail"
    )
    buses = sample("b.txt", "Officials said 40 buses were ordered.", title="Roads")
    for a in (trains, buses):
        store.add_analysis(a)
    assert {aid for aid, _ in store.search("officials ORDERED")} == {
        trains.article.id,
        buses.article.id,
    }
    ((aid, snippet),) = store.search("trains officials")
    assert aid == trains.article.id
    assert "[trains]" in snippet
    assert store.search("buses", limit=1)[0][0] == buses.article.id
    assert store.search("planes") == []
    assert len(store.search("officials", limit=1)) == 1


def test_read_errors_are_recorded_once(store):
    errors = [("bad.html", 3, "undecodable"), ("feed.xml", 1, "not a feed")]
    store.record_errors(errors)
    store.record_errors(errors)
    assert sorted(store.read_errors()) == sorted(errors)


def test_an_error_without_a_line_is_recorded_once(store):
    store.record_errors([("bin.dat", None, "binary data")])
    store.record_errors([("bin.dat", None, "binary data")])
    assert store.read_errors() == [("bin.dat", None, "binary data")]


def test_counts(store):
    for i in range(3):
        store.add_analysis(numbered(i, claims=2))
    store.replace_corpus(corpus_of(numbered(0, claims=2)))
    assert store.counts() == {"articles": 3, "claims": 6, "stories": 1, "entities": 1, "facts": 1}


# -- schema and crashes ---------------------------------------------------------------------
def test_a_fresh_store_gets_the_current_schema_version(backend: Backend, store):
    assert store.schema_version() == backend.current_version
    store.close()
    with backend.open() as again:  # opening it again migrates nothing
        assert again.schema_version() == backend.current_version


def test_schema_is_versioned_and_refuses_a_newer_store(backend: Backend, store):
    store.close()
    backend.set_schema_version(99)
    with pytest.raises(SchemaTooNew, match="upgrade claimgraph"):
        backend.open()


def test_a_killed_writer_leaves_the_store_consistent(backend: Backend, store):
    """Simulate a crash mid-transaction: the half-written article must not appear."""
    store.add_analysis(sample("a.txt", "First report text."))
    backend.die_mid_transaction(store)
    with backend.open() as again:
        assert [a.source for a in again.articles()] == ["a.txt"]
        assert again.add_analysis(sample("b.txt", "Second report text."))
        assert again.counts()["articles"] == 2


# -- incremental updates ----------------------------------------------------------------------
def _story_corpus(a: Analysis, story: str, fact: str, origin: str) -> CorpusResult:
    aid, c = a.article.id, a.claims[0]
    return CorpusResult(
        origins={aid: origin},
        stories=(Story(story, f"Story {story}", (aid,), "2025-03-04", "2025-03-04"),),
        entities=(Entity(f"e-{story}", "Officials", "ORG", (), (aid,)),),
        facts=(Fact(fact, story, "trains", None, "trains", "single_source", False, 1, (c.id,)),),
        timeline=(TimelineEntry("2025-03-04", f"Published {story}", (aid,), ()),),
        inferred_dates={aid: "2025-03-04"},
    )


def test_an_update_replaces_one_storys_records_and_keeps_the_rest(store):
    a, b = numbered(1), numbered(2)
    store.add_analysis(a)
    store.add_analysis(b)
    one, two = _story_corpus(a, "s1", "f1", "o1"), _story_corpus(b, "s2", "f2", "o2")
    whole = CorpusResult(
        {**one.origins, **two.origins},
        one.stories + two.stories,
        one.entities + two.entities,
        one.facts + two.facts,
        one.timeline + two.timeline,
        {**one.inferred_dates, **two.inferred_dates},
    )
    store.replace_corpus(whole, {"df": {"#n": "2"}})
    assert store.has_index() and store.index_get("df", ["#n", "other"]) == {"#n": "2"}
    new_two = _story_corpus(b, "s3", "f3", "o1")
    store.update_corpus(new_two, ["s2"], {"df": {"#n": "3", "gone": None}})
    got = store.corpus()
    assert {s.id for s in got.stories} == {"s1", "s3"}
    assert [f.id for f in got.facts] == ["f1", "f3"]  # the kept fact first, the new one after
    assert [t.text for t in got.timeline] == ["Published s1", "Published s3"]
    assert got.origins == {a.article.id: "o1", b.article.id: "o1"}
    assert {e.id for e in got.entities} == {"e-s1", "e-s2", "e-s3"}  # entities are upserted
    assert store.index_get("df", ["#n"]) == {"#n": "3"}


def test_a_full_replace_without_an_index_drops_it(store):
    a = sample()
    store.add_analysis(a)
    store.replace_corpus(corpus_of(a), {"post": {"t:trains": "[]"}})
    assert store.has_index()
    store.replace_corpus(corpus_of(a))
    assert not store.has_index() and store.index_get("post", ["t:trains"]) == {}


def test_analyses_of_reads_just_those_articles(store):
    items = [numbered(i) for i in range(5)]
    for a in items:
        store.add_analysis(a)
    wanted = [items[3].article.id, items[1].article.id, "no-such-id"]
    assert store.analyses_of(wanted) == [items[1], items[3]]
    assert store.articles_of(wanted) == [items[1].article, items[3].article]
    # In stored order, each with its claims in stored order, whatever the order of the ids
    # (content hashes) or of the request.
    assert store.analyses_of([a.article.id for a in reversed(items)]) == items


def test_reading_analyses_pauses_the_cycle_collector_only_while_it_decodes(store, monkeypatch):
    # Decoding stored analyses makes only objects the caller keeps: the collector is paused
    # for it (``heap.collector_paused``), and runs again afterwards, as before.
    items = [numbered(i) for i in range(3)]
    for a in items:
        store.add_analysis(a)
    seen: list[bool] = []
    decode = claim_from_dict
    monkeypatch.setattr(
        store_module(store), "claim_from_dict", lambda d: seen.append(gc.isenabled()) or decode(d)
    )
    assert gc.isenabled()
    assert store.analyses_of([a.article.id for a in items]) == items
    assert list(store.analyses()) == items
    assert seen and not any(seen)  # every claim was decoded with the collector paused
    assert gc.isenabled()
    gc.disable()  # a caller that paused it itself finds it paused still
    try:
        store.analyses_of([items[0].article.id])
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_sentence_embedding_round_trips(store):
    import numpy as np

    from claimgraph.store.codec import pack_vector, unpack_vector

    vector = np.linspace(-1.0, 1.0, 384, dtype=np.float32)
    vector /= np.linalg.norm(vector)
    a = replace(sample(), embedding=pack_vector(vector))
    b = numbered(7)  # no embedding
    store.add_analysis(a)
    store.add_analysis(b)
    assert list(store.analyses()) == [a, b]
    assert store.analyses_of([a.article.id]) == [a]
    back = unpack_vector(store.analyses_of([a.article.id])[0].embedding)
    assert back.shape == (384,) and np.allclose(back, vector, atol=1e-3)


def test_the_corpus_lock_lets_one_holder_in_at_a_time(backend: Backend, store):
    import threading
    import time

    waited: list[float] = []

    def second_holder() -> None:
        with backend.open() as other:
            started = time.perf_counter()
            with other.corpus_lock():
                waited.append(time.perf_counter() - started)

    with store.corpus_lock():
        thread = threading.Thread(target=second_holder)
        thread.start()
        time.sleep(0.5)
        assert not waited  # still waiting for the first holder
    thread.join(10)
    assert waited and waited[0] >= 0.4

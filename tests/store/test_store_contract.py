"""The store contract: every backend must pass these (SQLite here; others join the list)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from claimgraph.model import Entity, Fact, Mention, Story, TimelineEntry, Value
from claimgraph.store.base import Analysis, CorpusResult
from claimgraph.store.sqlite import SchemaTooNew, SQLiteStore
from conftest import count, make_article, make_claim


@pytest.fixture
def store(tmp_path: Path):
    s = SQLiteStore(tmp_path / "t.db")
    yield s
    s.close()


def _analysis(
    name: str = "one.txt", text: str = "Officials said 12 trains were ordered."
) -> Analysis:
    article = make_article(
        name, text, title="Trains", published="2025-03-04", outlet="Ledger", credits=("Reuters",)
    )
    claim = make_claim(article.id, count(12), ("train", "order"))
    mention = Mention(14, 16, "12", "VALUE", count(12))
    return Analysis(article, (mention, Mention(0, 9, "Officials", "ORG")), (claim,))


def _corpus(a: Analysis) -> CorpusResult:
    aid = a.article.id
    c = a.claims[0]
    return CorpusResult(
        origins={aid: "o1"},
        stories=(Story("s1", "Trains", (aid,), "2025-03-04", "2025-03-04"),),
        entities=(Entity("e1", "Officials", "ORG", ("officials",), (aid,)),),
        facts=(Fact("f1", "s1", "12 trains", None, "trains", "single_source", False, 1, (c.id,)),),
        timeline=(TimelineEntry("2025-03-04", "Published", (aid,), ()),),
    )


def test_round_trip_of_every_record(store):
    a = _analysis()
    assert store.add_analysis(a)
    (back,) = list(store.analyses())
    assert back == a
    result = _corpus(a)
    store.replace_corpus(result)
    assert store.corpus() == result
    assert store.claims() == {a.claims[0].id: a.claims[0]}


def test_open_interval_survives_the_round_trip(store):
    a = _analysis()
    open_value = Value("count", 40, 40, float("inf"), None, "more than 40", hedge="more than")
    claim = make_claim(a.article.id, open_value, ("dead",))
    store.add_analysis(Analysis(a.article, (), (claim,)))
    assert store.claims()[claim.id].value.high == float("inf")


def test_reingest_changes_nothing(store):
    a = _analysis()
    assert store.add_analysis(a)
    assert not store.add_analysis(a)
    assert store.counts()["articles"] == 1
    assert store.counts()["claims"] == 1


def test_replacing_the_corpus_is_atomic(store):
    a = _analysis()
    store.add_analysis(a)
    good = _corpus(a)
    store.replace_corpus(good)
    broken = CorpusResult(
        good.origins, good.stories, good.entities, (good.facts[0], good.facts[0]), good.timeline
    )  # duplicate id
    with pytest.raises(sqlite3.IntegrityError):
        store.replace_corpus(broken)
    assert store.corpus() == good


def test_full_text_search_treats_input_as_words(store):
    store.add_analysis(_analysis())
    assert store.search("trains")[0][0] == _analysis().article.id
    assert store.search('ordered" OR NEAR(') == []


def test_schema_is_versioned_and_refuses_a_newer_file(tmp_path: Path):
    path = tmp_path / "v.db"
    SQLiteStore(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone() == ("2",)
    conn.execute("UPDATE meta SET value='99' WHERE key='schema_version'")
    conn.commit()
    conn.close()
    with pytest.raises(SchemaTooNew):
        SQLiteStore(path)


def test_a_killed_writer_leaves_the_file_consistent(tmp_path: Path):
    """Simulate a crash mid-transaction: the half-written article must not appear."""
    path = tmp_path / "k.db"
    s = SQLiteStore(path)
    s.add_analysis(_analysis("a.txt", "First report text."))
    s.conn.execute("BEGIN IMMEDIATE")
    s.conn.execute(
        "INSERT INTO articles (id, source, credits, text, mentions, seq) "
        "VALUES ('half', 'x', '[]', 'x', '[]', 99)"
    )
    s.conn.close()  # the process dies: no COMMIT
    again = SQLiteStore(path)
    assert [a.source for a in again.articles()] == ["a.txt"]
    assert again.add_analysis(_analysis("b.txt", "Second report text."))
    assert again.counts()["articles"] == 2

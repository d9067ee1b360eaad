"""The store backends under test and the records they are tested with (a plugin module).

Like haystack's ``testing/document_store.py``: the contract tests take a ``backend`` (or the
``store`` it opens) and never name SQLite or PostgreSQL; each backend supplies the few things a
test must do behind the store's back (set a schema version, die mid-transaction). The worker
functions at the bottom run in child processes (multiprocessing, spawn), so they live in an
importable module rather than in a test file. Test modules import it before pytest sees it
as a plugin, so pytest cannot rewrite its asserts (PYTEST_DONT_REWRITE): they carry messages.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from claimgraph.model import Entity, Fact, Mention, Story, TimelineEntry
from claimgraph.store import AnyStore, open_store_url
from claimgraph.store.base import Analysis, CorpusResult
from conftest import count, make_article, make_claim

pytest_plugins = ["pgcluster"]

BACKENDS = ("sqlite", "postgres")


@dataclass
class Backend:
    """One kind of store at one location (a file path or a URL), fresh for each test."""

    name: str
    location: str

    def open(self) -> AnyStore:
        return open_store_url(self.location)

    @property
    def integrity_error(self) -> type[Exception]:
        if self.name == "sqlite":
            return sqlite3.IntegrityError
        import psycopg

        return psycopg.IntegrityError

    @property
    def current_version(self) -> int:
        if self.name == "sqlite":
            from claimgraph.store import sqlite

            return len(sqlite.MIGRATIONS)
        from claimgraph.store import postgres

        return len(postgres.MIGRATIONS)

    def set_schema_version(self, version: int) -> None:
        self._raw(f"UPDATE meta SET value = '{version:d}' WHERE key = 'schema_version'")

    def die_mid_transaction(self, store: Any) -> None:
        """Begin writing an article by hand, then lose the connection before COMMIT."""
        if self.name == "sqlite":
            store.conn.execute("BEGIN IMMEDIATE")
            store.conn.execute(
                "INSERT INTO articles (id, source, credits, text, mentions, seq) "
                "VALUES ('half', 'x', '[]', 'x', '[]', 99)"
            )
            store.conn.close()
            return
        store.conn.execute("BEGIN")
        store.conn.execute(
            "INSERT INTO articles (id, source, credits, text, mentions) "
            "VALUES ('half', 'x', '[]', 'x', '[]')"
        )
        # The server ends the session as it would for a killed client: no COMMIT ever comes.
        self._raw(f"SELECT pg_terminate_backend({store.conn.info.backend_pid})")
        store.conn.close()

    def _raw(self, sql: str) -> None:
        if self.name == "sqlite":
            with sqlite3.connect(self.location) as conn:
                conn.execute(sql)
            conn.close()
            return
        import psycopg

        with psycopg.connect(self.location, autocommit=True) as pg:
            pg.execute(sql)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    if request.param == "sqlite":
        return Backend("sqlite", str(tmp_path / "store.db"))
    # Asked for only here, so a run of the SQLite tests alone never starts a server.
    return Backend("postgres", request.getfixturevalue("pg_url"))


@pytest.fixture
def store(backend: Backend) -> Iterator[AnyStore]:
    s = backend.open()
    yield s
    s.close()


# -- records --------------------------------------------------------------------------------
def sample(
    name: str = "one.txt",
    text: str = "Officials said 12 trains were ordered.",
    claims: int = 1,
    title: str = "Trains",
) -> Analysis:
    """An article with its mentions and ``claims`` claims, all ids derived from name and text."""
    article = make_article(
        name, text, title=title, published="2025-03-04", outlet="Ledger", credits=("Reuters",)
    )
    made = tuple(make_claim(article.id, count(12), ("train", "order"), n=n) for n in range(claims))
    mentions = (Mention(15, 17, "12", "VALUE", count(12)), Mention(0, 9, "Officials", "ORG"))
    return Analysis(article, mentions, made)


def numbered(i: int, claims: int = 3) -> Analysis:
    return sample(f"report-{i}.txt", f"Report {i}: officials said {i} trains were ordered.", claims)


def corpus_of(a: Analysis) -> CorpusResult:
    aid = a.article.id
    c = a.claims[0]
    return CorpusResult(
        origins={aid: "o1"},
        stories=(Story("s1", "Trains", (aid,), "2025-03-04", "2025-03-04"),),
        entities=(Entity("e1", "Officials", "ORG", ("officials",), (aid,)),),
        facts=(Fact("f1", "s1", "12 trains", None, "trains", "single_source", False, 1, (c.id,)),),
        timeline=(TimelineEntry("2025-03-04", "Published", (aid,), ()),),
    )


def assert_whole(store: AnyStore, claims_each: int) -> None:
    """Every stored article has all its claims, once; no article is stored twice."""
    ids = [a.id for a in store.articles()]
    assert len(ids) == len(set(ids)), f"duplicated articles among {len(ids)}"
    for analysis in store.analyses():
        got = len(analysis.claims)
        assert got == claims_each, f"{analysis.article.source}: {got} of {claims_each} claims"
    claims = store.counts()["claims"]
    assert claims == claims_each * len(ids), f"{claims} claims for {len(ids)} articles"


# -- work for child processes ---------------------------------------------------------------
def write_analyses(
    location: str,
    numbers: Sequence[int],
    claims: int,
    barrier: Any = None,
    results: Any = None,
    started: Any = None,
) -> None:
    """Add ``numbered(i)`` for each i; report how many were new (add_analysis returned True)."""
    with open_store_url(location) as store:
        if barrier is not None:
            barrier.wait(60)
        added = 0
        for i in numbers:
            added += store.add_analysis(numbered(i, claims))
            if started is not None:
                started.set()
    if results is not None:
        results.put(added)


def open_and_report(location: str, barrier: Any, results: Any) -> None:
    """Open a store (creating its schema) at the same moment as another process does."""
    barrier.wait(60)
    try:
        with open_store_url(location) as store:
            results.put(store.schema_version())
    except Exception as exc:  # reported to the test, which shows it
        results.put(repr(exc))

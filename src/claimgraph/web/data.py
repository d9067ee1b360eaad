"""What the web app reads: an in-memory snapshot of the corpus tables, plus targeted queries.

Loading every article text and claim per request (``store.articles()``, ``store.claims()``)
is far too slow for a 10k-article store, so the app keeps the small, derived records (stories,
facts, entities, timeline, article metadata without text) in memory and asks SQLite by primary
key for the heavy ones (article text, claims). The snapshot is rebuilt when the database
changes, so a ``claimgraph run`` in another terminal shows up on the next page load.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from claimgraph.model import Article, Claim, Entity, Fact, Story, TimelineEntry
from claimgraph.store.codec import claim_from_dict
from claimgraph.store.sqlite import SQLiteStore

STATUSES = ("conflicting", "disputed", "corroborated", "single_source")

# Private-use characters never occur in article text, so they can mark FTS5 snippet matches
# without being confused with the text's own brackets; the pieces are escaped before marking.
MARK_OPEN = "\ue000"
MARK_CLOSE = "\ue001"


def outlet_of(a: Article) -> str:
    """The outlet's name, or the file name when the report did not say (as report.py does)."""
    return a.outlet or a.source.rsplit("/", 1)[-1]


@dataclass(slots=True)
class Snapshot:
    """The corpus tables and article metadata, indexed for the pages. Articles have no text."""

    version: int  # the watch connection's PRAGMA data_version when this was read
    articles: dict[str, Article]  # in store order; text is "" (fetch it with Reader.article)
    origins: dict[str, str]
    stories: list[Story]  # newest first
    facts: list[Fact]
    entities: dict[str, Entity]
    timeline: list[TimelineEntry]
    counts: dict[str, int]
    story_by_id: dict[str, Story] = field(default_factory=dict)
    fact_by_id: dict[str, Fact] = field(default_factory=dict)
    facts_by_story: dict[str, list[Fact]] = field(default_factory=dict)
    fact_of_claim: dict[str, Fact] = field(default_factory=dict)
    story_of_article: dict[str, str] = field(default_factory=dict)
    copies: dict[str, list[str]] = field(default_factory=dict)  # origin -> article ids
    status_counts: dict[str, Counter[str]] = field(default_factory=dict)
    story_outlets: dict[str, tuple[str, ...]] = field(default_factory=dict)
    entities_by_article: dict[str, list[str]] = field(default_factory=dict)
    timeline_by_story: dict[str, list[TimelineEntry]] = field(default_factory=dict)
    outlets: tuple[str, ...] = ()

    def index(self) -> None:
        self.story_by_id = {s.id: s for s in self.stories}
        self.fact_by_id = {f.id: f for f in self.facts}
        for f in self.facts:
            self.facts_by_story.setdefault(f.story_id or "", []).append(f)
            for cid in f.claim_ids:
                self.fact_of_claim.setdefault(cid, f)
        for s in self.stories:
            self.status_counts[s.id] = Counter(f.status for f in self.facts_by_story.get(s.id, ()))
            found = {outlet_of(self.articles[a]) for a in s.article_ids if a in self.articles}
            self.story_outlets[s.id] = tuple(sorted(found))
            for aid in s.article_ids:
                self.story_of_article.setdefault(aid, s.id)
        for aid in self.articles:
            self.copies.setdefault(self.origins.get(aid, aid), []).append(aid)
        for e in self.entities.values():
            for aid in e.article_ids:
                self.entities_by_article.setdefault(aid, []).append(e.id)
        self.outlets = tuple(sorted({outlet_of(a) for a in self.articles.values()}))
        self._index_timeline()

    def _index_timeline(self) -> None:
        by_story: defaultdict[str, list[TimelineEntry]] = defaultdict(list)
        for t in self.timeline:
            owners = {self.fact_by_id[f].story_id for f in t.fact_ids if f in self.fact_by_id}
            owners |= {self.story_of_article.get(a) for a in t.article_ids if not t.fact_ids}
            for sid in owners:
                if sid:
                    by_story[sid].append(t)
        self.timeline_by_story = dict(by_story)

    def story_facts(self, story_id: str) -> list[Fact]:
        return self.facts_by_story.get(story_id, [])


class Reader:
    """One claimgraph database, read by many request threads.

    SQLite connections belong to the thread that opened them, so each worker thread gets its
    own ``SQLiteStore``; the snapshot is shared, and swapped whole when the database changes.
    """

    def __init__(self, db: str | Path) -> None:
        self.db = str(db)
        self._local = threading.local()
        self._lock = threading.Lock()  # guards the snapshot
        self._stores_lock = threading.Lock()  # guards the list of per-thread stores
        self._stores: list[SQLiteStore] = []
        self._snapshot: Snapshot | None = None
        # Only ever reads a pragma, under the lock, so it may be shared between threads.
        self._watch = sqlite3.connect(self.db, check_same_thread=False, isolation_level=None)

    # -- connections and snapshot -------------------------------------------------------------
    def store(self) -> SQLiteStore:
        store: SQLiteStore | None = getattr(self._local, "store", None)
        if store is None:
            store = SQLiteStore(self.db)
            self._local.store = store
            with self._stores_lock:
                self._stores.append(store)
        return store

    def snapshot(self) -> Snapshot:
        with self._lock:
            # data_version moves whenever another connection commits (another process's
            # `claimgraph run`, say); file times are too coarse to tell two quick writes apart.
            version = int(self._watch.execute("PRAGMA data_version").fetchone()[0])
            if self._snapshot is None or self._snapshot.version != version:
                self._snapshot = self._load(version)
            return self._snapshot

    def close(self) -> None:
        with self._stores_lock:
            for store in self._stores:
                # A connection refuses to be closed from a thread other than its own: those
                # are left to the garbage collector, which closes them at exit.
                with contextlib.suppress(sqlite3.ProgrammingError):
                    store.close()
            self._stores.clear()
        with self._lock:
            self._watch.close()

    def _load(self, version: int) -> Snapshot:
        store = self.store()
        conn = store.conn
        conn.execute("BEGIN")  # one read transaction: corpus and articles from the same state
        try:
            corpus = store.corpus()
            articles = {a.id: a for a in _article_meta(conn)}
            counts = store.counts()
        finally:
            conn.execute("COMMIT")
        snap = Snapshot(
            version=version,
            articles=articles,
            origins=corpus.origins,
            stories=list(corpus.stories),
            facts=list(corpus.facts),
            entities={e.id: e for e in corpus.entities},
            timeline=list(corpus.timeline),
            counts=counts,
        )
        snap.index()
        return snap

    # -- targeted queries ---------------------------------------------------------------------
    def article(self, article_id: str) -> Article | None:
        return self.store().article(article_id)

    def claims(self, claim_ids: Iterable[str]) -> dict[str, Claim]:
        """Claims by id, as ``store.claims()`` reads them (relative dates re-read)."""
        ids = list(dict.fromkeys(claim_ids))
        found: dict[str, Claim] = {}
        conn = self.store().conn
        for chunk in _chunks(ids, 500):  # SQLite caps bound parameters per statement
            marks = ",".join("?" * len(chunk))
            for (data,) in conn.execute(f"{_CLAIMS} WHERE c.id IN ({marks})", chunk):
                c = claim_from_dict(json.loads(data))
                found[c.id] = c
        return {cid: found[cid] for cid in ids if cid in found}

    def claims_of_article(self, article_id: str) -> list[Claim]:
        rows = self.store().conn.execute(
            f"{_CLAIMS} WHERE c.article_id=? ORDER BY c.rowid", (article_id,)
        )
        return [claim_from_dict(json.loads(d)) for (d,) in rows]

    def search_articles(self, query: str, limit: int = 20) -> list[tuple[str, str]]:
        """(article id, snippet with MARK_OPEN/MARK_CLOSE around matches), best first."""
        sql = (
            "SELECT article_id, snippet(articles_fts, 2, ?, ?, '…', 14) FROM articles_fts "
            "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?"
        )
        return self._search(sql, query, limit)

    def search_claims(self, query: str, limit: int = 20) -> list[tuple[str, str]]:
        """(claim id, sentence snippet with marks), best first."""
        sql = (
            "SELECT claim_id, snippet(claims_fts, 2, ?, ?, '…', 24) FROM claims_fts "
            "WHERE claims_fts MATCH ? ORDER BY rank LIMIT ?"
        )
        return self._search(sql, query, limit)

    def _search(self, sql: str, query: str, limit: int) -> list[tuple[str, str]]:
        if not query.split():
            return []
        args = (MARK_OPEN, MARK_CLOSE, fts_query(query), limit)
        return [(r[0], r[1]) for r in self.store().conn.execute(sql, args)]


def fts_query(query: str) -> str:
    # Quote every word so user input is never parsed as FTS5 syntax (AND, NEAR, column:...).
    return " ".join('"{}"'.format(w.replace('"', '""')) for w in query.split())


# The same readings as SQLiteStore.claims() and .articles(): a claim re-read against its
# article's inferred date wins over the stored one; an undated article carries its story's date.
_CLAIMS = (
    "SELECT COALESCE(r.data, c.data) FROM claims c LEFT JOIN resolved_claims r ON r.claim_id = c.id"
)


def _article_meta(conn: sqlite3.Connection) -> Iterable[Article]:
    rows = conn.execute(
        "SELECT a.id, a.source, a.title, a.published, a.published_inferred, a.outlet, a.credits, "
        "a.url, d.published FROM articles a "
        "LEFT JOIN inferred_dates d ON d.article_id = a.id ORDER BY a.seq"
    )
    for r in rows:
        inferred = r[3] is None and r[8] is not None
        yield Article(
            id=r[0], source=r[1], text="", title=r[2], published=r[8] if inferred else r[3],
            published_inferred=bool(r[4]) or inferred, outlet=r[5],
            credits=tuple(json.loads(r[6])), url=r[7],
        )  # fmt: skip


def _chunks(items: Sequence[str], size: int) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]

"""The default store: one SQLite file (WAL, FTS5), versioned schema, one writer.

Articles are keyed by content-hash ids and inserted with ``INSERT OR IGNORE``, so running again
on the same input changes nothing. Each article and its analysis land in one transaction; the
corpus tables are replaced in one transaction. A run killed at any point therefore leaves a
consistent file, and the next run completes it.
"""

from __future__ import annotations

import fcntl
import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from operator import itemgetter
from pathlib import Path
from typing import Any

from claimgraph.heap import collector_paused
from claimgraph.model import Article, Claim, Entity, Fact, Story, TimelineEntry
from claimgraph.store.base import (
    TIMELINE_COLUMNS,
    Analysis,
    CorpusResult,
    IndexChanges,
    timeline_rows,
)
from claimgraph.store.codec import (
    claim_from_dict,
    claim_to_dict,
    dumps,
    mention_from_dict,
    mention_to_dict,
)

SCHEMA_VERSION = 4

# Each entry migrates the schema from version i to i + 1; never edit a released one.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS articles (
        id TEXT PRIMARY KEY, source TEXT NOT NULL, title TEXT, published TEXT,
        published_inferred INTEGER NOT NULL DEFAULT 0, outlet TEXT, credits TEXT NOT NULL,
        url TEXT, text TEXT NOT NULL, mentions TEXT NOT NULL, seq INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS claims (
        id TEXT PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id),
        data TEXT NOT NULL, sentence TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS claims_article ON claims(article_id);
    CREATE TABLE IF NOT EXISTS origins (article_id TEXT PRIMARY KEY, origin TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS stories (
        id TEXT PRIMARY KEY, title TEXT NOT NULL, article_ids TEXT NOT NULL,
        first_date TEXT, last_date TEXT
    );
    CREATE TABLE IF NOT EXISTS entities (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, aliases TEXT NOT NULL,
        article_ids TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS facts (
        id TEXT PRIMARY KEY, story_id TEXT, statement TEXT NOT NULL, subject TEXT,
        property TEXT, status TEXT NOT NULL, attributed_only INTEGER NOT NULL,
        independent_sources INTEGER NOT NULL, claim_ids TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS timeline (
        seq INTEGER PRIMARY KEY, date TEXT NOT NULL, text TEXT NOT NULL,
        article_ids TEXT NOT NULL, fact_ids TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS read_errors (
        source TEXT NOT NULL, line INTEGER, message TEXT NOT NULL,
        UNIQUE(source, line, message)
    );
    CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
        article_id UNINDEXED, title, text, tokenize = 'unicode61'
    );
    CREATE VIRTUAL TABLE IF NOT EXISTS claims_fts USING fts5(
        claim_id UNINDEXED, article_id UNINDEXED, sentence, tokenize = 'unicode61'
    );
    """,
    """
    CREATE TABLE IF NOT EXISTS inferred_dates (
        article_id TEXT PRIMARY KEY, published TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS resolved_claims (claim_id TEXT PRIMARY KEY, data TEXT NOT NULL);
    CREATE UNIQUE INDEX IF NOT EXISTS articles_seq ON articles(seq);
    """,
    # SQLite's UNIQUE treats NULLs as distinct: an error without a line number would be
    # recorded again on every run. An expression index treats them as one.
    """
    DELETE FROM read_errors WHERE rowid NOT IN (
        SELECT MIN(rowid) FROM read_errors GROUP BY source, COALESCE(line, -1), message
    );
    CREATE UNIQUE INDEX IF NOT EXISTS read_errors_once
        ON read_errors(source, COALESCE(line, -1), message);
    """,
    # Incremental corpus updates replace one story's facts and timeline entries, and keep what
    # the corpus stages need between runs in the corpus index.
    """
    ALTER TABLE timeline ADD COLUMN story_id TEXT;
    CREATE INDEX IF NOT EXISTS timeline_story ON timeline(story_id);
    CREATE INDEX IF NOT EXISTS facts_story ON facts(story_id);
    CREATE TABLE IF NOT EXISTS corpus_index (
        space TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (space, key)
    ) WITHOUT ROWID;
    """,
    "ALTER TABLE articles ADD COLUMN embedding BLOB",
]

_CORPUS_TABLES = (
    "origins",
    "stories",
    "entities",
    "facts",
    "timeline",
    "inferred_dates",
    "resolved_claims",
)


class SchemaTooNew(RuntimeError):
    pass


class SQLiteStore:
    """A claimgraph store in one SQLite file."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self.conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        _set_wal(self.conn)
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self._migrate()

    # -- schema -----------------------------------------------------------------------------
    def schema_version(self) -> int:
        row = self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name='meta'"
        ).fetchone()
        if row is None:
            return 0
        got = self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        return int(got[0]) if got else 0

    def _migrate(self) -> None:
        if self._check_version() == len(MIGRATIONS):
            return
        # Take the write lock, then look again: another process may have migrated meanwhile.
        with self._transaction():
            for version in range(self._check_version(), len(MIGRATIONS)):
                for statement in _split_sql(MIGRATIONS[version]):
                    self.conn.execute(statement)
                self.conn.execute(
                    "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(version + 1),)
                )

    def _check_version(self) -> int:
        current = self.schema_version()
        if current > len(MIGRATIONS):
            raise SchemaTooNew(
                f"{self.path}: schema version {current} is newer than this claimgraph "
                f"understands ({len(MIGRATIONS)}); upgrade claimgraph"
            )
        return current

    def _transaction(self) -> _Transaction:
        return _Transaction(self.conn)

    # -- per-article records ----------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM articles WHERE id=?", (article_id,)).fetchone()
        return row is not None

    def add_analysis(self, analysis: Analysis) -> bool:
        a = analysis.article
        with self._transaction():
            if self.has_article(a.id):
                return False
            seq = self.conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM articles").fetchone()[0]
            mentions = dumps([mention_to_dict(m) for m in analysis.mentions])
            self.conn.execute(
                "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    a.id,
                    a.source,
                    a.title,
                    a.published,
                    int(a.published_inferred),
                    a.outlet,
                    dumps(list(a.credits)),
                    a.url,
                    a.text,
                    mentions,
                    seq,
                    analysis.embedding,
                ),
            )
            self.conn.execute(
                "INSERT INTO articles_fts VALUES (?,?,?)", (a.id, a.title or "", a.text)
            )
            for c in analysis.claims:
                self.conn.execute(
                    "INSERT OR IGNORE INTO claims VALUES (?,?,?,?)",
                    (c.id, c.article_id, dumps(claim_to_dict(c)), c.sentence.text),
                )
                self.conn.execute(
                    "INSERT INTO claims_fts VALUES (?,?,?)", (c.id, c.article_id, c.sentence.text)
                )
        return True

    def analyses(self) -> Iterator[Analysis]:
        claims_by_article: dict[str, list[Claim]] = {}
        with collector_paused():  # not around the yields: the caller runs in between
            for (data,) in self.conn.execute("SELECT data FROM claims ORDER BY rowid"):
                c = claim_from_dict(json.loads(data))
                claims_by_article.setdefault(c.article_id, []).append(c)
        for row in self.conn.execute(
            f"SELECT {_ARTICLE_COLUMNS}, mentions, embedding FROM articles ORDER BY seq"
        ):
            yield _analysis_from_row(row, claims_by_article)

    def analyses_of(self, article_ids: Iterable[str]) -> list[Analysis]:
        with collector_paused():
            return self._analyses_of(dumps(sorted(set(article_ids))))

    def _analyses_of(self, ids: str) -> list[Analysis]:
        # Put in stored order here rather than by ORDER BY: SQLite would sort whole rows, JSON
        # and embeddings included, in a temporary B-tree (a second per 10k articles).
        claim_rows = self.conn.execute(
            "SELECT rowid, data FROM claims WHERE article_id IN (SELECT value FROM json_each(?))",
            (ids,),
        ).fetchall()
        claims_by_article: dict[str, list[Claim]] = {}
        for _, data in sorted(claim_rows, key=itemgetter(0)):
            c = claim_from_dict(json.loads(data))
            claims_by_article.setdefault(c.article_id, []).append(c)
        rows = self.conn.execute(
            f"SELECT seq, {_ARTICLE_COLUMNS}, mentions, embedding FROM articles "
            "WHERE id IN (SELECT value FROM json_each(?))",
            (ids,),
        ).fetchall()
        return [
            _analysis_from_row(row[1:], claims_by_article)
            for row in sorted(rows, key=itemgetter(0))
        ]

    def articles_of(self, article_ids: Iterable[str]) -> list[Article]:
        rows = self.conn.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles "
            "WHERE id IN (SELECT value FROM json_each(?)) ORDER BY seq",
            (dumps(sorted(set(article_ids))),),
        )
        return [_article_from_row(row) for row in rows]

    def article_ids(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT id FROM articles ORDER BY seq")]

    def articles(self) -> list[Article]:
        """Articles as the analysis reads them: an undated one carries its inferred date."""
        rows = self.conn.execute(
            f"SELECT {_ARTICLE_COLUMNS}, d.published FROM articles "
            "LEFT JOIN inferred_dates d ON d.article_id = articles.id ORDER BY seq"
        )
        return [_with_inferred(_article_from_row(r[:-1]), r[-1]) for r in rows]

    def article(self, article_id: str) -> Article | None:
        row = self.conn.execute(
            f"SELECT {_ARTICLE_COLUMNS}, d.published FROM articles "
            "LEFT JOIN inferred_dates d ON d.article_id = articles.id WHERE id=?",
            (article_id,),
        ).fetchone()
        return _with_inferred(_article_from_row(row[:-1]), row[-1]) if row else None

    def claims(self) -> dict[str, Claim]:
        """Claims as the analysis reads them: relative dates re-read against inferred dates."""
        rows = self.conn.execute(
            "SELECT COALESCE(r.data, c.data) FROM claims c "
            "LEFT JOIN resolved_claims r ON r.claim_id = c.id ORDER BY c.rowid"
        )
        claims = (claim_from_dict(json.loads(d)) for (d,) in rows)
        return {c.id: c for c in claims}

    # -- corpus records ---------------------------------------------------------------------
    def replace_corpus(self, result: CorpusResult, index: IndexChanges | None = None) -> None:
        with self._transaction():
            for table in (*_CORPUS_TABLES, "corpus_index"):
                self.conn.execute(f"DELETE FROM {table}")
            self._insert_corpus(result, upsert=False)
            self._write_index(index or {})
            self._set_meta("corpus_index", "1" if index is not None else "0")

    def update_corpus(
        self, part: CorpusResult, replaced_stories: Sequence[str], index: IndexChanges
    ) -> None:
        stories = dumps(sorted(replaced_stories))
        articles = dumps(sorted({a for s in part.stories for a in s.article_ids}))
        in_stories = "IN (SELECT value FROM json_each(?))"
        with self._transaction():
            for table, column in (("stories", "id"), ("facts", "story_id")):
                self.conn.execute(f"DELETE FROM {table} WHERE {column} {in_stories}", (stories,))
            self.conn.execute(f"DELETE FROM timeline WHERE story_id {in_stories}", (stories,))
            self.conn.execute(
                f"DELETE FROM inferred_dates WHERE article_id {in_stories}", (articles,)
            )
            self.conn.execute(
                "DELETE FROM resolved_claims WHERE claim_id IN (SELECT id FROM claims "
                f"WHERE article_id {in_stories})",
                (articles,),
            )
            self._insert_corpus(part, upsert=True)
            self._write_index(index)

    def _insert_corpus(self, result: CorpusResult, upsert: bool) -> None:
        # An update adds rows after the ones kept: new facts and timeline entries take the
        # next positions (the timeline is read in date order, positions break ties).
        verb = "INSERT OR REPLACE" if upsert else "INSERT"
        first_seq = self.conn.execute("SELECT COALESCE(MAX(seq), -1) + 1 FROM timeline").fetchone()[
            0
        ]
        self.conn.executemany(f"{verb} INTO origins VALUES (?,?)", sorted(result.origins.items()))
        self.conn.executemany(
            "INSERT INTO stories VALUES (?,?,?,?,?)",
            [
                (s.id, s.title, dumps(list(s.article_ids)), s.first_date, s.last_date)
                for s in result.stories
            ],
        )
        self.conn.executemany(
            f"{verb} INTO entities VALUES (?,?,?,?,?)",
            [
                (e.id, e.name, e.kind, dumps(list(e.aliases)), dumps(list(e.article_ids)))
                for e in result.entities
            ],
        )
        self.conn.executemany(
            f"{verb} INTO facts VALUES (?,?,?,?,?,?,?,?,?)",
            [
                (
                    f.id,
                    f.story_id,
                    f.statement,
                    f.subject,
                    f.property,
                    f.status,
                    int(f.attributed_only),
                    f.independent_sources,
                    dumps(list(f.claim_ids)),
                )
                for f in result.facts
            ],
        )
        self.conn.executemany(
            f"{verb} INTO inferred_dates VALUES (?,?)", sorted(result.inferred_dates.items())
        )
        self.conn.executemany(
            f"{verb} INTO resolved_claims VALUES (?,?)",
            [(cid, dumps(claim_to_dict(c))) for cid, c in sorted(result.resolved_claims.items())],
        )
        self.conn.executemany(
            f"INSERT INTO timeline ({TIMELINE_COLUMNS}) VALUES (?,?,?,?,?,?)",
            timeline_rows(result, first_seq),
        )

    def _write_index(self, index: IndexChanges) -> None:
        # In key order: the index's B-tree then takes each page's rows together instead of
        # jumping between pages at every row (an update writes hundreds of thousands of rows
        # into a tree that grows with the store; in hash order that cost grew with it).
        for space, items in sorted(index.items()):
            gone = sorted((space, k) for k, v in items.items() if v is None)
            kept = sorted((space, k, v) for k, v in items.items() if v is not None)
            self.conn.executemany("DELETE FROM corpus_index WHERE space=? AND key=?", gone)
            self.conn.executemany("INSERT OR REPLACE INTO corpus_index VALUES (?,?,?)", kept)

    def _set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    @contextmanager
    def corpus_lock(self) -> Iterator[None]:
        # A lock file beside the database, not a write transaction: articles keep flowing in
        # while a long derivation runs.
        with open(f"{self.path}.corpus-lock", "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def has_index(self) -> bool:
        row = self.conn.execute("SELECT value FROM meta WHERE key='corpus_index'").fetchone()
        return bool(row and row[0] == "1")

    def index_get(self, space: str, keys: Iterable[str]) -> dict[str, str]:
        rows = self.conn.execute(
            "SELECT key, value FROM corpus_index WHERE space=? "
            "AND key IN (SELECT value FROM json_each(?))",
            (space, dumps(sorted(set(keys)))),
        )
        return dict(rows.fetchall())

    def corpus(self) -> CorpusResult:
        q = self.conn.execute
        origins = dict(q("SELECT article_id, origin FROM origins").fetchall())
        stories = tuple(
            Story(r[0], r[1], tuple(json.loads(r[2])), r[3], r[4])
            for r in q("SELECT * FROM stories ORDER BY COALESCE(last_date, '') DESC, id")
        )
        entities = tuple(
            Entity(r[0], r[1], r[2], tuple(json.loads(r[3])), tuple(json.loads(r[4])))
            for r in q("SELECT * FROM entities ORDER BY name, id")
        )
        facts = tuple(
            Fact(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), r[7], tuple(json.loads(r[8])))
            for r in q("SELECT * FROM facts ORDER BY rowid")
        )
        timeline = tuple(
            TimelineEntry(r[1], r[2], tuple(json.loads(r[3])), tuple(json.loads(r[4])))
            for r in q("SELECT * FROM timeline ORDER BY date, seq")
        )
        inferred = dict(q("SELECT article_id, published FROM inferred_dates").fetchall())
        resolved = {
            cid: claim_from_dict(json.loads(data))
            for cid, data in q("SELECT claim_id, data FROM resolved_claims ORDER BY claim_id")
        }
        return CorpusResult(origins, stories, entities, facts, timeline, inferred, resolved)

    # -- search and errors ------------------------------------------------------------------
    def search(self, query: str, limit: int = 20) -> list[tuple[str, str]]:
        rows = self.conn.execute(
            "SELECT article_id, snippet(articles_fts, 2, '[', ']', '…', 12) FROM articles_fts "
            "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
            (_fts_query(query), limit),
        )
        return [(r[0], r[1]) for r in rows]

    def record_errors(self, errors: Iterable[tuple[str, int | None, str]]) -> None:
        with self._transaction():
            self.conn.executemany("INSERT OR IGNORE INTO read_errors VALUES (?,?,?)", errors)

    def read_errors(self) -> list[tuple[str, int | None, str]]:
        return [tuple(r) for r in self.conn.execute("SELECT * FROM read_errors")]  # type: ignore[misc]

    def counts(self) -> dict[str, int]:
        tables = ("articles", "claims", "stories", "entities", "facts")
        return {t: self.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_ARTICLE_COLUMNS = (
    "articles.id, source, text, title, articles.published, published_inferred, outlet, credits, url"
)


def _with_inferred(article: Article, inferred: str | None) -> Article:
    if article.published or not inferred:
        return article
    return replace(article, published=inferred, published_inferred=True)


def _analysis_from_row(row: Any, claims_by_article: dict[str, list[Claim]]) -> Analysis:
    article = _article_from_row(row[:-2])
    mentions = tuple(mention_from_dict(m) for m in json.loads(row[-2]))
    claims = tuple(claims_by_article.get(article.id, ()))
    return Analysis(article, mentions, claims, row[-1])


def _article_from_row(r: Any) -> Article:
    return Article(
        id=r[0],
        source=r[1],
        text=r[2],
        title=r[3],
        published=r[4],
        published_inferred=bool(r[5]),
        outlet=r[6],
        credits=tuple(json.loads(r[7])),
        url=r[8],
    )


def _fts_query(query: str) -> str:
    # Quote every word so user input is never parsed as FTS5 syntax (AND, NEAR, column filters).
    words = [w.replace('"', '""') for w in query.split()]
    return " ".join(f'"{w}"' for w in words) or '""'


def _set_wal(conn: sqlite3.Connection, attempts: int = 100) -> None:
    """Switch to WAL. The switch needs a moment alone with the file and SQLite's busy timeout
    does not cover it, so two processes opening a new file at once retry briefly."""
    for attempt in range(attempts):
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.05)


def _split_sql(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any error (the connection is in autocommit)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.depth = 0

    def __enter__(self) -> None:
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN IMMEDIATE")
            self.depth = 1

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if not self.depth:
            return
        if exc_type is None:
            self.conn.execute("COMMIT")
        else:
            self.conn.execute("ROLLBACK")

"""A store on a PostgreSQL server (psycopg 3), for a team or a batch cluster sharing one database.

The same records and semantics as :class:`~claimgraph.store.sqlite.SQLiteStore`, built for many
writers at once: articles are keyed by content-hash ids and inserted with ``ON CONFLICT DO
NOTHING`` (a second writer of the same article waits on the key, then does nothing), their order
comes from an identity column (never ``MAX()+1``, which two writers would both read), and each
article with its claims is one transaction, so a writer killed at any point leaves no half
article. The corpus tables are replaced in one transaction with ``COPY``; readers that need
several tables read them from one snapshot. Search uses a generated ``tsvector`` and a GIN index.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

try:
    import psycopg
except ModuleNotFoundError as exc:  # an extra: say how to install it, not just what is missing
    raise ModuleNotFoundError(
        "PostgreSQL stores need psycopg 3: pip install 'claimgraph[postgres]'", name=exc.name
    ) from exc

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
from claimgraph.store.sqlite import SchemaTooNew

__all__ = ["MIGRATIONS", "PostgresStore", "SchemaTooNew"]

# The 'simple' configuration (lower-cased words, no stemming, no stop words) matches SQLite's
# unicode61 tokenizer, so one query finds the same articles on either backend. Only the first
# 250,000 characters are indexed: a tsvector is capped at 1 MB, and a page larger than that is
# not a news report (indexing it would make its insert fail).
_ARTICLE_TSV = (
    "setweight(to_tsvector('simple', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('simple', left(text, 250000)), 'B')"
)

# Each entry migrates the schema from version i to i + 1; never edit a released one.
# JSON is kept in `json` columns (the text as written), not `jsonb`, which would turn 5.43e9
# into 5430000000 and change what an export prints.
MIGRATIONS: list[str] = [
    f"""
    CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);
    CREATE TABLE articles (
        id text PRIMARY KEY, seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        source text NOT NULL, title text, published text,
        published_inferred boolean NOT NULL DEFAULT false, outlet text, credits json NOT NULL,
        url text, text text NOT NULL, mentions json NOT NULL,
        tsv tsvector GENERATED ALWAYS AS ({_ARTICLE_TSV}) STORED
    );
    CREATE INDEX articles_tsv ON articles USING gin (tsv);
    CREATE TABLE claims (
        id text PRIMARY KEY, seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        article_id text NOT NULL REFERENCES articles (id), data json NOT NULL,
        sentence text NOT NULL
    );
    CREATE INDEX claims_article ON claims (article_id, seq);
    CREATE TABLE origins (article_id text PRIMARY KEY, origin text NOT NULL);
    CREATE TABLE stories (
        id text PRIMARY KEY, title text NOT NULL, article_ids json NOT NULL,
        first_date text, last_date text
    );
    CREATE TABLE entities (
        id text PRIMARY KEY, name text NOT NULL, kind text NOT NULL, aliases json NOT NULL,
        article_ids json NOT NULL
    );
    CREATE TABLE facts (
        id text PRIMARY KEY, pos integer NOT NULL, story_id text, statement text NOT NULL,
        subject text, property text, status text NOT NULL, attributed_only boolean NOT NULL,
        independent_sources integer NOT NULL, claim_ids json NOT NULL
    );
    CREATE TABLE timeline (
        seq integer PRIMARY KEY, date text NOT NULL, text text NOT NULL,
        article_ids json NOT NULL, fact_ids json NOT NULL
    );
    CREATE TABLE inferred_dates (article_id text PRIMARY KEY, published text NOT NULL);
    CREATE TABLE resolved_claims (claim_id text PRIMARY KEY, data json NOT NULL);
    CREATE TABLE read_errors (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        source text NOT NULL, line integer, message text NOT NULL
    );
    -- One row per error even when it has no line (a plain UNIQUE lets NULLs repeat), and hashed
    -- because a btree entry is capped near 2.7 kB and a message or URL may be longer.
    CREATE UNIQUE INDEX read_errors_once
        ON read_errors (md5(source), coalesce(line, -1), md5(message));
    """,
    # Incremental corpus updates replace one story's facts and timeline entries, and keep what
    # the corpus stages need between runs in the corpus index.
    """
    ALTER TABLE timeline ADD COLUMN story_id text;
    CREATE INDEX timeline_story ON timeline (story_id);
    CREATE INDEX facts_story ON facts (story_id);
    CREATE TABLE corpus_index (
        space text NOT NULL, key text NOT NULL, value text NOT NULL, PRIMARY KEY (space, key)
    );
    """,
    "ALTER TABLE articles ADD COLUMN embedding bytea",
]

# Any fixed number: every claimgraph process migrating a database takes this lock first.
_MIGRATION_LOCK = 0x636C61696D  # "claim"
_CORPUS_LOCK = _MIGRATION_LOCK + 1  # ... and this one while it brings the corpus up to date

_CORPUS_TABLES = (
    "origins",
    "stories",
    "entities",
    "facts",
    "timeline",
    "inferred_dates",
    "resolved_claims",
)

_ARTICLE_COLUMNS = (
    "a.id, a.source, a.text, a.title, a.published, a.published_inferred, a.outlet, a.credits, a.url"
)

# An analysis in one row: the article, its mentions, its position, its claims in order, and
# its sentence embedding.
_ANALYSIS_COLUMNS = (
    f"{_ARTICLE_COLUMNS}, a.mentions, a.seq, "
    "(SELECT coalesce(json_agg(c.data ORDER BY c.seq), '[]'::json) FROM claims c "
    " WHERE c.article_id = a.id), a.embedding"
)

_ADD_ANALYSIS = """
WITH article AS (
    INSERT INTO articles (id, source, title, published, published_inferred, outlet, credits, url,
                          text, mentions, embedding)
    VALUES (%(id)s, %(source)s, %(title)s, %(published)s, %(inferred)s, %(outlet)s, %(credits)s,
            %(url)s, %(text)s, %(mentions)s, %(embedding)s)
    ON CONFLICT (id) DO NOTHING
    RETURNING id
), claim AS (
    INSERT INTO claims (id, article_id, data, sentence)
    SELECT c.id, c.article_id, c.data::json, c.sentence
    FROM unnest(%(claim_ids)s::text[], %(claim_articles)s::text[], %(claim_data)s::text[],
                %(sentences)s::text[]) WITH ORDINALITY AS c (id, article_id, data, sentence, n)
    WHERE EXISTS (SELECT 1 FROM article)
    ORDER BY c.n
    ON CONFLICT (id) DO NOTHING
)
SELECT count(*) FROM article
"""

# analyses() reads articles in pages of this many, so memory stays bounded on a large store.
_PAGE = 500


class PostgresStore:
    """A claimgraph store in one PostgreSQL database, given by a libpq URL or conninfo."""

    def __init__(self, url: str) -> None:
        self.url = url
        # Autocommit, with explicit transaction blocks: a read never leaves a transaction open.
        self.conn: psycopg.Connection[Any] = psycopg.connect(url, autocommit=True)
        try:
            self._migrate()
        except BaseException:
            self.conn.close()
            raise

    # -- schema -----------------------------------------------------------------------------
    def schema_version(self) -> int:
        if self.conn.execute("SELECT to_regclass('meta')").fetchone() == (None,):
            return 0
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def _migrate(self) -> None:
        # All pending migrations in one transaction (DDL is transactional here), under a lock held
        # until commit: a second process starting at the same time waits, then finds it done.
        with self.conn.transaction():
            self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            current = self.schema_version()
            if current > len(MIGRATIONS):
                raise SchemaTooNew(
                    f"{self.conn.info.dbname}: schema version {current} is newer than this "
                    f"claimgraph understands ({len(MIGRATIONS)}); upgrade claimgraph"
                )
            for version in range(current, len(MIGRATIONS)):
                self.conn.execute(MIGRATIONS[version])
                self.conn.execute(
                    "INSERT INTO meta VALUES ('schema_version', %s) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (str(version + 1),),
                )

    # -- per-article records ----------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM articles WHERE id = %s", (article_id,)).fetchone()
        return row is not None

    def add_analysis(self, analysis: Analysis) -> bool:
        # One statement, so one transaction and one round trip: the claims are inserted only if
        # the article row was (a writer that lost the race to another inserts nothing at all).
        a, claims = analysis.article, analysis.claims
        row = self.conn.execute(
            _ADD_ANALYSIS,
            {
                "id": a.id,
                "source": a.source,
                "title": a.title,
                "published": a.published,
                "inferred": a.published_inferred,
                "outlet": a.outlet,
                "credits": dumps(list(a.credits)),
                "url": a.url,
                "text": a.text,
                "mentions": dumps([mention_to_dict(m) for m in analysis.mentions]),
                "embedding": analysis.embedding,
                "claim_ids": [c.id for c in claims],
                "claim_articles": [c.article_id for c in claims],
                "claim_data": [dumps(claim_to_dict(c)) for c in claims],
                "sentences": [c.sentence.text for c in claims],
            },
        ).fetchone()
        return bool(row and row[0])

    def analyses(self) -> Iterator[Analysis]:
        # Keyset pages, each one statement: an article arrives with its claims from the same
        # snapshot, and no cursor or transaction is held open between the caller's steps.
        last = 0
        while True:
            rows = self.conn.execute(
                f"SELECT {_ANALYSIS_COLUMNS} FROM articles a WHERE a.seq > %s "
                "ORDER BY a.seq LIMIT %s",
                (last, _PAGE),
            ).fetchall()
            with collector_paused():  # a page at a time: the caller runs between pages
                page = [_analysis_from_row(row) for row in rows]
            yield from page
            if len(rows) < _PAGE:
                return
            last = rows[-1][10]

    def analyses_of(self, article_ids: Iterable[str]) -> list[Analysis]:
        rows = self.conn.execute(
            f"SELECT {_ANALYSIS_COLUMNS} FROM articles a WHERE a.id = ANY(%s) ORDER BY a.seq",
            (sorted(set(article_ids)),),
        ).fetchall()
        with collector_paused():
            return [_analysis_from_row(row) for row in rows]

    def articles_of(self, article_ids: Iterable[str]) -> list[Article]:
        rows = self.conn.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles a WHERE a.id = ANY(%s) ORDER BY a.seq",
            (sorted(set(article_ids)),),
        ).fetchall()
        return [_article_from_row(row) for row in rows]

    def article_ids(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT id FROM articles ORDER BY seq")]

    def articles(self) -> list[Article]:
        """Articles as the analysis reads them: an undated one carries its inferred date."""
        rows = self.conn.execute(
            f"SELECT {_ARTICLE_COLUMNS}, d.published FROM articles a "
            "LEFT JOIN inferred_dates d ON d.article_id = a.id ORDER BY a.seq"
        )
        return [_with_inferred(_article_from_row(r), r[9]) for r in rows]

    def article(self, article_id: str) -> Article | None:
        row = self.conn.execute(
            f"SELECT {_ARTICLE_COLUMNS}, d.published FROM articles a "
            "LEFT JOIN inferred_dates d ON d.article_id = a.id WHERE a.id = %s",
            (article_id,),
        ).fetchone()
        return _with_inferred(_article_from_row(row), row[9]) if row else None

    def claims(self) -> dict[str, Claim]:
        """Claims as the analysis reads them: relative dates re-read against inferred dates."""
        rows = self.conn.execute(
            "SELECT coalesce(r.data, c.data) FROM claims c "
            "LEFT JOIN resolved_claims r ON r.claim_id = c.id ORDER BY c.seq"
        )
        claims = (claim_from_dict(d) for (d,) in rows)
        return {c.id: c for c in claims}

    # -- corpus records ---------------------------------------------------------------------
    def replace_corpus(self, result: CorpusResult, index: IndexChanges | None = None) -> None:
        with self.conn.transaction(), self.conn.cursor() as cur:
            # DELETE, not TRUNCATE: TRUNCATE is not MVCC-safe, so a reader holding an older
            # snapshot could see empty tables; DELETE lets it keep reading the old analysis.
            for table in (*_CORPUS_TABLES, "corpus_index"):
                cur.execute(f"DELETE FROM {table}")
            for table, columns, rows in _corpus_rows(result, 0, 0):
                _copy(cur, table, columns, rows)
            _copy(cur, "corpus_index", "space, key, value", _index_rows(index or {}))
            _set_meta(cur, "corpus_index", "1" if index is not None else "0")

    def update_corpus(
        self, part: CorpusResult, replaced_stories: Sequence[str], index: IndexChanges
    ) -> None:
        stories = sorted(replaced_stories)
        articles = sorted({a for s in part.stories for a in s.article_ids})
        with self.conn.transaction(), self.conn.cursor() as cur:
            cur.execute("DELETE FROM stories WHERE id = ANY(%s)", (stories,))
            cur.execute("DELETE FROM facts WHERE story_id = ANY(%s)", (stories,))
            cur.execute("DELETE FROM timeline WHERE story_id = ANY(%s)", (stories,))
            cur.execute("DELETE FROM inferred_dates WHERE article_id = ANY(%s)", (articles,))
            cur.execute(
                "DELETE FROM resolved_claims WHERE claim_id IN "
                "(SELECT id FROM claims WHERE article_id = ANY(%s))",
                (articles,),
            )
            # Upserted records: an update re-derives them for its articles only.
            cur.execute("DELETE FROM origins WHERE article_id = ANY(%s)", (sorted(part.origins),))
            cur.execute("DELETE FROM entities WHERE id = ANY(%s)", ([e.id for e in part.entities],))
            fact_pos = _scalar(self.conn, "SELECT coalesce(max(pos), -1) + 1 FROM facts")
            line_seq = _scalar(self.conn, "SELECT coalesce(max(seq), -1) + 1 FROM timeline")
            for table, columns, rows in _corpus_rows(part, fact_pos, line_seq):
                _copy(cur, table, columns, rows)
            gone = [
                (space, k) for space, items in index.items() for k, v in items.items() if v is None
            ]
            cur.executemany("DELETE FROM corpus_index WHERE space = %s AND key = %s", gone)
            cur.executemany(
                "INSERT INTO corpus_index VALUES (%s, %s, %s) "
                "ON CONFLICT (space, key) DO UPDATE SET value = excluded.value",
                list(_index_rows(index)),
            )

    @contextmanager
    def corpus_lock(self) -> Iterator[None]:
        # A session advisory lock, not a transaction: articles keep flowing in meanwhile.
        self.conn.execute("SELECT pg_advisory_lock(%s)", (_CORPUS_LOCK,))
        try:
            yield
        finally:
            self.conn.execute("SELECT pg_advisory_unlock(%s)", (_CORPUS_LOCK,))

    def has_index(self) -> bool:
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'corpus_index'").fetchone()
        return bool(row and row[0] == "1")

    def index_get(self, space: str, keys: Iterable[str]) -> dict[str, str]:
        rows = self.conn.execute(
            "SELECT key, value FROM corpus_index WHERE space = %s AND key = ANY(%s)",
            (space, sorted(set(keys))),
        )
        return {r[0]: r[1] for r in rows}

    def corpus(self) -> CorpusResult:
        with self.conn.transaction():
            # One snapshot for all seven tables: never half of an old and half of a new analysis.
            self.conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            return self._read_corpus()

    def _read_corpus(self) -> CorpusResult:
        def q(sql: str) -> list[tuple[Any, ...]]:
            return self.conn.execute(sql).fetchall()

        # COLLATE "C" orders by code point, as SQLite does, whatever the database's locale.
        stories = q(
            "SELECT id, title, article_ids, first_date, last_date FROM stories "
            'ORDER BY coalesce(last_date, \'\') COLLATE "C" DESC, id COLLATE "C"'
        )
        entities = q(
            "SELECT id, name, kind, aliases, article_ids FROM entities "
            'ORDER BY name COLLATE "C", id COLLATE "C"'
        )
        facts = q(
            "SELECT id, story_id, statement, subject, property, status, attributed_only, "
            "independent_sources, claim_ids FROM facts ORDER BY pos"
        )
        timeline = q(
            'SELECT date, text, article_ids, fact_ids FROM timeline ORDER BY date COLLATE "C", seq'
        )
        return CorpusResult(
            origins=dict(q("SELECT article_id, origin FROM origins")),
            stories=tuple(Story(r[0], r[1], tuple(r[2]), r[3], r[4]) for r in stories),
            entities=tuple(Entity(r[0], r[1], r[2], tuple(r[3]), tuple(r[4])) for r in entities),
            facts=tuple(_fact_from_row(r) for r in facts),
            timeline=tuple(TimelineEntry(r[0], r[1], tuple(r[2]), tuple(r[3])) for r in timeline),
            inferred_dates=dict(q("SELECT article_id, published FROM inferred_dates")),
            resolved_claims={
                cid: claim_from_dict(data)
                for cid, data in q(
                    'SELECT claim_id, data FROM resolved_claims ORDER BY claim_id COLLATE "C"'
                )
            },
        )

    # -- search and errors ------------------------------------------------------------------
    def search(self, query: str, limit: int = 20) -> list[tuple[str, str]]:
        # plainto_tsquery reads the input as plain words joined by AND, as SQLite's quoting does:
        # quotes, OR, '-' and parentheses are never query syntax, and nothing the user types can
        # make it fail. The headline is computed only for the rows returned.
        rows = self.conn.execute(
            "WITH q AS (SELECT plainto_tsquery('simple', %(query)s) AS q), "
            "hits AS (SELECT a.id, a.seq, a.text, ts_rank(a.tsv, q.q) AS rank "
            "  FROM articles a, q WHERE a.tsv @@ q.q ORDER BY rank DESC, a.seq LIMIT %(limit)s) "
            "SELECT hits.id, ts_headline('simple', hits.text, q.q, %(options)s) "
            "FROM hits, q ORDER BY hits.rank DESC, hits.seq",
            {"query": query, "limit": limit, "options": _HEADLINE},
        )
        return [(r[0], r[1]) for r in rows]

    def record_errors(self, errors: Iterable[tuple[str, int | None, str]]) -> None:
        with self.conn.transaction(), self.conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO read_errors (source, line, message) VALUES (%s, %s, %s) "
                "ON CONFLICT DO NOTHING",
                list(errors),
            )

    def read_errors(self) -> list[tuple[str, int | None, str]]:
        rows = self.conn.execute("SELECT source, line, message FROM read_errors ORDER BY seq")
        return [(r[0], r[1], r[2]) for r in rows]

    def counts(self) -> dict[str, int]:
        tables = ("articles", "claims", "stories", "entities", "facts")
        return {t: _scalar(self.conn, f"SELECT count(*) FROM {t}") for t in tables}

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# The same marks as SQLite's snippet(): [match], about a dozen words around the best passage.
_HEADLINE = "StartSel=[, StopSel=], MaxWords=12, MinWords=5, MaxFragments=1, FragmentDelimiter=…"


def _corpus_rows(
    result: CorpusResult, fact_pos: int, line_seq: int
) -> Iterator[tuple[str, str, Iterable[Sequence[Any]]]]:
    """(table, columns, rows) for every corpus table, in the shape COPY writes them; facts and
    timeline entries are numbered from ``fact_pos`` and ``line_seq``."""
    yield "origins", "article_id, origin", sorted(result.origins.items())
    yield (
        "stories",
        "id, title, article_ids, first_date, last_date",
        (
            (s.id, s.title, dumps(list(s.article_ids)), s.first_date, s.last_date)
            for s in result.stories
        ),
    )
    yield (
        "entities",
        "id, name, kind, aliases, article_ids",
        (
            (e.id, e.name, e.kind, dumps(list(e.aliases)), dumps(list(e.article_ids)))
            for e in result.entities
        ),
    )
    yield (
        "facts",
        _FACT_COLUMNS,
        (_fact_row(fact_pos + i, f) for i, f in enumerate(result.facts)),
    )
    yield ("timeline", TIMELINE_COLUMNS, timeline_rows(result, line_seq))
    yield "inferred_dates", "article_id, published", sorted(result.inferred_dates.items())
    yield (
        "resolved_claims",
        "claim_id, data",
        ((cid, dumps(claim_to_dict(c))) for cid, c in sorted(result.resolved_claims.items())),
    )


_FACT_COLUMNS = (
    "pos, id, story_id, statement, subject, property, status, attributed_only, "
    "independent_sources, claim_ids"
)


def _index_rows(index: IndexChanges) -> Iterator[tuple[str, str, str]]:
    for space, items in sorted(index.items()):
        for key, value in items.items():
            if value is not None:
                yield space, key, value


def _set_meta(cur: psycopg.Cursor[Any], key: str, value: str) -> None:
    cur.execute(
        "INSERT INTO meta VALUES (%s, %s) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def _fact_row(pos: int, f: Fact) -> tuple[Any, ...]:
    return (
        pos,
        f.id,
        f.story_id,
        f.statement,
        f.subject,
        f.property,
        f.status,
        f.attributed_only,
        f.independent_sources,
        dumps(list(f.claim_ids)),
    )


def _copy(
    cur: psycopg.Cursor[Any], table: str, columns: str, rows: Iterable[Sequence[Any]]
) -> None:
    with cur.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _fact_from_row(r: Sequence[Any]) -> Fact:
    return Fact(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), r[7], tuple(r[8]))


def _scalar(conn: psycopg.Connection[Any], sql: str) -> int:
    row = conn.execute(sql).fetchone()
    return int(row[0]) if row else 0


def _with_inferred(article: Article, inferred: str | None) -> Article:
    if article.published or not inferred:
        return article
    return replace(article, published=inferred, published_inferred=True)


def _analysis_from_row(row: Sequence[Any]) -> Analysis:
    mentions = tuple(mention_from_dict(m) for m in row[9])
    claims = tuple(claim_from_dict(c) for c in row[11])
    embedding = bytes(row[12]) if row[12] is not None else None
    return Analysis(_article_from_row(row), mentions, claims, embedding)


def _article_from_row(r: Sequence[Any]) -> Article:
    return Article(
        id=r[0],
        source=r[1],
        text=r[2],
        title=r[3],
        published=r[4],
        published_inferred=bool(r[5]),
        outlet=r[6],
        credits=tuple(r[7]),
        url=r[8],
    )

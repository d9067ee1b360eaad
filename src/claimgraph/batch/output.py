"""The corpus stages on the driver, and where their results go: a store and/or Parquet.

With a store this is ``pipeline.run``'s ending, step for step: add every analysis in input
order (a known article is skipped), record the read errors, derive the corpus from the store's
analyses and replace it in one transaction. Without a store the analyses are read straight
from the shard files; the records are then put in the order a store returns them, so the
Parquet tables are the same either way.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from claimgraph.export import export_dict
from claimgraph.ingest.files import ReadError
from claimgraph.model import Article, Claim
from claimgraph.pipeline import analyse_corpus, refresh_corpus
from claimgraph.store.base import Analysis, CorpusResult

Tables = tuple[list[Article], dict[str, Claim], CorpusResult]


@dataclass(slots=True)
class Written:
    read: int = 0
    added: int = 0
    counts: dict[str, int] | None = None


def unique(analyses: Iterable[Analysis]) -> Iterator[Analysis]:
    """The first copy of each article, as ``load_articles`` keeps it."""
    seen: set[str] = set()
    for analysis in analyses:
        if analysis.article.id not in seen:
            seen.add(analysis.article.id)
            yield analysis


def write_store(
    db: str, analyses: Iterable[Analysis], errors: Sequence[ReadError], out: str | None
) -> Written:
    from claimgraph.api import open_store  # dispatches on the URL: SQLite file or PostgreSQL

    written = Written()
    store = open_store(db)
    try:
        added: list[str] = []
        for analysis in unique(analyses):
            written.read += 1
            if store.add_analysis(analysis):
                added.append(analysis.article.id)
        written.added = len(added)
        store.record_errors((e.source, e.line, e.message) for e in errors)
        refresh_corpus(store, added)
        if out:
            write_parquet(out, (store.articles(), store.claims(), store.corpus()))
        counts = getattr(store, "counts", None)
        written.counts = counts() if callable(counts) else None
    finally:
        store.close()
    return written


def write_out_only(out: str, analyses: Iterable[Analysis]) -> Written:
    kept = list(unique(analyses))
    write_parquet(out, as_stored(kept, analyse_corpus(kept)))
    return Written(read=len(kept), added=len(kept))


def as_stored(analyses: Sequence[Analysis], corpus: CorpusResult) -> Tables:
    """Articles, claims and corpus as a store returns them after ``replace_corpus``: undated
    articles carry their story's date, claims their re-read dates, and stories and entities
    come in the store's order (newest story first; entities by name)."""
    articles = [_dated(a.article, corpus.inferred_dates.get(a.article.id)) for a in analyses]
    claims: dict[str, Claim] = {}
    for analysis in analyses:
        for claim in analysis.claims:
            claims.setdefault(claim.id, corpus.resolved_claims.get(claim.id, claim))
    stories = sorted(corpus.stories, key=lambda s: s.id)
    stories.sort(key=lambda s: s.last_date or "", reverse=True)  # stable: ties stay by id
    entities = sorted(corpus.entities, key=lambda e: (e.name, e.id))
    return articles, claims, replace(corpus, stories=tuple(stories), entities=tuple(entities))


def _dated(article: Article, inferred: str | None) -> Article:
    if article.published or not inferred:
        return article
    return replace(article, published=inferred, published_inferred=True)


# -- Parquet ---------------------------------------------------------------------------------

TABLES = ("articles", "stories", "entities", "facts", "claims", "timeline")


def write_parquet(out: str, tables: Tables) -> None:
    """One Parquet file per table of the JSON export (claims flattened out of facts)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    exported = export_dict(*tables)
    rows = parquet_rows(exported)
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    for name in TABLES:
        table = pa.Table.from_pylist(rows[name], schema=_schemas(pa)[name])
        tmp = folder / f".{name}.parquet.tmp"
        pq.write_table(table, tmp)
        tmp.replace(folder / f"{name}.parquet")


def parquet_rows(exported: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    facts, claims = [], []
    for fact in exported["facts"]:
        fact_claims = fact["claims"]
        facts.append({**{k: v for k, v in fact.items() if k != "claims"}, "claim_ids": []})
        for claim in fact_claims:
            facts[-1]["claim_ids"].append(claim["id"])
            claims.append(_claim_row(fact["id"], claim))
    return {
        "articles": exported["articles"],
        "stories": exported["stories"],
        "entities": exported["entities"],
        "facts": facts,
        "claims": claims,
        "timeline": exported["timeline"],
    }


def _claim_row(fact_id: str, claim: dict[str, Any]) -> dict[str, Any]:
    """A claim with its value flattened; a Parquet column has one type, so numbers and dates
    (ISO strings) go to separate columns."""
    value = claim["value"]
    row = {k: v for k, v in claim.items() if k != "value"}
    row["fact_id"] = fact_id
    for key in ("value", "low", "high"):
        x = value[key]
        numeric = isinstance(x, int | float) and not isinstance(x, bool)
        row[f"{key}_number"] = float(x) if numeric else None
        row[f"{key}_str"] = str(x) if x is not None and not numeric else None
    for key in ("kind", "unit", "text", "granularity", "hedge"):
        row[f"value_{key}"] = value[key]
    return row


def _schemas(pa: Any) -> dict[str, Any]:
    s, b, i, f = pa.string(), pa.bool_(), pa.int64(), pa.float64()
    strings = pa.list_(s)

    def schema(*cols: tuple[str, Any]) -> Any:
        return pa.schema(list(cols))

    return {
        "articles": schema(
            *[(c, s) for c in ("id", "source", "title", "published")],
            ("published_inferred", b),
            ("outlet", s),
            ("credits", strings),
            ("origin", s),
            ("url", s),
        ),
        "stories": schema(
            ("id", s), ("title", s), ("article_ids", strings), ("first_date", s), ("last_date", s)
        ),
        "entities": schema(
            ("id", s), ("name", s), ("kind", s), ("aliases", strings), ("article_ids", strings)
        ),
        "facts": schema(
            *[(c, s) for c in ("id", "story_id", "statement", "subject", "property", "status")],
            ("attributed_only", b),
            ("independent_sources", i),
            ("claim_ids", strings),
        ),
        "claims": schema(
            ("fact_id", s),
            *[(c, s) for c in ("id", "article_id", "sentence")],
            *[(c, i) for c in ("start", "end", "value_start", "value_end")],
            *[(c, s) for c in ("speaker", "stance", "cue")],
            ("attributed", b),
            ("published", s),
            *[(f"{k}_number", f) for k in ("value", "low", "high")],
            *[(f"{k}_str", s) for k in ("value", "low", "high")],
            *[(f"value_{k}", s) for k in ("kind", "unit", "text", "granularity", "hedge")],
        ),
        "timeline": schema(
            ("date", s), ("text", s), ("article_ids", strings), ("fact_ids", strings)
        ),
    }

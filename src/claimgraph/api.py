"""The library's front door: what the CLI and the web app call.

Like sqlite-utils' ``Database`` behind its commands, every command is one call here, so the
same work is available to notebooks and services without the CLI.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from claimgraph.export import export_csv, export_json, value_dict
from claimgraph.ingest.files import ReadError
from claimgraph.pipeline import ArticleAnalyser, RunSummary, load_articles
from claimgraph.pipeline import run as run_pipeline
from claimgraph.report import briefing, render_html, render_markdown, render_text
from claimgraph.settings import Settings
from claimgraph.store import AnyStore, MissingExtra, is_postgres_url, open_store_url, redact_url

__all__ = ["ClaimgraphError", "ReadError", "run", "report", "export", "extract", "open_store"]


class ClaimgraphError(Exception):
    """A problem the user can fix (a missing database, a bad option)."""


def open_store(db: str, must_exist: bool = False) -> AnyStore:
    """A SQLite file path, or a ``postgresql://`` URL for a PostgreSQL store."""
    if must_exist and not is_postgres_url(db) and not Path(db).exists():
        raise ClaimgraphError(
            f"{db}: no such database (create it with: claimgraph run PATH --db {db})"
        )
    try:
        return open_store_url(db)
    except MissingExtra as exc:
        raise ClaimgraphError(str(exc)) from exc
    except Exception as exc:  # sqlite3.DatabaseError, psycopg.OperationalError: say which one
        name = redact_url(db)
        raise ClaimgraphError(f"{name}: cannot open as a claimgraph database ({exc})") from exc


def run(
    paths: Sequence[str],
    db: str,
    settings: Settings | None = None,
    stdin: TextIO | None = None,
    progress: Callable[[Iterable[Any], int], Iterable[Any]] | None = None,
    full: bool = False,
) -> RunSummary:
    with open_store(db) as store:
        summary = run_pipeline(paths, store, settings, stdin=stdin, progress=progress, full=full)
        summary.counts = store.counts()
    return summary


def report(db: str, fmt: str = "text") -> str:
    with open_store(db, must_exist=True) as store:
        views = briefing(store.articles(), store.claims(), store.corpus())
    renderers = {"text": render_text, "md": render_markdown, "html": render_html}
    return renderers[fmt](views)


def export(db: str, fmt: str = "json") -> str:
    with open_store(db, must_exist=True) as store:
        articles, claims, corpus = store.articles(), store.claims(), store.corpus()
    if fmt == "csv":
        return export_csv(articles, claims, corpus)
    return export_json(articles, claims, corpus)


def search(db: str, query: str, limit: int = 20) -> list[tuple[str, str]]:
    with open_store(db, must_exist=True) as store:
        return store.search(query, limit)


def extract(
    paths: Sequence[str], stdin: TextIO | None = None
) -> Iterator[dict[str, Any] | ReadError]:
    """Per article: its clean text, entities, values and attributed statements (no store)."""
    errors: list[ReadError] = []
    articles = load_articles(paths, stdin, Settings(), errors)
    yield from errors
    for reading in ArticleAnalyser().read_many(articles):
        yield reading_dict(reading)


def reading_dict(reading: Any) -> dict[str, Any]:
    analysis = reading.analysis
    article = analysis.article
    values = [m for m in analysis.mentions if m.value is not None]
    entities = [m for m in analysis.mentions if m.value is None]
    return {
        "id": article.id,
        "source": article.source,
        "title": article.title,
        "published": article.published,
        "outlet": article.outlet,
        "credits": list(article.credits),
        "text": article.text,
        "entities": [
            {"start": m.start, "end": m.end, "text": m.text, "label": m.label} for m in entities
        ],
        "values": [{"start": m.start, "end": m.end, **value_dict(m.value)} for m in values],
        "claims": [_attribution_dict(a) for a in reading.attributions],
    }


def _attribution_dict(a: Any) -> dict[str, Any]:
    def span(s: Any) -> dict[str, Any] | None:
        return {"start": s.start, "end": s.end, "text": s.text} if s else None

    return {
        "speaker": a.speaker_name or (a.speaker.text if a.speaker else None),
        "speaker_span": span(a.speaker),
        "cue": span(a.cue),
        "content": span(a.content),
        "stance": a.stance,
    }


def demo_corpus() -> Path:
    return Path(__file__).parent / "examples" / "corpus"

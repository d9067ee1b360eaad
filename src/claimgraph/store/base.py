"""The storage protocol every backend implements (SQLite by default; PostgreSQL for teams).

Per-article records (articles with their mentions and claims) are written one article per
transaction, so a killed run keeps every article it finished. Corpus records (origins, stories,
entities, facts, timeline) are derived from those and replaced wholesale in one transaction, so
readers always see one consistent analysis and the next run simply derives them again.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from claimgraph.model import Article, Claim, Entity, Fact, Mention, Story, TimelineEntry


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the per-article stages produce for one article."""

    article: Article
    mentions: tuple[Mention, ...]
    claims: tuple[Claim, ...]


@dataclass(frozen=True, slots=True)
class CorpusResult:
    """Everything the corpus stages derive from all stored analyses."""

    origins: dict[str, str]  # article id -> origin id
    stories: tuple[Story, ...]
    entities: tuple[Entity, ...]
    facts: tuple[Fact, ...]
    timeline: tuple[TimelineEntry, ...]
    inferred_dates: dict[str, str] = field(default_factory=dict)  # undated article -> story date
    resolved_claims: dict[str, Claim] = field(default_factory=dict)  # re-read against those


class Store(Protocol):
    def has_article(self, article_id: str) -> bool: ...

    def add_analysis(self, analysis: Analysis) -> bool:
        """Store one article with its mentions and claims; False if it was already there."""
        ...

    def analyses(self) -> Iterator[Analysis]: ...

    def replace_corpus(self, result: CorpusResult) -> None: ...

    def articles(self) -> list[Article]: ...

    def claims(self) -> dict[str, Claim]: ...

    def corpus(self) -> CorpusResult: ...

    def search(self, query: str, limit: int = 20) -> list[tuple[str, str]]:
        """Full-text search: (article id, snippet) pairs, best first."""
        ...

    def record_errors(self, errors: Iterable[tuple[str, int | None, str]]) -> None: ...

    def close(self) -> None: ...

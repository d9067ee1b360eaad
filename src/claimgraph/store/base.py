"""The storage protocol every backend implements (SQLite by default; PostgreSQL for teams).

Per-article records (articles with their mentions and claims) are written one article per
transaction, so a killed run keeps every article it finished. Corpus records (origins, stories,
entities, facts, timeline) are derived from those and replaced wholesale in one transaction, so
readers always see one consistent analysis and the next run simply derives them again.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Protocol

from claimgraph.model import Article, Claim, Entity, Fact, Mention, Story, TimelineEntry
from claimgraph.store.codec import dumps


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the per-article stages produce for one article."""

    article: Article
    mentions: tuple[Mention, ...]
    claims: tuple[Claim, ...]
    # The headline and lead as a sentence embedding (float16, unit length; ``codec.pack_vector``),
    # when the sentence model is installed: what the story clustering's dense channel reads.
    embedding: bytes | None = None


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


# The corpus index: what the incremental corpus stages keep between runs (blocking postings,
# story sums, document frequencies), as JSON text under (space, key). A value of None deletes.
IndexChanges = Mapping[str, Mapping[str, str | None]]


def timeline_story_ids(result: CorpusResult) -> list[str | None]:
    """The story each timeline entry belongs to (a fact's story, or the published article's),
    so that an incremental update can replace one story's entries and keep the rest."""
    story_of_article = {aid: s.id for s in result.stories for aid in s.article_ids}
    story_of_fact = {f.id: f.story_id for f in result.facts}
    out: list[str | None] = []
    for entry in result.timeline:
        if entry.fact_ids:
            out.append(story_of_fact.get(entry.fact_ids[0]))
        else:
            out.append(story_of_article.get(entry.article_ids[0]) if entry.article_ids else None)
    return out


TIMELINE_COLUMNS = "seq, date, text, article_ids, fact_ids, story_id"


def timeline_rows(result: CorpusResult, first_seq: int) -> list[tuple[object, ...]]:
    """The timeline's rows as both stores keep them (``TIMELINE_COLUMNS``), numbered from
    ``first_seq``."""
    stories = timeline_story_ids(result)
    return [
        (first_seq + i, t.date, t.text, dumps(list(t.article_ids)), dumps(list(t.fact_ids)), story)
        for i, (t, story) in enumerate(zip(result.timeline, stories, strict=True))
    ]


class Store(Protocol):
    def has_article(self, article_id: str) -> bool: ...

    def add_analysis(self, analysis: Analysis) -> bool:
        """Store one article with its mentions and claims; False if it was already there."""
        ...

    def analyses(self) -> Iterator[Analysis]: ...

    def analyses_of(self, article_ids: Iterable[str]) -> list[Analysis]:
        """The stored analyses of these articles (in the order they were added)."""
        ...

    def articles_of(self, article_ids: Iterable[str]) -> list[Article]:
        """The stored articles alone, as added (in that order): for a caller that needs no
        mentions or claims, which cost far more to read back than the articles."""
        ...

    def replace_corpus(self, result: CorpusResult, index: IndexChanges | None = None) -> None:
        """Replace every corpus record; ``index`` (when given) becomes the whole corpus index,
        otherwise the index is dropped (the next run derives the corpus in full)."""
        ...

    def update_corpus(
        self, part: CorpusResult, replaced_stories: Sequence[str], index: IndexChanges
    ) -> None:
        """Replace the records of some stories only, in one transaction: the stories
        ``replaced_stories`` with their facts and timeline entries give way to ``part``'s;
        ``part``'s origins, entities, inferred dates and resolved claims are upserted (its
        articles' old inferred dates and resolved claims are dropped first)."""
        ...

    def has_index(self) -> bool:
        """Whether the corpus index matches the corpus records (an incremental run may use it)."""
        ...

    def index_get(self, space: str, keys: Iterable[str]) -> dict[str, str]: ...

    def counts(self) -> dict[str, int]: ...

    def corpus_lock(self) -> AbstractContextManager[None]:
        """Held while the corpus records are brought up to date, so that two runs never fold
        articles in at once (article writers are not held up)."""
        ...

    def articles(self) -> list[Article]: ...

    def article_ids(self) -> list[str]:
        """Every stored article's id, in the order they were added."""
        ...

    def claims(self) -> dict[str, Claim]: ...

    def corpus(self) -> CorpusResult: ...

    def search(self, query: str, limit: int = 20) -> list[tuple[str, str]]:
        """Full-text search: (article id, snippet) pairs, best first."""
        ...

    def record_errors(self, errors: Iterable[tuple[str, int | None, str]]) -> None: ...

    def close(self) -> None: ...

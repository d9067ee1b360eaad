"""The stages in order: read → clean → per-article analysis → store → corpus stages.

Per-article stages are pure functions of one article, so they parallelise trivially; the corpus
stages read every stored analysis and replace the derived tables in one transaction.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, TextIO

from claimgraph.clean.article import clean_document
from claimgraph.clean.boilerplate import repeated_lines
from claimgraph.corpus.derive import fact_stages
from claimgraph.corpus.entities import merge_entities
from claimgraph.corpus.incremental import (
    UpdateSummary,
    build_index,
    can_update,
    is_current,
    mark_derived,
    update_corpus,
)
from claimgraph.corpus.origins import assign_origins
from claimgraph.corpus.stories import (
    Profile,
    channel_bags,
    cluster_stories,
    embeddings_of,
    profiles,
    story_order,
)
from claimgraph.corpus.storylines import storylines
from claimgraph.extract.attribution import find_attributions
from claimgraph.extract.claims import build_claims
from claimgraph.extract.dates import find_dates
from claimgraph.extract.entities import find_entities
from claimgraph.extract.ones import one_counts
from claimgraph.extract.values import find_values
from claimgraph.heap import collector_paused
from claimgraph.ingest.files import RawDocument, ReadError, read_paths
from claimgraph.model import Article, Attribution, Mention
from claimgraph.settings import Settings
from claimgraph.store.base import Analysis, CorpusResult, Store
from claimgraph.store.codec import pack_vector

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from claimgraph.extract.embedding import SentenceEncoder


@dataclass(frozen=True, slots=True)
class ArticleReading:
    """What the extractors found in one article (what ``claimgraph extract`` prints)."""

    analysis: Analysis
    attributions: tuple[Attribution, ...]


class ArticleAnalyser:
    """The per-article stage. Cheap to build; ``setup()`` loads the model once per process."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.nlp: Language | None = None
        self.encoder: SentenceEncoder | None = None
        self._encoder_checked = False

    def setup(self) -> None:
        if self.nlp is None:
            from claimgraph.extract.nlp import load_pipeline

            self.nlp = load_pipeline()
        if not self._encoder_checked:
            self._encoder_checked = True
            self.encoder = load_encoder() if self.settings.embeddings else None

    def read_many(self, articles: Iterable[Article]) -> Iterator[ArticleReading]:
        self.setup()
        assert self.nlp is not None
        pairs = ((a.text, a) for a in articles)
        for doc, article in self.nlp.pipe(
            pairs, as_tuples=True, batch_size=self.settings.batch_size
        ):
            reading = read_doc(doc, article)
            if self.encoder is not None:
                reading = with_embedding(reading, self.encoder)
            yield reading

    def analyse_many(self, articles: Iterable[Article]) -> Iterator[Analysis]:
        for reading in self.read_many(articles):
            yield reading.analysis


def load_encoder() -> SentenceEncoder | None:
    """The sentence encoder, loaded; None when the 'embed' extra is not installed (stories are
    then clustered on words, entities and dates alone)."""
    from claimgraph.extract.embedding import EmbeddingModelMissing, SentenceEncoder

    # One text per call: a batch pads its texts to the longest, which moves a vector (its int8
    # activations are scaled over the padded rows too), and an article must get the same
    # vector whichever batch it came in (a batch run's export equals a plain run's). A
    # headline and lead (about 300 characters) costs 13 CPU-ms on one thread (19 in float32);
    # torch's thread pool, on the other hand, triples the CPU per text for little gain in
    # wall time, and the per-article stages scale by processes (batch engines), not threads.
    encoder = SentenceEncoder(batch_size=1)
    try:
        encoder.setup()
    except EmbeddingModelMissing:
        return None
    import torch

    torch.set_num_threads(1)
    return encoder


def with_embedding(reading: ArticleReading, encoder: SentenceEncoder) -> ArticleReading:
    from claimgraph.extract.embedding import embedding_text

    (vector,) = encoder.encode([embedding_text(reading.analysis)])
    return replace(reading, analysis=replace(reading.analysis, embedding=pack_vector(vector)))


def read_doc(doc: Doc, article: Article) -> ArticleReading:
    """Everything one article states: entities, values, dates, attributions and claims."""
    entities = find_entities(doc)
    found = find_values(article.text)
    values = sorted([*found, *one_counts(doc, found)], key=lambda m: (m.start, m.end))
    dates = find_dates(article.text, article.published)
    attributions = tuple(find_attributions(doc))
    measured = merge_measures(values, dates)
    claims = build_claims(doc, article.id, article.published, measured, entities, attributions)
    mentions = tuple(sorted([*entities, *measured], key=lambda m: (m.start, m.end, m.label)))
    return ArticleReading(Analysis(article, mentions, tuple(claims)), attributions)


def merge_measures(values: Sequence[Mention], dates: Sequence[Mention]) -> list[Mention]:
    """Values and dates, overlaps settled: a date wins over a bare count ("2018" is a year),
    a sum of money, a percentage or a measured quantity wins over a date."""
    kept_dates = [d for d in dates if not any(_overlaps(d, v) and _strong(v) for v in values)]
    kept_values = [v for v in values if not any(_overlaps(v, d) for d in kept_dates)]
    return sorted([*kept_values, *kept_dates], key=lambda m: (m.start, m.end))


def _overlaps(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


def _strong(value: Mention) -> bool:
    return value.value is not None and value.value.kind in ("money", "percent", "quantity")


@dataclass(slots=True)
class RunSummary:
    read: int = 0
    added: int = 0
    unchanged: int = 0
    errors: list[ReadError] = field(default_factory=list)
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)
    incremental: UpdateSummary | None = None  # set when the corpus was updated, not re-derived


def load_articles(
    paths: Sequence[str], stdin: TextIO | None, settings: Settings, errors: list[ReadError]
) -> list[Article]:
    """Read and clean every input; bad inputs become errors and the rest goes on."""
    docs: list[RawDocument] = []
    for item in read_paths(paths, stdin=stdin):
        if isinstance(item, ReadError):
            errors.append(item)
        else:
            docs.append(item)
    texts = [d.data for d in docs if isinstance(d.data, str) and not d.is_html]
    repeated = repeated_lines(texts, min_docs=settings.boilerplate_min_docs)
    articles: dict[str, Article] = {}
    for doc in docs:
        try:
            article = clean_document(doc, repeated)
        except ValueError as exc:
            errors.append(ReadError(doc.source, None, str(exc)))
            continue
        articles.setdefault(article.id, article)
    return list(articles.values())


def run(
    paths: Sequence[str],
    store: Store,
    settings: Settings | None = None,
    stdin: TextIO | None = None,
    progress: Callable[[Iterable[Article], int], Iterable[Article]] | None = None,
    full: bool = False,
) -> RunSummary:
    """Ingest and analyse ``paths`` into ``store``; returns what happened.

    New articles are folded into the stored corpus records incrementally when the store has a
    corpus index and they are few (``corpus/incremental.py``); otherwise, or with ``full``, the
    corpus stages run over the whole store."""
    settings = settings or Settings()
    started = time.perf_counter()
    summary = RunSummary()
    articles = load_articles(paths, stdin, settings, summary.errors)
    summary.read = len(articles)
    new = [a for a in articles if not store.has_article(a.id)]
    summary.unchanged = len(articles) - len(new)
    added: list[str] = []
    todo: Iterable[Article] = progress(new, len(new)) if progress else new
    for analysis in ArticleAnalyser(settings).analyse_many(todo):
        if store.add_analysis(analysis):
            added.append(analysis.article.id)
    summary.added = len(added)
    store.record_errors((e.source, e.line, e.message) for e in summary.errors)
    summary.incremental = refresh_corpus(store, added, full)
    summary.seconds = time.perf_counter() - started
    return summary


def refresh_corpus(store: Store, added: Sequence[str], full: bool = False) -> UpdateSummary | None:
    """Bring the corpus records up to date after ``added`` (article ids) were stored: fold them
    in when few (returns what the update did), else derive the whole corpus again."""
    with store.corpus_lock():
        stored = store.counts()["articles"]
        if not full and can_update(store, len(added), stored):
            return update_corpus(store, store.analyses_of(added))
        if full or not is_current(store, stored):
            derive_corpus(store)
        return None


# A full derivation holds at most this many analyses in memory at once: a bigger store is
# derived from its first articles in one pass, then the rest are folded in by updates, in the
# order they were added. An update re-clusters the neighbourhood it reaches as one pass would
# (ECB+ topics 1-35 arriving in ten batches: B-cubed 0.923 against 0.925 in one pass), and
# memory stays near that of a one-pass derivation of this many articles (1.7 GB at 10k).
DERIVE_CHUNK = 10_000


def derive_corpus(store: Store) -> None:
    """The corpus stages over the whole store, written with the index later updates use."""
    ids = store.article_ids()
    # Each chunk under one pause of the collector, from its read to its last write: its
    # analyses are kept all that time, and the collector resuming between the read and the
    # stages walked them all, freeing nothing (1.5 CPU-s a chunk of 10k; 2.2 for a store read
    # page by page; ``heap``). Between chunks it runs, when next to nothing is alive, and
    # frees whatever cycles the last chunk left.
    with collector_paused():
        first = store.analyses_of(ids[:DERIVE_CHUNK]) if len(ids) > DERIVE_CHUNK else None
        analyses = first if first is not None else list(store.analyses())
        # The story profiles cluster the stories and go into the index: worked out once.
        ordered = story_order(analyses)
        bags = [channel_bags(a) for a in ordered]
        items = profiles(ordered, embeddings_of(ordered), bags)
        result = analyse_corpus(analyses, items)
        store.replace_corpus(result, build_index(analyses, result, bags, items))
        del first, analyses, ordered, bags, items, result
    for start in range(DERIVE_CHUNK, len(ids), DERIVE_CHUNK):
        with collector_paused():
            update_corpus(store, store.analyses_of(ids[start : start + DERIVE_CHUNK]))
    if len(ids) > DERIVE_CHUNK:
        mark_derived(store, len(ids))


def analyse_corpus(
    analyses: Sequence[Analysis], items: Sequence[Profile] | None = None
) -> CorpusResult:
    """The corpus stages: origins, stories, storylines, then the fact stages and entities.
    ``items``: the articles' story profiles, if worked out already (``cluster_stories``)."""
    with collector_paused():  # what each stage builds, the next one reads (``heap``)
        origins = assign_origins([a.article for a in analyses])
        stories = cluster_stories(analyses, embeddings_of(analyses), items)
        result = fact_stages(analyses, stories, origins, storylines(stories, analyses))
        return replace(result, entities=tuple(merge_entities(analyses)))


def mentions_of(analysis: Analysis, label: str) -> list[Mention]:
    return [m for m in analysis.mentions if m.label == label]

"""Stories: reports about the same real-world event, grouped.

Each article becomes a sparse profile of content words (TF-IDF), named entities (keyed by
``name_key``, IDF-weighted) and dates. Candidate neighbours come from an inverted index over
each article's most distinctive terms and entities (frequent keys are skipped: they block
nothing and would make the cost quadratic), so cost grows about linearly with the corpus.
Each article keeps its best neighbours; sparse average-link clustering with a threshold then
forms the stories. Everything is ordered by article id, so the same input gives the same
stories and ids.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from spacy.lang.en.stop_words import STOP_WORDS

from claimgraph.extract.entities import name_key
from claimgraph.model import Story, content_id
from claimgraph.store.base import Analysis

STORY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "PRODUCT", "EVENT", "FAC"})

# Weights and thresholds, chosen on ECB+ topics 1-35 (see benchmarks/eval_ecb_stories.py).
TERM_WEIGHT = 0.5  # share of the similarity from content words; the rest from entities
MERGE_THRESHOLD = 0.12  # average-link similarity at which two groups are one story
TOP_TERMS = 12  # distinctive terms per article used as blocking keys
NEIGHBOURS = 20  # best neighbours kept per article
MAX_POSTING = 300  # keys shared by more articles than this block nothing
DATE_WINDOW_DAYS = 10  # published dates further apart than this weaken a link ...
DATE_DECAY_DAYS = 30.0  # ... by a factor that halves every this many days beyond the window

_WORD = re.compile(r"[a-z][a-z'-]*[a-z]|(?:1[89]|20)\d\d")
_TITLE_LIMIT = 120


@dataclass(frozen=True, slots=True)
class Profile:
    """What one article contributes to story similarity (vectors are L2-normalised)."""

    article_id: str
    terms: dict[str, float]
    entities: dict[str, float]
    day: int | None  # proleptic ordinal of the published date


def tokenize(text: str) -> list[str]:
    """Lower-cased content words (stop words and short tokens dropped) and years."""
    return [w for w in _WORD.findall(text.lower()) if w not in STOP_WORDS and len(w) > 2]


def entity_keys(analysis: Analysis) -> list[str]:
    """One key per named-entity mention worth comparing across articles."""
    keys = (name_key(m.text) for m in analysis.mentions if m.label in STORY_LABELS)
    return [k for k in keys if len(k) > 1]


def idf_table(bags: Iterable[Counter[str]], n_docs: int) -> dict[str, float]:
    """Smoothed inverse document frequency of every key in ``bags``."""
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    return {k: math.log((1 + n_docs) / (1 + d)) + 1.0 for k, d in df.items()}


def weigh(bag: Counter[str], idf: dict[str, float]) -> dict[str, float]:
    """Sublinear TF-IDF, L2-normalised."""
    vec = {k: (1.0 + math.log(c)) * idf.get(k, 1.0) for k, c in bag.items()}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {k: v / norm for k, v in vec.items()}


def _day(published: str | None) -> int | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def profiles(analyses: Sequence[Analysis]) -> list[Profile]:
    """Profiles of all articles, with IDF computed over this corpus."""
    term_bags = [Counter(tokenize(_full_text(a))) for a in analyses]
    ent_bags = [Counter(entity_keys(a)) for a in analyses]
    term_idf = idf_table(term_bags, len(analyses))
    ent_idf = idf_table(ent_bags, len(analyses))
    return [
        Profile(a.article.id, weigh(t, term_idf), weigh(e, ent_idf), _day(a.article.published))
        for a, t, e in zip(analyses, term_bags, ent_bags, strict=True)
    ]


def _full_text(analysis: Analysis) -> str:
    title = analysis.article.title or ""
    return f"{title}\n{analysis.article.text}" if title else analysis.article.text


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b[k] for k, v in a.items() if k in b)


def date_factor(a: int | None, b: int | None) -> float:
    """1 when the published dates are close or unknown, decaying as they drift apart."""
    if a is None or b is None:
        return 1.0
    gap = abs(a - b) - DATE_WINDOW_DAYS
    return 1.0 if gap <= 0 else 0.5 ** (gap / DATE_DECAY_DAYS)


def similarity(a: Profile, b: Profile) -> float:
    """How likely two articles report the same event, in [0, 1]."""
    content = TERM_WEIGHT * _dot(a.terms, b.terms) + (1 - TERM_WEIGHT) * _dot(
        a.entities, b.entities
    )
    return content * date_factor(a.day, b.day)


def blocking_keys(profile: Profile) -> list[str]:
    """The article's most distinctive terms and all its entities (prefixed apart)."""
    top = heapq.nlargest(TOP_TERMS, profile.terms.items(), key=lambda kv: (kv[1], kv[0]))
    return [f"t:{k}" for k, _ in top] + [f"e:{k}" for k in profile.entities]


def candidates(items: Sequence[Profile]) -> dict[int, set[int]]:
    """For each article, the later articles sharing a blocking key with it."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(items):
        for key in blocking_keys(p):
            postings[key].append(i)
    pairs: dict[int, set[int]] = defaultdict(set)
    for members in postings.values():
        if len(members) < 2 or len(members) > MAX_POSTING:
            continue
        for x, i in enumerate(members):
            pairs[i].update(members[x + 1 :])
    return pairs


def neighbour_graph(items: Sequence[Profile]) -> dict[tuple[int, int], float]:
    """Similarities of each article to its best ``NEIGHBOURS`` candidates (i < j keys)."""
    best: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for i, js in candidates(items).items():
        for j in js:
            s = similarity(items[i], items[j])
            if s > 0:
                best[i].append((s, j))
                best[j].append((s, i))
    edges: dict[tuple[int, int], float] = {}
    for i, scored in best.items():
        for s, j in heapq.nlargest(NEIGHBOURS, scored, key=lambda t: (t[0], -t[1])):
            edges[(min(i, j), max(i, j))] = s
    return edges


def average_link(n: int, edges: dict[tuple[int, int], float], threshold: float) -> list[int]:
    """Sparse average-link clustering; returns a cluster label (a root index) per item.

    Missing edges count as similarity 0, so the average of two groups is the sum of their
    known links over the product of their sizes. Ties break on indices (determinism).
    """
    size = [1] * n
    parent = list(range(n))
    links: list[dict[int, float]] = [{} for _ in range(n)]
    for (i, j), s in edges.items():
        links[i][j] = s
        links[j][i] = s
    heap = [(-s, i, j) for (i, j), s in edges.items() if s >= threshold]
    heapq.heapify(heap)
    while heap:
        neg, i, j = heapq.heappop(heap)
        if parent[i] != i or parent[j] != j or j not in links[i]:
            continue
        if abs(links[i][j] / (size[i] * size[j]) + neg) > 1e-12:
            continue  # stale entry: the pair's average changed since it was queued
        _merge(i, j, size, parent, links, heap, threshold)
    return [_find(parent, i) for i in range(n)]


def _merge(
    i: int,
    j: int,
    size: list[int],
    parent: list[int],
    links: list[dict[int, float]],
    heap: list[tuple[float, int, int]],
    threshold: float,
) -> None:
    """Fold group ``j`` into group ``i`` and queue the new averages of ``i``."""
    keep, gone = min(i, j), max(i, j)
    parent[gone] = keep
    size[keep] += size[gone]
    for k, s in links[gone].items():
        if k == keep:
            continue
        links[k].pop(gone, None)
        links[keep][k] = links[keep].get(k, 0.0) + s
        links[k][keep] = links[keep][k]
    links[keep].pop(gone, None)
    links[gone] = {}
    for k, s in links[keep].items():
        avg = s / (size[keep] * size[k])
        if avg >= threshold:
            heapq.heappush(heap, (-avg, min(keep, k), max(keep, k)))


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def cluster_stories(analyses: Sequence[Analysis]) -> list[Story]:
    """Group articles into stories; every article is in exactly one story."""
    ordered = sorted(analyses, key=lambda a: a.article.id)
    items = profiles(ordered)
    edges = neighbour_graph(items)
    labels = average_link(len(items), edges, MERGE_THRESHOLD)
    groups: dict[int, list[int]] = defaultdict(list)
    for i, label in enumerate(labels):
        groups[label].append(i)
    stories = [_story([ordered[i] for i in members], members, edges) for members in groups.values()]
    return sorted(stories, key=lambda s: s.article_ids[0])


def _story(members: list[Analysis], idx: list[int], edges: dict[tuple[int, int], float]) -> Story:
    ids = tuple(sorted(a.article.id for a in members))
    centre = _most_central(members, idx, edges)
    dates = sorted(a.article.published[:10] for a in members if a.article.published)
    return Story(
        id=content_id("s", *ids),
        title=headline(centre),
        article_ids=ids,
        first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
    )


def _most_central(
    members: list[Analysis], idx: list[int], edges: dict[tuple[int, int], float]
) -> Analysis:
    """The member with the largest total similarity to the others (ties: smallest id)."""
    inside = set(idx)
    total: Counter[int] = Counter()
    for (i, j), s in edges.items():
        if i in inside and j in inside:
            total[i] += s
            total[j] += s
    best = max(range(len(idx)), key=lambda x: (total[idx[x]], -x))
    return members[best]


def headline(analysis: Analysis) -> str:
    """The article's title, or else its first sentence, cut to 120 characters."""
    text = (analysis.article.title or "").strip()
    if not text:
        body = analysis.article.text.strip()
        first = re.split(r"(?<=[.!?])\s+|\n", body, maxsplit=1)[0] if body else ""
        text = first.strip()
    text = " ".join(text.split())
    if len(text) <= _TITLE_LIMIT:
        return text
    return text[: _TITLE_LIMIT - 1].rsplit(" ", 1)[0] + "…"

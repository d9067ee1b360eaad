"""Storylines: stories that follow the same actors and things over time.

The S-400 deal's price is stated in a report on a ministers' meeting in June and again in one on
new purchase talks in September: two stories, one storyline, and the aligner must be able to set
those two figures against each other. Stories link when the named things they share are
distinctive (idf-weighted overlap), found through an inverted index of entity keys, never by
comparing all pairs. Two earthquakes in different countries share no distinctive names and
stay apart.

Linking is average-link, not single-link: a story joins a storyline only when it is close to
the storyline as a whole. Single-link chains unrelated stories through one name each pair
happens to share (a rehab story and a surgeon-general story both naming "Los Angeles"), and a
storyline hundreds of stories long makes fact alignment slow and its conflicts false.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from claimgraph.extract.entities import name_key
from claimgraph.model import Story
from claimgraph.store.base import Analysis

LINK_THRESHOLD = 0.4
_SALIENT_MENTIONS = 3
_NAMED = frozenset({"PERSON", "ORG", "PRODUCT", "EVENT", "FAC", "GPE", "LOC", "LAW"})
# A key shared by more stories than this is background (a country, a big institution).
MAX_STORY_POSTINGS = 50
MIN_SHARED_NAMES = 2


def storylines(stories: Sequence[Story], analyses: Sequence[Analysis]) -> dict[str, str]:
    """Story id -> storyline id (the smallest story id in the storyline)."""
    keys = _story_keys(stories, analyses)
    idf = _idf(keys, len(stories))
    links: dict[tuple[str, str], float] = {}
    for a, b in _candidate_pairs(keys):
        shared = keys[a].keys() & keys[b].keys()
        if len(shared) < MIN_SHARED_NAMES:
            continue  # one shared name ("Washington") is chance, not a storyline
        score = weighted_overlap(keys[a], keys[b], idf)
        if score >= LINK_THRESHOLD:
            links[(a, b)] = score
    members: dict[str, list[str]] = {s.id: [s.id] for s in stories}
    line_of = {s.id: s.id for s in stories}
    for (a, b), _ in sorted(links.items(), key=lambda kv: (-kv[1], kv[0])):
        la, lb = line_of[a], line_of[b]
        if la == lb or _average_link(members[la], members[lb], links) < LINK_THRESHOLD:
            continue
        keep, gone = min(la, lb), max(la, lb)
        for story_id in members[gone]:
            line_of[story_id] = keep
        members[keep].extend(members.pop(gone))
    return {s.id: line_of[s.id] for s in stories}


def _average_link(left: list[str], right: list[str], links: dict[tuple[str, str], float]) -> float:
    """Mean link score over every cross pair of stories (an unlinked pair counts 0)."""
    total = 0.0
    for a in left:
        for b in right:
            total += links.get((a, b) if a < b else (b, a), 0.0)
    return total / (len(left) * len(right))


def _story_keys(stories: Sequence[Story], analyses: Sequence[Analysis]) -> dict[str, Counter[str]]:
    by_article = {a.article.id: a for a in analyses}
    return {
        story.id: salient_names([by_article[a] for a in story.article_ids if a in by_article])
        for story in stories
    }


def salient_names(members: Iterable[Analysis]) -> Counter[str]:
    """The name keys a story's reports mention again and again, with their counts: what a
    story is about is named repeatedly; a passing mention is not its subject."""
    counts: Counter[str] = Counter()
    for analysis in members:
        counts.update(name_key(m.text) for m in analysis.mentions if m.label in _NAMED)
    counts.pop("", None)
    return Counter({k: n for k, n in counts.items() if n >= _SALIENT_MENTIONS})


def _idf(keys: dict[str, Counter[str]], n_stories: int) -> dict[str, float]:
    df: Counter[str] = Counter()
    for counts in keys.values():
        df.update(counts.keys())
    return {k: name_idf(d, n_stories) for k, d in df.items()}


def name_idf(stories_with_it: int, n_stories: int) -> float:
    return math.log((1 + n_stories) / (1 + stories_with_it)) + 1.0


def _candidate_pairs(keys: dict[str, Counter[str]]) -> set[tuple[str, str]]:
    postings: dict[str, list[str]] = defaultdict(list)
    for story_id, counts in keys.items():
        for key in counts:
            postings[key].append(story_id)
    pairs = set()
    for members in postings.values():
        if len(members) > MAX_STORY_POSTINGS:
            continue
        members = sorted(members)
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                pairs.add((a, b))
    return pairs


def weighted_overlap(a: Counter[str], b: Counter[str], idf: dict[str, float]) -> float:
    """Overlap coefficient of the two stories' salient names, idf-weighted: how much of the
    smaller story's cast the other shares (a short story is not penalised for its brevity)."""
    shared = sum(idf[k] for k in a.keys() & b.keys())
    smaller = min(sum(idf[k] for k in a), sum(idf[k] for k in b))
    return shared / smaller if smaller else 0.0

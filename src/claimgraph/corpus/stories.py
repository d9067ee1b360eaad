"""Stories: reports about the same real-world event, grouped.

Each article becomes one sparse vector with three weighted channels: content words (TF-IDF,
the lead counted twice), named entities (keyed by ``name_key``; people also by surname, so
"W. Mark Felt" in one report meets "Felt" in another) and time (years, months and weekdays the
text names, resolved date mentions, the published date). Because the similarity of two
articles is the dot product of their vectors, the average similarity of two *groups* is the
dot product of their summed vectors divided by the sizes: average-link clustering works from
group sums, without storing all pairs, and does not fragment big stories the way a sparse
graph of article pairs would.

Given sentence embeddings of the articles (``extract.embedding``: headline and lead), a
fourth, dense channel adds ``EMBED_WEIGHT`` times the cosine, less a floor (what two leads of
unrelated news share). Its group sums work like the sparse ones: the dot product of two
groups' summed unit vectors is the sum of their cross-pair cosines, so each group keeps a dense
total and the average-link bookkeeping stays exact. Without embeddings nothing changes.

Candidates come from an inverted index over each article's most distinctive terms and entities
(keys shared by very many articles are skipped: they block nothing and would make the cost
quadratic) and, with embeddings, from an approximate nearest-neighbour index over them
(usearch's HNSW graph, built single-threaded so that it is the same every run). Groups then
merge best-first while their average similarity is high relative to how tight each group
already is (two tight groups about two earthquakes share many words, but far fewer than each
shares inside itself; a pair of reports meeting an established story gets some slack, as its
tightness rests on one similarity) and their content alone passes a threshold (a day's news all
shares its dates). Published dates far apart weaken a link, unless the later reports name the
earlier ones' month (a follow-up: charges, a trial, a sentence). Two groups each centred on a
person, or a sum of money, that the other's leads hardly name never merge (two players'
arrests, two stars' rehab stays, a €2m raid and an €85m heist in one city).
Everything is ordered by article id, so the same input gives the same stories and ids.

The scoring pieces (``profiles``, ``similarity``, ``Group``) are public so that a later,
incremental stage can score new articles against existing stories' sums.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from claimgraph.corpus.sizes import money_sizes
from claimgraph.extract.entities import name_key
from claimgraph.model import Mention, Story, content_id
from claimgraph.store.base import Analysis

STORY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "PRODUCT", "EVENT", "FAC"})

# Channel weights (they sum to 1, so an article's vector has length <= 1) and merge rules,
# chosen on ECB+ topics 1-35 only (benchmarks/eval_ecb_stories.py).
TERM_WEIGHT = 0.6
ENTITY_WEIGHT = 0.2
TIME_WEIGHT = 0.2
MERGE_THRESHOLD = 0.1  # least average similarity of words and entities for any merge
COHESION_RATIO = 0.65  # ... and at least this share of the looser group's own cohesion
# ... or this share of that, when a pair of reports meets a story of ``ESTABLISHED_STORY``
# reports or more: the pair's cohesion is one similarity and its link an average over few
# pairs, both noisy, so a pair telling the event with a detail of its own ("41 years later")
# stayed apart from its event's other reports. ECB+ 1-35: 0.953 -> 0.957 anywhere from 0.6
# to 0.9 (odd and even topics alike). Between two small groups the bar stays whole: there,
# the slack merged two events of our seed reports (a story of three and a pair); with the
# floor anywhere from 4 to 7 ECB+ scores the same (three wire copies per event: 0.944).
PAIR_COHESION_SLACK = 0.7
ESTABLISHED_STORY = 5
# Two articles whose word, name and date vectors have at least this cosine are copies of one
# text (a wire story under two mastheads, a trimmed reprint). Among ECB+ 1-35's neighbour
# pairs, none of the 88 pairs above 0.7 joins two events; 8 are above 0.9. A reprint with a
# paragraph cut and a credit line changed can fall just below 0.9 (0.897 in our demo corpus);
# held to its original's cohesion, it kept the next day's reports of the event apart. From
# 0.7 to 0.85 ECB+ scores alike (0.945 without embeddings, 0.943 at 0.9).
COPY_COSINE = 0.8
DATE_WINDOW_DAYS = 14  # published dates this close are the same news cycle ...
# ... beyond it a link halves every month. A slower decay scores higher on ECB+ (no decay:
# F1 0.938 vs 0.925), because ECB+ counts a sentencing two years on as the same event; but
# then two rounds of talks between the same ministers months apart merge, which is the
# mistake that matters more for comparing facts.
DATE_HALF_LIFE_DAYS = 30.0
# A follow-up is the exception: when at least this share of the later group's reports name a
# month of the earlier group's dates (not one of their own), they date themselves by that
# event (charges, a trial, a sentence, a repair weeks after an outage) and the gap does not
# weaken the link. Two rounds of talks months apart do not name each other's dates, and stay
# apart. On ECB+ 1-35: F1 0.925 -> 0.937 (odd topics 0.921 -> 0.930, even 0.929 -> 0.944);
# any single mention (share 0) scores alike, a third or more loses half the gain; naming the
# earlier day (not just the month) gains 0.005 less.
FOLLOW_UP_SHARE = 0.25
# Two events of one kind (two players of one team arrested for drink-driving weeks apart, two
# stars entering rehab) share most of their words; who they are about tells them apart. When
# each of two groups has a person at its centre (named in the headline or lead of at least
# CENTRE_SHARE of its reports, and of at least CENTRE_MIN) whom the other group's leads hardly
# name (at most CENTRE_ABSENT of them), they are about different people and do not merge. A
# report that follows up an event names its central person up front, so follow-ups pass. On
# ECB+ 1-35: F1 0.936 -> 0.943 without embeddings (the same from a minimum of 2 or 3, shares
# 0.5-0.7 and absences 0.1-0.2); unchanged with them, which already split that topic. Counting
# organisations too (two clubs' offers to one player) splits single events: their leads name
# different sides of one deal.
CENTRE_MIN = 3
CENTRE_SHARE = 0.6
CENTRE_ABSENT = 0.1

TOP_TERMS = 12  # distinctive terms per article used as blocking keys
TOP_ENTITIES = 10  # and entities
NEIGHBOURS = 20  # best candidates kept per article
MAX_POSTING = 300  # keys shared by more articles than this block nothing
MAX_GROUP_KEYS = 2000  # a group's summed vector keeps its heaviest keys only (bounded cost)
LEAD_LINES = 2  # the headline and lead say what the event is: counted twice

# The dense channel (only with embeddings), chosen on ECB+ topics 1-35 only. There, leads of
# one event have a median cosine of 0.72, of two same-kind events in one topic (two quakes in
# Iran, two Paris jewel heists) 0.48, of unrelated news 0.06; but the words, entities and dates
# already tell the same-kind events apart better (within a topic, ROC AUC 0.92 against 0.84),
# and adding the cosine helps little: with the follow-up rule above, F1 0.937 without it,
# 0.945 with these values (0.940-0.947 for weights 0.05-0.15 and floors 0.55-0.65; 0.938 at
# the floor of 0.7 chosen before that rule), down to 0.85 at a weight of 0.5. So the channel is
# light and, with its floor near the usual cosine of one event's leads, mostly a penalty for
# leads that differ; its greater use is candidates for reports that share few words.
# (Mean-pooled embeddings of the first ten paragraphs score alike, 0.944-0.948, at five times
# the encoding cost.)
EMBED_WEIGHT = 0.1  # weight of the cosine of two articles' headline-and-lead embeddings
EMBED_FLOOR = 0.6  # subtracted from the cosine before weighting
DENSE_NEIGHBOURS = 10  # nearest neighbours per article taken from the embedding index
ANN_EXPANSION_ADD = 64  # HNSW candidate list while building the index
ANN_EXPANSION_SEARCH = 32  # ... and while searching it

_WORD = re.compile(r"[a-z][a-z'-]*[a-z]|\d+(?:[.,:]\d+)*")
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_CALENDAR = re.compile(
    r"\b(january|february|march|april|june|july|august|september|october|november|december|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
)
_TITLE_LIMIT = 120


@dataclass(frozen=True, slots=True)
class Profile:
    """What one article contributes to story similarity."""

    article_id: str
    vector: dict[str, float]  # channels prefixed "t:", "e:", "d:"; squared length <= 1
    day: int | None  # proleptic ordinal of the published date
    # Unit-length embedding (float64), when one was given. Left out of ==: an array has no
    # single truth value, and the sparse vector already tells two articles' profiles apart.
    dense: np.ndarray | None = field(default=None, compare=False)
    # Surname keys of the people named in the headline and lead (see ``CENTRE_SHARE``)
    lead_people: frozenset[str] = frozenset()
    # Size keys of the sums of money the headline and lead state (``sizes.money_sizes``)
    lead_sums: frozenset[int] = frozenset()


# ---------------------------------------------------------------------------------------------
# Features


def tokenize(text: str) -> list[str]:
    """Lower-cased content words and numbers (stop words and two-letter words dropped)."""
    return [
        w
        for w in _WORD.findall(text.lower())
        if w not in STOP_WORDS and (len(w) > 2 or w[0].isdigit())
    ]


def lead(analysis: Analysis) -> str:
    """The headline and the first lines of substance."""
    lines = [ln for ln in analysis.article.text.split("\n") if len(ln.split()) > 5]
    return "\n".join([analysis.article.title or "", *lines[:LEAD_LINES]])


def lead_people(analysis: Analysis) -> frozenset[str]:
    """Surname keys of the people the headline and lead name (the mentions are found in the
    body; a name the lead repeats counts whichever of its mentions was tagged)."""
    text = lead(analysis)
    keys = set()
    for m in analysis.mentions:
        parts = m.text.split()
        if m.label == "PERSON" and parts and m.text in text:
            keys.add(name_key(parts[-1]))
    return frozenset(k for k in keys if len(k) > 1)


def lead_sums(analysis: Analysis) -> frozenset[int]:
    """Size keys of the sums of money the headline and lead state (the value mentions are
    found in the body, as for ``lead_people``)."""
    text = lead(analysis)
    return money_sizes(m.value for m in analysis.mentions if m.value and m.text in text)


def term_bag(analysis: Analysis) -> Counter[str]:
    bag = Counter(tokenize(analysis.article.text))
    bag.update(tokenize(lead(analysis)))
    return bag


def entity_keys(mentions: Iterable[Mention]) -> list[str]:
    """Keys of the named entities; a person also under the surname, as reports vary the
    first names and initials but rarely the surname."""
    keys = []
    for m in mentions:
        if m.label not in STORY_LABELS:
            continue
        keys.append(name_key(m.text))
        parts = m.text.split()
        if m.label == "PERSON" and len(parts) > 1:
            keys.append(name_key(parts[-1]))
    return [k for k in keys if len(k) > 1]


def time_keys(analysis: Analysis) -> list[str]:
    """Calendar evidence: years, months and weekdays named in the text, resolved dates of
    date mentions, and the published date (as year, month and day keys)."""
    text = analysis.article.text.lower()
    keys = _YEAR.findall(text) + _CALENDAR.findall(text)
    for m in analysis.mentions:
        low = m.value.low if m.value is not None and m.value.kind == "date" else None
        if isinstance(low, str) and len(low) >= 4:
            keys.extend(_date_keys(low, m.value.granularity if m.value else None))
    if analysis.article.published:
        keys.extend(_date_keys(analysis.article.published, "day") * 2)
    return keys


def _date_keys(iso: str, granularity: str | None) -> list[str]:
    keys = [f"y{iso[:4]}"]
    if granularity in ("day", "week", "month") and len(iso) >= 7:
        keys.append(f"m{iso[:7]}")
    if granularity == "day" and len(iso) >= 10:
        keys.append(f"d{iso[:10]}")
    return keys


def idf_table(bags: Iterable[Counter[str]], n_docs: int) -> dict[str, float]:
    """Smoothed inverse document frequency of every key in ``bags``."""
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    return {k: math.log((1 + n_docs) / (1 + d)) + 1.0 for k, d in df.items()}


def weigh(bag: Counter[str], idf: dict[str, float], prefix: str, weight: float) -> dict[str, float]:
    """Sublinear TF-IDF, L2-normalised, then scaled so its squared length is ``weight``."""
    vec = {k: (1.0 + math.log(c)) * idf.get(k, 1.0) for k, c in bag.items()}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    scale = math.sqrt(weight) / norm
    return {prefix + k: v * scale for k, v in vec.items()}


CHANNELS = (("t:", TERM_WEIGHT), ("e:", ENTITY_WEIGHT), ("d:", TIME_WEIGHT))


def channel_bags(analysis: Analysis) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """The article's keys in each channel of ``CHANNELS``, with their counts."""
    return term_bag(analysis), Counter(entity_keys(analysis.mentions)), Counter(time_keys(analysis))


def profiles(
    analyses: Sequence[Analysis],
    embeddings: Mapping[str, np.ndarray] | None = None,
    bags: Sequence[tuple[Counter[str], ...]] | None = None,
) -> list[Profile]:
    """Profiles of all articles, with IDF computed over this corpus; ``embeddings`` (article
    id -> vector) adds the dense channel to the articles it covers; ``bags``: their
    ``channel_bags`` if already computed."""
    bags = bags if bags is not None else [channel_bags(a) for a in analyses]
    vectors: list[dict[str, float]] = [{} for _ in analyses]
    for c, (prefix, weight) in enumerate(CHANNELS):
        idf = idf_table((b[c] for b in bags), len(analyses))
        for vec, bag in zip(vectors, bags, strict=True):
            vec.update(weigh(bag[c], idf, prefix, weight))
    embeddings = embeddings or {}
    result = [
        Profile(
            a.article.id,
            vec,
            day_of(a.article.published),
            unit(embeddings.get(a.article.id)),
            lead_people(a),
            lead_sums(a),
        )
        for a, vec in zip(analyses, vectors, strict=True)
    ]
    sizes = {p.dense.shape[0] for p in result if p.dense is not None}
    if len(sizes) > 1:  # vectors of two models cannot be compared: refuse rather than guess
        raise ValueError(f"embeddings of different sizes: {sorted(sizes)}")
    return result


def embeddings_of(analyses: Iterable[Analysis]) -> dict[str, np.ndarray]:
    """The stored sentence embeddings of the articles that have one (article id -> vector)."""
    from claimgraph.store.codec import unpack_vector

    return {a.article.id: unpack_vector(a.embedding) for a in analyses if a.embedding}


def unit(vector: np.ndarray | None) -> np.ndarray | None:
    """The vector at unit length, in float64 (group sums add many); None for a missing or zero
    vector (an empty text says nothing about an event)."""
    if vector is None:
        return None
    v = np.asarray(vector, dtype=np.float64).ravel()
    norm = float(np.linalg.norm(v))
    return v / norm if norm > 0 and math.isfinite(norm) else None


def day_of(published: str | None) -> int | None:
    try:
        return date.fromisoformat(published[:10]).toordinal() if published else None
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# Similarity


def dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b[k] for k, v in a.items() if k in b)


def dot_parts(a: dict[str, float], b: dict[str, float]) -> tuple[float, float]:
    """The dot product, and the part of it that comes from words and entities (not time)."""
    if len(a) > len(b):
        a, b = b, a
    total = content = 0.0
    for k, v in a.items():
        if k in b:
            x = v * b[k]
            total += x
            if k[0] != "d":  # "d:" keys are time; "t:" and "e:" are words and entities
                content += x
    return total, content


def date_factor(gap_days: int | None) -> float:
    """1 within a news cycle or when a date is unknown, then halving every half-life."""
    if gap_days is None or gap_days <= DATE_WINDOW_DAYS:
        return 1.0
    return float(0.5 ** ((gap_days - DATE_WINDOW_DAYS) / DATE_HALF_LIFE_DAYS))


def dense_part(a: np.ndarray | None, b: np.ndarray | None, pairs: int = 1) -> float:
    """The dense channel's summed contribution over ``pairs`` article pairs, from the sums of
    their unit vectors (for two single articles: the weighted cosine less the floor)."""
    if a is None or b is None:
        return 0.0
    return EMBED_WEIGHT * (float(a @ b) - EMBED_FLOOR * pairs)


def similarity(a: Profile, b: Profile) -> float:
    """How likely two articles report the same event: in [0, 1] without embeddings; the dense
    channel can take it a little below 0 (leads less alike than unrelated news)."""
    gap = abs(a.day - b.day) if a.day is not None and b.day is not None else None
    score = dot(a.vector, b.vector)
    if a.dense is not None and b.dense is not None:
        score += dense_part(a.dense, b.dense)
    return score * date_factor(gap)


# ---------------------------------------------------------------------------------------------
# Candidates


def blocking_keys(profile: Profile) -> list[str]:
    """The article's most distinctive terms and entities."""
    items = sorted(profile.vector.items(), key=lambda kv: (-kv[1], kv[0]))
    terms = [k for k, _ in items if k.startswith("t:")][:TOP_TERMS]
    ents = [k for k, _ in items if k.startswith("e:")][:TOP_ENTITIES]
    return terms + ents


def candidates(items: Sequence[Profile]) -> dict[int, set[int]]:
    """For each article, the later articles sharing a blocking key with it, or (with
    embeddings) among its nearest neighbours in the embedding space."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(items):
        for key in blocking_keys(p):
            postings[key].append(i)
    pairs: dict[int, set[int]] = defaultdict(set)
    for members in postings.values():
        if 2 <= len(members) <= MAX_POSTING:
            for x, i in enumerate(members):
                pairs[i].update(members[x + 1 :])
    for i, js in dense_neighbours(items).items():
        for j in js:
            pairs[min(i, j)].add(max(i, j))
    return pairs


def dense_neighbours(items: Sequence[Profile], k: int = DENSE_NEIGHBOURS) -> dict[int, set[int]]:
    """Each embedded article's ``k`` nearest other articles by cosine, from an approximate
    (HNSW) index: a report worded unlike the others of its story, sharing few distinctive
    words with them, still finds them, and the cost stays near-linear (no all-pairs matrix)."""
    embedded = [(i, p.dense) for i, p in enumerate(items) if p.dense is not None]
    if len(embedded) < 2:
        return {}
    try:
        from usearch.index import BatchMatches, Index
    except ImportError as exc:
        raise RuntimeError(
            'Story embeddings need usearch: pip install "claimgraph[embed]"'
        ) from exc
    indices = [i for i, _ in embedded]
    vectors = np.stack([v for _, v in embedded]).astype(np.float32)
    # Half usearch's default search effort: on 10k news embeddings it halves the build (1.7
    # CPU-s instead of 3.3) and still finds 99.9% of the exact 10 nearest neighbours.
    index = Index(
        ndim=vectors.shape[1],
        metric="ip",
        dtype="f32",
        expansion_add=ANN_EXPANSION_ADD,
        expansion_search=ANN_EXPANSION_SEARCH,
    )
    # One thread: the graph then depends only on the insertion order (article-id order), so
    # the same input gives the same candidates, and so the same stories.
    index.add(np.arange(len(indices)), vectors, threads=1)
    matches = index.search(vectors, min(k + 1, len(indices)), threads=1)
    assert isinstance(matches, BatchMatches)  # more than one query
    found: dict[int, set[int]] = {}
    for row, i in enumerate(indices):
        count = int(matches.counts[row])
        found[i] = {indices[int(x)] for x in matches.keys[row][:count] if int(x) != row}
    return found


def neighbour_graph(items: Sequence[Profile]) -> dict[int, set[int]]:
    """Each article's best ``NEIGHBOURS`` candidates (symmetric)."""
    scored: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for i, js in candidates(items).items():
        for j in js:
            s = similarity(items[i], items[j])
            if s > 0:
                scored[i].append((s, j))
                scored[j].append((s, i))
    graph: dict[int, set[int]] = defaultdict(set)
    for i, pairs in scored.items():
        for _, j in heapq.nlargest(NEIGHBOURS, pairs, key=lambda t: (t[0], -t[1])):
            graph[i].add(j)
            graph[j].add(i)
    return graph


# ---------------------------------------------------------------------------------------------
# Average-link clustering from group sums

_Key = TypeVar("_Key")

# Summed pair similarity: all channels; words, entities and embeddings (everything but time)
Sums = tuple[float, float]


@dataclass(slots=True)
class Group:
    """A growing story: its members, the sum of their vectors and its published-date range."""

    members: list[int]
    total: dict[str, float]
    self_dot: float  # summed similarity of all ordered member pairs, the diagonal included
    squares: float  # the diagonal alone: the members' own similarity with themselves
    first: int | None
    last: int | None
    version: int = 0
    dense: np.ndarray | None = None  # sum of the members' embeddings (None: no member has one)
    dense_count: int = 0  # members with an embedding
    # How many members name each month ("YYYY-MM": their published month or a date mention)
    months: Counter[str] = field(default_factory=Counter)
    # Ordered pairs of members that are copies of one text, and their summed similarity:
    # left out of the cohesion (see ``copy_units``).
    copy_pairs: int = 0
    copy_dot: float = 0.0
    copies: int = 0  # members that are copies of another member's text (beyond the first)
    # How many members name each person in their headline or lead (``Profile.lead_people``),
    # and each size of sum (``Profile.lead_sums``)
    lead_people: Counter[str] = field(default_factory=Counter)
    lead_sums: Counter[int] = field(default_factory=Counter)

    @classmethod
    def of(cls, index: int, profile: Profile) -> Group:
        sq = dot(profile.vector, profile.vector)
        months = Counter(k[3:] for k in profile.vector if k.startswith("d:m"))
        group = cls([index], dict(profile.vector), sq, sq, profile.day, profile.day)
        group.months, group.lead_people = months, Counter(profile.lead_people)
        group.lead_sums = Counter(profile.lead_sums)
        if profile.dense is not None:
            group.self_dot = group.squares = sq + dense_part(profile.dense, profile.dense)
            group.dense, group.dense_count = profile.dense.copy(), 1
        return group

    def cross(self, other: Group) -> Sums:
        """Summed similarity of all cross pairs (all channels; words, entities and the dense
        channel), before date weakening: the dot product of the two groups' totals."""
        total, content = dot_parts(self.total, other.total)
        if self.dense is not None and other.dense is not None:
            extra = dense_part(self.dense, other.dense, self.dense_count * other.dense_count)
            total += extra
            content += extra
        return total, content

    @property
    def voices(self) -> int:
        """How many distinct texts the group holds: copies of one text count once."""
        return len(self.members) - self.copies

    @property
    def cohesion(self) -> float:
        """Average similarity of two different members that are not copies of one text (0 for
        a single article or a set of copies: they pass no cohesion bar)."""
        n = len(self.members)
        pairs = n * (n - 1) - self.copy_pairs
        return (self.self_dot - self.squares - self.copy_dot) / pairs if pairs > 0 else 0.0

    def gap(self, other: Group) -> int | None:
        """Days between the two groups' published-date ranges (0 when they overlap)."""
        if self.first is None or other.first is None or self.last is None or other.last is None:
            return None
        return max(0, max(self.first, other.first) - min(self.last, other.last))

    def follows_up(self, earlier: Group) -> bool:
        """Whether at least ``FOLLOW_UP_SHARE`` of this group's members name a month of the
        ``earlier`` group's published dates that is not one of this group's own months."""
        if None in (self.first, self.last, earlier.first, earlier.last):
            return False
        assert self.first is not None and self.last is not None  # for mypy
        assert earlier.first is not None and earlier.last is not None
        theirs = _months(earlier.first, earlier.last) - _months(self.first, self.last)
        named = max((self.months[m] for m in theirs), default=0)
        return named > 0 and named >= FOLLOW_UP_SHARE * len(self.members)

    def central_people(self) -> list[str]:
        """The people named in the headline or lead of at least ``CENTRE_SHARE`` of the
        group's voices, and of at least ``CENTRE_MIN`` of them (copies of one text are one
        voice: a wire story in ten papers does not outvote three reporters)."""
        return self._central(self.lead_people)

    def central_sums(self) -> list[int]:
        """The sizes of sum stated in the headline or lead of as many voices."""
        return self._central(self.lead_sums)

    def _central(self, named: Counter[_Key]) -> list[_Key]:
        least = max(CENTRE_MIN, CENTRE_SHARE * self.voices)
        return [k for k, n in named.items() if n >= least]

    def centred_elsewhere(self, other: Group) -> bool:
        """Whether each group has at its centre a person, or a sum, that the other's leads
        hardly name: two players' arrests, a €2m raid and an €85m heist."""
        if min(self.voices, other.voices) < CENTRE_MIN:
            return False
        return _stranger_at_centre(self, other) and _stranger_at_centre(other, self)

    def averages(self, other: Group, sums: Sums) -> Sums:
        """Average similarity over all cross pairs, from the pairs' summed similarity (exact,
        since the similarity is a dot product), weakened by the gap between their dates
        unless the later group follows up the earlier one."""
        factor = date_factor(self.gap(other))
        if factor < 1.0:
            earlier, later = (
                (self, other) if (self.first or 0) <= (other.first or 0) else (other, self)
            )
            if later.follows_up(earlier):
                factor = 1.0
        scale = factor / (len(self.members) * len(other.members))
        return sums[0] * scale, sums[1] * scale

    def absorb(self, other: Group, cross: float) -> None:
        """Take in ``other``; ``cross`` is the summed similarity of their cross pairs."""
        self.members.extend(other.members)
        for k, v in other.total.items():
            self.total[k] = self.total.get(k, 0.0) + v
        if len(self.total) > MAX_GROUP_KEYS:
            top = heapq.nlargest(MAX_GROUP_KEYS, self.total.items(), key=lambda kv: (kv[1], kv[0]))
            self.total = dict(top)
        if other.dense is not None:
            self.dense = other.dense.copy() if self.dense is None else self.dense + other.dense
            self.dense_count += other.dense_count
        self.months.update(other.months)
        self.lead_people.update(other.lead_people)
        self.lead_sums.update(other.lead_sums)
        self.copy_pairs += other.copy_pairs
        self.copies += other.copies
        self.copy_dot += other.copy_dot
        self.self_dot += other.self_dot + 2 * cross
        self.squares += other.squares
        self.first = _merge_day(min, self.first, other.first)
        self.last = _merge_day(max, self.last, other.last)
        self.version += 1


def _stranger_at_centre(a: Group, b: Group) -> bool:
    most = CENTRE_ABSENT * b.voices
    return any(b.lead_people[k] <= most for k in a.central_people()) or any(
        b.lead_sums[k] <= most for k in a.central_sums()
    )


def _months(first: int, last: int) -> set[str]:
    """The months ("YYYY-MM") from one proleptic ordinal day to another."""
    start, end = date.fromordinal(first), date.fromordinal(last)
    year, month, out = start.year, start.month, set()
    while (year, month) <= (end.year, end.month):
        out.add(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _merge_day(pick: Callable[[int, int], int], a: int | None, b: int | None) -> int | None:
    if a is None or b is None:
        return a if b is None else b
    return pick(a, b)


def _pair_meets_story(a: Group, b: Group) -> bool:
    return min(a.voices, b.voices) == 2 and max(a.voices, b.voices) >= ESTABLISHED_STORY


def may_merge(a: Group, b: Group, average: float, content: float) -> bool:
    """Similar enough in what they say (dates alone never make a story: a day's news all
    shares its dates), not much looser than the looser group is inside (a little looser when
    one side is a pair of reports), and not about two different people or sums."""
    ratio = COHESION_RATIO * (PAIR_COHESION_SLACK if _pair_meets_story(a, b) else 1.0)
    return (
        content >= MERGE_THRESHOLD
        and average >= ratio * min(a.cohesion, b.cohesion)
        and not a.centred_elsewhere(b)
    )


class _Linkage:
    """Best-first average-link merging over the neighbour graph.

    ``links[i][k]`` holds the summed similarity of groups i and k. When j merges into i, the
    sums with a common neighbour just add up; only a neighbour of one side needs a fresh dot
    product with the merged group's vector. Heap entries carry both groups' versions, so an
    entry scored before either side changed is skipped.
    """

    def __init__(self, groups: dict[int, Group], pairs: Iterable[tuple[int, int]]) -> None:
        """Start from ``groups`` (single articles, or stories already formed) and the pairs
        of them worth scoring."""
        self.groups = groups
        self.links: dict[int, dict[int, Sums]] = {i: {} for i in groups}
        self.heap: list[tuple[float, int, int, int, int]] = []
        for i, j in sorted({(min(p), max(p)) for p in pairs if p[0] != p[1]}):
            self.link(i, j, groups[i].cross(groups[j]))

    def link(self, i: int, j: int, sums: Sums) -> None:
        """Record and queue a pair, unless it can never merge. The average of a merged group
        with a third is a weighted mean of its parts' averages, so a pair whose words and
        entities fall short of the threshold (before any date weakening) cannot reach it
        later either: dropping it loses no merge and keeps the bookkeeping near the stories
        that can form."""
        if sums[1] < MERGE_THRESHOLD * len(self.groups[i].members) * len(self.groups[j].members):
            return
        self.links[i][j] = self.links[j][i] = sums
        self.push(min(i, j), max(i, j))

    def push(self, i: int, j: int) -> None:
        a, b = self.groups[i], self.groups[j]
        average, content = a.averages(b, self.links[i][j])
        if may_merge(a, b, average, content):
            heapq.heappush(self.heap, (-average, i, j, a.version, b.version))

    def run(self) -> list[list[int]]:
        while self.heap:
            _, i, j, vi, vj = heapq.heappop(self.heap)
            a, b = self.groups.get(i), self.groups.get(j)
            if a is None or b is None or a.version != vi or b.version != vj:
                continue  # stale: one side changed since this pair was scored
            self.merge(i, j)
        return [sorted(g.members) for _, g in sorted(self.groups.items())]

    def merge(self, i: int, j: int) -> None:
        keep, gone = self.links.pop(i), self.links.pop(j)
        group = self.groups[i]
        group.absorb(self.groups.pop(j), keep[j][0])
        self.links[i] = {}
        for k in sorted((keep.keys() | gone.keys()) - {i, j}):
            self.links[k].pop(i, None)
            self.links[k].pop(j, None)
            if k in keep and k in gone:
                sums = (keep[k][0] + gone[k][0], keep[k][1] + gone[k][1])
            else:
                sums = group.cross(self.groups[k])
            self.link(i, k, sums)


def copy_units(items: Sequence[Profile], graph: dict[int, set[int]]) -> list[list[int]]:
    """The articles joined by copy links among the neighbour pairs (connected components),
    each sorted; an article with no copy is a unit of its own. Two articles are copies of one
    text when the cosine of their word, name and date vectors reaches ``COPY_COSINE``."""
    parent = list(range(len(items)))
    # Each article's vector length, once: every article is in many neighbour pairs.
    length = [math.sqrt(dot(p.vector, p.vector)) for p in items]

    def is_copy(i: int, j: int) -> bool:
        scale = length[i] * length[j]
        return scale > 0 and dot(items[i].vector, items[j].vector) >= COPY_COSINE * scale

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, js in sorted(graph.items()):
        for j in sorted(js):
            if i < j and is_copy(i, j):
                a, b = root(i), root(j)
                parent[max(a, b)] = min(a, b)
    units: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        units[root(i)].append(i)
    return [units[r] for r in sorted(units)]


def _unit_group(items: Sequence[Profile], unit: list[int]) -> Group:
    """One group of copies whose pairs are all marked as copy pairs."""
    group = Group.of(unit[0], items[unit[0]])
    for i in unit[1:]:
        single = Group.of(i, items[i])
        group.absorb(single, group.cross(single)[0])
    n = len(unit)
    group.copy_pairs, group.copy_dot = n * (n - 1), group.self_dot - group.squares
    # One text speaks once: its copies do not vote again on who or what is at the centre.
    group.copies = n - 1
    group.lead_people = Counter(set().union(*(items[i].lead_people for i in unit)))
    group.lead_sums = Counter(set().union(*(items[i].lead_sums for i in unit)))
    return group


def average_link(items: Sequence[Profile], graph: dict[int, set[int]]) -> list[list[int]]:
    """Merge groups best-first while ``may_merge`` allows; returns member index lists.

    Copies of one text start as one group (``copy_units``), so that a wire story printed by
    three outlets is not held to the near-perfect cohesion of its copies when the other
    reports of its event would join it."""
    groups = {unit[0]: _unit_group(items, unit) for unit in copy_units(items, graph)}
    head = {i: unit_head for unit_head, g in groups.items() for i in g.members}
    pairs = ((head[i], head[j]) for i, js in graph.items() for j in js)
    return _Linkage(groups, pairs).run()


# ---------------------------------------------------------------------------------------------
# Stories


def cluster_stories(
    analyses: Sequence[Analysis],
    embeddings: Mapping[str, np.ndarray] | None = None,
    items: Sequence[Profile] | None = None,
) -> list[Story]:
    """Group articles into stories; every article is in exactly one story.

    ``embeddings`` maps article ids to sentence embeddings of their headline and lead
    (``claimgraph.extract.embedding``); articles without one are scored on the sparse channels
    alone. ``items``: the articles' ``profiles`` in ``story_order``, when the caller has them
    already (a one-pass derivation builds the corpus index from them too)."""
    ordered = story_order(analyses)
    if items is None:
        items = profiles(ordered, embeddings)
    elif [p.article_id for p in items] != [a.article.id for a in ordered]:
        raise ValueError("the profiles given are not those of the analyses, in story order")
    clusters = average_link(items, neighbour_graph(items))
    stories = [_story(ordered, items, members) for members in clusters]
    return sorted(stories, key=lambda s: s.article_ids[0])


def story_order(analyses: Iterable[Analysis]) -> list[Analysis]:
    """The analyses as the story stages take them: one per article, by article id."""
    return sorted({a.article.id: a for a in analyses}.values(), key=lambda a: a.article.id)


def _story(ordered: Sequence[Analysis], items: Sequence[Profile], members: list[int]) -> Story:
    ids = tuple(ordered[i].article.id for i in members)  # members are sorted, so ids are too
    dates = sorted(p[:10] for i in members if (p := ordered[i].article.published))
    return Story(
        id=content_id("s", *ids),
        title=headline(ordered[most_central(items, members)]),
        article_ids=ids,
        first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
    )


def most_central(items: Sequence[Profile], members: list[int]) -> int:
    """The member closest to the story's summed vector (ties: the smallest id)."""
    if len(members) == 1:
        return members[0]
    total: dict[str, float] = defaultdict(float)
    dense: np.ndarray | None = None
    for i in members:
        for k, v in items[i].vector.items():
            total[k] += v
        if (d := items[i].dense) is not None:
            dense = d.copy() if dense is None else dense + d

    def closeness(i: int) -> float:
        return dot(items[i].vector, total) + dense_part(items[i].dense, dense)

    return max(members, key=lambda i: (closeness(i), -i))


def headline(analysis: Analysis) -> str:
    """The article's title, or else its first sentence, cut to 120 characters."""
    text = (analysis.article.title or "").strip()
    if not text:
        body = analysis.article.text.strip()
        text = re.split(r"(?<=[.!?])\s+|\n", body, maxsplit=1)[0] if body else ""
    text = " ".join(text.split())
    if len(text) <= _TITLE_LIMIT:
        return text
    return text[: _TITLE_LIMIT - 1].rsplit(" ", 1)[0] + "…"

"""Alignment: claims about the same property of the same subject become one fact.

Within a story, claims of one value kind are clustered greedily, most similar pairs first, and
two clusters merge only when *every* cross pair may share a fact:
- compatible values (``compare.compatible``) need the same property words, or a specific value
  (money, a count of ten or more) stated identically;
- incompatible values need much more — the same measured thing, near-identical property words,
  values close enough to be two readings of one figure, from different reports — otherwise they
  are two facts, not a conflict ("84 aircraft will be upgraded" vs "260 jets in service").
Text claims (what a party claims or denies) merge on their statement words.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from claimgraph.corpus.compare import compatible, relative_gap
from claimgraph.extract.lexicon import word_class
from claimgraph.extract.numbers import is_vague
from claimgraph.model import Claim

AGREE_SIMILARITY = 0.34
CONFLICT_SIMILARITY = 0.5
CONFLICT_HEAD_SIMILARITY = 0.4
# Two readings of one figure differ by up to this share of the larger (120,000 vs 200,000
# residents); beyond it they are two figures (84 aircraft upgraded vs 260 jets in service).
CONFLICT_MAX_GAP = 0.4
CLOSE_MONEY_GAP = 0.15
TEXT_CONTAINMENT = 0.5
EVENT_SIMILARITY = 0.25
# A match key held by more claims than this no longer pairs them all with all: each claim is
# paired with the next ``CHAIN_WINDOW`` claims that hold it. Agreement chains (A~B, B~C puts A
# with C), so a figure a thousand reports repeat still becomes one fact, while the cost stays
# linear. All with all, a storyline costs the square of its claims, and one that keeps growing
# (an undated page reprinted day after day) makes every update that touches it slower than the
# last (benchmarks/profile_update.py, an update at 50k articles: a 60-report storyline of
# 21,000 claims took 74 s and 1.8 GB; with keys that long pairing nothing, 21 s and 0.1 GB).
MAX_CLAIM_POSTING = 300
CHAIN_WINDOW = 4


@dataclass(frozen=True, slots=True)
class PairVerdict:
    may_merge: bool
    score: float
    agree: bool = True  # the two values are compatible
    forbidden: bool = False  # never in one fact (different things, or one report's two figures)


FORBIDDEN = PairVerdict(False, 0.0, agree=False, forbidden=True)


def similarity(a: Claim, b: Claim) -> float:
    """Jaccard overlap of the two claims' property words."""
    sa, sb = set(a.context), set(b.context)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)


def judge_pair(a: Claim, b: Claim) -> PairVerdict:
    """May these two claims state the same fact, and how strongly do they look alike?"""
    if a.value.kind != b.value.kind:
        return FORBIDDEN
    if a.subject and b.subject and a.subject != b.subject:
        return FORBIDDEN
    sim = similarity(a, b)
    if a.value.kind == "text":
        return _judge_text(a, b, sim)
    verdict = compatible(a.value, b.value)
    if verdict is None:
        return FORBIDDEN
    if verdict:
        return PairVerdict(_agree(a, b, sim), sim + 0.5 * _same_value(a, b))
    if a.article_id == b.article_id and not _relayed_disagreement(a, b):
        return FORBIDDEN  # one report giving two figures is giving two facts
    return PairVerdict(_conflict(a, b, sim), sim, agree=False)


def _relayed_disagreement(a: Claim, b: Claim) -> bool:
    """ "The national centre put it at 5.9, but the USGS said 6.1": one report relaying two
    sources' figures for one thing, in one sentence, each in its speaker's name."""
    return (
        a.sentence == b.sentence
        and a.speaker is not None
        and b.speaker is not None
        and a.speaker != b.speaker
        and _same_head(a, b)
    )


def _judge_text(a: Claim, b: Claim, sim: float) -> PairVerdict:
    """Event sentences match on shared verb>object pairs; contested ones on statement words."""
    if (a.property == "event") != (b.property == "event"):
        return PairVerdict(False, 0.0)
    if a.property == "event":
        # One shared verb>object pair ("play>role") is chance; two, or all of them, say the
        # same thing happened.
        shared = len(set(a.context) & set(b.context))
        ok = a.article_id != b.article_id and (
            (shared >= 2 and sim >= EVENT_SIMILARITY) or sim == 1
        )
        return PairVerdict(ok, sim)
    # A denial borrows the words of the claims it answers, so it holds more words than any
    # one claim: measure how much of the smaller statement the other contains.
    common = set(a.context) & set(b.context)
    containment = len(common) / min(len(a.context), len(b.context)) if common else 0.0
    return PairVerdict(len(common) >= 2 and containment >= TEXT_CONTAINMENT, containment)


def _agree(a: Claim, b: Claim, sim: float) -> bool:
    if _other_heads(a, b) and _small(a):
        # "two boats" and "two rifles": a small count recurs everywhere in a story; with
        # different counted nouns, shared words are not enough.
        return False
    if sim >= AGREE_SIMILARITY:
        return True
    if a.article_id == b.article_id or not _same_value(a, b):
        return False
    # The same figure for the same measured thing ("five squadrons", "five units"), or a figure
    # too specific to recur by chance ("₹60,000 crore") in both reports, is one fact stated
    # twice; "Thursday" and "this week" share a first day, not a fact.
    return (_specific(a) and _specific(b)) or _same_head(a, b)


def _conflict(a: Claim, b: Claim, sim: float) -> bool:
    """Different figures are one fact only when clearly about the same thing."""
    if a.article_id == b.article_id and not _relayed_disagreement(a, b):
        return False
    shared = len(set(a.context) & set(b.context))
    about_same = (_same_head(a, b) and (sim >= CONFLICT_HEAD_SIMILARITY or shared >= 2)) or (
        sim >= CONFLICT_SIMILARITY and shared >= 2
    )
    if not about_same and not _unplaced_close_money(a, b):
        return False
    if a.value.kind == "date":
        # Dates are everywhere in a report (datelines, "last updated", weekdays); two differing
        # ones are one fact only when at least two describing words say so.
        return shared >= 2
    if a.value.kind == "percent" and shared < 2:
        # A share names its population ("62 percent of respondents"), rarely the question:
        # two polls of one crowd share the population noun and nothing else.
        return False
    return relative_gap(a.value, b.value) <= CONFLICT_MAX_GAP


def _unplaced_close_money(a: Claim, b: Claim) -> bool:
    """Two close sums in one currency, where the parse could not say what one of them measures,
    are read as two reports of one figure ("$2.37 billion" vs "$2.6 billion" for one contract).
    """
    if a.value.kind != "money" or (a.property and b.property and not _same_head(a, b)):
        return False
    if a.property and b.property and a.context and b.context:
        return False
    return relative_gap(a.value, b.value) <= CLOSE_MONEY_GAP


SMALL_COUNT = 10


def _small(c: Claim) -> bool:
    v = c.value.value
    return c.value.kind == "count" and isinstance(v, int | float) and abs(v) < SMALL_COUNT


def _other_heads(a: Claim, b: Claim) -> bool:
    return bool(a.property and b.property) and not _same_head(a, b)


def _same_head(a: Claim, b: Claim) -> bool:
    if not a.property or not b.property:
        return False
    return word_class(a.property) == word_class(b.property)


def _same_value(a: Claim, b: Claim) -> bool:
    return a.value.value == b.value.value and a.value.unit == b.value.unit


def _specific(c: Claim) -> bool:
    """A value unlikely to recur by chance: a sum of money, a count of twenty or more, a day,
    a share that is not a round number. A dozen is not: one report counts 12 detainees,
    12 magazines and 12 ships held elsewhere (measured on ECB+ dev: ten glued such counts
    into one "corroborated" fact that then blocked a real conflict)."""
    v = c.value
    if v.kind == "money":
        return True
    if v.kind == "date":
        return v.granularity == "day"
    if v.kind in ("count", "quantity") and isinstance(v.value, int | float):
        return abs(v.value) >= 20
    if v.kind == "percent" and isinstance(v.value, int | float):
        # A share like 68% or 83.3% recurs by chance far less than a round 50% or 60%.
        return v.value % 5 != 0
    return False


def align(claims: Sequence[Claim], settled: Sequence[Sequence[str]] = ()) -> list[list[Claim]]:
    """Group one storyline's claims into facts (lists of claims), deterministically.

    Claims are first split into blocks that could ever share a fact (same kind; same currency),
    and only pairs that share a property word, a head or a value are judged: cost grows with
    the matches, not with the square of the storyline.

    ``settled``: groups of claim ids aligned before (an incremental update's stored alignment
    of a storyline that keeps growing). Each starts as one cluster and no pair of settled claims
    is judged again: the other claims join those groups, or form their own, by the same rules,
    so the cost follows the claims that are new, not the whole storyline.
    """
    group_of = {cid: g for g, ids in enumerate(settled) for cid in ids}
    blocks: dict[tuple[str, str, bool], list[Claim]] = defaultdict(list)
    for c in claims:
        blocks[_block_key(c)].append(c)
    facts: list[list[Claim]] = []
    for key in sorted(blocks):
        ordered = sorted(blocks[key], key=lambda c: c.id)
        facts.extend(_align_block(ordered, [group_of.get(c.id) for c in ordered]))
    return sorted(facts, key=lambda group: group[0].id)


def _block_key(c: Claim) -> tuple[str, str, bool]:
    # An order of magnitude ("tens of thousands") is compatible with every figure inside it:
    # aligned with figures, it would glue 20,000 and 50,000 into one "corroborated" fact.
    # Vague amounts align with each other only.
    vague = is_vague(c.value)
    if c.value.kind == "money":
        return ("money", c.value.unit or "", vague)
    if c.value.kind == "text":
        return ("text", "event" if c.property == "event" else "contested", False)
    return (c.value.kind, "", vague)


def _candidate_pairs(
    ordered: Sequence[Claim], judged: Sequence[bool] | None = None
) -> set[tuple[int, int]]:
    """Pairs that could pass ``judge_pair``: they share a property word, a value with a head
    or a value too specific for chance, or (a sum nobody could place) a close amount.

    Every key is selective on its own; a key as broad as "any sum of money" or "the same
    head noun" would pair a storyline's claims all with all, and so would any key once very
    many claims hold it: those pair each claim with its next few (``MAX_CLAIM_POSTING``).

    ``judged``: claims whose pairs with each other were judged before (settled): such pairs
    are left out, and a key only they hold is not walked at all.
    """
    judged = judged or [False] * len(ordered)
    postings: dict[str, list[int]] = defaultdict(list)
    walked: set[str] = set()  # keys some claim not judged yet holds
    sums: dict[int, list[int]] = defaultdict(list)  # money bucket -> claims, for probes only
    probes: list[tuple[int, int]] = []
    for i, c in enumerate(ordered):
        keys = _match_keys(c)
        for key in keys:
            postings[key].append(i)
        if not judged[i]:
            walked.update(keys)
        bucket = _money_bucket(c)
        if bucket is not None:
            sums[bucket].append(i)
            if not (c.property and c.context):
                # A sum whose parse says nothing of what it measures looks for close sums,
                # in the neighbouring buckets too (``_unplaced_close_money``).
                probes.extend((i, bucket + d) for d in (-1, 0, 1))
    pairs: set[tuple[int, int]] = set()
    for key in walked:
        members = postings[key]  # in claim order
        window = CHAIN_WINDOW if len(members) > MAX_CLAIM_POSTING else len(members)
        # Each claim not judged yet with the claims within the window after it, and with the
        # settled ones within the window before it: the pairs of two settled claims are
        # neither wanted nor walked.
        for x, i in enumerate(members):
            if judged[i]:
                continue
            pairs.update((i, j) for j in members[x + 1 : x + 1 + window])
            pairs.update((j, i) for j in members[max(0, x - window) : x] if judged[j])
    for i, bucket in probes:
        for j in sums.get(bucket, ()):
            if i != j and not (judged[i] and judged[j]):
                pairs.add((min(i, j), max(i, j)))
    return pairs


def _match_keys(c: Claim) -> set[str]:
    keys = {f"w:{w}" for w in c.context}
    value = f"{c.value.value}|{c.value.unit or ''}"
    if c.property:
        keys.add(f"vh:{value}|{word_class(c.property)}")
    if _specific(c):
        keys.add(f"v:{value}")
    return keys


def _money_bucket(c: Claim) -> int | None:
    """Log-scale buckets so wide that sums within CLOSE_MONEY_GAP of each other (a ratio of at
    most 1 / (1 - gap)) fall in the same or neighbouring buckets."""
    v = c.value.value
    if c.value.kind != "money" or not isinstance(v, int | float) or v <= 0:
        return None
    return math.floor(math.log(v) / -math.log1p(-CLOSE_MONEY_GAP))


def _judged_by(claim: Claim) -> tuple[object, ...]:
    """Everything of a claim that ``judge_pair`` reads, besides which article it is in."""
    return (claim.value, claim.subject, claim.property, claim.context)


def _align_block(
    ordered: Sequence[Claim], settled: Sequence[int | None] | None = None
) -> list[list[Claim]]:
    # Wire copies repeat the same claims word for word. Two claims from different reports are
    # judged by their shapes alone (``_judged_by``), so each distinct pair of shapes is judged
    # once, and a cluster keeps its members by shape: a merge looks at pairs of shapes, not
    # at every pair of claims (a settled fact a hundred copies repeat meets a new claim once).
    # Two claims of one report are judged one by one: their sentences and speakers count too.
    shape_ids: dict[tuple[object, ...], int] = {}
    shape = [shape_ids.setdefault(_judged_by(c), len(shape_ids)) for c in ordered]
    article = [c.article_id for c in ordered]
    across: dict[tuple[int, int], PairVerdict] = {}
    within: dict[tuple[int, int], PairVerdict] = {}

    def verdict(i: int, j: int) -> PairVerdict:
        if j < i:
            i, j = j, i
        if article[i] == article[j]:
            memo, key = within, (i, j)
        else:
            memo, key = across, (min(shape[i], shape[j]), max(shape[i], shape[j]))
        found = memo.get(key)
        if found is None:
            found = memo[key] = judge_pair(ordered[i], ordered[j])
        return found

    settled = settled or [None] * len(ordered)
    # Two settled claims were judged when their groups formed: only pairs with a claim that is
    # not settled yet are judged now.
    pairs = _candidate_pairs(ordered, [group is not None for group in settled])
    scored = [(-v.score, p) for p in pairs if (v := verdict(*p)).may_merge]
    candidates = [p for _, p in sorted(scored)]
    figure = [(c.value.value, c.value.unit) for c in ordered]
    cluster_of, members = _start_clusters(settled)
    shapes = {head: _by_shape(group, shape) for head, group in members.items()}
    # Two clusters that failed to merge fail again until one of them grows: remember that.
    size_seen: dict[tuple[int, int], tuple[int, int]] = {}
    # Two clusters holding a forbidden pair never merge, however they grow (members never
    # leave a cluster): remember that for good, and for the clusters they become.
    apart: dict[int, set[int]] = {}
    for i, j in candidates:
        ci, cj = cluster_of[i], cluster_of[j]
        sizes = (len(members[ci]), len(members[cj])) if ci != cj else (0, 0)
        if ci == cj or cj in apart.get(ci, ()) or size_seen.get((ci, cj)) == sizes:
            continue
        merge = _all_pairs_merge(shapes[ci], shapes[cj], verdict, article, figure)
        if merge is None:
            apart.setdefault(ci, set()).add(cj)
            apart.setdefault(cj, set()).add(ci)
        if not merge:
            size_seen[(ci, cj)] = size_seen[(cj, ci)] = sizes
            continue
        for k in members[cj]:
            cluster_of[k] = ci
        members[ci].extend(members.pop(cj))
        for s, ids in shapes.pop(cj).items():
            shapes[ci].setdefault(s, []).extend(ids)
        for other in apart.pop(cj, set()):
            apart[other].discard(cj)
            apart[other].add(ci)
            apart.setdefault(ci, set()).add(other)
    return [[ordered[k] for k in sorted(group)] for _, group in sorted(members.items())]


def _by_shape(group: Sequence[int], shape: Sequence[int]) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    for k in group:
        found.setdefault(shape[k], []).append(k)
    return found


def _start_clusters(settled: Sequence[int | None]) -> tuple[list[int], dict[int, list[int]]]:
    """Each claim's cluster (named by its first member) and each cluster's members: a settled
    group is one cluster, every other claim one of its own."""
    cluster_of = list(range(len(settled)))
    first: dict[int, int] = {}
    members: dict[int, list[int]] = {}
    for i, group in enumerate(settled):
        head = i if group is None else first.setdefault(group, i)
        cluster_of[i] = head
        members.setdefault(head, []).append(i)
    return cluster_of, members


def _all_pairs_merge(
    left: Mapping[int, list[int]],
    right: Mapping[int, list[int]],
    verdict: Callable[[int, int], PairVerdict],
    article: Sequence[str],
    figure: Sequence[tuple[object, object]],
) -> bool | None:
    """Agreement may chain (A~B, B~C puts A with C); disagreement needs direct evidence.

    ``left`` and ``right``: two clusters' members, by shape. No cross pair may be forbidden
    (else None: never), and every pair of disagreeing values must come from two reports with
    at least one directly matched conflicting pair (so a report's headline and body repeating
    a figure both join the conflict their body sentence was matched on): True when they may
    merge, False when not (yet).
    """
    matched: list[_Disagreement] = []
    unmatched: list[_Disagreement] = []
    one_report = _reports_of(left, article) & _reports_of(right, article)
    for lefts in left.values():
        for rights in right.values():
            pair = _across_reports(lefts, rights, article)
            if pair is not None:  # every cross pair from two reports has this verdict
                v = verdict(*pair)
                if v.forbidden:
                    return None
                if not v.agree:
                    (matched if v.may_merge else unmatched).append((lefts, rights, False))
            for i, j in _within_reports(lefts, rights, article, one_report):
                v = verdict(i, j)
                if v.forbidden:
                    return None
                if not v.agree:
                    (matched if v.may_merge else unmatched).append(([i], [j], True))
    if not unmatched:
        return True
    # A pair matched directly is its own evidence; the others need a matched pair of their
    # two reports, or of one's figure with the other's report. Indexed only now: most merges
    # have nothing left to cover, and indexing a fact a thousand copies repeat, at every
    # attempt to merge a new claim into it, cost more than the rest of the merge.
    evidence = _Evidence(article, figure)
    for found in matched:
        evidence.add(found)
    return all(evidence.covers(d) for d in unmatched)


# Two lists of claims of one shape each, and whether their pairs from one report (True) or
# from two (False) are meant: a disagreement holds for each such pair.
_Disagreement = tuple[Sequence[int], Sequence[int], bool]


class _Evidence:
    """The directly matched conflicting pairs of a merge, as the three things a disagreeing
    pair may be backed by: a matched pair of the same two reports; of its left figure with its
    right report; or of its left report with its right figure ("three weeks" matched against
    "four weeks" backs a third report's "three weeks" against "four weeks" too). Kept per
    shape, not per pair of claims: a fact a hundred copies repeat is a hundred claims."""

    def __init__(self, article: Sequence[str], figure: Sequence[tuple[object, object]]) -> None:
        self.article, self.figure = article, figure
        self.figure_report: set[tuple[tuple[object, object], str]] = set()
        self.report_figure: set[tuple[str, tuple[object, object]]] = set()
        self.partners: dict[str, list[set[str]]] = defaultdict(list)  # report -> others matched
        self.one_report: set[str] = set()  # reports matched against themselves

    def add(self, found: _Disagreement) -> None:
        lefts, rights, within = found
        article, figure = self.article, self.figure
        mine, yours = figure[lefts[0]], figure[rights[0]]  # one shape: one figure
        if within:  # one pair, from one report
            report = article[lefts[0]]
            self.figure_report.add((mine, report))
            self.report_figure.add((report, yours))
            self.one_report.add(report)
            return
        ours, theirs = {article[i] for i in lefts}, {article[j] for j in rights}
        # Each report on one side, with the other side's figure, unless every claim on the
        # other side is in that same report (such a pair is not across two reports).
        self.figure_report.update((mine, b) for b in theirs if len(ours) > 1 or b not in ours)
        self.report_figure.update((a, yours) for a in ours if len(theirs) > 1 or a not in theirs)
        for a in ours:
            self.partners[a].append(theirs)
        for b in theirs:
            self.partners[b].append(ours)

    def covers(self, found: _Disagreement) -> bool:
        lefts, rights, within = found
        article, figure = self.article, self.figure
        mine, yours = figure[lefts[0]], figure[rights[0]]
        for j in rights:
            b = article[j]
            if (mine, b) in self.figure_report:
                continue
            for i in lefts:
                a = article[i]
                if (a == b) != within or (a, yours) in self.report_figure:
                    continue
                if a == b:
                    if a not in self.one_report:
                        return False
                elif not any(b in others for others in self.partners.get(a, ())):
                    return False
        return True


def _reports_of(cluster: Mapping[int, list[int]], article: Sequence[str]) -> set[str]:
    return {article[k] for ids in cluster.values() for k in ids}


def _within_reports(
    lefts: Sequence[int], rights: Sequence[int], article: Sequence[str], reports: set[str]
) -> Iterator[tuple[int, int]]:
    """The cross pairs of two claims from one report (``reports``: those both sides cite)."""
    if not reports:
        return
    for i in lefts:
        if article[i] in reports:
            yield from ((i, j) for j in rights if article[j] == article[i])


def _across_reports(
    lefts: Sequence[int], rights: Sequence[int], article: Sequence[str]
) -> tuple[int, int] | None:
    """A pair of one claim from each list, from two different reports (None: there is none)."""
    i = lefts[0]
    for j in rights:
        if article[j] != article[i]:
            return i, j
    j = rights[0]  # every claim on the right is in the report of ``i``
    for i in lefts:
        if article[i] != article[j]:
            return i, j
    return None

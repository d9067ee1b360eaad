"""A fact's status, from its claims and the independence of their origins.

The order matters: a party's claim that another party denies is ``disputed`` whatever else is
said; otherwise incompatible values from different reports are ``conflicting``; otherwise two or
more independent origins make it ``corroborated``; otherwise it is ``single_source``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from claimgraph.corpus.compare import compatible
from claimgraph.corpus.copies import copy_keys
from claimgraph.model import Claim, Status, Value


def independent_sources(claims: Sequence[Claim], origins: Mapping[str, str]) -> int:
    """How many origins (not articles) state the fact: wire copies count once, and so do
    reports that state it in copied wording (``copies.py``), whatever else they say."""
    if len({origins.get(c.article_id, c.article_id) for c in claims}) < 2:
        # Copied wording only ever joins origins: with one (most groups are a single
        # claim) there is nothing to join, and reading every wording was most of the cost.
        return 1 if claims else 0
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    def origin(c: Claim) -> str:
        return "o:" + origins.get(c.article_id, c.article_id)

    for c in claims:
        for key in copy_keys(c):
            a, b = find(origin(c)), find(key)
            parent[max(a, b)] = min(a, b)
    return len({find(origin(c)) for c in claims})


def is_disputed(claims: Sequence[Claim]) -> bool:
    denials = [c for c in claims if c.stance == "denies"]
    others = [c for c in claims if c.stance != "denies"]
    if not denials or not others:
        return False
    # A party does not dispute itself: the denier must differ from someone who states it.
    return any(d.speaker != o.speaker or d.speaker is None for d in denials for o in others)


def has_conflict(claims: Sequence[Claim]) -> bool:
    """Whether two reports give incompatible values. Compared per distinct value, not per
    pair of claims: a fact a thousand copies repeat holds a handful of values, and pairing
    its claims all with all made every update of a growing storyline slower than the last."""
    reports: dict[Value, set[str]] = defaultdict(set)
    for c in claims:
        reports[c.value].add(c.article_id)
    values = list(reports)
    for i, a in enumerate(values):
        for b in values[i:]:
            if compatible(a, b) is False and _two_reports(reports[a], reports[b]):
                return True
    return False


def _two_reports(left: set[str], right: set[str]) -> bool:
    """Whether some claim of ``left``'s reports and one of ``right``'s are in two reports."""
    return len(left) > 1 or len(right) > 1 or left != right


def status_of(
    claims: Sequence[Claim], origins: Mapping[str, str], sources: int | None = None
) -> Status:
    """``sources``: ``independent_sources(claims, origins)`` when the caller has it already
    (reading every claim's wording for copied runs is most of a fact's cost)."""
    if is_disputed(claims):
        return "disputed"
    if has_conflict(claims):
        return "conflicting"
    if (independent_sources(claims, origins) if sources is None else sources) >= 2:
        return "corroborated"
    return "single_source"


def attributed_only(claims: Sequence[Claim]) -> bool:
    """True when every report gives it only as someone else's claim."""
    return all(c.attributed for c in claims)

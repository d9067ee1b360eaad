"""The corpus index: what the corpus stages keep between runs so new articles can join.

A full run derives stories, origins and storylines from every stored article; this index
records, keyed so that a handful of new articles only ever reads the few entries they touch:

* ``df``: how many articles hold each story key (``t:``, ``e:``, ``d:``) or content word
  (``w:``), and ``#n``, the number of articles, for IDF weights;
* ``post``: story blocking key -> article ids; ``story``: article id -> story id;
* ``group``: story id -> its members, title, and summed vector and embedding as an update
  scores new articles against them (the word and entity keys as hashes, ``pairdots``);
* ``okey``: origin blocking key (LSH band, long sentence, agency with a rare word) -> ids;
  ``origin``: article id -> origin id; ``omembers``: origin id -> article ids;
* ``line``: story id -> storyline id; ``lmembers``: storyline id -> story ids;
* ``ent``: entity key -> the spellings, kinds and articles seen;
* ``aligned``: storyline id -> its claims' fact groups (claim ids), for storylines so large
  that an update aligns only their new claims (``incremental.SETTLE_CLAIMS``).

Values are JSON. Postings are capped (``capped``): a key shared by very many articles
blocks nothing, in the full run as here, and is marked as such instead of growing forever;
an origin's LSH band keeps a sample instead, as the full run's LSH never stops at a size.
"""

from __future__ import annotations

import base64
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from claimgraph.corpus.pairdots import hashed_vector
from claimgraph.corpus.stories import MAX_POSTING, Group
from claimgraph.store.base import IndexChanges, Store
from claimgraph.store.codec import dumps

FULL = "*"  # a posting list that reached the cap: the key no longer blocks


class IndexWriter:
    """Collects index changes for one transaction, reading through to the store for keys it
    has not changed yet (so several steps of one update see each other's writes)."""

    def __init__(self, store: Store | None) -> None:
        self.store = store
        self.changes: dict[str, dict[str, str | None]] = defaultdict(dict)

    def get(self, space: str, keys: Iterable[str]) -> dict[str, Any]:
        keys = set(keys)
        mine = self.changes.get(space, {})
        out = {k: json.loads(v) for k in keys if (v := mine.get(k)) is not None}
        missing = [k for k in keys if k not in mine]
        if self.store is not None and missing:
            out.update({k: json.loads(v) for k, v in self.store.index_get(space, missing).items()})
        return out

    def put(self, space: str, key: str, value: Any) -> None:
        # Counts are most of what an update writes (its articles' document frequencies), and
        # a number's JSON is its digits.
        self.changes[space][key] = str(value) if type(value) is int else dumps(value)

    def delete(self, space: str, key: str) -> None:
        self.changes[space][key] = None

    def add_postings(
        self,
        space: str,
        postings: Mapping[str, Sequence[str]],
        cap: int = MAX_POSTING,
        sample: bool = False,
        current: Mapping[str, Any] | None = None,
    ) -> None:
        """Append ids to posting lists, kept as ``capped`` keeps them. ``current``: the lists
        as ``get`` gave them just before (an update reads its new articles' keys to find
        candidates, and reading them again cost a second or two at 100k articles)."""
        current = self.get(space, postings) if current is None else current
        for key, ids in postings.items():
            old = current.get(key, [])
            if old == FULL:
                continue
            self.put(space, key, capped(sorted(set(old) | set(ids)), cap, sample))

    def add_counts(self, space: str, counts: Counter[str]) -> dict[str, int]:
        """Add to counters; returns the new counts."""
        current = self.get(space, counts)
        new = {k: int(current.get(k, 0)) + n for k, n in counts.items()}
        for k, n in new.items():
            self.put(space, k, n)
        return new

    def result(self) -> IndexChanges:
        return {space: dict(items) for space, items in self.changes.items()}


def capped(ids: Sequence[str], cap: int = MAX_POSTING, sample: bool = False) -> list[str] | str:
    """A posting list (sorted ids) as the index keeps it. Past ``cap`` ids it becomes ``FULL``,
    a key that blocks nothing (as in the full run, which skips keys that common), or, with
    ``sample``, keeps its ``cap`` smallest ids, a key that still finds some of its holders
    (a near-copy family: any member leads to the family's origin). Keeping the smallest makes
    the sample the same whether the ids came all at once or over many updates."""
    if len(ids) <= cap:
        return list(ids)
    return list(ids[:cap]) if sample else FULL


def postings_of(keys_by_id: Mapping[str, Iterable[str]]) -> dict[str, list[str]]:
    """Invert id -> keys into key -> sorted ids."""
    out: dict[str, set[str]] = defaultdict(set)
    for item, keys in keys_by_id.items():
        for key in keys:
            out[key].add(item)
    return {k: sorted(v) for k, v in out.items()}


def group_to_json(group: Group, members: Sequence[str], title: str) -> dict[str, Any]:
    return {
        "members": list(members),
        "title": title,
        "total": pack_content_sum(group.total),
        "dense": _pack_sum(group.dense) if group.dense is not None else None,
        "dense_count": group.dense_count,
    }


def _pack_sum(vector: np.ndarray) -> str:
    """A story's summed embedding as base64 float32: a quarter of the size of a JSON list of
    numbers, which made up most of a group's row and of what an update reads."""
    return base64.b64encode(np.asarray(vector, dtype="<f4").tobytes()).decode("ascii")


def _unpack_sum(data: str | list[float]) -> np.ndarray:
    if isinstance(data, list):  # written before the sums were packed
        return np.asarray(data, dtype=np.float64)
    return np.frombuffer(base64.b64decode(data), dtype="<f4").astype(np.float64)


# A story's summed vector as an update reads it (``_reachable_stories``: 8,700 rows at 90k
# articles, a few million keys): the hashes of its word and entity keys and their weights,
# each packed as base64 (the weights float64, so they come back exactly). As a JSON object of
# numbers the rows took 3.0 s to decode; as key strings, decoding them and looking each one up
# took most of an update's story scoring.
def pack_content_sum(total: Mapping[str, float]) -> dict[str, str]:
    hashes, weights = hashed_vector(total)
    return {"hashes": _b64(hashes.astype("<i8")), "weights": _b64(weights.astype("<f8"))}


def content_sum(data: Mapping[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    """A story's summed vector from its index row, as ``pairdots.hashed_vector`` gives it
    (rows written before the sums were hashed are hashed as they are read)."""
    total = data["total"]
    if "hashes" in total:
        return (
            np.frombuffer(base64.b64decode(total["hashes"]), dtype="<i8").astype(np.int64),
            np.frombuffer(base64.b64decode(total["weights"]), dtype="<f8").astype(np.float64),
        )
    if isinstance(total.get("keys"), list):  # keys listed, weights packed
        weights = np.frombuffer(base64.b64decode(total["weights"]), dtype="<f8")
        return hashed_vector(dict(zip(total["keys"], weights.tolist(), strict=True)))
    return hashed_vector(total)  # a JSON object of numbers (a vector's keys have a prefix)


def _b64(array: np.ndarray) -> str:
    return base64.b64encode(array.tobytes()).decode("ascii")


def dense_sum(data: Mapping[str, Any]) -> np.ndarray | None:
    """A story's summed embedding from its index row (None: no member has one)."""
    return _unpack_sum(data["dense"]) if data.get("dense") else None

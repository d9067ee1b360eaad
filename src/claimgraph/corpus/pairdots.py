"""Many dot products of sparse keyword vectors at once.

An update scores each new article against every stored story its blocking keys reach: at 90k
articles, 160,000 pairs of an article's vector (a few hundred keys) with a story's summed
vector (up to ``MAX_GROUP_KEYS``), of which a few dozen pass the merge threshold. One Python
loop per pair took 4-5 s; as sparse matrices (scipy, which datasketch already brings) the same
sums take a fraction of that. The sums come out as ``stories.dot_parts`` gives them, up to the
order floating-point additions are done in.

Keys are columns by a stable hash (``key_hashes``), not by a vocabulary: a story's sum is
stored as hashes and weights (``index.pack_content_sum``), so the millions of keys the
reached stories hold are never decoded into strings and looked up one by one (at 90k that was
most of an update's story scoring).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import chain

import numpy as np
from scipy import sparse

# Pairs multiplied per step: bounds the rows materialised at once (a few hundred keys each).
PAIRS_PER_STEP = 20_000
# Columns are 62-bit hashes: two different keys of an update share one with a chance of about
# one in 10^7 (half a million keys against a few million), and would add one product to a score.
HASH_BITS = 62
HASH_COLUMNS = 1 << HASH_BITS
_SHIFT = np.uint64(64 - HASH_BITS)


# FNV-1a, 64 bits: a plain multiply-and-xor over the bytes, which numpy runs on a whole batch
# of keys one byte position at a time (hashing them one by one in Python, even with blake2b
# in C, cost more than the scoring it serves).
_FNV_OFFSET = np.uint64(0xCBF29CE484222325)
_FNV_PRIME = np.uint64(0x100000001B3)
# Keys hashed per batch: bounds the padded byte table (batch x the longest key in it).
KEYS_PER_BATCH = 1 << 16


def key_hashes(keys: Iterable[str]) -> np.ndarray:
    """Each key's column: a stable 62-bit hash (the same in every process and on every
    machine, unlike Python's ``hash`` of a string), as int64."""
    encoded = [k.encode("utf-8") for k in keys]
    out = np.empty(len(encoded), dtype=np.int64)
    for start in range(0, len(encoded), KEYS_PER_BATCH):
        batch = encoded[start : start + KEYS_PER_BATCH]
        out[start : start + len(batch)] = (_fnv1a(batch) >> _SHIFT).astype(np.int64)
    return out


def _fnv1a(batch: Sequence[bytes]) -> np.ndarray:
    lengths = np.fromiter(map(len, batch), dtype=np.int64, count=len(batch))
    width = int(lengths.max(initial=0))
    padded = b"".join(b.ljust(width, b"\0") for b in batch)
    table = np.frombuffer(padded, dtype=np.uint8).reshape(len(batch), width)
    hashes = np.full(len(batch), _FNV_OFFSET, dtype=np.uint64)
    with np.errstate(over="ignore"):  # the multiply is meant to wrap around
        for position in range(width):
            live = lengths > position  # a key's padding is not hashed: its hash is its own
            mixed = (hashes ^ table[:, position]) * _FNV_PRIME
            hashes = np.where(live, mixed, hashes)
    return hashes


def counted(key: str) -> bool:
    """Whether a key counts in a content dot product: words and entities, not time keys."""
    return not key.startswith("d:")


def hashed_vector(vector: Mapping[str, float]) -> tuple[np.ndarray, np.ndarray]:
    """A vector's counted keys as (hashes ascending, weights): how a story's sum is stored."""
    keys = [k for k in vector if counted(k)]
    hashes = key_hashes(keys)
    weights = np.fromiter((vector[k] for k in keys), dtype=np.float64, count=len(keys))
    order = np.argsort(hashes, kind="stable")
    return hashes[order], weights[order]


def content_dots(
    left: Sequence[Mapping[str, float]],
    right: Sequence[tuple[np.ndarray, np.ndarray]],
    pairs: Sequence[tuple[int, int]],
) -> np.ndarray:
    """For each pair ``(i, j)``, the dot product of ``left[i]`` and ``right[j]`` (a story's
    sum as ``hashed_vector`` gives it) over their word and entity keys (time keys, ``d:``,
    left out, as in ``dot_parts``' second value)."""
    if not pairs:
        return np.zeros(0)
    # Each distinct key is hashed once, however many articles hold it. Time keys are hashed
    # too, and count for nothing: a stored sum holds none (``hashed_vector``).
    keys = dict.fromkeys(chain.from_iterable(left))
    hashes = dict(zip(keys, key_hashes(keys).tolist(), strict=True))
    total = sum(map(len, left))
    lefts = _matrix(
        np.fromiter(map(len, left), dtype=np.int64, count=len(left)),
        np.fromiter(map(hashes.__getitem__, chain.from_iterable(left)), np.int64, total),
        np.fromiter(chain.from_iterable(v.values() for v in left), np.float64, total),
    )
    rights = _matrix(
        np.fromiter((len(h) for h, _ in right), dtype=np.int64, count=len(right)),
        np.concatenate([h for h, _ in right]) if right else np.zeros(0, np.int64),
        np.concatenate([w for _, w in right]) if right else np.zeros(0),
    )
    index = np.asarray(pairs, dtype=np.int64)
    out = np.empty(len(index))
    for start in range(0, len(index), PAIRS_PER_STEP):
        step = index[start : start + PAIRS_PER_STEP]
        products = lefts[step[:, 0]].multiply(rights[step[:, 1]])
        out[start : start + len(step)] = np.asarray(products.sum(axis=1)).ravel()
    return out


def _matrix(sizes: np.ndarray, columns: np.ndarray, weights: np.ndarray) -> sparse.csr_matrix:
    """Rows of ``sizes[i]`` (column, weight) entries each, in order, as one matrix over the
    hash columns: built without a loop over keys in Python."""
    indptr = np.concatenate([np.zeros(1, np.int64), np.cumsum(sizes)])
    matrix = sparse.csr_matrix(
        (weights, columns.astype(np.int64), indptr), shape=(len(sizes), HASH_COLUMNS)
    )
    matrix.sum_duplicates()  # sorts each row's columns (a no-op for stored sums, sorted)
    return matrix

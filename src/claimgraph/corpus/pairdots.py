"""Many dot products of sparse keyword vectors at once.

An update scores each new article against every stored story its blocking keys reach: at 90k
articles, 160,000 pairs of an article's vector (a few hundred keys) with a story's summed
vector (up to ``MAX_GROUP_KEYS``), of which a few dozen pass the merge threshold. One Python
loop per pair took 4-5 s; as sparse matrices (scipy, which datasketch already brings) the same
sums take a fraction of that. The sums come out as ``stories.dot_parts`` gives them, up to the
order floating-point additions are done in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import chain, repeat

import numpy as np
from scipy import sparse

# Pairs multiplied per step: bounds the rows materialised at once (a few hundred keys each).
PAIRS_PER_STEP = 20_000


def content_dots(
    left: Sequence[Mapping[str, float]],
    right: Sequence[tuple[Sequence[str], np.ndarray]],
    pairs: Sequence[tuple[int, int]],
) -> np.ndarray:
    """For each pair ``(i, j)``, the dot product of ``left[i]`` and ``right[j]`` (its keys and
    their weights, as ``index.packed_total`` reads a story's sum) over their word and entity
    keys (time keys, ``d:``, left out, as in ``dot_parts``' second value)."""
    if not pairs:
        return np.zeros(0)
    # Keys no left vector holds add nothing, and time keys are not counted: both map to -1.
    vocabulary = {key: i for i, key in enumerate(dict.fromkeys(chain.from_iterable(left)))}
    for key in vocabulary:
        if key[0] == "d":
            vocabulary[key] = -1
    lefts = _matrix(
        [(list(v), np.fromiter(v.values(), np.float64, len(v))) for v in left], vocabulary
    )
    rights = _matrix(right, vocabulary)
    index = np.asarray(pairs, dtype=np.int64)
    out = np.empty(len(index))
    for start in range(0, len(index), PAIRS_PER_STEP):
        step = index[start : start + PAIRS_PER_STEP]
        products = lefts[step[:, 0]].multiply(rights[step[:, 1]])
        out[start : start + len(step)] = np.asarray(products.sum(axis=1)).ravel()
    return out


def _matrix(
    vectors: Sequence[tuple[Sequence[str], np.ndarray]], vocabulary: Mapping[str, int]
) -> sparse.csr_matrix:
    """The vectors as rows over the vocabulary's columns (keys mapped to -1, or missing, are
    dropped), built with the loops in C: a story's sum holds up to 2,000 keys."""
    sizes = np.fromiter((len(keys) for keys, _ in vectors), dtype=np.int64, count=len(vectors))
    total = int(sizes.sum())
    keys = chain.from_iterable(keys for keys, _ in vectors)
    columns = np.fromiter(map(vocabulary.get, keys, repeat(-1)), dtype=np.int64, count=total)
    values = np.concatenate([weights for _, weights in vectors]) if vectors else np.zeros(0)
    rows = np.repeat(np.arange(len(vectors), dtype=np.int64), sizes)
    kept = columns >= 0
    return sparse.csr_matrix(
        (values[kept], (rows[kept], columns[kept])),
        shape=(len(vectors), max(len(vocabulary), 1)),
    )

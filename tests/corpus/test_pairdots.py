from __future__ import annotations

import random

import numpy as np
import pytest

from claimgraph.corpus import pairdots
from claimgraph.corpus.pairdots import HASH_COLUMNS, content_dots, hashed_vector, key_hashes
from claimgraph.corpus.stories import dot_parts


def _vector(rng: random.Random, vocabulary: list[str]) -> dict[str, float]:
    keys = rng.sample(vocabulary, rng.randint(0, 12))
    return {k: rng.random() for k in keys}


@pytest.mark.parametrize("step", [3, pairdots.PAIRS_PER_STEP])
def test_content_dots_are_the_word_and_entity_part_of_each_dot_product(monkeypatch, step):
    monkeypatch.setattr(pairdots, "PAIRS_PER_STEP", step)
    rng = random.Random(7)
    # Time keys ("d:") never count; some keys only the right side holds.
    vocabulary = [f"{p}:{w}" for p in "ted" for w in range(15)]
    left = [_vector(rng, vocabulary[:40]) for _ in range(9)]
    right = [_vector(rng, vocabulary) for _ in range(7)]
    pairs = [(i, j) for i in range(9) for j in range(7) if rng.random() < 0.6]
    packed = [hashed_vector(v) for v in right]
    found = content_dots(left, packed, pairs)
    expected = [dot_parts(left[i], right[j])[1] for i, j in pairs]
    assert np.allclose(found, expected, rtol=1e-12, atol=1e-15)


def test_no_pairs_no_sums():
    assert content_dots([{"t:a": 1.0}], [hashed_vector({"t:a": 1.0})], []).shape == (0,)


def _fnv1a_62(key: str) -> int:
    value = 0xCBF29CE484222325
    for byte in key.encode("utf-8"):
        value = ((value ^ byte) * 0x100000001B3) % (1 << 64)
    return value >> 2


def test_a_key_hashes_alike_everywhere(monkeypatch):
    # A story's sum is stored as hashes: a hash that changed between processes or releases
    # (as Python's own string hash does) would silently score every stored story as zero.
    found = key_hashes(["t:quake", "e:Kastara", "t:quake"])
    assert found.tolist() == [1593115483800568531, 3404828319105584078, 1593115483800568531]
    # The batched hash is FNV-1a byte by byte, whatever the lengths around a key in its batch.
    monkeypatch.setattr(pairdots, "KEYS_PER_BATCH", 3)
    keys = ["", "t:a", "e:São Tomé", "t:" + "x" * 300, "e:a", "t:ab", "d:2024-05"]
    assert key_hashes(keys).tolist() == [_fnv1a_62(k) for k in keys]
    assert found.dtype == np.int64 and found.min() >= 0 and found.max() < HASH_COLUMNS
    assert key_hashes([]).shape == (0,)


def test_a_stored_sum_keeps_counted_keys_sorted_by_hash():
    hashes, weights = hashed_vector({"t:b": 0.5, "d:2024-05-01": 9.0, "e:a": 0.25})
    assert len(hashes) == 2 and list(hashes) == sorted(hashes)  # no time key
    assert sorted(weights.tolist()) == [0.25, 0.5]
    assert dict(zip(key_hashes(["e:a", "t:b"]).tolist(), [0.25, 0.5], strict=True)) == dict(
        zip(hashes.tolist(), weights.tolist(), strict=True)
    )

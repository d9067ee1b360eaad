from __future__ import annotations

import random

import numpy as np
import pytest

from claimgraph.corpus import pairdots
from claimgraph.corpus.pairdots import content_dots
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
    packed = [(list(v), np.array(list(v.values()), dtype=np.float64)) for v in right]
    found = content_dots(left, packed, pairs)
    expected = [dot_parts(left[i], right[j])[1] for i, j in pairs]
    assert np.allclose(found, expected, rtol=1e-12, atol=1e-15)


def test_no_pairs_no_sums():
    assert content_dots([{"t:a": 1.0}], [(["t:a"], np.ones(1))], []).shape == (0,)

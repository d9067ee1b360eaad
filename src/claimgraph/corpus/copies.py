"""Copied wording: evidence, claim by claim, that two reports state a figure in one text.

Origins (``origins.py``) link whole reports. A report can also lift a single passage from
another while writing the rest itself: an outlet quoting a newspaper's sentence whole inside
its own, or two papers trimming one wire sentence differently. Such claims are one source for
that fact, whatever the rest of the two reports says. The evidence is a long run of the
same words around the figure itself: two reporters phrasing one fact in their own words
share the figure and a few words ("killing 10 people"), not a run of ten.
"""

from __future__ import annotations

import re

from claimgraph.model import Claim

# A sentence this long, word for word in two reports, was copied: the wire text an outlet
# reworked around it, or a press release both printed. Near copies by word-set overlap are
# often two reporters' own phrasings of one background fact (measured on ECB+ dev: a
# containment of 0.8 turned independent reports into copies); a long unbroken run is not.
COPIED_SENTENCE_WORDS = 8
# Words in an unbroken run, holding the figure, that two sentences must share to be one text.
COPIED_RUN_WORDS = 10
_WORD = re.compile(r"\w+")


def copy_keys(claim: Claim) -> set[str]:
    """Keys that two claims share when their wording of the figure was copied."""
    sentence = claim.sentence.text
    matches = list(_WORD.finditer(sentence))
    words = [m.group().lower() for m in matches]
    keys: set[str] = set()
    if len(words) >= COPIED_SENTENCE_WORDS:
        keys.add("s:" + " ".join(words))
    # The figure's words, by their place in the sentence (the claim's spans are offsets
    # into the article; a value outside its sentence, or none, gives no run).
    start = claim.value_span.start - claim.sentence.start
    end = claim.value_span.end - claim.sentence.start
    inside = [i for i, m in enumerate(matches) if m.start() < end and m.end() > start]
    if not inside or len(words) < COPIED_RUN_WORDS:
        return keys
    first, last = inside[0], inside[-1]
    for begin in range(max(0, last - COPIED_RUN_WORDS + 1), first + 1):
        run = words[begin : begin + COPIED_RUN_WORDS]
        if len(run) == COPIED_RUN_WORDS:
            keys.add("r:" + " ".join(run))
    return keys

""" "one" as a count, where the parse says so.

The value grammar reads text without a parse, so it skips a lone "one": mostly it is a
pronoun or an idiom ("one of the", "no one", "one day"). With the parse, "killing one man" and
"one person was hurt" are plain counts: "one" as the numeric modifier of a noun that is not a
stretch of time.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from claimgraph.model import Mention, Value

# "one day", "one time", "at one point": idioms of time and manner, not counts.
_NOT_COUNTED = frozenset(
    {
        "day", "night", "morning", "evening", "afternoon", "week", "month", "year", "time",
        "point", "way", "thing", "moment", "side", "hand", "another", "other",
    }
)  # fmt: skip


def one_counts(doc: Doc, found: Sequence[Mention]) -> list[Mention]:
    """Count mentions for "one" modifying a noun, where no other value covers it."""
    taken = [(m.start, m.end) for m in found]
    out = []
    for tok in doc:
        start, end = tok.idx, tok.idx + len(tok)
        if _counts_a_noun(tok) and not any(s < end and start < e for s, e in taken):
            value = Value("count", 1.0, 1.0, 1.0, None, tok.text)
            out.append(Mention(start, end, tok.text, "VALUE", value))
    return out


def _counts_a_noun(tok: Token) -> bool:
    if tok.lower_ != "one" or tok.dep_ != "nummod":
        return False
    head = tok.head
    if head.pos_ != "NOUN" or head.lemma_.lower() in _NOT_COUNTED or head.i < tok.i:
        return False
    # "no one", "the one man who": a determiner before "one" makes it a pronoun or a
    # reference, not a count.
    before = tok.doc[tok.i - 1] if tok.i > 0 else None
    return before is None or before.lower_ not in ("no", "the", "this", "that", "any", "every")

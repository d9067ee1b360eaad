"""Currency signs lost in transcoding, recovered from the scale that follows the amount.

Feeds that cannot carry a sign replace it: a "?" where the rupee sign was ("?60,000 crore"),
an "e" where the euro sign was ("e80 million"). The damaged character alone proves nothing
("e3" is a designation, "?" a question); followed by a scale only that currency's amounts
take, it is the sign.
"""

from __future__ import annotations

_INDIAN_SCALES = frozenset({"lakh", "crore", "lakh crore"})
# Spelled-out large scales ("e80 million"); a one-letter "m" after a bare "e80" is too weak.
_WORD_SCALES = frozenset({"million", "mn", "mln", "billion", "bn", "bln", "trillion"})


def is_lost_sign(text: str, at: int, floor: int) -> bool:
    """Whether the character at ``at`` (right before a number) may be a lost sign."""
    char = text[at]
    if char == "?":
        return True
    return char == "e" and (at == floor or not text[at - 1].isalnum())


def lost_sign_currency(sign: str, scale_key: str | None) -> str | None:
    """The currency the damaged ``sign`` stood for, given the scale after the amount."""
    if sign == "?" and scale_key in _INDIAN_SCALES:
        return "INR"
    if sign == "e" and scale_key in _WORD_SCALES:
        return "EUR"
    return None

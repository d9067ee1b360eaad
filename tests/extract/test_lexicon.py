"""Word classes: general news vocabulary for one property, never a story's own names."""

from __future__ import annotations

import pytest

from claimgraph.extract.lexicon import word_class


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("film", "movie"),
        ("robber", "thief"),
        ("burglar", "raider"),
        ("deliberate", "deliberation"),
        ("jury", "panel"),
        ("steal", "snatch"),
        ("jewellery", "gem"),
    ],
)
def test_synonyms_share_a_class(a: str, b: str) -> None:
    assert word_class(a) == word_class(b)


def test_unrelated_words_do_not(a: str = "film", b: str = "thief") -> None:
    assert word_class(a) != word_class(b)

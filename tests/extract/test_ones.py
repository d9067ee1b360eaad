""" "one" as a count only where the parse makes it the number of a noun (sentences ours)."""

from __future__ import annotations

import pytest

from claimgraph.extract.nlp import load_pipeline
from claimgraph.extract.ones import one_counts
from claimgraph.model import Mention


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return load_pipeline()


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("The blast killed one worker and hurt two others.", ["one"]),
        ("One passenger was taken to hospital.", ["One"]),
        ("No one was hurt in the fire.", []),
        ("One of the guards was fired.", []),
        ("One day later the road reopened.", []),
        ("The one witness who stayed spoke to police.", []),
    ],
)
def test_one_is_a_count_only_when_it_numbers_a_noun(nlp, text, counted):
    assert [m.text for m in one_counts(nlp(text), [])] == counted


def test_a_one_inside_another_value_is_left_to_it(nlp):
    doc = nlp("The blast killed one worker.")
    start = doc.text.index("one")
    assert one_counts(doc, [Mention(start, start + 3, "one", "VALUE", None)]) == []

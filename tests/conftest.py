"""Shared fixtures: paths to ../shared (skipped cleanly when absent) and record builders."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from claimgraph.model import Article, Claim, Span, Value, content_id

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture
def shared() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared is not present")
    return SHARED


def money(amount: float, half_step: float, unit: str = "USD", text: str = "") -> Value:
    return Value("money", amount, amount - half_step, amount + half_step, unit, text or str(amount))


def count(n: float, low: float | None = None, high: float | None = None) -> Value:
    lo = n if low is None else low
    hi = n if high is None else high
    return Value("count", n, lo, hi if hi is not None else math.inf, None, str(int(n)))


def make_claim(
    article: str,
    value: Value,
    context: tuple[str, ...],
    prop: str | None = "thing",
    stance: str = "asserts",
    speaker: str | None = None,
    subject: str | None = None,
    n: int = 0,
) -> Claim:
    sentence = f"{article} says {value.text} about {' '.join(context)} #{n}."
    return Claim(
        id=content_id("c", article, value.text, n, stance),
        article_id=article,
        sentence=Span(0, len(sentence), sentence),
        value=value,
        value_span=Span(0, 1, value.text),
        stance=stance,  # type: ignore[arg-type]
        speaker=speaker,
        subject=subject,
        property=prop,
        context=context,
        attributed=speaker is not None or stance != "asserts",
    )


def make_article(name: str, text: str, **kw: object) -> Article:
    return Article(id=Article.make_id(name, text), source=name, text=text, **kw)  # type: ignore[arg-type]

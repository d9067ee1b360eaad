"""Comparators: rounding and hedging are not conflicts; different units are not comparable."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimgraph.corpus.compare import compatible, interval, relative_gap
from claimgraph.extract.values import parse_value
from claimgraph.model import Value


def v(text: str) -> Value:
    value = parse_value(text)
    assert value is not None, text
    return value


# (a, b, expected verdict)
CASES: list[tuple[str, str, bool | None]] = [
    ("$5.43 billion", "$5.5 billion", False),
    # Two bare counts: one in whole hundreds may be the other rounded; one trailing zero not.
    ("837", "800", True),
    ("837", "900", False),
    ("837", "840", False),
    ("$5.4 billion", "$5.43 billion", True),
    ("about $5.4 billion", "$5.43 billion", True),
    ("US$5.43bn", "5.43 billion dollars", True),
    ("$5 billion", "$5.43 billion", True),
    ("₹60,000 crore", "$7.2 billion", None),
    ("₹60,000 crore", "Rs 60,000 crore", True),
    ("₹60,000 crore", "?60,000 crore", True),
    ("₹60,000 crore", "Rs 6 lakh crore", False),
    ("€1.2bn", "$1.2bn", None),
    ("40", "43", False),
    ("more than 40", "43", True),
    ("at least 43", "40", False),
    ("up to 119", "84", True),
    ("up to 119", "120", False),
    ("84", "around 260", False),
    ("around 260", "272", True),
    ("around 260", "300", False),
    ("nearly 40", "38", True),
    ("nearly 40", "41", False),
    ("nearly a third of", "32%", True),
    ("a third of", "33 per cent", True),
    ("36 per cent", "36.4%", True),
    ("36 per cent", "38%", False),
    ("5%", "5 percentage points", None),
    ("between 30 and 40", "35", True),
    ("between 30 and 40", "45", False),
    ("5-7 days", "6 days", True),
    ("dozens of", "50", True),
    ("dozens of", "5,000", False),
    ("two", "2", True),
    ("twenty-six", "26", True),
    ("twenty-six", "36", False),
    ("1.5 million", "1,520,000", True),
    ("1.5 million", "1.6 million", False),
    ("45 km", "28 miles", True),
    ("45 km", "45 kg", None),
    ("2 years", "24 months", True),
    ("20 years in prison", "20 years", True),
    ("6.1 magnitude", "magnitude 6.1", True),
    ("6.1 magnitude", "6.4 magnitude", False),
    ("12-year-old", "12 years", None),
    ("$40", "40", None),
    ("36%", "36", None),
]


@pytest.mark.parametrize(("a", "b", "expected"), CASES)
def test_compatible(a: str, b: str, expected: bool | None) -> None:
    assert compatible(v(a), v(b)) is expected
    assert compatible(v(b), v(a)) is expected


def test_relative_gap() -> None:
    assert relative_gap(v("$5.4 billion"), v("$5.43 billion")) == 0.0
    assert relative_gap(v("40"), v("43")) == pytest.approx(3 / 43)
    assert relative_gap(v("84"), v("260")) == pytest.approx(176 / 260)
    assert relative_gap(v("₹5 crore"), v("$5 billion")) == math.inf
    assert relative_gap(v("45 km"), v("45 miles")) == pytest.approx(1 - 45 / (45 * 1.609344))


def test_values_without_an_interval_are_widened_by_their_hedge() -> None:
    bare = Value("count", 40.0, None, None, None, "about 40", hedge="about")
    assert interval(bare) == pytest.approx((36.0, 44.0))
    assert compatible(bare, v("43")) is True
    assert compatible(bare, v("50")) is False


def test_text_values_agree_only_when_the_same() -> None:
    a = Value("text", None, None, None, None, "Shot down")
    b = Value("text", None, None, None, None, "shot  down")
    c = Value("text", None, None, None, None, "intercepted")
    assert compatible(a, b) is True
    assert compatible(a, c) is None


def test_different_kinds_are_not_compared() -> None:
    assert compatible(v("40%"), v("40")) is None
    date = Value("date", "2026-01-01", "2026-01-01", "2026-12-31", None, "in 2026", "year")
    assert compatible(date, v("2,026")) is None


# --- properties ------------------------------------------------------------------------------

PHRASES = st.one_of(
    st.builds(
        lambda sym, n, scale, hedge: f"{hedge}{sym}{n}{scale}",
        st.sampled_from(["$", "₹", "€", "Rs "]),
        st.integers(min_value=1, max_value=9999),
        st.sampled_from(["", " million", " billion", " crore", ".5 lakh"]),
        st.sampled_from(["", "about ", "more than ", "up to ", "nearly "]),
    ),
    st.builds(
        lambda n, hedge, tail: f"{hedge}{n:,}{tail}",
        st.integers(min_value=2, max_value=10**7).filter(lambda n: not 1900 <= n <= 2100),
        st.sampled_from(["", "around ", "at least ", "fewer than ", "almost "]),
        st.sampled_from(["", "%", " km", " miles", " years", " months", " kg"]),
    ),
)


@given(PHRASES, PHRASES)
def test_compatible_is_symmetric(a: str, b: str) -> None:
    va, vb = v(a), v(b)
    assert compatible(va, vb) is compatible(vb, va)
    assert relative_gap(va, vb) == pytest.approx(relative_gap(vb, va))


@given(PHRASES)
def test_a_value_is_compatible_with_itself(text: str) -> None:
    value = v(text)
    assert compatible(value, value) is True
    assert relative_gap(value, value) == 0.0


@given(PHRASES, PHRASES)
def test_gap_is_zero_exactly_when_compatible(a: str, b: str) -> None:
    va, vb = v(a), v(b)
    verdict = compatible(va, vb)
    gap = relative_gap(va, vb)
    if verdict is None:
        assert gap == math.inf
    elif verdict:
        assert gap == 0.0
    else:
        assert 0.0 <= gap <= 1.0

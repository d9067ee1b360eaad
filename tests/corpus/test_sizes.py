"""Sizes of sums of money: what reports of one event agree on, whatever their currency."""

from __future__ import annotations

from claimgraph.corpus import sizes
from claimgraph.corpus.sizes import dollar_size, size_keys
from claimgraph.extract.values import find_values


def money_sizes(text: str) -> frozenset[int]:
    return sizes.money_sizes(m.value for m in find_values(text) if m.value)


def test_one_sum_in_three_currencies_has_one_size() -> None:
    sizes = [money_sizes(t) for t in ("gems worth 85 million euros", "a $108m haul", "£74m")]
    assert sizes[0] & sizes[1] & sizes[2]


def test_sums_far_apart_share_no_size() -> None:
    assert not money_sizes("a €2m smash-and-grab") & money_sizes("an €85m heist")
    # Twice as big is still the same sum as reports round it ("$2.6 million", "€2m").
    assert money_sizes("thieves took $2.6 million") & money_sizes("a €2m raid")


def test_rates_bring_small_units_to_the_same_size() -> None:
    assert money_sizes("a ¥1.2 trillion package") & money_sizes("an $8 billion package")
    assert money_sizes("₹60,000 crore") & money_sizes("$7.2 billion")


def test_no_size_without_money_in_a_known_currency() -> None:
    assert money_sizes("40 people were hurt on 3 May") == frozenset()
    assert money_sizes("a fine of 3.1 billion crowns") == frozenset()
    assert dollar_size(5.0, None) is None and dollar_size(0.0, "USD") is None


def test_a_size_meets_its_neighbours_only() -> None:
    size = dollar_size(1e6, "USD")
    assert size is not None
    assert size_keys(size) == {size - 1, size, size + 1}
    assert dollar_size(1e7, "USD") == size + 4  # a decade is four steps

"""How big a sum of money is, as reports of one event agree on it: its order of magnitude in
rough US dollars.

Reports of one heist, fine or deal repeat its headline sum, in whatever currency their readers
use ("85 million euros", "$108 million", "£74m"); two events of one kind rarely share it (a
€2m smash-and-grab and an €85m heist in the same city). Stories use these sizes the way they
use the people a lead names (``stories.Group.centred_elsewhere``).

The rates below are deliberately rough and fixed: they only need to put a sum in the right
quarter of a decade, and a sum is taken to match those up to about four times bigger or
smaller (``size_keys``), which absorbs years of exchange-rate drift. A currency not listed
(or money in an unnamed currency) gives no size.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from claimgraph.model import Value

# US dollars per unit, to an order of magnitude good for the 2000s and 2020s alike.
USD_PER_UNIT: dict[str, float] = {
    "USD": 1.0, "EUR": 1.1, "GBP": 1.3, "CHF": 1.1, "JPY": 0.008, "CNY": 0.14, "INR": 0.013,
    "RUB": 0.015, "PKR": 0.005, "BDT": 0.01, "LKR": 0.004, "NPR": 0.008, "AED": 0.27,
    "SAR": 0.27, "ILS": 0.27, "AUD": 0.7, "CAD": 0.75, "NZD": 0.6, "SGD": 0.74, "HKD": 0.13,
    "TWD": 0.032, "KRW": 0.0008, "SEK": 0.1, "NOK": 0.1, "DKK": 0.15, "CZK": 0.045,
    "PLN": 0.26, "HUF": 0.003, "ZAR": 0.06, "THB": 0.03, "MYR": 0.23, "NGN": 0.001,
    "UAH": 0.03, "MXN": 0.055, "BRL": 0.2, "TRY": 0.05, "PHP": 0.018,
}  # fmt: skip
SIZE_STEP = 0.25  # a size is a quarter of a decade (a factor of about 1.8)


def dollar_size(amount: float, currency: str | None) -> int | None:
    """The quarter-decade of ``amount`` in rough US dollars (None: no known currency)."""
    rate = USD_PER_UNIT.get(currency or "")
    if rate is None or amount <= 0:
        return None
    return round(math.log10(amount * rate) / SIZE_STEP)


def size_keys(size: int) -> set[int]:
    """A size and its neighbours: two reports' keys meet when their sums are at most about
    four times apart ("$108 million" and "85 million euros"; "$2.6 million" and "€2m")."""
    return {size - 1, size, size + 1}


def money_sizes(values: Iterable[Value]) -> frozenset[int]:
    """The size keys of the sums of money among ``values``."""
    keys: set[int] = set()
    for value in values:
        if value.kind != "money" or not isinstance(value.value, int | float):
            continue
        size = dollar_size(float(value.value), value.unit)
        if size is not None:
            keys |= size_keys(size)
    return frozenset(keys)

"""Comparators: do two stated values agree, allowing for the precision each was stated with?

One small comparator per value kind (after dedupe's ``variables/price.py``). Each answers
``True`` (the intervals overlap: rounding or hedging, not a conflict), ``False`` (they cannot
both be right), or ``None`` (not comparable: different kinds, currencies or units). Whether the
two values measure the same property is the aligner's question, not ours: "84 aircraft" and
"around 260 jets" compare False here, and the aligner keeps them apart as two facts.

The intervals come from ``extract/values.py``, which already widens hedged values ("about" by
5% for money and 10% otherwise, "nearly X" to [0.9X, X], "more than X" to [X, inf)). A value
built elsewhere without ``low``/``high`` is widened here the same way.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

from claimgraph.extract.numbers import hedged_interval
from claimgraph.model import Value

__all__ = ["compatible", "relative_gap", "interval", "comparable_units"]

# Units that measure the same dimension, with their size in a common base, so that "5 km"
# and "3.1 miles", or "2 years" and "24 months", are compared as the same quantity.
_DIMENSIONS: dict[str, tuple[str, float]] = {
    "m": ("length", 1.0), "km": ("length", 1e3), "cm": ("length", 1e-2),
    "mm": ("length", 1e-3), "mile": ("length", 1609.344), "ft": ("length", 0.3048),
    "inch": ("length", 0.0254), "nautical mile": ("length", 1852.0),
    "kg": ("mass", 1.0), "tonne": ("mass", 1e3), "gram": ("mass", 1e-3),
    "lb": ("mass", 0.45359237),
    "km/h": ("speed", 1.0), "mph": ("speed", 1.609344), "knot": ("speed", 1.852),
    "hectare": ("area", 1.0), "acre": ("area", 0.40468564224), "km²": ("area", 100.0),
    "sq mi": ("area", 258.998811), "sq ft": ("area", 9.290304e-6),
    "second": ("time", 1.0), "minute": ("time", 60.0), "hour": ("time", 3600.0),
    "day": ("time", 86400.0), "week": ("time", 604800.0), "month": ("time", 2629746.0),
    "year": ("time", 31556952.0), "years": ("time", 31556952.0),
    "decade": ("time", 315569520.0), "century": ("time", 3155695200.0),
    "kW": ("power", 1e3), "MW": ("power", 1e6), "GW": ("power", 1e9),
    "kWh": ("energy", 1e3), "MWh": ("energy", 1e6), "GWh": ("energy", 1e9),
    "TWh": ("energy", 1e12),
}  # fmt: skip

# Rounding noise of float arithmetic, relative to the values compared.
_EPSILON = 1e-9


def interval(v: Value) -> tuple[float, float] | None:
    """The interval a numeric value allows, or None for a non-numeric one."""
    if not isinstance(v.value, int | float):
        return None
    if isinstance(v.low, int | float) and isinstance(v.high, int | float):
        return float(v.low), float(v.high)
    return hedged_interval(v.kind, float(v.value), 0.0, v.hedge, v.unit)


def comparable_units(a: Value, b: Value) -> tuple[float, float] | None:
    """Factors that bring ``a`` and ``b`` to one unit, or None when they measure different
    things (dollars and rupees, km and kg, percent and percentage points)."""
    if a.unit == b.unit:
        return 1.0, 1.0
    if a.kind != "quantity" or a.unit is None or b.unit is None:
        return None
    da, db = _DIMENSIONS.get(a.unit), _DIMENSIONS.get(b.unit)
    if da is None or db is None or da[0] != db[0]:
        return None
    return da[1], db[1]


def _overlap(a: Value, b: Value) -> bool | None:
    factors = comparable_units(a, b)
    ia, ib = interval(a), interval(b)
    if factors is None or ia is None or ib is None:
        return None
    (alo, ahi), (blo, bhi) = _scaled(ia, factors[0]), _scaled(ib, factors[1])
    finite = [abs(x) for x in (alo, ahi, blo, bhi) if math.isfinite(x)]
    tol = _EPSILON * max(finite, default=1.0)
    low, high = max(alo, blo), min(ahi, bhi)
    if high < low - tol:
        return False
    if ahi - alo <= tol or bhi - blo <= tol:
        return True  # an exact value inside (or at the edge of) the other's interval
    # Two rounded values whose intervals only touch ("1.5 million" and "1.6 million" meet at
    # 1.55 million) were stated as different figures: they must share more than an edge.
    return high - low > tol


def _scaled(iv: tuple[float, float], factor: float) -> tuple[float, float]:
    return iv[0] * factor, iv[1] * factor


def compare_money(a: Value, b: Value) -> bool | None:
    """Same currency only: exchange rates move, so "₹60,000 crore" and "$7.2 billion" are
    not compared."""
    return _overlap(a, b) if a.unit == b.unit else None


def compare_count(a: Value, b: Value) -> bool | None:
    if _exact(a) and _exact(b):
        # Two bare figures: the round one may be the other rounded ("612 people" reported
        # elsewhere as "600 were killed"). A hedged figure already says how loose it is.
        return _overlap(_rounded(a), _rounded(b))
    return _overlap(a, b)


def _exact(v: Value) -> bool:
    return not v.hedge and v.low == v.high


# A count stated in whole hundreds is read to half its last stated place either side (600:
# 550-650), as "$5.5 billion" is. One trailing zero says less ("120" is not "115 or so").
ROUND_PLACE = 100


def _rounded(v: Value) -> Value:
    n = v.value
    if not isinstance(n, int | float) or v.hedge or v.low != v.high or n != v.low:
        return v
    if n == 0 or n % ROUND_PLACE:
        return v
    place = ROUND_PLACE
    while n % (place * 10) == 0:
        place *= 10
    return replace(v, low=n - place / 2, high=n + place / 2)


def compare_percent(a: Value, b: Value) -> bool | None:
    """Percent and percentage points are different things ("up 5%" is not "up 5 points")."""
    return _overlap(a, b) if a.unit == b.unit else None


def compare_quantity(a: Value, b: Value) -> bool | None:
    return _overlap(a, b)


def compare_date(a: Value, b: Value) -> bool | None:
    # Imported here: dates have their own module and grammar, and most comparisons are not dates.
    from claimgraph.extract.dates import dates_compatible

    return dates_compatible(a, b)


def compare_text(a: Value, b: Value) -> bool | None:
    """Text values (outcomes) agree when they say the same; otherwise we cannot tell."""
    same = " ".join(a.text.casefold().split()) == " ".join(b.text.casefold().split())
    return True if same else None


_COMPARATORS: dict[str, Callable[[Value, Value], bool | None]] = {
    "money": compare_money,
    "count": compare_count,
    "percent": compare_percent,
    "quantity": compare_quantity,
    "date": compare_date,
    "text": compare_text,
}


# The aligner judges the pairs a storyline's claims form, and the status the pairs of a fact's
# claims; both meet the same few values again and again (an update at 50k articles: 1,100
# distinct values behind 300,000 judged pairs in one 17,500-claim storyline). The answers are
# functions of the two values alone, so they are remembered, for a hash instead of intervals.
VALUE_PAIR_CACHE = 1 << 16


@lru_cache(maxsize=VALUE_PAIR_CACHE)
def compatible(a: Value, b: Value) -> bool | None:
    """True when both can be right, False when they conflict, None when not comparable."""
    if a.kind != b.kind:
        return None
    return _COMPARATORS[a.kind](a, b)


@lru_cache(maxsize=VALUE_PAIR_CACHE)
def relative_gap(a: Value, b: Value) -> float:
    """How far apart two values are: |a - b| / max(|a|, |b|), 0 when compatible.

    The aligner uses it to tell one fact stated differently (a small gap) from two facts
    (a large one). Values that are not comparable are infinitely far apart.
    """
    verdict = compatible(a, b)
    if verdict is None:
        return math.inf
    if verdict:
        return 0.0
    factors = comparable_units(a, b)
    if (
        factors is None
        or not isinstance(a.value, int | float)
        or not isinstance(b.value, int | float)
    ):
        return math.inf
    x, y = float(a.value) * factors[0], float(b.value) * factors[1]
    largest = max(abs(x), abs(y))
    return 0.0 if largest == 0 else abs(x - y) / largest

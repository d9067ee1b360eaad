"""The ratchet: compare fresh scores with the pinned baseline, and raise floors, never lower them.

Modelled on trafilatura's ``tests/eval_gate.py`` (a floor per score, fail below it), with two
additions our scores need: a direction (a false-conflict rate must not go *up*) and a noise
margin per score, so that a deterministic score fails on any real loss while a score that moves
by a hair between library versions does not. Pure functions over plain data; ``eval/run.py``
does the running and the printing, and ``tests/test_eval_gate.py`` exercises this module alone.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Direction = Literal["higher", "lower"]
SCHEMA = "claimgraph.eval-baseline/1"


@dataclass(frozen=True, slots=True)
class Pin:
    """One pinned score: the floor it may not fall below (or ceiling, for "lower")."""

    floor: float
    direction: Direction = "higher"
    margin: float = 0.0

    def worse(self, value: float) -> bool:
        """True when ``value`` is past the floor by more than the noise margin."""
        if self.direction == "higher":
            return value < self.floor - self.margin
        return value > self.floor + self.margin

    def improves(self, value: float) -> bool:
        """True when ``value`` is at least as good as the floor (the ratchet may move to it)."""
        return value >= self.floor if self.direction == "higher" else value <= self.floor


@dataclass(frozen=True, slots=True)
class Verdict:
    name: str
    value: float | None  # None: the score was expected but the run did not produce it
    pin: Pin

    @property
    def ok(self) -> bool:
        return self.value is not None and not self.pin.worse(self.value)

    def describe(self) -> str:
        sign = ">=" if self.pin.direction == "higher" else "<="
        bound = f"{sign} {self.pin.floor:.4f} (margin {self.pin.margin:g})"
        if self.value is None:
            return f"{self.name}: missing, expected {bound}"
        state = "ok" if self.ok else "REGRESSION"
        return f"{self.name}: {self.value:.4f} {state}, floor {bound}"


def compare(
    scores: Mapping[str, float], pins: Mapping[str, Pin], expected: Iterable[str] = ()
) -> list[Verdict]:
    """Verdicts for every pinned score in ``scores``, plus ``expected`` names that are absent.

    A score the baseline does not know is not judged (it is new); a pinned score that is
    absent only counts when the caller says its task ran (``expected``), so that ``--only``
    and a cleanly skipped task do not fail the gate, while a harness that crashed does.
    """
    names = sorted({n for n in scores if n in pins} | {n for n in expected if n in pins})
    return [Verdict(n, scores.get(n), pins[n]) for n in names]


def regressions(verdicts: Iterable[Verdict]) -> list[Verdict]:
    return [v for v in verdicts if not v.ok]


@dataclass(frozen=True, slots=True)
class Update:
    pins: dict[str, Pin]
    refused: list[str]  # scores that are worse than their floor: lowering needs --allow-lower

    @property
    def ok(self) -> bool:
        return not self.refused


def ratchet(
    pins: Mapping[str, Pin],
    scores: Mapping[str, float],
    specs: Mapping[str, tuple[Direction, float]],
    allow_lower: bool = False,
) -> Update:
    """New pins from fresh ``scores``: floors move to better values; worse ones are refused.

    ``specs`` gives each score's direction and margin (the harness owns them, so a changed
    margin reaches the baseline on the next update). Pinned scores absent from this run are
    kept as they are. Refusal is all-or-nothing: a caller should write nothing when any score
    would lower its floor, so that a regression is never pinned by accident.
    """
    new = dict(pins)
    refused = []
    for name, value in sorted(scores.items()):
        direction, margin = specs.get(name, ("higher", 0.0))
        old = pins.get(name)
        if old is not None and not Pin(old.floor, direction).improves(value) and not allow_lower:
            refused.append(f"{name}: {value:.4f} is worse than its floor {old.floor:.4f}")
            continue
        new[name] = Pin(_safe_round(value, direction), direction, margin)
    return Update(new, refused)


def _safe_round(value: float, direction: Direction) -> float:
    """Four decimals, rounded towards the worse side so that the same run still passes."""
    scaled = value * 10_000
    rounded = math.floor(scaled + 1e-9) if direction == "higher" else math.ceil(scaled - 1e-9)
    return rounded / 10_000


def load(path: Path) -> dict[str, Pin]:
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        name: Pin(float(p["floor"]), p.get("direction", "higher"), float(p.get("margin", 0.0)))
        for name, p in data.get("scores", {}).items()
    }


def dump(pins: Mapping[str, Pin], notes: Mapping[str, str] | None = None) -> str:
    """The baseline file: sorted, one score per entry, with what each score measures."""
    notes = notes or {}
    scores = {
        name: {"floor": p.floor, "direction": p.direction, "margin": p.margin}
        | ({"about": notes[name]} if name in notes else {})
        for name, p in sorted(pins.items())
    }
    return json.dumps({"schema": SCHEMA, "scores": scores}, indent=2) + "\n"

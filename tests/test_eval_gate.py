"""The evaluation ratchet (eval/gate.py) on made-up numbers, and the fast evaluation run.

The logic tests always run. The ``eval`` test runs the fast part of ``eval/run.py`` (seeds,
a small ECB+ slice, Zyte) on the real data in ../shared and applies the gate to
``eval/baseline.json``; it is skipped when ../shared is absent. Select or skip it with
``pytest -m eval`` / ``pytest -m "not eval"``.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

EVAL_DIR = Path(__file__).resolve().parent.parent / "eval"
SHARED = EVAL_DIR.parent.parent / "shared"


def _load(name: str) -> ModuleType:
    """Import a module of eval/ (a folder of scripts, not a package) under its own name."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, EVAL_DIR / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # run.py does `import gate`: it must find this one
    spec.loader.exec_module(module)
    return module


gate = _load("gate")
Pin = gate.Pin


# --- gate logic on made-up numbers ---------------------------------------------------------------


def test_score_within_margin_passes_and_beyond_fails() -> None:
    pins = {"t.f1": Pin(0.80, "higher", 0.01)}
    assert gate.regressions(gate.compare({"t.f1": 0.795}, pins)) == []
    (bad,) = gate.regressions(gate.compare({"t.f1": 0.789}, pins))
    assert bad.name == "t.f1" and "REGRESSION" in bad.describe()


def test_lower_is_better_scores_fail_when_they_rise() -> None:
    pins = {"t.false_conflict_rate": Pin(0.05, "lower", 0.0)}
    assert gate.compare({"t.false_conflict_rate": 0.0}, pins)[0].ok
    assert gate.compare({"t.false_conflict_rate": 0.05}, pins)[0].ok
    assert not gate.compare({"t.false_conflict_rate": 0.06}, pins)[0].ok


def test_new_scores_are_not_judged_and_absent_ones_only_when_expected() -> None:
    pins = {"a.f1": Pin(0.5), "b.f1": Pin(0.5)}
    assert [v.name for v in gate.compare({"a.f1": 0.6, "c.f1": 0.1}, pins)] == ["a.f1"]
    (missing,) = gate.regressions(gate.compare({"a.f1": 0.6}, pins, expected=["b.f1"]))
    assert missing.value is None and "missing" in missing.describe()


def test_ratchet_raises_floors_and_takes_margins_from_the_harness() -> None:
    pins = {"a.f1": Pin(0.70, "higher", 0.0)}
    update = gate.ratchet(pins, {"a.f1": 0.75, "b.rate": 0.2}, {"b.rate": ("lower", 0.01)})
    assert update.ok
    assert update.pins["a.f1"] == Pin(0.75, "higher", 0.0)
    assert update.pins["b.rate"] == Pin(0.2, "lower", 0.01)


def test_ratchet_rounds_towards_the_worse_side_so_the_same_run_passes() -> None:
    value_up, value_down = 0.805966, 0.016667
    specs = {"up": ("higher", 0.0), "down": ("lower", 0.0)}
    pins = gate.ratchet({}, {"up": value_up, "down": value_down}, specs).pins
    assert pins["up"].floor == 0.8059 and pins["down"].floor == 0.0167
    assert not gate.regressions(gate.compare({"up": value_up, "down": value_down}, pins))


def test_ratchet_refuses_to_lower_a_floor_unless_allowed() -> None:
    pins = {"a.f1": Pin(0.80), "b.rate": Pin(0.0, "lower")}
    specs = {"a.f1": ("higher", 0.0), "b.rate": ("lower", 0.0)}
    refused = gate.ratchet(pins, {"a.f1": 0.79, "b.rate": 0.0}, specs)
    assert not refused.ok and refused.refused[0].startswith("a.f1")
    worse_rate = gate.ratchet(pins, {"a.f1": 0.9, "b.rate": 0.1}, specs)
    assert [r.split(":")[0] for r in worse_rate.refused] == ["b.rate"]
    allowed = gate.ratchet(pins, {"a.f1": 0.79}, specs, allow_lower=True)
    assert allowed.ok and allowed.pins["a.f1"].floor == 0.79


def test_ratchet_keeps_pins_of_scores_not_run() -> None:
    pins = {"a.f1": Pin(0.8), "b.f1": Pin(0.6, "higher", 0.002)}
    update = gate.ratchet(pins, {"a.f1": 0.85}, {})
    assert update.pins["b.f1"] == Pin(0.6, "higher", 0.002)


def test_baseline_file_round_trip(tmp_path: Path) -> None:
    pins = {"a.f1": Pin(0.8, "higher", 0.005), "b.rate": Pin(0.01, "lower", 0.0)}
    path = tmp_path / "baseline.json"
    path.write_text(gate.dump(pins, {"a.f1": "what it measures"}), encoding="utf-8")
    assert gate.load(path) == pins
    assert gate.load(tmp_path / "absent.json") == {}


def test_a_failed_task_cannot_pass_the_gate_by_producing_nothing() -> None:
    run = _load("run")
    pins = {"zyte.f1": Pin(0.9), "tempeval.value_f1": Pin(0.8)}
    results = [run.Result("zyte", "failed", note="boom"), run.Result("tempeval", "skipped")]
    (bad,) = gate.regressions(run.verdicts(results, pins))
    assert bad.name == "zyte.f1"


def test_polnear_text_table_is_read_when_json_is_not_ready() -> None:
    run = _load("run")
    table = "PolNeAR dev: 3 docs in 1.0 s\n" + "\n".join(
        f"{role:8} overlap  0.800  0.700  {f1}  10  9" for role, f1 in (("source", 0.7467),)
    )
    assert run.polnear_f1s(table)[0] is None  # only one role: not a full report
    full = table + "\ncue      overlap  0.5 0.5 0.5  1 1\ncontent  overlap  0.6 0.6 0.6  1 1"
    f1s, docs = run.polnear_f1s(full)
    assert f1s == {"source": 0.7467, "cue": 0.5, "content": 0.6} and docs == "3"


# --- the fast evaluation run against the pinned baseline ------------------------------------------


@pytest.mark.eval
@pytest.mark.shared
def test_fast_evaluation_holds_the_baseline(tmp_path: Path) -> None:
    if not (SHARED / "eval").is_dir():
        pytest.skip("../shared is not present")
    run = _load("run")
    results = run.evaluate(run.FAST_TASKS, run.Context(SHARED, tmp_path), lambda _: None)
    failed = [f"{r.task}: {r.note}" for r in results if r.status == "failed"]
    assert not failed, failed
    pins = gate.load(run.BASELINE)
    assert pins, "eval/baseline.json is missing: python eval/run.py --update-baseline"
    regressed = [v.describe() for v in gate.regressions(run.verdicts(results, pins))]
    assert not regressed, "\n".join(regressed)

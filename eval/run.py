"""Run every claimgraph evaluation on the real data in ../shared and print one table of scores.

    python eval/run.py                      # all tasks, table, gate against eval/baseline.json
    python eval/run.py --only seeds,zyte    # some tasks (names: see --help)
    python eval/run.py --json               # the same as JSON
    python eval/run.py --update-baseline    # pin the current scores (floors only go up)
    python eval/run.py --update-baseline --allow-lower   # accept a lower floor, knowingly

The per-task harnesses in ``benchmarks/`` belong to their owners and are called as they are
(each prints its own numbers; we parse them). The ECB+ facts task is ours: it converts the
development topics the gold covers, runs claimgraph on every document of those topics (so
that story clustering is part of what is measured), exports JSON and scores it with
``../shared/eval/score_facts.py`` against ``eval/gold/ecbplus-dev-facts.yaml``. Only
development splits are read: ECB+ topics 1-35, TempEval-3 training, PolNeAR dev.

Exits 0 with a message when ../shared is absent; exits 1 when a score falls below its floor
by more than its noise margin, or when an update would lower a floor.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import gate
import yaml

REPO = Path(__file__).resolve().parent.parent
BASELINE = REPO / "eval" / "baseline.json"
GOLD = REPO / "eval" / "gold" / "ecbplus-dev-facts.yaml"
SHARED = REPO.parent / "shared"
DEV_TOPICS = range(1, 36)  # ECB+ topics 36-45 are the held-out test: never converted here
QUICK_TOPICS = (4, 20)  # the ECB+ slice of the fast run: deaths, quakes, dates, a cross-event pair
FAST_TASKS = ("seeds", "ecb_facts_quick", "zyte")
TIMEOUT = 900  # seconds per harness; the slowest (ECB+ stories) takes about two minutes

# What each task's scores measure, written into baseline.json beside the floors. Kept apart
# from the printed notes, which carry run-to-run details (speed, counts) the file should not.
ABOUT = {
    "tempeval": "TempEval-3 training gold (TimeML), DATE and TIME timexes, all files",
    "polnear": "PolNeAR dev split, all documents, span F1 by overlap",
    "ecb_stories": "ECB+ topics 1-35, B-cubed F1 of stories against the gold events",
    "ecb_facts": "ECB+ topics of eval/gold/ecbplus-dev-facts.yaml, every document of each",
    "ecb_facts_quick": f"ECB+ topics {QUICK_TOPICS} of the same gold (the fast slice)",
    "seeds": "the five seed reports against ../shared/eval/seeds-dev-gold.yaml",
    "zyte": "Zyte article-extraction benchmark, html_to_text, all pages",
}


class HarnessError(RuntimeError):
    """A harness failed or printed something we cannot read."""


@dataclass(frozen=True, slots=True)
class Score:
    name: str  # "<task>.<metric>", the key in baseline.json
    value: float
    direction: gate.Direction = "higher"
    margin: float = 0.0  # noise allowed below the floor before the gate fails
    shown: str = ""  # how to print it when a ratio reads better than a rate ("5/6")


@dataclass(slots=True)
class Result:
    task: str
    status: str = "ok"  # ok | skipped | pending | failed
    scores: list[Score] = field(default_factory=list)
    note: str = ""
    seconds: float = 0.0
    detail: str = ""  # the scorer's own rows, printed with --verbose


@dataclass(frozen=True, slots=True)
class Context:
    shared: Path
    work: Path


# --- running harnesses ---------------------------------------------------------------------------


def harness(args: Sequence[str | Path]) -> str:
    """Run a Python script from the repository root and return its stdout."""
    # A fixed hash seed keeps set and dict iteration order, and so tie-breaks in clustering,
    # the same from run to run: the ratchet compares numbers, so they must be reproducible.
    env = os.environ | {"PYTHONHASHSEED": "0"}
    cmd = [sys.executable, *map(str, args)]
    proc = subprocess.run(
        cmd, cwd=REPO, capture_output=True, text=True, timeout=TIMEOUT, env=env, check=False
    )
    if proc.returncode != 0:
        tail = " | ".join((proc.stderr or proc.stdout).strip().splitlines()[-5:])
        raise HarnessError(f"{Path(str(args[0])).name} exited {proc.returncode}: {tail}")
    return proc.stdout


def grab(pattern: str, text: str, what: str) -> tuple[str, ...]:
    match = re.search(pattern, text, re.MULTILINE)
    if not match:
        raise HarnessError(f"cannot read {what} from the harness output")
    return match.groups()


def ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


# --- tasks ---------------------------------------------------------------------------------------


def task_tempeval(ctx: Context) -> Result:
    data = ctx.shared / "data" / "tempeval3" / "Training"
    if not data.is_dir():
        return Result("tempeval", "skipped", note=f"{data} not found")
    out = json.loads(harness(["benchmarks/eval_tempeval.py", "--json", "--data", data]))
    margin = 0.002  # about three timexes of 1,535
    return Result(
        "tempeval",
        scores=[
            Score("tempeval.value_f1", out["value_f1"], margin=margin),
            Score("tempeval.relaxed_extent_f1", out["relaxed_f1"], margin=margin),
            Score("tempeval.strict_extent_f1", out["strict_f1"], margin=margin),
        ],
        note=f"TimeML training gold, DATE+TIME, {out['documents']} docs, {out['gold']} timexes",
    )


def task_polnear(ctx: Context) -> Result:
    data = ctx.shared / "data" / "polnear"
    if not (data / "data" / "dev").is_dir():
        return Result("polnear", "skipped", note=f"{data}/data/dev not found")
    stdout = harness(["benchmarks/eval_polnear.py", "--split", "dev", "--json", "--data", data])
    f1s, docs = polnear_f1s(stdout)
    if f1s is None:
        # The harness is still being built by its owner: show the row, judge nothing.
        return Result("polnear", "pending", note="eval_polnear.py output not readable yet")
    scores = [Score(f"polnear.{r}_overlap_f1", f1, margin=0.003) for r, f1 in f1s.items()]
    return Result("polnear", scores=scores, note=f"dev split, all {docs} docs, overlap match")


def polnear_f1s(stdout: str) -> tuple[dict[str, float] | None, int | str]:
    """Overlap F1 per role from the JSON report, or from the text table as a fallback."""
    try:
        out = json.loads(stdout)
        roles = out["roles"]
        return {r: float(roles[r]["overlap"]["f1"]) for r in ("source", "cue", "content")}, out[
            "docs"
        ]
    except (json.JSONDecodeError, KeyError, TypeError):
        pass
    rows = re.findall(r"^(source|cue|content)\s+overlap\s+[\d.]+\s+[\d.]+\s+([\d.]+)", stdout, re.M)
    docs = re.search(r"(\d+) docs", stdout)
    if len(rows) == 3:
        return {r: float(f1) for r, f1 in rows}, docs.group(1) if docs else "?"
    return None, "?"


def task_ecb_stories(ctx: Context) -> Result:
    if not ecb_dir(ctx).is_dir():
        return Result("ecb_stories", "skipped", note=f"{ecb_dir(ctx)} not found")
    spec = f"{DEV_TOPICS.start}-{DEV_TOPICS.stop - 1}"
    stdout = harness(["benchmarks/eval_ecb_stories.py", "--topics", spec])
    p, r, f1, docs, stories, events = grab(
        r"B-cubed P=([\d.]+) R=([\d.]+) F1=([\d.]+) \| (\d+) docs, (\d+) stories \((\d+) gold",
        stdout,
        "B-cubed scores",
    )
    return Result(
        "ecb_stories",
        scores=[Score("ecb_stories.bcubed_f1", float(f1), margin=0.005)],
        note=f"topics {spec}: P {p} R {r}, {docs} docs, {stories} stories for {events} events",
    )


def task_ecb_facts(ctx: Context) -> Result:
    return ecb_facts(ctx, "ecb_facts", None)


def task_ecb_facts_quick(ctx: Context) -> Result:
    return ecb_facts(ctx, "ecb_facts_quick", QUICK_TOPICS)


def task_seeds(ctx: Context) -> Result:
    if not (ctx.shared / "seeds").is_dir():
        return Result("seeds", "skipped", note="../shared/seeds not found")
    out = harness(["benchmarks/eval_seeds.py"])
    found, total = map(int, grab(r"facts found (\d+)/(\d+)", out, "facts found"))
    right, _ = map(int, grab(r"right status (\d+)/(\d+)", out, "right statuses"))
    false, pairs = map(int, grab(r"false conflicts (\d+)/(\d+)", out, "false conflicts"))
    held, broken = map(int, grab(r"constraints_held=(\d+) constraints_broken=(\d+)", out, "ok"))
    constraints = f"{broken}/{held + broken}"
    return Result(
        "seeds",
        scores=[
            Score("seeds.right_rate", ratio(right, total), shown=f"{right}/{total}"),
            Score("seeds.false_conflicts", false, "lower", shown=f"{false}/{pairs}"),
            Score("seeds.story_constraints_broken", broken, "lower", shown=constraints),
        ],
        note=f"dev gold (part of the reading): {found}/{total} facts found",
    )


def task_zyte(ctx: Context) -> Result:
    if not (ctx.shared / "data" / "zyte-article-extraction" / "html").is_dir():
        return Result("zyte", "skipped", note="zyte-article-extraction not found")
    out = harness(["benchmarks/eval_zyte.py", "--shared", ctx.shared])
    pattern = r"pages (\d+): precision ([\d.]+) recall ([\d.]+) F1 ([\d.]+)"
    pages, p, r, f1 = grab(pattern, out, "F1")
    (speed,) = grab(r"([\d.]+) pages/s", out, "speed")
    return Result(
        "zyte",
        scores=[Score("zyte.f1", float(f1), margin=0.002)],
        note=f"html_to_text on all {pages} pages: P {p} R {r}, {speed} pages/s",
    )


TASKS: dict[str, Callable[[Context], Result]] = {
    "tempeval": task_tempeval,
    "polnear": task_polnear,
    "ecb_stories": task_ecb_stories,
    "ecb_facts": task_ecb_facts,
    "ecb_facts_quick": task_ecb_facts_quick,
    "seeds": task_seeds,
    "zyte": task_zyte,
}


# --- ECB+ facts ----------------------------------------------------------------------------------

# Runs in a child process, like the other harnesses, so that it gets the same fixed hash seed
# and its model loading is part of its measured time.
FACTS_WORKER = """
import sys
from claimgraph import api
db, listing, out = sys.argv[1:4]
paths = [p for p in open(listing, encoding="utf-8").read().splitlines() if p]
api.run(paths, db)
open(out, "w", encoding="utf-8").write(api.export(db, "json"))
"""


def ecb_dir(ctx: Context) -> Path:
    return ctx.shared / "data" / "ecbplus" / "ECB+"


def topic_of(key: str) -> int:
    """ECB+ topic of an event name ("20ecbplus") or an article key ("20_3ecb")."""
    match = re.match(r"\d+", key)
    if not match:
        raise ValueError(f"not an ECB+ key: {key}")
    return int(match.group())


def ecb_facts(ctx: Context, name: str, topics: Iterable[int] | None) -> Result:
    scorer = ctx.shared / "eval" / "score_facts.py"
    if not ecb_dir(ctx).is_dir() or not scorer.exists():
        return Result(name, "skipped", note="ECB+ data or score_facts.py not found")
    events = gold_events(topics)
    wanted = sorted({topic_of(e["event"]) for e in events})
    held_out = [t for t in wanted if t not in DEV_TOPICS]
    if held_out:
        raise HarnessError(f"the gold names held-out topics {held_out}: refusing to run them")
    gold = ctx.work / f"{name}-gold.yaml"
    gold.write_text(yaml.safe_dump({"events": events}, sort_keys=False), encoding="utf-8")
    listing = ctx.work / f"{name}-paths.txt"
    listing.write_text("\n".join(map(str, convert(ctx, wanted))) + "\n", encoding="utf-8")
    db, export = ctx.work / f"{name}.db", ctx.work / f"{name}-export.json"
    db.unlink(missing_ok=True)
    harness(["-c", FACTS_WORKER, db, listing, export])
    counts = json.loads(harness([scorer, export, gold, "--json"]))
    return facts_result(name, counts, wanted, harness([scorer, export, gold]))


def gold_events(topics: Iterable[int] | None) -> list[dict]:
    events: list[dict] = yaml.safe_load(GOLD.read_text(encoding="utf-8"))["events"]
    if topics is None:
        return events
    keep = set(topics)
    return [e for e in events if topic_of(e["event"]) in keep]


def convert(ctx: Context, topics: Sequence[int]) -> list[Path]:
    """Text files of every document of ``topics`` (development topics only)."""
    out = ctx.work / "ecb-text"
    todo = [t for t in topics if not any(out.glob(f"{t}_*.txt"))]
    converter = ctx.shared / "eval" / "ecbplus_to_text.py"
    for topic in todo:  # one topic at a time: a range would also convert the topics between
        harness([converter, ecb_dir(ctx), out, "--topics", f"{topic}-{topic}"])
    return sorted(p for t in topics for p in out.glob(f"{t}_*.txt"))


def facts_result(name: str, c: dict, topics: Sequence[int], rows: str) -> Result:
    total, pairs = c["total"], c["pairs"]
    return Result(
        name,
        scores=[
            Score(f"{name}.found_rate", ratio(c["found"], total), shown=f"{c['found']}/{total}"),
            Score(f"{name}.right_rate", ratio(c["right"], total), shown=f"{c['right']}/{total}"),
            Score(
                f"{name}.false_conflict_rate",
                ratio(c["violations"], pairs),
                "lower",
                shown=f"{c['violations']}/{pairs}",
            ),
        ],
        note=f"own dev gold, topics {','.join(map(str, topics))}: {total} facts, {pairs} pairs",
        detail=rows,
    )


# --- the whole run -------------------------------------------------------------------------------


def evaluate(names: Sequence[str], ctx: Context, echo: Callable[[str], None]) -> list[Result]:
    results = []
    for name in names:
        echo(f"running {name} ...")
        started = time.perf_counter()
        try:
            result = TASKS[name](ctx)
        except (HarnessError, subprocess.SubprocessError, OSError, ValueError) as exc:
            result = Result(name, "failed", note=str(exc))
        result.seconds = time.perf_counter() - started
        results.append(result)
    return results


def scores_of(results: Iterable[Result]) -> dict[str, float]:
    return {s.name: float(s.value) for r in results for s in r.scores}


def expected_scores(results: Iterable[Result], pins: dict[str, gate.Pin]) -> list[str]:
    """Pinned scores of the tasks that ran or failed: a failed task must not pass silently."""
    judged = {r.task for r in results if r.status in ("ok", "failed")}
    return [n for n in pins if n.split(".", 1)[0] in judged]


def verdicts(results: list[Result], pins: dict[str, gate.Pin]) -> list[gate.Verdict]:
    return gate.compare(scores_of(results), pins, expected_scores(results, pins))


def format_table(results: list[Result], pins: dict[str, gate.Pin], total: float) -> str:
    lines = [f"{'task':16} {'score':28} {'value':>8} {'floor':>8} {'time':>7}  note"]
    for r in results:
        rows = r.scores or [None]
        for i, s in enumerate(rows):
            task, secs = (r.task, f"{r.seconds:.0f}s") if i == 0 else ("", "")
            note = (r.note if r.status == "ok" else f"[{r.status}] {r.note}") if i == 0 else ""
            if s is None:
                lines.append(f"{task:16} {'-':28} {'':>8} {'':>8} {secs:>7}  {note}")
                continue
            metric, value = s.name.split(".", 1)[1], s.shown or f"{s.value:.4f}"
            pin = pins.get(s.name)
            floor = f"{pin.floor:.4f}" if pin else "new"
            arrow = "" if s.direction == "higher" else " (lower is better)"
            lines.append(f"{task:16} {metric:28} {value:>8} {floor:>8} {secs:>7}  {note}{arrow}")
    lines.append(f"total {total:.0f}s")
    return "\n".join(line.rstrip() for line in lines)


def as_json(results: list[Result], checked: list[gate.Verdict], total: float) -> str:
    tasks = [
        {
            "task": r.task,
            "status": r.status,
            "seconds": round(r.seconds, 1),
            "note": r.note,
            "scores": {s.name: s.value for s in r.scores},
        }
        for r in results
    ]
    failing = [v.describe() for v in gate.regressions(checked)]
    report = {"tasks": tasks, "total_seconds": round(total, 1)}
    report["gate"] = {"checked": len(checked), "regressions": failing}
    return json.dumps(report, indent=2)


def update_baseline(results: list[Result], pins: dict[str, gate.Pin], allow_lower: bool) -> int:
    specs = {s.name: (s.direction, s.margin) for r in results for s in r.scores}
    update = gate.ratchet(pins, scores_of(results), specs, allow_lower)
    if not update.ok:
        print("baseline NOT updated: these scores would lower their floor (--allow-lower):")
        print("\n".join(f"  {line}" for line in update.refused))
        return 1
    notes = {name: ABOUT.get(name.split(".", 1)[0], "") for name in update.pins}
    BASELINE.write_text(gate.dump(update.pins, notes), encoding="utf-8")
    print(f"baseline updated: {BASELINE.relative_to(REPO)} ({len(update.pins)} scores)")
    return 0


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", help=f"comma-separated tasks: {', '.join(TASKS)}")
    parser.add_argument("--fast", action="store_true", help=f"only {', '.join(FAST_TASKS)}")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--update-baseline", action="store_true", help="pin the current scores")
    parser.add_argument("--allow-lower", action="store_true", help="let an update lower a floor")
    parser.add_argument("--keep", type=Path, help="keep texts, databases and exports here")
    parser.add_argument("--verbose", action="store_true", help="print the ECB+ scorer's rows")
    return parser.parse_args(argv)


def chosen(args: argparse.Namespace) -> list[str]:
    if args.fast:
        return list(FAST_TASKS)
    if not args.only:
        return list(TASKS)
    names = [n.strip() for n in args.only.split(",") if n.strip()]
    unknown = [n for n in names if n not in TASKS]
    if unknown:
        raise SystemExit(f"unknown task(s): {', '.join(unknown)}; known: {', '.join(TASKS)}")
    return names


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    names = chosen(args)
    if not (SHARED / "eval").is_dir():
        message = f"{SHARED} is not present (the evaluation data lives there)"
        print(json.dumps({"skipped": message}) if args.json else f"skipped: {message}")
        return 0
    work = args.keep or Path(tempfile.mkdtemp(prefix="claimgraph-eval-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    results = evaluate(names, Context(SHARED, work), progress_printer(quiet=args.json))
    total = time.perf_counter() - started
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return report(args, results, total)


def progress_printer(quiet: bool) -> Callable[[str], None]:
    def echo(message: str) -> None:
        if not quiet:  # with --json, stdout carries only the JSON document
            print(message, file=sys.stderr, flush=True)

    return echo


def report(args: argparse.Namespace, results: list[Result], total: float) -> int:
    pins = gate.load(BASELINE)
    checked = verdicts(results, pins)
    if args.json:
        print(as_json(results, checked, total))
    else:
        print(format_table(results, pins, total))
        if args.verbose:
            print("\n".join(r.detail for r in results if r.detail))
        failing = gate.regressions(checked)
        print(f"gate: {len(checked)} scores checked against {BASELINE.name}, {len(failing)} below")
        print("\n".join(f"  {v.describe()}" for v in failing))
    failed = [r.task for r in results if r.status == "failed"]
    if failed:
        print(f"failed: {', '.join(failed)} (their pinned floors are kept)")
    if args.update_baseline:
        return update_baseline(results, pins, args.allow_lower) or int(bool(failed))
    return 1 if failed or gate.regressions(checked) else 0


if __name__ == "__main__":
    sys.exit(main())

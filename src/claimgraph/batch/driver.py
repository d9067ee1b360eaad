"""The batch driver: plan, scan, analyse shards on an engine, then the corpus stages here.

1. plan: walk the inputs into units (``stat`` only);
2. scan (workers): cut units into shards, count furniture lines; cached in the state folder;
3. the corpus-wide boilerplate set: the summed counts, thresholded as ``repeated_lines`` does
   (a per-shard set would not be the same: a footer in three documents of three shards is
   boilerplate to ``claimgraph run`` and to no single shard);
4. analyse (workers): every shard without a completion marker;
5. corpus stages (here): the same ``pipeline.derive_corpus`` ``claimgraph run`` calls.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from claimgraph.batch.output import write_out_only, write_store
from claimgraph.batch.shards import Shard, UnitScan, plan_units
from claimgraph.batch.state import RESULT_FORMAT, StateDir
from claimgraph.batch.work import ScanOutcome, ShardOutcome, analyse_task, scan_task
from claimgraph.ingest.files import ReadError
from claimgraph.settings import Settings
from claimgraph.store.base import Analysis

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass(slots=True)
class BatchSummary:
    read: int = 0  # distinct articles
    added: int = 0  # new in the store (all of them when writing Parquet only)
    unchanged: int = 0  # already in the store
    errors: list[ReadError] = field(default_factory=list)  # bad inputs and failed shards
    failed_shards: list[ReadError] = field(default_factory=list)  # source: the shard
    shards: int = 0
    shards_run: int = 0  # analysed by this batch
    shards_reused: int = 0  # finished by an earlier, interrupted batch
    workers: int = 0
    state_dir: str = ""
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)  # scan, articles, corpus
    driver_cpu_seconds: dict[str, float] = field(default_factory=dict)  # the same, CPU here
    counts: dict[str, int] = field(default_factory=dict)


class Engine(Protocol):
    workers: int

    def run(
        self, fn: Callable[..., Any], calls: Sequence[tuple[Any, ...]]
    ) -> Iterator[tuple[int, Any]]: ...

    def close(self) -> None: ...


@dataclass(frozen=True, slots=True)
class Job:
    inputs: Sequence[str]
    db: str | None
    out: str | None
    state: StateDir
    settings: Settings
    shard_size: int
    progress: Progress | None
    corpus_stage: bool = True


def run_batch(job: Job, engine: Engine) -> BatchSummary:
    """Per-article stages on ``engine`` (closed when they are done), corpus stages here."""
    started = time.perf_counter()
    summary = BatchSummary(workers=engine.workers, state_dir=str(job.state.root))
    clock = _Clock(summary)
    try:
        scans = _scan(job, engine, summary)
        clock.lap("scan")
        shards = [shard for scan in scans for shard in scan.shards]
        ids, digest = _shard_ids(job, scans, summary)
        _analyse(job, engine, shards, ids, digest, summary)
        clock.lap("articles")
    finally:
        engine.close()  # free the workers' memory before the corpus stages
    done = [i for i in ids if job.state.is_done(i)]
    if job.corpus_stage:
        _finish(job, done, summary)
        clock.lap("corpus")
    else:  # the shards stay in the state folder for a later batch to reuse
        for shard_id in done:
            marker = job.state.load_marker(shard_id)
            summary.errors.extend(marker.errors)
            summary.read += marker.articles  # before duplicates across shards are dropped
    summary.seconds = time.perf_counter() - started
    return summary


class _Clock:
    """Wall time per stage, and this (the driver's) process's CPU time: on a busy machine
    the CPU time of the corpus stage is the figure that does not depend on the neighbours."""

    def __init__(self, summary: BatchSummary) -> None:
        self.summary = summary
        self.last = time.perf_counter()
        self.last_cpu = time.process_time()

    def lap(self, stage: str) -> None:
        now, cpu = time.perf_counter(), time.process_time()
        self.summary.stage_seconds[stage] = now - self.last
        self.summary.driver_cpu_seconds[stage] = cpu - self.last_cpu
        self.last, self.last_cpu = now, cpu


def _scan(job: Job, engine: Engine, summary: BatchSummary) -> list[UnitScan]:
    """Every unit's scan, in input order; scans cached by an earlier batch are reused."""
    units, missing = plan_units(job.inputs, job.shard_size)
    summary.errors.extend(missing)
    scans: dict[int, UnitScan] = {}
    todo: list[int] = []
    for i, unit in enumerate(units):
        cached = job.state.load_scan(unit, job.shard_size)
        if cached is None:
            todo.append(i)
        else:
            scans[i] = cached
    calls = [(units[i], job.shard_size, str(job.state.root)) for i in todo]
    for done, (k, outcome) in enumerate(engine.run(scan_task, calls), 1):
        unit = units[todo[k]]
        if isinstance(outcome, ScanOutcome) and outcome.scan is not None:
            scans[todo[k]] = outcome.scan
        else:
            _fail(summary, unit.describe(), _why(outcome))
        _tick(job, "scan", done, len(todo))
    return [scans[i] for i in range(len(units)) if i in scans]


def _shard_ids(job: Job, scans: list[UnitScan], summary: BatchSummary) -> tuple[list[str], str]:
    """The boilerplate set, saved under its digest, and each shard's id under that set.
    Counts are summed per unit as listed: a file named twice counts twice, as in ``run``."""
    counts: Counter[str] = Counter()
    for scan in scans:
        counts.update(scan.counts)
    shards = [shard for scan in scans for shard in scan.shards]
    threshold = job.settings.boilerplate_min_docs
    digest = job.state.save_repeated(frozenset(x for x, n in counts.items() if n >= threshold))
    # A shard's result depends on its input, the boilerplate set and the settings: all three
    # are in its id, so a changed input or corpus is analysed afresh, never mixed with old.
    # (batch_size only paces spaCy: a batch resumed with another one reuses the shards)
    salt = f"{digest}|{replace(job.settings, batch_size=0)!r}|{RESULT_FORMAT}"
    ids = [hashlib.sha1(f"{s.key()}|{salt}".encode()).hexdigest()[:24] for s in shards]
    summary.shards = len(shards)
    return ids, digest


def _analyse(
    job: Job,
    engine: Engine,
    shards: list[Shard],
    ids: list[str],
    digest: str,
    summary: BatchSummary,
) -> None:
    first = {shard_id: i for i, shard_id in reversed(list(enumerate(ids)))}
    todo = [i for shard_id, i in first.items() if not job.state.is_done(shard_id)]
    todo.sort()  # a file named twice is one shard: analysed once, read twice at the end
    summary.shards_reused = len(first) - len(todo)
    root = str(job.state.root)
    calls = [(shards[i], ids[i], digest, job.settings, root) for i in todo]
    for done, (k, outcome) in enumerate(engine.run(analyse_task, calls), 1):
        shard = shards[todo[k]]
        if isinstance(outcome, ShardOutcome) and outcome.failure is None:
            summary.shards_run += 1
        else:
            _fail(summary, shard.describe(), _why(outcome))
        _tick(job, "articles", done, len(todo))


def _why(outcome: Any) -> str:
    if isinstance(outcome, ScanOutcome | ShardOutcome) and outcome.failure:
        return outcome.failure
    return f"{type(outcome).__name__}: {outcome}"


def _fail(summary: BatchSummary, where: str, why: str) -> None:
    error = ReadError(where, None, f"shard failed and was skipped: {why}")
    summary.failed_shards.append(error)
    summary.errors.append(error)


def _tick(job: Job, stage: str, done: int, total: int) -> None:
    if job.progress is not None:
        job.progress(stage, done, total)


def _finish(job: Job, done_ids: list[str], summary: BatchSummary) -> None:
    """Corpus stages over every finished shard, in input order."""
    for shard_id in done_ids:
        summary.errors.extend(job.state.load_marker(shard_id).errors)
    analyses = _analyses(job.state, done_ids)
    if job.db:
        # a failed shard is retried by the next batch: the store keeps only input errors
        lasting = [e for e in summary.errors if e not in summary.failed_shards]
        written = write_store(job.db, analyses, lasting, job.out)
    else:
        assert job.out is not None
        written = write_out_only(job.out, analyses)
    summary.read, summary.added = written.read, written.added
    summary.unchanged = written.read - written.added
    summary.counts = written.counts or {"articles": written.read}


def _analyses(state: StateDir, ids: list[str]) -> Iterator[Analysis]:
    for shard_id in ids:
        yield from state.analyses(shard_id)


def default_state_dir(db: str | None, out: str | None) -> str:
    """Next to the output, so rerunning the same command resumes the same batch."""
    if out:
        return os.path.join(out, "_batch_state")
    if db and "://" not in db:
        return f"{db}.batch"
    return ".claimgraph-batch"

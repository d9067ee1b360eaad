"""Batch runs over large inputs: the per-article stages on a process pool or a Dask cluster,
resumable shard by shard, then the corpus stages exactly as ``claimgraph run`` does them.

    from claimgraph.batch import batch
    summary = batch(["crawl/"], engine="dask", db="corpus.db", out="parquet/")

Inputs are folders, files, JSONL(.gz) and WARC(.gz) files. The result equals ``claimgraph run``
on the same input (WARC aside, which ``run`` does not read). See docs/cluster.md.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from claimgraph.batch.driver import (
    BatchSummary,
    Engine,
    Job,
    Progress,
    default_state_dir,
    run_batch,
)
from claimgraph.batch.state import StateDir
from claimgraph.settings import Settings

__all__ = ["BatchSummary", "DEFAULT_SHARD_SIZE", "batch"]

# Articles (lines, records, files) per shard: about half a minute of work per core, so a killed
# batch loses little, while per-shard overheads (a task, two small files) stay negligible.
DEFAULT_SHARD_SIZE = 1000


def batch(
    inputs: Sequence[str],
    *,
    engine: str = "local",
    scheduler: str | None = None,
    db: str | None = None,
    out: str | None = None,
    workers: int | None = None,
    state_dir: str | None = None,
    settings: Settings | None = None,
    shard_size: int = DEFAULT_SHARD_SIZE,
    progress: Progress | None = None,
    corpus_stage: bool = True,
) -> BatchSummary:
    """Analyse ``inputs`` into ``db`` (SQLite path or PostgreSQL URL) and/or ``out`` (a folder
    of Parquet files).

    ``engine`` is ``"local"`` (``workers`` processes; one worker runs in this process) or
    ``"dask"`` (a local cluster of ``workers`` processes, or the cluster at ``scheduler``).
    ``workers`` defaults to the number of CPUs. ``state_dir`` holds the shard results and
    completion markers (default: next to ``out`` or ``db``); running the same batch again
    reuses every finished shard. Bad inputs and failed shards are reported in the summary's
    ``errors``, never fatal. With ``corpus_stage=False`` the batch stops after the
    per-article stages: a later batch with the same state folder reuses every shard and runs
    the corpus stages (the cluster and the driver's big-memory step need not be at one time).
    Raises ``ClaimgraphError`` for unusable options.
    """
    from claimgraph.api import ClaimgraphError

    _check(inputs, engine, scheduler, db or out or (state_dir if not corpus_stage else None))
    if shard_size < 1:
        raise ClaimgraphError(f"shard size must be at least 1 (got {shard_size})")
    if out:
        _need_pyarrow()
    count = workers if workers is not None else (os.cpu_count() or 1)
    if count < 1:
        raise ClaimgraphError(f"workers must be at least 1 (got {count})")
    # absolute: workers elsewhere (other machines, other working folders) open it too
    state = StateDir(Path(state_dir or default_state_dir(db, out)).absolute())
    state.prepare()
    job = Job(inputs, db, out, state, settings or Settings(), shard_size, progress, corpus_stage)
    return run_batch(job, _engine(engine, scheduler, count))


def _check(inputs: Sequence[str], engine: str, scheduler: str | None, dest: str | None) -> None:
    from claimgraph.api import ClaimgraphError

    if not inputs:
        raise ClaimgraphError("no inputs given")
    if "-" in inputs:  # shards are files workers open; a stream is not
        raise ClaimgraphError("batch cannot read stdin: save it as a .jsonl file first")
    if engine not in ("local", "dask"):
        raise ClaimgraphError(f"unknown engine {engine!r} (choose local or dask)")
    if scheduler and engine != "dask":
        raise ClaimgraphError("--scheduler needs --engine dask")
    if not dest:
        raise ClaimgraphError("say where results go: --db and/or --out")


def _need_pyarrow() -> None:
    from claimgraph.api import ClaimgraphError

    try:
        import pyarrow  # noqa: F401
    except ImportError as exc:
        raise ClaimgraphError("--out needs pyarrow: pip install 'claimgraph[dask]'") from exc


def _engine(name: str, scheduler: str | None, workers: int) -> Engine:
    from claimgraph.api import ClaimgraphError

    if name == "local":
        from claimgraph.batch.local import open_local

        return open_local(workers)
    from claimgraph.batch.dask import open_dask

    try:
        return open_dask(scheduler, workers)
    except (RuntimeError, OSError) as exc:  # not installed, or no scheduler at that address
        raise ClaimgraphError(f"cannot start the dask engine: {exc}") from exc

"""The local engine: a pool of worker processes on this machine (``--engine local``).

Measured on a 2-core machine, two plain processes beat every distributed engine (DESIGN.md,
"Scale"): no scheduler, no serialisation beyond pickling a shard's name. With one worker the
tasks run in this process, which is what a laptop run of a small corpus wants.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from typing import Any

Call = tuple[Any, ...]


class InlineEngine:
    """Runs every task here, in order: no processes to start."""

    workers = 1

    def run(self, fn: Callable[..., Any], calls: Sequence[Call]) -> Iterator[tuple[int, Any]]:
        for index, args in enumerate(calls):
            try:
                yield index, fn(*args)
            except Exception as exc:  # noqa: BLE001  # reported per task, like the pools do
                yield index, exc

    def close(self) -> None:
        pass


class ProcessEngine:
    """A ``ProcessPoolExecutor`` of ``workers`` processes."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context())

    def run(self, fn: Callable[..., Any], calls: Sequence[Call]) -> Iterator[tuple[int, Any]]:
        futures: dict[Future[Any], int] = {
            self.pool.submit(fn, *args): i for i, args in enumerate(calls)
        }
        for future in as_completed(futures):
            try:
                yield futures[future], future.result()
            except Exception as exc:  # noqa: BLE001  # a dead worker (killed, out of memory)
                yield futures[future], exc

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _context() -> multiprocessing.context.BaseContext:
    """Fork when this process runs no other thread (the CLI): workers start at once with
    claimgraph already imported (about 5 s per process saved here). A process with threads
    (a notebook, a server) could hand a held lock to the child, so it gets a fork server."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def open_local(workers: int) -> InlineEngine | ProcessEngine:
    return InlineEngine() if workers <= 1 else ProcessEngine(workers)

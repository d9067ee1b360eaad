"""The Dask engine (``--engine dask``): tasks on a ``dask.distributed`` cluster.

Without a scheduler address this starts a ``LocalCluster`` of ``workers`` single-threaded
worker processes (spaCy holds the GIL for much of its work, so threads would not add
throughput); with one it connects to a running cluster (``dask scheduler`` / ``dask worker``,
dask-jobqueue, Kubernetes: see docs/cluster.md). Tasks are the same plain functions the local
engine runs; each worker process keeps its model between tasks (``batch.work``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from typing import Any

Call = tuple[Any, ...]


class DaskEngine:
    def __init__(self, scheduler: str | None, workers: int) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # the optional extra is not installed
            raise RuntimeError(
                "the dask engine needs dask.distributed: pip install 'claimgraph[dask]'"
            ) from exc
        self.cluster: Any = None
        if scheduler:
            self.client = Client(scheduler, timeout=30)
        else:
            import dask

            # The statistical profiler samples every worker's stack each 10 ms, taking the
            # GIL from spaCy: about 10% of the CPU on this workload, measured. Our cluster,
            # our setting; a cluster given by address keeps its own configuration.
            with dask.config.set({"distributed.worker.profile.enabled": False}):
                self.cluster = LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
            self.client = Client(self.cluster)
        self.workers = len(self.client.scheduler_info().get("workers", {})) or workers

    def run(self, fn: Callable[..., Any], calls: Sequence[Call]) -> Iterator[tuple[int, Any]]:
        from distributed import as_completed

        # pure=False: a task's result lives in the state folder, not in Dask's memory, and
        # re-running a shard must really re-run it
        futures = [self.client.submit(fn, *args, pure=False) for args in calls]
        index = {future.key: i for i, future in enumerate(futures)}
        for future in as_completed(futures):
            try:
                yield index[future.key], future.result()
            except Exception as exc:  # noqa: BLE001  # KilledWorker and the like: per task
                yield index[future.key], exc
            future.release()

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def open_dask(scheduler: str | None, workers: int) -> DaskEngine:
    return DaskEngine(scheduler, workers)

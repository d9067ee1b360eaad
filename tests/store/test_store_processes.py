"""Several processes at one store, on every backend: concurrent writers, a writer killed mid-run,
two processes creating the schema at once. Children are spawned (no inherited connections)."""

from __future__ import annotations

import multiprocessing as mp
import time

import storekit
from storekit import Backend, assert_whole, numbered

pytest_plugins = ["storekit"]

CTX = mp.get_context("spawn")
TIMEOUT = 120


def _run_together(target, argsets: list[tuple]) -> list:
    """Start one process per argument tuple behind a barrier; collect what each reports."""
    barrier, results = CTX.Barrier(len(argsets)), CTX.Queue()
    procs = [CTX.Process(target=target, args=(*args, barrier, results)) for args in argsets]
    for p in procs:
        p.start()
    try:
        got = [results.get(timeout=TIMEOUT) for _ in procs]
    finally:
        for p in procs:
            p.join(TIMEOUT)
    assert [p.exitcode for p in procs] == [0] * len(procs)
    return got


def test_two_writers_neither_lose_nor_duplicate(backend: Backend, store):
    # Both start on the same twenty articles at the same moment, then each has ten of its own.
    overlap = list(range(10, 30))
    first, second = overlap + list(range(0, 10)), overlap + list(range(30, 40))
    added = _run_together(
        storekit.write_analyses, [(backend.location, first, 5), (backend.location, second, 5)]
    )
    assert sum(added) == 40  # every article was new to exactly one writer
    assert store.counts()["articles"] == 40
    assert_whole(store, claims_each=5)
    assert {a.article.source for a in store.analyses()} == {f"report-{i}.txt" for i in range(40)}


def test_a_writer_killed_mid_run_leaves_whole_articles_and_the_next_run_completes(
    backend: Backend, store
):
    total, claims = 60, 150  # big transactions, so the kill most likely lands inside one
    started = CTX.Event()
    child = CTX.Process(
        target=storekit.write_analyses,
        args=(backend.location, range(total), claims, None, None, started),
    )
    child.start()
    assert started.wait(TIMEOUT), "the writer never stored an article"
    time.sleep(0.05)
    child.kill()
    child.join(TIMEOUT)
    before = store.counts()["articles"]
    assert before >= 1
    assert_whole(store, claims_each=claims)
    # The next run adds exactly what is missing.
    added = sum(store.add_analysis(numbered(i, claims)) for i in range(total))
    assert added == total - before
    assert_whole(store, claims_each=claims)
    assert store.counts()["articles"] == total


def test_two_processes_creating_the_schema_at_once_both_succeed(backend: Backend):
    versions = _run_together(storekit.open_and_report, [(backend.location,), (backend.location,)])
    assert versions == [backend.current_version] * 2

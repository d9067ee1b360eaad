"""``claimgraph batch`` gives the same export as ``claimgraph run`` on the same input."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from batchcorpus import write_corpus

from claimgraph import api
from claimgraph.batch import batch
from claimgraph.batch.output import parquet_rows

SHARD = 4  # small shards: loose files, .jsonl and .jsonl.gz are all cut into several


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], dict[str, Any]]:
    """The inputs, and the export of ``claimgraph run`` over them."""
    root = tmp_path_factory.mktemp("corpus")
    inputs = write_corpus(root)
    db = root / "run.db"
    summary = api.run(inputs, str(db))
    assert summary.read == 48 and not summary.errors
    return inputs, json.loads(api.export(str(db), "json"))


def _export(db: Path) -> dict[str, Any]:
    return json.loads(api.export(str(db), "json"))


def test_local_inline_equals_run(corpus: tuple[list[str], dict[str, Any]], tmp_path: Path):
    inputs, expected = corpus
    db = tmp_path / "b.db"
    summary = batch(inputs, db=str(db), workers=1, shard_size=SHARD, state_dir=str(tmp_path / "s"))
    assert (summary.read, summary.added, summary.errors) == (48, 48, [])
    assert summary.shards > 10 and summary.shards_run == summary.shards
    assert _export(db) == expected


def test_local_process_pool_equals_run(corpus: tuple[list[str], dict[str, Any]], tmp_path: Path):
    pytest.importorskip("pyarrow")
    inputs, expected = corpus
    db, out = tmp_path / "b.db", tmp_path / "parquet"
    summary = batch(inputs, db=str(db), out=str(out), workers=2, shard_size=SHARD)
    assert summary.workers == 2 and summary.read == 48
    assert _export(db) == expected
    assert _parquet(out) == parquet_rows(expected)
    assert summary.state_dir == str(out / "_batch_state")


def test_parquet_only_equals_run(corpus: tuple[list[str], dict[str, Any]], tmp_path: Path):
    """Without a store the corpus stages run on the shard files: the same tables."""
    pytest.importorskip("pyarrow")
    inputs, expected = corpus
    out = tmp_path / "parquet"
    summary = batch(inputs, out=str(out), workers=1, shard_size=SHARD)
    assert summary.read == 48
    assert _parquet(out) == parquet_rows(expected)


def test_second_batch_reuses_every_shard(corpus: tuple[list[str], dict[str, Any]], tmp_path: Path):
    inputs, expected = corpus
    state = str(tmp_path / "s")
    first = batch(inputs, db=str(tmp_path / "a.db"), workers=1, shard_size=SHARD, state_dir=state)
    again = batch(inputs, db=str(tmp_path / "b.db"), workers=1, shard_size=SHARD, state_dir=state)
    assert again.shards == first.shards and again.shards_run == 0
    assert again.shards_reused == first.shards
    assert _export(tmp_path / "b.db") == expected


def test_per_article_stages_now_corpus_stages_later(
    corpus: tuple[list[str], dict[str, Any]], tmp_path: Path
):
    """``corpus_stage=False`` stops after the shards; a later batch on the same state folder
    reuses them all and derives the same corpus."""
    inputs, expected = corpus
    state = str(tmp_path / "s")
    first = batch(inputs, state_dir=state, workers=1, shard_size=SHARD, corpus_stage=False)
    assert first.read == 49 and "corpus" not in first.stage_seconds  # 48 + 1 duplicate
    db = tmp_path / "b.db"
    later = batch(inputs, db=str(db), state_dir=state, workers=1, shard_size=SHARD)
    assert later.shards_run == 0 and later.shards_reused == first.shards
    assert _export(db) == expected


@pytest.fixture(scope="module")
def dask_scheduler() -> Iterator[str]:
    """Two single-threaded Dask workers as threads of this process (``processes=False``):
    the same scheduler and tasks as a cluster, without starting and importing into new
    processes, so the test takes seconds (the model is already loaded here)."""
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    )
    yield cluster.scheduler_address
    cluster.close()


def test_dask_equals_run(
    corpus: tuple[list[str], dict[str, Any]], dask_scheduler: str, tmp_path: Path
):
    inputs, expected = corpus
    db = tmp_path / "d.db"
    summary = batch(inputs, engine="dask", scheduler=dask_scheduler, db=str(db), shard_size=SHARD)
    assert summary.workers == 2 and summary.read == 48 and not summary.errors
    assert _export(db) == expected


def test_bad_options_are_reported(tmp_path: Path):
    with pytest.raises(api.ClaimgraphError, match="--db and/or --out"):
        batch(["x"])
    with pytest.raises(api.ClaimgraphError, match="unknown engine"):
        batch(["x"], db="x.db", engine="spark")
    with pytest.raises(api.ClaimgraphError, match="stdin"):
        batch(["-"], db="x.db")
    with pytest.raises(api.ClaimgraphError, match="needs --engine dask"):
        batch(["x"], db="x.db", scheduler="tcp://127.0.0.1:8786")


def _parquet(folder: Path) -> dict[str, list[dict[str, Any]]]:
    pq = pytest.importorskip("pyarrow.parquet")
    names = ("articles", "stories", "entities", "facts", "claims", "timeline")
    return {name: pq.read_table(folder / f"{name}.parquet").to_pylist() for name in names}

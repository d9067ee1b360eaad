"""A batch writes to PostgreSQL what ``claimgraph run`` writes to SQLite (skipped without
psycopg or the server binaries; the throwaway cluster is the store tests' one)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from batchcorpus import write_corpus

from claimgraph import api
from claimgraph.batch import batch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "store"))
pytest_plugins = ["pgcluster"]


def test_batch_into_postgres_equals_run_into_sqlite(tmp_path: Path, pg_url: str):
    inputs = write_corpus(tmp_path / "c")
    api.run(inputs, str(tmp_path / "run.db"))
    summary = batch(inputs, db=pg_url, workers=1, shard_size=5, state_dir=str(tmp_path / "s"))
    assert (summary.read, summary.added, summary.errors) == (48, 48, [])
    assert summary.counts["articles"] == 48
    assert json.loads(api.export(pg_url)) == json.loads(api.export(str(tmp_path / "run.db")))

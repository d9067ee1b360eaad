"""A batch killed midway (SIGKILL, pool and all) is finished by the next batch: shards with a
completion marker are reused, the rest are analysed, nothing is lost or counted twice."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from batchcorpus import write_corpus

from claimgraph import api
from claimgraph.batch import batch

SCRIPT = """
import sys
from claimgraph.batch import batch
from claimgraph.settings import Settings
batch(sys.argv[1:4], db=sys.argv[4], state_dir=sys.argv[5], workers=2, shard_size=2,
      settings=Settings(batch_size=1))
"""


def _markers(state: Path) -> list[Path]:
    return sorted((state / "shards").glob("*.done")) if (state / "shards").is_dir() else []


def test_killed_batch_is_finished_by_the_next(tmp_path: Path):
    inputs = write_corpus(tmp_path / "corpus")
    reference = tmp_path / "run.db"
    api.run(inputs, str(reference))
    db, state = tmp_path / "b.db", tmp_path / "state"
    proc = subprocess.Popen(
        [sys.executable, "-c", SCRIPT, *inputs, str(db), str(state)],
        start_new_session=True,  # its own process group: the kill takes the workers too
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None and len(_markers(state)) < 4:
        time.sleep(0.02)
    assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done_before = len(_markers(state))
    assert done_before >= 4
    assert not db.exists() or _count(db) == 0  # killed before the corpus stage

    summary = batch(inputs, db=str(db), state_dir=str(state), workers=1, shard_size=2)
    assert summary.shards_reused >= done_before
    assert summary.shards_run == summary.shards - summary.shards_reused > 0
    assert (summary.read, summary.added, summary.errors) == (48, 48, [])
    assert json.loads(api.export(str(db))) == json.loads(api.export(str(reference)))
    _assert_each_shard_once(state)


def _assert_each_shard_once(state: Path) -> None:
    """Every result file holds exactly what its marker says; no article is in two shards
    except the one the corpus gives twice (one JSON line in both JSONL files)."""
    seen: list[str] = []
    for marker in _markers(state):
        results = marker.with_name(marker.name.replace(".done", ".jsonl.gz"))
        with gzip.open(results, "rt", encoding="utf-8") as handle:
            ids = [json.loads(line)["article"]["id"] for line in handle]
        assert len(ids) == json.loads(marker.read_text())["articles"]
        seen.extend(ids)
    assert len(seen) == 49 and len(set(seen)) == 48


def _count(db: Path) -> int:
    import sqlite3

    with sqlite3.connect(db) as conn:
        try:
            return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        except sqlite3.OperationalError:
            return 0

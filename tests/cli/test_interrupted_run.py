"""A run killed midway leaves a consistent store, and the next run completes it."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from claimgraph import api


def _write_corpus(folder: Path, n: int) -> None:
    folder.mkdir()
    for i in range(n):
        text = (
            f"Officials in the river town of Port {i} said {i + 10} homes were flooded on Monday. "
            f"The council said repairs would cost about ${i + 2} million, according to a statement."
        )
        (folder / f"report_{i:03d}.txt").write_text(text + "\n")


def _articles(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])


def test_killed_run_is_completed_by_the_next_run(tmp_path: Path):
    corpus, db = tmp_path / "corpus", tmp_path / "k.db"
    _write_corpus(corpus, 150)
    cmd = [
        sys.executable,
        "-m",
        "claimgraph.cli",
        "run",
        str(corpus),
        "--db",
        str(db),
        "--no-progress",
        "--batch-size",
        "1",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists() and _safe_count(db) >= 5:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = _safe_count(db)
    assert 0 < partial <= 150
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        orphans = conn.execute(
            "SELECT COUNT(*) FROM claims WHERE article_id NOT IN (SELECT id FROM articles)"
        ).fetchone()[0]
    assert orphans == 0
    summary = api.run([str(corpus)], str(db))
    assert summary.read == 150 and summary.added == 150 - partial
    assert _articles(db) == 150
    again = api.run([str(corpus)], str(db))
    assert again.added == 0
    exported = json.loads(api.export(str(db), "json"))
    assert len(exported["articles"]) == 150


def _safe_count(db: Path) -> int:
    try:
        return _articles(db)
    except sqlite3.OperationalError:  # the schema is still being created
        return 0

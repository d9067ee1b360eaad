"""`claimgraph batch` gives the same export as `claimgraph run` on the same input."""

from __future__ import annotations

from pathlib import Path

from claimgraph import api
from claimgraph.cli import main


def test_batch_command_matches_run(tmp_path: Path, capsys):
    corpus = str(api.demo_corpus())
    run_db, batch_db = str(tmp_path / "run.db"), str(tmp_path / "batch.db")
    assert main(["run", corpus, "--db", run_db, "--no-progress"]) == 0
    args = ["batch", corpus, "--db", batch_db, "--workers", "1", "--shard-size", "4"]
    assert main(args) == 0
    assert "12 articles (12 new)" in capsys.readouterr().out
    assert api.export(batch_db, "json") == api.export(run_db, "json")

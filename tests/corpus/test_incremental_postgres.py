"""An incremental update into PostgreSQL gives what a full run into SQLite gives (skipped
without psycopg or the server binaries; the throwaway cluster is the store tests' one)."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from claimgraph import api
from claimgraph.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "store"))
pytest_plugins = ["pgcluster"]

DEMO = Path(__file__).resolve().parents[2] / "src" / "claimgraph" / "examples" / "corpus"


def _sorted_export(db: str) -> dict[str, list[str]]:
    export = json.loads(api.export(db))
    return {
        name: sorted(json.dumps(x, sort_keys=True) for x in rows)
        for name, rows in export.items()
        if isinstance(rows, list)
    }


def test_an_update_into_postgres_equals_a_full_run_into_sqlite(tmp_path: Path, pg_url: str):
    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir()
    later.mkdir()
    for i, f in enumerate(sorted(DEMO.iterdir())):
        shutil.copy(f, (later if i % 4 == 0 else first) / f.name)
    api.run([str(first)], pg_url, Settings())
    summary = api.run([str(later)], pg_url, Settings())
    assert summary.incremental is not None and summary.incremental.new_articles == 3
    full = str(tmp_path / "full.db")
    api.run([str(first), str(later)], full, Settings())
    assert _sorted_export(pg_url) == _sorted_export(full)

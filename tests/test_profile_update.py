"""The page count ``benchmarks/profile_update.py --pages`` reports: the pages a block of writes
put in SQLite's write-ahead log, by the table they belong to."""

from __future__ import annotations

import importlib.util
import sqlite3
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "profile_update.py"
ROWS = 4000


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("profile_update", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(tmp_path / "t.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    try:
        conn.execute("SELECT count(*) FROM dbstat").fetchone()
    except sqlite3.OperationalError:
        pytest.skip("this SQLite has no dbstat table")
    conn.execute("CREATE TABLE words (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID")
    conn.execute("CREATE TABLE other (id INTEGER PRIMARY KEY, value TEXT)")
    conn.executemany(
        "INSERT INTO words VALUES (?, ?)", ((f"w{i:05d}", "x" * 40) for i in range(ROWS))
    )
    conn.executemany("INSERT INTO other VALUES (?, ?)", ((i, "y" * 40) for i in range(ROWS)))
    return conn


def _rewrite(conn: sqlite3.Connection, keys: list[str]) -> None:
    conn.execute("BEGIN")
    conn.executemany("UPDATE words SET value = ? WHERE key = ?", (("z" * 40, k) for k in keys))
    conn.execute("COMMIT")


def test_a_few_rows_write_a_few_pages_of_their_table_only(conn: sqlite3.Connection) -> None:
    profile_update = _script()
    out: dict[str, object] = {}
    with profile_update.pages_written(conn, out):
        _rewrite(conn, ["w00010", "w00011"])  # neighbours: one leaf page, and its parents
    by_owner = out["pages"]["by_owner"]  # type: ignore[index]
    assert set(by_owner) == {"words"}
    written, had = by_owner["words"]
    assert 1 <= written <= 3 < had


def test_a_row_on_every_page_rewrites_the_whole_table(conn: sqlite3.Connection) -> None:
    profile_update = _script()
    out: dict[str, object] = {}
    with profile_update.pages_written(conn, out):
        _rewrite(conn, [f"w{i:05d}" for i in range(0, ROWS, 2)])
    written, had = out["pages"]["by_owner"]["words"]  # type: ignore[index]
    leaves = conn.execute(
        "SELECT count(*) FROM dbstat WHERE name = 'words' AND pagetype = 'leaf'"
    ).fetchone()[0]
    # Every leaf; the interior pages hold keys only, and no key changed
    assert leaves <= written <= had
    assert "other" not in out["pages"]["by_owner"]  # type: ignore[index]


def test_the_log_is_checkpointed_and_autocheckpoints_again_after(conn: sqlite3.Connection) -> None:
    profile_update = _script()
    conn.execute("PRAGMA wal_autocheckpoint=500")
    with profile_update.pages_written(conn, {}):
        _rewrite(conn, ["w00001"])
    assert conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 500
    assert (
        profile_update.wal_pages(Path(conn.execute("PRAGMA database_list").fetchone()[2] + "-wal"))
        == set()
    )

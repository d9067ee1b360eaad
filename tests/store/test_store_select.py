"""Choosing the backend from --db: a postgresql:// URL is PostgreSQL, anything else a file."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from claimgraph import api, cli
from claimgraph.store import MissingExtra, is_postgres_url, open_store_url, redact_url
from claimgraph.store.sqlite import SQLiteStore

pytest_plugins = ["pgcluster"]


@pytest.mark.parametrize(
    ("db", "expected"),
    [
        ("postgresql://u@host/db", True),
        ("postgres://u:pw@host:5433/db?sslmode=require", True),
        ("POSTGRESQL://host/db", True),
        ("claimgraph.db", False),
        ("/data/postgresql/claims.db", False),
        ("postgres.db", False),
        ("sqlite:///x.db", False),
    ],
)
def test_postgres_urls_are_told_from_paths(db: str, expected: bool):
    assert is_postgres_url(db) is expected


def test_a_path_opens_sqlite(tmp_path: Path):
    with open_store_url(tmp_path / "x.db") as store:
        assert isinstance(store, SQLiteStore)


def test_passwords_are_never_shown():
    assert redact_url("postgresql://ann:s3cret@db.example:5432/cg") == (
        "postgresql://ann:***@db.example:5432/cg"
    )
    assert redact_url("postgresql://ann@db/cg") == "postgresql://ann@db/cg"
    assert redact_url("claims.db") == "claims.db"


def test_a_missing_psycopg_names_the_extra(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg now fails
    monkeypatch.delitem(sys.modules, "claimgraph.store.postgres", raising=False)
    with pytest.raises(MissingExtra, match=r"pip install 'claimgraph\[postgres\]'"):
        open_store_url("postgresql://u:pw@localhost/db")
    with pytest.raises(api.ClaimgraphError, match=r"claimgraph\[postgres\]") as info:
        api.open_store("postgresql://u:pw@localhost/db")
    assert "pw" not in str(info.value)


def test_an_unreachable_server_is_a_clear_error(tmp_path: Path):
    pytest.importorskip("psycopg")
    url = f"postgresql://u:hunter2@/cg?host={tmp_path}&port=1&connect_timeout=2"
    with pytest.raises(api.ClaimgraphError, match="cannot open") as info:
        api.open_store(url, must_exist=True)
    assert "hunter2" not in str(info.value)


def test_the_cli_runs_reports_and_searches_on_postgres(pg_url: str, tmp_path: Path, capsys):
    from claimgraph.store.postgres import PostgresStore

    (tmp_path / "a.txt").write_text("Officials said 12 trains were ordered on Monday.\n")
    assert cli.main(["run", str(tmp_path / "a.txt"), "--db", pg_url]) == 0
    with api.open_store(pg_url, must_exist=True) as store:
        assert isinstance(store, PostgresStore)
        assert store.counts()["articles"] == 1
    capsys.readouterr()
    assert cli.main(["search", "trains", "--db", pg_url]) == 0
    assert "[trains]" in capsys.readouterr().out


def test_the_demo_corpus_exports_the_same_from_either_backend(pg_url: str, tmp_path: Path):
    sqlite_db = str(tmp_path / "demo.db")
    for db in (sqlite_db, pg_url):
        assert cli.main(["run", str(api.demo_corpus()), "--db", db, "--no-progress"]) == 0
    assert api.export(pg_url, "json") == api.export(sqlite_db, "json")
    assert api.export(pg_url, "csv") == api.export(sqlite_db, "csv")
    assert api.report(pg_url, "md") == api.report(sqlite_db, "md")
    # Running again changes nothing on either.
    assert cli.main(["run", str(api.demo_corpus()), "--db", pg_url, "--no-progress"]) == 0
    assert api.export(pg_url, "json") == api.export(sqlite_db, "json")


def test_strings_read_back_are_shared_between_records(tmp_path):
    """Equal strings read from the store are one object: a corpus repeats its kinds, labels
    and property words endlessly, and memory at 100k articles depends on it."""
    from claimgraph.store.codec import claim_from_dict, claim_to_dict
    from conftest import count, make_claim

    a = claim_from_dict(claim_to_dict(make_claim("a1", count(12), ("injured", "people"))))
    b = claim_from_dict(claim_to_dict(make_claim("a2", count(12), ("injured", "people"))))
    assert a == make_claim("a1", count(12), ("injured", "people"))
    assert a.context[0] is b.context[0] and a.value.kind is b.value.kind

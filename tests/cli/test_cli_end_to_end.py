"""The CLI end to end on the bundled demo corpus and on inputs we write here."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest

from claimgraph import api
from claimgraph.cli import main

SCHEMA = Path(api.__file__).parent / "schema" / "export-1.schema.json"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("demo") / "demo.db")
    assert main(["run", str(api.demo_corpus()), "--db", db, "--no-progress"]) == 0
    return db


def _export(db: str) -> dict:
    return json.loads(api.export(db, "json"))


def test_export_follows_the_contract_schema(demo_db: str):
    data = _export(demo_db)
    jsonschema.validate(data, json.loads(SCHEMA.read_text()))
    assert data["schema"] == "claimgraph.export/1"
    assert data["stories"] and data["facts"]


def test_claim_offsets_point_at_the_stored_text(demo_db: str):
    store = api.open_store(demo_db)
    texts = {a.id: a.text for a in store.articles()}
    store.close()
    for fact in _export(demo_db)["facts"]:
        for c in fact["claims"]:
            assert texts[c["article_id"]][c["start"] : c["end"]] == c["sentence"]


def test_demo_shows_every_status(demo_db: str):
    statuses = {f["status"] for f in _export(demo_db)["facts"]}
    assert {"corroborated", "conflicting", "disputed", "single_source"} <= statuses


def test_rerun_changes_nothing(demo_db: str, capsys: pytest.CaptureFixture[str]):
    before = api.export(demo_db, "json")
    assert main(["run", str(api.demo_corpus()), "--db", demo_db, "--no-progress"]) == 0
    assert "0 new" in capsys.readouterr().out
    assert api.export(demo_db, "json") == before


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_report_formats(demo_db: str, fmt: str, tmp_path: Path):
    out = tmp_path / f"r.{fmt}"
    assert main(["report", "--db", demo_db, "--format", fmt, "-o", str(out)]) == 0
    body = out.read_text()
    assert "Conflicting" in body and "Corroborated" in body


def test_csv_export_has_a_row_per_claim(demo_db: str, tmp_path: Path):
    out = tmp_path / "facts.csv"
    assert main(["export", "--db", demo_db, "--format", "csv", "-o", str(out)]) == 0
    rows = list(csv.reader(io.StringIO(out.read_text())))
    n_claims = sum(len(f["claims"]) for f in _export(demo_db)["facts"])
    assert len(rows) == n_claims + 1


def test_report_on_a_missing_database_is_a_clear_error(tmp_path: Path, capsys):
    assert main(["report", "--db", str(tmp_path / "nope.db")]) == 2
    assert "nope.db: no such database" in capsys.readouterr().err


def test_extract_keeps_clean_text_identical(tmp_path: Path, capsys):
    text = "The council approved a budget of $12 million on Tuesday, the mayor said.\n"
    path = tmp_path / "clean.txt"
    path.write_text(text)
    assert main(["extract", str(path), "--jsonl"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    item = json.loads(line)
    assert item["text"] == text
    money = [v for v in item["values"] if v["kind"] == "money"]
    assert money and money[0]["value"] == 12e6
    assert text[money[0]["start"] : money[0]["end"]] == money[0]["text"]
    assert any(c["stance"] == "asserts" and c["cue"]["text"] == "said" for c in item["claims"])


def test_bad_inputs_are_reported_and_the_batch_goes_on(tmp_path: Path, capsys):
    good = tmp_path / "good.txt"
    good.write_text("Rescuers said at least 40 people died after the dam failed on Monday.\n")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (tmp_path / "lines.jsonl").write_text(
        '{"text": "A second report said 41 people died."}\nnot json\n'
    )
    db = str(tmp_path / "b.db")
    code = main(["run", str(tmp_path), str(tmp_path / "missing.txt"), "--db", db, "--no-progress"])
    captured = capsys.readouterr()
    assert code == 0
    for name in ("empty.txt", "binary.txt", "lines.jsonl:2", "missing.txt"):
        assert name in captured.err
    assert "2 articles read" in captured.out


def test_nothing_readable_exits_non_zero(tmp_path: Path, capsys):
    (tmp_path / "empty.txt").write_text("   \n")
    assert main(["run", str(tmp_path / "empty.txt"), "--db", str(tmp_path / "e.db")]) == 1


def test_stdin_jsonl(tmp_path: Path, monkeypatch, capsys):
    import io

    line = json.dumps({"id": "x1", "text": "The firm said it hired 300 workers.", "outlet": "Wire"})
    monkeypatch.setattr("sys.stdin", io.StringIO(line + "\n"))
    assert main(["run", "-", "--db", str(tmp_path / "s.db"), "--no-progress"]) == 0
    assert "1 articles read" in capsys.readouterr().out


def test_demo_stories_keep_the_answer_keys_constraints(demo_db: str):
    """Every story constraint of the demo's answer key (examples/gold.yaml) holds: the reports
    of one event share a story, those of different events do not."""
    import yaml

    gold = yaml.safe_load((api.demo_corpus().parent / "gold.yaml").read_text())["stories"]
    data = _export(demo_db)
    key_of = {a["id"]: Path(a["source"]).name[:2] for a in data["articles"]}
    stories_of: dict[str, set[str]] = {}
    for story in data["stories"]:
        for article_id in story["article_ids"]:
            stories_of.setdefault(key_of[article_id], set()).add(story["id"])
    for keys in gold["together"]:
        assert len(set().union(*(stories_of[k] for k in keys))) == 1, keys
    for a, b in gold["apart"]:
        assert not stories_of[a] & stories_of[b], (a, b)

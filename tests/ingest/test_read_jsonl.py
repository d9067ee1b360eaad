"""JSON Lines: one article per line, from files and from stdin, bad lines reported."""

from __future__ import annotations

import io
import json
from pathlib import Path

from claimgraph.ingest.files import RawDocument, ReadError, read_paths


def line(**fields: object) -> str:
    return json.dumps(fields)


def test_jsonl_fields_and_keys(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    rows = [
        line(id="r-1", text="Flood waters receded.", url="https://a.example/1", outlet="Ledger"),
        line(html="<p>Page</p>", title="Page title", published="2024-03-02", id=7),
        line(text="No id here.", url="https://b.example/x"),
        line(text="Nothing but text."),
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    items = list(read_paths([str(path)]))
    assert all(isinstance(i, RawDocument) for i in items)
    first, second, third, fourth = items
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert first.source == f"{path}:1" and first.source_key == "r-1" and not first.is_html
    assert first.meta == {"id": "r-1", "url": "https://a.example/1", "outlet": "Ledger"}
    assert second.is_html and second.data == "<p>Page</p>" and second.source_key == "7"
    assert second.meta == {"id": "7", "title": "Page title", "published": "2024-03-02"}
    assert isinstance(third, RawDocument) and third.source_key == "https://b.example/x"
    assert isinstance(fourth, RawDocument) and fourth.source_key == "feed.jsonl:4"


def test_text_wins_over_html(tmp_path: Path) -> None:
    path = tmp_path / "both.jsonl"
    path.write_text(line(text="Plain words.", html="<p>Markup</p>") + "\n", encoding="utf-8")
    (doc,) = list(read_paths([str(path)]))
    assert isinstance(doc, RawDocument) and doc.data == "Plain words." and not doc.is_html


def test_bad_lines_are_reported_and_the_rest_is_read(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    rows = [
        line(text="First good line."),
        "",
        "{not json",
        "[1, 2]",
        line(id="x", title="No body"),
        line(text="   "),
        line(text="Last good line."),
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    items = list(read_paths([str(path), str(tmp_path / "nope.jsonl")]))
    got = [(i.line, i.message) if isinstance(i, ReadError) else i.data for i in items]
    assert got[0] == "First good line."
    assert got[1][0] == 3 and got[1][1].startswith("line 3: not valid JSON (")
    assert got[2] == (4, "line 4: not a JSON object")
    assert got[3] == (5, "line 5: no non-empty 'text' or 'html' field")
    assert got[4] == (6, "line 6: no non-empty 'text' or 'html' field")
    assert got[5] == "Last good line."
    assert isinstance(items[6], ReadError) and items[6].message == "no such file or directory"
    assert all(i.source == str(path) for i in items[1:5] if isinstance(i, ReadError))


def test_invalid_utf8_line(tmp_path: Path) -> None:
    path = tmp_path / "bytes.jsonl"
    path.write_bytes(b'{"text": "caf\xe9"}\n' + line(text="fine").encode() + b"\n")
    first, second = list(read_paths([str(path)]))
    assert isinstance(first, ReadError) and first.message == "line 1: not valid UTF-8"
    assert isinstance(second, RawDocument)


def test_over_long_line_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    path.write_text(line(text="x" * 5000) + "\n" + line(text="short") + "\n", encoding="utf-8")
    first, second = list(read_paths([str(path)], max_bytes=1000))
    assert isinstance(first, ReadError) and first.line == 1 and "longer than" in first.message
    assert isinstance(second, RawDocument) and second.data == "short"


def test_empty_jsonl_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    (item,) = list(read_paths([str(path)]))
    assert isinstance(item, ReadError) and item.message == "empty file"


def test_stdin_jsonl() -> None:
    stdin = io.StringIO(
        line(text="From a pipe.", id="p1") + "\n" + "oops\n" + line(text="Two.") + "\n"
    )
    items = list(read_paths(["-"], stdin=stdin))
    assert isinstance(items[0], RawDocument) and items[0].source == "-:1"
    assert items[0].source_key == "p1"
    assert isinstance(items[1], ReadError) and items[1].source == "-" and items[1].line == 2
    assert isinstance(items[2], RawDocument) and items[2].source_key == "-:3"


def test_empty_stdin() -> None:
    (item,) = list(read_paths(["-"], stdin=io.StringIO("")))
    assert isinstance(item, ReadError) and "empty" in item.message

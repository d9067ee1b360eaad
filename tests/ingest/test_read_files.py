"""Reading files and folders: every format, and every kind of bad input without stopping."""

from __future__ import annotations

import gzip
import json
import time
from pathlib import Path

import pytest

from claimgraph.ingest.files import MAX_FILE_BYTES, RawDocument, ReadError, read_paths

STORY = "The harbour authority opened a second container berth on Monday.\n"


def docs(items: list[RawDocument | ReadError]) -> list[RawDocument]:
    return [item for item in items if isinstance(item, RawDocument)]


def errors(items: list[RawDocument | ReadError]) -> list[ReadError]:
    return [item for item in items if isinstance(item, ReadError)]


def test_text_markdown_and_html_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b.md").write_text("# Berth\n\n" + STORY, encoding="utf-8")
    (tmp_path / "c.html").write_bytes(b"<html><body><p>Hello</p></body></html>")
    (tmp_path / "d.htm").write_bytes(b"<html><body><p>Hi</p></body></html>")
    items = list(read_paths([str(tmp_path / n) for n in ("a.txt", "b.md", "c.html", "d.htm")]))
    assert [d.source_key for d in docs(items)] == ["a.txt", "b.md", "c.html", "d.htm"]
    text, md, page, page2 = docs(items)
    assert text.data == STORY and not text.is_html and text.source == str(tmp_path / "a.txt")
    assert md.data.startswith("# Berth")
    assert page.is_html and isinstance(page.data, bytes) and page2.is_html


def test_folder_is_walked_recursively_sorted_skipping_hidden_and_unknown(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "z.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    items = list(read_paths([str(tmp_path)]))
    assert errors(items) == []
    assert [Path(d.source).relative_to(tmp_path).as_posix() for d in docs(items)] == [
        "a/z.txt",
        "b.txt",
    ]


def test_unknown_extension_named_directly_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "wire.story"
    path.write_text(STORY, encoding="utf-8")
    (doc,) = list(read_paths([str(path)]))
    assert isinstance(doc, RawDocument) and doc.data == STORY


def test_bad_inputs_become_errors_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02 not text \x00" * 50)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.md").write_text(" \n\t\n  \n", encoding="utf-8")
    (tmp_path / "binary.html").write_bytes(b"\x00\xff\x00\xfe" * 100)
    (tmp_path / "good.txt").write_text(STORY, encoding="utf-8")
    names = ["missing.txt", "binary.txt", "empty.txt", "blank.md", "binary.html", "good.txt"]
    items = list(read_paths([str(tmp_path / n) for n in names]))
    assert [Path(i.source).name for i in items] == names
    messages = {Path(e.source).name: e.message for e in errors(items)}
    assert messages == {
        "missing.txt": "no such file or directory",
        "binary.txt": "binary file (not text)",
        "empty.txt": "empty file",
        "blank.md": "empty file",
        "binary.html": "binary file (not text)",
    }
    assert docs(items)[0].data == STORY


def test_undecodable_bytes_are_an_error(tmp_path: Path) -> None:
    # Bytes that are no encoding's text: cp1252 leaves 0x81/0x8d/0x8f/0x90/0x9d undefined and
    # the rest is control-character soup.
    path = tmp_path / "junk.txt"
    path.write_bytes(bytes([0x81, 0x8D, 0x01, 0x02, 0x90, 0x9D, 0x03, 0x8F]) * 200)
    (item,) = list(read_paths([str(path)]))
    assert isinstance(item, ReadError) and item.line is None
    assert "not text" in item.message


def test_legacy_encoded_text_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes("The café near the quay reopened “today”.".encode("cp1252"))
    (doc,) = list(read_paths([str(path)]))
    assert isinstance(doc, RawDocument) and doc.data == "The café near the quay reopened “today”."


def test_huge_file_is_refused_quickly_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: costs no disk
    good = tmp_path / "good.txt"
    good.write_text(STORY, encoding="utf-8")
    started = time.perf_counter()
    items = list(read_paths([str(path), str(good)]))
    assert time.perf_counter() - started < 1.0
    assert isinstance(items[0], ReadError) and "too large" in items[0].message
    assert "50 MB" in items[0].message or str(MAX_FILE_BYTES // 10**6) in items[0].message
    assert isinstance(items[1], RawDocument)


def test_huge_jsonl_file_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "huge.jsonl"
    with path.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)
    started = time.perf_counter()
    (item,) = list(read_paths([str(path)]))
    assert time.perf_counter() - started < 1.0
    assert isinstance(item, ReadError) and item.message == "binary file (not text)"


def test_size_limit_is_a_parameter(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(STORY * 10, encoding="utf-8")
    (item,) = list(read_paths([str(path)], max_bytes=100))
    assert isinstance(item, ReadError) and "too large" in item.message


def test_url_is_not_read_here() -> None:
    (item,) = list(read_paths(["https://example.org/story"]))
    assert isinstance(item, ReadError) and "http reader" in item.message


def test_reading_is_lazy(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(STORY, encoding="utf-8")
    stream = read_paths([str(tmp_path)])
    first = next(stream)
    (tmp_path / "2.txt").unlink()  # not yet read: the stream reports it as it finds it
    rest = list(stream)
    assert isinstance(first, RawDocument) and len(rest) == 2


def test_jsonl_inside_folder_and_gzipped(tmp_path: Path) -> None:
    record = {"id": "k1", "text": STORY}
    (tmp_path / "shard.jsonl.gz").write_bytes(gzip.compress(json.dumps(record).encode()))
    (doc,) = list(read_paths([str(tmp_path)]))
    assert isinstance(doc, RawDocument)
    assert doc.source == f"{tmp_path / 'shard.jsonl.gz'}:1" and doc.source_key == "k1"


def test_corrupt_gzip_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"text": "x"}\n' * 100)[:40])
    items = list(read_paths([str(path)]))
    assert isinstance(items[-1], ReadError) and items[-1].source == str(path)


@pytest.mark.parametrize("bom", [b"\xef\xbb\xbf", b""])
def test_utf8_bom_is_not_part_of_the_text(tmp_path: Path, bom: bytes) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(bom + STORY.encode("utf-8"))
    (doc,) = list(read_paths([str(path)]))
    assert isinstance(doc, RawDocument) and doc.data == STORY

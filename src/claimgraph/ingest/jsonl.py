"""JSON Lines input: one article per line.

Each line is an object with ``text`` or ``html`` (``text`` wins when both are there: it is
already the main text) and optionally ``id``, ``url``, ``title``, ``published``, ``outlet``.
Lines are streamed: a shard of millions of articles never sits in memory. A bad line becomes a
:class:`ReadError` naming the file and line, and reading goes on.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, AnyStr, TextIO

from claimgraph.ingest.files import RawDocument, ReadError

__all__ = ["read_jsonl_file", "read_jsonl_stream"]

META_FIELDS = ("id", "url", "title", "published", "outlet")
_CHUNK = 1 << 20
_SNIFF_BYTES = 8192


def read_jsonl_file(
    path: Path, given: str, max_line_bytes: int
) -> Iterator[RawDocument | ReadError]:
    """Articles of a ``.jsonl`` or ``.jsonl.gz`` file; ``given`` is the path as written."""
    try:
        with _open(path) as handle:
            if b"\x00" in handle.read(_SNIFF_BYTES):  # sniff before reading a "line" of junk
                yield ReadError(given, None, "binary file (not text)")
                return
            handle.seek(0)
            yield from _read_lines(handle, given, path.name, max_line_bytes)
    except (OSError, EOFError) as exc:  # unreadable, or a corrupt / truncated gzip stream
        yield ReadError(given, None, f"cannot read: {exc}")


def _open(path: Path) -> IO[bytes]:
    if path.name.endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]  # GzipFile is a binary IO
    return path.open("rb")


def read_jsonl_stream(stream: TextIO, max_line_bytes: int) -> Iterator[RawDocument | ReadError]:
    """Articles from JSON Lines on a text stream (stdin), named ``-:LINE``."""
    any_content = False
    for number, line in _lines(stream, max_line_bytes, "\n"):
        if line is None:
            any_content = True
            yield ReadError("-", number, f"line {number}: longer than {max_line_bytes} characters")
        elif line.strip():
            any_content = True
            yield parse_line(line.lstrip("\ufeff") if number == 1 else line, "-", "-", number)
    if not any_content:
        yield ReadError("-", None, "empty input (no JSON lines on stdin)")


def _read_lines(
    handle: IO[bytes], given: str, name: str, max_line_bytes: int
) -> Iterator[RawDocument | ReadError]:
    any_content = False
    for number, raw in _lines(handle, max_line_bytes, b"\n"):
        if raw is None:
            yield ReadError(given, number, f"line {number}: longer than {max_line_bytes} bytes")
            any_content = True
            continue
        if not raw.strip():
            continue
        any_content = True
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            yield ReadError(given, number, f"line {number}: not valid UTF-8")
            continue
        yield parse_line(line, given, name, number)
    if not any_content:
        yield ReadError(given, None, "empty file")


def _lines(handle: IO[AnyStr], limit: int, newline: AnyStr) -> Iterator[tuple[int, AnyStr | None]]:
    """Numbered lines, each at most ``limit`` long; a longer line is skipped in chunks (so a
    huge line never sits in memory) and reported as ``None``."""
    number = 0
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(newline):
            while True:  # skip the rest of the over-long line
                chunk = handle.readline(_CHUNK)
                if not chunk or chunk.endswith(newline):
                    break
            yield number, None
        else:
            yield number, line


def parse_line(line: str, given: str, name: str, number: int) -> RawDocument | ReadError:
    """One JSON line as a document, or the reason it is not one."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return ReadError(given, number, f"line {number}: not valid JSON ({exc.msg})")
    if not isinstance(record, dict):
        return ReadError(given, number, f"line {number}: not a JSON object")
    body, is_html = _body(record)
    if body is None:
        return ReadError(given, number, f"line {number}: no non-empty 'text' or 'html' field")
    meta = {k: str(record[k]).strip() for k in META_FIELDS if _present(record.get(k))}
    key = meta.get("id") or meta.get("url") or f"{name}:{number}"
    return RawDocument(f"{given}:{number}", key, body, is_html, meta)


def _body(record: dict[str, object]) -> tuple[str | None, bool]:
    for field, is_html in (("text", False), ("html", True)):
        value = record.get(field)
        if isinstance(value, str) and value.strip():
            return value, is_html
    return None, False


def _present(value: object) -> bool:
    return value is not None and not isinstance(value, (dict, list)) and str(value).strip() != ""

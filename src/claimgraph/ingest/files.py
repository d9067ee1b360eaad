"""Read documents from files and folders: .txt, .md, .html/.htm, .jsonl(.gz), and JSONL on stdin.

Reading is a stream: one file (or one JSONL line) at a time, so memory stays flat however many
files there are. Bad input never stops the batch: a missing path, a binary, empty or oversized
file, or a bad JSONL line becomes a :class:`ReadError` in the stream and the next input is read.

* Folders are walked recursively in sorted order; hidden files and folders (``.name``) and
  files of unknown type are skipped silently. A file named directly is read whatever its
  extension: as text if it decodes.
* Single-document files larger than :data:`MAX_FILE_BYTES` are refused from their size alone,
  without reading them. JSONL files are streamed line by line, so the limit applies to each
  line instead (a shard of a million articles is normal).
* Text files are decoded here (so binary data is reported as a read error); HTML stays bytes,
  because the page's own charset declaration decides how it decodes (see ``clean.html``).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from claimgraph.clean.repair import decode

__all__ = ["MAX_FILE_BYTES", "RawDocument", "ReadError", "read_paths"]

MAX_FILE_BYTES = 50 * 1024 * 1024  # 50 MB: far above any news article, far below a dump's size

TEXT_SUFFIXES = (".txt", ".md", ".text", ".markdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
_SNIFF_BYTES = 8192


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One input document before cleaning."""

    source: str  # the path as given, "path:LINE" / "-:LINE" for JSONL lines, or the URL
    source_key: str  # file name, URL, JSONL id or "name:LINE": part of the article id
    data: str | bytes  # text, or undecoded bytes (HTML)
    is_html: bool
    meta: dict[str, str] = field(default_factory=dict)  # JSONL: id, url, title, published, outlet


@dataclass(frozen=True, slots=True)
class ReadError:
    """An input that could not be read, and why. ``line`` is set for JSONL lines."""

    source: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


def read_paths(
    paths: Iterable[str], stdin: TextIO | None = None, max_bytes: int = MAX_FILE_BYTES
) -> Iterator[RawDocument | ReadError]:
    """Documents and read errors from ``paths``, in order; ``-`` reads JSONL from ``stdin``
    (``sys.stdin`` when not given)."""
    from claimgraph.ingest.jsonl import read_jsonl_stream  # jsonl imports our records

    for given in paths:
        if given == "-":
            yield from read_jsonl_stream(stdin if stdin is not None else sys.stdin, max_bytes)
            continue
        path = Path(given)
        if path.is_dir():
            for found in _walk(path):
                yield from _read_file(found, str(found), max_bytes)
        elif path.exists():
            yield from _read_file(path, given, max_bytes)
        else:
            yield ReadError(given, None, _missing_message(given))


def _missing_message(given: str) -> str:
    if given.startswith(("http://", "https://")):
        return "not a file: URLs are fetched by the http reader"
    return "no such file or directory"


def _walk(folder: Path) -> Iterator[Path]:
    """Known document files under ``folder``, recursively, sorted, hidden entries skipped."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return  # an unreadable sub-folder is skipped like a hidden one
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(path)
        elif entry.is_file() and _kind(path) is not None:
            yield path


def _kind(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(HTML_SUFFIXES):
        return "html"
    if name.endswith(TEXT_SUFFIXES):
        return "text"
    return None


def _read_file(path: Path, given: str, max_bytes: int) -> Iterator[RawDocument | ReadError]:
    kind = _kind(path) or "text"  # named directly with another extension: text if it decodes
    if kind == "jsonl":
        from claimgraph.ingest.jsonl import read_jsonl_file

        yield from read_jsonl_file(path, given, max_bytes)
        return
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield ReadError(given, None, _too_large(size, max_bytes))
            return
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)  # bounded even if the file grew since stat()
    except OSError as exc:
        yield ReadError(given, None, f"cannot read: {exc.strerror or exc}")
        return
    yield _document(path, given, data, kind == "html", max_bytes)


def _too_large(size: int, limit: int) -> str:
    return f"file too large ({size / 1e6:.0f} MB; the limit is {limit / 1e6:.0f} MB)"


def _document(
    path: Path, given: str, data: bytes, is_html: bool, max_bytes: int
) -> RawDocument | ReadError:
    if not data.strip():
        return ReadError(given, None, "empty file")
    if is_html:
        if b"\x00" in data[:_SNIFF_BYTES] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return ReadError(given, None, "binary file (not text)")
        return RawDocument(given, path.name, data, True, {})
    if len(data) > max_bytes:
        return ReadError(given, None, _too_large(len(data), max_bytes))
    try:
        text = decode(data)
    except ValueError as exc:
        binary = "binary" in str(exc) or b"\x00" in data[:_SNIFF_BYTES]
        reason = (
            "binary file (not text)" if binary else "undecodable file (not text in any encoding)"
        )
        return ReadError(given, None, reason)
    if not text.strip():
        return ReadError(given, None, "empty file")
    return RawDocument(given, path.name, text, False, {})

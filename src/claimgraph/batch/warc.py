"""WARC input (CC-NEWS style): each HTML response record is one document.

A record becomes ``RawDocument(source=target URI, is_html=True)``, with the URI as the
``url`` hint (so the outlet is the site's host name, as for a JSONL line with a ``url``).
Requests, metadata, redirects, errors and non-HTML payloads are skipped silently: a crawl is
full of them. A truncated file is reported as a read error, never silently shortened:
warcio ends iteration quietly on a cut-off record, so each record's payload and the file's
end are checked here.

Shards of a WARC start at record offsets found by a scan. A ``.warc.gz`` holds one gzip
member per record, so both plain and compressed files can be entered at a record offset.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from claimgraph.ingest.files import MAX_FILE_BYTES, RawDocument, ReadError

__all__ = ["WARC_SUFFIXES", "read_warc", "scan_warc"]

WARC_SUFFIXES = (".warc", ".warc.gz")
INSTALL = "pip install 'claimgraph[dask]'"


class TruncatedWarc(Exception):
    pass


def scan_warc(path: str, per_shard: int) -> list[tuple[int, int | None]]:
    """(offset, record count) of each shard; the last one reads to the end (count None)."""
    starts: list[int] = []
    try:
        from warcio.archiveiterator import ArchiveIterator

        with open(path, "rb") as handle:
            records = ArchiveIterator(handle)
            for index, _ in enumerate(records):
                if index % per_shard == 0:
                    starts.append(records.get_record_offset())
    except Exception:  # noqa: BLE001  # any damage: the reading shard hits it and reports it
        pass
    if not starts:
        return [(0, None)]
    return [(s, per_shard) for s in starts[:-1]] + [(starts[-1], None)]


def read_warc(
    path: str, given: str, offset: int = 0, limit: int | None = None
) -> Iterator[RawDocument | ReadError]:
    """Documents of up to ``limit`` records from byte ``offset`` (all to the end: None)."""
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        yield ReadError(given, None, f"reading WARC files needs warcio: {INSTALL}")
        return
    try:
        with open(path, "rb") as handle:
            handle.seek(offset)
            records = ArchiveIterator(handle)
            index = -1
            for index, record in enumerate(records):
                if limit is not None and index >= limit:
                    return
                # ``records.offset`` is where the current record starts in the file;
                # get_record_offset() would read the record to its end first, payload and all
                item = _document(record, records.offset)
                if item is not None:
                    yield item
            size = os.path.getsize(path)
            if index < 0 and offset == 0:
                yield ReadError(given, None, "empty file" if size == 0 else "no WARC records")
                return
            _check_end(records.offset, size)
    except TruncatedWarc as exc:
        yield ReadError(given, None, f"truncated WARC: {exc}")
    except Exception as exc:  # noqa: BLE001  # warcio raises many kinds on damaged input
        yield ReadError(given, None, f"cannot read WARC: {type(exc).__name__}: {exc}")


def _check_end(parsed_to: int, size: int) -> None:
    if parsed_to < size:
        raise TruncatedWarc(f"{size - parsed_to} bytes after byte {parsed_to} are no record")


def _document(record: Any, at: int) -> RawDocument | ReadError | None:
    headers = record.rec_headers
    # every WARC record states its length; a header cut off mid-way does not
    if record.rec_type is None or headers is None or not headers.get_header("Content-Length"):
        raise TruncatedWarc(f"record at byte {at} has no complete header")
    if record.rec_type != "response":
        _drain(record, at)
        return None
    uri = headers.get_header("WARC-Target-URI") or f"record at byte {at}"
    if not _is_html_ok(record):
        _drain(record, at)
        return None
    payload = record.content_stream().read(MAX_FILE_BYTES + 1)
    _drain(record, at)
    if len(payload) > MAX_FILE_BYTES:
        return ReadError(uri, None, f"page too large (the limit is {MAX_FILE_BYTES // 10**6} MB)")
    if not payload.strip():
        return ReadError(uri, None, "empty page")
    return RawDocument(uri, uri, payload, True, {"url": uri})


def _is_html_ok(record: Any) -> bool:
    http = record.http_headers
    if http is None:
        return False
    status = http.get_statuscode() or ""
    content_type = (http.get_header("Content-Type") or "text/html").lower()
    return status.startswith("2") and "html" in content_type


def _drain(record: Any, at: int) -> None:
    """Read the record to its end; a record shorter than its Content-Length was cut off."""
    raw = record.raw_stream
    while raw.read(1 << 16):
        pass
    if getattr(raw, "limit", 0) > 0:
        raise TruncatedWarc(f"record at byte {at} ends early")

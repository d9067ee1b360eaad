"""Shards read exactly what ``read_paths`` reads, in the same order, under the same names;
their furniture counts add up to the corpus-wide boilerplate set; WARC records are read."""

from __future__ import annotations

import gzip
import io
import itertools
from pathlib import Path

import pytest
from batchcorpus import html_page, write_corpus

from claimgraph.batch.shards import plan_units, read_shard, scan_unit
from claimgraph.batch.warc import read_warc, scan_warc
from claimgraph.clean.boilerplate import repeated_lines
from claimgraph.ingest.files import RawDocument, ReadError, read_paths

ODD_LINES = [
    '\ufeff{"id": "first", "text": "A line with a byte order mark before it."}',
    "",
    '{"url": "https://example.org/a", "title": "T", "text": "Plain text line."}',
    "not json at all",
    "[1, 2, 3]",
    '{"html": "<html><body><article><p>Some page text here.</p></article></body></html>"}',
    "   ",
    '{"text": ""}',
    '{"published": "2024-01-02", "outlet": "Ledger", "text": "Dated text line."}',
]


def _items(inputs: list[str], shard_size: int) -> list[RawDocument | ReadError]:
    units, missing = plan_units(inputs, shard_size)
    read: list[RawDocument | ReadError] = list(missing)
    for unit in units:
        for shard in scan_unit(unit, shard_size).shards:
            read.extend(read_shard(shard))
    return read


@pytest.mark.parametrize("shard_size", [1, 2, 3, 5, 1000])
def test_corpus_shards_read_like_read_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shard_size: int
):
    monkeypatch.chdir(tmp_path)  # relative inputs: sources keep the names as given
    inputs = write_corpus(Path("c"))
    assert _items(inputs, shard_size) == list(read_paths(inputs))


@pytest.mark.parametrize("name", ["odd.jsonl", "odd.jsonl.gz"])
@pytest.mark.parametrize("shard_size", [1, 2, 4, 9, 100])
def test_jsonl_line_ranges_read_like_read_paths(tmp_path: Path, name: str, shard_size: int):
    data = ("\n".join(ODD_LINES * 3) + "\n").encode("utf-8") + b'{"text": "bad \xff byte"}\n'
    path = tmp_path / name
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    units, _ = plan_units([str(path)], shard_size)
    shards = scan_unit(units[0], shard_size).shards
    assert (len(shards) > 1) == (shard_size < 28)
    assert _items([str(path)], shard_size) == list(read_paths([str(path)]))


def test_furniture_counts_add_up_to_the_corpus_set(tmp_path: Path):
    inputs = write_corpus(tmp_path / "c")
    units, _ = plan_units(inputs, 3)
    total: dict[str, int] = {}
    for unit in units:
        for line, n in scan_unit(unit, 3).counts.items():
            total[line] = total.get(line, 0) + n
    docs = [d for d in read_paths(inputs) if isinstance(d, RawDocument)]
    texts = [d.data for d in docs if isinstance(d.data, str) and not d.is_html]
    expected = repeated_lines(texts, min_docs=3)
    assert expected and frozenset(x for x, n in total.items() if n >= 3) == expected


def _warc(path: Path, records: list[tuple[str, str, bytes, str]]) -> None:
    """(type, uri, body, status and content type) per record."""
    warcio = pytest.importorskip("warcio")
    from warcio.statusandheaders import StatusAndHeaders

    ids = itertools.count()

    class FixedWriter(warcio.warcwriter.WARCWriter):  # type: ignore[misc]
        """Fixed record ids and dates: the file, and so where a cut lands inside its gzip
        members, is the same on every run (random ids made the cut test flaky)."""

        @classmethod
        def _make_warc_id(cls) -> str:
            return f"<urn:uuid:00000000-0000-4000-8000-{next(ids):012d}>"

        @classmethod
        def _make_warc_date(cls, use_micros: bool = False) -> str:
            return "2024-01-02T03:04:05Z"

    with path.open("wb") as handle:
        writer = FixedWriter(handle, gzip=path.name.endswith(".gz"))
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for kind, uri, body, http in records:
            status, content_type = http.split("|")
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], "HTTP/1.1")
            payload = io.BytesIO(body)
            if kind == "request":
                record = writer.create_warc_record(uri, "request", payload=payload)
            else:
                record = writer.create_warc_record(
                    uri, "response", payload=payload, http_headers=headers
                )
            writer.write_record(record)


def _records() -> list[tuple[str, str, bytes, str]]:
    page = html_page("Dam release", "The dam released water on Tuesday.", "Orrin", "2024-01-01")
    ok = "200 OK|text/html; charset=utf-8"
    return [
        ("request", "https://a.example/1", b"GET /1 HTTP/1.1\r\nHost: a.example\r\n\r\n", ok),
        ("response", "https://a.example/1", page, ok),
        ("response", "https://a.example/img.png", b"\x89PNG", "200 OK|image/png"),
        ("response", "https://a.example/moved", b"", "301 Moved|text/html"),
        ("response", "https://www.b.example/2", page.replace(b"Tuesday", b"Friday"), ok),
        ("response", "https://a.example/3", page.replace(b"dam", b"weir"), ok),
    ]


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_html_responses_become_documents(tmp_path: Path, name: str):
    path = tmp_path / name
    _warc(path, _records())
    docs = list(read_warc(str(path), name))
    assert [(d.source, d.source_key, d.is_html) for d in docs] == [
        ("https://a.example/1", "https://a.example/1", True),
        ("https://www.b.example/2", "https://www.b.example/2", True),
        ("https://a.example/3", "https://a.example/3", True),
    ]
    assert isinstance(docs[1], RawDocument) and b"Friday" in bytes(docs[1].data)
    assert docs[1].meta == {"url": "https://www.b.example/2"}
    for per_shard in (1, 2, 3, 100):
        bounds = scan_warc(str(path), per_shard)
        assert [d for off, n in bounds for d in read_warc(str(path), name, off, n)] == docs


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_a_cut_warc_is_reported_wherever_it_is_cut(tmp_path: Path, name: str):
    """Cut anywhere, a WARC yields complete pages and a read error, never silently less.
    A cut at a record boundary leaves a valid, shorter WARC; so does one that only takes a
    record's trailing blank lines (4 bytes) or, gzipped, its last deflate block and gzip
    trailer (11 bytes here): the record is whole, so those cuts are skipped."""
    full = tmp_path / f"full-{name}"
    _warc(full, _records())
    data = full.read_bytes()
    ends = {off for off, _ in scan_warc(str(full), 1)} | {len(data)}
    whole = list(read_warc(str(full), name))
    cut = tmp_path / name
    slack = 11 if name.endswith(".gz") else 4
    for end in range(1, len(data), 5):
        if any(0 <= boundary - end <= slack for boundary in ends):
            continue
        cut.write_bytes(data[:end])
        items = [i for off, n in scan_warc(str(cut), 2) for i in read_warc(str(cut), name, off, n)]
        docs = [i for i in items if isinstance(i, RawDocument)]
        errors = [i for i in items if isinstance(i, ReadError)]
        assert docs == whole[: len(docs)]
        assert errors, f"cut at byte {end} of {len(data)} went unnoticed"

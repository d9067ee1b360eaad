"""Bad input never stops a batch: broken files are reported (file and reason) and skipped,
a shard that fails as a whole is reported and skipped, and the rest is analysed."""

from __future__ import annotations

import gzip
import io
import json
import random
from pathlib import Path

import pytest
from batchcorpus import html_page

from claimgraph import api
from claimgraph.batch import batch, work
from claimgraph.store.sqlite import SQLiteStore


def _warc(path: Path, pages: list[tuple[str, bytes]]) -> None:
    warcio = pytest.importorskip("warcio")
    from warcio.statusandheaders import StatusAndHeaders

    with path.open("wb") as handle:
        writer = warcio.warcwriter.WARCWriter(handle, gzip=path.name.endswith(".gz"))
        for uri, body in pages:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(record)


BODY = (
    "The Orrin valley dam released {n} cubic metres of water on Tuesday, the water board "
    "said.\n\nEngineer Sofia Marek said {m} villages had been warned in advance."
)


def _page(n: int) -> bytes:
    body = BODY.format(n=100 + n, m=3 + n % 4)
    return html_page(f"Dam release {n}", body, "Orrin Herald", "2024-09-03")


def _good_inputs(root: Path) -> list[str]:
    root.mkdir()
    lines = [json.dumps({"id": f"g{i}", "text": BODY.format(n=i, m=i + 1)}) for i in range(5)]
    (root / "good.jsonl").write_text("\n".join(lines) + "\n")
    _warc(root / "pages.warc.gz", [(f"https://orrin.example/news/{i}", _page(i)) for i in range(3)])
    return [str(root)]


def test_broken_gzip_and_truncated_warc_are_reported_and_skipped(tmp_path: Path):
    inputs = _good_inputs(tmp_path / "in")
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "broken.jsonl.gz").write_bytes(b"this is not gzip at all\n")
    # 40 lines of 1 kB that compress poorly: the cut is well past the first 8 kB
    rng = random.Random(3)
    words = ["dam", "river", "board", "said", "water", "level", "rose", "valley", "gates"]
    feed = [
        json.dumps({"text": " ".join(rng.choice(words) for _ in range(170)) + "."})
        for _ in range(40)
    ]
    half = gzip.compress(("\n".join(feed) + "\n").encode())
    (bad / "cut.jsonl.gz").write_bytes(half[: len(half) // 2])
    full = tmp_path / "full.warc.gz"
    _warc(full, [(f"https://orrin.example/cut/{i}", _page(10 + i)) for i in range(4)])
    data = full.read_bytes()
    (bad / "cut.warc.gz").write_bytes(data[:-200])  # inside the last record
    (bad / "junk.warc").write_bytes(b"WARC/1.0\r\nnot really a warc\r\n\r\n" * 3)

    db = tmp_path / "b.db"
    summary = batch([*inputs, str(bad)], db=str(db), workers=1, shard_size=2)
    reasons = {Path(e.source).name: e.message for e in summary.errors}
    assert "cannot read" in reasons["broken.jsonl.gz"]
    assert "cannot read" in reasons["cut.jsonl.gz"]  # its whole lines before the cut are kept
    assert "truncated WARC" in reasons["cut.warc.gz"]
    assert "WARC" in reasons["junk.warc"]
    exported = json.loads(api.export(str(db)))
    sources = [a["source"] for a in exported["articles"]]
    assert sum(s.startswith("https://orrin.example/news/") for s in sources) == 3
    assert sum("good.jsonl:" in s for s in sources) == 5
    assert 1 <= sum(s.startswith("https://orrin.example/cut/") for s in sources) < 4
    assert 0 < sum("cut.jsonl.gz:" in s for s in sources) < 40
    assert summary.failed_shards == []  # bad files are read errors, not failed shards


def test_a_failing_shard_is_reported_skipped_and_retried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A shard whose task raises (here: the analyser, on one file) is reported with its
    name; the batch goes on, and the next batch retries only that shard."""
    inputs = _good_inputs(tmp_path / "in")
    real = work.analyser

    def flaky(settings: object) -> object:
        broken = real(settings)  # type: ignore[arg-type]

        class Failing:
            def analyse_many(self, articles: object) -> object:
                for article in broken.analyse_many(articles):  # type: ignore[arg-type]
                    if article.article.source.startswith("https://"):
                        raise RuntimeError("model crashed")
                    yield article

        return Failing()

    monkeypatch.setattr(work, "analyser", flaky)
    state, db = tmp_path / "state", tmp_path / "b.db"
    summary = batch(inputs, db=str(db), workers=1, shard_size=2, state_dir=str(state))
    failed = [Path(e.source.split(" ")[0]).name for e in summary.failed_shards]
    assert failed == ["pages.warc.gz", "pages.warc.gz"]  # 3 pages: 2 shards of 2 records
    assert "RuntimeError: model crashed" in summary.failed_shards[0].message
    assert summary.failed_shards[0] in summary.errors
    assert summary.read == 5  # the JSONL shards went through
    assert not list((state / "shards").glob(".*.tmp"))  # the failed shard left nothing
    with SQLiteStore(db) as store:  # retried by the next batch: not a lasting read error
        assert not any("shard failed" in message for _, _, message in store.read_errors())

    monkeypatch.setattr(work, "analyser", real)
    again = batch(inputs, db=str(db), workers=1, shard_size=2, state_dir=str(state))
    assert again.failed_shards == [] and again.shards_run == 2
    assert (again.read, again.added) == (8, 3)


def test_missing_inputs_are_reported_like_run(tmp_path: Path):
    inputs = _good_inputs(tmp_path / "in")
    summary = batch([*inputs, str(tmp_path / "nope.txt")], db=str(tmp_path / "b.db"), workers=1)
    assert [(e.source, e.message) for e in summary.errors] == [
        (str(tmp_path / "nope.txt"), "no such file or directory")
    ]
    assert summary.read == 8

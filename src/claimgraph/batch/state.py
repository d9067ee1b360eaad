"""The batch's state folder: scan results, per-shard analyses and completion markers.

Layout (``datatrove``'s convention: a task's output first, its marker last)::

    scan/<unit>.json                 how a unit was cut into shards, and its furniture counts
    repeated/<digest>.json           the corpus-wide boilerplate lines the shards were cleaned with
    shards/<shard>.jsonl.gz          one line per analysis (the store's codec dicts)
    shards/<shard>.done              marker: articles written and the shard's read errors

Every file is written to a temporary name and renamed into place, so a file that exists is
complete; a shard counts as done only when its marker exists, and the marker is renamed into
place after the results. A batch killed at any point leaves at worst a stray temporary file,
and the next batch redoes exactly the shards without a marker.

The folder must be visible to the driver and every worker (a shared file system on a cluster).
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import os
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimgraph.batch.shards import Shard, Unit, UnitScan
from claimgraph.ingest.files import ReadError
from claimgraph.model import Article
from claimgraph.store.base import Analysis
from claimgraph.store.codec import (
    claim_from_dict,
    claim_to_dict,
    dumps,
    mention_from_dict,
    mention_to_dict,
)

# Bump when the result format or the per-article stages change meaning: old results are then
# never reused (shard ids include it).
RESULT_FORMAT = 1


@dataclass(frozen=True, slots=True)
class Marker:
    """What a finished shard left: its article count and read errors."""

    articles: int
    errors: tuple[ReadError, ...]


class StateDir:
    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def prepare(self) -> None:
        for sub in ("scan", "repeated", "shards"):
            (self.root / sub).mkdir(parents=True, exist_ok=True)

    # -- scans ------------------------------------------------------------------------------
    def load_scan(self, unit: Unit, shard_size: int) -> UnitScan | None:
        path = self.root / "scan" / f"{unit.fingerprint}-{shard_size}.json"
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        shards = tuple(Shard(unit, *row) for row in data["shards"])
        return UnitScan(shards, data["counts"])

    def save_scan(self, scan: UnitScan, unit: Unit, shard_size: int) -> None:
        rows = [[s.whole, s.start, s.stop, s.offset] for s in scan.shards]
        text = dumps({"shards": rows, "counts": scan.counts})
        _write_atomic(self.root / "scan" / f"{unit.fingerprint}-{shard_size}.json", text.encode())

    # -- the boilerplate set ----------------------------------------------------------------
    def save_repeated(self, lines: frozenset[str]) -> str:
        """Store the set under its digest (which shard ids include); returns the digest."""
        text = dumps(sorted(lines))
        digest = hashlib.sha1(text.encode()).hexdigest()[:20]
        path = self.root / "repeated" / f"{digest}.json"
        if not path.exists():
            _write_atomic(path, text.encode())
        return digest

    def load_repeated(self, digest: str) -> frozenset[str]:
        path = self.root / "repeated" / f"{digest}.json"
        return frozenset(json.loads(path.read_text(encoding="utf-8")))

    # -- shards -----------------------------------------------------------------------------
    def is_done(self, shard_id: str) -> bool:
        return self._marker(shard_id).exists()

    def load_marker(self, shard_id: str) -> Marker:
        data = json.loads(self._marker(shard_id).read_text(encoding="utf-8"))
        errors = tuple(ReadError(s, line, m) for s, line, m in data["errors"])
        return Marker(int(data["articles"]), errors)

    @contextmanager
    def shard_writer(self, shard_id: str, description: str) -> Iterator[ShardWriter]:
        """Write a shard's analyses, then its marker; nothing is left if the body raises."""
        final = self.root / "shards" / f"{shard_id}.jsonl.gz"
        tmp = _temporary(final)
        writer = ShardWriter(tmp)
        try:
            yield writer
            writer.close()
            os.replace(tmp, final)
        except BaseException:
            writer.close()
            tmp.unlink(missing_ok=True)
            raise
        marker = {
            "shard": description,
            "articles": writer.count,
            "errors": [[e.source, e.line, e.message] for e in writer.errors],
        }
        _write_atomic(self._marker(shard_id), dumps(marker).encode())

    def analyses(self, shard_id: str) -> Iterator[Analysis]:
        with gzip.open(self.root / "shards" / f"{shard_id}.jsonl.gz", "rt", encoding="utf-8") as f:
            for line in f:
                yield analysis_from_dict(json.loads(line))

    def _marker(self, shard_id: str) -> Path:
        return self.root / "shards" / f"{shard_id}.done"


class ShardWriter:
    def __init__(self, path: Path) -> None:
        # level 1: the file is written once and read once; speed beats size here
        self._file = gzip.open(path, "wt", encoding="utf-8", compresslevel=1)  # noqa: SIM115
        self.count = 0
        self.errors: list[ReadError] = []

    def write(self, analysis: Analysis) -> None:
        self._file.write(dumps(analysis_to_dict(analysis)) + "\n")
        self.count += 1

    def error(self, error: ReadError) -> None:
        self.errors.append(error)

    def close(self) -> None:
        if not self._file.closed:
            self._file.close()


def _temporary(final: Path) -> Path:
    return final.with_name(f".{final.name}.{uuid.uuid4().hex[:8]}.tmp")


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = _temporary(path)
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


# -- the codec: what the store writes, so results round-trip the same way ---------------------


def analysis_to_dict(a: Analysis) -> dict[str, Any]:
    art = a.article
    return {
        "article": {
            "id": art.id,
            "source": art.source,
            "text": art.text,
            "title": art.title,
            "published": art.published,
            "published_inferred": art.published_inferred,
            "outlet": art.outlet,
            "credits": list(art.credits),
            "url": art.url,
        },
        "mentions": [mention_to_dict(m) for m in a.mentions],
        "claims": [claim_to_dict(c) for c in a.claims],
        "embedding": base64.b64encode(a.embedding).decode("ascii") if a.embedding else None,
    }


def analysis_from_dict(d: dict[str, Any]) -> Analysis:
    art = d["article"]
    article = Article(**{**art, "credits": tuple(art["credits"])})
    mentions = tuple(mention_from_dict(m) for m in d["mentions"])
    claims = tuple(claim_from_dict(c) for c in d["claims"])
    packed = d.get("embedding")
    return Analysis(article, mentions, claims, base64.b64decode(packed) if packed else None)


def errors_of(markers: Iterable[Marker]) -> list[ReadError]:
    return [e for m in markers for e in m.errors]

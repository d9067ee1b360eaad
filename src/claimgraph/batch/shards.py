"""Inputs as shards of bounded size, read exactly as ``claimgraph run`` reads them.

Planning happens in two steps so the driver never reads article text:

1. :func:`plan_units` walks the inputs (``stat`` only) into *units*: runs of loose files
   (.txt/.md/.html, at most ``files_per_shard`` together), one JSONL(.gz) file, or one WARC file.
   The walk is the one ``read_paths`` does (sorted, hidden entries skipped), plus WARC files.
2. :func:`scan_unit` runs on a worker: it reads a unit once, cuts it into shards of at most
   ``shard_size`` lines or records (remembering byte offsets, so a shard starts with a seek)
   and counts the short "furniture" lines of its plain-text documents for the corpus-wide
   boilerplate set (see ``clean.boilerplate.repeated_lines``).

Documents keep the names ``read_paths`` gives them (``given`` paths), while workers open the
absolute path: a worker on another machine has another working directory.
"""

from __future__ import annotations

import gzip
import hashlib
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Literal

from claimgraph.batch.warc import WARC_SUFFIXES, read_warc, scan_warc
from claimgraph.clean.boilerplate import repeated_lines
from claimgraph.ingest.files import (
    HTML_SUFFIXES,
    JSONL_SUFFIXES,
    MAX_FILE_BYTES,
    TEXT_SUFFIXES,
    RawDocument,
    ReadError,
    read_paths,
)

# The line splitter ``read_jsonl_file`` uses: reusing it keeps over-long lines, numbering and
# offsets identical to ``claimgraph run``, where a copy could drift.
from claimgraph.ingest.jsonl import _lines, parse_line

__all__ = ["Shard", "Unit", "UnitScan", "plan_units", "read_shard", "scan_unit"]

Kind = Literal["files", "jsonl", "warc"]
_SNIFF_BYTES = 8192


@dataclass(frozen=True, slots=True)
class Unit:
    """What one scan task reads: loose files, one JSONL file or one WARC file."""

    kind: Kind
    paths: tuple[str, ...]  # absolute: what workers open
    givens: tuple[str, ...]  # as ``read_paths`` names them: what sources say
    fingerprint: str  # names, sizes and mtimes: a changed file is a new unit

    def describe(self) -> str:
        if len(self.givens) == 1:
            return self.givens[0]
        return f"{self.givens[0]} … {self.givens[-1]} ({len(self.givens)} files)"


@dataclass(frozen=True, slots=True)
class Shard:
    """A bounded part of a unit: the whole unit, or lines [start, stop) / ``stop`` records
    from byte ``offset`` (``stop`` None: to the end of the file)."""

    unit: Unit
    whole: bool = True
    start: int = 1
    stop: int | None = None
    offset: int = 0

    def describe(self) -> str:
        where = self.unit.describe()
        if self.whole:
            return where
        if self.unit.kind == "jsonl":
            end = f"{self.stop - 1}" if self.stop is not None else "end"
            return f"{where} lines {self.start}-{end}"
        return f"{where} records from byte {self.offset}"

    def key(self) -> str:
        """Stable over runs: the unit's fingerprint and the shard's place in it."""
        parts = (self.unit.fingerprint, self.whole, self.start, self.stop, self.offset)
        return hashlib.sha1(repr(parts).encode()).hexdigest()[:20]


@dataclass(frozen=True, slots=True)
class UnitScan:
    shards: tuple[Shard, ...]
    counts: dict[str, int] = field(default_factory=dict)  # furniture line -> documents


# -- planning --------------------------------------------------------------------------------


def plan_units(inputs: Iterable[str], files_per_shard: int) -> tuple[list[Unit], list[ReadError]]:
    """Units in input order, and the inputs that do not exist (as ``read_paths`` words it)."""
    units: list[Unit] = []
    errors: list[ReadError] = []
    loose: list[tuple[Path, str]] = []

    def flush() -> None:
        if loose:
            units.append(_unit("files", loose))
            loose.clear()

    for given in inputs:
        if given == "-":
            raise ValueError("batch cannot read stdin: write it to a .jsonl file first")
        path = Path(given)
        if path.is_dir():
            found: list[tuple[Path, str]] = [(p, str(p)) for p in _walk(path)]
        elif path.exists():
            found = [(path, given)]
        else:
            errors.extend(e for e in read_paths([given]) if isinstance(e, ReadError))
            continue
        for item in found:
            kind = _kind(item[0])
            if kind == "files":
                loose.append(item)
                if len(loose) >= files_per_shard:
                    flush()
            else:
                flush()
                units.append(_unit(kind, [item]))
    flush()
    return units, errors


def _unit(kind: Kind, items: list[tuple[Path, str]]) -> Unit:
    stats = [(given, *_stat(path)) for path, given in items]
    fingerprint = hashlib.sha1(repr((kind, stats)).encode()).hexdigest()[:20]
    paths = tuple(os.path.abspath(path) for path, _ in items)
    return Unit(kind, paths, tuple(given for _, given in items), fingerprint)


def _stat(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
    except OSError:
        return (-1, -1)  # gone since the walk: reading it reports why
    return (st.st_size, st.st_mtime_ns)


def _walk(folder: Path) -> Iterator[Path]:
    """``read_paths``' walk (sorted, hidden entries skipped, unknown types skipped) + WARC."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(path)
        elif entry.is_file() and _known(path):
            yield path


def _known(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(JSONL_SUFFIXES + WARC_SUFFIXES + HTML_SUFFIXES + TEXT_SUFFIXES)


def _kind(path: Path) -> Kind:
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(WARC_SUFFIXES):
        return "warc"
    return "files"  # named directly, any other extension is read as text, as run does


# -- scanning --------------------------------------------------------------------------------


def scan_unit(unit: Unit, shard_size: int) -> UnitScan:
    """Cut ``unit`` into shards and count its furniture lines (one read of the unit)."""
    if unit.kind == "warc":  # HTML only: run counts furniture in plain text, never in pages
        bounds = scan_warc(unit.paths[0], shard_size)
        if len(bounds) == 1:
            return UnitScan((Shard(unit),))
        return UnitScan(tuple(Shard(unit, False, 0, n, off) for off, n in bounds))
    if unit.kind == "jsonl":
        return _scan_jsonl(unit, shard_size)
    whole = Shard(unit)
    return UnitScan((whole,), furniture_counts(read_shard(whole)))


def furniture_counts(items: Iterable[RawDocument | ReadError]) -> dict[str, int]:
    """In how many plain-text documents each furniture line occurs. Exactly what
    ``repeated_lines`` counts over the whole corpus, so summed over shards and thresholded
    it gives the same set: ``repeated_lines([text], 1)`` is one document's lines."""
    counts: Counter[str] = Counter()
    for item in items:
        if _counted(item):
            assert isinstance(item, RawDocument) and isinstance(item.data, str)
            counts.update(repeated_lines([item.data], min_docs=1))
    return dict(counts)


def _counted(item: RawDocument | ReadError) -> bool:
    # load_articles counts decoded text only; HTML pages are cleaned by trafilatura instead
    return isinstance(item, RawDocument) and isinstance(item.data, str) and not item.is_html


def _scan_jsonl(unit: Unit, shard_size: int) -> UnitScan:
    """Line-range shards with the uncompressed offset of each range's first line."""
    path, given = unit.paths[0], unit.givens[0]
    whole = Shard(unit)
    if _unusual(path):  # binary, empty, unreadable: read_paths says which, in one shard
        return UnitScan((whole,), furniture_counts(read_shard(whole)))
    bounds: list[tuple[int, int]] = [(1, 0)]  # (first line, its offset)
    counts: Counter[str] = Counter()
    seen, failed = 0, False
    try:
        with _open(path) as handle:
            for number, next_offset, item in iter_jsonl(handle, given, Path(path).name, 1):
                if item is not None and _counted(item):
                    counts.update(furniture_counts([item]))
                seen = number
                if number % shard_size == 0:
                    bounds.append((number + 1, next_offset))
    except (OSError, EOFError):
        failed = True  # the last shard reads on to the same failure and reports it, as run does
    if not failed and seen < bounds[-1][0] and len(bounds) > 1:
        bounds.pop()  # the file ended on a shard boundary
    if len(bounds) == 1:
        return UnitScan((whole,), dict(counts))
    shards = [
        Shard(unit, False, first, bounds[i + 1][0] if i + 1 < len(bounds) else None, offset)
        for i, (first, offset) in enumerate(bounds)
    ]
    return UnitScan(tuple(shards), dict(counts))


def _unusual(path: str) -> bool:
    """True when the file is not plain JSON lines worth splitting."""
    try:
        with _open(path) as handle:
            head = handle.read(_SNIFF_BYTES)
    except (OSError, EOFError):
        return True
    return not head.strip() or b"\x00" in head


def _open(path: str) -> IO[bytes]:
    if path.endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]  # GzipFile is binary IO
    return open(path, "rb")  # noqa: SIM115  # the caller's ``with`` closes it


def iter_jsonl(
    handle: IO[bytes], given: str, name: str, first: int
) -> Iterator[tuple[int, int, RawDocument | ReadError | None]]:
    """(line number, offset after the line, its document or error; None for a blank line),
    line by line as ``read_jsonl_file`` reads them, numbering from ``first``."""
    for index, raw in _lines(handle, MAX_FILE_BYTES, b"\n"):
        number = first + index - 1
        yield number, handle.tell(), _jsonl_item(raw, given, name, number)


def _jsonl_item(
    raw: bytes | None, given: str, name: str, number: int
) -> RawDocument | ReadError | None:
    if raw is None:
        return ReadError(given, number, f"line {number}: longer than {MAX_FILE_BYTES} bytes")
    if not raw.strip():
        return None
    try:
        line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError:
        return ReadError(given, number, f"line {number}: not valid UTF-8")
    return parse_line(line, given, name, number)


# -- reading ---------------------------------------------------------------------------------


def read_shard(shard: Shard) -> Iterator[RawDocument | ReadError]:
    """The shard's documents and read errors, in input order."""
    unit = shard.unit
    if unit.kind == "warc":
        yield from read_warc(unit.paths[0], unit.givens[0], shard.offset, shard.stop)
    elif shard.whole:
        for path, given in zip(unit.paths, unit.givens, strict=True):
            for item in read_paths([path]):
                yield _renamed(item, path, given)
    else:
        yield from _read_jsonl_range(shard)


def _renamed(item: RawDocument | ReadError, path: str, given: str) -> RawDocument | ReadError:
    """Sources as ``run`` words them: the path as given, not the absolute one we opened."""
    if item.source.startswith(path):
        return replace(item, source=given + item.source[len(path) :])
    return item


def _read_jsonl_range(shard: Shard) -> Iterator[RawDocument | ReadError]:
    path, given = shard.unit.paths[0], shard.unit.givens[0]
    try:
        with _open(path) as handle:
            handle.seek(shard.offset)  # a gzip stream seeks by decompressing: C speed
            for number, _, item in iter_jsonl(handle, given, Path(path).name, shard.start):
                if shard.stop is not None and number >= shard.stop:
                    return
                if item is not None:
                    yield item
    except (OSError, EOFError) as exc:  # as read_jsonl_file words a corrupt or truncated file
        yield ReadError(given, None, f"cannot read: {exc}")

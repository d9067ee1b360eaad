"""What workers run: scan a unit, analyse a shard. Plain module-level functions, so any
engine can ship them (a process pool pickles them by name; Dask does the same).

Workers keep two things per process, loaded on first use: the analyser (the spaCy model takes
seconds to load; a shard takes the model as it is) and the boilerplate set (read once from the
state folder by digest, instead of travelling with every task).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from claimgraph.batch.shards import Shard, Unit, UnitScan, read_shard, scan_unit
from claimgraph.batch.state import ShardWriter, StateDir
from claimgraph.clean.article import clean_document
from claimgraph.ingest.files import RawDocument, ReadError
from claimgraph.model import Article
from claimgraph.pipeline import ArticleAnalyser
from claimgraph.settings import Settings

_ANALYSER: ArticleAnalyser | None = None
_REPEATED: dict[str, frozenset[str]] = {}
# One analyser per process. Dask workers that are threads (``processes=False``) share it, and
# spaCy does not promise that one pipeline may run in two threads at once: take turns.
_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class ShardOutcome:
    shard_id: str
    articles: int = 0
    errors: tuple[ReadError, ...] = ()
    failure: str | None = None  # the shard failed as a whole: this is why
    seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class ScanOutcome:
    scan: UnitScan | None
    failure: str | None = None


def analyser(settings: Settings) -> ArticleAnalyser:
    """This process's analyser, built and set up on first use."""
    global _ANALYSER
    if _ANALYSER is None or _ANALYSER.settings != settings:
        built = ArticleAnalyser(settings)
        built.setup()
        _ANALYSER = built
    return _ANALYSER


def scan_task(unit: Unit, shard_size: int, state_dir: str) -> ScanOutcome:
    state = StateDir(state_dir)
    try:
        scan = state.load_scan(unit, shard_size)
        if scan is None:
            scan = scan_unit(unit, shard_size)
            state.save_scan(scan, unit, shard_size)
    except Exception as exc:  # noqa: BLE001  # one bad unit must not stop the batch
        return ScanOutcome(None, f"{type(exc).__name__}: {exc}")
    return ScanOutcome(scan)


def analyse_task(
    shard: Shard, shard_id: str, repeated: str, settings: Settings, state_dir: str
) -> ShardOutcome:
    """Clean and analyse one shard into the state folder; a failure is returned, not raised."""
    started = time.perf_counter()
    state = StateDir(state_dir)
    try:
        lines = _repeated(state, repeated)
        with state.shard_writer(shard_id, shard.describe()) as writer, _LOCK:
            for analysis in analyser(settings).analyse_many(_articles(shard, lines, writer)):
                writer.write(analysis)
    except Exception as exc:  # noqa: BLE001  # reported with the shard's name by the driver
        return ShardOutcome(shard_id, failure=f"{type(exc).__name__}: {exc}")
    seconds = time.perf_counter() - started
    return ShardOutcome(shard_id, writer.count, tuple(writer.errors), seconds=seconds)


def _repeated(state: StateDir, digest: str) -> frozenset[str]:
    if digest not in _REPEATED:
        _REPEATED.clear()  # one batch at a time: keep only the current set
        _REPEATED[digest] = state.load_repeated(digest)
    return _REPEATED[digest]


def _articles(shard: Shard, repeated: frozenset[str], writer: ShardWriter) -> Iterator[Article]:
    """Clean articles of the shard, first copy of each id only (as ``load_articles``)."""
    seen: set[str] = set()
    for article in clean_all(read_shard(shard), repeated, writer.error):
        if article.id not in seen:
            seen.add(article.id)
            yield article


def clean_all(
    items: Iterable[RawDocument | ReadError],
    repeated: frozenset[str],
    report: Callable[[ReadError], None],
) -> Iterator[Article]:
    """``load_articles``' cleaning loop, streamed: errors go to ``report``."""
    for item in items:
        if isinstance(item, ReadError):
            report(item)
            continue
        try:
            yield clean_document(item, repeated)
        except ValueError as exc:
            report(ReadError(item.source, None, str(exc)))

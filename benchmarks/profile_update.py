"""Where an incremental update's time and memory go: fold chunks of stored articles into a
store's corpus one by one and report, per chunk and per part of ``update_corpus``, the time,
the peak resident memory, the index rows and bytes read per space, the analyses loaded and the
size of the re-derived partition. With ``--pages``, also the database pages the update's
transaction wrote, by the table or index they belong to (how much of each it rewrote).

Usage: python benchmarks/profile_update.py STORE.db [--chunk 10000] [--chunks 3] [--pages]
[--json]

``STORE.db`` holds articles whose corpus was derived (with its index) over the first ones in
``article_ids()`` order, and not yet over the rest (as ``pipeline.derive_corpus`` leaves it
after its first chunk). The store is modified: work on a copy. Made to tell which quantity
grows with the store when updates slow down as it grows (benchmarks/README.md).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import pickle
import sqlite3
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

from claimgraph.corpus import incremental
from claimgraph.store.sqlite import SQLiteStore

PARTS = (
    "_bump_df",
    "_join_stories",
    "_reachable_stories",
    "_join_origins",
    "_place_in_storylines",
    "_line_stories",
    "fact_stages",
    "_update_entities",
)
DUMP = os.environ.get("PROFILE_UPDATE_DUMP")  # pickle the partition here (to study it alone)
ORIGINAL = {name: getattr(incremental, name) for name in (*PARTS, "fact_stages")}


def _status_kb(key: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


def _reset_peak() -> None:
    """Reset the kernel's resident-memory high-water mark (VmHWM), so each part's peak is
    its own (Linux: writing 5 to clear_refs)."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


class Profile:
    """Counters of one update, filled by the wrappers below."""

    def __init__(self) -> None:
        self.parts: dict[str, dict[str, float]] = defaultdict(lambda: {"s": 0.0, "peak_mb": 0.0})
        self.reads: dict[str, Counter[str]] = defaultdict(Counter)
        self.loaded: Counter[str] = Counter()
        self.facts: dict[str, int] = {}
        self.current = "update_corpus"

    def as_dict(self) -> dict[str, Any]:
        return {
            "parts": {k: {m: round(v, 2) for m, v in p.items()} for k, p in self.parts.items()},
            "reads": {s: dict(c) for s, c in sorted(self.reads.items())},
            "loaded": dict(self.loaded),
            "partition": self.facts,
        }


def instrument(store: SQLiteStore, profile: Profile) -> None:
    """Wrap the parts of ``update_corpus`` (module functions) and the store's reads."""
    for name in PARTS:
        setattr(incremental, name, _timed(profile, name, getattr(incremental, name)))
    index_get, analyses_of, update = store.index_get, store.analyses_of, store.update_corpus

    def counted_get(space: str, keys: Any) -> dict[str, str]:
        out = index_get(space, keys)
        reads = profile.reads[space]
        reads["rows"] += len(out)
        reads["mb"] += sum(len(v) for v in out.values()) / 1e6
        reads[f"rows in {profile.current}"] += len(out)
        return out

    def counted_analyses(ids: Any) -> Any:
        out = analyses_of(ids)
        profile.loaded[profile.current] += len(out)
        return out

    store.index_get = counted_get  # type: ignore[method-assign]
    store.analyses_of = counted_analyses  # type: ignore[method-assign]
    store.update_corpus = _timed(profile, "store.update_corpus", update)  # type: ignore[method-assign]
    fact_stages = incremental.fact_stages

    def measured_facts(analyses: Any, stories: Any, origins: Any, line_of: Any, *more: Any) -> Any:
        sizes: Counter[str] = Counter()
        claims: Counter[str] = Counter()
        line_of_article = {a: line_of.get(s.id, s.id) for s in stories for a in s.article_ids}
        for story in stories:
            sizes[line_of.get(story.id, story.id)] += len(story.article_ids)
        for a in analyses:
            claims[line_of_article.get(a.article.id, "")] += len(a.claims)
        profile.facts = {
            "articles": len(analyses),
            "stories": len(stories),
            "storylines": len(sizes),
            "largest_storyline": max(sizes.values(), default=0),
            "claims": sum(claims.values()),
            "most_claims_in_a_storyline": max(claims.values(), default=0),
            "claim_pairs_bound": sum(n * n for n in claims.values()),
        }
        if DUMP:
            with open(DUMP, "wb") as f:
                pickle.dump((analyses, stories, origins, line_of, *more[:1]), f)
        return fact_stages(analyses, stories, origins, line_of, *more)

    incremental.fact_stages = measured_facts


def _timed(profile: Profile, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        outer = profile.current
        _fold_peak(profile, outer)  # the enclosing part's peak so far, before the reset
        profile.current = name
        _reset_peak()
        started = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            profile.parts[name]["s"] += time.process_time() - started
            _fold_peak(profile, name)
            profile.current = outer

    return wrapper


def _fold_peak(profile: Profile, name: str) -> None:
    part = profile.parts[name]
    part["peak_mb"] = max(part["peak_mb"], _status_kb("VmHWM") / 1024)


# -- pages written -----------------------------------------------------------------------------
# A B-tree write costs a page, whatever share of the page changed. An update that writes more
# rows than a table has pages rewrites nearly all of the table, so its cost follows the table's
# size, not the update's: this is how to see it.


def page_owners(conn: sqlite3.Connection) -> dict[int, str]:
    """Each page of the database file -> the table or index it belongs to (SQLite's ``dbstat``
    virtual table; pages missing from it are free)."""
    try:
        return {pageno: name for name, pageno in conn.execute("SELECT name, pageno FROM dbstat")}
    except sqlite3.OperationalError as exc:
        raise SystemExit(f"--pages needs an SQLite built with the dbstat table: {exc}") from exc


def wal_pages(wal: Path) -> set[int]:
    """The distinct database pages a write-ahead log holds frames for (the file format: a
    32-byte header giving the page size, then frames of a 24-byte header, whose first four
    bytes are the page number, and the page)."""
    if not wal.exists():
        return set()
    pages: set[int] = set()
    with wal.open("rb") as f:
        header = f.read(32)
        if len(header) < 32:
            return pages
        page_size = int.from_bytes(header[8:12], "big")
        while len(frame := f.read(24)) == 24:
            pages.add(int.from_bytes(frame[:4], "big"))
            f.seek(page_size, os.SEEK_CUR)
    return pages


def pages_by_owner(written: set[int], owners: dict[int, str]) -> dict[str, list[int]]:
    """Owner -> [pages written, pages it had], biggest writes first; pages the database did not
    have before, or had free, count as ``(new or free)``."""
    had = Counter(owners.values())
    hit = Counter(owners.get(page, "(new or free)") for page in written)
    return {name: [n, had.get(name, 0)] for name, n in hit.most_common()}


@contextlib.contextmanager
def pages_written(conn: sqlite3.Connection, into: dict[str, Any]) -> Iterator[None]:
    """Record in ``into`` the pages the block's writes put in the write-ahead log. The log is
    emptied first and not checkpointed until the block ends, so it holds the block alone."""
    every = int(conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0])
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    owners = page_owners(conn)
    try:
        yield
        written = wal_pages(Path(conn.execute("PRAGMA database_list").fetchone()[2] + "-wal"))
        into["pages"] = {"written": len(written), "by_owner": pages_by_owner(written, owners)}
    finally:
        conn.execute(f"PRAGMA wal_autocheckpoint={every}")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--chunk", type=int, default=10_000)
    parser.add_argument("--chunks", type=int, default=3, help="updates to run")
    parser.add_argument("--pages", action="store_true", help="count the pages each update writes")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with SQLiteStore(args.db) as store:
        covered = int(store.index_get("df", ["#n"])["#n"])
        ids = store.article_ids()
        for start in range(covered, min(len(ids), covered + args.chunk * args.chunks), args.chunk):
            started = time.process_time()
            new = store.analyses_of(ids[start : start + args.chunk])
            read = time.process_time() - started
            profile = Profile()
            instrument(store, profile)
            _reset_peak()
            written: dict[str, Any] = {}
            with pages_written(store.conn, written) if args.pages else contextlib.nullcontext():
                started = time.process_time()
                summary = incremental.update_corpus(store, new)
                _fold_peak(profile, "update_corpus")
                profile.parts["update_corpus"]["s"] = time.process_time() - started
            row = {"store": start, "added": len(new), "summary": asdict(summary)} | written
            started = time.process_time()
            del new  # freeing the chunk's analyses is part of what a chunked derivation costs
            row["read_s"], row["free_s"] = read, time.process_time() - started
            row |= profile.as_dict()
            print(json.dumps(row) if args.json else _render(row), flush=True)
            _restore(store)


def _restore(store: SQLiteStore) -> None:
    """Undo ``instrument`` (module functions and store methods), before the next chunk."""
    for name, fn in ORIGINAL.items():
        setattr(incremental, name, fn)
    for attr in ("index_get", "analyses_of", "update_corpus"):
        store.__dict__.pop(attr, None)


def _render(row: dict[str, Any]) -> str:
    lines = [f"store {row['store']:,} + {row['added']:,}: {row['summary']}"]
    lines.append(f"  read the chunk {row['read_s']:.1f} s, freed it {row['free_s']:.1f} s")
    for name, part in sorted(row["parts"].items(), key=lambda kv: -kv[1]["s"]):
        lines.append(f"  {name:24} {part['s']:8.1f} s  peak {part['peak_mb']:7.0f} MB")
    for space, reads in row["reads"].items():
        lines.append(f"  read {space:9} {dict(reads)}")
    lines.append(f"  loaded {row['loaded']}  partition {row['partition']}")
    if "pages" in row:
        by_owner = row["pages"]["by_owner"].items()
        owners = ", ".join(f"{k} {n:,} of {had:,}" for k, (n, had) in by_owner)
        lines.append(f"  pages written {row['pages']['written']:,}: {owners}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())

"""Throughput of ``claimgraph run`` against ``batch --engine local`` and ``--engine dask``.

Usage: python benchmarks/bench_batch.py [--articles 10000] [--workers 2] [--shard-size 500]
       [--engines run,local,dask] [--keep DIR]

Builds a corpus of N articles as .jsonl.gz files: from real text when ../shared is there
(ECB+ topics 1-35 via ../shared/eval/ecbplus_to_text.py, and the Zyte HTML pages, as JSON
lines with ``text`` / ``html``), each copied with small variations (numbers shifted, so the
copies are different articles that disagree a little) until there are N; else from
synthetic reports. Each engine runs in a fresh process on the same input; the script checks
that every export equals ``claimgraph run``'s and prints:

* per-article stage: read, clean, NLP, extraction (``run``: until the last article is
  stored; ``batch``: scan + shards), as articles per second per core;
* corpus stage: origins, stories, facts... plus the store writes, on one core;
* peak memory of the process tree (psutil samples; else getrusage, self + largest child);
* the projection to 10M articles a day: cores at the measured per-core rate.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack, suppress
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
ECB = SHARED / "data" / "ecbplus" / "ECB+"
CONVERT = SHARED / "eval" / "ecbplus_to_text.py"
ZYTE = SHARED / "data" / "zyte-article-extraction" / "html"
PER_DAY = 10_000_000
FILES = 4  # input .jsonl.gz files


# -- the corpus ------------------------------------------------------------------------------


def base_documents(work: Path) -> tuple[str, list[dict[str, str]]]:
    """(where from, one JSON record per distinct document)."""
    if CONVERT.exists() and ECB.is_dir():
        out = work / "ecb"
        cmd = [sys.executable, str(CONVERT), str(ECB), str(out), "--topics", "1-35"]
        subprocess.run(cmd, check=True, capture_output=True)
        docs = [{"id": p.stem, "text": p.read_text("utf-8")} for p in sorted(out.glob("*.txt"))]
        pages = sorted(ZYTE.glob("*.html")) if ZYTE.is_dir() else []
        docs += [{"id": p.stem[:16], "html": p.read_text("utf-8", "replace")} for p in pages]
        return f"ECB+ topics 1-35 ({len(docs) - len(pages)}) + Zyte pages ({len(pages)})", docs
    return "synthetic reports", synthetic_documents(400)


def synthetic_documents(n: int) -> list[dict[str, str]]:
    rng = random.Random(1)
    places = ["Marlow Bend", "Tessaly", "Hallam", "Pellworth", "Lorrin", "Veldt", "Orrin"]
    people = ["Ada Brennan", "Tomas Reyes", "Mira Osei", "Janek Horvat", "Lena Strand"]
    docs = []
    for i in range(n):
        place, person = rng.choice(places), rng.choice(people)
        text = (
            f"Floods in {place}\n\nFloodwater damaged {rng.randint(50, 500)} homes in {place} "
            f"on Monday, officials said.\n\n{person} said repairs would cost about "
            f'${rng.randint(2, 40)} million. "We will rebuild," {person} said.\n\n'
            f"According to the fire service, {rng.randint(100, 900)} people were moved."
        )
        docs.append({"id": f"s{i}", "text": text})
    return docs


_NUMBER = re.compile(r"(?<![\w.,])\d{1,4}(?![\w.,]\d)")


def varied(doc: dict[str, str], copy: int, rng: random.Random) -> dict[str, str]:
    """Copy ``copy`` of a document: a few numbers shifted, a new id."""
    out = dict(doc, id=f"{doc['id']}#{copy}")
    if copy:
        field = "text" if "text" in doc else "html"

        def shift(m: re.Match[str]) -> str:
            return str(int(m.group()) + copy % 5) if rng.random() < 0.2 else m.group()

        out[field] = _NUMBER.sub(shift, doc[field])
    return out


def write_corpus(folder: Path, n: int, docs: list[dict[str, str]]) -> list[str]:
    rng = random.Random(5)
    folder.mkdir(parents=True, exist_ok=True)
    per_file = -(-n // FILES)
    with ExitStack() as stack:
        handles = [
            stack.enter_context(gzip.open(folder / f"part-{i}.jsonl.gz", "wt", encoding="utf-8"))
            for i in range(FILES)
        ]
        for i in range(n):
            record = varied(docs[i % len(docs)], i // len(docs), rng)
            handles[i // per_file].write(json.dumps(record, ensure_ascii=False) + "\n")
    return [str(folder / f"part-{i}.jsonl.gz") for i in range(FILES)]


# -- one engine, in its own process ----------------------------------------------------------


class PeakMemory:
    """Peak RSS of this process and its descendants, sampled (psutil) or from getrusage."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        try:
            import psutil

            self._process: Any = psutil.Process()
        except ImportError:
            self._process = None
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> PeakMemory:
        if self._process is not None:
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._process is not None:
            self._thread.join()
        if self._process is None:  # kB on Linux; the largest child, not their sum
            self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            self.peak = (self_kb + child_kb) * 1024

    def _sample(self) -> None:
        while not self._stop.wait(0.2):
            with suppress(Exception):  # a process that ended between listing and reading
                tree = [self._process, *self._process.children(recursive=True)]
                self.peak = max(self.peak, sum(_rss(p) for p in tree))


def _rss(process: Any) -> int:
    try:
        return int(process.memory_info().rss)
    except Exception:  # noqa: BLE001
        return 0


def one(engine: str, inputs: list[str], db: str, workers: int, shard_size: int) -> dict:
    with PeakMemory() as memory:
        started = time.perf_counter()
        if engine == "run":
            stats = _run(inputs, db)
        else:
            stats = _batch(engine, inputs, db, workers, shard_size)
        stats["total"] = stats.pop("run_total", None) or time.perf_counter() - started
    stats["peak_mb"] = memory.peak / 1e6
    return stats


def _run(inputs: list[str], db: str) -> dict:
    """``claimgraph run``; its corpus stage is then timed again on its own (the same call
    ``run`` ends with), since ``run`` interleaves analysis and store writes."""
    from claimgraph import api
    from claimgraph.pipeline import analyse_corpus

    started = time.perf_counter()
    summary = api.run(inputs, db)
    total = time.perf_counter() - started
    with api.open_store(db) as store:
        again = time.perf_counter()
        store.replace_corpus(analyse_corpus(list(store.analyses())))
        corpus = time.perf_counter() - again
    return {
        "articles": summary.read,
        "workers": 1,
        "per_article": total - corpus,
        "corpus": corpus,
        "errors": len(summary.errors),
        "run_total": total,
    }


def _batch(engine: str, inputs: list[str], db: str, workers: int, shard_size: int) -> dict:
    from claimgraph.batch import batch

    state = db + ".state"
    s = batch(inputs, engine=engine, db=db, workers=workers, shard_size=shard_size, state_dir=state)
    stages = s.stage_seconds
    return {
        "articles": s.read,
        "workers": s.workers,
        "shards": s.shards,
        "per_article": stages.get("scan", 0) + stages.get("articles", 0),
        "scan": stages.get("scan", 0),
        "corpus": stages.get("corpus", 0),
        "errors": len(s.errors),
        "failed_shards": len(s.failed_shards),
    }


# -- the driver ------------------------------------------------------------------------------


def main() -> None:
    args = parse_args()
    if args.one:
        stats = one(args.one, args.inputs, args.db, args.workers, args.shard_size)
        print(json.dumps(stats))
        return
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-batch-"))
    work.mkdir(parents=True, exist_ok=True)
    where, docs = base_documents(work)
    inputs = write_corpus(work / "corpus", args.articles, docs)
    print(f"{args.articles} articles from {where}, {len(docs)} distinct; work dir {work}")
    rows = []
    for engine in args.engines.split(","):
        db = work / f"{engine}.db"
        for old in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
            old.unlink(missing_ok=True)
        subprocess.run(["rm", "-rf", f"{db}.state"], check=True)
        cmd = [
            sys.executable,
            __file__,
            "--one",
            engine,
            "--db",
            str(db),
            "--workers",
            str(args.workers),
            "--shard-size",
            str(args.shard_size),
            *inputs,
        ]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if done.returncode:
            sys.exit(f"{engine} failed:\n{done.stderr[-3000:]}")
        stats = json.loads(done.stdout.strip().splitlines()[-1])
        stats["engine"] = engine
        rows.append(stats)
        print(f"  {engine}: {stats['total']:.0f} s", flush=True)
    same = check_exports(work, [r["engine"] for r in rows])
    print_table(rows, same)


def check_exports(work: Path, engines: list[str]) -> dict[str, bool]:
    from claimgraph import api

    if "run" not in engines:
        return {}
    reference = json.loads(api.export(str(work / "run.db")))
    return {e: json.loads(api.export(str(work / f"{e}.db"))) == reference for e in engines}


def print_table(rows: list[dict], same: dict[str, bool]) -> None:
    print()
    print(
        "| engine | workers | articles | per-article stage s | articles/s/core | "
        "corpus stage s | total s | peak memory MB | export = run |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        rate = r["articles"] / r["per_article"] / r["workers"]
        r["rate"] = rate
        label = {
            "run": "claimgraph run",
            "local": "batch --engine local",
            "dask": "batch --engine dask (LocalCluster)",
        }[r["engine"]]
        print(
            f"| {label} | {r['workers']} | {r['articles']} | {r['per_article']:.1f} | "
            f"{rate:.1f} | {r['corpus']:.1f} | {r['total']:.1f} | {r['peak_mb']:.0f} | "
            f"{'yes' if same.get(r['engine'], r['engine'] == 'run') else 'NO'} |"
        )
    needed = PER_DAY / 86400
    print(f"\n10M articles/day = {needed:.0f} articles/s in the per-article stage:")
    for r in rows:
        print(
            f"  at {r['engine']}'s {r['rate']:.1f} articles/s/core: {needed / r['rate']:.0f} "
            f"cores; corpus stage at this rate of {r['articles'] / r['corpus']:.0f} articles/s "
            f"on one core: {PER_DAY / (r['articles'] / r['corpus']) / 3600:.1f} h for 10M "
            f"(if it stays linear)"
        )


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--articles", type=int, default=10_000)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--shard-size", type=int, default=500)
    p.add_argument("--engines", default="run,local,dask")
    p.add_argument("--keep", help="work in this folder and keep it (default: a temp folder)")
    p.add_argument("--one", help=argparse.SUPPRESS)  # internal: run one engine, print JSON
    p.add_argument("--db", help=argparse.SUPPRESS)
    p.add_argument("inputs", nargs="*", help=argparse.SUPPRESS)
    return p.parse_args()


if __name__ == "__main__":
    main()

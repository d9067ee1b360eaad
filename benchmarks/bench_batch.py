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
import hashlib
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
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
        docs.sort(key=lambda d: hashlib.sha1(d["id"].encode()).hexdigest())  # mix the sources
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


# Samples the RSS of the benchmark's process tree from outside it: a sampling thread inside
# would make the local engine start its workers from a fork server (it forks only a
# single-threaded process), and their CPU time would then go uncounted.
SAMPLER = """
import select, sys, psutil
parent, peak, me = psutil.Process(int(sys.argv[1])), 0, psutil.Process().pid
def rss(p):
    try:
        return p.memory_info().rss if p.pid != me else 0
    except psutil.Error:
        return 0
while not select.select([sys.stdin], [], [], 0.2)[0]:
    try:
        peak = max(peak, sum(rss(p) for p in [parent, *parent.children(recursive=True)]))
    except psutil.Error:
        pass
print(peak)
"""


class PeakMemory:
    """Peak RSS of this process and its descendants: sampled with psutil when it is installed,
    else getrusage (self + the largest child, not their sum)."""

    def __init__(self) -> None:
        self.peak = 0
        self._sampler: subprocess.Popen[str] | None = None

    def __enter__(self) -> PeakMemory:
        try:
            import psutil  # noqa: F401
        except ImportError:
            return self
        cmd = [sys.executable, "-c", SAMPLER, str(os.getpid())]
        self._sampler = subprocess.Popen(
            cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        return self

    def __exit__(self, *exc: object) -> None:
        if self._sampler is not None:
            out, _ = self._sampler.communicate("")  # closing its stdin ends the sampling
            self.peak = int(out.strip() or 0)
            return
        me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        self.peak = (me + kids) * 1024  # kB on Linux


def cpu_now() -> float:
    """CPU seconds of this process and its reaped children (pool and cluster workers)."""
    me, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def one(args: argparse.Namespace) -> dict:
    engine, inputs, db = args.one, args.inputs, args.db
    with PeakMemory() as memory:
        started, cpu = time.perf_counter(), cpu_now()
        if engine == "run" and args.no_corpus_stage:
            stats = _run_per_article(inputs, cpu)
        elif engine == "run":
            stats = _run(inputs, db, cpu)
        else:
            stats = _batch(args, cpu)
        stats["total"] = stats.pop("run_total", None) or time.perf_counter() - started
    stats["peak_mb"] = memory.peak / 1e6  # (the sampler's own CPU is reaped after cpu_now())
    return stats


def _run(inputs: list[str], db: str, cpu: float) -> dict:
    """``claimgraph run``; its corpus stage is then timed again on its own (the same call
    ``run`` ends with), since ``run`` interleaves analysis and store writes."""
    from claimgraph import api
    from claimgraph.pipeline import analyse_corpus

    started = time.perf_counter()
    summary = api.run(inputs, db)
    total, run_cpu = time.perf_counter() - started, cpu_now() - cpu
    with api.open_store(db) as store:
        again, again_cpu = time.perf_counter(), time.process_time()
        store.replace_corpus(analyse_corpus(list(store.analyses())))
        corpus, corpus_cpu = time.perf_counter() - again, time.process_time() - again_cpu
    return {
        "articles": summary.read,
        "workers": 1,
        "per_article": total - corpus,
        "per_article_cpu": run_cpu - corpus_cpu,
        "corpus": corpus,
        "corpus_cpu": corpus_cpu,
        "errors": len(summary.errors),
        "run_total": total,
    }


def _run_per_article(inputs: list[str], cpu: float) -> dict:
    """``claimgraph run``'s per-article stages alone: read, clean, analyse (no store)."""
    from claimgraph.pipeline import ArticleAnalyser, load_articles
    from claimgraph.settings import Settings

    started = time.perf_counter()
    errors: list[Any] = []
    articles = load_articles(inputs, None, Settings(), errors)
    for _ in ArticleAnalyser().analyse_many(articles):
        pass
    seconds = time.perf_counter() - started
    return {
        "articles": len(articles),
        "workers": 1,
        "per_article": seconds,
        "per_article_cpu": cpu_now() - cpu,
        "corpus": 0.0,
        "corpus_cpu": 0.0,
        "errors": len(errors),
    }


def _batch(args: argparse.Namespace, cpu: float) -> dict:
    from claimgraph.batch import batch

    s = batch(
        args.inputs,
        engine=args.one,
        db=args.db,
        workers=args.workers,
        shard_size=args.shard_size,
        state_dir=args.db + ".state",
        corpus_stage=not args.no_corpus_stage,
    )
    stages, corpus_cpu = s.stage_seconds, s.driver_cpu_seconds.get("corpus", 0.0)
    return {
        "articles": s.read,
        "workers": s.workers,
        "shards": s.shards,
        "per_article": stages.get("scan", 0) + stages.get("articles", 0),
        "per_article_cpu": cpu_now() - cpu - corpus_cpu,
        "scan": stages.get("scan", 0),
        "corpus": stages.get("corpus", 0),
        "corpus_cpu": corpus_cpu,
        "errors": len(s.errors),
        "failed_shards": len(s.failed_shards),
    }


# -- the driver ------------------------------------------------------------------------------


def main() -> None:
    args = parse_args()
    if args.one:
        stats = one(args)
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
            *(["--no-corpus-stage"] if args.no_corpus_stage else []),
            *inputs,
        ]

        env = {**os.environ, **({"PYTHONHASHSEED": args.hash_seed} if args.hash_seed else {})}
        done = subprocess.run(cmd, capture_output=True, text=True, check=False, env=env)
        if done.returncode:
            sys.exit(f"{engine} failed:\n{done.stderr[-3000:]}")
        stats = json.loads(done.stdout.strip().splitlines()[-1])
        stats["engine"] = engine
        rows.append(stats)
        print(f"  {engine}: {stats['total']:.0f} s", flush=True)
    same = {} if args.no_corpus_stage else check_exports(work, [r["engine"] for r in rows])
    print_table(rows, same)


def check_exports(work: Path, engines: list[str]) -> dict[str, bool]:
    from claimgraph import api

    if "run" not in engines:
        return {}
    reference = json.loads(api.export(str(work / "run.db")))
    return {e: json.loads(api.export(str(work / f"{e}.db"))) == reference for e in engines}


LABELS = {
    "run": "claimgraph run",
    "local": "batch --engine local",
    "dask": "batch --engine dask (LocalCluster)",
}


def print_table(rows: list[dict], same: dict[str, bool]) -> None:
    print()
    print(
        "| engine | workers | articles | per-article stage: wall s | articles/s/core (wall) | "
        "CPU s | articles/CPU-s | corpus stage: wall s | CPU s | total wall s | "
        "peak memory MB | export = run |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        r["rate"] = r["articles"] / r["per_article"] / r["workers"]
        r["cpu_rate"] = r["articles"] / r["per_article_cpu"]
        ok = "-" if not same else "yes" if same.get(r["engine"]) else "NO"
        print(
            f"| {LABELS[r['engine']]} | {r['workers']} | {r['articles']} | "
            f"{r['per_article']:.1f} | {r['rate']:.1f} | {r['per_article_cpu']:.1f} | "
            f"{r['cpu_rate']:.1f} | {r['corpus']:.1f} | {r['corpus_cpu']:.1f} | "
            f"{r['total']:.1f} | {r['peak_mb']:.0f} | {ok} |"
        )
    needed = PER_DAY / 86400
    print(f"\n10M articles/day = {needed:.0f} articles/s through the per-article stage:")
    for r in rows:
        line = (
            f"  {r['engine']}: {needed / r['cpu_rate']:.0f} dedicated cores at "
            f"{r['cpu_rate']:.1f} articles/CPU-s ({needed / r['rate']:.0f} at the wall-clock "
            f"rate measured here)"
        )
        if r["corpus_cpu"] > 0:
            corpus_rate = r["articles"] / r["corpus_cpu"]
            line += (
                f"; corpus stage {corpus_rate:.0f} articles/CPU-s on one core, "
                f"{PER_DAY / corpus_rate / 3600:.1f} h for 10M if it stayed linear"
            )
        print(line)


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--articles", type=int, default=10_000)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--shard-size", type=int, default=500)
    p.add_argument("--engines", default="run,local,dask")
    p.add_argument("--keep", help="work in this folder and keep it (default: a temp folder)")
    p.add_argument(
        "--hash-seed",
        help="PYTHONHASHSEED for every process: isolates results that depend on the order of "
        "sets of strings (which differs between processes) from everything else. Dask gives "
        "its workers 6640 whatever is set, so --hash-seed 6640 lines every process up",
    )
    p.add_argument(
        "--no-corpus-stage",
        action="store_true",
        help="time the per-article stages only (no store, no corpus stages, no export check)",
    )
    p.add_argument("--one", help=argparse.SUPPRESS)  # internal: run one engine, print JSON
    p.add_argument("--db", help=argparse.SUPPRESS)
    p.add_argument("inputs", nargs="*", help=argparse.SUPPRESS)
    return p.parse_args()


if __name__ == "__main__":
    main()

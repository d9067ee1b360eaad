"""Stories built incrementally vs in one pass, on ECB+ topics 1-35 (B-cubed F1 of each).

Usage: python benchmarks/eval_incremental.py [--chunks 1,2,5,10] [--cache FILE] [--seed N]

The documents arrive in ``k`` batches (a random order, fixed by ``--seed``): the first batch is
derived in full, as a first ``claimgraph run`` does, and each later batch is folded in by
``corpus.incremental.update_corpus`` into a real SQLite store, as later runs do. ``k = 1`` is
the one-pass clustering. The gap between the two is what incremental updates cost in quality
(stored profiles keep the weights they had when stored; storylines are not re-linked).

Uses the same analyses as ``eval_ecb_stories.py`` (``--cache`` shares its pickle). Skips (exit 0)
when ../shared is absent; never reads the held-out topics 36-45.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_ecb_stories import (  # noqa: E402  (the sibling script, not a package)
    CONVERT,
    ECB,
    cached_analyses,
    score,
    write_export,
)

from claimgraph.corpus.incremental import update_corpus  # noqa: E402
from claimgraph.pipeline import derive_corpus  # noqa: E402
from claimgraph.store.base import Analysis  # noqa: E402
from claimgraph.store.sqlite import SQLiteStore  # noqa: E402


def prepare(work: Path) -> tuple[list[Path], Path]:
    """Convert topics 1-35; returns the document paths and the gold clusters file."""
    import subprocess

    text_dir = work / "ecb"
    cmd = [sys.executable, str(CONVERT), str(ECB), str(text_dir), "--topics", "1-35"]
    subprocess.run(cmd, check=True, capture_output=True)
    rows = (text_dir / "clusters.tsv").read_text(encoding="utf-8").splitlines()
    kept = [r for r in rows[1:] if r.strip() and int(r.split("\t")[1]) <= 35]
    gold = work / "clusters.tsv"
    gold.write_text("\n".join([rows[0], *kept]) + "\n", encoding="utf-8")
    return [text_dir / f"{r.split(chr(9))[0]}.txt" for r in kept], gold


def in_batches(analyses: Sequence[Analysis], k: int, work: Path) -> tuple[list, float]:
    """Store the analyses in ``k`` batches, deriving the first and updating with the rest;
    returns the stories and the seconds spent on the updates."""
    size = -(-len(analyses) // k)
    batches = [analyses[i : i + size] for i in range(0, len(analyses), size)]
    db = work / f"incremental-{k}.db"
    db.unlink(missing_ok=True)
    spent = 0.0
    with SQLiteStore(db) as store:
        for n, batch in enumerate(batches):
            for analysis in batch:
                store.add_analysis(analysis)
            if n == 0:
                derive_corpus(store)
            else:
                started = time.perf_counter()
                update_corpus(store, batch)
                spent += time.perf_counter() - started
        return list(store.corpus().stories), spent


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chunks", default="1,2,5,10", help="numbers of batches to compare")
    parser.add_argument("--cache", type=Path, help="pickle of the analyses, reused if present")
    parser.add_argument("--seed", type=int, default=3, help="order in which documents arrive")
    args = parser.parse_args(argv)
    if not ECB.is_dir() or not CONVERT.exists():
        print("skipped: ../shared/data/ecbplus is not present")
        return 0
    work = Path(tempfile.mkdtemp(prefix="claimgraph-inc-"))
    paths, gold = prepare(work)
    analyses = cached_analyses(paths, args.cache)
    order = sorted(analyses, key=lambda a: a.article.id)
    random.Random(args.seed).shuffle(order)
    for k in (int(x) for x in args.chunks.split(",")):
        stories, spent = in_batches(order, k, work)
        export = work / f"export-{k}.json"
        write_export(order, stories, export)
        result = score(export, gold)
        print(
            f"{k:>3} batches: B-cubed P={result['precision']:.3f} R={result['recall']:.3f} "
            f"F1={result['f1']:.3f} | {len(stories)} stories | updates {spent:.1f}s"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

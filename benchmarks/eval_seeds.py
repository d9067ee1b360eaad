"""Run claimgraph on the five seed reports and score facts and stories with the shared scorers.

Usage: python benchmarks/eval_seeds.py [--keep DIR]
Skips (exit 0) when ../shared is absent.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from claimgraph import api

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keep", help="write the database and export into this folder")
    args = parser.parse_args()
    seeds = SHARED / "seeds"
    if not seeds.is_dir():
        print("skipped: ../shared/seeds is not present")
        return 0
    out = Path(args.keep or tempfile.mkdtemp(prefix="claimgraph-seeds-"))
    out.mkdir(parents=True, exist_ok=True)
    db = out / "seeds.db"
    db.unlink(missing_ok=True)
    started = time.perf_counter()
    api.run([str(seeds)], str(db))
    export = out / "export.json"
    export.write_text(api.export(str(db), "json"), encoding="utf-8")
    seconds = time.perf_counter() - started
    gold = SHARED / "eval" / "seeds-dev-gold.yaml"
    for scorer in ("score_facts.py", "score_stories.py"):
        cmd = [sys.executable, str(SHARED / "eval" / scorer), str(export), str(gold)]
        print(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip())
    print(f"seeds: run + export in {seconds:.1f}s (model loading included); export: {export}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

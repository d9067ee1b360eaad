#!/usr/bin/env python3
"""Main-text extraction on the Zyte article-extraction benchmark (181 real news pages).

Runs claimgraph's ``html_to_text`` (or, with ``--full``, the whole cleaning path
``clean_document``: extraction + repair + boilerplate + metadata lines) over
``../shared/data/zyte-article-extraction/html/*.html[.gz]``, writes predictions as
``{id: {"articleBody": text}}`` and scores them with ``../shared/eval/score_extraction.py``
(4-gram shingle precision/recall/F1, averaged per page). Prints F1 and pages per second
(extraction time only). Exits 0 with a note when ``../shared`` is absent.

Usage: python benchmarks/eval_zyte.py [--full] [--out PRED.json] [--shared DIR]
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from claimgraph.clean.html import decode_html, html_to_text

DEFAULT_SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    bench = args.shared / "data" / "zyte-article-extraction"
    scorer = args.shared / "eval" / "score_extraction.py"
    if not (bench / "html").is_dir() or not scorer.is_file():
        print(f"skipped: {bench} or {scorer} not found")
        return 0
    logging.getLogger("trafilatura").setLevel(logging.ERROR)  # per-page warnings are noise here
    gold = json.loads((bench / "ground-truth.json").read_text(encoding="utf-8"))
    predictions, seconds = _predict(sorted((bench / "html").iterdir()), gold, args.full)
    out = args.out or Path(tempfile.mkdtemp(prefix="claimgraph-zyte-")) / "predictions.json"
    out.write_text(json.dumps(predictions, ensure_ascii=False), encoding="utf-8")
    score = subprocess.run(
        [sys.executable, str(scorer), str(bench / "ground-truth.json"), str(out)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    f1 = re.search(r"F1 ([\d.]+)", score)
    mode = "clean_document" if args.full else "html_to_text"
    print(f"{mode}: {score}")
    print(f"F1 {f1.group(1) if f1 else '?'}  {len(predictions) / seconds:.1f} pages/s  ({out})")
    return 0


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", action="store_true", help="score the whole cleaning path")
    parser.add_argument("--out", type=Path, help="where to write the predictions JSON")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="../shared folder")
    return parser.parse_args(argv)


def _predict(
    paths: list[Path], gold: dict[str, dict[str, str]], full: bool
) -> tuple[dict[str, dict[str, str]], float]:
    predictions: dict[str, dict[str, str]] = {}
    elapsed = 0.0
    for path in paths:
        page_id = path.name.split(".")[0]
        if not path.name.endswith((".html", ".html.gz")) or page_id not in gold:
            continue
        data = _read(path)
        url = gold[page_id].get("url")
        started = time.perf_counter()
        text = _clean(data, page_id, url) if full else html_to_text(decode_html(data), url)[0]
        elapsed += time.perf_counter() - started
        predictions[page_id] = {"articleBody": text}
    return predictions, max(elapsed, 1e-9)


def _read(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data  # some copies are gzipped


def _clean(data: bytes, page_id: str, url: str | None) -> str:
    from claimgraph.clean.article import clean_document
    from claimgraph.ingest.files import RawDocument

    meta = {"url": url} if url else {}
    doc = RawDocument(source=page_id, source_key=page_id, data=data, is_html=True, meta=meta)
    try:
        return clean_document(doc).text
    except ValueError:
        return ""


if __name__ == "__main__":
    sys.exit(main())

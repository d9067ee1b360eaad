"""The command line: parses flags, calls the library, prints. The only module that prints."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from claimgraph import api
from claimgraph.settings import Settings
from claimgraph.store import redact_url

DEFAULT_DB = "claimgraph.db"


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args))
    except api.ClaimgraphError as exc:
        print(f"claimgraph: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="claimgraph", description=__doc__)
    sub = p.add_subparsers(dest="command")

    run = sub.add_parser("run", help="read reports and analyse them into a store")
    run.add_argument("paths", nargs="+", help="files, folders, or - for JSONL on stdin")
    run.add_argument("--db", default=DEFAULT_DB, help="SQLite file (default: %(default)s)")
    run.add_argument("--no-progress", action="store_true", help="no progress bar")
    run.add_argument(
        "--full",
        action="store_true",
        help="derive stories, origins and facts over the whole store again, instead of "
        "folding a few new articles into them",
    )
    _add_settings(run)
    run.set_defaults(func=cmd_run)

    batch = sub.add_parser("batch", help="analyse large inputs on processes or a Dask cluster")
    batch.add_argument("inputs", nargs="+", help="folders, files, JSONL(.gz) and WARC(.gz) shards")
    batch.add_argument("--engine", choices=("local", "dask"), default="local")
    batch.add_argument("--scheduler", help="address of a running Dask scheduler (engine dask)")
    batch.add_argument("--db", help="SQLite file or postgresql:// URL to write")
    batch.add_argument("--out", help="folder of Parquet files to write")
    batch.add_argument("--workers", type=int, help="processes (default: number of CPUs)")
    batch.add_argument("--state-dir", help="shard results and completion markers (resumable)")
    batch.add_argument("--shard-size", type=int, default=1000, help="articles per shard")
    batch.set_defaults(func=cmd_batch)

    report = sub.add_parser("report", help="print a briefing: stories, facts by status")
    report.add_argument("--db", default=DEFAULT_DB)
    report.add_argument("--format", choices=("text", "md", "html"), default="text")
    report.add_argument("-o", "--output", help="write to this file instead of stdout")
    report.set_defaults(func=cmd_report)

    export = sub.add_parser("export", help="export the analysis (JSON contract, CSV)")
    export.add_argument("--db", default=DEFAULT_DB)
    export.add_argument("--format", choices=("json", "csv"), default="json")
    export.add_argument("-o", "--output", help="write to this file instead of stdout")
    export.set_defaults(func=cmd_export)

    extract = sub.add_parser("extract", help="print what each article states, one JSON a line")
    extract.add_argument("paths", nargs="+", help="files, folders, or - for JSONL on stdin")
    extract.add_argument("--jsonl", action="store_true", default=True, help="JSON lines (default)")
    extract.set_defaults(func=cmd_extract)

    demo = sub.add_parser("demo", help="run on the bundled demo corpus and print the briefing")
    demo.add_argument("--db", default="claimgraph-demo.db")
    demo.set_defaults(func=cmd_demo)

    serve = sub.add_parser("serve", help="browse stories, facts and evidence in a browser")
    serve.add_argument("--db", default=DEFAULT_DB)
    serve.add_argument("--host", default="127.0.0.1", help="bind address (default: %(default)s)")
    serve.add_argument("--port", type=int, default=8765)
    serve.set_defaults(func=cmd_serve)

    search = sub.add_parser("search", help="full-text search over stored articles")
    search.add_argument("query")
    search.add_argument("--db", default=DEFAULT_DB)
    search.add_argument("--limit", type=int, default=20)
    search.set_defaults(func=cmd_search)
    return p


def _add_settings(parser: argparse.ArgumentParser) -> None:
    defaults = Settings()
    for name, text in Settings.help().items():
        parser.add_argument(
            f"--{name.replace('_', '-')}",
            type=int,
            default=getattr(defaults, name),
            help=f"{text} (default: %(default)s)",
        )


def _settings(args: argparse.Namespace) -> Settings:
    return Settings(**{k: getattr(args, k) for k in Settings.help() if hasattr(args, k)})


def _progress(enabled: bool) -> Any:
    if not enabled:
        return None

    def wrap(items: Iterable[Any], total: int) -> Iterable[Any]:
        from tqdm import tqdm

        return tqdm(
            items, total=total, unit="article", file=sys.stderr, disable=total < 20, leave=False
        )

    return wrap


def cmd_run(args: argparse.Namespace) -> int:
    summary = api.run(
        args.paths,
        args.db,
        _settings(args),
        stdin=sys.stdin,
        progress=_progress(not args.no_progress),
        full=args.full,
    )
    for err in summary.errors:
        where = f"{err.source}:{err.line}" if err.line else err.source
        print(f"claimgraph: skipped {where}: {err.message}", file=sys.stderr)
    c = summary.counts
    print(
        f"{summary.read} articles read ({summary.added} new, {summary.unchanged} unchanged), "
        f"{len(summary.errors)} skipped; store {redact_url(args.db)}: "
        f"{c.get('articles', 0)} articles, "
        f"{c.get('stories', 0)} stories, {c.get('facts', 0)} facts, {c.get('claims', 0)} claims "
        f"in {summary.seconds:.1f}s"
    )
    if summary.incremental is not None:
        u = summary.incremental
        print(
            f"incremental update: {u.touched_stories} stories changed, "
            f"{u.partition_articles} articles re-aligned (run --full to derive everything again)"
        )
    return 1 if summary.read == 0 else 0


def cmd_batch(args: argparse.Namespace) -> int:
    from claimgraph.batch import batch

    summary = batch(
        args.inputs,
        engine=args.engine,
        scheduler=args.scheduler,
        db=args.db,
        out=args.out,
        workers=args.workers,
        state_dir=args.state_dir,
        shard_size=args.shard_size,
    )
    for err in summary.errors:
        where = f"{err.source}:{err.line}" if err.line else err.source
        print(f"claimgraph: skipped {where}: {err.message}", file=sys.stderr)
    target = " and ".join(x for x in (args.db and redact_url(args.db), args.out) if x)
    print(
        f"{summary.read} articles ({summary.added} new) in {summary.shards} shards "
        f"({summary.shards_reused} reused) on {summary.workers} {args.engine} workers, "
        f"{len(summary.errors)} skipped; wrote {target} in {summary.seconds:.1f}s"
    )
    return 1 if summary.read == 0 else 0


def _write(text: str, output: str | None) -> None:
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


def cmd_report(args: argparse.Namespace) -> int:
    _write(api.report(args.db, args.format), args.output)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    _write(api.export(args.db, args.format), args.output)
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    ok = 0
    for item in api.extract(args.paths, stdin=sys.stdin):
        if isinstance(item, api.ReadError):
            where = f"{item.source}:{item.line}" if item.line else item.source
            print(f"claimgraph: skipped {where}: {item.message}", file=sys.stderr)
            continue
        ok += 1
        sys.stdout.write(json.dumps(item, ensure_ascii=False) + "\n")
    return 0 if ok else 1


def cmd_demo(args: argparse.Namespace) -> int:
    corpus = api.demo_corpus()
    print(f"claimgraph demo: analysing {corpus} into {args.db}", file=sys.stderr)
    summary = api.run([str(corpus)], args.db, Settings())
    print(api.report(args.db, "text"))
    print(
        f"{summary.read} articles, {summary.counts.get('facts', 0)} facts in "
        f"{summary.seconds:.1f}s. Next: claimgraph export --db {args.db} --format json"
    )
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    try:
        from claimgraph.web.app import serve
    except ImportError as exc:
        raise api.ClaimgraphError(
            f"the web UI needs extra packages ({exc.name}): pip install 'claimgraph[web]'"
        ) from exc
    print(
        f"claimgraph: serving {redact_url(args.db)} on http://{args.host}:{args.port}/",
        file=sys.stderr,
    )
    try:
        serve(args.db, host=args.host, port=args.port)
    except (FileNotFoundError, ValueError) as exc:  # the app refuses missing or foreign files
        raise api.ClaimgraphError(str(exc)) from exc
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    for article_id, snippet in api.search(args.db, args.query, args.limit):
        print(f"{article_id}\t{' '.join(snippet.split())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Score story clustering on ECB+ (B-cubed over the gold seminal events) and on the seeds.

Usage: python benchmarks/eval_ecb_stories.py [--topics 1-35] [--cache FILE] [--keep DIR]
       [--no-seeds] [--embeddings] [--wire-copies K]

ECB+ topics 1-35 are the development split; 36-45 are held out, and this script refuses them
unless ``--held-out`` is given (for the final, untuned scoring only). Articles are read and
cleaned by claimgraph's own reader (title, published date, URL and credits come from the text,
as for any input); mentions and claims are read as in a run (``pipeline.read_doc``).
``--cache`` keeps the analyses in a pickle so that re-scoring after a change to the clustering
skips the NLP (about a minute per 800 documents). ``--embeddings`` adds the dense channel:
headline-and-lead vectors from ``SentenceEncoder`` (kept beside the cache in
FILE.embeddings.npz), also for the seed and demo-corpus constraints. ``--wire-copies K`` adds K
reprints of one report per gold event (a new headline and an outlet's credit line, as a wire
story runs under other mastheads) and scores them with their event: copies must not pull a
story apart or together.

Skips (exit 0) when ../shared is absent.
"""

from __future__ import annotations

import argparse
import json
import pickle
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from claimgraph.corpus.stories import cluster_stories
from claimgraph.corpus.storylines import storylines
from claimgraph.model import Article, Story
from claimgraph.store.base import Analysis

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
ECB = SHARED / "data" / "ecbplus" / "ECB+"
CONVERT = SHARED / "eval" / "ecbplus_to_text.py"
SCORE = SHARED / "eval" / "score_stories.py"
SEEDS = SHARED / "seeds"
HELD_OUT = range(36, 46)
DEMO = Path(__file__).resolve().parent.parent / "src" / "claimgraph" / "examples"
Embeddings = dict[str, np.ndarray] | None


def topic_set(spec: str) -> set[int]:
    lo, _, hi = spec.partition("-")
    return set(range(int(lo), int(hi or lo) + 1))


def read_articles(paths: Sequence[Path]) -> list[Article]:
    """Read and clean the files as claimgraph does for any input."""
    from claimgraph.pipeline import load_articles
    from claimgraph.settings import Settings

    errors: list = []
    articles = load_articles([str(p) for p in paths], None, Settings(), errors)
    for error in errors:
        print(f"warning: {error}", file=sys.stderr)
    return articles


def analyse(articles: Sequence[Article]) -> list[Analysis]:
    """Each article read as the pipeline reads it (``pipeline.read_doc``): entities, values,
    dates and claims, so stories see exactly the mentions they see in a run."""
    from claimgraph.extract.nlp import load_pipeline
    from claimgraph.pipeline import read_doc

    nlp = load_pipeline()
    docs = nlp.pipe(a.text for a in articles)
    return [read_doc(doc, article).analysis for article, doc in zip(articles, docs, strict=True)]


# Bumped when ``analyse`` reads more: a cache written by an older version is read again.
CACHE_VERSION = 2


def cached_analyses(paths: Sequence[Path], cache: Path | None) -> list[Analysis]:
    if cache and cache.exists():
        stored = pickle.loads(cache.read_bytes())
        version, records = stored if isinstance(stored, tuple) else (1, stored)
        # Rebuilt field by field: a cache written before a field was added lacks it.
        analyses = [
            Analysis(a.article, a.mentions, a.claims, getattr(a, "embedding", None))
            for a in records
        ]
        wanted = {p.stem for p in paths}
        if version == CACHE_VERSION and {Path(a.article.source).stem for a in analyses} == wanted:
            return analyses
    analyses = analyse(read_articles(paths))
    if cache:
        cache.write_bytes(pickle.dumps((CACHE_VERSION, analyses)))
    return analyses


def embed(analyses: Sequence[Analysis]) -> dict[str, np.ndarray]:
    """Headline-and-lead embeddings of the articles, by article id."""
    from claimgraph.extract.embedding import SentenceEncoder, embedding_text

    vectors = SentenceEncoder(batch_size=1).encode([embedding_text(a) for a in analyses])
    return {a.article.id: v for a, v in zip(analyses, vectors, strict=True)}


def cached_embeddings(analyses: Sequence[Analysis], cache: Path | None) -> dict[str, np.ndarray]:
    path = cache.with_name(cache.name + ".embeddings.npz") if cache else None
    ids = {a.article.id for a in analyses}
    if path and path.exists():
        with np.load(path) as stored:
            if set(stored.files) == ids:
                return {k: stored[k] for k in stored.files}
    vectors = embed(analyses)
    if path:
        np.savez(path, **vectors)
    return vectors


def wire_copies(analyses: Sequence[Analysis], rows: list[str], k: int) -> list[Analysis]:
    """``k`` reprints of the first report (by document name) of every gold event, and their
    gold rows appended to ``rows``."""
    by_doc = {Path(a.article.source).stem: a for a in analyses}
    firsts: dict[str, list[str]] = {}
    for row in sorted(rows):
        doc, topic, event = row.split("\t")
        if doc in by_doc and event not in firsts:
            firsts[event] = [doc, topic]
    copies = []
    for event, (doc, topic) in sorted(firsts.items()):
        original = by_doc[doc].article
        for i in range(k):
            outlet = f"Outlet {i + 1}"
            source = original.source.replace(doc, f"{doc}-copy{i + 1}")
            text = f"{original.text}\n\n(Reprinted by {outlet}.)"
            title = f"{outlet}: {original.title or doc}"
            article = Article(
                id=Article.make_id(source, text),
                source=source,
                text=text,
                title=title,
                published=original.published,
            )
            copies.append(Analysis(article, by_doc[doc].mentions, ()))
            rows.append(f"{doc}-copy{i + 1}\t{topic}\t{event}")
    return copies


def write_export(analyses: Sequence[Analysis], stories: Sequence[Story], path: Path) -> None:
    export = {
        "articles": [{"id": a.article.id, "source": a.article.source} for a in analyses],
        "stories": [{"id": s.id, "article_ids": list(s.article_ids)} for s in stories],
    }
    path.write_text(json.dumps(export), encoding="utf-8")


def score(export: Path, gold: Path) -> dict:
    cmd = [sys.executable, str(SCORE), str(export), str(gold), "--json"]
    result: dict = json.loads(
        subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    )
    return result


def run_ecb(
    topics: set[int], work: Path, cache: Path | None, embeddings: bool = False, copies: int = 0
) -> dict:
    """Convert, analyse, cluster and score the given topics; returns the scores and timings."""
    text_dir = work / "ecb"
    spec = f"{min(topics)}-{max(topics)}"
    cmd = [sys.executable, str(CONVERT), str(ECB), str(text_dir), "--topics", spec]
    subprocess.run(cmd, check=True, capture_output=True)
    rows = (text_dir / "clusters.tsv").read_text(encoding="utf-8").splitlines()
    kept = [r for r in rows[1:] if r.strip() and int(r.split("\t")[1]) in topics]
    paths = [text_dir / f"{r.split(chr(9))[0]}.txt" for r in kept]
    started = time.perf_counter()
    analyses = cached_analyses(paths, cache)
    analysed = time.perf_counter() - started
    started = time.perf_counter()
    vectors = cached_embeddings(analyses, cache) if embeddings else None
    if copies:
        reprints = wire_copies(analyses, kept, copies)
        analyses = [*analyses, *reprints]
        if vectors is not None:
            vectors.update(embed(reprints))
    embedded = time.perf_counter() - started
    gold = work / "clusters.tsv"
    gold.write_text("\n".join([rows[0], *kept]) + "\n", encoding="utf-8")
    started = time.perf_counter()
    stories = cluster_stories(analyses, vectors)
    clustered = time.perf_counter() - started
    export = work / "ecb-export.json"
    write_export(analyses, stories, export)
    result = score(export, gold)
    result.update(storyline_links(stories, analyses, kept))
    result.update(
        documents=len(analyses),
        stories=len(stories),
        gold_events=len({r.split("\t")[2] for r in kept}),
        analyse_seconds=round(analysed, 2),
        embed_seconds=round(embedded, 2),
        cluster_seconds=round(clustered, 3),
    )
    return result


def storyline_links(
    stories: Sequence[Story], analyses: Sequence[Analysis], rows: list[str]
) -> dict:
    """Story pairs that ``storylines`` puts together: within one gold event (a story split in
    two, rejoined: right) or across gold events (wrong: facts of two events get compared)."""
    event_of = {r.split("\t")[0]: r.split("\t")[2] for r in rows}
    doc_of = {a.article.id: Path(a.article.source).stem for a in analyses}
    majority = {
        s.id: Counter(event_of.get(doc_of[a], "") for a in s.article_ids).most_common(1)[0][0]
        for s in stories
    }
    lines: dict[str, list[str]] = {}
    for story_id, line in storylines(stories, analyses).items():
        lines.setdefault(line, []).append(story_id)
    within = across = 0
    for members in lines.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if majority[a] == majority[b]:
                    within += 1
                else:
                    across += 1
    return {"storyline_links_within_event": within, "storyline_links_across_events": across}


def check_seeds(embeddings: bool = False) -> dict[str, bool] | None:
    """The seed constraints: 000, 001 and 003 together; 004 apart from 000 and from 001."""
    if not SEEDS.is_dir():
        return None
    analyses = analyse(read_articles(sorted(SEEDS.glob("*.txt"))))
    story_of = {}
    for story in cluster_stories(analyses, embed(analyses) if embeddings else None):
        for aid in story.article_ids:
            story_of[aid] = story.id
    key = {Path(a.article.source).name[:3]: story_of[a.article.id] for a in analyses}
    return {
        "000+001+003 together": key["000"] == key["001"] == key["003"],
        "004 apart from 000": key["004"] != key["000"],
        "004 apart from 001": key["004"] != key["001"],
    }


def check_demo(embeddings: bool = False) -> tuple[int, int]:
    """The demo corpus's story constraints (examples/gold.yaml): how many of them hold."""
    import yaml

    gold = yaml.safe_load((DEMO / "gold.yaml").read_text(encoding="utf-8"))["stories"]
    analyses = analyse(read_articles(sorted((DEMO / "corpus").iterdir())))
    story_of: dict[str, set[str]] = {}
    for story in cluster_stories(analyses, embed(analyses) if embeddings else None):
        for aid in story.article_ids:
            source = next(a.article.source for a in analyses if a.article.id == aid)
            story_of.setdefault(Path(source).name[:2], set()).add(story.id)
    held = 0
    for keys in gold["together"]:
        held += len(set().union(*(story_of[k] for k in keys))) == 1
    for a, b in gold["apart"]:
        held += not story_of[a] & story_of[b]
    return held, len(gold["together"]) + len(gold["apart"])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--topics", default="1-35", help="ECB+ topics, e.g. 1-35 or 1-5")
    parser.add_argument("--cache", type=Path, help="pickle of the analyses, reused if present")
    parser.add_argument("--keep", type=Path, help="keep the converted texts and export here")
    parser.add_argument("--held-out", action="store_true", help="allow topics 36-45")
    parser.add_argument("--no-seeds", action="store_true", help="skip the seed constraints")
    parser.add_argument(
        "--embeddings", action="store_true", help="add the dense channel (SentenceEncoder)"
    )
    parser.add_argument(
        "--wire-copies", type=int, default=0, metavar="K", help="add K reprints per gold event"
    )
    args = parser.parse_args(argv)
    if not ECB.is_dir() or not CONVERT.exists():
        print("skipped: ../shared/data/ecbplus is not present")
        return 0
    topics = topic_set(args.topics)
    if topics & set(HELD_OUT) and not args.held_out:
        print("refused: topics 36-45 are held out (pass --held-out for the final scoring)")
        return 2
    work = args.keep or Path(tempfile.mkdtemp(prefix="claimgraph-ecb-"))
    work.mkdir(parents=True, exist_ok=True)
    result = run_ecb(topics, work, args.cache, args.embeddings, args.wire_copies)
    per_k = result["cluster_seconds"] / max(result["documents"], 1) * 1000
    print(
        f"ECB+ topics {args.topics}: B-cubed P={result['precision']:.3f} "
        f"R={result['recall']:.3f} F1={result['f1']:.3f} | {result['documents']} docs, "
        f"{result['stories']} stories ({result['gold_events']} gold events) | analysis "
        f"{result['analyse_seconds']}s, embeddings {result['embed_seconds']}s, "
        f"clustering {result['cluster_seconds']}s "
        f"({per_k:.2f}s per 1k articles)"
    )
    print(
        f"storylines: {result['storyline_links_within_event']} story links within one gold "
        f"event, {result['storyline_links_across_events']} across gold events"
    )
    seeds = None if args.no_seeds else check_seeds(args.embeddings)
    if seeds is not None:
        print("seeds: " + ", ".join(f"{k}: {'ok' if v else 'BROKEN'}" for k, v in seeds.items()))
        held, total = check_demo(args.embeddings)
        print(f"demo corpus: {held}/{total} story constraints hold")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

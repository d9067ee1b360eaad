"""How fast the web UI and API answer on a 10k-article store (not a timed test).

Builds a synthetic store from records made directly (no NLP: seconds, not minutes), serves it
with uvicorn on 127.0.0.1 in a thread, and times real HTTP requests with httpx:

    python benchmarks/bench_web.py [--articles 10000] [--requests 200] [--db FILE]

Prints p50/p95/max per route. The goal (issue 5): story page and API p95 under 200 ms.
"""

from __future__ import annotations

import argparse
import math
import random
import socket
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import uvicorn

from claimgraph.model import (
    Article,
    Claim,
    Entity,
    Fact,
    Span,
    Status,
    Story,
    TimelineEntry,
    Value,
)
from claimgraph.store.base import Analysis, CorpusResult
from claimgraph.store.sqlite import SQLiteStore
from claimgraph.web.app import create_app

OUTLETS = [f"Outlet {i:02d}" for i in range(40)]
PLACES = ["Valmera", "Istavo", "Sorvan", "Dravec", "Pelkar", "Merin", "Oriel", "Kardel"]
STATUSES: tuple[Status, ...] = ("corroborated", "conflicting", "disputed", "single_source")
FILLER = (
    "Officials gave few details and said more information would follow later in the day. "
    "Residents described long queues at the only open road out of the valley. "
)


def _article(story: int, k: int, rng: random.Random) -> tuple[Article, list[Claim]]:
    place = PLACES[story % len(PLACES)]
    day = f"2025-{1 + story % 12:02d}-{1 + (story + k) % 28:02d}"
    sentences = [
        f"At least {20 + story % 50 + k} people were hurt in {place}, officials said. ",
        f"The damage was put at ${(story % 90) / 10 + 1:.1f} billion by the ministry. ",
        f"Repairs will begin on {day}. ",
    ]
    text = "".join(sentences) + FILLER * rng.randint(4, 10)
    outlet = OUTLETS[(story * 7 + k) % len(OUTLETS)]
    aid = Article.make_id(f"s{story}-{k}", text)
    article = Article(aid, f"crawl/{story}/{k}.txt", text, f"{place} report {story}-{k}", day,
                      outlet=outlet, credits=("Wire",) if k % 3 == 0 else ())  # fmt: skip
    values = [
        Value("count", 20.0 + story % 50 + k, 20.0 + story % 50 + k, math.inf, None,
              f"At least {20 + story % 50 + k}"),
        Value("money", 1e9, 0.95e9, 1.05e9, "USD", f"${(story % 90) / 10 + 1:.1f} billion"),
        Value("date", day, day, day, None, day, granularity="day"),
    ]  # fmt: skip
    claims, pos = [], 0
    for n, (sentence, value) in enumerate(zip(sentences, values, strict=True)):
        v0 = text.index(value.text, pos)
        claims.append(Claim(f"c{story}-{k}-{n}", aid, Span(pos, pos + len(sentence), sentence),
                            value, Span(v0, v0 + len(value.text), value.text),
                            speaker="officials" if n == 0 else None, published=day))  # fmt: skip
        pos += len(sentence)
    return article, claims


def build_store(db: Path, n_articles: int, per_story: int = 5, seed: int = 1) -> list[str]:
    """Write a synthetic store; returns the story ids."""
    rng = random.Random(seed)
    stories, facts, timeline, entities = [], [], [], []
    with SQLiteStore(db) as store:
        # add_analysis takes MAX(seq) per insert; without an index that scan makes building
        # quadratic (70 s for 10k articles). This index lives in the benchmark's file only.
        store.conn.execute("CREATE INDEX IF NOT EXISTS bench_articles_seq ON articles(seq)")
        store.conn.execute("BEGIN")  # one transaction for the lot: the store nests inside it
        for s in range(n_articles // per_story):
            made = [_article(s, k, rng) for k in range(per_story)]
            for article, claims in made:
                store.add_analysis(Analysis(article, (), tuple(claims)))
            aids = tuple(a.id for a, _ in made)
            dates = sorted(a.published or "" for a, _ in made)
            stories.append(
                Story(f"s{s:06d}", f"Story {s}: {PLACES[s % 8]}", aids, dates[0], dates[-1])
            )
            for n in range(3):
                status = STATUSES[(s + n) % 4]
                ids = tuple(claims[n].id for _, claims in made)
                facts.append(Fact(f"f{s}-{n}", stories[-1].id, f"Fact {n} of story {s}",
                                  PLACES[s % 8], f"p{n}", status, False, 2, ids))  # fmt: skip
            timeline.append(TimelineEntry(dates[0], f"Fact 2 of story {s}", aids[:1], (f"f{s}-2",)))
            timeline += [TimelineEntry(a.published or "", f"Published: {a.title}", (a.id,), ())
                         for a, _ in made]  # fmt: skip
            entities.append(Entity(f"e{s}", f"Person {s}", "PERSON", (f"P. {s}",), aids))
        store.conn.execute("COMMIT")
        origins = {a: a for st in stories for a in st.article_ids}
        timeline.sort(key=lambda t: t.date)
        store.replace_corpus(CorpusResult(origins, tuple(stories), tuple(entities),
                                          tuple(facts), tuple(timeline)))  # fmt: skip
    return [s.id for s in stories]


def serve(db: Path) -> tuple[str, Callable[[], None]]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    t0 = time.perf_counter()
    app = create_app(str(db))
    print(f"app start (snapshot load): {1000 * (time.perf_counter() - t0):.0f} ms")
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)

    def stop() -> None:
        server.should_exit = True
        thread.join(5)

    return f"http://127.0.0.1:{port}", stop


def timed(client: httpx.Client, urls: list[str]) -> list[float]:
    times = []
    for url in urls:
        t0 = time.perf_counter()
        r = client.get(url)
        times.append(1000 * (time.perf_counter() - t0))
        r.raise_for_status()
    return times


def routes(story_ids: list[str], article_ids: list[str], n: int) -> dict[str, list[str]]:
    """``n`` random addresses per route (fixed seed, so runs compare)."""
    rng = random.Random(7)
    words = ["hurt", "damage billion", "Pelkar", "repairs"]
    stories, articles = len(story_ids), len(article_ids)

    def pick(make: Callable[[], str]) -> list[str]:
        return [make() for _ in range(n)]

    return {
        "story page": pick(lambda: f"/stories/{rng.choice(story_ids)}"),
        "article page": pick(lambda: f"/articles/{rng.choice(article_ids)}"),
        "home page": pick(lambda: f"/?offset={30 * rng.randrange(max(1, stories // 30))}"),
        "home search": pick(lambda: f"/?q={rng.choice(words)}"),
        "api story": pick(lambda: f"/api/stories/{rng.choice(story_ids)}"),
        "api stories": pick(lambda: f"/api/stories?limit=50&offset={rng.randrange(stories)}"),
        "api article": pick(lambda: f"/api/articles/{rng.choice(article_ids)}"),
        "api articles": pick(lambda: f"/api/articles?limit=50&offset={rng.randrange(articles)}"),
        "api facts": pick(
            lambda: f"/api/facts?status=conflicting&limit=50&offset={rng.randrange(stories)}"
        ),
    }


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--articles", type=int, default=10_000)
    p.add_argument("--requests", type=int, default=200)
    p.add_argument("--db", help="reuse or create this file (default: a temporary one)")
    args = p.parse_args()
    tmp = tempfile.TemporaryDirectory()
    db = Path(args.db) if args.db else Path(tmp.name) / "bench.db"
    t0 = time.perf_counter()
    if db.exists():
        with SQLiteStore(db) as store:
            story_ids = [s.id for s in store.corpus().stories]
    else:
        story_ids = build_store(db, args.articles)
    with SQLiteStore(db) as store:
        article_ids = [r[0] for r in store.conn.execute("SELECT id FROM articles")]
    print(f"store: {len(article_ids)} articles, {len(story_ids)} stories "
          f"({time.perf_counter() - t0:.1f} s)")  # fmt: skip
    base, stop = serve(db)
    print(
        f"{'route':14} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}   ({args.requests} requests each)"
    )
    with httpx.Client(base_url=base, timeout=30) as client:
        client.get("/")  # warm the connection
        for name, urls in routes(story_ids, article_ids, args.requests).items():
            times = sorted(timed(client, urls))
            p95 = times[min(len(times) - 1, math.ceil(0.95 * len(times)) - 1)]
            print(f"{name:14} {statistics.median(times):8.1f} {p95:8.1f} {times[-1]:8.1f}")
    stop()


if __name__ == "__main__":
    main()

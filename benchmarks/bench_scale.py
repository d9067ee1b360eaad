"""How claimgraph's cost grows with the corpus: per-article stages, corpus stages, the store.

Usage: python benchmarks/bench_scale.py [--sizes 1000,10000,100000] [--quick] [--json]
       [--out FILE] [--store-sizes 1000,10000] [--limit SECONDS] [--keep DIR]

The corpus comes from real text when ../shared is there: ECB+ topics 1-35 (through
../shared/eval/ecbplus_to_text.py) and the main text of the Zyte pages (``html_to_text``),
topped up to 1,000 with generated variants (paragraphs shuffled, numbers and names swapped, a
new headline); else from synthetic reports. Every measurement runs in a fresh process:

* per-article stages: read + clean, then ``ArticleAnalyser`` (spaCy and our extractors), on
  that 1k sample, single process; the same cleaned texts through the bare spaCy model alone
  (``nlp.pipe``, same model package and batch size, nothing added) give the ceiling, and our
  throughput is reported as a ratio to it;
* corpus stages (``analyse_corpus``) at each size: time and peak RSS (getrusage). Sizes above
  the sample are *derived*, not parsed: running spaCy on 100k articles would take hours on two
  cores, so the 1k analyses are varied at the record level (new ids from new source keys,
  years shifted, entity names replaced, numbers scaled, a share of the other words rewritten)
  and one variant in four is a reprint of the one before (a near duplicate, same event);
* the SQLite store: ``add_analysis`` writes per second, then the cost of ``pipeline.run`` on
  100 new articles (text variants) when the store already holds N.

CPU seconds are reported next to wall seconds because the machine may be shared; the load
average is sampled during the run and printed with the results.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import re
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from claimgraph.model import Claim, Mention, Span, Value
    from claimgraph.store.base import Analysis

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
ECB = SHARED / "data" / "ecbplus" / "ECB+"
CONVERT = SHARED / "eval" / "ecbplus_to_text.py"
ZYTE = SHARED / "data" / "zyte-article-extraction" / "html"
TOPICS = "1-35"  # 36-45 are held out for evaluation: never read them
SAMPLE = 1000  # articles actually parsed; larger corpora are derived from their analyses
NEW_ARTICLES = 100  # added to an existing store
REPRINT_EVERY = 4  # one derived variant in four is a near-duplicate reprint
REWRITE = 0.1  # share of plain words a new-event round also rewrites (breaks shared sentences)
REPRINT_REWRITE = 0.03  # ... and a reprint (a few words changed: still a near duplicate)


# -- the machine and the load ----------------------------------------------------------------


def machine() -> dict[str, Any]:
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "cpu": _cpu_model(),
        "memory_gb": round(_meminfo_kb("MemTotal") / 1024**2, 1),
        "python": platform.python_version(),
        "spacy": metadata.version("spacy"),
        "model": _model_version(),
        "claimgraph_commit": _commit(),
    }


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "?"


def _meminfo_kb(key: str) -> int:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


def _model_version() -> str:
    from claimgraph.extract.nlp import MODEL_PACKAGES

    for name in MODEL_PACKAGES:
        try:
            return f"{name} {metadata.version(name.replace('_', '-'))}"
        except metadata.PackageNotFoundError:
            continue
    return "none"


def _commit() -> str:
    # Other people edit the tree while this runs: say which commit, and whether it was dirty.
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True)
        return done.stdout.strip()

    head = git("rev-parse", "--short", "HEAD") or "?"
    return head + (" (+ uncommitted changes)" if git("status", "--porcelain", "src") else "")


class LoadSampler:
    """The 1-minute load average every ``every`` seconds, from a thread of the driver (the
    measured work runs in child processes, so this costs it nothing)."""

    def __init__(self, every: float = 15.0) -> None:
        self.every, self.samples = every, [os.getloadavg()[0]]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        while not self._stop.wait(self.every):
            self.samples.append(os.getloadavg()[0])

    def __enter__(self) -> LoadSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.samples.append(os.getloadavg()[0])

    def summary(self) -> dict[str, float]:
        s = self.samples
        return {"min": min(s), "mean": round(sum(s) / len(s), 2), "max": max(s), "n": len(s)}


# -- texts: real, synthetic, and text-level variants -----------------------------------------


def real_texts(work: Path) -> tuple[str, list[tuple[str, str]]]:
    """(where from, [(file name, text)]): ECB+ topics 1-35 and the Zyte pages' main text."""
    if not (CONVERT.exists() and ECB.is_dir()):
        return "synthetic reports (../shared not found)", synthetic_texts(SAMPLE)
    out = work / "ecb"
    cmd = [sys.executable, str(CONVERT), str(ECB), str(out), "--topics", TOPICS]
    subprocess.run(cmd, check=True, capture_output=True)
    texts = [(p.name, p.read_text("utf-8")) for p in sorted(out.glob("*.txt"))]
    pages = zyte_texts()
    where = f"ECB+ topics {TOPICS} ({len(texts)} documents) + Zyte pages ({len(pages)})"
    return where, texts + pages


def zyte_texts() -> list[tuple[str, str]]:
    from claimgraph.clean.html import html_to_text

    texts = []
    for page in sorted(ZYTE.glob("*.html")) if ZYTE.is_dir() else []:
        text, meta = html_to_text(page.read_text("utf-8", "replace"))
        title = meta.get("title", "")
        if text.strip():
            # The headline leads the text, as in a text dump of the page.
            head = f"{title}\n" if title and not text.startswith(title) else ""
            texts.append((f"zyte-{page.stem[:16]}.txt", head + text + "\n"))
    return texts


def synthetic_texts(n: int) -> list[tuple[str, str]]:
    rng = random.Random(1)
    events = ["Floods", "A fire", "A landslide", "A strike", "A storm", "An explosion"]
    places = ["Marlow Bend", "Tessaly", "Hallam", "Pellworth", "Lorrin", "Veldt", "Orrin"]
    people = ["Ada Brennan", "Tomas Reyes", "Mira Osei", "Janek Horvat", "Lena Strand"]
    texts = []
    for i in range(n):
        event, place, person = rng.choice(events), rng.choice(places), rng.choice(people)
        day = date(2015 + i % 8, 1 + i % 12, 1 + i % 28).isoformat()
        text = (
            f"{event} hits {place}\n{event} damaged {rng.randint(50, 500)} homes in {place} "
            f"on {day}, officials said.\n{person} said repairs would cost about "
            f'${rng.randint(2, 40)} million. "We will rebuild," {person} said.\n'
            f"According to the fire service, {rng.randint(100, 900)} people were moved.\n"
        )
        texts.append((f"synthetic-{i}.txt", text))
    return texts


_NAME = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]{2,}\b")
_SMALL_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?![\d.,]\d)")
_HEADLINE_KINDS = ("Update", "Report", "Latest", "Analysis", "Live")


def text_variant(text: str, rng: random.Random) -> str:
    """A rewrite of one report: names and numbers swapped, paragraphs shuffled, a new
    headline. Close enough to its source for the near-duplicate and story stages to have
    real decisions to make."""
    lines = [line for line in text.splitlines() if line.strip()]
    header = [line for line in lines[:1] if line.startswith("Source:")]
    body = lines[len(header) + 1 :] or lines[len(header) :]
    body = swap_numbers(swap_names("\n".join(body), rng), rng).splitlines()
    rng.shuffle(body)
    return "\n".join([*header, new_headline(body, rng), *body]) + "\n"


def swap_names(text: str, rng: random.Random) -> str:
    names = sorted(set(_NAME.findall(text)))
    rng.shuffle(names)
    pairs = list(zip(names[0:4:2], names[1:4:2], strict=False))
    mapping = {a: b for a, b in pairs} | {b: a for a, b in pairs}
    return re.sub(r"\b[A-Z][a-z]{2,}\b", lambda m: mapping.get(m.group(), m.group()), text)


def swap_numbers(text: str, rng: random.Random) -> str:
    def swap(m: re.Match[str]) -> str:
        if rng.random() < 0.5:
            return m.group()
        return str(max(1, round(int(m.group()) * rng.uniform(0.5, 1.5))))

    return _SMALL_NUMBER.sub(swap, text)


def new_headline(body: Sequence[str], rng: random.Random) -> str:
    words = rng.choice(body).split()[: rng.randint(6, 9)] if body else ["News"]
    return f"{rng.choice(_HEADLINE_KINDS)}: " + " ".join(words).rstrip(".,;:")


def topped_up(texts: list[tuple[str, str]], n: int, seed: int) -> list[tuple[str, str]]:
    """``n`` texts: the real ones first, then variants of randomly chosen ones."""
    rng = random.Random(seed)
    out = texts[:n]
    while len(out) < n:
        name, text = rng.choice(texts)
        out.append((f"v{seed}-{len(out)}-{name}", text_variant(text, rng)))
    return out


def write_texts(folder: Path, texts: Sequence[tuple[str, str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts:
        (folder / name).write_text(text, encoding="utf-8")
    return folder


# -- derived analyses: content-preserving variants of Analysis records -----------------------
#
# Round r of the derivation is a parallel copy of the whole base corpus: within the round every
# name, every uncommon word, every year and number is replaced consistently, so the base's
# stories and storylines reappear as new events with their own actors, vocabulary and dates,
# and rounds do not resemble one another more than unrelated news does. Every
# REPRINT_EVERY-th round instead reprints the round before (a few words changed, new source
# keys): near duplicates of the same events, as wire copies are.

# Words split at apostrophes in both, so "Egypt's" in the text meets "Egypt" in a mention.
_TOKEN = re.compile(r"[A-Za-z][A-Za-z-]*|\d+(?:[.,]\d+)*")
_NAME_TOKEN = re.compile(r"[A-Z][A-Za-z-]+")
_YEAR = re.compile(r"(1[89]\d\d|20\d\d)")
_ISO_DAY = re.compile(r"\b(\d{4})(?:-(\d\d)(?:-(\d\d))?)?\b")
_NUMERIC = frozenset({"count", "money", "percent", "quantity"})
_NOT_NAMES = frozenset({"The", "Of", "And", "For", "In", "On", "At", "To", "A", "An"})
_SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
COMMON_SHARE = 0.05  # a word in this share of the base articles is common: kept in variants


@dataclass(frozen=True, slots=True)
class Variation:
    """How one derived record differs from its source."""

    tag: str  # part of the new source key, so the new article id is new
    salt: str | None  # names and uncommon words are replaced, keyed on this (None: kept)
    years: int  # every date and year moves by this many years
    scale_numbers: bool
    rewrite: float  # share of plain words replaced by common words drawn at random


def pseudo_word(word: str, salt: str) -> str:
    """A made-up word, the same for the same word and salt, capitalised like the word. At
    least three syllables (70**3 words): shorter ones would collide across unrelated rounds
    and link stories that real names would not."""
    h = int.from_bytes(hashlib.blake2b(f"{salt}|{word}".encode(), digest_size=8).digest())
    parts = []
    for _ in range(max(3, len(word) // 2)):
        parts.append(_SYLLABLES[h % len(_SYLLABLES)])
        h //= len(_SYLLABLES)
    made = "".join(parts)
    return made.capitalize() if word[:1].isupper() else made


def shift_iso(text: str, years: int) -> str:
    def shift(m: re.Match[str]) -> str:
        year = int(m.group(1)) + years
        if m.group(2) and m.group(3):
            month, day = int(m.group(2)), int(m.group(3))
            return date(year, month, min(day, 28) if month == 2 else day).isoformat()
        return f"{year:04d}" + (f"-{m.group(2)}" if m.group(2) else "")

    return _ISO_DAY.sub(shift, text) if years else text


def scaled_number(text: str, factor: float) -> str:
    plain = text.replace(",", "")
    decimals = len(plain.split(".")[1]) if "." in plain else 0
    value = max(float(plain) * factor, 1.0)
    return f"{value:,.{decimals}f}" if "," in text else f"{value:.{decimals}f}"


class Edits:
    """Word-level replacements in one text, and the map from old offsets to new ones."""

    def __init__(self, text: str, edits: list[tuple[int, int, str]]) -> None:
        pieces, last, delta = [], 0, 0
        self.starts, self.ends, self.new_starts, self.lengths, self.deltas = [], [], [], [], []
        for start, end, new in edits:
            pieces += [text[last:start], new]
            self.starts.append(start)
            self.ends.append(end)
            self.new_starts.append(start + delta)
            self.lengths.append(len(new))
            delta += len(new) - (end - start)
            self.deltas.append(delta)
            last = end
        self.old, self.text = text, "".join([*pieces, text[last:]])

    def shift(self, p: int) -> int:
        i = bisect_right(self.ends, p)  # edits before i end at or before p
        if i < len(self.starts) and self.starts[i] < p:  # inside edit i: clamp to it
            return self.new_starts[i] + min(p - self.starts[i], self.lengths[i])
        return p + (self.deltas[i - 1] if i else 0)

    def span(self, start: int, end: int, text: str, rename: Callable[[str], str]) -> Span:
        """The span moved; its text re-read from the new text when it was a plain slice of
        the old one, else (a normalised name such as "Red Sox" for "the Red Sox") renamed."""
        from claimgraph.model import Span

        new_start, new_end = self.shift(start), self.shift(end)
        plain = self.old[start:end] == text
        return Span(new_start, new_end, self.text[new_start:new_end] if plain else rename(text))


class Renamer:
    """One round's consistent replacements: names, uncommon words, years."""

    def __init__(
        self, v: Variation, names: frozenset[str], rare: frozenset[str], cache: dict[str, str]
    ) -> None:
        self.v, self.names, self.rare, self.cache = v, names, rare, cache

    def token(self, token: str) -> str | None:
        """The replacement of one word (None: unchanged)."""
        if self.v.salt is None:
            return None
        if token[0].isdigit():
            return (
                str(int(token) + self.v.years) if self.v.years and _YEAR.fullmatch(token) else None
            )
        # Two letters or fewer: "ll" of "it'll", initials; replacing them says nothing.
        if len(token) > 2 and (token in self.names or token.lower() in self.rare):
            if token not in self.cache:
                self.cache[token] = pseudo_word(token, self.v.salt)
            return self.cache[token]
        return None

    def text(self, text: str) -> str:
        """A normalised string (a speaker, a subject, a quotation, a lemma) renamed alike."""
        return _TOKEN.sub(lambda m: self.token(m.group()) or m.group(), text)


class Deriver:
    """Makes variants of base analyses. Names, words, dates and numbers change together, so
    mentions, claims and the text stay consistent with one another."""

    def __init__(self, base: Sequence[Analysis]) -> None:
        df: Counter[str] = Counter()
        for a in base:
            df.update({w.lower() for w in _TOKEN.findall(a.article.text) if w[0].isalpha()})
        cutoff = max(2.0, COMMON_SHARE * len(base))
        self.common = sorted(w for w, d in df.items() if d >= cutoff and w.islower())
        self.rare = frozenset(w for w, d in df.items() if d < cutoff)
        # One cache per round: each pseudo-word is hashed once, not once per occurrence.
        self.round, self.cache = "", dict[str, str]()

    def derive(self, analysis: Analysis, v: Variation) -> Analysis:
        from claimgraph.model import Article
        from claimgraph.store.base import Analysis

        rng = random.Random(zlib.crc32(f"{analysis.article.id}|{v.tag}".encode()))
        if v.tag != self.round:
            self.round, self.cache = v.tag, {}
        ren = Renamer(v, _name_tokens(analysis), self.rare, self.cache)
        factors = _factors(analysis, v, rng)
        edits = Edits(analysis.article.text, self.edits(analysis, v, ren, factors, rng))
        a = analysis.article
        # An undated report stays undated (its story lends it a date, as in the base).
        published = shift_iso(a.published, v.years) if a.published else None
        new_id = Article.make_id(f"{v.tag}/{Path(a.source).name}", edits.text)
        article = replace(
            a,
            id=new_id,
            source=f"{a.source}#{v.tag}",
            text=edits.text,
            title=ren.text(a.title) if a.title else None,
            published=published,
            # A few hundred outlets per original one, as in a real archive.
            outlet=pseudo_word(a.outlet or "outlet", str(rng.randrange(300))),
            credits=tuple(ren.text(c) for c in a.credits),
            url=None,
        )
        mentions = tuple(_moved_mention(m, edits, v, factors, ren) for m in analysis.mentions)
        old_spans = [(m.start, m.end) for m in analysis.mentions]
        by_span = {s: n.value for s, n in zip(old_spans, mentions, strict=True)}
        claims = tuple(
            _moved_claim(c, edits, new_id, published, ren, by_span) for c in analysis.claims
        )
        return Analysis(article, mentions, claims)

    def edits(
        self,
        analysis: Analysis,
        v: Variation,
        ren: Renamer,
        factors: dict[int, float],
        rng: random.Random,
    ) -> list[tuple[int, int, str]]:
        spans = [(m.start, m.end) for m in analysis.mentions]
        starts = [s for s, _ in spans]
        edits = []
        for m in _TOKEN.finditer(analysis.article.text):
            i = bisect_right(starts, m.start()) - 1
            owner = spans[i][0] if i >= 0 and spans[i][1] >= m.end() else None
            new = self.replacement(m.group(), owner, v, ren, factors, rng)
            if new is not None and new != m.group():
                edits.append((m.start(), m.end(), new))
        return edits

    def replacement(
        self,
        token: str,
        owner: int | None,
        v: Variation,
        ren: Renamer,
        factors: dict[int, float],
        rng: random.Random,
    ) -> str | None:
        """What one word becomes: a number inside a value mention -> scaled with it; a name,
        an uncommon word or a year -> the round's replacement; a plain word outside mentions
        -> sometimes a common word drawn at random; else unchanged (None)."""
        if owner in factors and token[0].isdigit():
            return scaled_number(token, factors[owner])
        new = ren.token(token)
        if new is None and owner is None and token.islower() and rng.random() < v.rewrite:
            return rng.choice(self.common)
        return new


def _name_tokens(analysis: Analysis) -> frozenset[str]:
    """Capitalised words of the entity mentions: the names a round replaces."""
    return frozenset(
        t
        for m in analysis.mentions
        if m.value is None
        for t in _NAME_TOKEN.findall(m.text)
        if t not in _NOT_NAMES
    )


def _factors(analysis: Analysis, v: Variation, rng: random.Random) -> dict[int, float]:
    """Mention start -> the factor its numbers are scaled by: the ratio of the new first
    number to the old, so the value stays what the rewritten text says."""
    factors = {}
    for m in analysis.mentions:
        if not (v.scale_numbers and m.value is not None and m.value.kind in _NUMERIC):
            continue
        first = re.search(r"\d+(?:[.,]\d+)*", m.text)
        number = first.group() if first else "0"
        if float(number.replace(",", "")) > 0:
            new = scaled_number(number, rng.uniform(0.6, 1.6))
            factors[m.start] = float(new.replace(",", "")) / float(number.replace(",", ""))
    return factors


def _moved_value(value: Value, text: str, v: Variation, factor: float | None) -> Value:
    def move(x: float | str | None) -> float | str | None:
        if isinstance(x, str) and value.kind == "date":
            return shift_iso(x, v.years)
        if isinstance(x, float) and factor is not None:
            return x * factor
        return x

    return replace(
        value, value=move(value.value), low=move(value.low), high=move(value.high), text=text
    )


def _moved_mention(
    m: Mention, edits: Edits, v: Variation, factors: dict[int, float], ren: Renamer
) -> Mention:
    span = edits.span(m.start, m.end, m.text, ren.text)
    value = _moved_value(m.value, span.text, v, factors.get(m.start)) if m.value else None
    return replace(m, start=span.start, end=span.end, text=span.text, value=value)


def _moved_claim(
    c: Claim,
    edits: Edits,
    article_id: str,
    published: str | None,
    ren: Renamer,
    by_span: dict[tuple[int, int], Value | None],
) -> Claim:
    from claimgraph.model import content_id

    def span(s: Span) -> Span:
        return edits.span(s.start, s.end, s.text, ren.text)

    value = by_span.get((c.value_span.start, c.value_span.end)) or c.value
    if value.kind == "text" and isinstance(value.value, str):  # the reported words
        said = ren.text(value.value)
        value = replace(value, value=said, text=said)
    return replace(
        c,
        id=content_id("c", article_id, c.id),
        article_id=article_id,
        sentence=span(c.sentence),
        value=value,
        value_span=span(c.value_span),
        speaker=ren.text(c.speaker) if c.speaker else None,
        subject=ren.text(c.subject) if c.subject else None,
        property=ren.text(c.property) if c.property else None,
        context=tuple(ren.text(w) for w in c.context),
        published=published,
    )


def derived_corpus(base: Sequence[Analysis], n: int) -> Iterator[Analysis]:
    """``n`` analyses: the base first, then rounds of one variant per base record (see the
    comment at the head of this section)."""
    deriver, previous = Deriver(base), list(base)
    yield from base[:n]
    made, r = min(n, len(base)), 0
    while made < n:
        r += 1
        this_round = []
        for b, analysis in enumerate(base[: n - made]):
            if r % REPRINT_EVERY == 0:
                v = Variation(f"r{r}", None, 0, False, REPRINT_REWRITE)
                derived = deriver.derive(previous[b], v)
            else:
                v = Variation(f"v{r}", f"round{r}", years_of(r), True, REWRITE)
                derived = deriver.derive(analysis, v)
            this_round.append(derived)
            yield derived
        made += len(this_round)
        previous = this_round


def years_of(r: int) -> int:
    """Round r's shift in years: +1..+40, then -1, -2, ... (kept inside 1800-2099, where the
    story stage reads years as time words)."""
    return r if r <= 40 else 40 - r


# -- measurements, each in a fresh process ---------------------------------------------------


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def rss_mb() -> float:
    return _status_kb("VmRSS") / 1024


def _status_kb(key: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


class Timer:
    """Wall and CPU seconds of a block (CPU: this process, all threads)."""

    def __enter__(self) -> Timer:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu


# The work of one speed probe: strings counted, indexed, ranked and sent through JSON, as our
# corpus stages spend their time (dicts, sets and lists of words), on data larger than a cache.
PROBE_WORDS = 100_000


def speed_probe(repeats: int = 3) -> float:
    """CPU seconds of a fixed piece of work, the median of ``repeats``.

    Read before and after each measured part, it traces how fast the machine ran at the
    time: a shared virtual machine's speed drifts (the same 10k derivation took 128 and 167
    CPU-s within an hour). It is a trace, not a correction: it drifts about as much as the
    work it sits beside (benchmarks/README.md).
    """
    rng = random.Random(PROBE_WORDS)
    words = [f"w{rng.randrange(PROBE_WORDS // 2)}" for _ in range(PROBE_WORDS)]
    times = []
    # One round more than asked, not counted: the first in a process also pays for fresh
    # memory (in one process the first rounds took 0.52 s, later ones 0.32 s).
    for _ in range(repeats + 1):
        started = time.process_time()
        counts = Counter(words)
        postings: dict[str, list[int]] = {}
        for i, word in enumerate(words):
            postings.setdefault(word, []).append(i)
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        back = json.loads(json.dumps(postings))
        pairs = set(zip(words, words[1:], strict=False))
        times.append(time.process_time() - started)
        del counts, postings, ranked, back, pairs
    return sorted(times[1:])[len(times[1:]) // 2]


def task_ours(work: Path) -> dict[str, Any]:
    """Read + clean the sample, then our per-article stages; saves the analyses as the base."""
    import pickle

    from claimgraph.pipeline import ArticleAnalyser, load_articles
    from claimgraph.settings import Settings

    errors: list[Any] = []
    with Timer() as clean:
        articles = load_articles([str(work / "sample")], None, Settings(), errors)
    analyser = ArticleAnalyser()
    with Timer() as setup:
        analyser.setup()
    with Timer() as run:
        analyses = list(analyser.analyse_many(articles))
    (work / "texts.json").write_text(json.dumps([a.text for a in articles]))
    with open(work / "base.pickle", "wb") as f:
        pickle.dump(analyses, f)
    return {
        "articles": len(articles),
        "read_errors": len(errors),
        "chars": sum(len(a.text) for a in articles),
        "clean": vars(clean),
        "model_load": vars(setup),
        "analyse": vars(run),
        "claims": sum(len(a.claims) for a in analyses),
        "peak_mb": peak_mb(),
    }


def task_bare(work: Path) -> dict[str, Any]:
    """The ceiling: the same cleaned texts through the model package alone."""
    from claimgraph.settings import Settings

    texts = json.loads((work / "texts.json").read_text())
    with Timer() as setup:
        nlp = _bare_model()
    with Timer() as run:
        for _ in nlp.pipe(texts, batch_size=Settings().batch_size):
            pass
    return {
        "articles": len(texts),
        "pipes": nlp.pipe_names,
        "model_load": vars(setup),
        "analyse": vars(run),
        "peak_mb": peak_mb(),
    }


def _bare_model() -> Any:
    import importlib

    from claimgraph.extract.nlp import MODEL_PACKAGES

    # The same package ``load_pipeline`` would pick, loaded as its authors ship it.
    for name in MODEL_PACKAGES:
        try:
            return importlib.import_module(name).load()
        except ImportError:
            continue
    raise SystemExit("no spaCy model installed")


def load_base(work: Path) -> list[Analysis]:
    import pickle

    from claimgraph.store.base import Analysis

    with open(work / "base.pickle", "rb") as f:
        stored = pickle.load(f)
    # Rebuilt field by field: a pickle written before a field was added lacks it.
    return [
        Analysis(a.article, a.mentions, a.claims, getattr(a, "embedding", None)) for a in stored
    ]


# The functions ``analyse_corpus`` calls, timed one by one in the modules that call them
# (``pipeline`` and ``corpus.derive``).
CORPUS_STAGES = (
    "assign_origins",
    "cluster_stories",
    "infer_article_dates",
    "reresolve_claims",
    "storylines",
    "build_facts",
    "build_timeline",
    "merge_entities",
)


def progress(key: str, value: Any) -> None:
    """One finished part of a measurement, on stderr: the driver keeps it even when the task
    is stopped later by the time limit or the memory cap."""
    print("progress " + json.dumps({key: value}), file=sys.stderr, flush=True)


def deadline(seconds: float) -> None:
    """From now on the task may take ``seconds`` (its input, once ready, is not counted)."""

    def stop(*_: object) -> None:
        raise TimeoutError(f"stopped at the {seconds:.0f} s limit")

    signal.signal(signal.SIGALRM, stop)
    signal.alarm(max(1, int(seconds)))


def time_stages(pipeline: Any) -> dict[str, float]:
    """Wrap each corpus stage in ``pipeline`` (and in ``corpus.derive``, which runs the fact
    stages) with a timer that reports as each one ends."""
    from claimgraph.corpus import derive

    seconds: dict[str, float] = {}

    def timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            out = fn(*args, **kwargs)
            seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - started
            progress("stages", seconds)
            return out

        return wrapper

    for module in (pipeline, derive):
        for name in CORPUS_STAGES:
            if hasattr(module, name):
                setattr(module, name, timed(name, getattr(module, name)))
    return seconds


def task_corpus(work: Path, n: int, limit: float) -> dict[str, Any]:
    """``analyse_corpus`` over n analyses (derived beyond the base)."""
    from claimgraph import pipeline

    with Timer() as derive:
        analyses = list(derived_corpus(load_base(work), n))
    before = rss_mb()
    progress("analyses", len(analyses))
    progress("rss_before_mb", before)
    stages = time_stages(pipeline)
    deadline(limit)
    with Timer() as corpus:
        result = pipeline.analyse_corpus(analyses)
    return {
        "analyses": len(analyses),
        "derive": vars(derive),
        "corpus": vars(corpus),
        "stages": stages,
        "rss_before_mb": before,
        "peak_mb": peak_mb(),
        "stories": len(result.stories),
        "origins": len(set(result.origins.values())),
        "facts": len(result.facts),
    }


# The stages that find candidates by blocking and read no claims: they can be measured on
# analyses without their claims, which is what makes 100k fit in memory.
BLOCKING_STAGES = ("assign_origins", "cluster_stories", "storylines")


def task_blocking(work: Path, n: int, limit: float) -> dict[str, Any]:
    """Origins, stories and storylines alone, over n analyses stripped of their claims."""
    from claimgraph.corpus.origins import assign_origins
    from claimgraph.corpus.stories import cluster_stories
    from claimgraph.corpus.storylines import storylines

    analyses = [replace(a, claims=()) for a in derived_corpus(load_base(work), n)]
    before = rss_mb()
    progress("analyses", len(analyses))
    progress("rss_before_mb", before)
    deadline(limit)
    seconds: dict[str, float] = {}
    with Timer() as t:
        origins = assign_origins([a.article for a in analyses])
    seconds["assign_origins"] = t.wall
    progress("stages", seconds)
    with Timer() as t:
        stories = cluster_stories(analyses)
    seconds["cluster_stories"] = t.wall
    progress("stages", seconds)
    with Timer() as t:
        lines = storylines(stories, analyses)
    seconds["storylines"] = t.wall
    return {
        "analyses": len(analyses),
        "stages": seconds,
        "rss_before_mb": before,
        "peak_mb": peak_mb(),
        "stories": len(stories),
        "storylines": len(set(lines.values())),
        "largest_storyline": _largest_storyline(stories, lines),
        "origins": len(set(origins.values())),
    }


def _largest_storyline(stories: Sequence[Any], lines: dict[str, str]) -> int:
    """Articles in the largest storyline: facts are aligned within one, so its size drives
    the cost of the facts stage."""
    sizes: Counter[str] = Counter()
    for story in stories:
        sizes[lines[story.id]] += len(story.article_ids)
    return max(sizes.values(), default=0)


def task_store(work: Path, n: int, limit: float) -> dict[str, Any]:
    """Fill a fresh SQLite store with n analyses (timing ``add_analysis``), derive its corpus
    in full as the first ``run`` does (``pipeline.derive_corpus``: corpus index included; in
    chunks above ``DERIVE_CHUNK`` articles, each reported as it ends), then time
    ``pipeline.run`` on the new articles, part by part: the incremental update."""
    from claimgraph import pipeline
    from claimgraph.extract.nlp import load_pipeline
    from claimgraph.store.sqlite import SQLiteStore

    db = work / f"store-{n}.db"
    for old in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        old.unlink(missing_ok=True)
    with SQLiteStore(db) as store:
        # Made one at a time and stored as made: holding all n first (4 GB at 100k) made the
        # process's peak and heap the harness's, not the derivation's. Only the writes are timed.
        writes = {"wall": 0.0, "cpu": 0.0}
        added = 0
        for analysis in derived_corpus(load_base(work), n):
            with Timer() as write:
                added += store.add_analysis(analysis)
            writes["wall"] += write.wall
            writes["cpu"] += write.cpu
        progress("stored", added)
        progress("writes", writes)
        progress("db_mb", db.stat().st_size / 1e6)
        deadline(limit)
        chunks = _report_chunks(pipeline)
        probes = [speed_probe()]
        with Timer() as full:
            pipeline.derive_corpus(store)
        pipeline.update_corpus = chunks.pop("_update")
        probes.append(speed_probe())
        # The probes read between updates ran inside the timed derivation: not counted in it.
        full.cpu -= chunks["probe_cpu"]
        full.wall -= chunks["probe_wall"]
        derived = {
            **vars(full),
            "chunks": chunks["updates"],
            "probes": probes[:1] + [u["probe"] for u in chunks["updates"]] + probes[1:],
            "peak_mb": peak_mb(),
        }
        progress("full", derived)
        load_pipeline()  # a long-running service has its model loaded already
        parts = _instrument(store, pipeline)
        new = sorted(str(p) for p in (work / "new").glob("*.txt"))
        deadline(limit)
        with Timer() as run:
            summary = pipeline.run(new, store)
    return {
        "stored": added,
        "writes": writes,
        "db_mb": db.stat().st_size / 1e6,
        "full": derived,
        "new": summary.added,
        "incremental": summary.incremental is not None,
        "run": vars(run),
        "run_parts": parts,
        "peak_mb": peak_mb(),
    }


def _report_chunks(pipeline: Any) -> dict[str, Any]:
    """Time the updates of a chunked derivation one by one (wall s, peak MB so far); the
    unwrapped function is left under ``_update``."""
    chunks: dict[str, Any] = {"_update": pipeline.update_corpus, "updates": []}
    chunks["probe_cpu"] = chunks["probe_wall"] = 0.0

    def timed(store: Any, new: Any) -> Any:
        with Timer() as t:
            out = chunks["_update"](store, new)
        with Timer() as probing:
            probe = speed_probe()
        chunks["probe_cpu"] += probing.cpu
        chunks["probe_wall"] += probing.wall
        chunks["updates"].append(
            {"wall": t.wall, "cpu": t.cpu, "peak_mb": peak_mb(), "probe": probe}
        )
        progress("chunks", chunks["updates"])
        return out

    pipeline.update_corpus = timed
    return chunks


def _instrument(store: Any, pipeline: Any) -> dict[str, float]:
    """Wall seconds of the parts of ``run`` that read the whole store: reading every analysis
    back, the corpus stages, and replacing the corpus tables (the rest is the new articles)."""
    parts: dict[str, float] = {}

    def timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any) -> Any:
            started = time.perf_counter()
            out = fn(*args)
            out = list(out) if name == "read_all" else out  # a generator: time its reading
            parts[name] = parts.get(name, 0.0) + time.perf_counter() - started
            progress("run_parts", parts)
            return out

        return wrapper

    store.analyses = timed("read_all", store.analyses)
    store.analyses_of = timed("read_partition", store.analyses_of)
    store.replace_corpus = timed("replace_corpus", store.replace_corpus)
    store.update_corpus = timed("write_update", store.update_corpus)
    pipeline.analyse_corpus = timed("analyse_corpus", pipeline.analyse_corpus)
    pipeline.update_corpus = timed("update_corpus", pipeline.update_corpus)
    return parts


TASKS: dict[str, Callable[..., dict[str, Any]]] = {
    "ours": task_ours,
    "bare": task_bare,
    "corpus": task_corpus,
    "store": task_store,
    "blocking": task_blocking,
}


def in_fresh_process(task: str, work: Path, n: int, args: argparse.Namespace) -> dict[str, Any]:
    """Run one task in a new interpreter (its getrusage peak is then its own). A task past
    the time limit or the memory cap is reported with the parts it finished."""
    cmd = [sys.executable, __file__, "--task", task, "--work", str(work), "--n", str(n)]
    cmd += ["--limit", str(args.limit)]
    print(f"  {task} {n or ''} ...", file=sys.stderr, flush=True)
    started, load = time.perf_counter(), os.getloadavg()[0]
    cap = int(args.memory_limit_gb * 1024**3)

    def limit_memory() -> None:
        # The machine is shared: a corpus stage that blows up must fail, not swap others out.
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    # The task enforces its own limit once its input is ready; this one is a safety net.
    backstop = 2 * args.limit + 1800
    try:
        done = subprocess.run(
            cmd, capture_output=True, text=True, timeout=backstop, preexec_fn=limit_memory
        )
    except subprocess.TimeoutExpired as stopped:
        return {"failed": f"killed after {backstop:.0f} s", **_partial(stopped.stderr)}
    if done.returncode:
        tail = done.stderr.strip().splitlines()[-1:] or [f"exit status {done.returncode}"]
        return {"failed": tail[0], **_partial(done.stderr)}
    out: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    out["elapsed"] = time.perf_counter() - started
    out["load_at_start"] = load
    return out


def _partial(stderr: str | bytes | None) -> dict[str, Any]:
    """What a stopped task reported before it stopped (its ``progress`` lines, merged)."""
    text = stderr.decode() if isinstance(stderr, bytes) else stderr or ""
    found: dict[str, Any] = {}
    for line in text.splitlines():
        if line.startswith("progress "):
            found.update(json.loads(line.removeprefix("progress ")))
    return found


# -- the driver ------------------------------------------------------------------------------


def prepare(work: Path) -> str:
    """Write the 1k sample and the 100 new articles; returns where the text came from."""
    where, texts = real_texts(work)
    sample = topped_up(texts, SAMPLE, seed=7)
    write_texts(work / "sample", sample)
    rng = random.Random(11)
    picked = rng.sample(texts, NEW_ARTICLES)
    write_texts(
        work / "new", [(f"new-{i}-{n}", text_variant(t, rng)) for i, (n, t) in enumerate(picked)]
    )
    return f"{where}; {SAMPLE - min(SAMPLE, len(texts))} text variants top the sample up"


def measure(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    sizes = [1000, 10000] if args.quick else [int(s) for s in args.sizes.split(",")]
    stores = [int(s) for s in args.store_sizes.split(",") if s]
    report: dict[str, Any] = {"machine": machine(), "command": " ".join(sys.argv)}
    with LoadSampler() as load:
        report["corpus_source"] = prepare(work)
        report["ours"] = in_fresh_process("ours", work, 0, args)
        if not_done(report["ours"]):  # everything else starts from its analyses
            sys.exit(f"the per-article run did not complete: {report['ours']}")
        report["bare"] = in_fresh_process("bare", work, 0, args)
        report["corpus"] = {n: in_fresh_process("corpus", work, n, args) for n in sizes}
        report["blocking"] = {n: in_fresh_process("blocking", work, n, args) for n in sizes}
        report["store"] = {n: in_fresh_process("store", work, n, args) for n in stores}
    report["load"] = load.summary()
    return report


def main() -> None:
    args = parse_args()
    if args.task:
        if args.task in ("ours", "bare"):  # bounded by the sample size: no limit
            print(json.dumps(TASKS[args.task](Path(args.work))))
        else:
            print(json.dumps(TASKS[args.task](Path(args.work), args.n, args.limit)))
        return
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    report = measure(args, work)
    text = json.dumps(report, indent=2) if args.json else render(report)
    print(text)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    if not args.keep:
        subprocess.run(["rm", "-rf", str(work)], check=False)


# -- the report ------------------------------------------------------------------------------


def render(r: dict[str, Any]) -> str:
    return "\n".join(
        [
            *render_machine(r),
            "",
            *render_per_article(r["ours"], r["bare"]),
            "",
            *render_corpus(r["corpus"]),
            "",
            *render_blocking(r["blocking"]),
            "",
            *render_store(r["store"]),
        ]
    )


def render_machine(r: dict[str, Any]) -> list[str]:
    m, load = r["machine"], r["load"]
    return [
        f"Machine: {m['nproc']} cores ({m['cpu']}), {m['memory_gb']} GB, Python {m['python']}, "
        f"spaCy {m['spacy']}, model {m['model']}, claimgraph {m['claimgraph_commit']}",
        f"Load average (1 min) during the run: min {load['min']:.1f}, mean {load['mean']:.1f}, "
        f"max {load['max']:.1f} ({load['n']} samples)",
        f"Corpus: {r['corpus_source']}",
        f"Command: {r['command']}",
    ]


def _rate(n: int, seconds: float) -> str:
    return f"{n / seconds:.1f}" if seconds else "-"


def render_per_article(ours: dict[str, Any], bare: dict[str, Any]) -> list[str]:
    n = ours["articles"]
    rows = [
        ("read + clean", ours["clean"]),
        ("ArticleAnalyser (spaCy + line breaks + entity ruler + extractors)", ours["analyse"]),
        ("bare spaCy (`nlp.pipe`, model only)", bare["analyse"]),
    ]
    both = {k: ours["clean"][k] + ours["analyse"][k] for k in ("wall", "cpu")}
    rows.insert(2, ("read + clean + ArticleAnalyser", both))
    lines = [
        f"Per-article stages, one process, {n} articles ({ours['chars'] / n:.0f} chars each):",
        "",
        "| stage | wall s | articles/s (wall) | CPU s | articles/CPU-s (per core) |",
        "|---|---|---|---|---|",
    ]
    for name, t in rows:
        lines.append(
            f"| {name} | {t['wall']:.1f} | {_rate(n, t['wall'])} | {t['cpu']:.1f} | "
            f"{_rate(n, t['cpu'])} |"
        )
    lines += ["", *_ratios(ours, bare, both)]
    return lines


def _ratios(ours: dict[str, Any], bare: dict[str, Any], both: dict[str, float]) -> list[str]:
    def ratio(t: dict[str, float], k: str) -> float:
        return bare["analyse"][k] / t[k]

    return [
        f"Ours / bare throughput: ArticleAnalyser {ratio(ours['analyse'], 'cpu'):.2f} by CPU "
        f"time ({ratio(ours['analyse'], 'wall'):.2f} by wall time); with read + clean "
        f"{ratio(both, 'cpu'):.2f} ({ratio(both, 'wall'):.2f}). Model load (not counted): ours "
        f"{ours['model_load']['wall']:.1f} s, bare {bare['model_load']['wall']:.1f} s. "
        f"Peak RSS: ours {ours['peak_mb']:.0f} MB, bare {bare['peak_mb']:.0f} MB.",
    ]


def render_corpus(corpus: dict[Any, dict[str, Any]]) -> list[str]:
    lines = [
        "Corpus stages (`analyse_corpus`), one process; analyses beyond the 1k sample are "
        "derived from its analyses (parallel copies of the sample with names, uncommon words, "
        f"years and numbers replaced, {REWRITE:.0%} of plain words rewritten; every "
        f"{_ordinal(REPRINT_EVERY)} copy a reprint of the one before):",
        "",
        "| analyses | wall s | CPU s | growth (CPU) vs previous size | analyses/CPU-s | "
        "RSS before MB | peak RSS MB | stories | origins | facts |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    previous: dict[str, Any] | None = None
    for n, r in corpus.items():
        if not_done(r):
            before = f"{r['rss_before_mb']:.0f}" if "rss_before_mb" in r else ""
            lines.append(f"| {n} | {not_done(r)} | | | | {before} | | | | |")
            previous = None
            continue
        t = r["corpus"]
        growth = f"{t['cpu'] / previous['corpus']['cpu']:.1f}×" if previous else "-"
        lines.append(
            f"| {r['analyses']} | {t['wall']:.1f} | {t['cpu']:.1f} | {growth} | "
            f"{_rate(r['analyses'], t['cpu'])} | {r['rss_before_mb']:.0f} | "
            f"{r['peak_mb']:.0f} | {r['stories']} | {r['origins']} | {r['facts']} |"
        )
        previous = r
    return [*lines, "", "Wall seconds per corpus stage:", "", *render_stages(corpus)]


def render_blocking(blocking: dict[Any, dict[str, Any]]) -> list[str]:
    lines = [
        "The blocking stages alone (origins, stories, storylines read no claims), over the same "
        "analyses without their claims:",
        "",
        "| analyses | origins s | stories s | storylines s | total s | growth vs previous | "
        "RSS before MB | peak RSS MB | stories | storylines | largest storyline (articles) | "
        "origins |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    previous = 0.0
    for n, r in blocking.items():
        st = r.get("stages", {})
        cells = [f"{st[k]:.1f}" if k in st else "" for k in BLOCKING_STAGES]
        if not_done(r):
            before = f"{r['rss_before_mb']:.0f}" if "rss_before_mb" in r else ""
            lines.append(f"| {n} | " + " | ".join(cells) + f" | {not_done(r)} | | {before} |")
            previous = 0.0
            continue
        total = sum(st.values())
        growth = f"{total / previous:.1f}×" if previous else "-"
        lines.append(
            f"| {r['analyses']} | " + " | ".join(cells) + f" | {total:.1f} | {growth} | "
            f"{r['rss_before_mb']:.0f} | {r['peak_mb']:.0f} | {r['stories']} | "
            f"{r['storylines']} | {r['largest_storyline']} | {r['origins']} |"
        )
        previous = total
    return lines


def _ordinal(n: int) -> str:
    return {2: "2nd", 3: "3rd"}.get(n, f"{n}th")


def render_stages(corpus: dict[Any, dict[str, Any]]) -> list[str]:
    """Wall seconds per corpus stage: where the time goes, and which stage grows fastest
    (a stage left blank was not reached before the limit)."""
    names = [s.removeprefix("build_").removeprefix("assign_") for s in CORPUS_STAGES]
    lines = ["| analyses | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
    for n, r in corpus.items():
        done = r.get("stages", {})
        cells = [f"{done[s]:.1f}" if s in done else "" for s in CORPUS_STAGES]
        lines.append(f"| {n} | " + " | ".join(cells) + " |")
    return lines


def not_done(r: dict[str, Any]) -> str:
    """Why a measurement has no result ("" when it has one)."""
    return f"did not finish: {r['failed'][:90]}" if "failed" in r else ""


def render_store(stores: dict[Any, dict[str, Any]]) -> list[str]:
    lines = [
        f"SQLite store of N articles, derived in full once (corpus index included), then "
        f"`pipeline.run` on {NEW_ARTICLES} new articles (model already loaded): an incremental "
        "update, whose cost should follow the 100, not N:",
        "",
        "| N | add_analysis writes/s | db MB | full derivation: CPU s | of it, updates | "
        "run on the 100: wall s | CPU s | the update: wall s | reading analyses s | "
        "writing s | incremental |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for n, r in stores.items():
        if "stored" not in r:
            lines.append(f"| {n} | {not_done(r)} |" + " |" * 9)
            continue
        p = r.get("run_parts", {})
        parts = [f"{p[k]:.1f}" if k in p else "" for k in _RUN_PARTS]
        full = r.get("full", {})
        updates = full.get("chunks", []) if full else []
        derived = [f"{full['cpu']:.1f}", f"{len(updates)}"] if full else ["", ""]
        if not_done(r):
            run = [not_done(r), ""]
        else:
            run = [f"{r['run']['wall']:.1f}", f"{r['run']['cpu']:.1f}"]
        cells = [*derived, *run, *parts, "yes" if r.get("incremental") else "no"]
        lines.append(
            f"| {r['stored']} | {_rate(r['stored'], r['writes']['wall'])} | {r['db_mb']:.0f} | "
            + " | ".join(cells)
            + " |"
        )
    return lines


_RUN_PARTS = ("update_corpus", "read_partition", "write_update")


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    p.add_argument("--sizes", default="1000,10000,100000", help="corpus-stage sizes")
    p.add_argument("--quick", action="store_true", help="corpus-stage sizes 1000,10000 only")
    p.add_argument("--store-sizes", default="1000,10000", help="store sizes N for the add test")
    p.add_argument("--json", action="store_true", help="print JSON instead of tables")
    p.add_argument("--out", help="also write the report to this file")
    p.add_argument(
        "--limit", type=float, default=900, help="seconds per measurement, once its input is ready"
    )
    p.add_argument(
        "--memory-limit-gb", type=float, default=10, help="address-space cap per measurement"
    )
    p.add_argument("--keep", help="work in this folder and keep it (default: a temp folder)")
    p.add_argument("--task", choices=sorted(TASKS), help=argparse.SUPPRESS)  # internal
    p.add_argument("--work", help=argparse.SUPPRESS)
    p.add_argument("--n", type=int, default=0, help=argparse.SUPPRESS)
    return p.parse_args()


if __name__ == "__main__":
    main()

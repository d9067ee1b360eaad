"""Score ``find_attributions`` against PolNeAR (political news, brat standoff annotation).

Usage::

    python benchmarks/eval_polnear.py                 # dev split
    python benchmarks/eval_polnear.py --split train --limit 100 --json

Gold: every ``E`` relation of an ``.ann`` file gives a source, a cue and a content span (each
possibly in several fragments). Prediction: our attributions (``broad`` cues, since PolNeAR
annotates evaluative and volitional cues too; ``--core`` for the default tier), projected onto
PolNeAR's scheme, which is univocal (a token belongs to at most one attribution, so annotators
mark the outer attribution of a nested pair, and never a cue inside a quotation): an
attribution whose cue lies inside another one's content or inside quote marks is dropped
unless ``--keep-nested``. Per role we match predicted to gold spans one-to-one, greedily by
overlap size ("overlap": any shared character), and by identical extent ("exact": same first
and last character, ignoring surrounding white space), and print P/R/F1.

Only ``train`` and ``dev`` are read: ``test`` is held out. Exits 0 with a message when the data
is absent.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from claimgraph.model import Attribution

DEFAULT_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "polnear"
ROLES = ("source", "cue", "content")
SPLITS = ("dev", "train")
_BRAT_ROLE = {"Source": "source", "Cue": "cue", "Content": "content"}

Fragments = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class GoldDoc:
    name: str
    text: str
    roles: dict[str, list[Fragments]]


@dataclass(slots=True)
class Counts:
    gold: int = 0
    pred: int = 0
    overlap: int = 0
    exact: int = 0

    def add(self, other: Counts) -> None:
        self.gold += other.gold
        self.pred += other.pred
        self.overlap += other.overlap
        self.exact += other.exact

    def prf(self, hits: int) -> dict[str, float]:
        p = hits / self.pred if self.pred else 0.0
        r = hits / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


@dataclass(slots=True)
class Report:
    docs: int = 0
    seconds: float = 0.0
    counts: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in ROLES})

    def as_dict(self) -> dict[str, object]:
        roles = {
            role: {
                "overlap": c.prf(c.overlap),
                "exact": c.prf(c.exact),
                "gold": c.gold,
                "pred": c.pred,
            }
            for role, c in self.counts.items()
        }
        return {"docs": self.docs, "seconds": round(self.seconds, 1), "roles": roles}


# --- reading brat ------------------------------------------------------------------------------


def parse_ann(ann: str) -> dict[str, list[Fragments]]:
    """Source/cue/content fragments per role from brat standoff text.

    Text-bound lines are ``T<n>\\t<Label> <start> <end>[;<start> <end>...]\\t<text>``; the
    quoted text may contain line breaks, so only lines that start with an id are read.
    """
    spans: dict[str, tuple[str, Fragments]] = {}
    roles: dict[str, list[Fragments]] = {r: [] for r in ROLES}
    relations: list[str] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if re.fullmatch(r"T\d+", parts[0]):
            label, _, offsets = parts[1].partition(" ")
            frags = tuple(tuple(int(x) for x in f.split()) for f in offsets.split(";"))
            spans[parts[0]] = (label, tuple((a, b) for a, b in frags))
        elif re.fullmatch(r"E\d+", parts[0]):
            relations.append(parts[1])
    for rel in relations:
        for arg in rel.split()[1:]:
            role, _, tid = arg.partition(":")
            if role in _BRAT_ROLE and tid in spans:
                roles[_BRAT_ROLE[role]].append(spans[tid][1])
    return roles


def iter_gold(data: Path, split: str) -> Iterator[GoldDoc]:
    """Documents of a split; an article annotated by several people is read once (the first
    annotator's file in name order)."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS} (test is held out)")
    base = data / "data" / split
    seen: set[str] = set()
    for ann in sorted((base / "attributions").glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        text_path = base / "text" / f"{name}.txt"
        if name in seen or not text_path.exists():
            continue
        seen.add(name)
        text = text_path.read_text(encoding="utf-8")
        yield GoldDoc(name, text, parse_ann(ann.read_text(encoding="utf-8")))


# --- predictions -------------------------------------------------------------------------------


def outermost(attributions: Sequence[Attribution], text: str = "") -> list[Attribution]:
    """Project nested attributions onto PolNeAR's univocal scheme: drop one whose cue lies
    inside another attribution's content or inside a quotation (a quotation is always some
    attribution's content, even when its cue is in another sentence)."""
    from claimgraph.extract.attribution import quote_regions

    contents = sorted((a.content.start, a.content.end) for a in attributions)
    quotes = quote_regions(text) if text else []
    keep = []
    for att in attributions:
        pos = att.cue.start if att.cue is not None else att.content.start
        own = (att.content.start, att.content.end)
        nested = any(s <= pos < e and (s, e) != own for s, e in contents)
        quoted = any(s < pos < e for s, e in quotes)
        if not (nested or quoted):
            keep.append(att)
    return keep


def predicted_roles(attributions: Iterable[Attribution]) -> dict[str, list[tuple[int, int]]]:
    roles: dict[str, list[tuple[int, int]]] = {r: [] for r in ROLES}
    for att in attributions:
        if att.speaker is not None:
            roles["source"].append((att.speaker.start, att.speaker.end))
        if att.cue is not None:
            roles["cue"].append((att.cue.start, att.cue.end))
        roles["content"].append((att.content.start, att.content.end))
    return roles


# --- matching ----------------------------------------------------------------------------------


def _overlap(gold: Fragments, pred: tuple[int, int]) -> int:
    return sum(max(0, min(b, pred[1]) - max(a, pred[0])) for a, b in gold)


def _extent(text: str, start: int, end: int) -> tuple[int, int]:
    end = min(end, len(text))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def match_role(text: str, gold: list[Fragments], pred: list[tuple[int, int]]) -> Counts:
    """One-to-one matches: greedy by overlap size, and by identical extent."""
    counts = Counts(gold=len(gold), pred=len(pred))
    pairs = []
    order = sorted(range(len(gold)), key=lambda g: gold[g][0][0])
    for p, span in enumerate(pred):
        for g in order:
            if gold[g][0][0] >= span[1]:
                break
            size = _overlap(gold[g], span)
            if size > 0:
                pairs.append((size, g, p))
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, g, p in sorted(pairs, key=lambda x: -x[0]):
        if g not in used_g and p not in used_p:
            used_g.add(g)
            used_p.add(p)
    counts.overlap = len(used_g)
    gold_extents: dict[tuple[int, int], int] = {}
    for frags in gold:
        key = _extent(text, min(a for a, _ in frags), max(b for _, b in frags))
        gold_extents[key] = gold_extents.get(key, 0) + 1
    for start, end in pred:
        key = _extent(text, start, end)
        if gold_extents.get(key, 0) > 0:
            gold_extents[key] -= 1
            counts.exact += 1
    return counts


def score_doc(gold: GoldDoc, attributions: Sequence[Attribution]) -> dict[str, Counts]:
    pred = predicted_roles(attributions)
    return {role: match_role(gold.text, gold.roles[role], pred[role]) for role in ROLES}


# --- running -----------------------------------------------------------------------------------


def evaluate(
    data: Path,
    split: str = "dev",
    limit: int | None = None,
    *,
    broad: bool = True,
    nested: bool = False,
) -> Report:
    from claimgraph.extract.attribution import find_attributions
    from claimgraph.extract.nlp import load_pipeline

    nlp = load_pipeline()
    report = Report()
    t0 = time.perf_counter()
    for gold in iter_gold(data, split):
        if limit is not None and report.docs >= limit:
            break
        atts = find_attributions(nlp(gold.text), broad=broad)
        if not nested:
            atts = outermost(atts, gold.text)
        for role, counts in score_doc(gold, atts).items():
            report.counts[role].add(counts)
        report.docs += 1
    report.seconds = time.perf_counter() - t0
    return report


def _format(report: Report, split: str) -> str:
    lines = [f"PolNeAR {split}: {report.docs} docs in {report.seconds:.1f} s"]
    lines.append(f"{'role':8} {'match':8} {'P':>6} {'R':>6} {'F1':>6}  gold  pred")
    for role, c in report.counts.items():
        for kind, hits in (("overlap", c.overlap), ("exact", c.exact)):
            m = c.prf(hits)
            scores = f"{m['p']:6.3f} {m['r']:6.3f} {m['f1']:6.3f}"
            lines.append(f"{role:8} {kind:8} {scores}  {c.gold:4}  {c.pred:4}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="PolNeAR folder")
    ap.add_argument("--split", choices=SPLITS, default="dev")
    ap.add_argument("--limit", type=int, default=None, help="score only the first N documents")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("--core", action="store_true", help="only statement/belief/denial cues")
    ap.add_argument("--keep-nested", action="store_true", help="score nested attributions too")
    args = ap.parse_args(argv)
    if not (args.data / "data" / args.split / "attributions").is_dir():
        print(f"PolNeAR not found under {args.data}: skipping", file=sys.stderr)
        return 0
    report = evaluate(
        args.data, args.split, args.limit, broad=not args.core, nested=args.keep_nested
    )
    print(json.dumps(report.as_dict(), indent=2) if args.json else _format(report, args.split))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""TempEval-3 evaluation of claimgraph's date grammar (DATE and TIME timexes).

    python benchmarks/eval_tempeval.py [--data ../shared/data/tempeval3/Training] [--json]

Reads the TimeML gold (``.tml``), strips the tags to plain text, runs ``find_dates`` with the
document creation time (DCT) as anchor and ``refs=True`` (TimeML annotates "now", "recently"),
and scores the DATE and TIME timexes of each document's TEXT (the DCT itself is input, not
output, so it is not scored):

* extent precision / recall / F1, strict (same offsets) and relaxed (overlap);
* value accuracy over the relaxed matches (our value in TimeML form == gold value);
* value F1 = relaxed F1 x value accuracy, as TempEval-3 defines it.

A prediction that overlaps only a gold DURATION or SET timex is left out of precision: we do
not emit durations, and where we read a duration's words as a date ("the past decade") the
gold has annotated a time expression there, typed differently. Gold decade values written
"199X" are read as "199" (the TIMEX3 form).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from claimgraph.extract.dates import find_dates
from claimgraph.model import Mention, Value

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "tempeval3" / "Training"
SCORED_TYPES = frozenset({"DATE", "TIME"})

_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_DCT = re.compile(r"<DCT>.*?<TIMEX3([^>]*)>", re.S)
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(slots=True)
class GoldDoc:
    name: str
    text: str
    dct: str | None
    timexes: list[GoldTimex] = field(default_factory=list)


def parse_timeml(xml: str, name: str = "") -> GoldDoc:
    """Plain text of the TEXT element, its TIMEX3 spans (offsets into that text) and the DCT."""
    dct_match = _DCT.search(xml)
    dct = dict(_ATTR.findall(dct_match[1])).get("value", "")[:10] if dct_match else None
    body_match = _TEXT.search(xml)
    body = body_match[1] if body_match else xml
    parts: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    timexes: list[GoldTimex] = []
    pos = 0
    for tag in _TAG.finditer(body):
        chunk = html.unescape(body[pos : tag.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = tag.end()
        if tag[2] != "TIMEX3":
            continue
        if tag[1] != "/":
            open_timex = (length, dict(_ATTR.findall(tag[3])))
        elif open_timex is not None:
            start, attrs = open_timex
            text = "".join(parts)[start:length]
            timexes.append(
                GoldTimex(start, length, text, attrs.get("type", ""), attrs.get("value", ""))
            )
            open_timex = None
    parts.append(html.unescape(body[pos:]))
    return GoldDoc(name, "".join(parts), dct or None, timexes)


def timex_value(value: Value | None) -> str | None:
    """Our value in TimeML's TIMEX3 form: "1998-11-03", "1998-11", "1998-W45", "1998-Q3",
    "1998-H1", "1998-FA", "1998", "199" (decade), "1998-11-03T15:00", "PRESENT_REF"."""
    if value is None or value.kind != "date":
        return None
    if value.value is None:
        refs = {"present": "PRESENT_REF", "past": "PAST_REF", "future": "FUTURE_REF"}
        return refs.get(value.hedge or "") if value.granularity is None else None
    point = str(value.value)
    if "T" in point:
        return point
    if value.high and value.hedge in ("by", "before"):
        point = str(value.high)
    d = date.fromisoformat(point[:10])
    return _at_granularity(d, value)


def _at_granularity(d: date, value: Value) -> str:
    g = value.granularity
    if g == "week":
        year, week, _ = d.isocalendar()
        weekend = d.weekday() == 5 and value.high == (d + timedelta(days=1)).isoformat()
        return f"{year}-W{week:02d}" + ("-WE" if weekend else "")
    if g == "month":
        return f"{d.year}-{d.month:02d}"
    if g == "quarter":
        low, high = date.fromisoformat(str(value.low)), date.fromisoformat(str(value.high))
        if (high.month - low.month) == 5 and value.hedge is None:
            return f"{d.year}-H{(d.month - 1) // 6 + 1}"
        return f"{d.year}-Q{(d.month - 1) // 3 + 1}"
    if g == "season":
        code = ("WI", "SP", "SU", "FA")[d.month % 12 // 3]
        return f"{d.year - (1 if d.month < 3 else 0)}-{code}"
    if g == "year":
        return str(d.year)
    if g == "decade":
        return str(d.year // 10)
    return d.isoformat()


def _gold_value(v: str) -> str:
    """Gold values in our spelling where TimeML allows two: "199X" = "199" (a decade),
    "1998-W8" = "1998-W08", and unknown trailing parts ("1949-XX", "1998-10-XX") dropped."""
    v = re.sub(r"^(\d{3})X$", r"\1", v)
    v = re.sub(r"-W(\d)(?!\d)", r"-W0\1", v)
    while v.endswith("-XX"):
        v = v[:-3]
    return v


@dataclass(slots=True)
class Tally:
    gold: int = 0
    predicted: int = 0
    ignored: int = 0
    strict: int = 0
    relaxed: int = 0
    value_ok: int = 0
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # (doc, gold text, value)
    wrong: list[tuple[str, str, str, str | None]] = field(default_factory=list)
    spurious: list[tuple[str, str]] = field(default_factory=list)

    def add(self, doc: GoldDoc, predicted: Sequence[Mention]) -> None:
        gold = [t for t in doc.timexes if t.type in SCORED_TYPES]
        other = [t for t in doc.timexes if t.type not in SCORED_TYPES]
        self.gold += len(gold)
        used: set[int] = set()
        for p in predicted:
            g = next((g for g in gold if id(g) not in used and _overlap(g, p)), None)
            if g is None:
                if any(_overlap(o, p) for o in other):
                    self.ignored += 1
                else:
                    self.predicted += 1
                    self.spurious.append((doc.name, p.text))
                continue
            used.add(id(g))
            self.predicted += 1
            self.relaxed += 1
            self.strict += (g.start, g.end) == (p.start, p.end)
            ours = timex_value(p.value)
            if ours == _gold_value(g.value):
                self.value_ok += 1
            else:
                self.wrong.append((doc.name, f"{g.text} | {p.text}", g.value, ours))
        self.misses += [(doc.name, g.text, g.value) for g in gold if id(g) not in used]

    def scores(self) -> dict[str, float | int]:
        def f1(p: float, r: float) -> float:
            return 2 * p * r / (p + r) if p + r else 0.0

        sp, sr = _ratio(self.strict, self.predicted), _ratio(self.strict, self.gold)
        rp, rr = _ratio(self.relaxed, self.predicted), _ratio(self.relaxed, self.gold)
        accuracy = _ratio(self.value_ok, self.relaxed)
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "ignored_on_durations": self.ignored,
            "strict_precision": sp,
            "strict_recall": sr,
            "strict_f1": f1(sp, sr),
            "relaxed_precision": rp,
            "relaxed_recall": rr,
            "relaxed_f1": f1(rp, rr),
            "value_accuracy": accuracy,
            "value_f1": f1(rp, rr) * accuracy,
        }


def _overlap(g: GoldTimex, p: Mention) -> bool:
    return g.start < p.end and p.start < g.end


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def score(docs: Iterable[GoldDoc], refs: bool = True) -> Tally:
    """Run ``find_dates`` on each document and tally it against the gold."""
    tally = Tally()
    for doc in docs:
        tally.add(doc, find_dates(doc.text, doc.dct, refs=refs))
    return tally


def load(folder: Path, limit: int | None = None) -> list[GoldDoc]:
    files = sorted(folder.rglob("*.tml"))[:limit]
    return [parse_timeml(f.read_text(encoding="utf-8"), f.stem) for f in files]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--json", action="store_true", help="print the scores as a JSON dict")
    parser.add_argument("--no-refs", action="store_true", help="do not emit now/recently/soon")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N files")
    parser.add_argument("--errors", type=int, default=0, help="print N misses/wrong/spurious")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"TempEval-3 data not found at {args.data}; skipping.")
        return 0
    docs = load(args.data, args.limit)
    started = time.perf_counter()
    tally = score(docs, refs=not args.no_refs)
    result = tally.scores() | {"documents": len(docs), "seconds": time.perf_counter() - started}
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print("$ python " + " ".join(["benchmarks/eval_tempeval.py", *(argv or sys.argv[1:])]))
        for key, val in result.items():
            print(f"{key:22s} {val:.4f}" if isinstance(val, float) else f"{key:22s} {val}")
    _print_errors(tally, args.errors)
    return 0


def _print_errors(tally: Tally, n: int) -> None:
    if not n:
        return
    print("\n# missed (doc, gold text, gold value)")
    for missed in tally.misses[:n]:
        print(*missed, sep="\t")
    print("\n# wrong value (doc, gold | ours, gold value, our value)")
    for wrong in tally.wrong[:n]:
        print(*wrong, sep="\t")
    print("\n# spurious (doc, text)")
    for spurious in tally.spurious[:n]:
        print(*spurious, sep="\t")


if __name__ == "__main__":
    sys.exit(main())

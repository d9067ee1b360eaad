"""Article text into HTML, safely: escape every piece first, then add our own tags between them.

Article text is hostile until escaped (a crawled page can carry ``<script>``), so nothing here
ever inserts markup into raw text: the text is cut at character offsets, each piece is escaped
with ``markupsafe.escape``, and only then are ``<mark>``/``<span>`` tags joined around them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from claimgraph.model import Claim, Span
from claimgraph.web.data import MARK_CLOSE, MARK_OPEN


def locate(text: str, span: Span, base: int = 0) -> tuple[int, int] | None:
    """Where ``span`` sits in ``text`` (which starts at offset ``base`` of the article).

    The stored offsets are trusted when they still point at the span's own text; otherwise
    (a record from an older run, a hand-made one) the text is searched for, so a mismatch
    costs a highlight, never a wrong one.
    """
    start, end = span.start - base, span.end - base
    if 0 <= start <= end <= len(text) and text[start:end] == span.text:
        return start, end
    if not span.text:
        return None
    found = text.find(span.text)
    return (found, found + len(span.text)) if found >= 0 else None


def highlight(text: str, ranges: Iterable[tuple[int, int]], tag: str = "mark") -> Markup:
    """``text`` escaped, with each range wrapped in ``<tag>`` (ranges clipped and merged)."""
    parts: list[Markup] = []
    pos = 0
    for start, end in _merge(ranges, len(text)):
        parts += [escape(text[pos:start]), Markup(f"<{tag}>"), escape(text[start:end])]
        parts.append(Markup(f"</{tag}>"))
        pos = end
    parts.append(escape(text[pos:]))
    return Markup("").join(parts)


def claim_sentence(claim: Claim) -> Markup:
    """The claim's sentence with its value highlighted."""
    sentence = claim.sentence.text
    where = locate(sentence, claim.value_span, base=claim.sentence.start)
    return highlight(sentence, [where] if where else [])


def snippet(text: str) -> Markup:
    """An FTS5 snippet (matches between MARK_OPEN/MARK_CLOSE) as escaped HTML with <mark>."""
    parts: list[Markup] = []
    for i, piece in enumerate(text.split(MARK_OPEN)):
        matched, _, rest = piece.partition(MARK_CLOSE) if i else ("", "", piece)
        if matched:
            parts += [Markup("<mark>"), escape(matched), Markup("</mark>")]
        parts.append(escape(rest.replace(MARK_CLOSE, "")))
    return Markup("").join(parts)


@dataclass(slots=True)
class _Group:
    """Claims whose sentences overlap, shown as one highlighted stretch of the article."""

    start: int
    end: int
    claim_ids: list[str] = field(default_factory=list)
    values: list[tuple[int, int]] = field(default_factory=list)
    status: str = ""


def annotate(text: str, claims: Sequence[Claim], status: Mapping[str, str]) -> Markup:
    """The article's clean text as HTML: claim sentences in ``<span class="claim">`` (with an
    ``id="c-{claim_id}"`` anchor for every claim) and their values in ``<mark>``.

    ``status`` maps claim id to its fact's status, so a sentence is underlined in the colour
    of the most notable status among its claims.
    """
    parts: list[Markup] = []
    pos = 0
    for g in _groups(text, claims, status):
        parts.append(escape(text[pos : g.start]))
        anchors = Markup("").join(
            Markup('<span class="anchor" id="c-{}"></span>').format(cid) for cid in g.claim_ids
        )
        inner = highlight(text[g.start : g.end], [(a - g.start, b - g.start) for a, b in g.values])
        css = f"claim st-{g.status}" if g.status else "claim"
        parts.append(Markup('<span class="{}">{}{}</span>').format(css, anchors, inner))
        pos = g.end
    parts.append(escape(text[pos:]))
    return Markup("").join(parts)


_RANK = {"conflicting": 0, "disputed": 1, "corroborated": 2, "single_source": 3}


def _groups(text: str, claims: Sequence[Claim], status: Mapping[str, str]) -> list[_Group]:
    located = []
    for c in claims:
        sentence = locate(text, c.sentence)
        if sentence is not None:
            located.append((sentence, locate(text, c.value_span), c.id))
    groups: list[_Group] = []
    for (start, end), value, cid in sorted(located, key=lambda x: x[0]):
        if groups and start < groups[-1].end:  # overlaps the previous sentence: same stretch
            g = groups[-1]
            g.end = max(g.end, end)
        else:
            g = _Group(start, end)
            groups.append(g)
        g.claim_ids.append(cid)
        if value is not None:
            g.values.append(value)
        st = status.get(cid, "")
        if st and (not g.status or _RANK.get(st, 9) < _RANK.get(g.status, 9)):
            g.status = st
    return groups


def _merge(ranges: Iterable[tuple[int, int]], size: int) -> list[tuple[int, int]]:
    clipped = sorted((max(0, a), min(size, b)) for a, b in ranges if a < b and a < size and b > 0)
    merged: list[tuple[int, int]] = []
    for a, b in clipped:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged

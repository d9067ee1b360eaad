"""The timeline: dated facts and the reports' own dates, in order."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from claimgraph.extract.dates import timeline_key
from claimgraph.model import Article, Claim, Fact, TimelineEntry


def build_timeline(
    facts: Sequence[Fact], claims: Mapping[str, Claim], articles: Sequence[Article]
) -> list[TimelineEntry]:
    entries: dict[tuple[str, str], TimelineEntry] = {}
    for fact in facts:
        dated = [claims[c] for c in fact.claim_ids if c in claims]
        dated = [c for c in dated if c.value.kind == "date" and c.value.value]
        if not dated:
            continue
        key = timeline_key(dated[0].value)
        if not key:
            continue
        article_ids = tuple(sorted({c.article_id for c in dated}))
        entries[(key, fact.id)] = TimelineEntry(key, fact.statement, article_ids, (fact.id,))
    for a in articles:
        if a.published:
            text = f"Published: {a.title or a.source}"
            entries[(a.published, a.id)] = TimelineEntry(a.published, text, (a.id,), ())
    return [entries[k] for k in sorted(entries)]

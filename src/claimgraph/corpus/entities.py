"""Entities across the corpus: one record per name key, with every variant seen."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from claimgraph.extract.entities import name_key
from claimgraph.model import Entity, content_id
from claimgraph.store.base import Analysis


def merge_entities(analyses: Sequence[Analysis]) -> list[Entity]:
    names: dict[str, Counter[str]] = defaultdict(Counter)
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    articles: dict[str, set[str]] = defaultdict(set)
    for analysis in analyses:
        for m in analysis.mentions:
            if m.value is not None:
                continue
            key = name_key(m.text)
            if not key:
                continue
            names[key][m.text] += 1
            kinds[key][m.label] += 1
            articles[key].add(analysis.article.id)
    entities = []
    for key in sorted(names):
        # The most frequent spelling names it; ties go to the longer, then alphabetical, form.
        name = sorted(names[key].items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]
        entities.append(
            Entity(
                id=content_id("e", key),
                name=name,
                kind=kinds[key].most_common(1)[0][0],
                aliases=tuple(sorted(n for n in names[key] if n != name)),
                article_ids=tuple(sorted(articles[key])),
            )
        )
    return entities

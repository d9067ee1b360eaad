"""Entities across the corpus: one record per name key, with every variant seen."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from claimgraph.extract.entities import name_key
from claimgraph.model import Entity, content_id
from claimgraph.store.base import Analysis


@dataclass(slots=True)
class EntityTally:
    """What the corpus says of one name key: its spellings, kinds and articles."""

    names: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    articles: set[str] = field(default_factory=set)


def tally_entities(
    analyses: Sequence[Analysis], into: dict[str, EntityTally] | None = None
) -> dict[str, EntityTally]:
    """Count the named mentions of ``analyses`` by name key (added to ``into`` if given)."""
    tallies = into if into is not None else {}
    for analysis in analyses:
        for m in analysis.mentions:
            if m.value is not None:
                continue
            key = name_key(m.text)
            if not key:
                continue
            tally = tallies.setdefault(key, EntityTally())
            tally.names[m.text] += 1
            tally.kinds[m.label] += 1
            tally.articles.add(analysis.article.id)
    return tallies


def add_tallies(into: dict[str, EntityTally], more: Mapping[str, EntityTally]) -> None:
    """Add ``more`` (tallied over later articles) to ``into``: as tallying those articles
    into it would, spellings and kinds first seen keeping their order."""
    for key, tally in more.items():
        mine = into.setdefault(key, EntityTally())
        mine.names.update(tally.names)
        mine.kinds.update(tally.kinds)
        mine.articles |= tally.articles


def entities_of(tallies: Mapping[str, EntityTally]) -> list[Entity]:
    entities = []
    for key in sorted(tallies):
        tally = tallies[key]
        # The most frequent spelling names it; ties go to the longer, then alphabetical, form.
        name = sorted(tally.names.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]
        entities.append(
            Entity(
                id=content_id("e", key),
                name=name,
                # Ties go alphabetically: the same corpus gives the same kind in any order.
                kind=sorted(tally.kinds.items(), key=lambda kv: (-kv[1], kv[0]))[0][0],
                aliases=tuple(sorted(n for n in tally.names if n != name)),
                article_ids=tuple(sorted(tally.articles)),
            )
        )
    return entities


def merge_entities(analyses: Sequence[Analysis]) -> list[Entity]:
    return entities_of(tally_entities(analyses))

"""Facts: aligned claims with a statement, a status and an independent-source count."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from claimgraph.corpus.align import align
from claimgraph.corpus.status import attributed_only, independent_sources, status_of
from claimgraph.model import Claim, Fact, Story, content_id


def build_facts(
    stories: Sequence[Story],
    claims: Sequence[Claim],
    origins: Mapping[str, str],
    storyline_of: Mapping[str, str] | None = None,
    settled: Mapping[str, Sequence[Sequence[str]]] | None = None,
    aligned: dict[str, list[list[str]]] | None = None,
) -> list[Fact]:
    """Align claims within each storyline (or story) into facts with statuses.

    A fact belongs to the story that holds most of its claims, so the background figure a later
    story repeats ("the $5.5 billion deal signed in 2018") is still set against the first one.

    ``settled``: storyline id -> its claim groups aligned before (``align``); ``aligned``,
    when given, receives each storyline's claim groups (ids) as aligned here.
    """
    story_of = {aid: s.id for s in stories for aid in s.article_ids}
    line_of = storyline_of or {}
    by_line: dict[str, list[Claim]] = {}
    for c in claims:
        story = story_of.get(c.article_id, "")
        by_line.setdefault(line_of.get(story, story), []).append(c)
    facts: list[Fact] = []
    for line in sorted(by_line):
        groups = align(by_line[line], (settled or {}).get(line, ()))
        if aligned is not None:
            aligned[line] = [[c.id for c in group] for group in groups]
        for group in groups:
            story_id = _home_story(group, story_of)
            fact = make_fact(story_id, group, origins)
            if fact is not None:
                facts.append(fact)
    return facts


def _home_story(group: Sequence[Claim], story_of: Mapping[str, str]) -> str | None:
    counts = Counter(story_of.get(c.article_id) for c in group)
    counts.pop(None, None)
    if not counts:
        return None
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0] or ""))[0][0]


def make_fact(
    story_id: str | None, group: Sequence[Claim], origins: Mapping[str, str]
) -> Fact | None:
    sources = independent_sources(group, origins)
    status = status_of(group, origins, sources)
    if group[0].value.kind == "text" and status != "disputed" and sources < 2:
        # An uncontested statement made by one origin is just that report's prose, not a fact.
        return None
    ids = tuple(sorted(c.id for c in group))
    return Fact(
        id=content_id("f", *ids),
        story_id=story_id,
        statement=statement(group),
        subject=_most_common(c.subject for c in group),
        property=_most_common(c.property for c in group),
        status=status,
        attributed_only=attributed_only(group),
        independent_sources=sources,
        claim_ids=ids,
    )


def statement(group: Sequence[Claim]) -> str:
    """A readable one-line statement: the shortest sentence among the asserting claims."""
    preferred = [c for c in group if c.stance != "denies"] or list(group)
    best = min(preferred, key=lambda c: (len(c.sentence.text), c.id))
    text = " ".join(best.sentence.text.split())
    return text if len(text) <= 240 else text[:237] + "…"


def _most_common(items: object) -> str | None:
    values = [x for x in items if x]  # type: ignore[attr-defined]
    if not values:
        return None
    return Counter(values).most_common(1)[0][0]  # type: ignore[no-any-return]

"""The fact stages over a set of stories: dates borrowed from the story, claims re-read
against them, facts with statuses, and the timeline.

A full run applies them to the whole corpus; an incremental update to the partition it
touched. Both go through here, so they cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from claimgraph.corpus.facts import build_facts
from claimgraph.corpus.inferred import infer_article_dates, reresolve_claims
from claimgraph.corpus.timeline import build_timeline
from claimgraph.model import Story
from claimgraph.store.base import Analysis, CorpusResult


def fact_stages(
    analyses: Sequence[Analysis],
    stories: Sequence[Story],
    origins: Mapping[str, str],
    storyline_of: Mapping[str, str],
    settled: Mapping[str, Sequence[Sequence[str]]] | None = None,
    aligned: dict[str, list[list[str]]] | None = None,
) -> CorpusResult:
    """Corpus records for ``stories`` (whose articles are ``analyses``); no entities.
    ``settled`` and ``aligned``: see ``build_facts``."""
    articles = [a.article for a in analyses]
    inferred = infer_article_dates(stories, articles)
    resolved = reresolve_claims(analyses, inferred)
    claims = [resolved.get(c.id, c) for a in analyses for c in a.claims]
    facts = build_facts(stories, claims, origins, storyline_of, settled, aligned)
    dated = [
        replace(a, published=inferred[a.id], published_inferred=True) if a.id in inferred else a
        for a in articles
    ]
    timeline = build_timeline(facts, {c.id: c for c in claims}, dated)
    return CorpusResult(
        dict(origins), tuple(stories), (), tuple(facts), tuple(timeline), inferred, resolved
    )

"""Dates borrowed from the story: an article that carries no date of its own takes its story's.

"on Wednesday" in an undated report can only be resolved against some date: the story's
dated reports are the evidence of when the undated one was written. We take their median date.
The earliest was our first choice, but a story can reach back: a sentencing's reports with
the arrest report of eighteen months before (the later reports name its month, so the
clustering keeps them together), where the earliest date put every undated sentencing report
in the year of the arrest, and so their "on Tuesday" too. Within one news cycle the median
is a day or two from the earliest. Such dates are marked as inferred, and the relative dates
they resolve are re-read against them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from claimgraph.extract.dates import find_dates
from claimgraph.model import Article, Claim, Story
from claimgraph.store.base import Analysis


def infer_article_dates(stories: Sequence[Story], articles: Sequence[Article]) -> dict[str, str]:
    """Article id -> inferred publication date, for undated articles in dated stories."""
    published = {a.id: a.published[:10] for a in articles if a.published}
    undated = {a.id for a in articles if not a.published}
    inferred: dict[str, str] = {}
    for story in stories:
        dates = sorted(published[a] for a in story.article_ids if a in published)
        if not dates:
            continue
        median = dates[(len(dates) - 1) // 2]  # the lower one of an even count: a real date
        for article_id in story.article_ids:
            if article_id in undated:
                inferred[article_id] = median
    return inferred


def reresolve_claims(analyses: Sequence[Analysis], inferred: dict[str, str]) -> dict[str, Claim]:
    """Claim id -> the claim with its relative date resolved against the inferred date."""
    updated: dict[str, Claim] = {}
    for analysis in analyses:
        anchor = inferred.get(analysis.article.id)
        if anchor is None:
            continue
        unresolved = [c for c in analysis.claims if c.value.kind == "date" and not c.value.value]
        found = {}
        if unresolved:
            found = {(m.start, m.end): m.value for m in find_dates(analysis.article.text, anchor)}
        for claim in analysis.claims:
            value = found.get((claim.value_span.start, claim.value_span.end))
            if claim in unresolved and value is not None:
                updated[claim.id] = replace(claim, value=value, published=anchor)
            else:
                updated[claim.id] = replace(claim, published=anchor)
    return updated

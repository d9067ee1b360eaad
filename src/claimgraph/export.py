"""Exports: JSON (schema ``claimgraph.export/1``, see DESIGN.md), CSV of facts×claims.

The JSON contract is read by other tools and by our evaluation: extend it, never break it.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from claimgraph.model import Article, Claim, Fact, Value
from claimgraph.store.base import CorpusResult
from claimgraph.store.codec import value_to_dict

SCHEMA = "claimgraph.export/1"


def export_dict(
    articles: list[Article], claims: dict[str, Claim], corpus: CorpusResult
) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "articles": [_article(a, corpus.origins) for a in articles],
        "stories": [
            {
                "id": s.id,
                "title": s.title,
                "article_ids": list(s.article_ids),
                "first_date": s.first_date,
                "last_date": s.last_date,
            }
            for s in corpus.stories
        ],
        "entities": [
            {
                "id": e.id,
                "name": e.name,
                "kind": e.kind,
                "aliases": list(e.aliases),
                "article_ids": list(e.article_ids),
            }
            for e in corpus.entities
        ],
        "facts": [_fact(f, claims) for f in corpus.facts],
        "timeline": [
            {
                "date": t.date,
                "text": t.text,
                "article_ids": list(t.article_ids),
                "fact_ids": list(t.fact_ids),
            }
            for t in corpus.timeline
        ],
    }


def export_json(articles: list[Article], claims: dict[str, Claim], corpus: CorpusResult) -> str:
    return json.dumps(export_dict(articles, claims, corpus), ensure_ascii=False, indent=1)


def _article(a: Article, origins: dict[str, str]) -> dict[str, Any]:
    return {
        "id": a.id,
        "source": a.source,
        "title": a.title,
        "published": a.published,
        "published_inferred": a.published_inferred,
        "outlet": a.outlet,
        "credits": list(a.credits),
        "origin": origins.get(a.id, a.id),
        "url": a.url,
    }


def _fact(f: Fact, claims: dict[str, Claim]) -> dict[str, Any]:
    return {
        "id": f.id,
        "story_id": f.story_id,
        "statement": f.statement,
        "subject": f.subject,
        "property": f.property,
        "status": f.status,
        "attributed_only": f.attributed_only,
        "independent_sources": f.independent_sources,
        "claims": [claim_dict(claims[c]) for c in f.claim_ids if c in claims],
    }


def claim_dict(c: Claim) -> dict[str, Any]:
    return {
        "id": c.id,
        "article_id": c.article_id,
        "sentence": c.sentence.text,
        "start": c.sentence.start,
        "end": c.sentence.end,
        "value": value_dict(c.value),
        "value_start": c.value_span.start,
        "value_end": c.value_span.end,
        "speaker": c.speaker,
        "stance": c.stance,
        "cue": c.cue,
        "attributed": c.attributed,
        "published": c.published,
    }


def value_dict(v: Value) -> dict[str, Any]:
    """A value as the contract writes it (the store's own codec: one definition of it)."""
    return value_to_dict(v)


CSV_COLUMNS = (
    "fact_id",
    "story_id",
    "status",
    "attributed_only",
    "independent_sources",
    "statement",
    "claim_id",
    "article_id",
    "outlet",
    "speaker",
    "stance",
    "kind",
    "value",
    "low",
    "high",
    "unit",
    "value_text",
    "sentence",
    "start",
    "end",
)


def export_csv(articles: list[Article], claims: dict[str, Claim], corpus: CorpusResult) -> str:
    """One row per claim of every fact (spreadsheets want flat tables)."""
    outlet = {a.id: a.outlet or "" for a in articles}
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_COLUMNS)
    for f in corpus.facts:
        for cid in f.claim_ids:
            c = claims.get(cid)
            if c is None:
                continue
            v = value_dict(c.value)
            writer.writerow(
                [
                    f.id,
                    f.story_id or "",
                    f.status,
                    f.attributed_only,
                    f.independent_sources,
                    f.statement,
                    c.id,
                    c.article_id,
                    outlet.get(c.article_id, ""),
                    c.speaker or "",
                    c.stance,
                    v["kind"],
                    v["value"],
                    v["low"],
                    v["high"],
                    v["unit"] or "",
                    v["text"],
                    " ".join(c.sentence.text.split()),
                    c.sentence.start,
                    c.sentence.end,
                ]
            )
    return buf.getvalue()

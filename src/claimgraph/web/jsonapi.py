"""The JSON API under /api/: the export contract's records (``claimgraph.export/1``), paged.

Records are made by ``claimgraph.export`` itself (``export_dict``, ``claim_dict``), so an API
answer and a ``claimgraph export`` file never disagree; the pydantic models below only
describe them for OpenAPI and allow extra fields, since the contract may grow.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from claimgraph.export import SCHEMA, claim_dict, export_dict
from claimgraph.model import Article, Claim, Fact, Story
from claimgraph.report import STATUS_ORDER
from claimgraph.store.base import CorpusResult
from claimgraph.web.data import MARK_CLOSE, MARK_OPEN, Reader, Snapshot, outlet_of
from claimgraph.web.views import Filters, filter_stories

StatusName = Literal["corroborated", "conflicting", "disputed", "single_source"]
Limit = Annotated[int, Query(ge=1, le=500, description="page size")]
Offset = Annotated[int, Query(ge=0, description="records to skip")]


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class ValueOut(_Open):
    kind: str
    value: float | str | None
    low: float | str | None
    high: float | str | None
    unit: str | None
    text: str


class ClaimOut(_Open):
    id: str
    article_id: str
    sentence: str
    start: int
    end: int
    value: ValueOut
    speaker: str | None
    stance: str


class FactOut(_Open):
    id: str
    story_id: str | None
    statement: str
    subject: str | None
    property: str | None
    status: str
    attributed_only: bool
    independent_sources: int
    claims: list[ClaimOut]


class ArticleOut(_Open):
    id: str
    source: str
    title: str | None
    published: str | None
    outlet: str | None
    credits: list[str]
    origin: str


class StoryOut(_Open):
    id: str
    title: str
    article_ids: list[str]
    first_date: str | None
    last_date: str | None


class EntityOut(_Open):
    id: str
    name: str
    kind: str
    aliases: list[str]
    article_ids: list[str]


class TimelineOut(_Open):
    date: str
    text: str
    article_ids: list[str]
    fact_ids: list[str]


class _Page(BaseModel):
    schema_: str = Field(SCHEMA, alias="schema")
    total: int
    limit: int
    offset: int


class StoryList(_Page):
    stories: list[StoryOut]


class ArticleList(_Page):
    articles: list[ArticleOut]


class FactList(_Page):
    facts: list[FactOut]


class StoryDetail(BaseModel):
    schema_: str = Field(SCHEMA, alias="schema")
    story: StoryOut
    articles: list[ArticleOut]
    entities: list[EntityOut]
    facts: list[FactOut]
    timeline: list[TimelineOut]


class ArticleDetail(BaseModel):
    schema_: str = Field(SCHEMA, alias="schema")
    article: ArticleOut
    claims: list[ClaimOut]


class EntityDetail(BaseModel):
    schema_: str = Field(SCHEMA, alias="schema")
    entity: EntityOut
    story_ids: list[str]


class SearchHit(BaseModel):
    id: str
    article_id: str
    snippet: str


class SearchResult(BaseModel):
    schema_: str = Field(SCHEMA, alias="schema")
    query: str
    articles: list[SearchHit]
    claims: list[SearchHit]


router = APIRouter(prefix="/api", tags=["api"])


def _reader(request: Request) -> Reader:
    reader: Reader = request.app.state.reader
    return reader


def _records(
    snap: Snapshot,
    articles: Sequence[Article] = (),
    facts: Sequence[Fact] = (),
    claims: dict[str, Claim] | None = None,
    stories: Sequence[Story] = (),
) -> dict[str, Any]:
    """Export-contract records for just these rows (the same code as ``claimgraph export``)."""
    corpus = CorpusResult(snap.origins, tuple(stories), (), tuple(facts), ())
    return export_dict(list(articles), claims or {}, corpus)


def _story_record(snap: Snapshot, s: Story) -> dict[str, Any]:
    """The contract's story record, plus what the story list shows (extra fields)."""
    (record,) = _records(snap, stories=(s,))["stories"]
    counts = snap.status_counts.get(s.id, Counter())
    record["outlets"] = list(snap.story_outlets.get(s.id, ()))
    record["status_counts"] = {st: counts[st] for st in STATUS_ORDER}
    return record


@router.get("/stories", response_model=StoryList, summary="Stories, newest first")
def list_stories(
    request: Request,
    limit: Limit = 50,
    offset: Offset = 0,
    status: StatusName | None = None,
    outlet: str | None = None,
    date_from: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
    date_to: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
) -> dict[str, Any]:
    """Stories, newest first, optionally only those with a fact of this status, reported by
    this outlet, or dated between date_from and date_to."""
    snap = _reader(request).snapshot()
    f = Filters(
        status=status or "", outlet=outlet or "", date_from=date_from or "", date_to=date_to or ""
    )
    stories = filter_stories(snap, f)
    page = stories[offset : offset + limit]
    return {
        "schema": SCHEMA,
        "total": len(stories),
        "limit": limit,
        "offset": offset,
        "stories": [_story_record(snap, s) for s in page],
    }


@router.get("/stories/{story_id}", response_model=StoryDetail, summary="One story, in full")
def get_story(request: Request, story_id: str) -> dict[str, Any]:
    """The story with its articles, entities, facts (with claims) and timeline entries."""
    reader = _reader(request)
    snap = reader.snapshot()
    story = snap.story_by_id.get(story_id)
    if story is None:
        raise HTTPException(404, f"no story {story_id!r}")
    facts = snap.story_facts(story.id)
    claims = reader.claims(c for f in facts for c in f.claim_ids)
    articles = [snap.articles[a] for a in story.article_ids if a in snap.articles]
    records = _records(snap, articles, facts, claims)
    wanted = set(story.article_ids)
    entities = [e for e in snap.entities.values() if wanted.intersection(e.article_ids)]
    timeline = snap.timeline_by_story.get(story.id, [])
    extra = export_dict([], {}, CorpusResult({}, (), tuple(entities), (), tuple(timeline)))
    return {
        "schema": SCHEMA,
        "story": _story_record(snap, story),
        "articles": records["articles"],
        "entities": extra["entities"],
        "facts": records["facts"],
        "timeline": extra["timeline"],
    }


@router.get("/articles", response_model=ArticleList, summary="Articles, in store order")
def list_articles(
    request: Request,
    limit: Limit = 50,
    offset: Offset = 0,
    outlet: str | None = None,
    story: Annotated[str | None, Query(description="a story id")] = None,
) -> dict[str, Any]:
    """Article records (without text), optionally only one outlet's or one story's."""
    snap = _reader(request).snapshot()
    articles = list(snap.articles.values())
    if story is not None:
        s = snap.story_by_id.get(story)
        articles = [snap.articles[a] for a in (s.article_ids if s else ()) if a in snap.articles]
    if outlet:
        articles = [a for a in articles if outlet_of(a) == outlet]
    page = articles[offset : offset + limit]
    return {
        "schema": SCHEMA,
        "total": len(articles),
        "limit": limit,
        "offset": offset,
        "articles": _records(snap, page)["articles"],
    }


@router.get("/articles/{article_id}", response_model=ArticleDetail, summary="One article")
def get_article(request: Request, article_id: str) -> dict[str, Any]:
    """The article record plus its clean text, its story_id and its copies (articles of the
    same origin), and its claims; claim offsets (start, end) index the text."""
    reader = _reader(request)
    snap = reader.snapshot()
    article = reader.article(article_id)
    if article is None:
        raise HTTPException(404, f"no article {article_id!r}")
    (record,) = _records(snap, [article])["articles"]
    origin = record["origin"]
    record["text"] = article.text
    record["story_id"] = snap.story_of_article.get(article.id)
    record["copies"] = [a for a in snap.copies.get(origin, ()) if a != article.id]
    claims = [claim_dict(c) for c in reader.claims_of_article(article.id)]
    return {"schema": SCHEMA, "article": record, "claims": claims}


@router.get("/facts", response_model=FactList, summary="Facts, with their claims")
def list_facts(
    request: Request,
    limit: Limit = 50,
    offset: Offset = 0,
    status: StatusName | None = None,
    story: Annotated[str | None, Query(description="a story id")] = None,
) -> dict[str, Any]:
    """Fact records, each with its claims, optionally only those of one status or story."""
    reader = _reader(request)
    snap = reader.snapshot()
    facts = snap.story_facts(story) if story is not None else snap.facts
    if status:
        facts = [f for f in facts if f.status == status]
    page = facts[offset : offset + limit]
    claims = reader.claims(c for f in page for c in f.claim_ids)
    return {
        "schema": SCHEMA,
        "total": len(facts),
        "limit": limit,
        "offset": offset,
        "facts": _records(snap, facts=page, claims=claims)["facts"],
    }


@router.get("/entities/{entity_id}", response_model=EntityDetail, summary="One entity")
def get_entity(request: Request, entity_id: str) -> dict[str, Any]:
    """The entity record (name, kind, name variants, articles) and the stories naming it."""
    snap = _reader(request).snapshot()
    entity = snap.entities.get(entity_id)
    if entity is None:
        raise HTTPException(404, f"no entity {entity_id!r}")
    record = export_dict([], {}, CorpusResult({}, (), (entity,), (), ()))["entities"][0]
    stories = dict.fromkeys(
        snap.story_of_article[a] for a in entity.article_ids if a in snap.story_of_article
    )
    return {"schema": SCHEMA, "entity": record, "story_ids": list(stories)}


@router.get("/search", response_model=SearchResult, summary="Full-text search")
def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500, description="words to find")],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> dict[str, Any]:
    """Articles and claim sentences containing every word of q (SQLite FTS5), best first;
    in each snippet the matching words are wrapped in [ and ]."""
    reader = _reader(request)
    snap = reader.snapshot()
    articles = [
        {"id": aid, "article_id": aid, "snippet": _plain(text)}
        for aid, text in reader.search_articles(q, limit)
        if aid in snap.articles
    ]
    found = reader.search_claims(q, limit)
    claims = reader.claims(cid for cid, _ in found)
    hits = [
        {"id": cid, "article_id": claims[cid].article_id, "snippet": _plain(text)}
        for cid, text in found
        if cid in claims
    ]
    return {"schema": SCHEMA, "query": q, "articles": articles, "claims": hits}


def _plain(snippet: str) -> str:
    return snippet.replace(MARK_OPEN, "[").replace(MARK_CLOSE, "]")

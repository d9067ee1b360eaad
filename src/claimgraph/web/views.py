"""What each page shows, built from the snapshot and the store; templates only lay it out.

The story page reuses ``report.briefing`` (the same facts-by-status grouping and outlet names
as ``claimgraph report``) on just that story's records, rather than deriving them again.
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from markupsafe import Markup

from claimgraph.model import Article, Claim, Entity, Fact, Story, Value
from claimgraph.report import STATUS_LABEL, STATUS_ORDER, Evidence, briefing
from claimgraph.store.base import CorpusResult
from claimgraph.web import timeline
from claimgraph.web.data import Reader, Snapshot, outlet_of
from claimgraph.web.markup import annotate, claim_sentence, snippet

PAGE_SIZE = 30


@dataclass(frozen=True, slots=True)
class Filters:
    q: str = ""
    status: str = ""
    outlet: str = ""
    date_from: str = ""
    date_to: str = ""

    def active(self) -> bool:
        return any((self.q, self.status, self.outlet, self.date_from, self.date_to))


@dataclass(frozen=True, slots=True)
class StoryCard:
    story: Story
    outlets: tuple[str, ...]
    counts: tuple[tuple[str, str, int], ...]  # (status, label, n) for statuses present


@dataclass(frozen=True, slots=True)
class ArticleHit:
    article: Article
    outlet: str
    snippet: Markup
    story_id: str | None


@dataclass(frozen=True, slots=True)
class ClaimHit:
    claim: Claim
    outlet: str
    snippet: Markup
    fact: Fact | None


@dataclass(slots=True)
class HomePage:
    cards: list[StoryCard]
    total: int
    article_hits: list[ArticleHit] = field(default_factory=list)
    claim_hits: list[ClaimHit] = field(default_factory=list)


# -- home ------------------------------------------------------------------------------------
def card(snap: Snapshot, story: Story) -> StoryCard:
    counts = snap.status_counts.get(story.id, Counter())
    present = tuple((s, STATUS_LABEL[s], counts[s]) for s in STATUS_ORDER if counts[s])
    return StoryCard(story, snap.story_outlets.get(story.id, ()), present)


def filter_stories(snap: Snapshot, f: Filters, allowed: set[str] | None = None) -> list[Story]:
    """Stories matching the filters, newest first; ``allowed`` narrows to search matches."""
    out = []
    for s in snap.stories:
        if allowed is not None and s.id not in allowed:
            continue
        if f.status and not snap.status_counts.get(s.id, Counter())[f.status]:
            continue
        if f.outlet and f.outlet not in snap.story_outlets.get(s.id, ()):
            continue
        if (f.date_from or f.date_to) and not _overlaps(s, f.date_from, f.date_to):
            continue
        out.append(s)
    return out


def _overlaps(s: Story, lo: str, hi: str) -> bool:
    first, last = s.first_date or s.last_date, s.last_date or s.first_date
    if not first or not last:
        return False
    # ISO dates compare as strings; a "YYYY-MM" bound covers its whole month.
    return (not lo or last >= lo) and (not hi or first[: len(hi)] <= hi)


def home(reader: Reader, f: Filters, offset: int, limit: int = PAGE_SIZE) -> HomePage:
    snap = reader.snapshot()
    page = HomePage(cards=[], total=0)
    allowed: set[str] | None = None
    if f.q.strip():
        page.article_hits = _article_hits(reader, snap, f.q)
        page.claim_hits = _claim_hits(reader, snap, f.q)
        found = [h.article.id for h in page.article_hits]
        found += [h.claim.article_id for h in page.claim_hits]
        allowed = {snap.story_of_article[a] for a in found if a in snap.story_of_article}
    stories = filter_stories(snap, f, allowed)
    page.total = len(stories)
    page.cards = [card(snap, s) for s in stories[offset : offset + limit]]
    return page


def _article_hits(reader: Reader, snap: Snapshot, q: str) -> list[ArticleHit]:
    hits = []
    for aid, text in reader.search_articles(q, 20):
        a = snap.articles.get(aid)
        if a is not None:
            hits.append(ArticleHit(a, outlet_of(a), snippet(text), snap.story_of_article.get(aid)))
    return hits


def _claim_hits(reader: Reader, snap: Snapshot, q: str) -> list[ClaimHit]:
    found = reader.search_claims(q, 20)
    claims = reader.claims(cid for cid, _ in found)
    hits = []
    for cid, text in found:
        c = claims.get(cid)
        a = snap.articles.get(c.article_id) if c else None
        if c is not None and a is not None:
            hits.append(ClaimHit(c, outlet_of(a), snippet(text), snap.fact_of_claim.get(cid)))
    return hits


# -- story -----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ClaimRow:
    claim: Claim
    outlet: str
    title: str
    sentence: Markup


@dataclass(frozen=True, slots=True)
class FactRow:
    fact: Fact
    claims: tuple[ClaimRow, ...]
    values: tuple[str, ...]  # the distinct values the reports give, in order


@dataclass(frozen=True, slots=True)
class Cell:
    values: tuple[str, ...]
    denies: bool
    conflict: bool


@dataclass(frozen=True, slots=True)
class StoryPage:
    story: Story
    summary: str
    outlets: tuple[str, ...]
    groups: tuple[tuple[str, str, tuple[FactRow, ...]], ...]
    matrix: tuple[tuple[FactRow, tuple[Cell | None, ...]], ...]
    chart: Markup
    dated: tuple[timeline.Item, ...]
    articles: tuple[tuple[Article, str], ...]
    entities: tuple[Entity, ...]


def story_page(reader: Reader, story_id: str) -> StoryPage | None:
    snap = reader.snapshot()
    story = snap.story_by_id.get(story_id)
    if story is None:
        return None
    articles = [snap.articles[a] for a in story.article_ids if a in snap.articles]
    facts = snap.story_facts(story.id)
    claims = reader.claims(c for f in facts for c in f.claim_ids)
    corpus = CorpusResult(snap.origins, (story,), (), tuple(facts), ())
    (view,) = briefing(articles, claims, corpus)
    groups = tuple(
        (st, STATUS_LABEL[st], tuple(_fact_row(fv.fact, fv.evidence, claims, snap) for fv in fvs))
        for st, fvs in view.facts.items()
        if fvs
    )
    rows = [row for _, _, rs in groups for row in rs]
    items = _timeline_items(snap, story)
    return StoryPage(
        story=story,
        summary=_summary(story, view.outlets, groups),
        outlets=view.outlets,
        groups=groups,
        matrix=_matrix(rows, view.outlets),
        chart=timeline.render(items, f"Timeline of {story.title}"),
        dated=tuple(i for i in items if i.status),
        articles=tuple((a, outlet_of(a)) for a in sorted(articles, key=_by_date)),
        entities=_story_entities(snap, story),
    )


def _fact_row(
    fact: Fact, evidence: Sequence[Evidence], claims: dict[str, Claim], snap: Snapshot
) -> FactRow:
    # briefing() lists evidence in claim_ids order, skipping missing claims; so do we, so the
    # outlet names line up with the claims they came from.
    found = [claims[c] for c in fact.claim_ids if c in claims]
    rows = []
    for c, ev in zip(found, evidence, strict=True):
        a = snap.articles.get(c.article_id)
        title = (a.title or a.source) if a else c.article_id
        rows.append(ClaimRow(c, ev.outlet, title, claim_sentence(c)))
    values = tuple(dict.fromkeys(c.value.text for c in found))
    return FactRow(fact, tuple(rows), values)


def _matrix(
    rows: Sequence[FactRow], outlets: Sequence[str]
) -> tuple[tuple[FactRow, tuple[Cell | None, ...]], ...]:
    """Rows of the source x fact matrix. A fact one outlet alone states is a row with one
    cell, so only facts with more than one source (or a dispute) get a row."""
    out = []
    for r in rows:
        cells = _cells(r, outlets)
        if r.fact.status != "single_source" or sum(c is not None for c in cells) > 1:
            out.append((r, cells))
    return tuple(out)


def _cells(row: FactRow, outlets: Sequence[str]) -> tuple[Cell | None, ...]:
    """One cell per outlet: the values it reports, whether it denies, whether it conflicts."""
    stated = [c.claim for c in row.claims if c.claim.stance != "denies"]
    cells: list[Cell | None] = []
    for outlet in outlets:
        mine = [c.claim for c in row.claims if c.outlet == outlet]
        if not mine:
            cells.append(None)
            continue
        values = tuple(dict.fromkeys(c.value.text for c in mine))
        conflict = row.fact.status == "conflicting" and any(
            _incompatible(c.value, other.value) for c in mine for other in stated
        )
        cells.append(Cell(values, any(c.stance == "denies" for c in mine), conflict))
    return tuple(cells)


def _incompatible(a: Value, b: Value) -> bool:
    """Whether two values cannot both hold, by their intervals ("at least 40" fits 43; "40"
    does not). Only to mark matrix cells: the fact's status comes from the corpus stages."""
    if a.kind != b.kind or a.unit != b.unit:
        return False
    if a.kind == "text":
        return a.text.casefold() != b.text.casefold()
    lows, highs = (a.low, b.low), (a.high, b.high)
    if None in lows or None in highs:
        return False
    try:
        return bool(a.high < b.low or b.high < a.low)  # type: ignore[operator]
    except TypeError:  # a number against a date string: not comparable
        return False


Groups = Sequence[tuple[str, str, tuple[FactRow, ...]]]


def _summary(story: Story, outlets: Sequence[str], groups: Groups) -> str:
    """One line: how many reports from how many outlets, when, and the facts by status."""
    dates = " to ".join(_day(d) for d in dict.fromkeys([story.first_date, story.last_date]) if d)
    head = f"{_n(len(story.article_ids), 'report')} from {_n(len(outlets), 'outlet')}"
    head += f", {dates}" if dates else ""
    facts = sum(len(rows) for _, _, rows in groups)
    if not facts:
        return head + "; no facts found."
    counts = ", ".join(f"{len(rows)} {label.lower()}" for _, label, rows in groups)
    return f"{head}: {_n(facts, 'fact')} ({counts})."


def _n(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _day(iso: str) -> str:
    parts = iso.split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts) and 1 <= int(parts[1]) <= 12:
        return f"{int(parts[2])} {calendar.month_abbr[int(parts[1])]} {parts[0]}"
    return iso


def _timeline_items(snap: Snapshot, story: Story) -> list[timeline.Item]:
    items = []
    for t in snap.timeline_by_story.get(story.id, ()):
        fact = next((snap.fact_by_id[f] for f in t.fact_ids if f in snap.fact_by_id), None)
        if fact is not None:
            items.append(timeline.Item(t.date, t.text, fact.status, f"#f-{fact.id}"))
        else:
            items.append(timeline.Item(t.date, t.text))
    return items


def _story_entities(snap: Snapshot, story: Story, limit: int = 16) -> tuple[Entity, ...]:
    counts: Counter[str] = Counter()
    for aid in story.article_ids:
        counts.update(snap.entities_by_article.get(aid, ()))
    return tuple(snap.entities[e] for e, _ in counts.most_common(limit))


def _by_date(a: Article) -> tuple[str, str]:
    return (a.published or "9999", a.title or a.source)


# -- article ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ArticleClaim:
    claim: Claim
    fact: Fact | None
    sentence: Markup


@dataclass(frozen=True, slots=True)
class ArticlePage:
    article: Article
    outlet: str
    body: Markup
    claims: tuple[ArticleClaim, ...]
    story: Story | None
    origin: str
    copies: tuple[tuple[Article, str], ...]
    entities: tuple[Entity, ...]


def article_page(reader: Reader, article_id: str) -> ArticlePage | None:
    snap = reader.snapshot()
    article = reader.article(article_id)
    if article is None:
        return None
    claims = sorted(reader.claims_of_article(article.id), key=lambda c: c.sentence.start)
    facts = {c.id: snap.fact_of_claim.get(c.id) for c in claims}
    status = {cid: f.status for cid, f in facts.items() if f is not None}
    origin = snap.origins.get(article.id, article.id)
    copies = [snap.articles[a] for a in snap.copies.get(origin, ()) if a != article.id]
    story_id = snap.story_of_article.get(article.id)
    ents = [snap.entities[e] for e in snap.entities_by_article.get(article.id, ())]
    return ArticlePage(
        article=article,
        outlet=outlet_of(article),
        body=annotate(article.text, claims, status),
        claims=tuple(ArticleClaim(c, facts[c.id], claim_sentence(c)) for c in claims),
        story=snap.story_by_id.get(story_id) if story_id else None,
        origin=origin,
        copies=tuple((a, outlet_of(a)) for a in copies),
        entities=tuple(sorted(ents, key=lambda e: e.name.casefold())),
    )


# -- entity ----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class EntityPage:
    entity: Entity
    stories: tuple[StoryCard, ...]
    facts: tuple[Fact, ...]


def entity_page(reader: Reader, entity_id: str) -> EntityPage | None:
    snap = reader.snapshot()
    entity = snap.entities.get(entity_id)
    if entity is None:
        return None
    story_ids = dict.fromkeys(
        snap.story_of_article[a] for a in entity.article_ids if a in snap.story_of_article
    )
    stories = [snap.story_by_id[s] for s in story_ids if s in snap.story_by_id]
    names = {n.casefold() for n in (entity.name, *entity.aliases) if n}
    facts = [f for s in stories for f in snap.story_facts(s.id) if _mentions(f, names)]
    return EntityPage(entity, tuple(card(snap, s) for s in stories), tuple(facts))


def _mentions(f: Fact, names: set[str]) -> bool:
    where = f"{f.subject or ''} {f.statement}".casefold()
    return any(n in where for n in names)

"""The briefing: stories, then each story's facts by status, with outlets, speakers and quotes.

One structure (``briefing``) rendered three ways: plain text for a terminal, Markdown for a
newsroom wiki, HTML for a browser (every piece of article text escaped: it is untrusted).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from claimgraph.model import Article, Claim, Fact, Story
from claimgraph.store.base import CorpusResult

STATUS_ORDER = ("conflicting", "disputed", "corroborated", "single_source")
STATUS_LABEL = {
    "conflicting": "Conflicting",
    "disputed": "Disputed",
    "corroborated": "Corroborated",
    "single_source": "Single source",
}


@dataclass(frozen=True, slots=True)
class Evidence:
    outlet: str
    speaker: str | None
    stance: str
    value: str
    quote: str


@dataclass(frozen=True, slots=True)
class FactView:
    fact: Fact
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class StoryView:
    story: Story
    outlets: tuple[str, ...]
    facts: dict[str, tuple[FactView, ...]]  # status -> facts


def briefing(
    articles: Sequence[Article], claims: dict[str, Claim], corpus: CorpusResult
) -> list[StoryView]:
    by_id = {a.id: a for a in articles}
    views = []
    for story in corpus.stories:
        facts = [f for f in corpus.facts if f.story_id == story.id]
        grouped = {
            status: tuple(_fact_view(f, claims, by_id) for f in facts if f.status == status)
            for status in STATUS_ORDER
        }
        outlets = tuple(sorted({_outlet(by_id[a]) for a in story.article_ids if a in by_id}))
        views.append(StoryView(story, outlets, grouped))
    return views


def _outlet(a: Article) -> str:
    return a.outlet or a.source.rsplit("/", 1)[-1]


def _fact_view(f: Fact, claims: dict[str, Claim], articles: dict[str, Article]) -> FactView:
    evidence = []
    for cid in f.claim_ids:
        c = claims.get(cid)
        if c is None:
            continue
        article = articles.get(c.article_id)
        evidence.append(
            Evidence(
                outlet=_outlet(article) if article else c.article_id,
                speaker=c.speaker,
                stance=c.stance,
                value=c.value.text,
                quote=" ".join(c.sentence.text.split()),
            )
        )
    return FactView(f, tuple(evidence))


def _sources(f: Fact) -> str:
    n = f.independent_sources
    extra = ", attributed only" if f.attributed_only else ""
    return f"{n} independent source{'s' if n != 1 else ''}{extra}"


def render_text(views: Sequence[StoryView]) -> str:
    lines: list[str] = []
    for v in views:
        s = v.story
        dates = " to ".join(d for d in dict.fromkeys([s.first_date, s.last_date]) if d)
        lines += [
            f"== {s.title}",
            f"   {len(s.article_ids)} reports; {', '.join(v.outlets)}"
            + (f"; {dates}" if dates else ""),
            "",
        ]
        for status in STATUS_ORDER:
            for fv in v.facts[status]:
                lines.append(
                    f"  [{STATUS_LABEL[status]}] {fv.fact.statement}  ({_sources(fv.fact)})"
                )
                for e in fv.evidence:
                    who = f"{e.speaker} {e.stance}" if e.speaker else e.stance
                    lines.append(f"      - {e.outlet} ({who}): {e.value!s} — “{_clip(e.quote)}”")
        lines.append("")
    return "\n".join(lines)


def render_markdown(views: Sequence[StoryView]) -> str:
    lines = ["# claimgraph briefing", ""]
    for v in views:
        s = v.story
        lines += [
            f"## {_md(s.title)}",
            "",
            f"{len(s.article_ids)} reports from {', '.join(_md(o) for o in v.outlets)}",
            "",
        ]
        for status in STATUS_ORDER:
            if not v.facts[status]:
                continue
            lines += [f"### {STATUS_LABEL[status]}", ""]
            for fv in v.facts[status]:
                lines.append(f"- **{_md(fv.fact.statement)}** ({_sources(fv.fact)})")
                for e in fv.evidence:
                    who = f"{_md(e.speaker)} {e.stance}" if e.speaker else e.stance
                    lines.append(
                        f"  - {_md(e.outlet)} ({who}): `{e.value}` — “{_md(_clip(e.quote))}”"
                    )
            lines.append("")
    return "\n".join(lines)


def render_html(views: Sequence[StoryView]) -> str:
    esc = html.escape
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<meta http-equiv='Content-Security-Policy' "
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        "<title>claimgraph briefing</title><style>",
        "body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:auto;padding:1rem}",
        ".b{padding:0 .4em;border-radius:.3em;color:#fff;font-size:.8em}",
        ".conflicting{background:#b3261e}.disputed{background:#8a4b00}",
        ".corroborated{background:#1e6b34}.single_source{background:#555}",
        "blockquote{margin:.2em 0 .2em 1.5em;color:#333}</style></head><body>",
        "<h1>claimgraph briefing</h1>",
    ]
    for v in views:
        s = v.story
        parts.append(
            f"<section><h2>{esc(s.title)}</h2><p>{len(s.article_ids)} reports from "
            f"{esc(', '.join(v.outlets))}</p>"
        )
        for status in STATUS_ORDER:
            for fv in v.facts[status]:
                parts.append(
                    f"<h3><span class='b {status}'>{STATUS_LABEL[status]}</span> "
                    f"{esc(fv.fact.statement)} <small>({esc(_sources(fv.fact))})</small></h3>"
                )
                for e in fv.evidence:
                    who = f"{e.speaker} {e.stance}" if e.speaker else e.stance
                    parts.append(
                        f"<blockquote><b>{esc(e.outlet)}</b> ({esc(who)}): "
                        f"<code>{esc(e.value)}</code> — {esc(_clip(e.quote))}</blockquote>"
                    )
        parts.append("</section>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _clip(text: str, limit: int = 220) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _md(text: str | None) -> str:
    # Article text must not become Markdown structure or raw HTML in a rendered wiki.
    if not text:
        return ""
    return html.escape(text).replace("*", r"\*").replace("_", r"\_").replace("`", "'")

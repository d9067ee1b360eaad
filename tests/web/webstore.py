"""A small store for the web tests, made of records built by hand (no NLP pipeline).

A plugin (``pytest_plugins = ["webstore"]`` in each test module), not a conftest.py: a second
module named ``conftest`` would shadow tests/conftest.py for ``from conftest import ...``.
It holds no asserts, so pytest need not rewrite it (PYTEST_DONT_REWRITE).

One earthquake story told by four outlets (one a wire copy of another) with a fact of every
status and dated facts for the timeline, plus a story whose report is hostile HTML.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from claimgraph.model import (
    Article,
    Claim,
    Entity,
    Fact,
    Span,
    Status,
    Story,
    TimelineEntry,
    Value,
    content_id,
)
from claimgraph.store.base import Analysis, CorpusResult
from claimgraph.store.sqlite import SQLiteStore

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"

GAZETTE = (
    "A strong earthquake shook the Kardel Mountains of western Valmera before dawn on Monday, "
    "killing at least 40 people, provincial officials said.\n\n"
    "The Valmeran Institute of Geophysics put the magnitude at 6.1.\n\n"
    "More than 150 people were injured as mud-brick houses collapsed."
)
KESTREL = (
    "The death toll from Monday's earthquake in Valmera rose to 43, the interior ministry said "
    "on Tuesday.\n\n"
    "The Oriel Seismological Centre measured the quake at magnitude 6.4.\n\n"
    "Residents said the Merin dam was damaged in the quake. "
    "Officials denied that the Merin dam was damaged.\n\n"
    "Three days of national mourning will begin on March 5."
)
COURIER = (
    "Forty people died in the earthquake, according to the Red Crescent.\n\n"
    "At least 180 people were injured.\n\n"
    "Rescue teams will search the cut-off hamlets until March 10."
)
HOSTILE = (
    f"Breaking: {XSS_SCRIPT} was found in a report.\n\n"
    f"The page also carried {XSS_IMG} and 12 trains were ordered by <b>the ministry</b>."
)


@dataclass
class WebFixture:
    db: Path
    ids: dict[str, str] = field(default_factory=dict)


def article(name: str, text: str, **kw: object) -> Article:
    return Article(id=Article.make_id(name, text), source=f"reports/{name}", text=text, **kw)  # type: ignore[arg-type]


def claim(
    a: Article, sentence: str, value_text: str, value: Value, n: int = 0, **kw: object
) -> Claim:
    """A claim with real offsets into the article's text (as the pipeline stores them)."""
    s0 = a.text.index(sentence)
    v0 = a.text.index(value_text, s0)
    return Claim(
        id=content_id("c", a.id, n, value_text),
        article_id=a.id,
        sentence=Span(s0, s0 + len(sentence), sentence),
        value=value,
        value_span=Span(v0, v0 + len(value_text), value_text),
        published=a.published,
        **kw,  # type: ignore[arg-type]
    )


def count(n: float, text: str, low: float | None = None, high: float | None = None) -> Value:
    return Value("count", n, n if low is None else low, n if high is None else high, None, text)


def day(iso: str, text: str) -> Value:
    return Value("date", iso, iso, iso, None, text, granularity="day")


def _articles() -> dict[str, Article]:
    return {
        "gazette": article(
            "01_gazette.txt", GAZETTE, title="Strong earthquake kills at least 40 in Valmera",
            published="2025-03-03", outlet="Harbour Gazette", credits=("MPA",),
            url="https://gazette.example/quake",
        ),
        "ledger": article(
            "02_ledger.txt", GAZETTE, title="Quake kills at least 40",
            published="2025-03-03", outlet="The Daily Ledger", credits=("MPA",),
        ),
        "kestrel": article(
            "03_kestrel.txt", KESTREL, title="Valmera quake toll rises to 43",
            published="2025-03-04", outlet="Kestrel News",
        ),
        "courier": article(
            "04_courier.txt", COURIER, title="Forty dead in Kardel earthquake",
            published="2025-03-05", outlet="Highland Courier",
        ),
        "hostile": article(
            "05_hostile.html", HOSTILE, title=f"{XSS_SCRIPT} Report", published="2025-04-01",
            outlet=XSS_IMG, credits=(XSS_SCRIPT,), url="javascript:alert(1)",
        ),
    }  # fmt: skip


def _claims(a: dict[str, Article]) -> dict[str, Claim]:
    g, le, k, c, h = (a[n] for n in ("gazette", "ledger", "kestrel", "courier", "hostile"))
    g_dead = GAZETTE.split("\n\n")[0]
    mag_g = "The Valmeran Institute of Geophysics put the magnitude at 6.1."
    return {
        "dead_g": claim(g, g_dead, "at least 40", count(40, "at least 40", high=math.inf)),
        "dead_l": claim(le, g_dead, "at least 40", count(40, "at least 40", high=math.inf)),
        "dead_k": claim(k, KESTREL.split("\n\n")[0], "43", count(43, "43"),
                        speaker="the interior ministry", attributed=True),
        "dead_c": claim(c, COURIER.split("\n\n")[0], "Forty", count(40, "Forty"),
                        speaker="the Red Crescent", attributed=True),
        "mag_g": claim(g, mag_g, "6.1", Value("quantity", 6.1, 6.05, 6.15, "magnitude", "6.1"),
                       speaker="The Valmeran Institute of Geophysics", stance="claims"),
        "mag_k": claim(k, KESTREL.split("\n\n")[1], "6.4",
                       Value("quantity", 6.4, 6.35, 6.45, "magnitude", "6.4"),
                       speaker="The Oriel Seismological Centre", stance="claims"),
        "hurt_g": claim(g, GAZETTE.split("\n\n")[2], "More than 150",
                        count(150, "More than 150", high=math.inf)),
        "hurt_c": claim(c, COURIER.split("\n\n")[1], "At least 180",
                        count(180, "At least 180", high=math.inf)),
        "dam_r": claim(k, "Residents said the Merin dam was damaged in the quake.", "damaged",
                       Value("text", None, None, None, None, "damaged"), speaker="Residents",
                       stance="claims", attributed=True),
        "dam_o": claim(k, "Officials denied that the Merin dam was damaged.", "damaged",
                       Value("text", None, None, None, None, "damaged"), n=1,
                       speaker="Officials", stance="denies", attributed=True),
        "mourn": claim(k, KESTREL.split("\n\n")[3], "March 5", day("2025-03-05", "March 5")),
        "struck_g": claim(g, g_dead, "Monday", day("2025-03-03", "Monday"), n=2),
        "struck_k": claim(k, KESTREL.split("\n\n")[0], "Monday", day("2025-03-03", "Monday's")),
        "rescue": claim(c, COURIER.split("\n\n")[2], "March 10", day("2025-03-10", "March 10")),
        "xss": claim(h, HOSTILE.split("\n\n")[1], "12", count(12, "12"), speaker=XSS_SCRIPT),
    }  # fmt: skip


def _facts(cl: dict[str, Claim], story: str, hostile_story: str) -> dict[str, Fact]:
    def fact(
        key: str,
        statement: str,
        status: Status,
        n: int,
        claim_keys: str,
        attributed: bool = False,
        subject: str = "Valmera",
        story_id: str = story,
    ) -> Fact:
        ids = tuple(cl[k].id for k in claim_keys.split())
        return Fact(
            content_id("f", key), story_id, statement, subject, key, status, attributed, n, ids
        )

    return {
        "dead": fact("dead", "People killed in the earthquake", "conflicting", 3,
                     "dead_g dead_l dead_k dead_c"),
        "mag": fact("mag", "Magnitude of the earthquake", "conflicting", 2, "mag_g mag_k",
                    attributed=True),
        "hurt": fact("hurt", "People injured", "corroborated", 2, "hurt_g hurt_c"),
        "dam": fact("dam", "The Merin dam was damaged", "disputed", 1, "dam_r dam_o",
                    subject="Merin dam", attributed=True),
        "struck": fact("struck", "The earthquake struck", "corroborated", 2, "struck_g struck_k"),
        "mourn": fact("mourn", "National mourning begins", "single_source", 1, "mourn"),
        "rescue": fact("rescue", "Rescue teams search the hamlets", "single_source", 1, "rescue"),
        "xss": fact("xss", f"Trains ordered {XSS_SCRIPT}", "single_source", 1, "xss",
                    story_id=hostile_story, subject=XSS_IMG),
    }  # fmt: skip


def build_store(db: Path) -> dict[str, str]:
    """Write the fixture store to ``db``; returns the ids tests refer to, by short name."""
    arts = _articles()
    cl = _claims(arts)
    quake = Story("squake0000000001", "Earthquake in the Kardel Mountains",
                  tuple(arts[n].id for n in ("gazette", "ledger", "kestrel", "courier")),
                  "2025-03-03", "2025-03-05")  # fmt: skip
    hostile = Story("shostile00000001", f"Hostile {XSS_SCRIPT} story", (arts["hostile"].id,),
                    "2025-04-01", "2025-04-01")  # fmt: skip
    facts = _facts(cl, quake.id, hostile.id)
    by_article: dict[str, list[Claim]] = {}
    for c in cl.values():
        by_article.setdefault(c.article_id, []).append(c)
    entities = (
        Entity("evalmera00000001", "Valmera", "GPE", ("Valmeran",),
               tuple(arts[n].id for n in ("gazette", "ledger", "kestrel"))),
        Entity("emerindam0000001", "Merin dam", "FAC", ("the Merin dam",), (arts["kestrel"].id,)),
        Entity("exss000000000001", XSS_SCRIPT, "ORG", (XSS_IMG,), (arts["hostile"].id,)),
    )  # fmt: skip
    timeline = [TimelineEntry(a.published or "", f"Published: {a.title}", (a.id,), ())
                for a in arts.values()]  # fmt: skip
    for fact_key, claim_key in (("struck", "struck_g"), ("mourn", "mourn"), ("rescue", "rescue")):
        c, f = cl[claim_key], facts[fact_key]
        timeline.append(TimelineEntry(str(c.value.value), f.statement, (c.article_id,), (f.id,)))
    timeline.sort(key=lambda t: t.date)
    origins = {a.id: a.id for a in arts.values()}
    origins[arts["ledger"].id] = arts["gazette"].id  # a wire copy: one origin
    with SQLiteStore(db) as store:
        for a in arts.values():
            store.add_analysis(Analysis(a, (), tuple(by_article.get(a.id, ()))))
        result = CorpusResult(
            origins, (quake, hostile), entities, tuple(facts.values()), tuple(timeline)
        )
        store.replace_corpus(result)
    ids = {f"article_{k}": a.id for k, a in arts.items()}
    ids |= {f"claim_{k}": c.id for k, c in cl.items()}
    ids |= {f"fact_{k}": f.id for k, f in facts.items()}
    ids |= {"story": quake.id, "hostile_story": hostile.id}
    ids |= {"entity_valmera": entities[0].id, "entity_xss": entities[2].id}
    return ids


@pytest.fixture(scope="session")
def web_fixture(tmp_path_factory: pytest.TempPathFactory) -> WebFixture:
    db = tmp_path_factory.mktemp("web") / "web.db"
    return WebFixture(db, build_store(db))


@pytest.fixture(scope="session")
def client(web_fixture: WebFixture):  # type: ignore[no-untyped-def]
    pytest.importorskip("fastapi")
    pytest.importorskip("httpx")
    from fastapi.testclient import TestClient

    from claimgraph.web.app import create_app

    with TestClient(create_app(str(web_fixture.db))) as c:
        yield c

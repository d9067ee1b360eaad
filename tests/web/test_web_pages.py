"""The HTML pages: home (filters, search, paging), story, article, entity, docs, 404s."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient  # noqa: E402
from webstore import WebFixture  # noqa: E402

from claimgraph.model import Article, Claim, Fact, Span, Story, Value  # noqa: E402
from claimgraph.store.base import Analysis, CorpusResult  # noqa: E402
from claimgraph.store.sqlite import SQLiteStore  # noqa: E402
from claimgraph.web.app import create_app  # noqa: E402

pytest_plugins = ["webstore"]


def titles(html: str) -> list[str]:
    return re.findall(r'<h3><a href="/stories/[^"]+">([^<]+)</a></h3>', html)


def test_home_lists_stories_newest_first_with_counts(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert titles(r.text)[1] == "Earthquake in the Kardel Mountains"
    assert titles(r.text)[0].startswith("Hostile")  # 1 Apr 2025 is newer than 5 Mar
    assert "4 reports" in r.text
    assert "Harbour Gazette, Highland Courier, Kestrel News, The Daily Ledger" in r.text
    assert "2 Conflicting" in r.text and "1 Disputed" in r.text and "2 Corroborated" in r.text


def test_home_filters_by_status_outlet_and_date(client: TestClient) -> None:
    assert titles(client.get("/?status=disputed").text) == ["Earthquake in the Kardel Mountains"]
    assert titles(client.get("/?outlet=Kestrel+News").text) == [
        "Earthquake in the Kardel Mountains"
    ]
    assert len(titles(client.get("/?date_from=2025-03-20").text)) == 1
    assert len(titles(client.get("/?date_to=2025-03-04").text)) == 1
    assert titles(client.get("/?date_from=2026-01-01").text) == []
    assert "No story matches these filters" in client.get("/?date_from=2026-01-01").text
    # An unknown status is ignored rather than failing the page.
    assert len(titles(client.get("/?status=bogus").text)) == 2


def test_home_search_finds_articles_and_claims(client: TestClient, web_fixture: WebFixture) -> None:
    r = client.get("/?q=magnitude")
    assert r.status_code == 200
    assert "<mark>magnitude</mark>" in r.text
    kestrel, claim = web_fixture.ids["article_kestrel"], web_fixture.ids["claim_mag_k"]
    assert f'href="/articles/{kestrel}#c-{claim}"' in r.text
    assert titles(r.text) == ["Earthquake in the Kardel Mountains"]
    nothing = client.get("/?q=zeppelin")
    assert "No report or claim contains these words" in nothing.text
    # FTS5 syntax in the query is taken as words, never as an operator or a syntax error.
    assert client.get('/?q=NEAR("a" OR title:x*').status_code == 200


def test_story_page_groups_facts_with_evidence(client: TestClient, web_fixture: WebFixture) -> None:
    ids = web_fixture.ids
    r = client.get(f"/stories/{ids['story']}")
    assert r.status_code == 200
    html = r.text
    assert "4 reports from 4 outlets, 3 Mar 2025 to 5 Mar 2025: 7 facts" in html
    order = [html.index(f'id="g-{s}"') for s in ("conflicting", "disputed", "corroborated")]
    assert order == sorted(order)
    assert f'<details class="fact st-conflicting" id="f-{ids["fact_dead"]}" open>' in html
    # The value is highlighted inside its escaped sentence, with a link to its place.
    assert "rose to <mark>43</mark>, the interior ministry" in html
    assert f'href="/articles/{ids["article_kestrel"]}#c-{ids["claim_dead_k"]}"' in html
    assert "the interior ministry" in html and ">denies<" in html
    assert 'class="badge st-conflicting"' in html
    assert "Conflicting</span>" in html  # a text label, not colour alone


def test_story_page_matrix_and_timeline(client: TestClient, web_fixture: WebFixture) -> None:
    html = client.get(f"/stories/{web_fixture.ids['story']}").text
    table = html[html.index('<table class="matrix">') : html.index("</table>")]
    header = re.findall(r'<th scope="col">([^<]+)</th>', table)
    assert header == [
        "Fact",
        "Harbour Gazette",
        "Highland Courier",
        "Kestrel News",
        "The Daily Ledger",
    ]
    # "at least 40" fits 43 and Forty, so only Forty, 43 and both magnitudes conflict.
    assert table.count('class="conflict"') == 4
    assert 'class=""' not in table
    assert "denies" in table
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'role="img"' in svg
    for label in ("The earthquake struck", "National mourning begins", "Rescue teams search"):
        assert label in svg
    assert svg.count("<circle") == 3
    assert "5 reports published" not in svg and "4 reports published" in svg


def test_article_page_highlights_claims(client: TestClient, web_fixture: WebFixture) -> None:
    ids = web_fixture.ids
    html = client.get(f"/articles/{ids['article_kestrel']}").text
    for key in ("dead_k", "mag_k", "dam_r", "dam_o", "mourn", "struck_k"):
        assert f'id="c-{ids["claim_" + key]}"' in html
    assert "measured the quake at magnitude <mark>6.4</mark>." in html
    assert 'class="claim st-disputed"' in html
    assert f'href="/stories/{ids["story"]}#f-{ids["fact_dam"]}"' in html
    assert "an original report: no copies found" in html


def test_article_page_shows_origin_and_copies(client: TestClient, web_fixture: WebFixture) -> None:
    ids = web_fixture.ids
    original = client.get(f"/articles/{ids['article_gazette']}").text
    assert "the original of 1 copy" in original
    assert f'href="/articles/{ids["article_ledger"]}"' in original
    assert "Credits</dt><dd>MPA" in original
    assert 'href="https://gazette.example/quake" rel="noopener noreferrer nofollow"' in original
    copy = client.get(f"/articles/{ids['article_ledger']}").text
    assert "a copy or rewrite" in copy
    assert f'href="/articles/{ids["article_gazette"]}"' in copy
    # Two claims share the first sentence: one highlighted stretch, both anchors.
    first = original[original.index('<span class="claim') :]
    first = first[: first.index("</span>", first.index("provincial officials said."))]
    assert ids["claim_dead_g"] in first and ids["claim_struck_g"] in first


def test_entity_page(client: TestClient, web_fixture: WebFixture) -> None:
    ids = web_fixture.ids
    html = client.get(f"/entities/{ids['entity_valmera']}").text
    assert "<h1>Valmera" in html and "Valmeran" in html
    assert "Earthquake in the Kardel Mountains" in html
    assert f'#f-{ids["fact_dead"]}"' in html  # subject Valmera
    assert f'#f-{ids["fact_dam"]}"' not in html  # subject Merin dam


def test_story_page_links_entities(client: TestClient, web_fixture: WebFixture) -> None:
    html = client.get(f"/stories/{web_fixture.ids['story']}").text
    assert f'href="/entities/{web_fixture.ids["entity_valmera"]}"' in html


def test_docs_page_lists_endpoints_without_a_cdn(client: TestClient) -> None:
    r = client.get("/docs")
    assert r.status_code == 200
    for path in ("/api/stories", "/api/stories/{story_id}", "/api/articles", "/api/facts"):
        assert f"<code>{path}</code>" in r.text
    assert "cdn" not in r.text.lower() and "<script" not in r.text
    assert client.get("/redoc").status_code == 404
    spec = client.get("/openapi.json").json()
    assert "/api/facts" in spec["paths"] and "/" not in spec["paths"]


@pytest.mark.parametrize("path", ["/stories/nope", "/articles/nope", "/entities/nope", "/nowhere"])
def test_unknown_pages_are_404_pages(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("text/html")
    assert "Not found" in r.text


def test_bad_page_parameter_is_a_400_page(client: TestClient) -> None:
    r = client.get("/?offset=abc")
    assert r.status_code == 400
    assert r.headers["content-type"].startswith("text/html")


def test_static_assets_ship_in_the_package(client: TestClient) -> None:
    assert client.get("/static/style.css").headers["content-type"].startswith("text/css")
    assert client.get("/static/favicon.svg").status_code == 200


def test_home_pages_through_many_stories(tmp_path: Path, web_fixture: WebFixture) -> None:
    db = tmp_path / "many.db"
    stories = tuple(
        Story(f"s{i:03d}", f"Story number {i:03d}", (), f"2024-01-{1 + i % 28:02d}", None)
        for i in range(35)
    )
    with SQLiteStore(db) as store:
        store.replace_corpus(CorpusResult({}, stories, (), (), ()))
    with TestClient(create_app(str(db))) as c:
        first = c.get("/")
        assert len(titles(first.text)) == 30
        assert 'href="/?offset=30" rel="next"' in first.text
        second = c.get("/?offset=30")
        assert len(titles(second.text)) == 5
        assert "31–35 of 35" in second.text
        assert set(titles(first.text)).isdisjoint(titles(second.text))


def test_pages_follow_a_new_analysis_without_a_restart(tmp_path: Path) -> None:
    db = tmp_path / "live.db"
    with SQLiteStore(db) as store:
        store.replace_corpus(CorpusResult({}, (Story("s1", "First story", ()),), (), (), ()))
    with TestClient(create_app(str(db))) as c:
        assert titles(c.get("/").text) == ["First story"]
        with SQLiteStore(db) as store:  # another process re-runs the corpus stages
            story = Story("s2", "Second story", (), "2025-01-02", "2025-01-02")
            store.replace_corpus(CorpusResult({}, (story,), (), (), ()))
        assert titles(c.get("/").text) == ["Second story"]


def test_inferred_dates_and_re_read_claims_are_shown(tmp_path: Path) -> None:
    """An undated report shows its story's date (marked inferred) and claims re-read with it,
    exactly as SQLiteStore.articles() and .claims() give them to `claimgraph export`."""
    text = "Rescuers arrived on Monday."
    a = Article(Article.make_id("undated.txt", text), "undated.txt", text, title="Undated")
    stored = Claim(
        "c1", a.id, Span(0, len(text), text), Value("date", None, None, None, None, "Monday"),
        Span(19, 25, "Monday"),
    )  # fmt: skip
    resolved = replace(stored, value=Value("date", "2025-03-03", "2025-03-03", "2025-03-03",
                                           None, "Monday", granularity="day"))  # fmt: skip
    fact = Fact("f1", "s1", "Rescuers arrived", None, "arrival", "single_source", False, 1, ("c1",))
    db = tmp_path / "inferred.db"
    with SQLiteStore(db) as store:
        store.add_analysis(Analysis(a, (), (stored,)))
        story = Story("s1", "Rescue", (a.id,), "2025-03-05", "2025-03-05")
        store.replace_corpus(CorpusResult({}, (story,), (), (fact,), (), {a.id: "2025-03-05"},
                                          {"c1": resolved}))  # fmt: skip
    with TestClient(create_app(str(db))) as c:
        listed = c.get("/api/articles").json()["articles"][0]
        detail = c.get(f"/api/articles/{a.id}").json()
        for record in (listed, detail["article"]):
            assert (record["published"], record["published_inferred"]) == ("2025-03-05", True)
        assert detail["claims"][0]["value"]["value"] == "2025-03-03"
        assert c.get("/api/facts").json()["facts"][0]["claims"][0]["value"]["low"] == "2025-03-03"
        assert "(inferred)" in c.get("/stories/s1").text
        assert "inferred from its story" in c.get(f"/articles/{a.id}").text

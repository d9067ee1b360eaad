"""The JSON API: records shaped (and made) like the export contract, paging, filters, 404s."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

import jsonschema  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from webstore import WebFixture  # noqa: E402

from claimgraph.export import SCHEMA, export_dict  # noqa: E402
from claimgraph.store.sqlite import SQLiteStore  # noqa: E402

pytest_plugins = ["webstore"]


def exported(web_fixture: WebFixture) -> dict[str, Any]:
    with SQLiteStore(web_fixture.db) as store:
        doc = export_dict(store.articles(), store.claims(), store.corpus())
    # Through JSON, as a client sees it (tuples become lists).
    return json.loads(json.dumps(doc))


def contract() -> dict[str, Any]:
    text = resources.files("claimgraph").joinpath("schema/export-1.schema.json").read_text()
    return json.loads(text)  # type: ignore[no-any-return]


def test_story_list_is_paged(client: TestClient) -> None:
    body = client.get("/api/stories?limit=1").json()
    assert body["schema"] == SCHEMA
    assert (body["total"], body["limit"], body["offset"]) == (2, 1, 0)
    assert len(body["stories"]) == 1
    second = client.get("/api/stories?limit=1&offset=1").json()["stories"]
    assert second[0]["id"] != body["stories"][0]["id"]
    assert client.get("/api/stories?offset=5").json()["stories"] == []


def test_story_list_filters_and_extra_fields(client: TestClient, web_fixture: WebFixture) -> None:
    body = client.get("/api/stories?status=disputed").json()
    assert body["total"] == 1
    (story,) = body["stories"]
    assert story["id"] == web_fixture.ids["story"]
    assert story["status_counts"] == {
        "conflicting": 2, "disputed": 1, "corroborated": 2, "single_source": 2
    }  # fmt: skip
    assert "Kestrel News" in story["outlets"]
    assert client.get("/api/stories?outlet=Kestrel+News").json()["total"] == 1
    assert client.get("/api/stories?date_from=2025-03-20").json()["total"] == 1


def test_story_detail_is_the_export_for_that_story(
    client: TestClient, web_fixture: WebFixture
) -> None:
    sid = web_fixture.ids["story"]
    body = client.get(f"/api/stories/{sid}").json()
    doc = exported(web_fixture)
    assert body["facts"] == [f for f in doc["facts"] if f["story_id"] == sid]
    story = {k: v for k, v in body["story"].items() if k not in ("outlets", "status_counts")}
    assert story == next(s for s in doc["stories"] if s["id"] == sid)
    assert {a["id"] for a in body["articles"]} == set(story["article_ids"])
    assert {e["name"] for e in body["entities"]} == {"Valmera", "Merin dam"}
    assert any(t["fact_ids"] for t in body["timeline"])
    as_export = {key: body[key] for key in ("articles", "entities", "facts", "timeline")}
    as_export |= {"schema": SCHEMA, "stories": [body["story"]]}
    jsonschema.validate(as_export, contract())


def test_article_list_and_detail(client: TestClient, web_fixture: WebFixture) -> None:
    ids = web_fixture.ids
    body = client.get("/api/articles?limit=2&offset=1").json()
    assert (body["total"], len(body["articles"])) == (5, 2)
    doc = exported(web_fixture)
    assert body["articles"] == doc["articles"][1:3]
    assert client.get("/api/articles?outlet=Kestrel+News").json()["total"] == 1
    assert client.get(f"/api/articles?story={ids['story']}").json()["total"] == 4
    detail = client.get(f"/api/articles/{ids['article_ledger']}").json()
    article = detail["article"]
    assert article["origin"] == ids["article_gazette"]
    assert article["copies"] == [ids["article_gazette"]]
    assert article["story_id"] == ids["story"]
    (claim,) = detail["claims"]
    assert article["text"][claim["start"] : claim["end"]] == claim["sentence"]
    assert claim["value"]["high"] is None  # "at least 40": an open end is null, not Infinity


def test_facts_filter_by_status_and_story(client: TestClient, web_fixture: WebFixture) -> None:
    ids = web_fixture.ids
    every = client.get("/api/facts").json()
    assert every["total"] == 8
    conflicting = client.get("/api/facts?status=conflicting").json()
    assert conflicting["total"] == 2
    assert {f["status"] for f in conflicting["facts"]} == {"conflicting"}
    in_story = client.get(f"/api/facts?story={ids['story']}&status=single_source").json()
    assert in_story["total"] == 2
    paged = client.get("/api/facts?limit=3&offset=6").json()
    assert (paged["total"], len(paged["facts"])) == (8, 2)
    assert client.get("/api/facts?story=nope").json()["total"] == 0
    dead = next(f for f in every["facts"] if f["id"] == ids["fact_dead"])
    assert [c["value"]["text"] for c in dead["claims"]] == [
        "at least 40",
        "at least 40",
        "43",
        "Forty",
    ]


def test_entity_and_search(client: TestClient, web_fixture: WebFixture) -> None:
    ids = web_fixture.ids
    body = client.get(f"/api/entities/{ids['entity_valmera']}").json()
    assert body["entity"]["aliases"] == ["Valmeran"]
    assert body["story_ids"] == [ids["story"]]
    found = client.get("/api/search?q=magnitude").json()
    claim_articles = {h["article_id"] for h in found["claims"]}
    assert claim_articles == {ids["article_gazette"], ids["article_kestrel"]}
    assert any("[magnitude]" in h["snippet"] for h in found["articles"])


@pytest.mark.parametrize(
    "path",
    ["/api/stories/nope", "/api/articles/nope", "/api/entities/nope", "/api/nothing"],
)
def test_unknown_records_are_json_404s(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/json"
    assert "detail" in r.json()


@pytest.mark.parametrize("query", ["limit=0", "limit=501", "offset=-1", "status=true", "limit=abc"])
def test_bad_parameters_are_422(client: TestClient, query: str) -> None:
    r = client.get(f"/api/facts?{query}")
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/json"


def test_openapi_describes_the_records(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert set(spec["paths"]) >= {
        "/api/stories", "/api/stories/{story_id}", "/api/articles", "/api/articles/{article_id}",
        "/api/facts",
    }  # fmt: skip
    schemas = spec["components"]["schemas"]
    assert {"FactOut", "ClaimOut", "ArticleOut", "StoryOut"} <= set(schemas)
    params = {p["name"] for p in spec["paths"]["/api/facts"]["get"]["parameters"]}
    assert params == {"limit", "offset", "status", "story"}

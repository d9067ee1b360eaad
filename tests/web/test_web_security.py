"""Hostile report text renders as text; strict headers on every answer; read-only; host check."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient  # noqa: E402
from webstore import XSS_SCRIPT, WebFixture  # noqa: E402

from claimgraph.web.app import create_app  # noqa: E402

pytest_plugins = ["webstore"]

ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"
ESCAPED_IMG = "&lt;img src=x onerror=alert(1)&gt;"


def hostile_pages(ids: dict[str, str]) -> list[str]:
    return [
        "/",
        f"/stories/{ids['hostile_story']}",
        f"/articles/{ids['article_hostile']}",
        f"/entities/{ids['entity_xss']}",
        "/?q=alert",
        "/?q=" + XSS_SCRIPT,
    ]


def test_hostile_text_renders_as_text(client: TestClient, web_fixture: WebFixture) -> None:
    for path in hostile_pages(web_fixture.ids):
        html = client.get(path).text
        assert "<script" not in html, path
        assert "<img" not in html, path
        assert "onerror=alert" not in html.replace(ESCAPED_IMG, ""), path
        assert ESCAPED_SCRIPT in html or ESCAPED_IMG in html, path


def test_hostile_article_keeps_every_piece_escaped(
    client: TestClient, web_fixture: WebFixture
) -> None:
    html = client.get(f"/articles/{web_fixture.ids['article_hostile']}").text
    assert f"Breaking: {ESCAPED_SCRIPT} was found" in html  # body text
    assert f"<h1>{ESCAPED_SCRIPT} Report</h1>" in html  # title
    assert f"<dd>{ESCAPED_IMG}</dd>" in html  # outlet
    assert "&lt;b&gt;the ministry&lt;/b&gt;" in html  # even harmless-looking tags
    assert "<mark>12</mark>" in html  # our highlight survives around escaped text
    assert 'href="javascript:' not in html  # a javascript: address is not made a link


def test_hostile_story_escapes_statement_speaker_and_outlet(
    client: TestClient, web_fixture: WebFixture
) -> None:
    html = client.get(f"/stories/{web_fixture.ids['hostile_story']}").text
    assert f"Trains ordered {ESCAPED_SCRIPT}" in html
    assert f'<span class="speaker">{ESCAPED_SCRIPT}</span>' in html
    assert f"<strong>{ESCAPED_IMG}</strong>" in html  # the outlet, in the claim's row


@pytest.mark.parametrize(
    "path", ["/", "/docs", "/api/stories", "/static/style.css", "/nowhere", "/api/nowhere"]
)
def test_every_answer_has_strict_headers(client: TestClient, path: str) -> None:
    h = client.get(path).headers
    csp = h["content-security-policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'none'" in csp and "unsafe-inline" not in csp
    assert "style-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert h["x-content-type-options"] == "nosniff"
    assert h["referrer-policy"] == "no-referrer"


def test_pages_carry_no_inline_script_or_style(client: TestClient, web_fixture: WebFixture) -> None:
    ids = web_fixture.ids
    for path in ["/", "/docs", f"/stories/{ids['story']}", f"/articles/{ids['article_kestrel']}"]:
        html = client.get(path).text
        assert "<script" not in html and "<style" not in html and " style=" not in html, path
        assert "http://" not in html.replace("http://testserver/", ""), path  # no CDN


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
def test_read_only(client: TestClient, method: str) -> None:
    for path in ("/", "/api/stories", "/api/facts"):
        r = client.request(method, path)
        assert r.status_code == 405
        assert r.headers["allow"] == "GET, HEAD"
        assert "content-security-policy" in r.headers


def test_head_is_answered_like_get_without_a_body(client: TestClient) -> None:
    for path in ("/", "/api/stories", "/static/style.css"):
        r = client.head(path)
        assert r.status_code == 200, path
        assert r.content == b""
        assert "content-security-policy" in r.headers


def test_the_server_never_writes_the_database(web_fixture: WebFixture) -> None:
    before = web_fixture.db.stat().st_mtime_ns
    with TestClient(create_app(str(web_fixture.db))) as c:
        c.get(f"/stories/{web_fixture.ids['story']}")
        c.post("/api/stories")
    assert web_fixture.db.stat().st_mtime_ns == before


def test_host_header_is_checked_when_bound_to_loopback(web_fixture: WebFixture) -> None:
    app = create_app(str(web_fixture.db), allowed_hosts=["127.0.0.1", "localhost"])
    with TestClient(app, base_url="http://127.0.0.1:8765") as c:
        assert c.get("/").status_code == 200
        rebound = c.get("/", headers={"host": "evil.example"})
        assert rebound.status_code == 400


def test_missing_or_foreign_database_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="claimgraph run"):
        create_app(str(tmp_path / "missing.db"))
    assert not (tmp_path / "missing.db").exists()  # and not created
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(ValueError, match="not a claimgraph database"):
        create_app(str(junk))
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(ValueError, match="not a claimgraph database"):
        create_app(str(other))


def test_missing_extra_names_the_install_command() -> None:
    code = (
        "import sys; sys.modules['fastapi'] = None\n"
        "try:\n    import claimgraph.web.app\n"
        "except ModuleNotFoundError as e:\n    print(e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "pip install 'claimgraph[web]'" in out.stdout

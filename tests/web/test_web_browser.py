"""In a real browser (Debian's chromium driven by Playwright): home -> story -> a conflicting
fact -> the claim's place in its article, with screenshots. Skipped when either is absent.

Set CLAIMGRAPH_UPDATE_DOCS=1 to also refresh docs/story.png (the README's screenshot).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("no /usr/bin/chromium (apt-get install chromium)", allow_module_level=True)
pytest.importorskip("fastapi")
uvicorn = pytest.importorskip("uvicorn")
sync_api = pytest.importorskip("playwright.sync_api")

from webstore import WebFixture  # noqa: E402

from claimgraph.web.app import create_app  # noqa: E402

pytest_plugins = ["webstore"]

DOCS = Path(__file__).resolve().parents[2] / "docs"
# Quiet, offline, sandbox-free flags for a headless CI container.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(web_fixture: WebFixture) -> Iterator[str]:
    port = free_port()
    app = create_app(str(web_fixture.db), allowed_hosts=["127.0.0.1"])
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


def test_home_to_story_to_conflicting_fact_to_article(
    browser: Any, base_url: str, web_fixture: WebFixture, tmp_path: Path
) -> None:
    ids = web_fixture.ids
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("dialog", lambda d: problems.append(f"dialog: {d.message}"))

    page.goto(base_url + "/")
    page.screenshot(path=str(tmp_path / "home.png"), full_page=True)
    page.get_by_role("link", name="Earthquake in the Kardel Mountains").click()
    page.wait_for_url(f"**/stories/{ids['story']}")
    assert "Earthquake in the Kardel Mountains" in page.title()

    fact = page.locator(f"#f-{ids['fact_mag']}")  # closed by default: open it
    assert fact.get_attribute("open") is None
    fact.locator("summary").click()
    assert fact.get_attribute("open") is not None
    assert fact.locator("mark", has_text="6.4").is_visible()
    page.screenshot(path=str(tmp_path / "story.png"), full_page=True)
    if os.environ.get("CLAIMGRAPH_UPDATE_DOCS"):
        DOCS.mkdir(exist_ok=True)
        page.screenshot(path=str(DOCS / "story.png"), full_page=True)

    link = fact.locator(f'a[href="/articles/{ids["article_kestrel"]}#c-{ids["claim_mag_k"]}"]')
    link.click()
    page.wait_for_url(f"**/articles/{ids['article_kestrel']}#c-{ids['claim_mag_k']}")
    target = page.locator(f"#c-{ids['claim_mag_k']}")
    assert target.count() == 1
    assert page.evaluate("document.querySelector(':target').id") == f"c-{ids['claim_mag_k']}"
    claim = page.locator(".claim", has=target)
    assert "magnitude 6.4" in claim.inner_text()
    assert claim.is_visible()
    page.screenshot(path=str(tmp_path / "article.png"))
    assert problems == []


def test_hostile_report_runs_no_script(
    browser: Any, base_url: str, web_fixture: WebFixture
) -> None:
    page = browser.new_page()
    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    for path in (f"/articles/{web_fixture.ids['article_hostile']}",
                 f"/stories/{web_fixture.ids['hostile_story']}", "/?q=alert"):  # fmt: skip
        page.goto(base_url + path)
        assert page.locator("script").count() == 0
        assert page.locator("img").count() == 0
        assert "<script>alert(1)</script>" in page.locator("main").inner_text()
    assert dialogs == []

"""HTML pages: main text by trafilatura, page metadata, charset handling."""

from __future__ import annotations

from claimgraph.clean.html import decode_html, html_to_text

PARAGRAPHS = [
    "The regional transit board approved a fleet of forty electric buses on Wednesday, replacing"
    " diesel vehicles that have run on the valley routes since the late 1990s.",
    "Board chair Ilse Marten said the first twelve buses would arrive in March and the rest by"
    " the end of next year, once the new charging depot at Eastgate is finished.",
    "The purchase is funded by a national clean transport grant and a loan from the regional"
    " development bank, the board said in a statement after the vote.",
]

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Valley transit board buys forty electric buses | Valley Courier</title>
<meta property="og:site_name" content="Valley Courier">
<meta property="article:published_time" content="2024-02-07T09:15:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<article>
<h1>Valley transit board buys forty electric buses</h1>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}
</article>
<section id="comments"><h3>Comments</h3>
<div class="comment"><p>Finally! About time the valley got clean buses, I waited years.</p></div>
</section>
<footer><p>Copyright 2024 Valley Courier. All rights reserved.</p></footer>
</body></html>"""


def test_main_text_and_metadata() -> None:
    text, meta = html_to_text(PAGE, url="https://valleycourier.example/transit/buses")
    for paragraph in PARAGRAPHS:
        assert paragraph in text.split("\n")  # one paragraph per line
    assert "Finally!" not in text and "All rights reserved" not in text
    assert meta["published"] == "2024-02-07"
    assert meta["outlet"] == "Valley Courier"
    assert meta["title"].startswith("Valley transit board buys forty electric buses")


def test_page_without_main_text() -> None:
    assert html_to_text("<html><body></body></html>") == ("", {})


def test_decode_html_uses_the_declared_charset() -> None:
    page = '<html><head><meta charset="windows-1252"></head><body><p>Caf\u00e9 \u201cnews\u201d</p>'
    assert decode_html(page.encode("cp1252")) == page
    assert decode_html(page.encode("utf-8")) == page  # valid UTF-8 wins over a wrong declaration

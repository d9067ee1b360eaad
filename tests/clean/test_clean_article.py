"""The whole cleaning path: raw document in, Article out."""

from __future__ import annotations

import pytest

from claimgraph.clean.article import clean_document
from claimgraph.ingest.files import RawDocument
from claimgraph.model import Article

PAGE_PARAGRAPHS = [
    "The island ferry service will add a night crossing from June, the operator announced on"
    " Thursday, after a summer in which day sailings were sold out for weeks at a time.",
    "The operator said the extra crossing would use the older of its two ships, which is being"
    " refitted this spring with new engines and a larger car deck.",
]
PAGE = (
    '<html><head><meta charset="utf-8"><title>Ferry adds night crossing</title>'
    '<meta property="og:site_name" content="Island Post">'
    '<meta property="article:published_time" content="2024-02-07">'
    "</head><body><nav><a href='/'>Home</a></nav><article><h1>Ferry adds night crossing</h1>"
    + "".join(f"<p>{p}</p>" for p in PAGE_PARAGRAPHS)
    + "</article><footer>Contact us</footer></body></html>"
)

CLEAN = (
    "Harbour Dredging To Resume\n"
    "\n"
    "Dredging of the outer harbour channel will resume next month, the port authority said,"
    " after a court lifted an order that had halted the work since January.\n"
    "\n"
    "The authority said the ?1,150 crore project would let larger container ships call.\n"
)


def raw(data: str | bytes, is_html: bool = False, **meta: str) -> RawDocument:
    return RawDocument("in/story.txt", "story.txt", data, is_html, dict(meta))


def test_clean_input_is_byte_identical() -> None:
    text = CLEAN.replace("?1,150", "\u20b91,150")
    article = clean_document(raw(text))
    assert article.text is text or article.text == text
    assert article.title == "Harbour Dredging To Resume"
    assert article.id == Article.make_id("story.txt", text)
    assert article.source == "in/story.txt"


def test_debris_metadata_and_repair_together() -> None:
    dump = (
        " date 2024-04-18 \n\n\n\n"
        + CLEAN.replace("\n\n", "\n\n\n\n\n")
        + "\n\nBased On PTI Report\n\nBy Admin\n\nLeave a Reply\n\n"
        + "Your email address will not be shared. Required fields are marked *\n\nTranslate »"
    )
    article = clean_document(raw(dump.encode("utf-8")))
    assert article.text == CLEAN.replace("?1,150", "\u20b91,150").rstrip("\n")
    assert article.published == "2024-04-18"
    assert article.credits == ("PTI",)


def test_mojibake_input() -> None:
    text = "Port fees rose to â‚¹900 per container, the authority said on Monday."
    article = clean_document(raw(text))
    assert article.text == "Port fees rose to ₹900 per container, the authority said on Monday."


def test_jsonl_hints_and_url_outlet() -> None:
    doc = RawDocument(
        "feed.jsonl:3",
        "k-3",
        CLEAN,
        False,
        {"url": "https://www.portnews.example/a/1", "id": "k-3"},
    )
    article = clean_document(doc)
    assert article.url == "https://www.portnews.example/a/1"
    assert article.outlet == "portnews.example"
    hinted = RawDocument("feed.jsonl:4", "k-4", CLEAN, False, {"outlet": "Port News", "title": "T"})
    assert clean_document(hinted).outlet == "Port News"
    assert clean_document(hinted).title == "T"


def test_html_document() -> None:
    doc = raw(PAGE.encode("utf-8"), is_html=True, url="https://islandpost.example/b")
    article = clean_document(doc)
    assert article.text.split("\n")[-2:] == PAGE_PARAGRAPHS
    assert article.title == "Ferry adds night crossing"
    assert article.outlet == "Island Post" and article.published == "2024-02-07"
    assert article.url == "https://islandpost.example/b"


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        (raw("Leave a Reply\nTranslate »\n"), "no article text left"),
        (raw(b"<html><body></body></html>", is_html=True), "no main text"),
        (raw(b"<html><body><nav>Home</nav></body></html>", is_html=True), "no article text"),
        (raw(b"\x00\x01\x02binary"), "undecodable"),
    ],
)
def test_nothing_usable_raises(doc: RawDocument, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        clean_document(doc)


def test_markdown_file_loses_its_markup() -> None:
    md = "# Ferry adds night crossing\n\nThe **island** ferry adds a [late](https://x.ex) run.\n"
    doc = RawDocument("in/ferry.md", "ferry.md", md, False, {})
    article = clean_document(doc)
    assert article.text == "Ferry adds night crossing\n\nThe island ferry adds a late run.\n"
    assert article.title == "Ferry adds night crossing"


def test_masthead_dump() -> None:
    dump = (
        "THE COAST LANTERN\nHome | Region | Sport | Opinion\nPublished: 2024-11-02\n\n"
        + CLEAN
        + "\nShare this:\nFacebook\nEmail\n\nLeave a comment\n"
    )
    article = clean_document(raw(dump))
    assert article.outlet == "The Coast Lantern" and article.published == "2024-11-02"
    assert article.title == "Harbour Dredging To Resume"
    assert article.text == CLEAN.replace("?1,150", "\u20b91,150").rstrip("\n")


def test_url_line_gives_url_and_outlet() -> None:
    text = "Source: https://www.tidewater.example/story/9\n" + CLEAN
    article = clean_document(raw(text))
    assert article.url == "https://www.tidewater.example/story/9"
    assert article.outlet == "tidewater.example"
    assert article.text == CLEAN.replace("?1,150", "\u20b91,150")

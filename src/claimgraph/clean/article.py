"""From a raw document to a clean :class:`~claimgraph.model.Article`.

The order matters:

1. main text -- HTML goes through trafilatura (``clean.html``); text is decoded if needed and
   Markdown (``.md``) loses its markup;
2. repair -- mojibake, odd spaces, lost currency signs (``clean.repair``);
3. metadata -- masthead, title, date lines, dateline, agency credits are read, and the pure
   metadata lines removed (``clean.metadata``); it looks past web debris, so it runs before
   the debris goes, while a credit line behind a comment form can still be found;
4. boilerplate -- web debris at the edges and inline teasers (``clean.boilerplate``).

Hints win over what the text says: JSONL fields first, then the HTML page's own metadata.
When no outlet is known but a URL is (a JSONL field, or a "Source: https://..." line of a text
dump), the URL's host name (without ``www.``) is the outlet.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from claimgraph.clean.boilerplate import is_debris_line, strip_boilerplate, strip_markdown
from claimgraph.clean.html import decode_html, html_to_text
from claimgraph.clean.metadata import split_metadata
from claimgraph.clean.repair import decode, repair_text
from claimgraph.ingest.files import RawDocument
from claimgraph.model import Article

__all__ = ["clean_document"]

_MARKDOWN_SUFFIXES = (".md", ".markdown")


def clean_document(doc: RawDocument, repeated: frozenset[str] = frozenset()) -> Article:
    """Clean one document. Raises ``ValueError`` with a clear message when nothing usable
    is left (undecodable bytes, a page without main text, a text that was all debris)."""
    text, hints = _main_text(doc)
    text = repair_text(text)
    meta, text = split_metadata(text, hints, is_debris=lambda line: is_debris_line(line, repeated))
    text = strip_boilerplate(text, repeated)
    if not text.strip():
        raise ValueError("no article text left after cleaning")
    url = doc.meta.get("url") or meta.url
    return Article(
        id=Article.make_id(doc.source_key, text),
        source=doc.source,
        text=text,
        title=meta.title,
        published=meta.published,
        outlet=meta.outlet or _host(url),
        credits=meta.credits,
        url=url,
    )


def _main_text(doc: RawDocument) -> tuple[str, dict[str, str]]:
    """The document's text and its metadata hints (JSONL fields over HTML metadata)."""
    if not doc.is_html:
        text = doc.data if isinstance(doc.data, str) else _decode(doc, decode)
        if doc.source.lower().endswith(_MARKDOWN_SUFFIXES):
            text = strip_markdown(text)
        return text, dict(doc.meta)
    html = doc.data if isinstance(doc.data, str) else _decode(doc, decode_html)
    text, page_meta = html_to_text(html, url=doc.meta.get("url"))
    if not text.strip():
        raise ValueError("no main text found in the HTML page")
    return text, {**page_meta, **doc.meta}


def _decode(doc: RawDocument, decoder: Callable[[bytes], str]) -> str:
    data = doc.data if isinstance(doc.data, bytes) else doc.data.encode("utf-8")
    return decoder(data)  # ValueError("undecodable ...") for binary data


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None

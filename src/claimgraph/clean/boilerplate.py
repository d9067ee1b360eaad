"""Remove web debris from article text: comment forms, share bars, teasers, bylines, footers.

Debris sits at the edges of a text dump, so the rules work from the start and from the end and
stop at the first line of real content. Three kinds of line are recognised (all patterns are
general forms of web furniture, matched against a whole stripped line):

* edge debris -- removed while trimming the start or the end: comment forms ("Leave a Reply",
  "Your email won't be shared"), share bars ("Share this:", a line of network
  names), "Translate", subscribe prompts, cookie notices, tags, copyright, end bylines
  ("By Admin", "By Staff Reporter"), "Skip to content", breadcrumbs;
* inline debris -- removed anywhere, because it interrupts the body ("Also read: ...",
  "Advertisement", "Story continues below");
* cut markers near the end -- the start of a comment section ("Leave a Reply", "3 Comments")
  ends the article; a teaser heading ("Related", "You may also like", "Read more") ends it
  when only short, headline-like lines follow.

Pure metadata lines (date lines, agency credit lines, see :mod:`.metadata`) are left for
:func:`~claimgraph.clean.metadata.split_metadata`, which records them before removing them;
trimming looks past them, so "Based on ANI report" followed by a comment form loses the form
and keeps the credit.

Blank lines: one blank line is a paragraph break and stays; two or more in a row are a dump
artifact and become one. Nothing else inside the body changes, so clean input comes back
byte-identical.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from claimgraph.clean.metadata import is_metadata_line, is_paragraph_line, join_kept_lines

__all__ = [
    "is_debris_line",
    "normalise_line",
    "repeated_lines",
    "strip_boilerplate",
    "strip_markdown",
]

_SOCIAL = frozenset(
    {
        *("facebook", "twitter", "x", "whatsapp", "linkedin", "telegram", "pinterest", "reddit"),
        *("tumblr", "koo", "messenger", "instagram", "youtube", "threads", "sms", "email"),
        *("e-mail", "mail", "print", "copy", "link", "url", "share", "tweet", "pin", "flipboard"),
        *("pocket", "google", "news", "viber", "line", "skype", "vk"),
    }
)
_SHARE_FILLER = frozenset(
    {"share", "on", "via", "this", "the", "article", "story", "post", "page", "to", "with"}
    | {"your", "friends"}
)


def _rx(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"(?i)^(?:" + "|".join(alternatives) + r")$")


_COMMENT_START = _rx(
    r"leave\s+(?:a|your)\s+(?:reply|comment)s?(?:\s+cancel\s+reply)?\W*",
    r"(?:add|post|write)\s+(?:a|your)\s+comment\W*",
    r"\d+\s+comments?\W*",
    r"comments?\s*\(\d+\)",
    r"no\s+comments(?:\s+yet)?\W*",
    r"join\s+the\s+(?:conversation|discussion)\W*",
    r"comments\s+are\s+closed\W*",
)
_EDGE_DEBRIS = _rx(
    # comment forms
    r"your\s+email(?:\s+address)?\s+(?:will\s+not|won.t)\s+be\s+(?:published|shared|displayed).*",
    r"required\s+fields\s+are\s+marked.*",
    r"save\s+my\s+name,?\s+email,?\s+and\s+website.*",
    r"(?:name|email|e-mail|website|comments?|message)\s*\*?:?",
    r"(?:post|submit)(?:\s+comment)?|cancel\s+reply",
    r"you\s+must\s+be\s+logged\s+in\s+to\s+post\s+a\s+comment.*",
    r"notify\s+me\s+of\s+.{0,60}",
    r"this\s+site\s+uses\s+akismet.*",
    # navigation, translation, reading aids
    r"translate\s*[»>]*",
    r"select\s+language|powered\s+by\s+google\s*translate",
    r"skip\s+to\s+(?:main\s+)?content|menu|search|home|close|print|font\s+size|text\s+size",
    r"listen\s+to\s+(?:this\s+)?(?:article|story)(?:\s+\d+\s*min)?",
    r"\d+\s*min(?:ute)?s?\s+read",
    r"home\s*[»>/|:].{0,150}",
    r"like\s+this:?|like\s+loading\.*|loading\.*",
    # subscribe / follow / app
    r"subscribe\W*|subscribe\s+(?:now|here|today)\W*",
    r"(?:sign\s+up|subscribe|register|get|stay|join)\b.{0,100}\b(?:newsletters?|inbox|updates)"
    r"\b.{0,60}",
    r".{0,40}\bnewsletters?\W*",
    r"(?:follow|like)\s+us\s+on\s+.{0,80}",
    r"join\s+(?:our|us\s+on)\s+.{0,60}(?:channel|group|whatsapp|telegram).{0,40}",
    r"download\s+the\s+.{0,40}\s+app.{0,60}",
    r"click\s+here\s+.{0,80}",
    # footers
    r"tags?\s*:.*|filed\s+under\s*:?.*|categor(?:y|ies)\s*:.*|posted\s+in\s*:?.{0,80}",
    r"(?:\u00a9|\(c\)|copyright\s+(?:\u00a9|\(c\)|\d{4})).{0,120}",
    r".{0,80}all\s+rights\s+reserved\.?.{0,40}",
    r"\(?disclaimer\s*:.*",
    r"\(?.{0,120}\bsyndicated\s+feed\b.{0,120}",
    r"(?:photo|image|picture|video)\s*(?:credit|source|courtesy)?\s*:.{0,120}",
    r"(?:representational|file)\s+(?:image|photo|picture)\W*",
    r"sponsored|promoted|trending|advertorial",
    # bylines and production credits
    r"(?:by|posted\s+by|written\s+by|edited\s+by|report(?:ed)?\s+by)\s+"
    r"(?:admin|administrator|editor|editorial\s+(?:team|desk)|news\s+desk|web\s+desk"
    r"|(?:our|a)\s+(?:staff|special)\s+(?:reporter|correspondent)|staff\s+(?:reporter|writer)"
    r"|(?-i:[A-Z][\w.'-]*(?:(?:\s+|\s*,\s*|\s+and\s+)[A-Z][\w.'-]*){0,5}))",
    r"\(?(?:(?:additional\s+)?reporting|writing|editing|compiled|edited)\s+by\b[^()]{1,200}\)?",
)
# "Home | World | Business", "Business » Shipbuilding", "Pune · Nashik · the ghats": short
# items between separators are navigation, not prose.
_NAV_SEPARATOR = re.compile(r"\s+[|\u00b7\u2022/]\s+|\s*[»>\u203a]\s*")
_MAX_NAV_ITEM_WORDS = 3
_INLINE_DEBRIS = _rx(
    r"(?:also\s+read|read\s+also|read\s+more|see\s+also|must\s+read|also\s+see|also\s+watch)"
    r"\s*[:|\-\u2013\u2014>»]\s*.{1,200}",
    r"advertisement|ad|advert|\(?story\s+continues\s+(?:below|after)(?:\s+(?:this\s+)?advert"
    r"(?:isement)?)?\)?",
    r"scroll\s+(?:down\s+)?to\s+continue(?:\s+with\s+content)?",
)
_TEASER_START = _rx(
    r"(?:related|more|latest|recommended|popular|top|other)"
    r"(?:\s+(?:articles?|posts?|stories|news|reads?|videos?|from\s+.{1,40}|for\s+you))?\W*",
    r"you\s+(?:may|might)\s+(?:also\s+)?like\W*",
    r"(?:also\s+read|read\s+more|read\s+also|see\s+also|don'?t\s+miss|must\s+read)\W*",
    r"(?:most\s+(?:read|popular|viewed|shared)|trending(?:\s+now)?|in\s+(?:other|case\s+you)"
    r".{0,30})\W*",
)
_COOKIE = re.compile(r"(?i)\bcookies?\b")
_COOKIE_CONTEXT = re.compile(
    r"(?i)\b(?:we\s+use|uses|accept|consent|cookie\s+(?:policy|settings)|privacy)"
)
_MAX_COOKIE_WORDS = 80
_MAX_TEASER_WORDS = 20  # lines after a teaser heading that are longer are body text
_MIN_TEASER_SHARE = 0.3  # a teaser list counts only after this share of the text's characters
_MIN_BODY_CHARS = 200  # a comment section counts only after this much text
_MAX_INLINE_REPEATED_WORDS = 4  # a repeated line mid-text is removed only when this short
_MAX_REPEATED_CHARS = 100
_MAX_HEAD_LINES = 12  # the head (masthead, headline, bylines) is never longer than this


def normalise_line(line: str) -> str:
    """The form lines are compared in: case-folded, whitespace collapsed."""
    return " ".join(line.split()).casefold()


def repeated_lines(texts: Iterable[str], min_docs: int = 3) -> frozenset[str]:
    """Normalised short lines that occur in at least ``min_docs`` of the ``texts``: the share
    bars, footers and navigation of one site, seen across a corpus. Each text counts once;
    lines of prose (full sentences) never count, because wire copies share those."""
    counts: Counter[str] = Counter()
    for text in texts:
        seen = {normalise_line(line) for line in text.split("\n") if _furniture_like(line)}
        counts.update(seen)
    return frozenset(line for line, count in counts.items() if count >= min_docs)


def _furniture_like(line: str) -> bool:
    """Short and not a sentence of prose: wire copies share whole sentences, sites share
    furniture."""
    stripped = line.strip()
    return 0 < len(stripped) <= _MAX_REPEATED_CHARS and not is_paragraph_line(stripped)


def strip_boilerplate(text: str, repeated: frozenset[str] = frozenset()) -> str:
    """``text`` without web debris at its edges, inline teasers and lines in ``repeated``.

    Returns ``text`` itself when there is nothing to remove."""
    lines = text.split("\n")
    drop = _inline_drop(lines, repeated)
    head = _trim_head(lines, repeated, drop)
    tail = _trim_tail(lines, repeated, drop)
    drop |= head | tail
    drop |= _extra_blank_lines(lines, drop)
    if not drop:
        return text
    content = [i for i, line in enumerate(lines) if line.strip()]
    trim_head = bool(content) and content[0] in drop  # the text's first line went: tidy up
    trim_tail = bool(content) and content[-1] in drop
    return join_kept_lines(lines, drop, trim_head=trim_head, trim_tail=trim_tail)


def is_debris_line(line: str, repeated: frozenset[str] = frozenset()) -> bool:
    """True when a whole line is web furniture wherever it stands at an edge of the text."""
    stripped = line.strip()
    if not stripped:
        return False
    return (
        _EDGE_DEBRIS.match(stripped) is not None
        or _COMMENT_START.match(stripped) is not None
        or _INLINE_DEBRIS.match(stripped) is not None
        or _is_share_bar(stripped)
        or _is_nav_bar(stripped)
        or _is_cookie_notice(stripped)
        or normalise_line(stripped) in repeated
    )


def _is_nav_bar(line: str) -> bool:
    items = [item.strip() for item in _NAV_SEPARATOR.split(line)]
    breadcrumb = re.search(r"[»>\u203a]", line) is not None
    if len(items) < (2 if breadcrumb else 3) or not all(items[:-1]):
        return False
    return all(
        len(item.split()) <= _MAX_NAV_ITEM_WORDS and not re.search(r"[.!?,;:]$", item)
        for item in items
        if item
    )


def _is_share_bar(line: str) -> bool:
    words = re.findall(r"[\w-]+", line.casefold())
    if not words or len(words) > 15:
        return False
    networks = [w for w in words if w in _SOCIAL]
    return bool(networks) and all(w in _SOCIAL or w in _SHARE_FILLER for w in words)


def _is_cookie_notice(line: str) -> bool:
    return (
        _COOKIE.search(line) is not None
        and _COOKIE_CONTEXT.search(line) is not None
        and len(line.split()) <= _MAX_COOKIE_WORDS
    )


def _inline_drop(lines: list[str], repeated: frozenset[str]) -> set[int]:
    return {i for i, line in enumerate(lines) if _is_inline_debris(line.strip(), repeated)}


def _is_inline_debris(stripped: str, repeated: frozenset[str]) -> bool:
    if not stripped:
        return False
    if _INLINE_DEBRIS.match(stripped):
        return True
    short = len(stripped.split()) <= _MAX_INLINE_REPEATED_WORDS
    return short and normalise_line(stripped) in repeated


def _trim_head(lines: list[str], repeated: frozenset[str], drop: set[int]) -> set[int]:
    """Debris among the lines before the first paragraph (headline, bylines, nav bars...)."""
    removed: set[int] = set()
    seen = 0
    for i, line in enumerate(lines):
        if not line.strip() or i in drop or is_metadata_line(line):
            continue  # look past blanks, already-dropped lines and metadata
        seen += 1
        if is_debris_line(line):
            removed.add(i)
        elif is_paragraph_line(line) or seen > _MAX_HEAD_LINES:
            break
        elif normalise_line(line) in repeated:
            removed.add(i)
    return removed


def _trim_tail(lines: list[str], repeated: frozenset[str], drop: set[int]) -> set[int]:
    end = _cut_point(lines)
    removed = set(range(end, len(lines)))
    for i in range(end - 1, -1, -1):
        line = lines[i]
        if not line.strip() or i in drop or is_metadata_line(line):
            continue
        if not is_debris_line(line, repeated):
            break
        removed.add(i)
    return removed


def _cut_point(lines: list[str]) -> int:
    """Index where a comment section or a list of teasers starts near the end, else len."""
    total = sum(len(line) + 1 for line in lines)
    position = 0
    for i, line in enumerate(lines):
        stripped = line.strip()
        if position >= _MIN_BODY_CHARS and _COMMENT_START.match(stripped):
            return i
        if (
            position >= total * _MIN_TEASER_SHARE
            and _TEASER_START.match(stripped)
            and _only_teasers_after(lines, i)
        ):
            return i
        position += len(line) + 1
    return len(lines)


def _only_teasers_after(lines: list[str], index: int) -> bool:
    rest = [line.strip() for line in lines[index + 1 :] if line.strip()]
    return all(len(line.split()) <= _MAX_TEASER_WORDS for line in rest)


def _extra_blank_lines(lines: list[str], drop: set[int]) -> set[int]:
    """Blank lines beyond the first in each run (runs are counted over kept lines)."""
    extra: set[int] = set()
    previous_blank = False
    last = len(lines) - 1  # after a final newline the last "line" is only its terminator
    for i, line in enumerate(lines):
        if i in drop or (i == last and not line and i > 0):
            continue
        blank = not line.strip()
        if blank and previous_blank:
            extra.add(i)
        previous_blank = blank
    return extra


# --- Markdown -------------------------------------------------------------------------------
#
# Markdown inputs keep their words and lose their markup: heading marks, emphasis around a
# whole line, links (the text stays), images, and lines that are nothing but a link
# (navigation: "[More coverage](https://...)"). Bullets stay: they are how lists read as text.

_MD_LINK_LINE = re.compile(r"^\s*\[[^\]]+\]\([^)]*\)\s*$")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_MD_WHOLE_EMPHASIS = re.compile(r"^(\s*)([*_]{1,3})(?=\S)(.+?)(?<=\S)\2\s*$")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


def strip_markdown(text: str) -> str:
    """Plain text of a Markdown document (see above). Returns ``text`` itself if unchanged."""
    lines = [_plain_markdown_line(line) for line in text.split("\n")]
    links = {i for i, line in enumerate(text.split("\n")) if _MD_LINK_LINE.match(line)}
    plain = join_kept_lines(lines, links, trim_head=bool(links), trim_tail=bool(links))
    return text if plain == text else plain


def _plain_markdown_line(line: str) -> str:
    line = _MD_IMAGE.sub("", line)
    line = _MD_LINK.sub(r"\1", line)
    heading = _MD_HEADING.match(line)
    if heading:
        line = heading.group(1)
    emphasis = _MD_WHOLE_EMPHASIS.match(line)
    if emphasis:
        line = emphasis.group(1) + emphasis.group(3)
    return _MD_STRONG.sub(r"\2", line)

"""The core records of claimgraph: plain frozen dataclasses with content-hash ids.

Every id is a hash of the content that defines the record, so the same input gives the same
ids on any machine or worker, and re-ingesting changes nothing. Offsets (``start``/``end``)
always index the article's stored *clean* text.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Literal

ValueKind = Literal["money", "count", "percent", "quantity", "date", "text"]
Stance = Literal["asserts", "claims", "denies"]
Status = Literal["corroborated", "conflicting", "disputed", "single_source"]
Granularity = Literal["day", "week", "month", "season", "quarter", "year", "decade"]


def content_id(prefix: str, *parts: object) -> str:
    """A short stable id: ``prefix`` + 16 hex chars of the SHA-1 of the parts."""
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}{digest[:16]}"


@dataclass(frozen=True, slots=True)
class Span:
    """A character range of an article's clean text, with the text it covers."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Value:
    """A normalised value keeping the precision the text states.

    Numbers: ``value`` is the point reading, ``low``/``high`` the interval the wording allows
    ("$5.43 billion" -> [5.425e9, 5.435e9]; "more than 40" -> [40, inf)). Dates: ``value``,
    ``low`` and ``high`` are ISO strings (``YYYY-MM-DD``) and ``granularity`` says how precise
    the text was. ``text`` is the surface form.
    """

    kind: ValueKind
    value: float | str | None
    low: float | str | None
    high: float | str | None
    unit: str | None
    text: str
    granularity: Granularity | None = None
    hedge: str | None = None  # about, more than, at least, up to, by ... (as written, lower-cased)


@dataclass(frozen=True, slots=True)
class Mention:
    """Something found in the text: an entity (``label`` = NER label) or a value."""

    start: int
    end: int
    text: str
    label: str
    value: Value | None = None


@dataclass(frozen=True, slots=True)
class Attribution:
    """Reported speech: who (``speaker``) says (``cue``) what (``content``), and how."""

    speaker: Span | None
    cue: Span | None
    content: Span
    stance: Stance
    speaker_name: str | None = None  # the speaker resolved to a named person or body


@dataclass(frozen=True, slots=True)
class Article:
    """One report after reading and cleaning."""

    id: str
    source: str
    text: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    published_inferred: bool = False
    outlet: str | None = None
    credits: tuple[str, ...] = ()
    url: str | None = None

    @staticmethod
    def make_id(source_key: str, text: str) -> str:
        """Two outlets printing the same wire text are two articles: the id hashes where the
        text came from (file name or URL, not the full path) together with the text."""
        return content_id("a", source_key, text)


@dataclass(frozen=True, slots=True)
class Entity:
    """A named thing with its name variants, merged across articles."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    article_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Claim:
    """One article's statement of one value, with who states it and the sentence it is in."""

    id: str
    article_id: str
    sentence: Span
    value: Value
    value_span: Span
    stance: Stance = "asserts"
    speaker: str | None = None
    cue: str | None = None
    subject: str | None = None  # the entity the value is about
    property: str | None = None  # what the value measures: "deal value", "aircraft upgraded"
    context: tuple[str, ...] = ()  # lemmas that describe the property (used for alignment)
    attributed: bool = False  # given as someone else's claim, not the outlet's own
    published: str | None = None  # the article's date, kept so rising tolls stay visible


@dataclass(frozen=True, slots=True)
class Story:
    id: str
    title: str
    article_ids: tuple[str, ...]
    first_date: str | None = None
    last_date: str | None = None


@dataclass(frozen=True, slots=True)
class Fact:
    id: str
    story_id: str | None
    statement: str
    subject: str | None
    property: str | None
    status: Status
    attributed_only: bool
    independent_sources: int
    claim_ids: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    date: str
    text: str
    article_ids: tuple[str, ...]
    fact_ids: tuple[str, ...]

"""Named entities of one article, with name variants resolved inside the article.

"Defence Minister Rajnath Singh", "Rajnath Singh" and "Singh" in one report are one person:
titles are stripped, and a short name that is the last word(s) of a fuller name mentioned in
the same article resolves to that fuller name. Merging across articles is a corpus stage
(``claimgraph.corpus.entities``), keyed by ``name_key``.
"""

from __future__ import annotations

import re
import unicodedata

from spacy.tokens import Doc

from claimgraph.model import Mention

# Labels worth tracking as entities; numbers, dates and money are values, not entities.
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "PRODUCT", "EVENT", "FAC", "LAW"})

# Titles and roles that precede a name ("Defence Minister Rajnath Singh", "President Putin").
_TITLE_WORDS = (
    "president|prime minister|pm|minister|defence minister|defense minister|foreign minister|"
    "ambassador|secretary|chancellor|governor|senator|general|gen\\.|admiral|colonel|col\\.|"
    "chief|spokesperson|spokesman|spokeswoman|dr\\.?|mr\\.?|mrs\\.?|ms\\.?|sir|king|queen|"
    "prince|judge|justice|mayor|minister of state|deputy|vice president|commissioner"
)
_TITLE_PREFIX = re.compile(
    rf"^(?:(?:the|indian|russian|chinese|us|u\.s\.|former|acting)\s+)*"
    rf"(?:(?:{_TITLE_WORDS})\s+)+",
    re.IGNORECASE,
)
_UNCLOSED_PAREN = re.compile(r"\s*\([^)]*$")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_TRAILING_POSSESSIVE = re.compile(r"(?:'s|’s|')$")


def clean_name(text: str) -> str:
    """The name without titles, a leading "the", a possessive or line breaks."""
    name = " ".join(text.split())
    name = _UNCLOSED_PAREN.sub("", name)  # the tagger often stops before ")": "Organisation (SCO"
    name = _TRAILING_POSSESSIVE.sub("", name)
    stripped = _TITLE_PREFIX.sub("", name)
    # Keep the title when nothing is left ("the Prime Minister" names a role, not a person).
    name = stripped if stripped.strip() else name
    return _LEADING_THE.sub("", name).strip(" ,.;:()\"'“”")


def name_key(name: str) -> str:
    """A key under which spelling variants meet: Su-30MKI = Su-30 MKI = SU 30 MKI."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "", folded)


def find_entities(doc: Doc) -> list[Mention]:
    """Entity mentions with ``text`` set to the resolved canonical name for this article."""
    spans = [e for e in doc.ents if e.label_ in ENTITY_LABELS]
    names = [clean_name(e.text) for e in spans]
    full_names = _full_person_names(spans, names)
    mentions: list[Mention] = []
    for span, name in zip(spans, names, strict=True):
        if not name or not any(ch.isalpha() for ch in name) or "\n" in span.text.strip():
            continue
        if span.label_ == "PERSON":
            name = full_names.get(name, name)
        mentions.append(Mention(span.start_char, span.end_char, name, span.label_))
    return mentions


def _full_person_names(spans: list, names: list[str]) -> dict[str, str]:
    """Map each short person name to the longest name in the article that ends with it."""
    # Dict, not set: the order of first mention breaks ties between names of one length
    # ("Mark Felt", "Joan Felt"), so the answer never depends on the process's hash seed.
    first_seen = dict.fromkeys(
        n for s, n in zip(spans, names, strict=True) if s.label_ == "PERSON" and n
    )
    persons = sorted(first_seen, key=len, reverse=True)
    resolved: dict[str, str] = {}
    for short in persons:
        for full in persons:
            if full != short and (full.endswith(" " + short) or full.startswith(short + " ")):
                resolved[short] = resolved.get(full, full)
                break
    return resolved

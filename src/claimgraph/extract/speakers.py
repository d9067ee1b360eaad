"""Speaker names: the person or body a speaker mention refers to.

An attribution's speaker is often a pronoun ("he said"), a title ("the minister said"), a
surname ("Singh said") or a relative pronoun ("officials, who said"); analysts need the name.
Pronouns and definite titles look back a bounded distance for the nearest compatible entity,
preferring a grammatical subject; surnames take the fullest earlier form of the same name.
Entity lookups bisect over start offsets, so a long article costs linear time.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from claimgraph.extract import cues

_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_GROUP_LABELS = ("ORG", "NORP", "GPE")
_NAMED_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sen.", "rep."})
_NAME_PREPS = frozenset({"of", "for", "at", "in", "from", "with"})
_LOOKBACK_CHARS = 1500  # how far back a pronoun or title may reach for its antecedent


class SpeakerNames:
    """Resolves a speaker mention to the person or body it names.

    Pronouns and definite titles look back (bounded) for the nearest compatible entity,
    preferring one that was a grammatical subject; surnames take the fullest earlier form of the
    same name ("Singh" -> "Rajnath Singh").
    """

    def __init__(self, doc: Doc) -> None:
        self.ents = [e for e in doc.ents if e.label_ in _NAMED_LABELS]
        self.starts = [e.start_char for e in self.ents]
        self.full: dict[str, list[tuple[int, str]]] = {}
        self.groups: list[tuple[int, str]] = []  # plural speakers so far: (position, name)
        for ent in self.ents:
            if ent.label_ == "PERSON":
                words = _name_words(ent)
                if words:
                    self.full.setdefault(words[-1].lower(), []).append(
                        (ent.start_char, " ".join(words))
                    )

    def note(self, head: Token | None, name: str) -> None:
        """Remember a plural speaker ("Indian officials said ...") for a later "they"."""
        if head is not None and head.tag_ in ("NNS", "NNPS") and head.pos_ != "PRON":
            self.groups.append((head.idx, name))

    def resolve(self, head: Token | None, text: str) -> str:
        if head is None:
            return text
        low = head.lower_
        if low in cues.RELATIVE_PRONOUNS and head.head.dep_ == "relcl":
            antecedent = head.head.head
            return self.resolve(
                antecedent, SpacySpan(head.doc, antecedent.i, antecedent.i + 1).text
            )
        if head.pos_ == "PRON":
            return self._pronoun(head) or text
        ent = self._entity_at(head)
        if ent is not None:
            # "Deputy Minister Anil Rao", "Maria Lopez, the chief executive": the name itself.
            return self._fullest(ent)
        if head.pos_ == "PROPN" or (head.is_title and head.lower_ in self.full):
            # A name the entity recogniser missed ("Modi, who met ...", a headline's "Merkel:").
            words = [t.text for t in head.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
            return self._expand(words + [head.text])
        if _is_definite_title(head):
            return self._title(head) or _core_phrase(head)
        return _core_phrase(head)

    def _entity_at(self, tok: Token) -> SpacySpan | None:
        i = bisect_left(self.starts, tok.idx + 1) - 1
        if i >= 0 and self.ents[i].start <= tok.i < self.ents[i].end:
            return self.ents[i]
        return None

    def _fullest(self, ent: SpacySpan) -> str:
        # Any label: the small model often tags a lone surname as ORG or GPE.
        words = _name_words(ent)
        expanded = self._expand(words, ent.start_char)
        if ent.label_ == "PERSON" or expanded != " ".join(words):
            return expanded or ent.text
        return ent.text

    def _expand(self, words: list[str], before: int | None = None) -> str:
        """The longest earlier form of a person's name ending with ``words`` ("Singh" ->
        "Rajnath Singh")."""
        best = " ".join(words)
        if not words:
            return best
        for start, name in self.full.get(words[-1].lower(), []):
            if (before is None or start < before) and len(name) > len(best) and name.endswith(best):
                best = name
        return best

    def _preceding(self, tok: Token, labels: tuple[str, ...]) -> list[SpacySpan]:
        """Entities with one of ``labels`` before ``tok`` in the look-back window, nearest
        first."""
        i = bisect_left(self.starts, tok.idx) - 1
        out: list[SpacySpan] = []
        while i >= 0 and tok.idx - self.starts[i] <= _LOOKBACK_CHARS and len(out) < 12:
            ent = self.ents[i]
            if ent.label_ in labels and ent.end <= tok.i:
                out.append(ent)
            i -= 1
        return out

    def _pronoun(self, tok: Token) -> str | None:
        low = tok.lower_
        if low in ("he", "she", "him", "her", "his"):
            labels: tuple[str, ...] = ("PERSON",)
        elif low in ("they", "them", "their"):
            if self.groups and tok.idx - self.groups[-1][0] <= _LOOKBACK_CHARS:
                return self.groups[-1][1]  # the group that spoke last
            labels = _GROUP_LABELS
        elif low in ("it", "its"):
            labels = ("ORG", "GPE", "NORP")
        else:
            return None  # "I", "we", "you": the quoted voice, not an antecedent in the article
        found = self._preceding(tok, labels)
        if not found:
            return None
        subject = next((e for e in found if e.root.dep_ in _SUBJECTS), found[0])
        return self._fullest(subject)

    def _title(self, head: Token) -> str | None:
        lemma = head.lemma_.lower()
        if lemma in cues.PERSON_TITLES:
            found = self._preceding(head, ("PERSON",))
            titled = next((e for e in found if _titled(e, lemma)), None)
            pick = titled or (found[0] if found else None)
            return self._fullest(pick) if pick is not None else None
        # A body is named only by a fuller name that contains the title word ("the ministry" ->
        # "the Ministry of Defence"): the nearest organisation alone is too often another one.
        for ent in self._preceding(head, ("ORG", "GPE", "NORP")):
            if lemma in ent.text.lower():
                return ent.text
        return None


def _core_phrase(head: Token) -> str:
    """The speaker phrase without what merely describes it: "the official" from "the official,
    speaking on condition of anonymity"; "officials in the ministry" keeps its "in"."""
    keep = [head]
    for child in head.children:
        if child.i < head.i or (child.dep_ == "prep" and child.lower_ in _NAME_PREPS):
            keep.extend(child.subtree)
    toks = sorted(keep, key=lambda t: t.i)
    while toks and (toks[-1].is_punct or toks[-1].dep_ == "case"):
        toks.pop()
    return "".join(t.text_with_ws for t in toks).strip()


def _name_words(ent: SpacySpan) -> list[str]:
    words = [t.text for t in ent if t.lower_ not in _HONORIFICS and not t.is_punct]
    while words and words[-1] in ("'s", "’s"):
        words.pop()
    return words


def _is_definite_title(head: Token) -> bool:
    lemma = head.lemma_.lower()
    if lemma not in cues.PERSON_TITLES and lemma not in cues.BODY_TITLES:
        return False
    if head.tag_ in ("NNS", "NNPS"):
        return False  # "the officials": a group, not one named person
    return any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)


def _titled(ent: SpacySpan, lemma: str) -> bool:
    """True when the name carries the title nearby ("Defence Minister Rajnath Singh", "Singh,
    the minister")."""
    doc = ent.doc
    window = doc[max(0, ent.start - 4) : min(len(doc), ent.end + 4)]
    return any(t.lemma_.lower() == lemma for t in window)

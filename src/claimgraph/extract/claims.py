"""Claims: each value an article states, what property it measures, who states it and how.

The property of a value comes from the dependency parse, not from whichever number is nearby:
the noun the value quantifies ("84 *aircraft*", "a $5.43 billion *deal*", "three of the five
*systems*", "a cost of ₹60,000 crore"), that noun's modifiers ("remaining", "final"), and the
verb that governs it ("*receive*", "*operate*", "*signed*"). The aligner compares these lemmas
(mapped through ``lexicon.word_class``) to decide that two claims state the same fact.
Event statements that a party claims or denies become text claims, so a denial can be set
against the claim it answers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from claimgraph.extract.cues import cue_kind
from claimgraph.extract.distances import LENGTHS, reference_place
from claimgraph.extract.entities import name_key
from claimgraph.extract.lexicon import word_class
from claimgraph.extract.numbers import AGE_UNIT, DURATIONS
from claimgraph.model import Attribution, Claim, Mention, Span, Value, content_id

_NOUNS = frozenset({"NOUN", "PROPN"})
_VERBS = frozenset({"VERB", "AUX"})
_ATTACH = frozenset({"nummod", "quantmod", "compound", "nmod", "amod", "npadvmod", "appos"})
_MODIFIERS = frozenset({"amod", "compound", "nmod", "poss"})
# Only designations and named products block alignment: two figures about an S-400 and a
# Su-30MKI are never one fact, while ORG/GPE mentions vary too much between reports to block.
_SUBJECT_LABELS = ("PRODUCT",)
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_VERB_ARGS = frozenset({"nsubj", "nsubjpass", "dobj", "prt", "acomp", "oprd"})
_DETERMINERS = frozenset({"the", "these", "those", "both", "its", "their"})
_WEAK_VERBS = frozenset({"be", "have", "do", "say", "include", "take", "make", "become"})
_RELATIVE_PRONOUNS = frozenset({"whom", "which", "who", "that"})
# Pronouns and possessives say whose, not which: "his wife" and "she" are the same woman.
_PRONOUNS = frozenset(
    {"his", "her", "hers", "its", "their", "theirs", "our", "my", "your", "he", "she", "it",
     "they", "them", "we", "us", "i", "you", "him", "whom", "who", "which", "those", "these",
     "this", "that", "itself", "themselves", "himself", "herself"}
)  # fmt: skip
_REFERENCE_NOUNS = frozenset(
    {
        "report",
        "claim",
        "allegation",
        "it",
        "this",
        "that",
        "loss",
        "account",
        "assertion",
        "story",
        "news",
        "rumour",
        "rumor",
        "statement",
        "incident",
        "strike",
        "attack",
    }
)


def build_claims(
    doc: Doc,
    article_id: str,
    published: str | None,
    values: Sequence[Mention],
    entities: Sequence[Mention],
    attributions: Sequence[Attribution],
) -> list[Claim]:
    """Value claims for every value mention, plus text claims for contested statements."""
    found = (_value_claim(doc, article_id, published, m, entities, attributions) for m in values)
    claims = [c for c in found if c is not None and not _is_reference_count(doc, c)]
    contested = _text_claims(doc, article_id, published, entities, attributions)
    claims.extend(contested)
    claims.extend(_event_claims(doc, article_id, published, attributions, contested))
    return claims


def _value_claim(
    doc: Doc,
    article_id: str,
    published: str | None,
    mention: Mention,
    entities: Sequence[Mention],
    attributions: Sequence[Attribution],
) -> Claim | None:
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or mention.value is None:
        return None
    sent = span.sent
    if mention.value.kind == "date" and _stamp_line(sent):
        return None
    context, head_text = property_context(span)
    value = _as_age(_as_magnitude(mention.value, context, head_text), span)
    if value.kind == "quantity" and (head_text is None or value.unit in _UNIT_IS_PROPERTY):
        # A magnitude measures the quake whatever noun carries it ("a 6.1-magnitude quake",
        # "a temblor measuring 6.1"), and a stretch of time is a duration whatever it is of
        # ("30 hours of deliberation", "deliberated for 40 hours"; the noun stays in the
        # context); other units name the property only when no noun does.
        head_text = _unit_as_property(value.unit) or head_text
    if value.kind == "count" and head_text is None:
        head_text = bare_head(span)
    if value.kind == "quantity" and value.unit in LENGTHS:
        head_text = head_text or "distance"
        place = reference_place(span)
        context = tuple(sorted({*context, place})) if place else context
    attribution = innermost(attributions, mention.start, mention.end)
    subject = subject_of(sent, entities, doc)
    return Claim(
        id=content_id("c", article_id, mention.start, mention.end, mention.value.kind),
        article_id=article_id,
        sentence=Span(sent.start_char, sent.end_char, sent.text),
        value=value,
        value_span=Span(mention.start, mention.end, mention.text),
        stance=attribution.stance if attribution else "asserts",
        speaker=_speaker(attribution),
        cue=attribution.cue.text if attribution and attribution.cue else None,
        subject=subject,
        property=head_text,
        context=context,
        attributed=_is_attributed(attribution),
        published=published,
    )


def property_context(span: SpacySpan) -> tuple[tuple[str, ...], str | None]:
    """Lemmas describing what the value measures, and the measured noun's lemma."""
    noun = measured_noun(span)
    lemmas: list[str] = []
    anchor: Token = noun if noun is not None else span.root
    if noun is not None:
        lemmas.append(noun.lemma_)
        lemmas.extend(_describers(noun, span))
    # "312 were hurt, 41 of them seriously": how, said of the number itself, says which part.
    lemmas.extend(
        c.lemma_
        for c in span.root.children
        if c.dep_ == "advmod" and c.pos_ == "ADV" and c not in span and not c.is_stop
    )
    # "18 injured and 12 arrested": a bare number with its own reduced clause belongs to that
    # clause, not to the verb the parse coordinates it with.
    verb = (_reduced_clause(anchor) if noun is None else None) or governing_verb(anchor)
    if verb is not None:
        # "The contract is worth $2.6 billion": a weak verb says nothing, its subject does.
        if verb.lemma_ not in _WEAK_VERBS:
            lemmas.append(verb.lemma_)
        for child in (c for h in _controllers(verb) for c in h.children):
            if _is_argument(child, span, noun):
                lemmas.append(child.lemma_)
                lemmas.extend(_describers(child, span))
        for child in _shared_subjects(verb):
            if _is_argument(child, span, noun):
                lemmas.append(child.lemma_)
                lemmas.extend(_describers(child, span))
        # "the final two [are] expected by 2026": a reduced clause's subject is the word it
        # modifies.
        modified = verb.head
        if verb.dep_ in ("acl", "relcl") and modified.pos_ in _NOUNS | {"NUM"} and modified != noun:
            lemmas.append(modified.lemma_)
            lemmas.extend(_describers(modified, span))
    words = tuple(sorted({word_class(w) for w in lemmas if _content_word(w)}))
    return words, _head_of(noun)


def bare_head(span: SpacySpan) -> str | None:
    """ "killing 10 and injuring 80", "50 were hurt", "18 injured": a bare count that is what
    the verb happened to counts those it happened to, like "80 people were injured"."""
    number = span.root
    verb = _reduced_clause(number) or governing_verb(number)
    if verb is None or verb.pos_ != "VERB" or verb.lemma_ in _WEAK_VERBS:
        return None
    direct = number.head == verb and number.dep_ in ("nsubj", "nsubjpass", "dobj")
    reduced = verb.head == number and verb.dep_ == "acl"
    if not (direct or reduced) or cue_kind(verb.lemma_) is not None:
        return None
    return verb.lemma_.lower()


_STAMP_WORDS = frozenset({"published", "updated", "posted", "modified", "last"})


def _stamp_line(sent: SpacySpan) -> bool:
    """A dateline or a page's time stamp ("New Delhi, May 28 (Agency)", "Updated 5/5/2010
    1:41 PM"): it dates the report, it states nothing the report is about."""
    words = [t for t in sent if not t.is_punct and not t.is_space]
    if not words:
        return True
    if words[0].lower_ in _STAMP_WORDS:
        return True
    return not any(t.pos_ in ("VERB", "AUX") for t in words)


def _reduced_clause(token: Token) -> Token | None:
    """The participle of a reduced relative clause on ``token`` ("12 arrested", "people
    killed in the blast"), if it has one."""
    return next((c for c in token.children if c.dep_ == "acl" and c.pos_ == "VERB"), None)


def _head_of(noun: Token | None) -> str | None:
    """The measured noun's lemma; for a count of people, what happened to them ("12 people
    were injured" measures the injured, and "12 people were arrested" is another fact)."""
    if noun is None:
        return None
    lemma = noun.lemma_.lower()
    if word_class(lemma) != "people":
        return lemma
    verb = _reduced_clause(noun)
    if verb is None and noun.dep_ in ("nsubj", "nsubjpass", "dobj"):
        verb = noun.head
    if (
        verb is not None
        and verb.pos_ == "VERB"
        and verb.lemma_ not in _WEAK_VERBS
        and cue_kind(verb.lemma_) is None
    ):
        return verb.lemma_.lower()
    return lemma


def _shared_subjects(verb: Token) -> list[Token]:
    """ "Tanaka applied to the agency and joined it in 1987": a coordinated verb without a subject
    of its own shares the first verb's."""
    if verb.dep_ != "conj" or any(c.dep_ in _SUBJECT_DEPS for c in verb.children):
        return []
    return [c for c in verb.head.children if c.dep_ in _SUBJECT_DEPS]


def _controllers(verb: Token) -> list[Token]:
    """The verb and the words it is the complement of: in "ships are due to be handed over",
    the subject "ships" sits two levels above "handed"."""
    chain = [verb]
    while chain[-1].dep_ in ("xcomp", "acomp") and len(chain) < 4:
        chain.append(chain[-1].head)
    return chain


def _is_argument(child: Token, span: SpacySpan, noun: Token | None) -> bool:
    """A subject or object of the governing verb, other than the value and its noun."""
    if child.dep_ not in _VERB_ARGS or child in span or child == noun:
        return False
    return child.pos_ in _NOUNS | {"ADJ", "NUM"}


def _describers(noun: Token, span: SpacySpan) -> list[str]:
    """Modifiers and reduced clauses that say which one: "*remaining* squadrons", "a deal
    *signed* in 2018", "the *final* two"."""
    out = []
    for child in noun.children:
        if child in span:
            continue
        if child.dep_ in _MODIFIERS or child.dep_ in ("acl", "relcl"):
            out.append(child.lemma_)
    return out


def measured_noun(span: SpacySpan) -> Token | None:
    """The noun the value quantifies, or None when the value stands alone."""
    root = span.root
    if root.dep_ in _ATTACH and root.head not in span:
        head = _through_designations(root.head)
        if head.pos_ in _NOUNS:
            return head
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "of" and child not in span:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return _antecedent(objects[0])
    if root.dep_ == "pobj" and root.head.dep_ == "prep" and root.head.head.pos_ in _NOUNS:
        return root.head.head
    return None


def _antecedent(token: Token) -> Token | None:
    """ "The four robbers, two of whom ...", "a gang of six, two of them ...": a pronoun
    counts nothing itself; what it counts is the noun it stands for. A relative pronoun
    stands for the noun its clause modifies; another, for the nearest plural noun before it
    in the sentence. None when there is none."""
    if token.pos_ != "PRON":
        return token
    clause = next((t for t in token.ancestors if t.dep_ == "relcl"), None)
    if clause is not None and token.lower_ in _RELATIVE_PRONOUNS:
        return clause.head if clause.head.pos_ in _NOUNS else None
    before = [t for t in token.sent if t.i < token.i and t.tag_ in ("NNS", "NNPS")]
    return before[-1] if before else None


def _unit_as_property(unit: str | None) -> str | None:
    """With no noun to measure, some units name what is measured: a magnitude; a stretch of
    time ("in hospital for three weeks", "deliberated for 40 hours"), whatever its unit, so
    that three weeks and four weeks of one stay can be told apart as a conflict."""
    if unit == "magnitude":
        return "magnitude"
    if unit == AGE_UNIT:
        return "age"
    if unit in DURATIONS:
        return "duration"
    return None


_UNIT_IS_PROPERTY = frozenset({"magnitude", *DURATIONS})
MAX_MAGNITUDE = 10  # no earthquake on record reached 10 on any magnitude scale
_PERSON_PRONOUNS = frozenset({"he", "she"})
_DYING = frozenset({"die", "dead", "death", "pass"})


def _as_age(value: Value, span: SpacySpan) -> Value:
    """ "He was 95.", "died at 95": a bare whole number said of a person, or of a death, is
    an age, comparable with "aged 95" and "a 95-year-old"."""
    v = value.value
    if value.kind != "count" or not isinstance(v, int | float) or not 0 < v < 130 or v % 1:
        return value
    root = span.root
    head = root.head
    of_person = (
        root.dep_ in ("attr", "acomp")
        and head.lemma_ == "be"
        and any(
            c.dep_ == "nsubj" and (c.lower_ in _PERSON_PRONOUNS or c.ent_type_ == "PERSON")
            for c in head.children
        )
    )
    at_death = root.dep_ == "pobj" and head.lower_ == "at" and head.head.lemma_ in _DYING
    if not (of_person or at_death):
        return value
    return replace(value, kind="quantity", unit=AGE_UNIT)


def _through_designations(token: Token) -> Token:
    """ "seven AK-47 rifles", "four C-27J transport planes": the parse may hang the number
    on a designation or another modifier of the counted noun; what is counted is the noun
    that the modifier, in turn, modifies (to its right)."""
    for _ in range(3):
        modifies = token.dep_ in ("nummod", "compound") or (
            token.dep_ == "nmod" and token.pos_ in ("PROPN", "NUM")
        )
        if not (modifies and token.head.pos_ in _NOUNS and token.head.i > token.i):
            break
        token = token.head
    return token


def _as_magnitude(value: Value, context: tuple[str, ...], head: str | None) -> Value:
    """ "put the magnitude at 6.1", "the quake measured 6.1": a bare number that the parse ties to
    an earthquake's size is a magnitude, comparable with "a magnitude of 6.4". Only a number
    that can be one: not "26,000 people" killed by the quake, nor the time it struck."""
    v = value.value
    if value.kind != "count" or "quake" not in context or not isinstance(v, int | float):
        return value
    if (head is not None and word_class(head) != "quake") or not 0 < v < MAX_MAGNITUDE:
        return value
    return replace(value, kind="quantity", unit="magnitude")


def _is_reference_count(doc: Doc, claim: Claim) -> bool:
    """ "the two nations", "both sides", "these three leaders" refer back; they state nothing.

    A small count right after a definite determiner and right before its noun names a group
    already introduced. With a modifier ("the *remaining* two squadrons") it is a claim.
    """
    v = claim.value
    if v.kind != "count" or not isinstance(v.value, int | float) or v.value >= 10:
        return False
    span = doc.char_span(claim.value_span.start, claim.value_span.end, alignment_mode="expand")
    if span is None or span.start == 0 or span.end >= len(doc):
        return False
    before, after = doc[span.start - 1], doc[span.end]
    if span.start >= 2 and doc[span.start - 2].lower_ == "of":
        return False  # partitive: "three of the five systems" states the five
    return before.lower_ in _DETERMINERS and after.pos_ in _NOUNS and span.root.head == after


def governing_verb(token: Token) -> Token | None:
    """The nearest verb above the token (the token itself when it is one)."""
    current = token
    for _ in range(8):
        if current.pos_ in _VERBS:
            return current
        if current.head is current:
            return None
        current = current.head
    return None


def subject_of(sent: SpacySpan, entities: Sequence[Mention], doc: Doc) -> str | None:
    """The most specific named thing in the sentence; failing that, in the one before it.

    Reports name the subject once and then go on about it ("India has received three of the
    five systems" follows a sentence that names them), so one sentence of look-back helps.
    """
    for start, end in _sentence_and_previous(sent, doc):
        inside = [e for e in entities if start <= e.start < end]
        for label in _SUBJECT_LABELS:
            named = [e for e in inside if e.label == label]
            if named:
                return name_key(named[0].text)
    return None


def _sentence_and_previous(sent: SpacySpan, doc: Doc) -> list[tuple[int, int]]:
    ranges = [(sent.start_char, sent.end_char)]
    if sent.start > 0:
        previous = doc[sent.start - 1].sent
        ranges.append((previous.start_char, previous.end_char))
    return ranges


def innermost(attributions: Sequence[Attribution], start: int, end: int) -> Attribution | None:
    """The narrowest attribution whose content covers [start, end)."""
    covering = [a for a in attributions if a.content.start <= start and end <= a.content.end]
    if not covering:
        return None
    return min(covering, key=lambda a: a.content.end - a.content.start)


_CARRIER = re.compile(
    r"^(?:the\s+|a\s+|new\s+|latest\s+)*(?:data|figures|statistics|estimates?|reports?|"
    r"statements?|numbers|analysis|survey|study|records)\s+(?:from|by|of|released by|"
    r"published by|compiled by)\s+",
    re.IGNORECASE,
)


_UNCLOSED_PAREN = re.compile(r"\s*\([^)]*$")  # "… Institute (SIPRI" cut by the parse


def _speaker(attribution: Attribution | None) -> str | None:
    """Who says it: "data from the Stockholm International Peace Research Institute" is the
    institute speaking; the document that carries its words is not the speaker."""
    if attribution is None:
        return None
    name = attribution.speaker_name or (attribution.speaker.text if attribution.speaker else None)
    if not name:
        return None
    name = _UNCLOSED_PAREN.sub("", _CARRIER.sub("", " ".join(name.split()))).strip() or name
    return name


def _is_attributed(attribution: Attribution | None) -> bool:
    """Given as someone else's word: a named speaker, or a hedge like "reportedly"."""
    if attribution is None:
        return False
    return attribution.speaker is not None or attribution.stance != "asserts"


def _content_word(lemma: str) -> bool:
    return any(ch.isalpha() for ch in lemma) and len(lemma) > 1 and lemma.lower() not in _PRONOUNS


# -- text claims ----------------------------------------------------------------------------


def _text_claims(
    doc: Doc,
    article_id: str,
    published: str | None,
    entities: Sequence[Mention],
    attributions: Sequence[Attribution],
) -> list[Claim]:
    """A claim per contested statement: what a party claims, and what another denies.

    A denial often names no content of its own ("dismissed the reports", "have not confirmed
    the loss"); it answers the claims made just before it in the same report, so it borrows
    their words (all those within the last few sentences: one party's claim is often spread
    over several, "X claimed ... According to X's media ... reportedly ...").
    """
    claims: list[Claim] = []
    recent: list[tuple[int, tuple[str, ...]]] = []  # (sentence number, words) of claims made
    reported: list[tuple[int, tuple[str, ...]]] = []  # third parties' plain assertions
    sentence_no = {s.start_char: i for i, s in enumerate(doc.sents)}
    for a in sorted(attributions, key=lambda x: x.content.start):
        if a.stance == "asserts" and not a.speaker:
            continue
        words = statement_words(doc, a.content)
        here = _sentence_number(doc, a.content.start, sentence_no)
        if a.stance == "denies" and _is_reference(words):
            words = _recent_words(recent, here) or _recent_words(reported, here)
        if not words:
            continue
        if a.stance == "asserts":
            reported.append((here, words))  # only feeds a denial that names nothing itself
            continue
        if a.stance == "claims":
            recent.append((here, words))
        claims.append(_text_claim(doc, article_id, published, a, words, entities))
    return claims


_CLAIM_WINDOW = 3  # sentences a denial may look back for the claim it answers


def _sentence_number(doc: Doc, char: int, numbers: dict[int, int]) -> int:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return numbers.get(span.sent.start_char, 0) if span is not None else 0


def _recent_words(recent: list[tuple[int, tuple[str, ...]]], here: int) -> tuple[str, ...]:
    words = {w for n, ws in recent if here - n <= _CLAIM_WINDOW for w in ws}
    return tuple(sorted(words))


def statement_words(doc: Doc, content: Span) -> tuple[str, ...]:
    span = doc.char_span(content.start, content.end, alignment_mode="expand")
    if span is None:
        return ()
    keep = {word_class(t.lemma_) for t in span if t.pos_ in _NOUNS | _VERBS and not t.is_stop}
    return tuple(sorted(w for w in keep if _content_word(w) and w not in _WEAK_VERBS))


def _is_reference(words: tuple[str, ...]) -> bool:
    return all(w in _REFERENCE_NOUNS or w in ("disinformation", "propaganda") for w in words)


def _text_claim(
    doc: Doc,
    article_id: str,
    published: str | None,
    a: Attribution,
    words: tuple[str, ...],
    entities: Sequence[Mention],
) -> Claim:
    sent = doc.char_span(a.content.start, a.content.end, alignment_mode="expand")
    sentence = sent.sent if sent is not None else doc[:].sent
    holder = a.cue or a.content
    value = Value(
        kind="text", value=a.content.text, low=None, high=None, unit=None, text=a.content.text
    )
    return Claim(
        id=content_id("c", article_id, a.content.start, a.content.end, "text", a.stance),
        article_id=article_id,
        sentence=Span(sentence.start_char, sentence.end_char, sentence.text),
        value=value,
        value_span=Span(holder.start, holder.end, holder.text),
        stance=a.stance,
        speaker=_speaker(a),
        cue=a.cue.text if a.cue else None,
        subject=None,  # statements are matched on their words; a named thing must not block
        property=None,
        context=words,
        attributed=True,
        published=published,
    )


# -- event claims ---------------------------------------------------------------------------

_EVENT_DEPS = frozenset({"dobj", "xcomp", "nsubjpass", "attr", "ccomp", "oprd"})


def event_pairs(sent: SpacySpan) -> tuple[str, ...]:
    """What happened, as verb>object pairs ("decline>sign", "sign>declaration").

    Two reports of one event rarely share a sentence, but they share what was done to what.
    """
    pairs = set()
    for token in sent:
        if token.pos_ not in _VERBS or token.lemma_ in _WEAK_VERBS or token.is_stop:
            continue
        for child in token.children:
            if child.dep_ in _EVENT_DEPS and child.pos_ in _NOUNS | _VERBS and not child.is_stop:
                pairs.add(f"{word_class(token.lemma_)}>{word_class(child.lemma_)}")
    return tuple(sorted(p for p in pairs if all(_content_word(w) for w in p.split(">"))))


def _event_claims(
    doc: Doc,
    article_id: str,
    published: str | None,
    attributions: Sequence[Attribution],
    contested: Sequence[Claim],
) -> list[Claim]:
    """A claim per sentence that reports something done, for cross-report corroboration."""
    taken = {c.sentence.start for c in contested}
    claims = []
    for sent in doc.sents:
        if sent.start_char in taken or not any(t.ent_type_ for t in sent):
            continue
        pairs = event_pairs(sent)
        if not pairs:
            continue
        attribution = innermost(attributions, sent.start_char, sent.start_char + 1)
        value = Value(
            kind="text", value=sent.text, low=None, high=None, unit=None, text=sent.text.strip()
        )
        claims.append(
            Claim(
                id=content_id("c", article_id, sent.start_char, sent.end_char, "event"),
                article_id=article_id,
                sentence=Span(sent.start_char, sent.end_char, sent.text),
                value=value,
                value_span=Span(sent.start_char, sent.end_char, sent.text),
                stance=attribution.stance if attribution else "asserts",
                speaker=_speaker(attribution),
                cue=attribution.cue.text if attribution and attribution.cue else None,
                subject=None,
                property="event",
                context=pairs,
                attributed=_is_attributed(attribution),
                published=published,
            )
        )
    return claims

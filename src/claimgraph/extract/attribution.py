"""Attribution: who says what, with which stance.

Rules over spaCy's dependency parse, one pass over the tokens:

* a cue verb ("said", "claimed", "denied") takes its content from its clausal complement
  (``ccomp``/``xcomp``, a ``that``-``advcl``), its object where the verb allows one ("confirmed
  the strike", "called him a liar"), or a topic preposition ("talked about"); when the cue sits
  inside the content ("The deal, he said, is done") the content is the governing clause minus
  the cue; failing all that, an adjacent quotation ("“Not one,” he said.");
* the speaker is the subject, the passive agent, or the subject inherited along
  ``conj``/``advcl``/``xcomp``/``pcomp`` ("and added", "adding that", "by saying");
* "declined to confirm" and "did not confirm" are denials, "did not deny" is not;
* nominal cues ("Pakistan's claim that ...") take the possessor as speaker and the that-clause as
  content; "according to X" makes X the speaker of the clause around it; "reportedly" and
  "allegedly" mark the clause as a claim with no speaker; "NAME: ..." opens a transcript turn
  or a headline quote;
* quotations are found on the raw text, so a content that reaches into one grows to cover all
  of it across sentence breaks ("“A. B. C,” she said"), and a quotation that resumes right
  after the cue joins it ("“A,” she said. “B.”"); content never leaves the cue's paragraph.

Nested attributions are all returned ("state media said the army claimed ...": two), and
``attribution_for`` picks the innermost one that covers a value. "I think" inside a quotation is
left to the quotation's own cue. Speakers are resolved to a name (pronouns, "the minister",
surnames) by ``speakers.SpeakerNames``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from claimgraph.extract import cues
from claimgraph.extract.cues import inside_quote, quote_regions, stance_of_cue
from claimgraph.extract.speakers import SpeakerNames
from claimgraph.model import Attribution, Span, Stance

__all__ = ["attribution_for", "find_attributions", "quote_regions", "stance_of_cue"]

_CACHE_KEY = "claimgraph.attributions"
_Regions = list[tuple[int, int]]  # sorted character ranges (quotations)
_TRIM = set(".,;:-–—()[]")
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
# Climbing these arcs keeps the same speaker: "smiled and added", "adding that", "went on to
# say", "by saying" (pcomp, then its preposition), "was quick to point out" (acomp).
_INHERITS_SUBJECT = ("conj", "advcl", "xcomp", "pcomp", "prep", "acomp")
_NAMED_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_DASHES = frozenset({"-", "–", "—", "--"})
_NAME_JOINERS = frozenset({"of", "at", "to", "the", "for", "and", "on", "in", "from"})


@dataclass(frozen=True, slots=True)
class _Context:
    """What every cue needs besides its token: the text, its quotations, the cue tier."""

    text: str
    quotes: _Regions
    broad: bool


@dataclass(slots=True)
class _Draft:
    """A found attribution in character offsets, before names are resolved."""

    cue: tuple[int, int] | None
    content: tuple[int, int]
    stance: Stance
    speaker: tuple[int, int] | None = None
    speaker_head: Token | None = None

    @classmethod
    def of(
        cls, cue: tuple[int, int], content: tuple[int, int], stance: Stance, who: Token | None
    ) -> _Draft:
        """A draft whose speaker is the noun phrase headed by ``who``."""
        return cls(cue, content, stance, _phrase_range(who) if who is not None else None, who)


# --- public API --------------------------------------------------------------------------------


def find_attributions(doc: Doc, *, broad: bool = False) -> list[Attribution]:
    """All attributions in ``doc``, ordered by where their content starts.

    ``broad`` adds evaluative and volitional cues ("criticized", "wants", "supports"), as the
    PolNeAR annotation does; the default keeps to statements, beliefs and denials.
    """
    text = doc.text  # built on each access: read it once
    ctx = _Context(text, quote_regions(text), broad)
    # Words used as names anywhere in the article: a headline's "Sanders:" is tagged a noun.
    proper = {t.lower_ for t in doc if t.pos_ == "PROPN" or t.ent_type_ in _NAMED_LABELS}
    drafts = [d for d in (_colon_draft(s, proper) for s in doc.sents) if d is not None]
    for tok in doc:
        draft = _draft_at(tok, ctx)
        if draft is not None and draft.content[1] > draft.content[0]:
            drafts.append(draft)
    names = SpeakerNames(doc)
    breaks = [m.start() for m in re.finditer("\n", text)]
    found: dict[tuple[object, ...], Attribution] = {}
    # In text order, so that "they" can find the group that spoke last.
    for draft in sorted(drafts, key=lambda d: d.cue[0] if d.cue else d.content[0]):
        if not _place(draft, ctx.quotes, breaks, text):
            continue
        att = _finish(text, draft, names)
        found.setdefault((att.cue, att.content, att.speaker), att)
    return sorted(found.values(), key=lambda a: (a.content.start, -a.content.end))


def attribution_for(
    doc: Doc, start: int, end: int, attributions: list[Attribution] | None = None
) -> Attribution | None:
    """The innermost attribution whose content covers the character range ``[start, end)``.

    ``None`` means the article states it in its own voice. Attributions are computed once per doc
    and kept in ``doc.user_data`` unless the caller passes them.
    """
    if attributions is None:
        cached = doc.user_data.get(_CACHE_KEY)
        if cached is None:
            cached = find_attributions(doc)
            doc.user_data[_CACHE_KEY] = cached
        attributions = cached
    covering = [a for a in attributions if a.content.start <= start and end <= a.content.end]
    if not covering:
        return None
    return min(covering, key=lambda a: a.content.end - a.content.start)


# --- finding cues ------------------------------------------------------------------------------


def _draft_at(tok: Token, ctx: _Context) -> _Draft | None:
    low = tok.lower_
    if low in cues.ADVERB_CUES and tok.dep_ == "advmod":
        return _adverb_draft(tok)
    if low == "according":
        return _according_draft(tok)
    if low == "in" and tok.dep_ == "prep":
        return _in_source_draft(tok)
    if tok.pos_ == "VERB" and _lemma(tok) == "make":
        return _made_clear_draft(tok)
    if tok.pos_ in ("VERB", "AUX"):
        kind = cues.cue_kind(_lemma(tok))
        if kind == "core" or (kind == "broad" and ctx.broad):
            return _verb_draft(tok, ctx)
    elif tok.pos_ == "NOUN":
        return _noun_draft(tok, ctx.broad)
    return None


def _verb_draft(tok: Token, ctx: _Context) -> _Draft | None:
    if _wraps_cue(tok) or _quoted_first_person(tok, ctx.quotes) or _bare_infinitive(tok):
        return None
    refused = tok.dep_ == "xcomp" and _lemma(tok.head) in cues.REFUSAL_HEADS
    anchor = tok.head if refused else tok
    content, last = _verb_content(tok, ctx)
    if content is None:
        return None
    stance = stance_of_cue(_lemma(tok), refused or _negated(tok))
    return _Draft.of(_cue_range(anchor, last), content, stance, _speaker_token(anchor))


def _made_clear_draft(make: Token) -> _Draft | None:
    """ "made (it) clear that ...", "makes plain ...": what follows the adjective is stated."""
    adj = next((c for c in make.rights if c.lower_ in ("clear", "plain")), None)
    if adj is None or adj.right_edge.i <= adj.i:
        return None
    content = _trimmed(make.doc, adj.i + 1, adj.right_edge.i)
    if content is None:
        return None
    return _Draft.of(_cue_range(make, adj), content, "asserts", _speaker_token(make))


def _wraps_cue(tok: Token) -> bool:
    if _lemma(tok) not in cues.REFUSAL_HEADS:
        return False
    return any(c.dep_ == "xcomp" and cues.cue_kind(_lemma(c)) for c in tok.children)


def _lemma(tok: Token) -> str:
    return cues.fix_lemma(tok.lower_, tok.lemma_)


def _quoted_first_person(tok: Token, quotes: _Regions) -> bool:
    """ "I think", "you know" inside a quotation: the quoted voice, already attributed by the
    cue outside the quotation."""
    subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ not in ("i", "we", "you"):
        return False
    return inside_quote(quotes, tok.idx)


def _bare_infinitive(tok: Token) -> bool:
    """ "a chance to challenge", "reluctant to support": an infinitive hanging off a noun or an
    adjective is a possible act, not a reported one."""
    if tok.dep_ in ("xcomp", "ccomp", "advcl", "conj", "ROOT"):
        return False
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ == "never" for c in tok.children)


def _verb_content(tok: Token, ctx: _Context) -> tuple[tuple[int, int] | None, Token]:
    """The clause, object or quotation the cue verb introduces (a character range), and the
    last token of the cue (the verb, or a preposition that joins it: "pointed to")."""
    parts = [c for c in tok.children if _is_complement(tok, c)]
    # "voters said A, and 4 in 10 said B": the second report is its own attribution.
    own = [c for c in parts if not (c.i > tok.i and _reports_own_speech(c))]
    if own:
        lo, hi = own[0].left_edge.i, own[-1].right_edge.i
        if own[0].i > tok.i:
            lo = max(lo, tok.i + 1)  # "which he said had harmed": not the relative pronoun
        return _trimmed(tok.doc, lo, _before_participle(tok.doc, lo, hi)), tok
    if tok.dep_ == "parataxis" or _trailing_ccomp(tok):
        # "The deal is done, he said": the cue hangs off the clause it reports.
        return _head_minus(tok), tok
    prep = _prep_object(tok)
    if prep is not None:
        return _trimmed(tok.doc, prep.i + 1, prep.right_edge.i), prep
    return _adjacent_quote(tok, ctx), tok


def _trailing_ccomp(tok: Token) -> bool:
    """ "..., he said" misparsed as a complement of the reported clause: after a comma, under a
    head that is not itself a cue."""
    if tok.dep_ != "ccomp" or tok.i < tok.head.i or cues.cue_kind(_lemma(tok.head)) is not None:
        return False
    left = tok.left_edge.i
    return left > 0 and tok.doc[left - 1].text in (",", "”", '"', "''")


def _is_complement(verb: Token, child: Token) -> bool:
    dep, lemma = child.dep_, _lemma(verb)
    if dep == "ccomp" or (dep == "advcl" and _has_mark(child, ("that", "whether", "if"))):
        return True
    if dep == "prep" and child.lower_ == "as":
        # "saw immigrants as a burden", "dismissed the reports as baseless"
        return any(c.dep_ in ("dobj", "nsubjpass") for c in verb.children)
    if lemma in cues.CLAUSE_ONLY and not (dep == "xcomp" and lemma not in cues.NO_INFINITIVE):
        return dep == "dobj" and any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children)
    if dep == "xcomp":
        return child.pos_ in ("VERB", "AUX")
    if dep in ("dobj", "oprd", "intj"):
        return not (dep == "dobj" and cues.takes_addressee(lemma))
    if dep == "nsubjpass":
        # "The strike was confirmed by officials"; not "it was reported that ..." (expletive),
        # "he was told ..." (the listener) or "Trump is expected to win" (the clause says it).
        return (
            child.lower_ not in ("it", "there")
            and not cues.takes_addressee(lemma)
            and not any(c.dep_ in ("ccomp", "xcomp") for c in verb.children)
        )
    return False


def _before_participle(doc: Doc, lo: int, hi: int) -> int:
    """End the content before a trailing ", saying ..." / ", adding ..." clause: the parser often
    hangs it inside the reported clause, but it is the same speaker's next statement."""
    for i in range(lo + 1, hi + 1):
        tok = doc[i]
        if (
            _is_participle_cue(tok)
            and tok.left_edge.i > lo
            and doc[tok.left_edge.i - 1].text == ","
        ):
            return tok.left_edge.i - 2
    return hi


def _reports_own_speech(tok: Token) -> bool:
    """A core cue verb with a subject of its own, coordinated with the first report."""
    if cues.cue_kind(_lemma(tok)) != "core" or tok.pos_ not in ("VERB", "AUX"):
        return False
    if not any(c.dep_ == "nsubj" for c in tok.children):
        return False
    before = tok.left_edge.i - 1
    return any(c.dep_ == "cc" for c in tok.lefts) or (before >= 0 and tok.doc[before].dep_ == "cc")


def _is_participle_cue(tok: Token) -> bool:
    return (
        tok.dep_ == "advcl"
        and tok.tag_ == "VBG"
        and cues.cue_kind(_lemma(tok)) is not None
        and not any(c.dep_ in _SUBJECTS for c in tok.children)
    )


def _has_mark(tok: Token, words: tuple[str, ...]) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in words for c in tok.children)


def _prep_object(verb: Token) -> Token | None:
    """The preposition right after the verb when it carries what is said ("talked about",
    "pointed to", "called for")."""
    doc = verb.doc
    nxt = verb.i + 1
    if nxt < len(doc) and doc[nxt].dep_ == "prt" and doc[nxt].head == verb:
        nxt += 1
    if nxt >= len(doc):
        return None
    prep = doc[nxt]
    if prep.dep_ != "prep" or prep.head != verb or prep.lower_ not in cues.PREP_CUES:
        return None
    allowed = cues.PREP_ONLY_VERBS.get(_lemma(verb))
    if (allowed is not None and prep.lower_ not in allowed) or _lemma(verb) in cues.NO_PREP_VERBS:
        return None
    obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
    if obj is None or obj.ent_type_ in ("DATE", "TIME"):
        return None  # "said on Saturday": when, not what
    return prep


def _adjacent_quote(verb: Token, ctx: _Context) -> tuple[int, int] | None:
    """A quotation right before or after the cue's clause, when the parse did not attach it
    ("“Not even one,” he said." / "He went on to say: “...”")."""
    if cues.cue_kind(_lemma(verb)) != "core" and _lemma(verb) not in cues.QUOTE_VERBS:
        return None
    clause = (verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge))
    return cues.adjacent_quote((verb.idx, verb.idx + len(verb)), clause, ctx.quotes, ctx.text)


def _head_minus(tok: Token) -> tuple[int, int] | None:
    """The head clause's extent without the cue's own subtree (which sits at one end of it)."""
    head, doc = tok.head, tok.doc
    lo, hi = head.left_edge.i, head.right_edge.i
    while hi > lo and doc[hi].is_punct and doc[hi].text not in cues.CLOSING_QUOTES:
        hi -= 1
    cut_lo, cut_hi = tok.left_edge.i, tok.right_edge.i
    if cut_hi >= hi:
        hi = cut_lo - 1
    elif cut_lo <= lo:
        lo = cut_hi + 1
    if hi < lo:
        return None
    return _trimmed(tok.doc, lo, hi)


def _speaker_token(verb: Token) -> Token | None:
    """The subject of the cue verb, else the passive agent, else one inherited from the verb it
    hangs off ("and added", "adding that"): at most a few steps up, never across a ``ccomp``."""
    tok = verb
    if _is_participle_cue(tok):
        # ", saying ...": the speaker of the nearest cue above, not of the clause it hangs in.
        above = next((a for a in tok.ancestors if cues.cue_kind(_lemma(a)) == "core"), None)
        if above is not None and above.pos_ in ("VERB", "AUX"):
            tok = above
    for _ in range(6):
        for child in tok.children:
            if child.dep_ in ("nsubj", "csubj"):
                return child
        for child in tok.children:
            if child.dep_ == "agent":
                objs = [g for g in child.children if g.dep_ == "pobj"]
                if objs:
                    return objs[0]
        if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN"):
            return tok.head  # "a statement saying ...": the document speaks
        if tok.dep_ not in _INHERITS_SUBJECT or tok.head is tok:
            return None
        tok = tok.head
    return None


def _cue_range(anchor: Token, verb: Token) -> tuple[int, int]:
    """The cue verb with its auxiliaries and negation ("have not confirmed", "declined to
    confirm") and a verb particle ("pointed out")."""
    doc = anchor.doc
    first = anchor.i
    while (
        first > 0
        and doc[first - 1].dep_ in ("aux", "auxpass", "neg")
        and doc[first - 1].head == anchor
    ):
        first -= 1
    last = verb.i
    if last + 1 < len(doc) and doc[last + 1].dep_ == "prt" and doc[last + 1].head == verb:
        last += 1
    return doc[first].idx, doc[last].idx + len(doc[last])


def _noun_draft(tok: Token, broad: bool) -> _Draft | None:
    """ "Pakistan's claim that ...", "the denial by the ministry that ...", and (broad) "his
    refusal to testify", "Warren's criticism of the bank"."""
    stance = cues.noun_stance(tok.lemma_, broad)
    if stance is None:
        return None
    speaker = _noun_holder(tok)
    clause = next((c for c in tok.rights if _is_that_clause(c)), None)
    if clause is None and speaker is not None:
        clause = next((c for c in tok.rights if _is_noun_complement(c)), None)
    if clause is None:
        return None
    content = _trimmed(tok.doc, clause.left_edge.i, clause.right_edge.i)
    if content is None:
        return None
    return _Draft.of((tok.idx, tok.idx + len(tok)), content, stance, speaker)


def _noun_holder(tok: Token) -> Token | None:
    """The possessor ("Pakistan's claim") or the agent ("the claim by Pakistan")."""
    poss = next((c for c in tok.lefts if c.dep_ == "poss"), None)
    if poss is not None:
        return poss
    by = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "by"), None)
    return next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None


def _is_noun_complement(tok: Token) -> bool:
    if tok.dep_ == "acl":
        return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    return tok.dep_ == "prep" and tok.lower_ in cues.TOPIC_PREPS | {"for"}


def _is_that_clause(tok: Token) -> bool:
    if tok.dep_ not in ("acl", "ccomp", "appos", "relcl"):
        return False
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in tok.children)


def _colon_draft(sent: SpacySpan, proper: set[str]) -> _Draft | None:
    """A name and a colon opening a sentence or a dash-separated segment: a transcript turn
    ("SMITH: We will win."), a headline quote ("Smith: ‘We will win’"), a cited passage ("-
    More from Jones: “...”")."""
    doc = sent.doc
    colon = next((t for t in sent[:10] if t.text == ":"), None)
    if colon is None or colon.i + 1 >= sent.end:
        return None
    start = sent.start
    for tok in doc[sent.start : colon.i]:
        if tok.text in _DASHES:
            start = tok.i + 1
    name = doc[start : colon.i]
    content = _trimmed(doc, colon.i + 1, sent.end - 1) if _is_name(name, proper) else None
    if content is None:
        return None
    who = name.root
    return _Draft(
        (colon.idx, colon.idx + 1), content, "asserts", (name.start_char, name.end_char), who
    )


def _is_name(span: SpacySpan, proper: set[str]) -> bool:
    """A short capitalised phrase with a proper noun in it, or an all-capitals speaker label
    ("Kelli Ward", "Former AG Mukasey at RNC", "TAPPER"); not "Update" or "Read more"."""
    words = [t for t in span if not t.is_punct]
    if not words or len(words) > 6 or not (words[0].is_title or words[0].is_upper):
        return False
    if not all(t.is_title or t.is_upper or t.lower_ in _NAME_JOINERS for t in words):
        return False
    if all(t.is_upper and len(t) > 1 for t in words):
        return True
    return any(t.pos_ == "PROPN" or t.lower_ in proper for t in words)


def _adverb_draft(tok: Token) -> _Draft | None:
    head = tok.head
    content = _trimmed(tok.doc, head.left_edge.i, head.right_edge.i)
    if content is None:
        return None
    return _Draft(cue=(tok.idx, tok.idx + len(tok)), content=content, stance="claims")


def _according_draft(tok: Token) -> _Draft | None:
    doc = tok.doc
    if tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
        return None
    to = doc[tok.i + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    content = _head_minus(tok) if tok.head is not tok else None
    if content is None:
        return None
    return _Draft.of((tok.idx, to.idx + len(to)), content, "asserts", source)


def _in_source_draft(prep: Token) -> _Draft | None:
    """ "In a poll released Monday, Clinton led by 4 points": the poll speaks for the clause
    around it, unless that clause has its own cue ("said in a statement")."""
    head = prep.head
    source = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if source is None or source.lemma_.lower() not in cues.SOURCE_NOUNS:
        return None
    if head.pos_ not in ("VERB", "AUX") or cues.cue_kind(_lemma(head)) is not None:
        return None
    end = prep.right_edge.i + 1
    if prep.i > head.i or end >= len(prep.doc) or prep.doc[end].text != ",":
        return None  # "trails in the polls" is a standing, not a finding set out by a poll
    content = _head_minus(prep)
    if content is None:
        return None
    return _Draft.of((prep.idx, prep.idx + len(prep)), content, "asserts", source)


# --- spans -------------------------------------------------------------------------------------


def _phrase_range(tok: Token) -> tuple[int, int]:
    """A speaker's noun phrase: its subtree, without a trailing possessive or punctuation."""
    doc = tok.doc
    lo, hi = tok.left_edge.i, tok.right_edge.i
    if tok.dep_ == "poss" and hi > tok.i and doc[hi].dep_ == "case":
        hi -= 1
    rng = _trimmed(doc, lo, hi)
    return rng if rng is not None else (tok.idx, tok.idx + len(tok))


def _trimmed(doc: Doc, lo: int, hi: int) -> tuple[int, int] | None:
    """Token range ``[lo, hi]`` as characters, without dangling punctuation at either end
    (quote marks stay: they belong to the quotation)."""
    while lo <= hi and (doc[lo].text in _TRIM or doc[lo].is_space):
        lo += 1
    while hi >= lo and (doc[hi].text in _TRIM or doc[hi].is_space or doc[hi].dep_ == "cc"):
        hi -= 1  # "prices were too low, and": the conjunction opens the next clause
    if hi < lo:
        return None
    return doc[lo].idx, doc[hi].idx + len(doc[hi])


def _place(draft: _Draft, quotes: _Regions, breaks: list[int], text: str) -> bool:
    """Settle the content against the quotations and the paragraph (see :mod:`cues`); False
    when nothing is left of it."""
    content = cues.extend_over_quotes(draft.content, draft.cue, quotes, text)
    para = cues.paragraph_of(breaks, draft.cue[0] if draft.cue else content[0], len(text))
    clipped = cues.clip(content, para, text)
    if clipped is None:
        return False
    draft.content = clipped
    if draft.speaker is not None:
        draft.speaker = cues.clip(draft.speaker, para, text)
        draft.speaker_head = draft.speaker_head if draft.speaker is not None else None
    return True


def _span(text: str, rng: tuple[int, int] | None) -> Span | None:
    if rng is None:
        return None
    return Span(rng[0], rng[1], text[rng[0] : rng[1]])


def _finish(text: str, draft: _Draft, names: SpeakerNames) -> Attribution:
    speaker = _span(text, draft.speaker)
    content = _span(text, draft.content)
    assert content is not None
    name = None
    if speaker is not None:
        name = names.resolve(draft.speaker_head, speaker.text)
        names.note(draft.speaker_head, name)
    return Attribution(
        speaker=speaker,
        cue=_span(text, draft.cue),
        content=content,
        stance=draft.stance,
        speaker_name=name,
    )

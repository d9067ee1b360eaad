"""The surface signals of attribution: cue words by stance, and quotation marks.

Stance says how the reporter presents the content (``asserts``: stated as given, ``claims``:
someone's contested or unverified position, ``denies``: someone rejects it). Cues are grouped by
*lemma* so that tense and person never matter ("said", "says", "saying" are one entry).

Two tiers: ``core`` cues introduce statements and beliefs (what claimgraph needs to know who
stands behind a value); ``broad`` cues are the evaluative and volitional verbs ("criticized",
"wants", "supports") that attribution corpora such as PolNeAR also annotate. Their content is
usually a topic rather than a proposition, so they are off unless asked for.

Quotations are found on the raw text (:func:`quote_regions`), independently of the parser,
because a quotation routinely spans sentences the parser splits; the helpers at the end settle
a content span against them and against paragraph breaks. Everything here works on plain
strings and character ranges, so it is cheap to test and to reuse.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Final, Literal

from claimgraph.model import Stance

CueKind = Literal["core", "broad"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# --- verbs -------------------------------------------------------------------------------------

_ASSERT_VERBS: Final = _words(
    """say tell state announce confirm note add explain inform highlight describe emphasize
    emphasise stress report reveal acknowledge write tweet post declare respond reply answer
    recall mention observe remark comment continue conclude testify admit concede disclose
    indicate show find agree assure warn reiterate repeat recount clarify specify confide
    email text publish quote cite list detail outline point estimate calculate project
    forecast proclaim signal affirm certify verify demonstrate document learn reaffirm
    narrate read joke quip boast brag shout yell exclaim whisper mutter scream complain
    lament express echo remind caution voice chant plead reference underscore articulate
    interject recite retweet vouch"""
)

# Positions the reporter does not vouch for: contested statements and private beliefs.
_CLAIM_VERBS: Final = _words(
    """claim allege insist maintain contend purport suggest argue assert accuse charge
    believe think feel suspect speculate guess presume assume hypothesize theorize imply
    hint insinuate posit aver avow opine reckon expect fear worry hope doubt predict
    counter"""
)

_DENY_VERBS: Final = _words(
    "deny dismiss reject refute dispute disavow contradict rebut debunk disclaim repudiate rebuff"
)

# Evaluative and volitional verbs: the holder's attitude to a topic, not a statement of fact.
_BROAD_VERBS: Final = _words(
    """ask call urge criticize criticise praise blame attack blast slam endorse support oppose
    back defend want wish plan seek intend vow promise pledge threaten demand propose
    recommend request decry denounce condemn welcome applaud mock ridicule thank congratulate
    hail laud lambast berate chide scold rebuke fault question refer discuss address tout
    champion advocate favor favour prefer like love hate dislike decline refuse challenge
    know see consider regard view imagine wonder understand realize realise recognize
    recognise forget remember appear seem envision characterize characterise label dub offer
    assail credit portray order invoke allude liken deride bemoan lash attribute convince
    persuade apologize apologise"""
)

# Prepositions that join a cue verb and carry its content ("pointed to", "called for").
PREP_CUES: Final = _words("about of to for on against")
TOPIC_PREPS: Final = _words("about of on against")
# Verbs that report a position only through one of their prepositions: "spoke about" (not
# "spoke to reporters"), "railed against", "would vote for" (a poll's stated preference).
PREP_ONLY_VERBS: Final[dict[str, frozenset[str]]] = {
    "speak": _words("about of"),
    "talk": _words("about of"),
    "rail": _words("against"),
    "vote": _words("for against"),
}
# "did not respond to requests for comment": the preposition names the request, not a topic.
NO_PREP_VERBS: Final = _words("respond reply answer")

# "In a new poll, Clinton leads by 4 points": findings set "in" a poll are the poll's. (Other
# documents, "in a statement", "in an interview", mostly frame the reporter's own narration.)
SOURCE_NOUNS: Final = _words("poll survey study")

# "declined to confirm", "refused to say": the head verb turns the speech verb into a denial.
REFUSAL_HEADS: Final = _words("decline refuse fail")

# Verbs whose object is not what is said: "maintains a fleet", "found a group", "added a
# clause". They introduce content through a clause, a quotation or "X as Y" only.
CLAUSE_ONLY: Final = _words(
    """maintain continue add find see know feel understand determine prove establish grant
    forget remember learn hold read consider imagine assume write post publish list realize
    realise recognize recognise like love hate want wish prefer answer address"""
)
# ... and of those, the ones whose infinitive is no content either ("continues to fly").
NO_INFINITIVE: Final = _words("continue add find see know show write learn hold read")

# Broad-tier verbs that still introduce a bare quotation ("he continued, “...”").
QUOTE_VERBS: Final = _words("ask call continue")

# Verbs whose direct object is the listener, not the content ("told IANS that ...").
_ADDRESSEE_VERBS: Final = _words("tell inform assure brief warn ask urge remind")

# Forms the small English model lemmatizes wrongly ("hoping" -> "hop", "retweeted" ->
# "retweete"): looked up by surface form before the lemma is trusted.
_LEMMA_FIXES: Final = {
    **dict.fromkeys(("hoping", "hoped", "hopes"), "hope"),
    **dict.fromkeys(("retweeted", "retweeting", "retweets"), "retweet"),
}

# --- nouns ("Pakistan's claim that ...", "the denial by the ministry") --------------------------

_NOUN_STANCE: Final[dict[str, Stance]] = {
    **dict.fromkeys(
        _words(
            """statement announcement report remark comment confirmation testimony admission
            acknowledgment acknowledgement disclosure revelation observation explanation
            assurance warning note message"""
        ),
        "asserts",
    ),
    **dict.fromkeys(
        _words(
            """claim allegation assertion contention insistence suggestion argument belief view
            assessment estimate prediction accusation charge theory speculation rumor rumour
            suspicion fear hope expectation opinion impression conviction narrative"""
        ),
        "claims",
    ),
    **dict.fromkeys(_words("denial rejection refutation dismissal rebuttal"), "denies"),
}

# Broad tier: a party's position on a topic ("his refusal to testify", "her support for the
# bill", "Warren's criticism of the bank").
BROAD_NOUNS: Final = _words(
    """criticism support endorsement decision refusal promise pledge vow plan demand call
    proposal opposition praise complaint response concern attack threat appeal request"""
)

# --- adverbs, speakers -------------------------------------------------------------------------

ADVERB_CUES: Final = _words("reportedly allegedly purportedly supposedly ostensibly")

RELATIVE_PRONOUNS: Final = _words("who which that whom whose")

# Titles that stand for a person named nearby ("the minister said").
PERSON_TITLES: Final = _words(
    """minister ambassador official spokesman spokeswoman spokesperson president secretary
    chief general senator governor candidate envoy commander director chairman chairwoman
    chair leader premier diplomat adviser advisor aide lawyer attorney prosecutor judge mayor
    officer analyst expert source representative congressman congresswoman nominee king queen
    prince emir sheikh pm ceo founder executive"""
)

# Collective nouns that stand for a body named nearby ("the ministry").
BODY_TITLES: Final = _words(
    """ministry government company firm agency department campaign committee army navy
    military administration organisation organization party group council commission"""
)


def fix_lemma(lower: str, lemma: str) -> str:
    """The lemma of a word, corrected for the few cue verbs the model gets wrong."""
    return _LEMMA_FIXES.get(lower, lemma.lower())


def cue_kind(lemma: str) -> CueKind | None:
    """``core`` or ``broad`` for a verb lemma that can introduce attribution, else ``None``."""
    lemma = lemma.lower()
    if lemma in _ASSERT_VERBS or lemma in _CLAIM_VERBS or lemma in _DENY_VERBS:
        return "core"
    if lemma in _BROAD_VERBS or lemma in PREP_ONLY_VERBS:
        return "broad"
    return None


def noun_stance(lemma: str, broad: bool = False) -> Stance | None:
    """The stance of a nominal cue ("claim" -> claims), or ``None`` when it is not one."""
    lemma = lemma.lower()
    if broad and lemma in BROAD_NOUNS:
        return _NOUN_STANCE.get(lemma, "claims")
    return _NOUN_STANCE.get(lemma)


def takes_addressee(lemma: str) -> bool:
    """True when the verb's direct object is the listener, not the content ("told IANS")."""
    return lemma.lower() in _ADDRESSEE_VERBS


def stance_of_cue(lemma: str, negated: bool) -> Stance:
    """The stance a cue lemma gives its content, with negation folded in.

    A negated statement ("did not confirm", "have not confirmed") withholds support, which is how
    reports present a denial; a negated denial ("did not deny") leaves the content as the
    holder's unconfirmed position, and so does a negated attitude ("does not want").
    """
    lemma = lemma.lower()
    base: Stance
    if lemma in _DENY_VERBS:
        base = "denies"
    elif lemma in _CLAIM_VERBS or lemma in ADVERB_CUES:
        base = "claims"
    elif lemma in _ASSERT_VERBS:
        base = "asserts"
    else:
        base = "claims" if cue_kind(lemma) == "broad" else "asserts"
    if not negated:
        return base
    if base == "denies" or cue_kind(lemma) == "broad":
        return "claims"
    return "denies"


# --- quotation marks ---------------------------------------------------------------------------

_QUOTE_MARKS = re.compile(r"[“”\"\n]|''")
CLOSING_QUOTES: Final = ("”", '"', "''", "’")
Range = tuple[int, int]
# Between a clause and a quotation it introduces or follows: punctuation and space only.
_GAP = re.compile(r"[\s,:;.—–-]*")
# After "she said": a short tail of the same clause ("on Tuesday", "in a statement"), then the
# sentence break, then the quotation resumes.
_RESUME_GAP = re.compile(r"[^“”\"\n.!?]{0,60}[.,:]? ?\s?")


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges of quotations, quote marks included, in text order.

    Curly quotes pair by shape; straight quotes (and the doubled apostrophes of some wire
    feeds) alternate. A quotation never crosses a line break: news style reopens a quote on
    each paragraph without closing the previous one.
    """
    regions: list[tuple[int, int]] = []
    start: int | None = None
    for m in _QUOTE_MARKS.finditer(text):
        mark, i = m.group(), m.start()
        opening = (mark == "“" and not _misused_close(text, i, start)) or (
            mark in ('"', "''") and start is None
        )
        if mark == "\n" or opening:
            if start is not None and i - start > 1:
                regions.append((start, i))
            start = i if opening else None
        elif start is not None:
            regions.append((start, m.end()))
            start = None
    if start is not None:
        regions.append((start, len(text)))
    return regions


def _misused_close(text: str, i: int, start: int | None) -> bool:
    """An opening mark typed where a closing one belongs ("“Not yet,“ he said"): a quotation
    is open, and the mark follows a word or punctuation and precedes a space or the end."""
    if start is None or i == 0 or text[i - 1].isspace():
        return False
    return i + 1 >= len(text) or text[i + 1].isspace() or text[i + 1] in ".,;:!?"


def inside_quote(quotes: list[tuple[int, int]], pos: int) -> bool:
    """True when character ``pos`` lies strictly inside one of ``quotes`` (sorted)."""
    i = bisect_left(quotes, (pos + 1, pos + 1)) - 1
    return i >= 0 and quotes[i][0] < pos < quotes[i][1]


def adjacent_quote(cue: Range, clause: Range, quotes: list[Range], text: str) -> Range | None:
    """The quotation(s) right before and/or after ``clause`` (the cue's clause), separated from
    it by punctuation and space only; ``None`` when there is none."""
    i = bisect_left(quotes, (cue[0], cue[0]))
    found: list[Range] = []
    if i > 0 and quotes[i - 1][1] <= cue[0]:
        q = quotes[i - 1]
        if q[1] >= clause[0] or _GAP.fullmatch(text, q[1], clause[0]):
            found.append(q)
    if i < len(quotes) and quotes[i][0] >= cue[1]:
        q = quotes[i]
        if q[0] <= clause[1] or _GAP.fullmatch(text, clause[1], q[0]):
            found.append(q)
    return (found[0][0], found[-1][1]) if found else None


def extend_over_quotes(content: Range, cue: Range | None, quotes: list[Range], text: str) -> Range:
    """Grow ``content`` to whole quotations it reaches into, unless the cue is itself quoted (a
    speaker quoting someone else inside a quotation); then over a quotation that resumes right
    after the cue ("“A,” she said. “B.”")."""
    if not quotes or (cue is not None and inside_quote(quotes, cue[0])):
        return content
    lo, hi = content
    i = max(bisect_left(quotes, (lo, lo)) - 1, 0)
    while i < len(quotes) and quotes[i][0] < hi:
        q0, q1 = quotes[i]
        crosses_cue = cue is not None and q0 < cue[1] and cue[0] < q1
        if q1 > lo and (q0 < lo or q1 > hi) and not crosses_cue:
            lo, hi = min(lo, q0), max(hi, q1)
        i += 1
    return lo, _resumed_quote(cue, hi, quotes, text)


def _resumed_quote(cue: Range | None, hi: int, quotes: list[Range], text: str) -> int:
    """The end of a quotation that continues the one ending at ``hi`` before the cue."""
    if cue is None or hi > cue[0] or text[hi - 1] not in "”\"'":
        return hi
    i = bisect_left(quotes, (cue[1], cue[1]))
    if i >= len(quotes):
        return hi
    q0, q1 = quotes[i]
    return q1 if _RESUME_GAP.fullmatch(text, cue[1], q0) else hi


# --- paragraphs --------------------------------------------------------------------------------


def paragraph_of(breaks: list[int], pos: int, length: int) -> Range:
    """The line around character ``pos``, given the sorted positions of line breaks."""
    i = bisect_left(breaks, pos)
    return (breaks[i - 1] + 1 if i > 0 else 0), (breaks[i] if i < len(breaks) else length)


def clip(rng: Range, bounds: Range, text: str) -> Range | None:
    """``rng`` cut to ``bounds`` and stripped of white space; ``None`` when nothing is left.
    Reported speech almost never crosses a paragraph, but the small model's sentences can."""
    lo, hi = max(rng[0], bounds[0]), min(rng[1], bounds[1])
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return (lo, hi) if hi > lo else None

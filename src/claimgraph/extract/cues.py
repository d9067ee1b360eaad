"""The attribution cue lexicon: words that introduce reported speech or a held view, by stance.

Stance says how the reporter presents the content (``asserts``: stated as given, ``claims``:
someone's contested or unverified position, ``denies``: someone rejects it). Cues are grouped by
*lemma* so that tense and person never matter ("said", "says", "saying" are one entry).

Two tiers: ``core`` cues introduce statements and beliefs (what claimgraph needs to know who
stands behind a value); ``broad`` cues are the evaluative and volitional verbs ("criticized",
"wants", "supports") that attribution corpora such as PolNeAR also annotate. Their content is
usually a topic rather than a proposition, so they are off unless asked for.
"""

from __future__ import annotations

from typing import Final

from claimgraph.model import Stance

# --- verbs -------------------------------------------------------------------------------------

_ASSERT_VERBS: Final = frozenset(
    """say tell state announce confirm note add explain inform highlight describe emphasize
    emphasise stress report reveal acknowledge write tweet post declare respond reply answer
    recall mention observe remark comment continue conclude testify admit concede disclose
    indicate show find agree assure warn reiterate repeat recount clarify specify confide
    explain email text publish quote cite list detail outline point estimate
    calculate project forecast announce proclaim signal affirm certify verify
    demonstrate document learn reaffirm narrate read joke quip boast
    brag shout yell exclaim whisper mutter scream complain lament express echo remind
    caution voice chant plead reference underscore articulate interject recite retweet
    vouch""".split()
)

# Positions the reporter does not vouch for: contested statements and private beliefs.
_CLAIM_VERBS: Final = frozenset(
    """claim allege insist maintain contend purport suggest argue assert accuse charge
    believe think feel suspect speculate guess presume assume hypothesize theorize
    imply hint insinuate posit aver avow opine reckon expect fear worry hope doubt
    predict counter""".split()
)

_DENY_VERBS: Final = frozenset(
    """deny dismiss reject refute dispute disavow contradict rebut debunk disclaim repudiate
    rebuff""".split()
)

# Evaluative and volitional verbs: the holder's attitude to a topic, not a statement of fact.
_BROAD_VERBS: Final = frozenset(
    """ask call urge criticize criticise praise blame attack blast slam endorse support oppose
    back defend want wish plan seek intend vow promise pledge threaten demand propose
    recommend request decry denounce condemn welcome applaud mock ridicule accuse thank
    congratulate hail laud lambast berate chide scold rebuke fault question refer
    talk discuss address tout champion advocate favor favour prefer like love hate
    dislike decline refuse challenge know see consider regard view imagine wonder understand realize
    realise recognize recognise forget remember appear seem envision acknowledge
    characterize characterise label dub offer assail credit portray order invoke allude liken
    deride bemoan lash attribute convince persuade apologize apologise""".split()
)

# "declined to confirm", "refused to say": the head verb turns the speech verb into a denial.
REFUSAL_HEADS: Final = frozenset("decline refuse fail".split())

# Verbs whose object or infinitive is not what is said: "maintains a fleet", "continues to fly",
# "found a group", "added a clause". They introduce content only through a clause or a quotation.
CLAUSE_ONLY: Final = frozenset(
    """maintain continue add find see know feel understand determine prove establish grant
    forget remember learn hold read consider imagine assume write post publish list
    realize realise recognize recognise like love hate want wish prefer answer address""".split()
)
NO_INFINITIVE: Final = frozenset("continue add find see know show write learn hold read".split())

# Verbs that report speech through a preposition: "talked about the economy", "pointed to the
# polls", "called for a ban", "spoke of the crisis". The preposition joins the cue.
PREP_CUES: Final = frozenset("about of to for on against".split())
PREP_ONLY_VERBS: Final = frozenset("speak talk rail".split())
# ... but "spoke to reporters", "talked with aides" name the audience, not the topic.
TOPIC_PREPS: Final = frozenset("about of on against".split())

# Broad-tier verbs that still introduce a bare quotation ("he continued, “...”").
QUOTE_VERBS: Final = frozenset("ask call continue".split())

# Verbs with a direct object that can carry a proposition ("confirmed the strike",
# "denied the reports"). Others ("told IANS") take the addressee as object.
_ADDRESSEE_VERBS: Final = frozenset("tell inform assure brief warn ask urge remind".split())

# --- nouns ("Pakistan's claim that ...", "the denial by the ministry") --------------------------

_NOUN_STANCE: Final[dict[str, Stance]] = {
    **dict.fromkeys(
        """statement announcement report remark comment confirmation testimony admission
        acknowledgment acknowledgement disclosure revelation observation explanation
        assurance warning note message""".split(),
        "asserts",
    ),
    **dict.fromkeys(
        """claim allegation assertion contention insistence suggestion argument belief
        view assessment estimate prediction accusation charge theory speculation rumor
        rumour suspicion fear hope expectation opinion impression conviction
        narrative""".split(),
        "claims",
    ),
    **dict.fromkeys("denial rejection refutation dismissal rebuttal".split(), "denies"),
}

# Broad tier: a party's stated position on a topic ("his refusal to testify", "her support for
# the bill", "Warren's criticism of the bank").
BROAD_NOUNS: Final[dict[str, Stance]] = {
    **dict.fromkeys(
        """criticism support endorsement decision refusal promise pledge vow plan demand call
        proposal opposition praise complaint response concern attack threat appeal
        request""".split(),
        "claims",
    ),
}

# --- adverbs and prepositions ------------------------------------------------------------------

ADVERB_CUES: Final = frozenset(
    "reportedly allegedly purportedly supposedly ostensibly".split()
)

# "according to X", "as per X" (the word before "to"/"per" is the cue head).
ACCORDING_HEADS: Final = frozenset({"according"})

# --- speakers ----------------------------------------------------------------------------------

PRONOUNS_PERSON: Final = frozenset("he she him her his hers i me we us you".split())
PRONOUNS_GROUP: Final = frozenset("they them their it its".split())
RELATIVE_PRONOUNS: Final = frozenset("who which that whom whose".split())

# Titles that stand for a person named nearby ("the minister said").
PERSON_TITLES: Final = frozenset(
    """minister ambassador official spokesman spokeswoman spokesperson president secretary
    chief general senator governor candidate envoy commander director chairman chairwoman
    chair leader premier diplomat adviser advisor aide lawyer attorney prosecutor judge
    mayor officer analyst expert source representative congressman congresswoman nominee
    king queen prince emir sheikh pm ceo founder executive""".split()
)

# Collective nouns that stand for an organisation or country named nearby ("the ministry").
BODY_TITLES: Final = frozenset(
    """ministry government company firm agency department campaign committee army navy
    military administration organisation organization party group council
    commission""".split()
)


# Forms the small English model lemmatizes wrongly ("hoping" -> "hop", "retweeted" ->
# "retweete"): looked up by surface form before the lemma is trusted.
_LEMMA_FIXES: Final = {
    **dict.fromkeys(("hoping", "hoped", "hopes"), "hope"),
    **dict.fromkeys(("retweeted", "retweeting", "retweets"), "retweet"),
}


def fix_lemma(lower: str, lemma: str) -> str:
    """The lemma of a word, corrected for the few cue verbs the model gets wrong."""
    return _LEMMA_FIXES.get(lower, lemma.lower())


def cue_kind(lemma: str) -> str | None:
    """``core`` or ``broad`` for a verb lemma that can introduce attribution, else ``None``."""
    lemma = lemma.lower()
    if lemma in _ASSERT_VERBS or lemma in _CLAIM_VERBS or lemma in _DENY_VERBS:
        return "core"
    if lemma in _BROAD_VERBS or lemma in PREP_ONLY_VERBS:
        return "broad"
    return None


def noun_stance(lemma: str) -> Stance | None:
    """The stance of a nominal cue ("claim" -> claims), or ``None`` when it is not one."""
    return _NOUN_STANCE.get(lemma.lower())


def takes_addressee(lemma: str) -> bool:
    """True when the verb's direct object is the listener, not the content ("told IANS")."""
    return lemma.lower() in _ADDRESSEE_VERBS


def stance_of_cue(lemma: str, negated: bool) -> Stance:
    """The stance a cue lemma gives its content, with negation folded in.

    A negated statement ("did not confirm", "have not confirmed") withholds support, which is how
    reports present a denial; a negated denial ("did not deny") leaves the content as the
    holder's unconfirmed position.
    """
    lemma = lemma.lower()
    if lemma in _DENY_VERBS:
        base: Stance = "denies"
    elif lemma in _CLAIM_VERBS or lemma in ADVERB_CUES or lemma in _BROAD_VERBS:
        base = "claims"
    else:
        base = "asserts"
    if not negated:
        return base
    if base == "denies" or cue_kind(lemma) == "broad":
        # "did not deny" does not confirm; "does not want" is still a position, not a denial.
        return "claims"
    return "denies"

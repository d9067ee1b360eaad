"""Attribution: who says what, with which stance (every sentence here is written for the test)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from spacy.tokens import Doc

from claimgraph.extract.attribution import attribution_for, find_attributions
from claimgraph.extract.cues import quote_regions, stance_of_cue
from claimgraph.extract.nlp import load_pipeline
from claimgraph.model import Attribution

REPO = Path(__file__).resolve().parents[2]
POLNEAR = REPO.parent / "shared" / "data" / "polnear"


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return load_pipeline()


def parse(nlp, text: str) -> Doc:  # type: ignore[no-untyped-def]
    return nlp(text)


def only(doc: Doc, **kw: object) -> Attribution:
    """The single attribution found in ``doc``; checks offsets on the way."""
    atts = find_attributions(doc, **kw)  # type: ignore[arg-type]
    assert len(atts) == 1, [(a.cue, a.content.text) for a in atts]
    check_offsets(doc, atts)
    return atts[0]


def check_offsets(doc: Doc, atts: list[Attribution]) -> None:
    for att in atts:
        for span in (att.speaker, att.cue, att.content):
            if span is not None:
                assert doc.text[span.start : span.end] == span.text
                assert span.text == span.text.strip()


def by_cue(atts: list[Attribution], cue: str) -> Attribution:
    return next(a for a in atts if a.cue is not None and a.cue.text == cue)


# --- direct and indirect speech ----------------------------------------------------------------


def test_quote_then_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = parse(nlp, "“The order covers 36 engines,” the company's spokeswoman said on Friday.")
    att = only(doc)
    assert att.speaker is not None and att.speaker.text == "the company's spokeswoman"
    assert att.cue is not None and att.cue.text == "said"
    assert att.content.text == "“The order covers 36 engines,”"
    assert att.stance == "asserts"


def test_speaker_colon_quote_across_sentences(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Mayor Ines Duarte said: “The tunnel opens in May. Tolls start a year later.”"
    att = only(parse(nlp, text))
    assert att.content.text == "“The tunnel opens in May. Tolls start a year later.”"
    assert att.speaker_name == "Ines Duarte"


def test_inverted_said_after_quote(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = parse(nlp, '"We will not raise fares this year," said Tomas Berg, the transit chief.')
    att = only(doc)
    assert att.cue is not None and att.cue.text == "said"
    assert att.content.text == '"We will not raise fares this year,"'
    assert att.speaker is not None and att.speaker.text.startswith("Tomas Berg")
    assert att.speaker_name == "Tomas Berg"


def test_quote_resumes_after_the_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = parse(nlp, "“The pumps failed at night,” she said. “Nobody was on duty.”")
    att = only(doc)
    assert att.content.text.startswith("“The pumps failed")
    assert att.content.text.endswith("“Nobody was on duty.”")


def test_indirect_speech_with_that(nlp) -> None:  # type: ignore[no-untyped-def]
    att = only(parse(nlp, "The port authority said that 12 cranes were damaged in the storm."))
    assert att.speaker is not None and att.speaker.text == "The port authority"
    assert att.content.text == "that 12 cranes were damaged in the storm"
    assert att.stance == "asserts"


def test_told_addressee_is_not_content(nlp) -> None:  # type: ignore[no-untyped-def]
    att = only(parse(nlp, "Kovacs told Reuters that the refinery would restart by June."))
    assert att.cue is not None and att.cue.text == "told"
    assert att.content.text == "that the refinery would restart by June"
    assert att.speaker is not None and att.speaker.text == "Kovacs"


def test_mixed_quote_is_kept_whole(nlp) -> None:  # type: ignore[no-untyped-def]
    att = only(
        parse(nlp, "The minister said the budget was “a once-in-a-generation reset” for rail.")
    )
    assert "“a once-in-a-generation reset”" in att.content.text
    assert att.content.text.startswith("the budget")


def test_according_to_before_and_after(nlp) -> None:  # type: ignore[no-untyped-def]
    first = only(parse(nlp, "According to the survey, 41 percent of farms lack broadband."))
    assert first.cue is not None and first.cue.text == "According to"
    assert first.speaker is not None and first.speaker.text == "the survey"
    assert first.content.text == "41 percent of farms lack broadband"
    last = only(parse(nlp, "Exports fell 8 percent in March, according to the customs office."))
    assert last.content.text == "Exports fell 8 percent in March"
    assert last.speaker is not None and last.speaker.text == "the customs office"


# --- claims, hedges, denials ------------------------------------------------------------------


def test_claimed_is_a_claim(nlp) -> None:  # type: ignore[no-untyped-def]
    att = only(parse(nlp, "The rebels claimed they had captured the airfield."))
    assert att.stance == "claims"
    assert att.speaker is not None and att.speaker.text == "The rebels"
    assert att.content.text == "they had captured the airfield"


def test_nominal_claim_with_possessor(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = parse(nlp, "Observers doubted Norway's claim that it had met the quota.")
    claim = by_cue(find_attributions(doc), "claim")
    assert claim.speaker is not None and claim.speaker.text == "Norway"
    assert claim.content.text == "that it had met the quota"
    assert claim.stance == "claims"


def test_reportedly_has_no_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    att = only(parse(nlp, "The club reportedly paid 80 million euros for the striker."))
    assert att.speaker is None and att.speaker_name is None
    assert att.cue is not None and att.cue.text == "reportedly"
    assert att.stance == "claims"
    assert "80 million euros" in att.content.text


def test_allegedly_is_a_claim(nlp) -> None:  # type: ignore[no-untyped-def]
    att = only(parse(nlp, "The treasurer allegedly moved the funds to a private account."))
    assert att.stance == "claims" and att.speaker is None


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("The airline denied that any flights were cancelled.", "denied", "that any flights"),
        ("The ministry dismissed the reports as rumours.", "dismissed", "the reports as rumours"),
        ("The union rejected the offer of a 3 percent raise.", "rejected", "the offer of a 3"),
        ("The agency refuted the figures in the audit.", "refuted", "the figures"),
        ("Police have not confirmed the number of arrests.", "have not confirmed", "the number"),
        ("The hospital did not confirm the death.", "did not confirm", "the death"),
        ("The coach declined to confirm the transfer fee.", "declined to confirm", "the transfer"),
    ],
)
def test_denials(nlp, text: str, cue: str, content: str) -> None:  # type: ignore[no-untyped-def]
    att = only(parse(nlp, text))
    assert att.stance == "denies"
    assert att.cue is not None and att.cue.text == cue
    assert att.content.text.startswith(content)


def test_maintain_is_a_claim(nlp) -> None:  # type: ignore[no-untyped-def]
    att = only(parse(nlp, "The owners maintain that the dam was inspected last year."))
    assert att.stance == "claims"
    assert att.content.text == "that the dam was inspected last year"


def test_negated_denial_is_no_confirmation(nlp) -> None:  # type: ignore[no-untyped-def]
    att = only(parse(nlp, "The senator did not deny that she had met the lobbyist."))
    assert att.stance == "claims"


def test_sources_revealed(nlp) -> None:  # type: ignore[no-untyped-def]
    att = only(parse(nlp, "Sources revealed that the merger talks had stalled."))
    assert att.speaker is not None and att.speaker.text == "Sources"
    assert att.stance == "asserts"


def test_passive_denial_takes_agent_as_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = parse(nlp, "Oslo's claim that it had met the target was rejected by the auditors.")
    rejected = by_cue(find_attributions(doc), "was rejected")
    assert rejected.stance == "denies"
    assert rejected.speaker is not None and rejected.speaker.text == "the auditors"
    assert rejected.content.text.startswith("Oslo's claim")


def test_coordinated_reports_stay_apart(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Most farmers said prices were too low, and a third said they would sell their land."
    atts = find_attributions(parse(nlp, text))
    assert len(atts) == 2
    first, second = atts
    assert first.content.text == "prices were too low"
    assert second.speaker is not None and second.speaker.text == "a third"


def test_participle_keeps_the_main_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = parse(nlp, "Ortiz praised the plan on Monday, saying it would cut waiting times.")
    saying = by_cue(find_attributions(doc), "saying")
    assert saying.speaker is not None and saying.speaker.text == "Ortiz"
    assert saying.content.text == "it would cut waiting times"


def test_made_it_clear(nlp) -> None:  # type: ignore[no-untyped-def]
    att = only(parse(nlp, "The coach made it clear that the captain would not play."))
    assert att.cue is not None and att.cue.text == "made it clear"
    assert att.content.text == "that the captain would not play"


def test_findings_in_a_poll(nlp) -> None:  # type: ignore[no-untyped-def]
    att = only(parse(nlp, "In a poll released on Monday, the mayor led her rival by 6 points."))
    assert att.cue is not None and att.cue.text == "In"
    assert att.speaker is not None and att.speaker.text.startswith("a poll")
    assert att.content.text == "the mayor led her rival by 6 points"


def test_headline_colon(nlp) -> None:  # type: ignore[no-untyped-def]
    # The headline's "Sanchez" is tagged a common noun; the article's body names him.
    text = (
        "Sanchez: Spain will meet the target\n\n"
        "Pedro Sanchez spoke to reporters in Madrid on Friday."
    )
    att = only(parse(nlp, text))
    assert att.speaker is not None and att.speaker.text == "Sanchez"
    assert att.speaker_name == "Pedro Sanchez"
    assert att.cue is not None and att.cue.text == ":"
    assert att.content.text == "Spain will meet the target"


def test_plain_fact_has_no_attribution(nlp) -> None:  # type: ignore[no-untyped-def]
    assert find_attributions(parse(nlp, "The bridge reopened on Tuesday after two years.")) == []


# --- nesting and lookup ------------------------------------------------------------------------


def test_nested_attribution(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = parse(nlp, "Chile's state broadcaster said the navy claimed it had sunk the vessel.")
    atts = find_attributions(doc)
    check_offsets(doc, atts)
    outer, inner = by_cue(atts, "said"), by_cue(atts, "claimed")
    assert outer.speaker is not None and outer.speaker.text == "Chile's state broadcaster"
    assert outer.speaker_name == "Chile's state broadcaster"
    assert inner.speaker is not None and inner.speaker.text == "the navy"
    assert inner.stance == "claims"
    assert outer.content.start <= inner.content.start and inner.content.end <= outer.content.end
    pos = doc.text.index("sunk")
    assert attribution_for(doc, pos, pos + 4) == inner
    assert attribution_for(doc, 0, 5) is None


def test_denial_of_a_claim_nests(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = parse(nlp, "Lima rejected Quito's claim that it had moved troops to the border.")
    atts = find_attributions(doc)
    assert by_cue(atts, "rejected").stance == "denies"
    claim = by_cue(atts, "claim")
    assert claim.speaker_name == "Quito"
    pos = doc.text.index("troops")
    assert attribution_for(doc, pos, pos + 6, atts) == claim


# --- speaker names -----------------------------------------------------------------------------


def test_pronoun_resolves_to_preceding_person(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = parse(nlp, "Angela Moretti visited the plant on Monday. She said output would double.")
    att = only(doc)
    assert att.speaker is not None and att.speaker.text == "She"
    assert att.speaker_name == "Angela Moretti"


def test_they_is_the_group_that_spoke_last(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Chilean officials said the mine was safe. They added that no miners were hurt."
    atts = find_attributions(parse(nlp, text))
    assert by_cue(atts, "added").speaker_name == "Chilean officials"


def test_unresolved_title_drops_its_description(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The official, speaking on condition of anonymity, said the vote was delayed."
    att = only(parse(nlp, text))
    assert att.speaker is not None and att.speaker.text.startswith("The official, speaking")
    assert att.speaker_name == "The official"


def test_surname_takes_the_fuller_name(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = parse(nlp, "Rajnath Singh toured the base. Singh told reporters the drills would end.")
    assert only(doc).speaker_name == "Rajnath Singh"


def test_title_resolves_to_named_holder(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Ambassador Kenji Sato arrived on Monday. The ambassador said the talks had gone well."
    assert only(parse(nlp, text)).speaker_name == "Kenji Sato"


def test_descriptive_speaker_stays(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = parse(nlp, "Pakistan's state media said the blackout had ended.")
    assert only(doc).speaker_name == "Pakistan's state media"


def test_relative_pronoun_resolves_to_its_noun(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = parse(nlp, "The plan was backed by Elena Ruiz, who said it would save 200 jobs.")
    att = by_cue(find_attributions(doc), "said")
    assert att.speaker is not None and att.speaker.text == "who"
    assert att.speaker_name == "Elena Ruiz"


def test_conjoined_verb_inherits_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    att = only(parse(nlp, "Okafor smiled and added that the school would open in May."))
    assert att.speaker is not None and att.speaker.text == "Okafor"


# --- tiers, lexicon, quotes ----------------------------------------------------------------------


def test_broad_cues_only_when_asked(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = parse(nlp, "The mayor criticized the new parking rules.")
    assert find_attributions(doc) == []
    att = only(doc, broad=True)
    assert att.cue is not None and att.cue.text == "criticized"
    assert att.content.text == "the new parking rules"


@pytest.mark.parametrize(
    ("lemma", "negated", "stance"),
    [
        ("say", False, "asserts"),
        ("confirm", True, "denies"),
        ("claim", False, "claims"),
        ("allegedly", False, "claims"),
        ("deny", False, "denies"),
        ("deny", True, "claims"),
        ("acknowledge", False, "asserts"),
        ("want", True, "claims"),
    ],
)
def test_stance_of_cue(lemma: str, negated: bool, stance: str) -> None:
    assert stance_of_cue(lemma, negated) == stance


def test_quote_regions() -> None:
    text = "He said \"yes.\" Then: “No,\nMaybe” and ''done'' here."
    regions = [text[a:b] for a, b in quote_regions(text)]
    assert regions == ['"yes."', "“No,", "''done''"]


def test_long_article_is_linear_enough(nlp) -> None:  # type: ignore[no-untyped-def]
    para = "“Stocks fell 3 percent,” the analyst said. Oil rose to $90, according to traders.\n"
    doc = parse(nlp, para * 200)
    atts = find_attributions(doc)
    assert len(atts) == 400
    check_offsets(doc, atts)


# --- PolNeAR scorer ----------------------------------------------------------------------------


def _harness() -> ModuleType:
    path = REPO / "benchmarks" / "eval_polnear.py"
    spec = importlib.util.spec_from_file_location("eval_polnear", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_polnear"] = module
    spec.loader.exec_module(module)
    return module


def test_scorer_on_a_tiny_brat_file(tmp_path: Path) -> None:
    ev = _harness()
    text = "“Rates will rise,” the banker said. Growth slowed, officials said.\n"
    ann = "\n".join(
        [
            "T1\tContent 0 18\t“Rates will rise,”",
            "T2\tSource 19 29\tthe banker",
            "T3\tCue 30 34\tsaid",
            "T4\tAttribution 30 34\tsaid",
            "E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2",
            "T5\tContent 36 42;43 49\tGrowth slowed",
            "T6\tSource 51 60\tofficials",
            "T7\tCue 61 65\tsaid",
            "T8\tAttribution 61 65\tsaid",
            "E2\tAttribution:T8 Content:T5 Cue:T7 Source:T6",
            "T9\tDiscard 0 3\tnote",
        ]
    )
    split = tmp_path / "data" / "dev"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    (split / "text" / "doc1.txt").write_text(text, encoding="utf-8")
    (split / "attributions" / "doc1_ab12.ann").write_text(ann, encoding="utf-8")
    (gold,) = list(ev.iter_gold(tmp_path, "dev"))
    assert gold.roles["content"][1] == ((36, 42), (43, 49))
    content = ev.match_role(gold.text, gold.roles["content"], [(0, 18), (36, 45), (61, 65)])
    assert (content.gold, content.pred, content.overlap, content.exact) == (2, 3, 2, 1)
    # One prediction cannot match two gold spans: matching is one-to-one.
    cue = ev.match_role(gold.text, gold.roles["cue"], [(20, 70)])
    assert cue.overlap == 1 and cue.exact == 0
    report = ev.evaluate(tmp_path, "dev")
    assert report.docs == 1
    assert report.counts["cue"].overlap == 2
    assert ev.main(["--data", str(tmp_path / "missing")]) == 0


@pytest.mark.shared
def test_polnear_dev_sample() -> None:
    if not (POLNEAR / "data" / "dev" / "attributions").is_dir():
        pytest.skip("PolNeAR is not present")
    ev = _harness()
    report = ev.evaluate(POLNEAR, "dev", limit=20)
    assert report.docs == 20
    assert report.as_dict()["roles"]["cue"]["overlap"]["f1"] > 0.5

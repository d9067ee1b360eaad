"""Claims: what each value measures, read from the parse (every sentence is written here).

The property is the measured noun's lemma; the context adds the words that say which one
(modifiers, the governing verb and its arguments). The aligner compares claims by these, so
they must name the counted thing, not whichever noun is nearby.
"""

from __future__ import annotations

import pytest

from claimgraph.model import Article, Claim
from claimgraph.pipeline import ArticleAnalyser


@pytest.fixture(scope="module")
def analyser() -> ArticleAnalyser:
    return ArticleAnalyser()


def claims_in(analyser: ArticleAnalyser, text: str, published: str = "2024-05-06") -> list[Claim]:
    article = Article(id=Article.make_id("t", text), source="t", text=text, published=published)
    return list(next(iter(analyser.analyse_many([article]))).claims)


def claim_for(claims: list[Claim], value_text: str) -> Claim:
    found = [c for c in claims if c.value_span.text.lower() == value_text.lower()]
    assert found, [(c.value_span.text, c.property) for c in claims]
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "measured"),
    [
        ("Customs officers seized 40 crates of smuggled cigarettes at the port.", "40", "crate"),
        ("The navy impounded two fishing trawlers near the reef.", "two", "trawler"),
        ("Police recovered nine M-16 assault rifles from the farmhouse.", "nine", "rifle"),
        # The parse hangs the number on the designation, tagged as a number itself.
        ("Inside the van, officers found five AK-47 automatic rifles.", "five", "rifle"),
        ("Kenya ordered four C-27J transport planes.", "four", "plane"),
        ("The air force will receive six F-35 jets next year.", "six", "jet"),
        ("Rescuers pulled 14 survivors from the collapsed hotel.", "14", "survivor"),
        ("The council approved a budget of $3.2 million for the bridge.", "$3.2 million", "budget"),
    ],
)
def test_the_property_is_the_counted_noun(analyser, text, value, measured):
    assert claim_for(claims_in(analyser, text), value).property == measured


def test_two_figures_in_one_sentence_measure_different_things(analyser):
    claims = claims_in(
        analyser, "The army will upgrade 84 aircraft, out of the 260 jets now in service."
    )
    assert claim_for(claims, "84").property != claim_for(claims, "260").property


def test_the_governing_verb_says_what_happened_to_the_counted_thing(analyser):
    claims = claims_in(analyser, "Floods destroyed 300 homes in the valley on Sunday.")
    context = claim_for(claims, "300").context
    assert "destroy" in context and "home" in context


def test_a_reference_back_is_not_a_claim(analyser):
    claims = claims_in(
        analyser,
        "The mayor of Lindale met the mayor of Corby on Friday. The two mayors agreed to share "
        "a bus route.",
    )
    assert not [c for c in claims if c.value_span.text.lower() == "two"]


def test_a_stretch_of_time_with_no_noun_is_a_duration(analyser):
    claims = claims_in(analyser, "The actor stayed in a clinic for three weeks last winter.")
    assert claim_for(claims, "three weeks").property == "duration"


@pytest.mark.parametrize(
    "text",
    [
        "Ada Lorne, the pioneering pilot, has died. She was 91.",
        "The retired judge Tomas Vell died at 91 in his home.",
        "Tomas Vell died aged 91 after a short illness.",
    ],
)
def test_an_age_however_it_is_put_is_an_age(analyser, text):
    ages = [c for c in claims_in(analyser, text) if c.value.value == 91]
    assert [(c.value.unit, c.property) for c in ages] == [("years old", "age")]


def test_a_bare_number_of_a_thing_is_not_an_age(analyser):
    claims = claims_in(analyser, "The old bridge was 91 when it was replaced. The team scored 91.")
    assert all(c.value.unit != "years old" for c in claims if c.value.value == 91)


def test_a_count_of_people_is_measured_by_what_happened_to_them(analyser):
    claims = claims_in(
        analyser,
        "Police said 21 people had been injured in the unrest and 7 arrested for throwing "
        "stones. Medics said 30 people were evacuated.",
    )
    hurt, arrested, evacuated = (claim_for(claims, v) for v in ("21", "7", "30"))
    assert len({hurt.property, arrested.property, evacuated.property}) == 3
    assert "arrest" in arrested.context and "arrest" not in hurt.context


def test_a_coordinated_verb_shares_the_first_verbs_subject(analyser):
    claims = claims_in(analyser, "Mira Tanaka applied to the agency and joined it in 1987.")
    assert (
        "tanaka" in claim_for(claims, "1987").context or "mira" in claim_for(claims, "1987").context
    )


def test_a_dateline_or_a_time_stamp_is_not_a_claim(analyser):
    claims = claims_in(
        analyser,
        "Lindale, March 3 (Valley Wire)\nUpdated March 4, 2024 9:10 AM\n"
        "The council voted on March 2 to close the bridge.",
        published="2024-03-04",
    )
    assert [c.value_span.text for c in claims if c.value.kind == "date"] == ["March 2"]


@pytest.mark.parametrize(
    ("text", "value", "measured"),
    [
        ("The five burglars, three of whom wore masks, emptied the safe.", "three", "burglar"),
        ("A crew of nine sailors -- two of them cadets -- reached the shore.", "two", "sailor"),
    ],
)
def test_a_part_of_a_group_named_by_a_pronoun_counts_the_group_noun(
    analyser, text, value, measured
):
    assert claim_for(claims_in(analyser, text), value).property == measured


def test_pronouns_and_possessives_are_not_property_words(analyser):
    first = claim_for(claims_in(analyser, "His brother moved to Leeds in 1997."), "1997")
    second = claim_for(claims_in(analyser, "He moved to Leeds in 1997."), "1997")
    assert "his" not in first.context and "he" not in second.context


@pytest.mark.parametrize(
    ("text", "value", "measured"),
    [
        ("The storm flattened a barn, killing 4 and injuring 35.", "35", "injure"),
        ("Officials said 20 were hurt when the roof fell.", "20", "hurt"),
        ("The police reported 18 injured and 12 arrested.", "12", "arrest"),
    ],
)
def test_a_bare_count_is_measured_by_what_happened_to_it(analyser, text, value, measured):
    assert claim_for(claims_in(analyser, text), value).property == measured


def test_a_bare_stretch_of_time_stays_a_duration(analyser):
    text = "Negotiators spent about five hours talking with him."
    assert claim_for(claims_in(analyser, text), "about five hours").property == "duration"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The board broke up after 16 hours of talks.", "16 hours"),
        ("A two week inquiry was ordered into the fire.", "two week"),
    ],
)
def test_a_stretch_of_time_is_a_duration_whatever_it_is_of(analyser, text, value):
    claim = claim_for(claims_in(analyser, text), value)
    assert claim.property == "duration"


@pytest.mark.parametrize(
    ("text", "value", "place"),
    [
        ("The port lies 1,200 kilometers south of Ankara.", "1,200 kilometers", "ankara"),
        ("The town, located 830 kilometers (515 miles) northwest of Lima, has a harbour.",
         "830 kilometers", "lima"),
        ("The village is about 600 miles east of Cairo, the capital.", "about 600 miles", "cairo"),
    ],
)  # fmt: skip
def test_a_length_is_a_distance_from_the_place_it_is_measured_from(analyser, text, value, place):
    claim = claim_for(claims_in(analyser, text), value)
    assert claim.property == "distance" and place in claim.context


def test_how_a_part_of_a_group_fared_says_which_part(analyser):
    text = "The agency said 230 people had been hurt, 17 of them badly, in the collapse."
    assert "badly" in claim_for(claims_in(analyser, text), "17").context

"""The merge rules of story clustering, each on groups or reports written for these tests."""

from __future__ import annotations

from collections import Counter
from datetime import date

from test_stories import report

import claimgraph.corpus.stories as stories_module
from claimgraph.corpus.stories import (
    CENTRE_MIN,
    FOLLOW_UP_SHARE,
    Group,
    _unit_group,
    cluster_stories,
    copy_units,
    may_merge,
    neighbour_graph,
    profiles,
)
from claimgraph.extract.dates import find_dates
from claimgraph.extract.values import find_values
from claimgraph.store.base import Analysis


def group(size: int, cohesion: float) -> Group:
    """A group of ``size`` members whose average pair similarity is ``cohesion``."""
    squares = float(size)
    self_dot = squares + cohesion * size * (size - 1)
    return Group(list(range(size)), {}, self_dot, squares, None, None)


def dated_report(
    source: str, text: str, entities: list[tuple[str, str]], published: str
) -> Analysis:
    """A report with hand-given entities and the date grammar's date mentions."""
    base = report(source, text, entities, published)
    dates = find_dates(text, published)
    return Analysis(
        base.article, tuple(sorted([*base.mentions, *dates], key=lambda m: m.start)), ()
    )


SHOOTING = [
    dated_report(
        "sh1",
        "A gunman opened fire at the Tallow Creek grain depot in Harwick on Wednesday, killing "
        "two workers and wounding a third before police arrested him in the car park. Depot "
        "staff named the suspect as Oren Vasko, a former forklift driver.",
        [("FAC", "Tallow Creek"), ("GPE", "Harwick"), ("PERSON", "Oren Vasko")],
        "2024-06-13",
    ),
    dated_report(
        "sh2",
        "Oren Vasko, 44, was charged on Thursday with two counts of murder after the shooting "
        "at the Tallow Creek grain depot in Harwick, where two workers died and one was hurt.",
        [("PERSON", "Oren Vasko"), ("FAC", "Tallow Creek"), ("GPE", "Harwick")],
        "2024-06-14",
    ),
]


def sentencing(date_named: str) -> list[Analysis]:
    """Two reports of the gunman's sentence, months later, naming the shooting's date thus."""
    return [
        dated_report(
            "se1",
            f"Oren Vasko was sentenced to life in prison on Tuesday for the shooting at the "
            f"Tallow Creek grain depot in Harwick {date_named}, in which two workers were killed.",
            [("PERSON", "Oren Vasko"), ("FAC", "Tallow Creek"), ("GPE", "Harwick")],
            "2025-03-04",
        ),
        dated_report(
            "se2",
            f"A judge in Harwick gave Oren Vasko a life sentence for killing two workers at the "
            f"Tallow Creek grain depot {date_named}, calling the shooting cold and planned.",
            [("GPE", "Harwick"), ("PERSON", "Oren Vasko"), ("FAC", "Tallow Creek")],
            "2025-03-05",
        ),
    ]


def test_follow_up_naming_the_events_month_joins_it_despite_the_gap() -> None:
    follow_up = sentencing("on June 12, 2024")
    stories = cluster_stories(SHOOTING + follow_up)
    assert len(stories) == 1


def test_reports_months_later_not_naming_the_event_date_stay_apart() -> None:
    follow_up = sentencing("last year")
    stories = cluster_stories(SHOOTING + follow_up)
    assert {frozenset(s.article_ids) for s in stories} == {
        frozenset(a.article.id for a in SHOOTING),
        frozenset(a.article.id for a in follow_up),
    }


def test_follows_up_needs_a_share_of_the_later_group_naming_an_earlier_month() -> None:
    earlier = group(2, 0.5)
    earlier.first, earlier.last = date(2024, 6, 13).toordinal(), date(2024, 6, 14).toordinal()
    later = group(4, 0.5)
    later.first, later.last = date(2025, 3, 4).toordinal(), date(2025, 3, 5).toordinal()
    later.months = Counter({"2025-03": 4})  # their own month says nothing
    assert not later.follows_up(earlier)
    later.months["2024-06"] = 1  # one report in four names the shooting's month
    assert FOLLOW_UP_SHARE <= 0.25
    assert later.follows_up(earlier)
    assert not earlier.follows_up(later)  # the earlier reports cannot name a later month


def wire_copies(original: Analysis, outlets: list[str]) -> list[Analysis]:
    """The same wire text under other mastheads, each with its own headline and credit."""
    return [
        report(
            outlet,
            f"{original.article.text} ({outlet})",
            [(m.label, m.text) for m in original.mentions if m.label != "DATE"],
            original.article.published,
            title=f"{outlet}: depot shooting",
        )
        for outlet in outlets
    ]


def test_copies_of_one_text_form_a_group_that_passes_no_cohesion_bar() -> None:
    copies = [SHOOTING[0], *wire_copies(SHOOTING[0], ["Ledger", "Courier"])]
    items = profiles(copies + SHOOTING[1:], None)
    graph = neighbour_graph(items)
    units = copy_units(items, graph)
    assert sorted(len(u) for u in units) == [1, 3]  # the charge report is not a copy
    copied = next(u for u in units if len(u) == 3)
    together = Group.of(copied[0], items[copied[0]])
    for i in copied[1:]:
        single = Group.of(i, items[i])
        together.absorb(single, together.cross(single)[0])
    assert together.cohesion > 0.9  # counted as pairs, the copies are near-identical
    unit = _unit_group(items, copied)
    assert unit.cohesion == 0.0
    # One text speaks once: three prints are one voice, and name their people once.
    assert (unit.voices, together.voices) == (1, 3)
    assert set(unit.lead_people.values()) == {1}
    assert unit.lead_people.keys() == together.lead_people.keys() != set()
    assert together.lead_people.most_common(1)[0][1] == 3


def test_wire_copies_of_a_report_do_not_split_its_story(monkeypatch) -> None:
    copies = wire_copies(SHOOTING[0], ["Ledger", "Courier", "Gazette"])
    # A second outlet's charge report, close to the first: the two are a tight pair.
    third = dated_report(
        "sh3",
        "Oren Vasko was charged with two counts of murder on Thursday over the shooting at the "
        "Tallow Creek grain depot in Harwick, which killed two workers and hurt one.",
        [("PERSON", "Oren Vasko"), ("FAC", "Tallow Creek"), ("GPE", "Harwick")],
        "2024-06-14",
    )
    event = SHOOTING + [third]
    assert len(cluster_stories(event)) == 1
    assert len(cluster_stories(event + copies)) == 1
    # Held to its copies' cohesion, the copied report and its copies would stand apart.
    monkeypatch.setattr(stories_module, "COPY_COSINE", 1.01)
    assert len(cluster_stories(event + copies)) > 1


def about(size: int, lead_people: dict[str, int]) -> Group:
    """A group of ``size`` members whose headlines and leads name these people so often."""
    made = group(size, 0.5)
    made.lead_people = Counter(lead_people)
    return made


def test_groups_each_about_a_person_the_other_hardly_names_are_centred_elsewhere() -> None:
    kessler = about(4, {"kessler": 4, "harbor": 1})
    ulrich = about(5, {"ulrich": 5})
    assert kessler.centred_elsewhere(ulrich) and ulrich.centred_elsewhere(kessler)
    # Either side naming the other's central person up front makes them one event's reports.
    assert not kessler.centred_elsewhere(about(5, {"ulrich": 5, "kessler": 2}))
    # A person named by too few of a group's leads is not its centre ...
    assert not about(5, {"kessler": 2}).centred_elsewhere(ulrich)
    # ... and a pair of reports is too few to say who a group is about.
    assert not about(2, {"kessler": 2}).centred_elsewhere(ulrich)
    assert CENTRE_MIN == 3


def test_groups_each_centred_on_a_sum_the_other_never_states_are_centred_elsewhere() -> None:
    big = about(4, {})
    big.lead_sums = Counter({31: 3, 32: 4, 33: 4})
    small = about(5, {})
    small.lead_sums = Counter({24: 4, 25: 5, 26: 5})
    assert big.centred_elsewhere(small) and small.centred_elsewhere(big)
    # A sum the other side's leads also state (a follow-up recalling the haul) is shared.
    recalled = about(5, {})
    recalled.lead_sums = Counter({24: 5, 25: 5, 26: 5, 31: 2, 32: 2, 33: 2})
    assert not big.centred_elsewhere(recalled)
    # A group whose leads state no sum has no sum at its centre: nothing to tell apart.
    assert not big.centred_elsewhere(about(5, {}))


# Reports of two drink-driving arrests of players of one team, weeks apart (no dates given):
# each event told four ways, by different writers.
KESSLER_ARREST = [
    "Harbor City Gulls receiver Dane Kessler was arrested on suspicion of drunk driving early "
    "on Tuesday, the highway patrol said, after officers stopped his car on the coast road. "
    "Kessler was booked into the county jail and released on bail hours later.",
    "Dane Kessler, the Gulls receiver, faces a misdemeanour charge of driving under the "
    "influence after a traffic stop on Tuesday morning. The team said it was aware of the "
    "arrest and was gathering information before commenting further.",
    "Police in Harbor City arrested Gulls receiver Dane Kessler shortly after 2 a.m. on "
    "Tuesday when a patrol saw his pickup weaving across lanes; he failed a field sobriety "
    "test, according to the arrest report, and his agent declined to comment.",
    "The Gulls will not suspend Dane Kessler before the weekend game despite the receiver's "
    "arrest on Tuesday for suspected drunk driving, coach Ray Almeda told reporters; Kessler "
    "apologised to teammates and fans in a short statement.",
]
ULRICH_ARREST = [
    "Gulls lineman Marco Ulrich was taken into custody on Sunday on suspicion of driving "
    "while intoxicated, troopers said; Ulrich was clocked at 92 mph on the bypass.",
    "Marco Ulrich spent Sunday night in jail after a drunk driving arrest, the Gulls "
    "confirmed, adding that the lineman would meet team officials on Monday. His blood "
    "alcohol level was twice the legal limit, troopers said.",
    "Harbor City lineman Marco Ulrich was arrested for driving under the influence on Sunday, "
    "a trooper said, after his sports car was stopped near the stadium with two passengers "
    "aboard. Ulrich was later released.",
    "A drunk driving charge now hangs over Gulls lineman Marco Ulrich, who was pulled over on "
    "Sunday and failed a breath test. Coach Ray Almeda called the arrest disappointing and "
    "said Ulrich would be disciplined.",
]


# What every report of either arrest goes on to say about the team's week.
BACKGROUND = (
    "The Gulls host the Eastport Herons at Mariner Field in Sunday's divisional playoff game. "
    "Under the league's conduct policy a player arrested for driving under the influence can "
    "be fined or suspended once the case is settled in court."
)


def arrests(player: str, texts: list[str], extra: str = "") -> list[Analysis]:
    """The reports of one player's arrest, each followed by the team's background; the first
    ends with ``extra``."""
    surname = player.split()[-1]
    names = [("PERSON", player), ("PERSON", surname), ("PERSON", "Dane Kessler")]
    return [
        report(
            f"{surname}-{i}",
            f"{text}\n{BACKGROUND}" + (f"\n{extra}" if i == 0 and extra else ""),
            [("ORG", "Gulls"), *[n for n in names if n[1] in text]],
        )
        for i, text in enumerate(texts)
    ]


def test_reports_of_two_players_arrests_stay_two_stories(monkeypatch) -> None:
    first = arrests("Dane Kessler", KESSLER_ARREST)
    earlier = "He is the second Gulls player arrested this season, after Dane Kessler in May."
    second = arrests("Marco Ulrich", ULRICH_ARREST, earlier)
    apart = {frozenset(a.article.id for a in first), frozenset(a.article.id for a in second)}
    assert {frozenset(s.article_ids) for s in cluster_stories(first + second)} == apart
    # Their words alone keep these two apart; with a looser bar for words they would merge,
    # and the people at their centres still tell them apart.
    monkeypatch.setattr(stories_module, "COHESION_RATIO", 0.3)
    assert {frozenset(s.article_ids) for s in cluster_stories(first + second)} == apart
    monkeypatch.setattr(stories_module, "CENTRE_MIN", 10**6)
    assert len(cluster_stories(first + second)) == 1


# Reports of two jewellery raids in one city, months apart (no dates given): a small
# smash-and-grab and a great heist, each told four ways, each stating its haul up front.
SMASH_AND_GRAB = [
    "Thieves rammed a car into the window of the Ostrava jewellery boutique on Rue Caspin "
    "and fled with watches and rings worth €2.4 million, police in Valmont said.",
    "A ram-raid on a Valmont jeweller netted about $2.7 million in watches, investigators "
    "said, after a stolen car was driven through the shop front shortly after opening.",
    "Police are hunting three men who smashed their way into a jewellery shop in central "
    "Valmont and escaped on scooters with a haul put at 2.4 million euros.",
    "Valmont jeweller hit for €2.5m in smash-and-grab raid: the gang reversed a car through "
    "the display window and was gone within four minutes, the city prosecutor said.",
]
GREAT_HEIST = [
    "Armed robbers disguised as cleaners emptied the vault of the Marceau jewellery house in "
    "Valmont, taking diamonds valued at €80 million, the city prosecutor said.",
    "A gang posing as cleaners walked out of a Valmont jewellery house with gems worth some "
    "$95 million, in what police called the biggest jewel theft the city has seen.",
    "Investigators in Valmont said the robbers who stole 80 million euros of diamonds from "
    "the Marceau vault had studied the building's guard rota for months.",
    "Valmont prosecutors put the loss in the Marceau jewel robbery at €82m; four armed men "
    "dressed as cleaners had tied up two guards before opening the vault.",
]
# What every report of either raid goes on to say about the city.
JEWEL_BACKGROUND = (
    "Jewellers on the avenues around Place Royale in Valmont have been targeted repeatedly, "
    "and the police union says the jewellery district needs more patrols and cameras."
)


def raids(name: str, texts: list[str]) -> list[Analysis]:
    """The reports of one raid, with the value grammar's mentions (the sums)."""
    made = []
    for i, text in enumerate(texts):
        base = report(f"{name}-{i}", f"{text}\n{JEWEL_BACKGROUND}", [("GPE", "Valmont")])
        values = find_values(base.article.text)
        mentions = sorted([*base.mentions, *values], key=lambda m: m.start)
        made.append(Analysis(base.article, tuple(mentions), ()))
    return made


def test_reports_of_two_raids_for_sums_far_apart_stay_two_stories(monkeypatch) -> None:
    small, great = raids("grab", SMASH_AND_GRAB), raids("heist", GREAT_HEIST)
    apart = {frozenset(a.article.id for a in small), frozenset(a.article.id for a in great)}
    # With a looser bar for words the two raids would merge; the sums at their centres
    # (stated in euros and dollars alike) still tell them apart.
    monkeypatch.setattr(stories_module, "COHESION_RATIO", 0.2)
    assert {frozenset(s.article_ids) for s in cluster_stories(small + great)} == apart
    monkeypatch.setattr(stories_module, "CENTRE_MIN", 10**6)
    assert len(cluster_stories(small + great)) == 1


def test_a_pair_of_reports_is_held_to_a_lower_bar() -> None:
    loose = group(5, 0.4)
    # A link at 0.2 is below 0.65 of the looser side's cohesion (0.26) ...
    assert not may_merge(group(3, 0.5), loose, 0.2, 0.2)
    # ... but a pair's cohesion and link rest on few similarities: it needs less.
    assert may_merge(group(2, 0.5), loose, 0.2, 0.2)
    assert not may_merge(group(2, 0.5), loose, 0.15, 0.15)
    # Two small groups are held to the full bar: neither is an established story.
    assert not may_merge(group(2, 0.5), group(3, 0.4), 0.2, 0.2)

"""Stories: reports of one event together, events of the same kind apart, deterministic.

Every report here is written for these tests; entity mentions are given by hand (the label
and the resolved name, as ``find_entities`` gives them) so the tests need no model.
"""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from claimgraph.corpus.stories import cluster_stories, headline, profiles, story_order
from claimgraph.model import Article, Mention, Story, content_id
from claimgraph.store.base import Analysis

REPO = Path(__file__).resolve().parents[2]
ECB = REPO.parent / "shared" / "data" / "ecbplus"


def report(
    source: str,
    text: str,
    entities: list[tuple[str, str]],
    published: str | None = None,
    title: str | None = None,
) -> Analysis:
    """An analysis whose entity mentions are the given (label, name) pairs, as found in text."""
    mentions = []
    for label, name in entities:
        start = max(text.find(name), 0)
        mentions.append(Mention(start, start + len(name), name, label))
    article = Article(
        id=Article.make_id(source, text), source=source, text=text, title=title, published=published
    )
    return Analysis(article, tuple(mentions), ())


QUAKE_A = [
    report(
        "qa1",
        "A magnitude 6.4 earthquake struck the mountain province of Kastara early on Tuesday, "
        "killing at least 31 people and flattening mud-brick homes in the town of Dorvik. "
        "Rescue teams from the Red Crescent were digging through rubble by torchlight.",
        [("GPE", "Kastara"), ("GPE", "Dorvik"), ("ORG", "Red Crescent")],
        "2024-03-12",
    ),
    report(
        "qa2",
        "The death toll from Tuesday's 6.4 quake in Kastara province rose to 38, officials in "
        "Dorvik said, as aftershocks sent residents into the streets for a second night. The "
        "Red Crescent set up tents on the town's football pitch.",
        [("GPE", "Kastara"), ("GPE", "Dorvik"), ("ORG", "Red Crescent")],
        "2024-03-13",
    ),
    report(
        "qa3",
        "Survivors of the Dorvik earthquake queued for water on Wednesday while engineers "
        "inspected cracked bridges across Kastara. Governor Lena Osk said 38 people had died "
        "and more than 200 were injured when the 6.4 tremor hit before dawn.",
        [("GPE", "Dorvik"), ("GPE", "Kastara"), ("PERSON", "Lena Osk")],
        "2024-03-13",
    ),
]
QUAKE_B = [
    report(
        "qb1",
        "A strong earthquake of magnitude 5.9 shook the coastal city of Pelemar on Saturday, "
        "damaging the harbour wall and the old cathedral. Two fishermen were killed when a "
        "warehouse collapsed, the coastguard said.",
        [("GPE", "Pelemar")],
        "2024-09-21",
    ),
    report(
        "qb2",
        "Pelemar's cathedral tower partly collapsed in Saturday's 5.9 quake, which killed two "
        "fishermen in the harbour district. Mayor Tomas Reyl said the port would stay closed "
        "until divers had checked the harbour wall.",
        [("GPE", "Pelemar"), ("PERSON", "Tomas Reyl")],
        "2024-09-22",
    ),
    report(
        "qb3",
        "Divers inspected Pelemar's damaged harbour wall on Sunday, a day after a 5.9 "
        "earthquake killed two people in the coastal city. Mayor Reyl promised to rebuild the "
        "cathedral tower.",
        [("GPE", "Pelemar"), ("PERSON", "Reyl")],
        "2024-09-22",
    ),
]
# Two meetings of the same two ministers, on the same subjects, four months apart.
TALKS_SPRING = [
    report(
        "ts1",
        "Defence ministers Arun Mehra and Pavel Sorin met in Astana on Thursday to discuss the "
        "delivery of the remaining air defence batteries and an upgrade of the fighter fleet.",
        [("PERSON", "Arun Mehra"), ("PERSON", "Pavel Sorin"), ("GPE", "Astana")],
        "2025-02-13",
    ),
    report(
        "ts2",
        "Meeting in Astana, Mehra pressed Sorin for faster delivery of the last two air defence "
        "batteries, while both ministers agreed to study the fighter fleet upgrade.",
        [("PERSON", "Mehra"), ("PERSON", "Sorin"), ("GPE", "Astana")],
        "2025-02-14",
    ),
]
TALKS_SUMMER = [
    report(
        "tu1",
        "Arun Mehra and Pavel Sorin held defence talks in Minsk on Friday, again discussing the "
        "air defence batteries still to be delivered and the upgrade of the fighter fleet.",
        [("PERSON", "Arun Mehra"), ("PERSON", "Pavel Sorin"), ("GPE", "Minsk")],
        "2025-06-20",
    ),
    report(
        "tu2",
        "In Minsk, ministers Mehra and Sorin reviewed the schedule for the remaining air "
        "defence batteries and the fighter fleet upgrade, their second meeting this year.",
        [("PERSON", "Mehra"), ("PERSON", "Sorin"), ("GPE", "Minsk")],
        "2025-06-21",
    ),
]
LONE = report(
    "lone",
    "The national library will digitise its collection of medieval maps over the next three "
    "years, its director said, with the first scans online by the autumn.",
    [("ORG", "national library")],
    "2024-05-02",
)


def story_sets(stories: list[Story]) -> set[frozenset[str]]:
    return {frozenset(s.article_ids) for s in stories}


def ids(analyses: list[Analysis]) -> frozenset[str]:
    return frozenset(a.article.id for a in analyses)


def test_reports_of_one_event_together_and_two_quakes_apart() -> None:
    stories = cluster_stories(QUAKE_A + QUAKE_B)
    assert story_sets(stories) == {ids(QUAKE_A), ids(QUAKE_B)}


def test_same_ministers_months_apart_are_two_stories() -> None:
    stories = cluster_stories(TALKS_SPRING + TALKS_SUMMER)
    assert story_sets(stories) == {ids(TALKS_SPRING), ids(TALKS_SUMMER)}


def test_unrelated_report_is_a_singleton_and_every_article_is_in_one_story() -> None:
    everything = QUAKE_A + QUAKE_B + TALKS_SPRING + TALKS_SUMMER + [LONE]
    stories = cluster_stories(everything)
    assert frozenset({LONE.article.id}) in story_sets(stories)
    members = [aid for s in stories for aid in s.article_ids]
    assert sorted(members) == sorted(a.article.id for a in everything)


def test_deterministic_whatever_the_input_order() -> None:
    everything = QUAKE_A + QUAKE_B + TALKS_SPRING + TALKS_SUMMER + [LONE]
    first = cluster_stories(everything)
    for seed in range(3):
        shuffled = everything[:]
        random.Random(seed).shuffle(shuffled)
        assert cluster_stories(shuffled) == first


def test_profiles_worked_out_before_give_the_same_stories() -> None:
    # A one-pass derivation profiles the articles once, for the stories and for the index.
    everything = QUAKE_A + QUAKE_B + TALKS_SPRING + TALKS_SUMMER + [LONE]
    items = profiles(story_order(everything))
    assert cluster_stories(everything, items=items) == cluster_stories(everything)
    with pytest.raises(ValueError, match="story order"):
        cluster_stories(everything, items=items[::-1])
    with pytest.raises(ValueError, match="story order"):
        cluster_stories(QUAKE_A, items=items)


def test_story_record_ids_dates_and_title() -> None:
    stories = cluster_stories(QUAKE_A)
    assert len(stories) == 1
    story = stories[0]
    assert story.article_ids == tuple(sorted(ids(QUAKE_A)))
    assert story.id == content_id("s", *story.article_ids)
    assert (story.first_date, story.last_date) == ("2024-03-12", "2024-03-13")
    assert story.title in {headline(a) for a in QUAKE_A}
    assert len(story.title) <= 120


def test_undated_story_has_no_dates() -> None:
    undated = [report("u", LONE.article.text, [], None)]
    (story,) = cluster_stories(undated)
    assert story.first_date is None and story.last_date is None


def test_title_prefers_the_article_title_and_cuts_long_sentences() -> None:
    titled = report("t", "Body text here. More.", [], title="Library to scan maps")
    assert headline(titled) == "Library to scan maps"
    long = report("l", "word " * 60 + "end. Second sentence.", [])
    cut = headline(long)
    assert len(cut) <= 120 and cut.endswith("…")


def test_duplicate_analyses_and_empty_input() -> None:
    assert cluster_stories([]) == []
    stories = cluster_stories([LONE, LONE])
    assert [s.article_ids for s in stories] == [(LONE.article.id,)]


@pytest.mark.shared
def test_ecb_topics_1_to_5_score_above_0_8(tmp_path: Path) -> None:
    if not (ECB / "ECB+").is_dir():
        pytest.skip("../shared/data/ecbplus is not present")
    script = REPO / "benchmarks" / "eval_ecb_stories.py"
    cmd = [sys.executable, str(script), "--topics", "1-5", "--keep", str(tmp_path), "--no-seeds"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    f1 = float(out.split("F1=")[1].split()[0])
    assert f1 > 0.8, out

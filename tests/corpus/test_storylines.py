"""Storylines: stories that follow one cast link; stories that share a name or two do not.

Stories and their reports are made here (mentions given by hand, no model), so each test
states exactly which names each story repeats.
"""

from __future__ import annotations

from claimgraph.corpus.storylines import storylines
from claimgraph.model import Article, Mention, Story, content_id
from claimgraph.store.base import Analysis


def story_with(name: str, cast: list[str], times: int = 3) -> tuple[Story, Analysis]:
    """A one-report story whose report names each of ``cast`` ``times`` times."""
    text = " ".join(f"{person} spoke." for person in cast for _ in range(times))
    mentions, at = [], 0
    for person in cast:
        for _ in range(times):
            start = text.index(person, at)
            mentions.append(Mention(start, start + len(person), person, "PERSON"))
            at = start + len(person)
    article = Article(id=Article.make_id(name, text), source=name, text=text)
    story = Story(id=content_id("s", name), article_ids=(article.id,), title=name)
    return story, Analysis(article, tuple(mentions), ())


def lines_of(*stories: tuple[Story, Analysis]) -> list[set[str]]:
    line = storylines([s for s, _ in stories], [a for _, a in stories])
    groups: dict[str, set[str]] = {}
    for story, _ in stories:
        groups.setdefault(line[story.id], set()).add(story.title or "")
    return sorted(groups.values(), key=sorted)


# Background stories make the cast names rare (idf) the way a real corpus does.
BACKGROUND = [story_with(f"bg{i}", [f"Person{i}a", f"Person{i}b"]) for i in range(20)]


def test_stories_with_one_cast_form_one_storyline():
    june = story_with("june", ["Rajnath Okoye", "Andrei Velt", "Sergei Marov"])
    september = story_with("september", ["Rajnath Okoye", "Andrei Velt", "Lena Dufresne"])
    assert {"june", "september"} in lines_of(june, september, *BACKGROUND)


def test_one_shared_name_is_not_a_storyline():
    rehab = story_with("rehab", ["Tara Vance", "Los Angeles Clinic"])
    surgeon = story_with("surgeon", ["Sanjay Marr", "Los Angeles Clinic"])
    groups = lines_of(rehab, surgeon, *BACKGROUND)
    assert {"rehab"} in groups and {"surgeon"} in groups


def test_a_chain_of_pairwise_links_does_not_join_its_ends():
    # a~b and b~c each share two names, but a and c share none: single-link clustering would
    # make one storyline of all three; the storyline as a whole must be close to each story.
    a = story_with("a", ["Ada One", "Ben Two", "Cal Three", "Dee Four"])
    b = story_with("b", ["Ada One", "Ben Two", "Eve Five", "Fay Six"])
    c = story_with("c", ["Eve Five", "Fay Six", "Gus Seven", "Hal Eight"])
    groups = lines_of(a, b, c, *BACKGROUND)
    assert not any({"a", "c"} <= g for g in groups)


def test_storylines_do_not_depend_on_input_order():
    stories = [
        story_with("x", ["Ada One", "Ben Two", "Cal Three"]),
        story_with("y", ["Ada One", "Ben Two", "Cal Three"]),
        story_with("z", ["Ada One", "Ben Two", "Dee Four"]),
        *BACKGROUND,
    ]
    assert lines_of(*stories) == lines_of(*reversed(stories))

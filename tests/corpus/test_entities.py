"""Entity tallies: an update adds the new articles' tally to the stored ones."""

from __future__ import annotations

import copy

from claimgraph.corpus.entities import add_tallies, entities_of, tally_entities
from claimgraph.model import Article, Mention
from claimgraph.store.base import Analysis


def _analysis(source: str, text: str, *names: tuple[str, str]) -> Analysis:
    article = Article(id=Article.make_id(source, text), source=source, text=text)
    mentions = tuple(
        Mention(text.index(name), text.index(name) + len(name), name, label)
        for name, label in names
    )
    return Analysis(article, mentions, ())


def test_adding_a_later_tally_equals_tallying_everything_in_order() -> None:
    first = [
        _analysis("a", "Mayor Ilse Varga opened the Karst tunnel.", ("Ilse Varga", "PERSON")),
        _analysis("b", "The Karst tunnel cost Dunmore millions.", ("Dunmore", "GPE")),
    ]
    later = [
        _analysis("c", "Varga of Dunmore spoke.", ("Varga", "PERSON"), ("Dunmore", "ORG")),
        _analysis("d", "Dunmore council met.", ("Dunmore", "ORG"), ("Dunmore", "ORG")),
    ]
    whole = tally_entities(first + later)
    stored = tally_entities(first)
    kept = copy.deepcopy(stored)
    tally_entities(later, into=kept)
    add_tallies(stored, tally_entities(later))
    assert stored == whole == kept
    # Spellings and kinds keep the order first seen (it breaks ties in the index's pairs).
    assert [list(t.kinds) for t in stored.values()] == [list(t.kinds) for t in whole.values()]
    assert entities_of(stored) == entities_of(whole)
    assert stored["dunmore"].kinds == {"ORG": 3, "GPE": 1}

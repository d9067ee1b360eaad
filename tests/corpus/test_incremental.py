"""Incremental corpus updates: new articles folded into a stored corpus give the records a
full run gives, and read only the stories they touch. Runs the real pipeline (spaCy) on the
demo corpus and on short reports written for these tests."""

from __future__ import annotations

import gc
import json
import random
import shutil
from pathlib import Path
from typing import Any

import pytest

from claimgraph import api, pipeline
from claimgraph.corpus import incremental
from claimgraph.corpus.index import FULL, IndexWriter, capped
from claimgraph.corpus.stories import channel_bags, embeddings_of, profiles, story_order
from claimgraph.pipeline import ArticleAnalyser, load_articles
from claimgraph.pipeline import run as run_pipeline
from claimgraph.settings import Settings
from claimgraph.store.sqlite import SQLiteStore

DEMO = Path(__file__).resolve().parents[2] / "src" / "claimgraph" / "examples" / "corpus"


def _split_demo(tmp_path: Path) -> tuple[Path, Path]:
    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir()
    later.mkdir()
    for i, f in enumerate(sorted(DEMO.iterdir())):
        shutil.copy(f, (later if i % 4 == 0 else first) / f.name)
    return first, later


def _folder(path: Path, **texts: str) -> Path:
    """A folder of reports, one file per keyword argument (name.txt)."""
    path.mkdir()
    for name, text in texts.items():
        (path / f"{name}.txt").write_text(text)
    return path


def _records(db: Path) -> dict[str, Any]:
    export = json.loads(api.export(str(db)))

    def rows(name: str) -> list[str]:
        return sorted(json.dumps(x, sort_keys=True) for x in export[name])

    return {name: rows(name) for name in ("stories", "facts", "entities", "timeline", "articles")}


def _untitled(stories: list[str]) -> list[dict[str, Any]]:
    return sorted(
        ({k: v for k, v in json.loads(s).items() if k != "title"} for s in stories),
        key=lambda s: s["id"],
    )


@pytest.fixture(scope="module")
def demo_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("incremental")
    first, later = _split_demo(tmp)
    inc, full = tmp / "inc.db", tmp / "full.db"
    before = api.run([str(first)], str(inc), Settings())
    after = api.run([str(later)], str(inc), Settings())
    api.run([str(first), str(later)], str(full), Settings())
    return {"before": before, "after": after, "inc": inc, "full": full}


def test_a_first_run_derives_the_corpus_and_a_later_one_updates_it(demo_runs):
    assert demo_runs["before"].incremental is None
    update = demo_runs["after"].incremental
    assert update is not None and update.new_articles == demo_runs["after"].added > 0


def test_an_update_gives_the_records_a_full_run_gives(demo_runs):
    inc, full = _records(demo_runs["inc"]), _records(demo_runs["full"])
    for name in inc:
        assert inc[name] == full[name], name


def test_full_flag_rederives_and_changes_nothing_here(demo_runs, tmp_path: Path):
    db = tmp_path / "copy.db"
    shutil.copy(demo_runs["inc"], db)
    summary = api.run([str(DEMO)], str(db), Settings(), full=True)
    assert summary.added == 0 and summary.incremental is None
    assert _records(db) == _records(demo_runs["full"])


QUAKE = (
    "Title: Strong earthquake shakes the island of Tessaly\n"
    "Published: 2025-04-02\n\n"
    "A magnitude 6.2 earthquake struck the island of Tessaly on Wednesday morning, the national "
    "seismology institute said. At least 14 people were killed in the port town of Varno, "
    "where several old houses collapsed. Rescue teams from the mainland were searching the "
    "rubble through the night, the civil protection agency said.\n"
)
QUAKE_LATER = (
    "Title: Tessaly earthquake toll rises as rescuers search Varno\n"
    "Published: 2025-04-03\n\n"
    "Rescuers in Varno pulled two survivors from the rubble on Thursday, a day after the "
    "magnitude 6.2 earthquake struck the island of Tessaly. The civil protection agency said "
    "at least 17 people were killed and dozens were injured in the port town.\n"
)
BUDGET = (
    "Title: Corvania parliament passes the farm budget\n"
    "Published: 2025-04-02\n\n"
    "The parliament of Corvania approved a farm budget of 3.1 billion crowns on Wednesday after "
    "a long debate, the speaker Ottilie Brandt said. Farmers' unions had asked for more money "
    "for irrigation in the dry south of the country.\n"
)
BUDGET_COPY = BUDGET.replace("after a long debate", "after a long night of debate")


def test_a_store_grown_past_the_share_is_derived_again(tmp_path: Path):
    first, later = _split_demo(tmp_path)
    db = tmp_path / "store.db"
    api.run([str(later)], str(db), Settings())
    assert api.run([str(first)], str(db), Settings()).incremental is None  # 8 on 3: doubled


def test_an_update_reads_only_the_stories_it_touches(tmp_path: Path, monkeypatch):
    first = _folder(tmp_path / "first", quake=QUAKE, budget=BUDGET, budget_copy=BUDGET_COPY)
    later = _folder(tmp_path / "later", quake_later=QUAKE_LATER)
    db = tmp_path / "store.db"
    api.run([str(first)], str(db), Settings())
    with SQLiteStore(db) as store:
        budget_ids = {a.id for a in store.articles() if "farm budget" in a.text}
        budget_facts = {f for f in store.corpus().facts if f.story_id and "crowns" in f.statement}
        loaded: list[str] = []
        real = store.analyses_of

        def spy(ids):
            ids = list(ids)
            loaded.extend(ids)
            return real(ids)

        real_articles = store.articles_of

        def spy_articles(ids):
            ids = list(ids)
            loaded.extend(ids)
            return real_articles(ids)

        monkeypatch.setattr(store, "analyses_of", spy)
        monkeypatch.setattr(store, "articles_of", spy_articles)
        summary = run_pipeline([str(later)], store)
        assert summary.incremental is not None
        assert not budget_ids & set(loaded)  # the budget story was never read
        corpus = store.corpus()
        # ... and its records are still there, unchanged
        assert budget_facts <= set(corpus.facts)
        quake_story = [
            s
            for s in corpus.stories
            if len(s.article_ids) == 2 and not budget_ids & set(s.article_ids)
        ]
        assert quake_story, "the later quake report joined the stored quake story"
        tolls = [
            f for f in corpus.facts if f.story_id == quake_story[0].id and "killed" in f.statement
        ]
        assert tolls  # the two reports' tolls now stand side by side


def test_a_copy_added_later_joins_the_stored_origin(tmp_path: Path):
    first = _folder(tmp_path / "first", budget=BUDGET, quake=QUAKE, quake_later=QUAKE_LATER)
    later = _folder(tmp_path / "later", budget_copy=BUDGET_COPY)
    db = tmp_path / "store.db"
    api.run([str(first)], str(db), Settings())
    summary = api.run([str(later)], str(db), Settings())
    assert summary.incremental is not None
    with SQLiteStore(db) as store:
        origins = store.corpus().origins
        budget = [a.id for a in store.articles() if "farm budget" in a.text]
    assert len(budget) == 2 and origins[budget[0]] == origins[budget[1]]


def test_articles_stored_by_a_stopped_run_are_folded_in_by_the_next(tmp_path: Path):
    first = _folder(tmp_path / "first", quake=QUAKE, budget=BUDGET)
    db = tmp_path / "store.db"
    api.run([str(first)], str(db), Settings())
    later = _folder(tmp_path / "later", quake_later=QUAKE_LATER)
    # A run that stored the article and was stopped before the corpus stages:
    articles = load_articles([str(later)], None, Settings(), [])
    with SQLiteStore(db) as store:
        for analysis in ArticleAnalyser().analyse_many(articles):
            store.add_analysis(analysis)
        assert len({a for s in store.corpus().stories for a in s.article_ids}) == 2
    summary = api.run([str(later)], str(db), Settings())
    assert summary.added == 0
    with SQLiteStore(db) as store:
        assert len({a for s in store.corpus().stories for a in s.article_ids}) == 3


BUDGET_PROTEST = (
    "Title: Corvania farmers protest outside parliament\n"
    "Published: 2025-09-15\n\n"
    "Thousands of farmers of the Agrarian League marched to the parliament of Corvania on "
    "Monday, five months after it passed a farm budget of 3.1 billion crowns. The speaker "
    "Ottilie Brandt met leaders of the Agrarian League. Ottilie Brandt said Corvania could not "
    "spend more this year. The Agrarian League said Ottilie Brandt had forgotten the dry south "
    "of Corvania.\n"
)
BUDGET_NAMES = (
    "Title: Corvania parliament passes the farm budget\n"
    "Published: 2025-04-02\n\n"
    "The parliament of Corvania approved a farm budget of 3.1 billion crowns on Wednesday after "
    "a long debate, the speaker Ottilie Brandt said. Ottilie Brandt said Corvania had never "
    "spent so much on its farms. The Agrarian League had asked for more money for irrigation; "
    "the Agrarian League said Ottilie Brandt had heard only half of its case, and the Agrarian "
    "League would keep pressing Corvania.\n"
)


def test_a_later_story_on_the_same_cast_joins_the_stored_storyline(tmp_path: Path):
    first = _folder(tmp_path / "first", budget=BUDGET_NAMES, quake=QUAKE, quake_later=QUAKE_LATER)
    later = _folder(tmp_path / "later", protest=BUDGET_PROTEST)
    inc, full = tmp_path / "inc.db", tmp_path / "full.db"
    api.run([str(first)], str(inc), Settings())
    assert api.run([str(later)], str(inc), Settings()).incremental is not None
    api.run([str(first), str(later)], str(full), Settings())
    for db in (inc, full):
        with SQLiteStore(db) as store:
            corpus = store.corpus()
            claims = store.claims()
            sums = [
                f
                for f in corpus.facts
                if any(claims[c].value.text.startswith("3.1 billion") for c in f.claim_ids)
            ]
        # The two stories are months apart; their storyline sets the budget figures together.
        assert len(corpus.stories) == 3, db.name
        assert len(sums) == 1 and len(sums[0].claim_ids) == 2, db.name


def test_a_store_derived_in_chunks_gives_the_records_of_one_pass(
    demo_runs, tmp_path: Path, monkeypatch
):
    # A store bigger than the chunk is derived from its first articles, the rest folded in.
    monkeypatch.setattr(pipeline, "DERIVE_CHUNK", 4)
    db = tmp_path / "chunked.db"
    summary = api.run([str(DEMO)], str(db), Settings())
    assert summary.incremental is None and summary.added > 8
    chunked, full = _records(db), _records(demo_runs["full"])
    for name in ("facts", "entities", "timeline"):  # articles: their sources are other paths
        assert chunked[name] == full[name], name
    # Story titles may differ: a story's most central report is chosen under the weights of
    # the last update that touched it.
    assert _untitled(chunked["stories"]) == _untitled(full["stories"])
    with SQLiteStore(db) as store:  # and it counts as a full derivation of the whole store
        assert store.index_get("df", ["#full"]) == {"#full": str(summary.added)}


def test_the_corpus_stages_run_with_the_collector_paused(tmp_path: Path, monkeypatch):
    # The one pass of the first chunk and each update keep all they build until it is
    # written, and each chunk's analyses are kept from their read until their update is
    # written: the cyclic collector is paused for all of it (``heap``) and resumes afterwards.
    monkeypatch.setattr(pipeline, "DERIVE_CHUNK", 4)
    seen: dict[str, list[bool]] = {"one pass": [], "update": [], "read": []}
    real_read = SQLiteStore.analyses_of

    def read_spy(self: SQLiteStore, article_ids: Any) -> Any:
        seen["read"].append(gc.isenabled())  # as the caller left it, before the read's own
        return real_read(self, article_ids)

    monkeypatch.setattr(SQLiteStore, "analyses_of", read_spy)
    for module, name in ((pipeline, "one pass"), (incremental, "update")):
        real = module.fact_stages

        def spy(*args: Any, _real: Any = real, _name: str = name, **kwargs: Any) -> Any:
            seen[_name].append(gc.isenabled())
            return _real(*args, **kwargs)

        monkeypatch.setattr(module, "fact_stages", spy)
    assert gc.isenabled()
    summary = api.run([str(DEMO)], str(tmp_path / "chunked.db"), Settings())
    assert summary.incremental is None and summary.added > 8  # one pass, then updates
    assert seen["one pass"] == [False]
    assert seen["update"] and not any(seen["update"])
    assert len(seen["read"]) >= len(seen["update"]) + 1 and not any(seen["read"])
    assert gc.isenabled()


def test_the_index_from_profiles_worked_out_before_is_the_same(tmp_path: Path):
    # A one-pass derivation hands the index the profiles it clustered the stories with.
    db = tmp_path / "demo.db"
    api.run([str(DEMO)], str(db), Settings())
    with SQLiteStore(db) as store:
        analyses = list(store.analyses())
    result = pipeline.analyse_corpus(analyses)
    ordered = story_order(analyses)
    bags = [channel_bags(a) for a in ordered]
    items = profiles(ordered, embeddings_of(ordered), bags)
    assert pipeline.analyse_corpus(analyses, items) == result
    assert incremental.build_index(analyses, result, bags, items) == incremental.build_index(
        analyses, result
    )


def test_a_story_row_gives_back_its_sums_exactly() -> None:
    import base64
    import json

    import numpy as np

    from claimgraph.corpus.index import content_sum, dense_sum, group_to_json
    from claimgraph.corpus.pairdots import hashed_vector
    from claimgraph.corpus.stories import Group

    # Weights with every bit of a float64 in use, keys JSON must escape, and a time key.
    total = {f"t:w{i}": 1 / (i + 3) for i in range(50)} | {'e:"Quote" \\ \x1f': 1e-300}
    total["d:2024-05"] = 0.5
    dense = np.linspace(-1.0, 1.0, 384)
    group = Group([0, 1], total, 1.8, 1.0, 738000, 738002)
    group.dense, group.dense_count = dense, 2
    row = json.loads(json.dumps(group_to_json(group, ["a1", "a2"], "Quake")))
    hashes, weights = content_sum(row)
    expected = hashed_vector(total)
    assert np.array_equal(hashes, expected[0]) and np.array_equal(weights, expected[1])
    assert len(hashes) == 51  # the time key is not stored: it never counts in a content dot
    found = dense_sum(row)
    assert isinstance(row["dense"], str) and len(row["dense"]) < 384 * 6
    assert found is not None and np.allclose(found, dense, atol=1e-6)
    # Rows written before: keys listed with packed weights, or a JSON object of numbers.
    packed = np.fromiter(total.values(), dtype="<f8")
    listed = {"keys": list(total), "weights": base64.b64encode(packed.tobytes()).decode()}
    for old in (listed, total):
        back = content_sum({"total": old})
        assert np.array_equal(back[0], hashes) and np.array_equal(back[1], weights)
    row["dense"] = dense.tolist()
    old_dense = dense_sum(row)
    assert old_dense is not None and np.array_equal(old_dense, dense)


def test_a_large_storyline_keeps_its_alignment_for_the_next_update(
    demo_runs, tmp_path: Path, monkeypatch
):
    # Every storyline counts as large here: each update keeps its claim groups in the index,
    # and the next one aligns only the claims not in them.
    from claimgraph.corpus import align as align_module
    from claimgraph.corpus import incremental

    monkeypatch.setattr(pipeline, "DERIVE_CHUNK", 3)
    monkeypatch.setattr(incremental, "SETTLE_CLAIMS", 1)
    settled_calls = []
    original = align_module.align
    monkeypatch.setattr(
        "claimgraph.corpus.facts.align",
        lambda claims, settled=(): settled_calls.append(len(settled)) or original(claims, settled),
    )
    db = tmp_path / "settled.db"
    api.run([str(DEMO)], str(db), Settings())
    assert any(settled_calls)  # a later update started from groups an earlier one kept
    with SQLiteStore(db) as store:
        rows = store.conn.execute("SELECT value FROM corpus_index WHERE space='aligned'")
        groups = [set(g) for (value,) in rows for g in json.loads(value)]
        facts = store.corpus().facts
    claims = [c for g in groups for c in g]
    assert groups and len(claims) == len(set(claims))  # each claim in one group
    for fact in facts:  # every fact is one kept group (or a storyline no update touched)
        assert set(fact.claim_ids) in groups or not set(fact.claim_ids) & set(claims)
    # Here the new claims join the kept groups as one pass over everything groups them.
    assert _records(db)["facts"] == _records(demo_runs["full"])["facts"]


def test_a_sampled_posting_is_the_same_however_its_ids_arrived() -> None:
    # An origin's LSH band keeps its smallest ids once past the cap: the same sample whether
    # the ids came in one full run or over many updates.
    rng = random.Random(7)
    ids = [f"a{rng.getrandbits(40):010x}" for _ in range(50)]
    index = IndexWriter(None)
    for start in range(0, len(ids), 7):
        index.add_postings("okey", {"b1:x": ids[start : start + 7]}, cap=12, sample=True)
        index.add_postings("okey", {"s:x": ids[start : start + 7]}, cap=12)
    stored = index.get("okey", ["b1:x", "s:x"])
    assert stored["b1:x"] == capped(sorted(ids), 12, sample=True) == sorted(ids)[:12]
    assert stored["s:x"] == capped(sorted(ids), 12) == FULL

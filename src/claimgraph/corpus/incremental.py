"""Incremental corpus update: new articles join the stored corpus without re-deriving it.

A full run (``pipeline.analyse_corpus``) reads every stored analysis; its cost grows with the
store. An update reads only what the new articles touch, through the corpus index
(``corpus/index.py``):

1. document frequencies are bumped and the new articles get story profiles weighted by them;
2. stories: each new article's blocking keys find the stored articles, hence stories, it may
   belong to; those stories are taken apart and clustered again together with the new
   articles by the full run's own average-link, so stories grow, merge or split as one pass
   over the neighbourhood would have them;
3. origins: LSH bands, long sentences and agency credits find stored candidates; each pair is
   checked as the full run checks it, and origins that meet merge;
4. the *partition* is every storyline holding a changed story or an article whose origin
   changed; only its analyses are loaded, and its facts, statuses, inferred dates and
   timeline are derived again and replace the old ones in one transaction.

What an update does not do: re-link storylines (a new story starts its own storyline unless
it grew out of stored stories) or re-weigh the stories it does not reach. ``claimgraph run
--full``, or any run once the store has grown by ``FULL_RUN_SHARE`` since its last full
derivation, derives everything again.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from claimgraph.corpus import origins as origin_rules
from claimgraph.corpus.derive import fact_stages
from claimgraph.corpus.entities import EntityTally, add_tallies, entities_of, tally_entities
from claimgraph.corpus.index import (
    FULL,
    IndexWriter,
    capped,
    content_sum,
    dense_sum,
    group_to_json,
    postings_of,
)
from claimgraph.corpus.origins import (
    BAND,
    SENTENCE,
    LazyOriginText,
    content_words,
    origin_keys,
    same_origin_linked,
    shingles,
)
from claimgraph.corpus.origins import words as word_tokens
from claimgraph.corpus.pairdots import content_dots
from claimgraph.corpus.stories import (
    CHANNELS,
    MAX_POSTING,
    MERGE_THRESHOLD,
    NEIGHBOURS,
    Group,
    Profile,
    average_link,
    blocking_keys,
    channel_bags,
    day_of,
    dense_part,
    embeddings_of,
    headline,
    lead_people,
    lead_sums,
    most_central,
    neighbour_graph,
    profiles,
    story_order,
    unit,
    weigh,
)
from claimgraph.corpus.storylines import (
    LINK_THRESHOLD,
    MAX_STORY_POSTINGS,
    MIN_SHARED_NAMES,
    name_idf,
    salient_names,
    storylines,
    weighted_overlap,
)
from claimgraph.heap import collector_paused
from claimgraph.model import Article, Story, content_id
from claimgraph.store.base import Analysis, CorpusResult, IndexChanges, Store
from claimgraph.store.codec import unpack_vector

# An update re-clusters the neighbourhood of the new articles as one pass would, so stories do
# not drift (ECB+ topics 1-35, benchmarks/eval_incremental.py: B-cubed F1 0.936 in one pass and
# after 1 or 4 updates, 0.935 after 9). What does go stale is the rest: weights of stories no update
# touched, and storylines (an update never links two stored ones). Once the store has doubled
# since its last full derivation, the next run derives everything again: the total cost stays
# linear (a full run per doubling).
FULL_RUN_SHARE = 1.0
# A storyline with at least this many claims keeps its facts' claim groups in the index, and an
# update that touches it again aligns only the claims it has not aligned yet (they join the
# stored groups or form new ones) instead of the whole storyline. A storyline that keeps
# growing (an undated page reprinted every day) otherwise costs more at every update: in the
# benchmark corpus, 3,500 claims more per 10k articles, all aligned again each time
# (benchmarks/profile_update.py). Smaller storylines are aligned again in full, as in one pass.
SETTLE_CLAIMS = 2000


@dataclass(slots=True)
class UpdateSummary:
    new_articles: int = 0
    touched_stories: int = 0
    partition_articles: int = 0  # analyses loaded to re-derive facts
    replaced_stories: int = 0
    origin_changes: int = 0
    notes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# The full index, written by a full run


def build_index(
    analyses: Sequence[Analysis],
    result: CorpusResult,
    bags: Sequence[Bags] | None = None,
    items: Sequence[Profile] | None = None,
) -> IndexChanges:
    """Everything an update needs, from a full run's analyses and result. ``bags`` and
    ``items``: the articles' ``channel_bags`` and ``profiles`` in ``story_order``, when the run
    worked them out already to cluster its stories (both, or neither)."""
    index = IndexWriter(None)
    ordered = story_order(analyses)
    if bags is None or items is None:
        bags = [channel_bags(a) for a in ordered]
        items = profiles(ordered, embeddings_of(ordered), bags)
    words = [content_words(a.article.text) for a in ordered]  # for the df and the origin keys
    df: Counter[str] = Counter({"#n": len(ordered), "#full": len(ordered)})
    for a, bag, mine in zip(ordered, bags, words, strict=True):
        df.update(_df_keys(a, bag, mine))
    for key, n in df.items():
        index.put("df", key, n)
    for key, ids in postings_of({p.article_id: blocking_keys(p) for p in items}).items():
        index.put("post", key, FULL if len(ids) > MAX_POSTING else ids)
    by_id = {p.article_id: p for p in items}
    for story in result.stories:
        members = [by_id[a] for a in story.article_ids if a in by_id]
        if members:
            _put_story(index, story, _group_of(members))
    okeys = {
        a.article.id: origin_keys(a.article, _rare_words(mine, df))
        for a, mine in zip(ordered, words, strict=True)
    }
    for key, ids in postings_of(okeys).items():
        index.put("okey", key, capped(ids, origin_rules.MAX_POSTING, sample=key[0] == BAND))
    origin_members: dict[str, list[str]] = defaultdict(list)
    for article_id, origin in sorted(result.origins.items()):
        index.put("origin", article_id, origin)
        origin_members[origin].append(article_id)
    for origin, ids in origin_members.items():
        index.put("omembers", origin, ids)
    line_of = storylines(result.stories, ordered)
    by_article = {a.article.id: a for a in ordered}
    names = {
        s.id: salient_names(by_article[a] for a in s.article_ids if a in by_article)
        for s in result.stories
    }
    _count_story_names(index, names)
    line_members: dict[str, list[str]] = defaultdict(list)
    for story_id, line in sorted(line_of.items()):
        index.put("line", story_id, line)
        line_members[line].append(story_id)
    for line, ids in line_members.items():
        index.put("lmembers", line, ids)
    for key, tally in tally_entities(ordered).items():
        index.put("ent", key, _tally_json(tally))
    return index.result()


# ---------------------------------------------------------------------------------------------
# An update


def can_update(store: Store, new_count: int, stored_count: int) -> bool:
    """Whether adding ``new_count`` articles to a store of ``stored_count`` (the new ones
    included) may go incrementally: the store's index covers every other stored article, and
    the store has not grown by more than ``FULL_RUN_SHARE`` since its last full derivation."""
    if not new_count or not store.has_index():
        return False
    counts = {k: int(v) for k, v in store.index_get("df", ["#full", "#n"]).items()}
    derived, covered = counts.get("#full", 0), counts.get("#n", 0)
    if covered + new_count != stored_count:
        return False  # a run was stopped between storing articles and folding them in
    return derived > 0 and stored_count - derived <= FULL_RUN_SHARE * derived


def is_current(store: Store, stored_count: int) -> bool:
    """Whether the corpus records cover every stored article."""
    if not store.has_index():
        return False
    return int(store.index_get("df", ["#n"]).get("#n", "-1")) == stored_count


def mark_derived(store: Store, stored_count: int) -> None:
    """Record that the corpus was derived in full over ``stored_count`` articles (a derivation
    done in chunks ends with updates, which leave the mark at the first chunk)."""
    empty = CorpusResult({}, (), (), (), ())
    store.update_corpus(empty, [], {"df": {"#full": str(stored_count)}})


def update_corpus(store: Store, new: Sequence[Analysis]) -> UpdateSummary:
    """Fold ``new`` (already stored) into the stored corpus records; one transaction."""
    if not new:
        return UpdateSummary(new_articles=0)
    with collector_paused():  # the partition it builds is kept until it is written (``heap``)
        return _update_corpus(store, new)


def _update_corpus(store: Store, new: Sequence[Analysis]) -> UpdateSummary:
    summary = UpdateSummary(new_articles=len(new))
    index = IndexWriter(store)
    new = sorted({a.article.id: a for a in new}.values(), key=lambda a: a.article.id)
    memo = _Memo()
    df = _bump_df(index, new, memo)
    loaded = {a.article.id: a for a in new}
    touched, absorbed = _join_stories(store, index, new, df, loaded, memo)
    memo.bags.clear()  # read no more: only the profiles are wanted again, to title stories
    summary.touched_stories = len(touched)
    changed_origins = _join_origins(store, index, new, df, memo)
    summary.origin_changes = len(changed_origins)
    lines = _place_in_storylines(index, touched, loaded)
    lines |= set(index.get("line", index.get("story", changed_origins).values()).values())
    part_stories = _line_stories(index, lines)
    groups = index.get("group", part_stories)
    articles = sorted({a for g in groups.values() for a in g["members"]})
    more = {a.article.id: a for a in store.analyses_of(set(articles) - set(loaded))}
    analyses = [loaded.get(a) or more[a] for a in articles if a in loaded or a in more]
    summary.partition_articles = len(analyses)
    by_id = {a.article.id: a for a in analyses}
    stories = [_story(s, groups[s], by_id, df, memo.profiles) for s in sorted(groups)]
    line_of = index.get("line", part_stories)
    origins = index.get("origin", articles)
    settled = index.get("aligned", set(line_of.values()))
    aligned: dict[str, list[list[str]]] = {}
    part = fact_stages(analyses, stories, origins, line_of, settled, aligned)
    _keep_alignments(index, aligned, settled)
    entities = _update_entities(index, new)
    replaced = sorted(set(part_stories) | absorbed)
    summary.replaced_stories = len(replaced)
    store.update_corpus(replace(part, entities=tuple(entities)), replaced, index.result())
    return summary


def _keep_alignments(
    index: IndexWriter, aligned: Mapping[str, list[list[str]]], stored: Mapping[str, Any]
) -> None:
    """Keep the claim groups of the storylines with at least ``SETTLE_CLAIMS`` claims, so the
    next update aligns only their new claims (``align``'s ``settled``)."""
    for line, groups in aligned.items():
        if sum(map(len, groups)) >= SETTLE_CLAIMS:
            index.put("aligned", line, groups)
        elif line in stored:
            index.delete("aligned", line)


# -- document frequencies and profiles ---------------------------------------------------------


def _df_keys(
    analysis: Analysis,
    bags: tuple[Counter[str], ...] | None = None,
    words: Iterable[str] | None = None,
) -> set[str]:
    bags = bags or channel_bags(analysis)
    keys = {prefix + k for (prefix, _), bag in zip(CHANNELS, bags, strict=True) for k in bag}
    words = content_words(analysis.article.text) if words is None else words
    keys.update("w:" + w for w in words)
    return keys


Bags = tuple[Counter[str], Counter[str], Counter[str]]


@dataclass(slots=True)
class _Memo:
    """Per-article work an update would otherwise repeat: an article's story bags feed both
    its document frequencies and its profile, and the profiles that cluster the stories also
    title them (the frequencies they are weighted by do not change in between)."""

    bags: dict[str, Bags] = field(default_factory=dict)
    profiles: dict[str, Profile] = field(default_factory=dict)
    # A new article's content words: its document frequencies, then its origin keys
    words: dict[str, set[str]] = field(default_factory=dict)

    def content_words(self, analysis: Analysis) -> set[str]:
        key = analysis.article.id
        found = self.words.get(key)
        if found is None:
            found = self.words[key] = content_words(analysis.article.text)
        return found

    def bags_of(self, analysis: Analysis) -> Bags:
        key = analysis.article.id
        found = self.bags.get(key)
        if found is None:
            found = self.bags[key] = channel_bags(analysis)
        return found

    def profile(self, analysis: Analysis, df: Mapping[str, int]) -> Profile:
        profile = _profile(analysis, df, self.bags_of(analysis))
        self.profiles[profile.article_id] = profile
        return profile


def _bump_df(index: IndexWriter, new: Sequence[Analysis], memo: _Memo) -> dict[str, int]:
    counts: Counter[str] = Counter({"#n": len(new)})
    for a in new:
        counts.update(_df_keys(a, memo.bags_of(a), memo.content_words(a)))
    return index.add_counts("df", counts)


def _profile(analysis: Analysis, df: Mapping[str, int], bags: Bags | None = None) -> Profile:
    n = df.get("#n", 1)
    vector: dict[str, float] = {}
    for (prefix, weight), bag in zip(CHANNELS, bags or channel_bags(analysis), strict=True):
        idf = {k: math.log((1 + n) / (1 + df.get(prefix + k, 1))) + 1.0 for k in bag}
        vector.update(weigh(bag, idf, prefix, weight))
    dense = unit(unpack_vector(analysis.embedding)) if analysis.embedding else None
    day = day_of(analysis.article.published)
    return Profile(
        analysis.article.id, vector, day, dense, lead_people(analysis), lead_sums(analysis)
    )


def _rare_words(words: Iterable[str], df: Mapping[str, int]) -> list[str]:
    return sorted(words, key=lambda w: (df.get("w:" + w, 1), w))


# -- stories ---------------------------------------------------------------------------------


def _group_of(members: Sequence[Profile]) -> Group:
    group = Group.of(0, members[0])
    for p in members[1:]:
        single = Group.of(0, p)
        group.absorb(single, group.cross(single)[0])
    return group


def _put_story(index: IndexWriter, story: Story, group: Group) -> None:
    index.put("group", story.id, group_to_json(group, story.article_ids, story.title))
    for article_id in story.article_ids:
        index.put("story", article_id, story.id)


def _join_stories(
    store: Store,
    index: IndexWriter,
    new: Sequence[Analysis],
    df: dict[str, int],
    loaded: dict[str, Analysis],
    memo: _Memo,
) -> tuple[dict[str, list[str]], set[str]]:
    """Cluster the new articles together with the stored stories they may belong to; returns
    the changed stories (id -> the stored stories they took members from, biggest first) and
    every stored story that changed.

    The stories the new articles' blocking keys reach are taken apart and clustered again with
    them, by the full run's own average-link over fresh profiles: the neighbourhood comes out as
    one pass over it would give (stories grow, merge, or split when the new reports show two
    events where one was seen), and its profiles take today's weights. Folding new articles
    into fixed stories instead loses precision with every update (measured on ECB+:
    ``benchmarks/eval_incremental.py``)."""
    fresh = [memo.profile(a, df) for a in new]
    keys = {p.article_id: blocking_keys(p) for p in fresh}
    stored = index.get("post", {k for ks in keys.values() for k in ks})
    story_of = index.get("story", {a for ids in stored.values() if ids != FULL for a in ids})
    reach = {
        p.article_id: {
            story_of[a]
            for k in keys[p.article_id]
            if (ids := stored.get(k, [])) != FULL
            for a in ids
            if a in story_of
        }
        for p in fresh
    }
    candidates = index.get("group", {s for stories in reach.values() for s in stories})
    old_groups = _reachable_stories(fresh, reach, candidates)
    old_members = {s: set(g["members"]) for s, g in old_groups.items()}
    old = store.analyses_of({a for m in old_members.values() for a in m})
    loaded.update((a.article.id, a) for a in old)
    old_keys = {k for a in old for k in _df_keys(a, memo.bags_of(a))}
    df.update(index.get("df", old_keys - set(df)))
    items = sorted([*fresh, *(memo.profile(a, df) for a in old)], key=lambda p: p.article_id)
    index.add_postings("post", postings_of(keys), current=stored)
    story_by_article = {a: s for s, m in old_members.items() for a in m}
    touched: dict[str, list[str]] = {}
    absorbed: set[str] = set()
    for cluster in average_link(items, neighbour_graph(items)):
        ids = [items[i].article_id for i in cluster]
        sources = {story_by_article[a] for a in ids if a in story_by_article}
        if len(sources) == 1 and old_members[next(iter(sources))] == set(ids):
            continue  # a stored story that came out as it was
        olds = sorted(sources, key=lambda s: (-len(old_members[s]), s))
        story = Story(content_id("s", *ids), "", tuple(ids))
        _put_story(index, story, _group_of([items[i] for i in cluster]))
        absorbed.update(olds)
        touched[story.id] = olds
    absorbed -= set(touched)  # a re-formed story may come out with a stored story's members
    for story_id in absorbed:
        index.delete("group", story_id)
    return touched, absorbed


def _reachable_stories(
    fresh: Sequence[Profile], reach: Mapping[str, set[str]], candidates: Mapping[str, Any]
) -> dict[str, Any]:
    """The stored stories (id -> group JSON) some new article could join: of the stories its
    blocking keys reach (``reach``), those whose members it resembles on average in words,
    entities and embeddings at the merge threshold (so stories merely sharing a key stay
    out), the best ``NEIGHBOURS`` per article. Each pair scores as ``Group.cross`` of the
    article alone with the story would; the word and entity sums of all pairs are taken at
    once (``content_dots``)."""
    ids = sorted(candidates)
    rows = [candidates[s] for s in ids]
    column = {s: j for j, s in enumerate(ids)}
    pairs = [
        (i, column[s])
        for i, p in enumerate(fresh)
        for s in sorted(reach[p.article_id] & column.keys())
    ]
    sums = content_dots([p.vector for p in fresh], [content_sum(row) for row in rows], pairs)
    dense = {j: dense_sum(rows[j]) for j in {j for _, j in pairs}}
    scored: dict[int, list[tuple[float, str]]] = defaultdict(list)
    for (i, j), content in zip(pairs, sums.tolist(), strict=True):
        extra = dense_part(fresh[i].dense, dense[j], int(rows[j].get("dense_count", 0)))
        average = (content + extra) / len(rows[j]["members"])
        if average >= MERGE_THRESHOLD:
            scored[i].append((average, ids[j]))
    keep = {s for found in scored.values() for _, s in heapq.nlargest(NEIGHBOURS, found)}
    return {s: candidates[s] for s in keep}


def _story(
    story_id: str,
    data: Mapping[str, Any],
    analyses: Mapping[str, Analysis],
    df: Mapping[str, int],
    profiles: Mapping[str, Profile],
) -> Story:
    members = [analyses[a] for a in sorted(data["members"]) if a in analyses]
    dates = sorted(p[:10] for a in members if (p := a.article.published))
    title = data.get("title") or ""
    if not title and members:
        # Named as a full run names it: its most central report's headline.
        items = [profiles.get(a.article.id) or _profile(a, df) for a in members]
        title = headline(members[most_central(items, list(range(len(items))))])
    return Story(
        story_id,
        title,
        tuple(data["members"]),
        dates[0] if dates else None,
        dates[-1] if dates else None,
    )


# -- storylines ------------------------------------------------------------------------------


def _place_in_storylines(
    index: IndexWriter, touched: Mapping[str, list[str]], loaded: Mapping[str, Analysis]
) -> set[str]:
    """A changed story keeps the storyline of the biggest stored story it took members from;
    a new story joins the stored storyline it is closest to, by the full run's average-link
    rule over salient names, or starts its own. Returns every storyline that changed."""
    sources = {s for olds in touched.values() for s in olds}
    old_lines = index.get("line", sources)
    line_members: dict[str, list[str]] = index.get("lmembers", set(old_lines.values()))
    for story_id in sources:  # taken out of their storylines; the re-formed ones go back below
        line = old_lines.get(story_id)
        if line is not None:
            line_members[line] = [s for s in line_members.get(line, []) if s != story_id]
        index.delete("line", story_id)
        index.delete("skeys", story_id)
    changed = set(old_lines.values())
    names = {
        story_id: salient_names(
            loaded[a] for a in index.get("group", [story_id])[story_id]["members"]
        )
        for story_id in touched
    }
    _count_story_names(index, names)
    for story_id, olds in sorted(touched.items()):
        line = old_lines.get(olds[0]) if olds else _closest_storyline(index, names[story_id])
        line = line or story_id
        if line not in line_members:  # a stored storyline this update had not read yet
            line_members.update(index.get("lmembers", [line]))
        index.put("line", story_id, line)
        line_members[line] = sorted({*line_members.get(line, []), story_id})
        changed.add(line)
    for line, members in line_members.items():
        if members:
            index.put("lmembers", line, members)
        else:
            index.delete("lmembers", line)
    return changed


def _count_story_names(index: IndexWriter, names: Mapping[str, Counter[str]]) -> None:
    """Index the stories' salient names: their postings and how many stories hold each."""
    for story_id, keys in names.items():
        index.put("skeys", story_id, dict(keys))
    index.add_postings("spost", postings_of({s: list(k) for s, k in names.items()}))
    counts: Counter[str] = Counter({"#stories": len(names)})
    for keys in names.values():
        counts.update(keys.keys())
    index.add_counts("sdf", counts)


def _closest_storyline(index: IndexWriter, names: Counter[str]) -> str | None:
    """The stored storyline whose stories share this story's cast best on average (at least
    ``LINK_THRESHOLD``), found through the postings of its salient names."""
    postings = index.get("spost", names)
    shared: Counter[str] = Counter()
    for ids in postings.values():
        if ids != FULL and len(ids) <= MAX_STORY_POSTINGS:
            shared.update(ids)
    linked = [s for s, n in shared.items() if n >= MIN_SHARED_NAMES]
    lines = set(index.get("line", linked).values())
    members = index.get("lmembers", lines)
    stories = {s for ids in members.values() for s in ids}
    keys = {s: Counter(k) for s, k in index.get("skeys", stories).items()}
    df = index.get("sdf", {k for ks in keys.values() for k in ks} | set(names) | {"#stories"})
    n_stories = int(df.get("#stories", 1))
    idf = {k: name_idf(int(v), n_stories) for k, v in df.items() if k != "#stories"}
    scores = {
        s: score
        for s, k in keys.items()
        if len(names.keys() & k.keys()) >= MIN_SHARED_NAMES
        and (score := weighted_overlap(names, k, idf)) >= LINK_THRESHOLD
    }
    best: tuple[float, str] | None = None
    for line, ids in sorted(members.items()):
        average = sum(scores.get(s, 0.0) for s in ids) / len(ids)
        if average >= LINK_THRESHOLD and (best is None or average > best[0]):
            best = (average, line)
    return best[1] if best else None


def _line_stories(index: IndexWriter, lines: Iterable[str]) -> list[str]:
    members = index.get("lmembers", lines)
    return sorted({s for ids in members.values() for s in ids})


# -- origins ---------------------------------------------------------------------------------


def _join_origins(
    store: Store,
    index: IndexWriter,
    new: Sequence[Analysis],
    df: Mapping[str, int],
    memo: _Memo,
) -> set[str]:
    """Give the new articles origins, merging stored origins they link; returns the stored
    articles whose origin changed."""
    n = df.get("#n", 1)
    # Content-word counts for the shared-credit test (words only the stored side has count as
    # rare: the test is then stricter, never looser).
    words = {k[2:]: v for k, v in df.items() if k.startswith("w:")}
    by_id = {a.article.id: a.article for a in new}
    texts = _OriginTexts(by_id)
    keys = {}
    for a in new:
        # The shingles give the LSH keys and, hashed, the pair test: worked out once.
        tokens = shingles(word_tokens(a.article.text))
        rare = _rare_words(memo.content_words(a), df)
        keys[a.article.id] = origin_keys(a.article, rare, tokens)
        texts[a.article.id].keep_shingles(tokens)
    stored = index.get("okey", {k for ks in keys.values() for k in ks})
    fresh = postings_of(keys)
    common = _common_origin_keys(stored, fresh)
    boilerplate = {key[2:] for key in common if key[0] == SENTENCE}
    wanted = {b for ids in stored.values() if ids != FULL for b in ids} - set(by_id)
    candidates = {a.id: a for a in store.articles_of(wanted)} if wanted else {}
    articles = texts.articles = {**candidates, **by_id}
    origin_of = index.get("origin", candidates)
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    def union(x: str, y: str) -> None:
        rx, ry = find(x), find(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)

    for article_id, article_keys in sorted(keys.items()):
        # Each candidate, with the kinds of key that link it: only those kinds' tests apply.
        linked_by: dict[str, set[str]] = defaultdict(set)
        for key in article_keys:
            if key in common:
                continue  # the full run's tests skip it too
            ids = stored.get(key, [])
            for other in (*(ids if ids != FULL else ()), *fresh[key]):
                linked_by[other].add(key[0])
        linked_by.pop(article_id, None)
        for other, kinds in sorted(linked_by.items()):
            joined_to = origin_of.get(other, other)
            if find(article_id) == find(joined_to):
                continue  # already one origin through another member: the test adds nothing
            if other in articles and same_origin_linked(
                texts[article_id], texts[other], kinds, words, n, boilerplate
            ):
                union(article_id, joined_to)
    bands = {k: ids for k, ids in fresh.items() if k[0] == BAND}
    index.add_postings("okey", bands, origin_rules.MAX_POSTING, sample=True, current=stored)
    others = {k: ids for k, ids in fresh.items() if k[0] != BAND}
    index.add_postings("okey", others, origin_rules.MAX_POSTING, current=stored)
    # Each union-find root stands for the new articles and stored origins it joined.
    joined: dict[str, set[str]] = defaultdict(set)
    for article_id in by_id:
        joined[find(article_id)].add(article_id)
    for origin in set(origin_of.values()):
        joined[find(origin)].add(origin)
    members_of = index.get("omembers", set(origin_of.values()))
    changed: set[str] = set()
    for parts in joined.values():
        members = sorted(
            {m for p in parts for m in members_of.get(p, [])} | {p for p in parts if p in by_id}
        )
        origin = content_id("o", members[0])
        for old in sorted(parts & set(members_of)):
            if old != origin:
                index.delete("omembers", old)
                changed.update(members_of[old])  # these stored articles now have a new origin
        index.put("omembers", origin, members)
        for m in members:
            index.put("origin", m, origin)
    return changed


def _common_origin_keys(stored: Mapping[str, Any], fresh: Mapping[str, list[str]]) -> set[str]:
    """The sentence and credit keys that more than ``origins.MAX_POSTING`` articles hold once
    the new ones are counted: the full run neither pairs articles through them nor counts
    such a sentence as a reused passage. (An LSH band never stops blocking: its posting keeps
    a sample, ``index.capped``.)"""
    limit = origin_rules.MAX_POSTING
    return {
        key
        for key, ids in fresh.items()
        if key[0] != BAND
        and ((old := stored.get(key, [])) == FULL or len(set(old) | set(ids)) > limit)
    }


class _OriginTexts(dict[str, LazyOriginText]):
    """Each article's ``LazyOriginText``, made on first use and kept: a stored article is a
    candidate of many new ones, and a new article is tested against many candidates."""

    def __init__(self, articles: Mapping[str, Article]) -> None:
        super().__init__()
        self.articles = articles

    def __missing__(self, article_id: str) -> LazyOriginText:
        text = self[article_id] = LazyOriginText(self.articles[article_id])
        return text


# -- entities --------------------------------------------------------------------------------


def _update_entities(index: IndexWriter, new: Sequence[Analysis]) -> list[Any]:
    mine = tally_entities(new)
    stored = index.get("ent", mine)
    tallies: dict[str, EntityTally] = {k: _tally_from(v) for k, v in stored.items()}
    add_tallies(tallies, mine)  # the new articles' mentions, tallied once
    for key, tally in tallies.items():
        index.put("ent", key, _tally_json(tally))
    return entities_of(tallies)


def _tally_json(tally: EntityTally) -> dict[str, Any]:
    # Pairs, not objects: the order first seen breaks ties between spellings and kinds, as in
    # a full run, and the index writes objects with sorted keys.
    return {
        "names": list(tally.names.items()),
        "kinds": list(tally.kinds.items()),
        "articles": sorted(tally.articles),
    }


def _tally_from(data: Mapping[str, Any]) -> EntityTally:
    return EntityTally(
        Counter(dict(data["names"])), Counter(dict(data["kinds"])), set(data["articles"])
    )

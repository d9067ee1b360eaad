"""Origins: which reports are not independent of each other.

Two reports share an origin when one is a copy or a rewrite of the other, or when both rest
on the same wire agency. Three kinds of evidence link articles, each found by blocking so the
cost grows about linearly with the corpus (never all pairs):

* near duplicates: MinHash LSH over 5-word shingles, confirmed by the exact Jaccard of the two
  shingle sets (catches wire copies with a new headline or a few words changed);
* passage reuse: hashes of whole sentences; a rewrite that keeps several sentences of another
  report (a trimmed ending, a paragraph added) shares them even when the overall Jaccard is
  low;
* shared agency credit: two reports of one event crediting the same agency ("ANI", "IANS")
  rest on one wire text, even when rewritten. Generic credits ("Agencies", "Staff") name no
  one and link nothing.

Linked articles are joined with union-find; an origin's id hashes the smallest article id in
it, so the same input gives the same ids in any order.
"""

from __future__ import annotations

import functools
import hashlib
import math
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from datasketch import MinHash, MinHashLSH
from spacy.lang.en.stop_words import STOP_WORDS

from claimgraph.model import Article, content_id

SHINGLE_WORDS = 5
NUM_PERM = 128
# Jaccard of 5-word shingles at which two texts count as copies. Measured on ECB+ topics 1-35:
# 99% of pairs of reports of one event are under 0.38, and the pairs above 0.5 are one text
# on two sites. Copies made from 100 of those reports: a new headline 0.98, 4% of the words
# changed 0.68 or more, 40% cut 0.57 or more, half as much again added 0.65 or more.
JACCARD_THRESHOLD = 0.5
LSH_THRESHOLD = 0.4  # looser than the check above so LSH misses few true pairs
MIN_SHARED_SENTENCES = 3
# Shared sentences must also be this share of the shorter report: three sentences of
# boilerplate (newsletter prompts, a standard footer) inside two long reports are not reuse.
MIN_SHARED_FRACTION = 0.3
FOOTER_SENTENCES = 4  # shared sentences only among both texts' last four are a footer
MIN_SENTENCE_WORDS = 6  # shorter sentences ("He declined to comment.") recur by chance
# A sentence in more articles than this is boilerplate, not a passage (a wire text reprinted
# more often than that is still caught as near duplicates); so is a credit key. The corpus
# index keeps the same limit, so an update blocks and counts as the full run does.
MAX_POSTING = 200
CREDIT_KEY_WORDS = 8  # rarest words per article paired with its agency as blocking keys
# Least IDF-weighted cosine of the content-word sets for a shared credit to link two reports.
# Measured on ECB+ topics 1-35: reports of one event have a median of 0.22 (95% above 0.096),
# reports of unrelated events stay under 0.072 in 99% of pairs.
CREDIT_MIN_COSINE = 0.1

# Credits that name no particular agency, so sharing them proves nothing.
GENERIC_CREDITS = frozenset(
    {
        "agencies",
        "agency",
        "news agencies",
        "wire",
        "wires",
        "wire services",
        "staff",
        "staff reporter",
        "our correspondent",
        "correspondent",
        "bureau",
        "desk",
        "news desk",
        "web desk",
        "online desk",
        "editorial",
        "with inputs from agencies",
        "inputs from agencies",
    }
)

_WORD = re.compile(r"\w+", re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+|\n+")


def words(text: str) -> list[str]:
    """Lower-cased word tokens: punctuation, case and spacing differences do not count."""
    return _WORD.findall(text.lower())


def shingles(tokens: Sequence[str], size: int = SHINGLE_WORDS) -> set[bytes]:
    """Overlapping ``size``-word shingles (a short text is one shingle of all its words)."""
    if len(tokens) <= size:
        return {" ".join(tokens).encode("utf-8")} if tokens else set()
    return {" ".join(tokens[i : i + size]).encode("utf-8") for i in range(len(tokens) - size + 1)}


def sentence_hashes(text: str) -> list[str]:
    """Hashes of the text's sentences long enough to be evidence of reuse, in text order."""
    out: dict[str, None] = {}
    for sentence in _SENTENCE_END.split(text):
        toks = words(sentence)
        if len(toks) >= MIN_SENTENCE_WORDS:
            out.setdefault(hashlib.sha1(" ".join(toks).encode("utf-8")).hexdigest()[:16])
    return list(out)


def credit_keys(credits: Iterable[str]) -> set[str]:
    """Normalised agency credits, without the generic ones."""
    keys = {" ".join(words(c)) for c in credits}
    return {k for k in keys if k and k not in GENERIC_CREDITS}


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def jaccard(
    a: AbstractSet[bytes] | AbstractSet[int], b: AbstractSet[bytes] | AbstractSet[int]
) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _article_text(article: Article) -> str:
    # The headline is left out: a reprint under a new headline is still the same text.
    return article.text


def _minhash_factory() -> Callable[[], MinHash]:
    """Empty MinHash sketches sharing one set of permutations (datasketch >= 2 also wants
    the permutation scheme named when permutations are passed in)."""
    template = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=zlib.crc32)
    extra: dict[str, object] = {"permutations": template.permutations}
    if getattr(template, "scheme", None):
        extra["scheme"] = template.scheme
    return lambda: MinHash(num_perm=NUM_PERM, seed=1, hashfunc=zlib.crc32, **extra)


def near_duplicate_pairs(shingle_sets: Sequence[set[bytes]]) -> list[tuple[int, int]]:
    """Pairs whose shingle Jaccard reaches ``JACCARD_THRESHOLD``, found through LSH bands."""
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    # CRC-32 is a fast, stable hash (the default SHA-1 costs more than the rest of the stage);
    # LSH only proposes candidates, every pair is checked on the exact shingle sets, and the
    # permutations are drawn once instead of once per article.
    new_minhash = _minhash_factory()
    signatures: list[MinHash] = []
    for i, sh in enumerate(shingle_sets):
        mh = new_minhash()
        mh.update_batch(list(sh))
        signatures.append(mh)
        if sh:
            lsh.insert(str(i), mh)
    pairs = []
    for i, mh in enumerate(signatures):
        if not shingle_sets[i]:
            continue
        for key in lsh.query(mh):
            j = int(key)
            if j > i and jaccard(shingle_sets[i], shingle_sets[j]) >= JACCARD_THRESHOLD:
                pairs.append((i, j))
    return pairs


def passage_reuse_pairs(sentence_lists: Sequence[list[str]]) -> list[tuple[int, int]]:
    """Pairs sharing enough long sentences, found through an inverted index of sentences."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, hashes in enumerate(sentence_lists):
        for h in hashes:
            postings[h].append(i)
    shared: dict[tuple[int, int], list[str]] = defaultdict(list)
    for h, members in postings.items():
        if 2 <= len(members) <= MAX_POSTING:
            for x, i in enumerate(members):
                for j in members[x + 1 :]:
                    shared[(i, j)].append(h)
    return sorted(
        (i, j)
        for (i, j), common in shared.items()
        if _is_reuse(common, sentence_lists[i], sentence_lists[j])
    )


def _is_reuse(common: Sequence[str], a: Sequence[str], b: Sequence[str]) -> bool:
    """Enough shared sentences, a fair share of the shorter text, and not just a shared
    footer (an outlet's sign-off closing both reports is boilerplate, not a passage)."""
    if len(common) < MIN_SHARED_SENTENCES or len(common) < MIN_SHARED_FRACTION * min(
        len(a), len(b)
    ):
        return False
    tails = set(a[-FOOTER_SENTENCES:]) & set(b[-FOOTER_SENTENCES:])
    return not set(common) <= tails


def shared_credit_pairs(
    articles: Sequence[Article], word_sets: Sequence[set[str]]
) -> list[tuple[int, int]]:
    """Pairs crediting the same (non-generic) agency and reporting the same thing.

    The credit alone would join every AP report of a year into one origin, and one article
    crediting both AP and Reuters would then chain all of both agencies' reports together, so
    that an AP and a Reuters report of the same event stopped counting as independent. The
    credit therefore links two reports only when their wording overlaps as reports of one
    event do (``CREDIT_MIN_COSINE``); candidates come from keys pairing the agency with one of
    the article's rarest words.
    """
    df: Counter[str] = Counter()
    for ws in word_sets:
        df.update(ws)
    postings: dict[str, list[int]] = defaultdict(list)
    for i, article in enumerate(articles):
        agencies = credit_keys(article.credits)
        if not agencies:
            continue
        shared_words = sorted((w for w in word_sets[i] if df[w] > 1), key=lambda w: (df[w], w))
        for agency in sorted(agencies):
            for word in shared_words[:CREDIT_KEY_WORDS]:
                postings[f"{agency}|{word}"].append(i)
    candidates: set[tuple[int, int]] = set()
    for members in postings.values():
        if 2 <= len(members) <= MAX_POSTING:
            candidates.update((i, j) for x, i in enumerate(members) for j in members[x + 1 :])
    n = len(articles)
    return sorted(
        (i, j)
        for i, j in candidates
        if _idf_cosine(word_sets[i], word_sets[j], df, n) >= CREDIT_MIN_COSINE
    )


def content_words(text: str) -> set[str]:
    """Distinct content words: no stop words, numbers or words under four letters."""
    return {w for w in words(text) if len(w) >= 4 and not w.isdigit() and w not in STOP_WORDS}


def _idf_cosine(a: AbstractSet[str], b: AbstractSet[str], df: Counter[str], n: int) -> float:
    def weight(w: str) -> float:
        return math.log((1 + n) / (1 + df[w])) + 1.0

    # fsum: the result must not depend on set iteration order (it varies between processes).
    shared = math.fsum(weight(w) ** 2 for w in a & b)
    norm_a = math.sqrt(math.fsum(weight(w) ** 2 for w in a))
    norm_b = math.sqrt(math.fsum(weight(w) ** 2 for w in b))
    return shared / (norm_a * norm_b) if norm_a and norm_b else 0.0


def assign_origins(articles: Sequence[Article]) -> dict[str, str]:
    """Map each article id to its origin id (``content_id("o", smallest member id)``)."""
    unique = sorted({a.id: a for a in articles}.values(), key=lambda a: a.id)
    texts = [_article_text(a) for a in unique]
    shingle_sets = [shingles(words(t)) for t in texts]
    uf = _UnionFind(len(unique))
    for i, j in near_duplicate_pairs(shingle_sets):
        uf.union(i, j)
    for i, j in passage_reuse_pairs([sentence_hashes(t) for t in texts]):
        uf.union(i, j)
    for i, j in shared_credit_pairs(unique, [content_words(t) for t in texts]):
        uf.union(i, j)
    # Union-find keeps the smallest index as the root and articles are sorted by id, so the
    # root is the group's smallest id whatever order the input came in.
    return {a.id: content_id("o", unique[uf.find(i)].id) for i, a in enumerate(unique)}


# ---------------------------------------------------------------------------------------------
# One article at a time: the keys and the pair test an incremental update uses


@functools.cache
def _band_shape() -> tuple[int, int]:
    """The (bands, rows) split datasketch picks for our threshold and permutations (it
    integrates to find them: done once)."""
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    return lsh.b, lsh.r


@functools.cache
def _shared_minhash_factory() -> Callable[[], MinHash]:
    return _minhash_factory()


def origin_keys(
    article: Article, rare_words: Sequence[str], tokens: AbstractSet[bytes] | None = None
) -> list[str]:
    """Blocking keys under which a stored article can be found again by a later copy: its
    MinHash LSH bands, its long sentences, and each agency credit with one of ``rare_words``
    (the article's rarest content words, rarest first). ``tokens``: its ``shingles``, when
    the caller has them already."""
    text = _article_text(article)
    tokens = shingles(words(text)) if tokens is None else tokens
    keys = []
    if tokens:
        bands, rows = _band_shape()
        mh = _shared_minhash_factory()()
        mh.update_batch(list(tokens))
        for b in range(bands):
            band = mh.hashvalues[b * rows : (b + 1) * rows].tobytes()
            keys.append(f"b{b}:{hashlib.sha1(band).hexdigest()[:16]}")
    keys.extend(f"s:{h}" for h in sentence_hashes(text))
    for agency in sorted(credit_keys(article.credits)):
        keys.extend(f"c:{agency}|{w}" for w in rare_words[:CREDIT_KEY_WORDS])
    return keys


@dataclass(frozen=True, slots=True)
class OriginText:
    """What the pair test reads of one article, worked out once. An update tests each new
    article against every stored candidate its keys find, and those candidates grow with the
    store: re-tokenising both texts for every pair made the test cost grow with the store
    rather than with the new articles."""

    shingles: frozenset[
        int
    ]  # hashed (64 bits, so collisions are negligible): a quarter of the memory
    sentences: tuple[str, ...]
    credits: frozenset[str]
    words: frozenset[str]

    @classmethod
    def of(cls, article: Article) -> OriginText:
        text = _article_text(article)
        return cls(
            frozenset(map(hash, shingles(words(text)))),
            tuple(sentence_hashes(text)),
            frozenset(credit_keys(article.credits)),
            frozenset(content_words(text)),
        )


class LazyOriginText:
    """``OriginText`` worked out piece by piece, on first use. An update tests a new article
    against every stored article one of its keys finds, but a candidate found through a
    shared sentence or credit only needs its sentences or words (``same_origin_linked``):
    shingling every candidate's text made the update's cost grow as postings filled."""

    __slots__ = ("article", "_shingles", "_sentences", "_credits", "_words")

    def __init__(self, article: Article) -> None:
        self.article = article
        self._shingles: frozenset[int] | None = None
        self._sentences: tuple[str, ...] | None = None
        self._credits: frozenset[str] | None = None
        self._words: frozenset[str] | None = None

    @property
    def shingles(self) -> frozenset[int]:
        if self._shingles is None:
            self.keep_shingles(shingles(words(_article_text(self.article))))
        assert self._shingles is not None  # for mypy
        return self._shingles

    def keep_shingles(self, tokens: AbstractSet[bytes]) -> None:
        """Take the article's ``shingles`` from a caller that worked them out already."""
        self._shingles = frozenset(map(hash, tokens))

    @property
    def sentences(self) -> tuple[str, ...]:
        if self._sentences is None:
            self._sentences = tuple(sentence_hashes(_article_text(self.article)))
        return self._sentences

    @property
    def credits(self) -> frozenset[str]:
        if self._credits is None:
            self._credits = frozenset(credit_keys(self.article.credits))
        return self._credits

    @property
    def words(self) -> frozenset[str]:
        if self._words is None:
            self._words = frozenset(content_words(_article_text(self.article)))
        return self._words


# The kinds of ``origin_keys`` (their first letter): an LSH band, a long sentence, a credit.
BAND, SENTENCE, CREDIT = "b", "s", "c"


def same_origin_linked(
    a: OriginText | LazyOriginText,
    b: OriginText | LazyOriginText,
    linked_by: AbstractSet[str],
    df: Mapping[str, int],
    n_docs: int,
    boilerplate: AbstractSet[str] = frozenset(),
) -> bool:
    """The pair tests of ``assign_origins`` that a full run applies to a pair linked by keys of
    these kinds (``BAND``, ``SENTENCE``, ``CREDIT``): it checks the shingles only of pairs its
    LSH bands propose, the shared sentences only of pairs sharing one, the credits only of
    pairs sharing a credit key. ``boilerplate``: sentence hashes held by more than
    ``MAX_POSTING`` articles, which the full run's passage test does not count."""
    if BAND in linked_by and jaccard(a.shingles, b.shingles) >= JACCARD_THRESHOLD:
        return True
    if SENTENCE in linked_by and _is_reuse(
        sorted(set(a.sentences).intersection(b.sentences) - boilerplate),
        a.sentences,
        b.sentences,
    ):
        return True
    return CREDIT in linked_by and _credit_cosine(a, b, df, n_docs)


def _credit_cosine(
    a: OriginText | LazyOriginText, b: OriginText | LazyOriginText, df: Mapping[str, int], n: int
) -> bool:
    if not a.credits & b.credits:
        return False
    both = a.words | b.words
    counts = Counter({w: df.get(w, 1) for w in both})
    return _idf_cosine(a.words, b.words, counts, n) >= CREDIT_MIN_COSINE


def same_origin(a: Article, b: Article, df: Mapping[str, int], n_docs: int) -> bool:
    """The pair test of ``assign_origins`` for one pair: a near copy, a reused passage, or a
    shared agency credit on reports that read alike (``df`` counts content words)."""
    return same_origin_texts(OriginText.of(a), OriginText.of(b), df, n_docs)


def same_origin_texts(a: OriginText, b: OriginText, df: Mapping[str, int], n_docs: int) -> bool:
    """``same_origin`` on texts already worked out (``OriginText.of``)."""
    if jaccard(a.shingles, b.shingles) >= JACCARD_THRESHOLD:
        return True
    if _is_reuse(sorted(set(a.sentences).intersection(b.sentences)), a.sentences, b.sentences):
        return True
    return _credit_cosine(a, b, df, n_docs)

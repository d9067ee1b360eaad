"""Dates an undated report borrows from its story (``corpus/inferred.py``)."""

from __future__ import annotations

from claimgraph.corpus.inferred import infer_article_dates
from claimgraph.model import Article, Story
from conftest import make_article


def story_of(*articles: Article) -> Story:
    dates = sorted(a.published[:10] for a in articles if a.published)
    first, last = (dates[0], dates[-1]) if dates else (None, None)
    return Story("s1", "", tuple(a.id for a in articles), first, last)


def test_an_undated_report_takes_the_median_date_not_an_early_outlier() -> None:
    # A sentencing's reports and the arrest report of eighteen months before, in one story.
    arrest = make_article("arrest.txt", "A man was arrested.", published="2023-10-26")
    first = make_article("verdict1.txt", "He was sentenced.", published="2025-04-12")
    second = make_article("verdict2.txt", "He got 25 years.", published="2025-04-16")
    undated = make_article("verdict3.txt", "The judge spoke on Tuesday.")
    inferred = infer_article_dates(
        [story_of(arrest, first, second, undated)], [arrest, first, second, undated]
    )
    assert inferred == {undated.id: "2025-04-12"}


def test_an_even_count_takes_the_earlier_middle_date() -> None:
    a = make_article("a.txt", "One.", published="2025-06-09T08:00:00")
    b = make_article("b.txt", "Two.", published="2025-06-10")
    undated = make_article("c.txt", "Three.")
    inferred = infer_article_dates([story_of(a, b, undated)], [a, b, undated])
    assert inferred == {undated.id: "2025-06-09"}


def test_a_story_without_dates_lends_none() -> None:
    a, b = make_article("a.txt", "One."), make_article("b.txt", "Two.")
    assert infer_article_dates([story_of(a, b)], [a, b]) == {}

"""The merge rules of story clustering, each on groups or reports written for these tests."""

from __future__ import annotations

from claimgraph.corpus.stories import COHESION_RATIO, TIGHT_RATIO, Group, may_merge


def group(size: int, cohesion: float) -> Group:
    """A group of ``size`` members whose average pair similarity is ``cohesion``."""
    squares = float(size)
    self_dot = squares + cohesion * size * (size - 1)
    return Group(list(range(size)), {}, self_dot, squares, None, None)


def test_tight_pair_stays_out_of_a_loose_group_sharing_only_the_kind_of_event() -> None:
    # Two reports that agree closely (a wire story and its reprint, say) and a looser group of
    # three about another heist in the same city: the pair's average with the group clears
    # the looser group's own bar but is far below how alike the pair is.
    pair, loose = group(2, 0.9), group(3, 0.3)
    average = 0.25
    assert average >= COHESION_RATIO * loose.cohesion
    assert average < TIGHT_RATIO * pair.cohesion
    assert not may_merge(pair, loose, average, average)
    assert not may_merge(loose, pair, average, average)


def test_tight_rule_leaves_single_reports_and_close_groups_alone() -> None:
    loose = group(3, 0.3)
    # A single report has no cohesion of its own to compare: the looser group's bar decides.
    assert may_merge(group(1, 0.0), loose, 0.25, 0.25)
    # Two groups whose average is close to both cohesions merge.
    assert may_merge(group(2, 0.9), group(4, 0.5), 0.45, 0.45)
    # Words and entities below the threshold never merge, whatever the cohesions.
    assert not may_merge(group(1, 0.0), group(1, 0.0), 0.3, 0.05)

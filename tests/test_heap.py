"""The collector pause the corpus stages and the stores' reads run under."""

from __future__ import annotations

import gc

import pytest

from claimgraph.heap import collector_paused


def test_the_collector_is_paused_inside_and_resumes_after() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_resumes_when_the_block_fails() -> None:
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("a bad record")
    assert gc.isenabled()


def test_blocks_nest_and_a_caller_that_paused_it_finds_it_paused() -> None:
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block does not resume it early
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()

"""The one pause of Python's cycle collector: overlapping pauses never leave it off, nor switch it on early."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from checklist.collector import cycle_collector_paused


@pytest.fixture(autouse=True)
def collector_restored() -> Iterator[None]:
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def test_a_pause_switches_the_collector_off_and_back_on() -> None:
    gc.enable()
    with cycle_collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_pause_leaves_the_collector_off_when_it_was_off() -> None:
    gc.disable()
    with cycle_collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_overlapping_pauses_switch_it_back_on_only_when_the_last_one_ends() -> None:
    gc.enable()
    first = cycle_collector_paused()
    second = cycle_collector_paused()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert not gc.isenabled()  # the second is still making its objects
    second.__exit__(None, None, None)
    assert gc.isenabled()


def test_pauses_in_many_threads_at_once_leave_the_collector_on() -> None:
    gc.enable()
    start = threading.Barrier(8)

    def compare() -> None:
        start.wait()
        for _ in range(200):
            with cycle_collector_paused():
                pass

    threads = [threading.Thread(target=compare) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert gc.isenabled()


def test_a_failure_inside_a_pause_still_switches_the_collector_back_on() -> None:
    gc.enable()
    with pytest.raises(ValueError, match="a broken step"), cycle_collector_paused():
        raise ValueError("a broken step")
    assert gc.isenabled()

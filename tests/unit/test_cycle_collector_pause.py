"""The one pause of Python's cycle collector: overlapping pauses never leave it off, nor switch it on early."""

from __future__ import annotations

import gc
import threading
import weakref
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


def test_what_a_pause_made_goes_to_the_oldest_generation_without_a_young_generation_scan() -> None:
    gc.enable()
    young_scans = gc.get_stats()[0]["collections"]
    with cycle_collector_paused():
        made = [[i] for i in range(20_000)]  # far past the young generation's threshold of 700

    assert gc.get_stats()[0]["collections"] == young_scans
    assert gc.get_count()[0] < gc.get_threshold()[0]
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert all(id(m) in oldest for m in made[::1000])


def test_cycles_made_during_a_pause_are_still_collected_by_a_full_collection() -> None:
    class Node:
        other: object = None

    with cycle_collector_paused():
        a, b = Node(), Node()
        a.other, b.other = b, a
        ref = weakref.ref(a)
        del a, b

    assert ref() is not None  # not scanned on the way to the oldest generation
    gc.collect()
    assert ref() is None

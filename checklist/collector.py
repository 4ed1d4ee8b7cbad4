"""Python's cycle collector paused around one heavy step: the only place in the package that touches `gc`.

The switch is for the whole process, so the core never uses it; the shells (the `compare` command
and the Compare page's load step) wrap the step that makes many objects and no cycles.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_pause_lock = threading.Lock()
_pauses = 0
_was_enabled = False


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while many small objects are made, then restore it.

    Reading and comparing 1,000 submissions makes hundreds of thousands of objects and no
    reference cycles, so the collector only rescans them, again and again as they grow: pausing
    it saves a fifth of the CPU time or more, the more the process already holds
    (`benchmarks/compare_bench.py` measures both ways). The switch is for the whole process,
    so it is used only around that one step, by the `compare` command and the Compare page's load step.
    When the last pause ends, what it made goes straight to the oldest generation (freeze, then
    unfreeze: two list splices, no scan); so does every other young object in the process, whose
    cycles, if any, then wait for the next full collection. Switched back on with them still young, the collector's
    next young-generation pass would walk every one of them at once, a third of the step's time
    again, only to find them all alive: they are the comparison the page keeps.
    Pauses may overlap (two sessions of the app comparing at once): the collector is switched off
    by the first and back on, if it was on, by the last to finish, never left off by a race.
    """
    global _pauses, _was_enabled
    with _pause_lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _pause_lock:
            _pauses -= 1
            if _pauses == 0:
                gc.freeze()  # every tracked object to the permanent generation...
                gc.unfreeze()  # ...and back to the oldest, unscanned
                if _was_enabled:
                    gc.enable()

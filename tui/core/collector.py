"""Memory during bulk work (a refresh, and the parser workers): the cyclic garbage collector, and
the C allocator's arenas (:func:`few_malloc_arenas`).

A first refresh allocates millions of objects (documents coming back from the parser workers,
SQLite rows, numpy arrays) and almost none of them are in reference cycles: reference counting
frees them. With CPython's default thresholds (a young collection every 700 allocations) the
collector still ran ~400 times in the refreshing process, three times walking the whole heap
(every module and cache): 0.18 s of its CPU for a 10,000-item refresh, for nothing it had to free.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager

BULK_THRESHOLD = 20_000  # allocations between young collections (CPython's default is 700)
BULK_OLDER = 20  # young collections between collections of the middle generation (default 10)

_depth = 0
_saved: tuple[int, int, int] | None = None


def for_bulk_work() -> None:
    """Fewer collections from now on, and none walking what exists now (``gc.freeze``): for a
    process that does nothing else (a parser worker)."""
    gc.freeze()
    gc.set_threshold(BULK_THRESHOLD, BULK_OLDER, gc.get_threshold()[2])


@contextmanager
def bulk_allocations() -> Iterator[None]:
    """:func:`for_bulk_work` while the block runs; the collector is as it was once the outermost
    of nested (or overlapping) blocks ends."""
    global _depth, _saved
    if _depth == 0:
        _saved = gc.get_threshold()
        for_bulk_work()
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1
        if _depth == 0 and _saved is not None:
            gc.set_threshold(*_saved)
            gc.unfreeze()


MALLOC_ARENAS = 2
_M_ARENA_MAX = -8  # mallopt's parameter, from glibc's malloc.h


def few_malloc_arenas() -> None:
    """At most :data:`MALLOC_ARENAS` glibc malloc arenas for this process (call it first thing).

    glibc gives each thread that allocates while another does an arena of its own, up to eight a
    core, and what a thread frees stays in its arena. A refresh allocates from its event loop, the
    threads that store and the one that starts the parser processes: its largest process reached
    130-147 MB, 121-127 MB with two arenas, for the same CPU (the farm's 200 feeds on one server,
    four rounds alternately). Python's own small objects are not malloc's; the GIL serialises most
    of the rest, so two arenas lose nothing to contention. A no-op where there is no ``mallopt``.
    """
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        ctypes.CDLL(None).mallopt(_M_ARENA_MAX, MALLOC_ARENAS)
    except (AttributeError, OSError):  # not glibc (musl has no arenas to cap)
        pass

"""The cyclic garbage collector during bulk work: a refresh, and the parser workers.

A first refresh allocates millions of objects (documents coming back from the parser workers,
SQLite rows, numpy arrays) and almost none of them are in reference cycles: reference counting
frees them. With CPython's default thresholds (a young collection every 700 allocations) the
collector still ran ~400 times in the refreshing process, three times walking the whole heap
(every module and cache): 0.18 s of its CPU for a 10,000-item refresh, for nothing it had to free.
"""

from __future__ import annotations

import gc
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

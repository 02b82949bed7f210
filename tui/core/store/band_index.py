"""The stories' band index, kept in memory: which articles have a MinHash band key, and their day.

Each story member keeps its band keys in ``story_members.bands``. An index of them in SQLite (one
B-tree row per key, 32 per article) cost a first refresh a fifth of its storing time, in writes
that only this lookup ever read. Here the keys of the days a lookup needs are read once from
``story_members`` into sorted numpy arrays, the articles grouped after that are added in memory,
and the articles stored together are looked up together. The index belongs to one connection:
when another connection commits (another process refreshing, say: ``PRAGMA data_version``
moves), it is read again at the next lookup. It keeps at most ``MAX_SPAN_DAYS`` of days; articles
looked up together whose days lie further apart (a new feed's back catalogue) are looked up in
the days around each of them, read for that lookup alone by the day index of ``story_members``.

Entries are never taken out: an article that left its story (deleted, rolled back or grouped again
with other keys) may still be found by its former keys. What the index gives is a superset of the
articles that share a band with an article; the exact comparison of the texts decides.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

# Entries added in memory are merged into the main arrays once there are this many.
_MERGE_AT = 1 << 15
# The days held at most: a lookup that would stretch them further starts over from its own days
# (the app runs for weeks; what it drops is read again if ever needed).
MAX_SPAN_DAYS = 60


class _Sorted:
    """Band keys sorted, with the article id and day of each (no arrays, and no numpy imported,
    until the first are added: every command opens a library, few group articles)."""

    def __init__(self) -> None:
        self.keys: np.ndarray | None = None
        self.ids: np.ndarray | None = None
        self.days: np.ndarray | None = None

    def __len__(self) -> int:
        return 0 if self.keys is None else len(self.keys)

    def add(self, keys: np.ndarray, ids: np.ndarray, days: np.ndarray) -> None:
        import numpy as np

        order = np.argsort(keys, kind="stable")
        keys, ids, days = keys[order], ids[order], days[order]
        if self.keys is None or self.ids is None or self.days is None:
            self.keys, self.ids, self.days = keys, ids, days
            return
        # np.insert(column, at, new) for the three columns, its positions worked out once: ``at``
        # ascends (the keys are sorted), so new entry j lands at at[j] + j and the old ones, in
        # order, fill the rest.
        at = np.searchsorted(self.keys, keys, "right")
        placed = at + np.arange(len(keys))
        kept = np.ones(len(self.keys) + len(keys), dtype=bool)
        kept[placed] = False
        self.keys = _merged(self.keys, keys, placed, kept)
        self.ids = _merged(self.ids, ids, placed, kept)
        self.days = _merged(self.days, days, placed, kept)

    def find(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(position in ``keys`` of each hit, index of the hit in these arrays)."""
        import numpy as np

        assert self.keys is not None, "find() on an empty index"
        starts = np.searchsorted(self.keys, keys, "left")
        # Where each key's run ends: most keys are absent or held once, told by looking at the
        # entry found and the next; only the keys held more than once are searched again.
        size = len(self.keys)
        counts = (self.keys.take(starts, mode="clip") == keys) & (starts < size)
        counts = counts.astype(np.int64)
        more = np.flatnonzero(
            counts & (self.keys.take(starts + 1, mode="clip") == keys) & (starts + 1 < size)
        )
        if len(more):
            counts[more] = np.searchsorted(self.keys, keys[more], "right") - starts[more]
        total = int(counts.sum())
        owners = np.repeat(np.arange(len(keys)), counts)
        offsets = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
        return owners, np.repeat(starts, counts) + offsets


def _merged(old: np.ndarray, new: np.ndarray, placed: np.ndarray, kept: np.ndarray) -> np.ndarray:
    import numpy as np

    out = np.empty(len(kept), dtype=old.dtype)
    out[placed] = new
    out[kept] = old
    return out


class BandIndex:
    """Article ids by band key, for the days read so far (see :meth:`lookup`)."""

    def __init__(self) -> None:
        self._version: int | None = None
        self._clear()

    def _clear(self) -> None:
        self._main = _Sorted()
        self._recent = _Sorted()  # added since the last merge: small, so cheap to insert into
        self._span: tuple[int, int] | None = None  # the days read, inclusive

    def lookup(
        self, db: sqlite3.Connection, keys: Sequence[bytes], days: Sequence[int], window: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """The articles that have one of an article's keys (packed, as a sketch has them) and a day at most ``window`` days from
        its own, for each article (its band keys and day) at once: pairs (the article's position
        in ``keys``, the id found), each once, sorted by position and then by id."""
        import numpy as np

        if not keys:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        if max(days) - min(days) + 2 * window <= MAX_SPAN_DAYS:
            self._load(db, min(days) - window, max(days) + window)
            parts = (self._main, self._recent)
        else:
            # Days far apart (a new feed's back catalogue, a library grouped again): only the days
            # around each article are read, for this lookup alone; what is kept stays as it is.
            parts = (_around(db, days, window),)
        flat = np.frombuffer(b"".join(keys), dtype="<i8").astype(np.int64)
        owner_of = np.repeat(np.arange(len(keys)), [len(ks) // 8 for ks in keys])
        # Searched in order, each search starts where the last one ended: the main arrays are
        # larger than the caches, and random keys made every search a walk of cache misses.
        order = np.argsort(flat, kind="stable")
        flat, owner_of = flat[order], owner_of[order]
        day_of = np.asarray(days, dtype=np.int64)
        owners, ids = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
        for part in parts:
            if not len(part):
                continue
            at, hits = part.find(flat)
            near = np.abs(part.days[hits] - day_of[owner_of[at]]) <= window
            owners.append(owner_of[at[near]])
            ids.append(part.ids[hits[near]])
        owner, found = np.concatenate(owners), np.concatenate(ids)
        order = np.lexsort((found, owner))
        owner, found = owner[order], found[order]
        once = np.ones(len(owner), dtype=bool)
        once[1:] = (owner[1:] != owner[:-1]) | (found[1:] != found[:-1])
        return owner[once], found[once]

    def add(self, ids: Sequence[int], days: Sequence[int], keys: Sequence[bytes]) -> None:
        """Articles just grouped (their rows in ``story_members`` are the caller's to write)."""
        import numpy as np

        if self._span is None:
            return  # nothing read yet: a lookup reads them with the rest
        lo, hi = self._span
        # An article of a day not read yet is read from story_members when a lookup needs it.
        keep = [i for i, day in enumerate(days) if lo <= day <= hi and keys[i]]
        if not keep:
            return
        counts = [len(keys[i]) // 8 for i in keep]
        self._recent.add(
            np.frombuffer(b"".join([keys[i] for i in keep]), dtype="<i8").astype(np.int64),
            np.repeat(np.asarray([ids[i] for i in keep], dtype=np.int64), counts),
            np.repeat(np.asarray([days[i] for i in keep], dtype=np.int64), counts),
        )
        if len(self._recent) >= _MERGE_AT:
            recent, self._recent = self._recent, _Sorted()
            self._main.add(recent.keys, recent.ids, recent.days)

    def _load(self, db: sqlite3.Connection, lo: int, hi: int) -> None:
        """Make sure the days ``lo`` to ``hi`` are in the index (all read again if others wrote)."""
        version = db.execute("PRAGMA data_version").fetchone()[0]
        if version != self._version:
            self._version = version
            self._clear()
        elif self._span is not None and max(hi, self._span[1]) - min(lo, self._span[0]) > MAX_SPAN_DAYS:
            self._clear()
        if self._span is None:
            self._read(db, lo, hi)
            self._span = (lo, hi)
            return
        first, last = self._span
        if lo < first:
            self._read(db, lo, first - 1)
        if hi > last:
            self._read(db, last + 1, hi)
        self._span = (min(lo, first), max(hi, last))

    def _read(self, db: sqlite3.Connection, lo: int, hi: int) -> None:
        _read_into(self._main, db, lo, hi)


def _around(db: sqlite3.Connection, days: Sequence[int], window: int) -> _Sorted:
    """An index of the members within ``window`` days of any of ``days`` (each run of days read
    once, by the day index of story_members)."""
    out = _Sorted()
    lo = hi = None
    for day in sorted(set(days)):
        if hi is not None and day - window <= hi + 1:
            hi = day + window
            continue
        if lo is not None and hi is not None:
            _read_into(out, db, lo, hi)
        lo, hi = day - window, day + window
    if lo is not None and hi is not None:
        _read_into(out, db, lo, hi)
    return out


def _read_into(part: _Sorted, db: sqlite3.Connection, lo: int, hi: int) -> None:
    """Add the band keys of the members of days ``lo`` to ``hi`` to ``part``."""
    import numpy as np

    cur = db.cursor()
    cur.row_factory = None
    rows = cur.execute(
        "SELECT article_id, day, bands FROM story_members WHERE day BETWEEN ? AND ? AND bands != x''",
        (lo, hi),
    ).fetchall()
    if not rows:
        return
    counts = np.fromiter((len(b) // 8 for _, _, b in rows), dtype=np.int64, count=len(rows))
    keys = np.frombuffer(b"".join(b for _, _, b in rows), dtype="<i8").astype(np.int64)
    ids = np.repeat(np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows)), counts)
    days = np.repeat(np.fromiter((r[1] for r in rows), dtype=np.int64, count=len(rows)), counts)
    part.add(keys, ids, days)

"""The exact comparison of new articles with their candidates, in numpy, a feed's articles at once.

The stored members a refresh's articles are compared with are read as columns
(:class:`Members`), each article's candidates are rows of them, and every step (the feed and window
filter, the shingles of each candidate, the shared ones, the scores, the best of each article) is
a few numpy calls for all the articles together: a feed's articles have about a thousand
candidates, and a step of Python for each candidate was most of the cost of grouping them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import similarity

if TYPE_CHECKING:  # pragma: no cover
    from .stories import _Article

# A story member: (article id, story id, day, feed id or None, shingles packed and sorted), the
# row as SQLite gives it.
Member = tuple[int, int, int, "int | None", bytes]

# Each article's own shingles are looked up in a table of 2**_BITS bits of theirs (the low bits
# of the hashes), and only the hits are looked up exactly: most shingles of a candidate are not
# the article's, and a table lookup is several times cheaper than a binary search.
_BITS = 12
# Articles whose tables are made at once (2**_BITS bytes each).
_CHUNK = 1024


@dataclass(frozen=True, slots=True)
class Members:
    """Story members as columns; member ``i``'s shingles are ``values[starts[i]:][:sizes[i]]``.
    ``feeds`` is 0 where ``no_feed``."""

    ids: Any
    stories: Any
    days: Any
    feeds: Any
    no_feed: Any
    starts: Any
    sizes: Any
    values: Any

    @classmethod
    def of(cls, rows: Sequence[Member]) -> Members:
        import numpy as np

        if not rows:
            empty = np.zeros(0, dtype=np.int64)
            return cls(empty, empty, empty, empty, empty.astype(bool), empty, empty, empty.astype(np.uint64))
        ids, stories, days, feeds, shingles = zip(*rows, strict=True)
        no_feed = np.zeros(len(rows), dtype=bool)
        if None in feeds:
            no_feed = np.array([f is None for f in feeds])
            feeds = tuple(0 if f is None else f for f in feeds)
        sizes = np.fromiter(map(len, shingles), dtype=np.int64, count=len(rows)) // 8
        return cls(
            ids=np.array(ids, dtype=np.int64),
            stories=np.array(stories, dtype=np.int64),
            days=np.array(days, dtype=np.int64),
            feeds=np.array(feeds, dtype=np.int64),
            no_feed=no_feed,
            starts=np.cumsum(sizes) - sizes,
            sizes=sizes,
            values=np.frombuffer(b"".join(shingles), dtype="<u8"),
        )

    def rows(self) -> list[Member]:
        """The members as rows again (as SQLite gives them)."""
        values = self.values
        cols = (self.ids, self.stories, self.days, self.feeds, self.no_feed, self.starts, self.sizes)
        return [
            (i, story, day, None if no_feed else feed, values[start : start + size].astype("<u8").tobytes())
            for i, story, day, feed, no_feed, start, size in zip(*(c.tolist() for c in cols), strict=True)
        ]


def best_stories(
    arts: Sequence[_Article], owners: Any, rows: Any, members: Members, window: int
) -> dict[int, int | None]:
    """For each article (by id), the story of the most similar of its candidates that reaches
    :data:`~..similarity.SAME_EVENT`, or None; the last of equals, the newest.

    Candidate ``k`` is ``members`` row ``rows[k]`` for article ``arts[owners[k]]``; ``owners``
    ascend, and each article's candidates come in the order of their ids. Candidates of the
    article's own feed, or more than ``window`` days from it, do not count.
    """
    import numpy as np

    out: dict[int, int | None] = {art.id: None for art in arts}
    owners = np.asarray(owners, dtype=np.int64)
    rows = np.asarray(rows, dtype=np.int64)
    if not len(rows):
        return out
    feed = np.array([0 if a.feed_id is None else a.feed_id for a in arts], dtype=np.int64)
    has_feed = np.array([a.feed_id is not None for a in arts])
    day = np.array([a.day for a in arts], dtype=np.int64)
    same_feed = has_feed[owners] & ~members.no_feed[rows] & (members.feeds[rows] == feed[owners])
    # The index may know an article by a former day: the window is checked on its row.
    keep = ~same_feed & (np.abs(members.days[rows] - day[owners]) <= window)
    owners, rows = owners[keep], rows[keep]
    if not len(rows):
        return out
    sizes = members.sizes[rows]
    firsts = np.cumsum(sizes) - sizes  # each candidate's first shingle in ``values``
    values = members.values[np.repeat(members.starts[rows] - firsts, sizes) + np.arange(int(sizes.sum()))]
    mine = [a.sketch.shingles for a in arts]
    shared = _shared(mine, values, owners, sizes, firsts)
    union = np.array([len(m) // 8 for m in mine], dtype=np.int64)[owners] + sizes - shared
    scores = np.where(sizes >= similarity.MIN_SHINGLES, shared / np.maximum(union, 1), 0.0)
    # Each article's top score, and the last of its candidates that has it.
    heads = np.flatnonzero(np.concatenate(([True], owners[1:] != owners[:-1])))
    tops = np.maximum.reduceat(scores, heads)
    at_top = np.flatnonzero(scores == np.repeat(tops, np.diff(np.append(heads, len(scores)))))
    last = at_top[np.append(owners[at_top[1:]] != owners[at_top[:-1]], True)]
    for owner, top, best in zip(owners[heads].tolist(), tops.tolist(), last.tolist(), strict=True):
        if top >= similarity.SAME_EVENT:
            out[arts[owner].id] = int(members.stories[rows[best]])
    return out


def _shared(mine: Sequence[bytes], values: Any, owners: Any, sizes: Any, firsts: Any) -> Any:
    """How many of candidate ``k``'s shingles (``values[firsts[k]:][:sizes[k]]``, laid end to
    end) are shingles of its article, ``mine[owners[k]]`` (``owners`` ascend)."""
    import numpy as np

    shared = np.zeros(len(owners), dtype=np.int64)
    for lo in range(0, len(mine), _CHUNK):
        part = mine[lo : lo + _CHUNK]
        a, b = (int(x) for x in owners.searchsorted([lo, lo + len(part)]))
        if a == b:
            continue
        start, stop = int(firsts[a]), int(firsts[b - 1] + sizes[b - 1])
        found = _hit_positions(part, values[start:stop], owners[a:b] - lo, sizes[a:b])
        # Each hit's candidate: the last whose first shingle is at or before it (an empty
        # candidate shares its first with the next, so the search passes over it).
        candidate = (firsts[a:b] - start).searchsorted(found, "right") - 1
        shared[a:b] = np.bincount(candidate, minlength=b - a)
    return shared


def _hit_positions(mine: Sequence[bytes], values: Any, owners: Any, sizes: Any) -> Any:
    """The positions in ``values`` of the shingles that are their article's: candidate ``k`` (its
    ``sizes[k]`` values in a row) is of article ``mine[owners[k]]``."""
    import numpy as np

    counts = [len(m) // 8 for m in mine]
    mine_all = np.frombuffer(b"".join(mine), dtype="<u8")
    mine_owners = np.repeat(np.arange(len(mine), dtype=np.uint64), counts)
    # Article and shingle in one sortable key: the article in the top bits, then the shingle's top
    # bits. Each article's shingles are sorted, so the keys are, unless two shingles of one article
    # share their top bits (a chance of one in 2**40 or so): then each article is searched alone.
    shift = np.uint64(len(mine).bit_length())
    top = np.uint64(64) - shift
    keys = (mine_owners << top) | (mine_all >> shift)
    if len(keys) > 1 and not bool((keys[1:] > keys[:-1]).all()):
        return np.flatnonzero(_hits_one_by_one(mine, values, np.repeat(owners, sizes)))
    bits = np.uint64(_BITS)
    low = np.uint64((1 << _BITS) - 1)
    table = np.zeros(len(mine) << _BITS, dtype=bool)
    table[(mine_owners << bits) | (mine_all & low)] = True
    # Each value's article, already in place for the table: shifted once per candidate.
    rows = np.repeat(owners.astype(np.uint64) << bits, sizes)
    rows |= values & low
    maybe = np.flatnonzero(table[rows])
    found = values[maybe]
    wanted = ((rows[maybe] >> bits) << top) | (found >> shift)
    at = keys.searchsorted(wanted)
    exact = (keys.take(at, mode="clip") == wanted) & (mine_all.take(at, mode="clip") == found)
    return maybe[exact]


def _hits_one_by_one(mine: Sequence[bytes], values: Any, owners: Any) -> Any:
    """Whether each of ``values`` is one of the shingles ``mine[owners[k]]``, by a binary search in
    each article's shingles (``owners`` ascend)."""
    import numpy as np

    hits = np.zeros(len(values), dtype=bool)
    bounds = owners.searchsorted(np.arange(len(mine) + 1)).tolist()
    for i, shingles in enumerate(mine):
        a, b = bounds[i], bounds[i + 1]
        own = np.frombuffer(shingles, dtype="<u8")
        if a < b and len(own):
            part = values[a:b]
            hits[a:b] = own.take(own.searchsorted(part), mode="clip") == part
    return hits

"""Story member rows kept between the feeds of a refresh, never out of step with the database.

Each feed's new articles are compared with the members that share a band with them: on a first
refresh about a thousand a feed, most of them read again and again for feed after feed (a member
row is a B-tree seek and its shingles), the largest part of grouping. The rows this connection
reads or writes are kept here, and whatever could make one differ from the table drops it first:

- another connection's commit (``PRAGMA data_version`` moves): everything is dropped;
- an UPDATE or DELETE of ``story_members`` by this connection (an article deleted, grouped
  again): temporary triggers note the article ids in a temporary table, read before each use.
  An INSERT needs no note: only rows that exist are kept, and a row is inserted only for an
  article that has none (its old one deleted, and so noted, first). A REPLACE deletes the row it
  replaces, which fires the delete trigger too (``recursive_triggers`` on: without it SQLite
  fires none); a trigger on each insert cost a first refresh a tenth of its grouping time;
- a rollback (of a savepoint or of the whole transaction) that undoes rows this cache took in: each
  time rows are taken in, a counter in a temporary table moves in the same transaction; a rollback
  moves it back, and a counter that is not where this cache left it drops everything. (Article
  ids can come back after a rollback, with other rows.)

Temporary tables belong to the connection and take part in its transactions and savepoints, so
the notes and the counter are undone exactly when the rows they describe are.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from operator import itemgetter
from typing import Any

from .story_scores import Member, Members

# Rows kept at most: a refresh's window of days is a few thousand articles; an app that runs for
# weeks drops them all now and then and reads them again as needed.
MAX_ROWS = 200_000

_SETUP = """
    PRAGMA recursive_triggers = ON;  -- a REPLACE's deletion fires story_member_delete
    CREATE TEMP TABLE IF NOT EXISTS story_member_changes (article_id INTEGER);
    CREATE TEMP TABLE IF NOT EXISTS story_member_taken (n INTEGER NOT NULL);
    INSERT INTO story_member_taken (n) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM story_member_taken);
    CREATE TEMP TRIGGER IF NOT EXISTS story_member_update AFTER UPDATE ON main.story_members BEGIN
        INSERT INTO story_member_changes (article_id) VALUES (old.article_id);
        INSERT INTO story_member_changes (article_id) VALUES (new.article_id);
    END;
    CREATE TEMP TRIGGER IF NOT EXISTS story_member_delete AFTER DELETE ON main.story_members BEGIN
        INSERT INTO story_member_changes (article_id) VALUES (old.article_id);
    END;
"""


class MemberCache:
    """The story member rows of one connection (``Database.members``), by article id, kept as
    columns (:class:`_Columns`): a feed's candidates come out as :class:`Members` by a few numpy
    gathers, not rebuilt from Python rows. Made outside a transaction: it creates its temporary
    tables and triggers."""

    def __init__(self, db: sqlite3.Connection) -> None:
        db.executescript(_SETUP)
        self._at: dict[int, int] = {}  # article id -> its row of the columns
        self._columns = _Columns()
        self._version: int | None = None  # PRAGMA data_version when the rows were checked
        self._taken = 0  # the counter as this cache last moved it

    def members(self, db: sqlite3.Connection, ids: Sequence[int]) -> Members:
        """The members of ``ids`` that have one, in the order of ``ids``; in the caller's
        transaction."""
        self._check(db)
        at = self._at
        missing = [i for i in ids if i not in at]
        if missing:
            self._take(db, read_members(db, missing))
        return self._columns.gather([at[i] for i in ids if i in at])

    def rows(self, db: sqlite3.Connection, ids: Sequence[int]) -> list[Member]:
        """:meth:`members` as rows, as :func:`read_members` gives them."""
        return self.members(db, ids).rows()

    def written(self, db: sqlite3.Connection, members: Sequence[Member]) -> None:
        """Rows grouping has just inserted, kept for the next feeds (the others are read when
        needed)."""
        self._check(db)
        self._take(db, members)

    def _check(self, db: sqlite3.Connection) -> None:
        """Drop what may differ from the table now."""
        version = db.execute("PRAGMA data_version").fetchone()[0]
        taken = db.execute("SELECT n FROM temp.story_member_taken").fetchone()[0]
        if version != self._version or taken != self._taken or len(self._columns) > MAX_ROWS:
            self._at.clear()
            self._columns = _Columns()
            self._version, self._taken = version, taken
        changed = db.execute("SELECT article_id FROM temp.story_member_changes").fetchall()
        if changed:
            db.execute("DELETE FROM temp.story_member_changes")
            for (article_id,) in changed:
                self._at.pop(article_id, None)  # its row stays in the columns, never used again

    def _take(self, db: sqlite3.Connection, members: Sequence[Member]) -> None:
        # The counter moves before the rows come in: a rollback to any point before this undoes it.
        self._taken += 1
        db.execute("UPDATE temp.story_member_taken SET n = ?", (self._taken,))
        first = self._columns.append(members)
        self._at.update((m[0], first + k) for k, m in enumerate(members))


class _Columns:
    """Member rows as numpy columns that grow (their room doubled as needed); row ``i``'s shingles
    are ``values[starts[i]:][:sizes[i]]``. Rows are only added: one replaced or dropped stays,
    unused, until the cache starts over."""

    def __init__(self) -> None:
        self._n = 0  # rows
        self._m = 0  # shingle values
        self._cols: dict[str, Any] = {}
        self._values: Any = None

    def __len__(self) -> int:
        return self._n

    def append(self, rows: Sequence[Member]) -> int:
        """Add ``rows``; the index of the first."""
        first, start = self._n, self._m
        if not rows:
            return first
        new = Members.of(rows)
        end, stop = first + len(rows), start + len(new.values)
        for name in _NAMES:
            col = self._cols[name] = _room(
                self._cols.get(name), first, end, new.no_feed if name == "no_feed" else new.ids
            )
            col[first:end] = getattr(new, name)
        self._cols["starts"][first:end] += start
        self._values = _room(self._values, start, stop, new.values)
        self._values[start:stop] = new.values
        self._n, self._m = end, stop
        return first

    def gather(self, at: list[int]) -> Members:
        """The rows ``at``, in that order (their shingles left where they are)."""
        import numpy as np

        if not at:
            return Members.of([])
        rows = np.asarray(at, dtype=np.int64)
        return Members(values=self._values[: self._m], **{name: self._cols[name][rows] for name in _NAMES})


_NAMES = ("ids", "stories", "days", "feeds", "no_feed", "starts", "sizes")


def _room(array: Any, used: int, need: int, like: Any) -> Any:
    """``array`` (its first ``used`` entries kept), or a copy with room for ``need`` entries of
    ``like``'s type when it is short (at least twice the room it had)."""
    import numpy as np

    if array is not None and len(array) >= need:
        return array
    grown = np.zeros(max(need, 2 * (0 if array is None else len(array)), 1024), dtype=like.dtype)
    if array is not None:
        grown[:used] = array[:used]
    return grown


def read_members(db: sqlite3.Connection, ids: Sequence[int]) -> list[Member]:
    """The members of ``ids`` that have one, read from the table, in the order of their ids."""
    cur = db.cursor()
    cur.row_factory = None  # plain tuples: a busy library gives each new article dozens of rows
    out: list[Member] = []
    for chunk in range(0, len(ids), 500):
        part = ids[chunk : chunk + 500]
        out += cur.execute(
            "SELECT article_id, story_id, day, feed_id, shingles FROM story_members "
            f"WHERE article_id IN ({','.join('?' * len(part))})",
            part,
        )
    out.sort(key=itemgetter(0))
    return out

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
from collections.abc import Iterable, Sequence
from operator import itemgetter

from .story_scores import Member

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
    """The story member rows of one connection (``Database.members``), by article id. Made
    outside a transaction: it creates its temporary tables and triggers."""

    def __init__(self, db: sqlite3.Connection) -> None:
        db.executescript(_SETUP)
        self._rows: dict[int, Member] = {}
        self._version: int | None = None  # PRAGMA data_version when the rows were checked
        self._taken = 0  # the counter as this cache last moved it

    def rows(self, db: sqlite3.Connection, ids: Sequence[int]) -> list[Member]:
        """The members of ``ids`` that have one, in the order of ``ids``; in the caller's
        transaction."""
        self._check(db)
        rows = self._rows
        missing = [i for i in ids if i not in rows]
        if missing:
            self._take(db, read_members(db, missing))
        return [rows[i] for i in ids if i in rows]

    def written(self, db: sqlite3.Connection, members: Iterable[Member]) -> None:
        """Rows grouping has just inserted, kept for the next feeds (the others are read when
        needed)."""
        self._check(db)
        self._take(db, members)

    def _check(self, db: sqlite3.Connection) -> None:
        """Drop what may differ from the table now."""
        version = db.execute("PRAGMA data_version").fetchone()[0]
        taken = db.execute("SELECT n FROM temp.story_member_taken").fetchone()[0]
        if version != self._version or taken != self._taken or len(self._rows) > MAX_ROWS:
            self._rows.clear()
            self._version, self._taken = version, taken
        changed = db.execute("SELECT article_id FROM temp.story_member_changes").fetchall()
        if changed:
            db.execute("DELETE FROM temp.story_member_changes")
            for (article_id,) in changed:
                self._rows.pop(article_id, None)

    def _take(self, db: sqlite3.Connection, members: Iterable[Member]) -> None:
        # The counter moves before the rows come in: a rollback to any point before this undoes it.
        self._taken += 1
        db.execute("UPDATE temp.story_member_taken SET n = ?", (self._taken,))
        self._rows.update((m[0], m) for m in members)


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

"""Sync state in the database: the server, remote ids, the server's state as last seen, and the
queue of local changes (filled by the triggers of schema step 8).

Whatever a sync writes because the server said so goes through :meth:`SyncRepo.applying`, a
transaction with ``sync_server.applying`` set, so the triggers do not queue it back.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from ..models import SyncStatus
from .database import Database, now_iso


@dataclass(frozen=True, slots=True)
class ServerRow:
    url: str
    user: str
    insecure: bool
    since_id: int


@dataclass(frozen=True, slots=True)
class QueuedChange:
    """One local change waiting to be sent (``at``: when it was made, UTC)."""

    id: int
    kind: str  # read, starred, subscribe, unsubscribe
    article_id: int | None
    value: int | None
    url: str | None
    folder: str | None
    remote_id: int | None
    at: str


@dataclass(frozen=True, slots=True)
class RemoteFeed:
    id: int
    url: str
    title: str | None
    category: int


@dataclass(frozen=True, slots=True)
class SeenState:
    """A synced article: its local id and the server's read/star state when last seen."""

    article_id: int
    read: bool
    starred: bool


class SyncRepo:
    """The sync tables of a :class:`Database`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # -- the server -----------------------------------------------------------------------

    def server(self) -> ServerRow | None:
        with self.db.read() as db:
            r = db.execute("SELECT url, user, insecure, since_id FROM sync_server").fetchone()
        return ServerRow(r["url"], r["user"], bool(r["insecure"]), r["since_id"]) if r else None

    def status(self) -> SyncStatus | None:
        with self.db.read() as db:
            r = db.execute("SELECT url, user, last_sync, last_error FROM sync_server").fetchone()
            pending = db.execute("SELECT COUNT(*) FROM sync_queue").fetchone()[0] if r else 0
        return SyncStatus(r["url"], r["user"], r["last_sync"], r["last_error"], pending) if r else None

    def last_sync(self) -> str | None:
        with self.db.read() as db:
            r = db.execute("SELECT last_sync FROM sync_server").fetchone()
        return r[0] if r else None

    def set_server(self, url: str, user: str, insecure: bool) -> None:
        """Sync with this server from now on; another server (or user) starts afresh."""
        with self.db.transaction() as db:
            old = db.execute("SELECT url, user FROM sync_server").fetchone()
            if old and (old["url"], old["user"]) == (url, user):
                db.execute("UPDATE sync_server SET insecure = ?", (int(insecure),))
                return
            for table in ("sync_server", "sync_categories", "sync_feeds", "sync_articles", "sync_queue"):
                db.execute(f"DELETE FROM {table}")
            db.execute(
                "INSERT INTO sync_server (id, url, user, insecure) VALUES (1, ?, ?, ?)",
                (url, user, int(insecure)),
            )

    def record(self, error: str | None, *, synced: bool) -> None:
        """The outcome of a sync (``synced``: it finished, so it is the last sync)."""
        with self.db.transaction() as db:
            if synced:
                db.execute("UPDATE sync_server SET last_sync = ?, last_error = NULL", (now_iso(),))
            else:
                db.execute("UPDATE sync_server SET last_error = ?", (error,))

    @contextmanager
    def applying(self) -> Iterator:
        """A transaction whose writes to articles and feeds are not queued as local changes."""
        with self.db.transaction() as db:
            db.execute("UPDATE sync_server SET applying = 1")
            yield db
            db.execute("UPDATE sync_server SET applying = 0")

    # -- the queue ------------------------------------------------------------------------

    def queued(self, kinds: tuple[str, ...]) -> builtins.list[QueuedChange]:
        marks = ",".join("?" * len(kinds))
        with self.db.read() as db:
            rows = db.execute(
                f"SELECT * FROM sync_queue WHERE kind IN ({marks}) ORDER BY id", kinds
            ).fetchall()
        return [
            QueuedChange(
                r["id"],
                r["kind"],
                r["article_id"],
                r["value"],
                r["url"],
                r["folder"],
                r["remote_id"],
                r["at"],
            )
            for r in rows
        ]

    def drop(self, ids: builtins.list[int]) -> None:
        with self.db.transaction() as db:
            db.executemany("DELETE FROM sync_queue WHERE id = ?", [(i,) for i in ids])

    def newer_changes(self, after_id: int) -> set[int]:
        """Articles with a change queued after ``after_id`` (made while a sync ran)."""
        with self.db.read() as db:
            rows = db.execute(
                "SELECT article_id FROM sync_queue WHERE id > ? AND article_id IS NOT NULL", (after_id,)
            )
            return {r[0] for r in rows}

    # -- feeds and categories -------------------------------------------------------------

    def feed_ids(self) -> dict[int, int]:
        """remote feed id -> local feed id."""
        with self.db.read() as db:
            return {r[0]: r[1] for r in db.execute("SELECT remote_id, feed_id FROM sync_feeds")}

    def local_feed(self, url: str) -> int | None:
        with self.db.read() as db:
            r = db.execute("SELECT id FROM feeds WHERE url = ?", (url,)).fetchone()
        return r[0] if r else None

    def categories(self) -> dict[int, str]:
        with self.db.read() as db:
            return {r[0]: r[1] for r in db.execute("SELECT remote_id, title FROM sync_categories")}

    def apply_feeds(self, categories: dict[int, str], feeds: builtins.list[RemoteFeed]) -> tuple[int, int]:
        """Make the local subscriptions follow the server's (categories become folders; a local
        feed with the same URL is matched, not duplicated); (feeds added, feeds removed)."""
        added = removed = 0
        with self.applying() as db:
            db.execute("DELETE FROM sync_categories")
            db.executemany("INSERT INTO sync_categories VALUES (?, ?)", list(categories.items()))
            rows = db.execute("SELECT remote_id, feed_id, folder FROM sync_feeds").fetchall()
            mapped = {r[0]: r[1] for r in rows}
            seen = {r[0]: r[2] for r in rows}
            for f in feeds:
                folder = categories.get(f.category) if f.category > 0 else None
                feed_id = mapped.pop(f.id, None)
                if feed_id is not None:
                    move = seen[f.id] != folder  # moved there since: else a folder chosen here stays
                else:
                    r = db.execute("SELECT id FROM feeds WHERE url = ?", (f.url,)).fetchone()
                    if r is None:
                        cur = db.execute(
                            "INSERT INTO feeds (url, title, folder, added_at) VALUES (?, ?, ?, ?)",
                            (f.url, f.title, folder, now_iso()),
                        )
                        feed_id, added = int(cur.lastrowid or 0), added + 1
                    else:
                        feed_id = r[0]
                    move = folder is not None  # a feed matched here takes the server's category
                    db.execute(
                        "INSERT OR REPLACE INTO sync_feeds (feed_id, remote_id) VALUES (?, ?)",
                        (feed_id, f.id),
                    )
                if move:
                    db.execute("UPDATE feeds SET folder = ? WHERE id = ?", (folder, feed_id))
                db.execute("UPDATE sync_feeds SET folder = ? WHERE feed_id = ?", (folder, feed_id))
                db.execute(
                    "UPDATE feeds SET title = CASE WHEN renamed THEN title ELSE COALESCE(?, title) END WHERE id = ?",
                    (f.title, feed_id),
                )
            for feed_id in mapped.values():  # gone from the server
                db.execute("DELETE FROM articles WHERE feed_id = ?", (feed_id,))
                db.execute("DELETE FROM feeds WHERE id = ?", (feed_id,))
                removed += 1
        return added, removed

    def link_feed(self, feed_id: int, remote_id: int) -> None:
        with self.db.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO sync_feeds (feed_id, remote_id) VALUES (?, ?)", (feed_id, remote_id)
            )

    # -- articles -------------------------------------------------------------------------

    def seen(self) -> dict[int, SeenState]:
        """remote article id -> its local article and the server's state when last seen."""
        with self.db.read() as db:
            rows = db.execute("SELECT remote_id, article_id, read, starred FROM sync_articles").fetchall()
        return {r[0]: SeenState(r[1], bool(r[2]), bool(r[3])) for r in rows}

    def linked_articles(self) -> set[int]:
        with self.db.read() as db:
            return {r[0] for r in db.execute("SELECT article_id FROM sync_articles")}

    def article_by_key(self, key: str) -> int | None:
        with self.db.read() as db:
            r = db.execute("SELECT id FROM articles WHERE key = ?", (key,)).fetchone()
        return r[0] if r else None

    def link_articles(self, links: builtins.list[tuple[int, int, bool, bool]], since_id: int) -> None:
        """Record (article id, remote id, read, starred) from the server, taking its state, and
        the newest server article stored."""
        with self.applying() as db:
            for article_id, remote_id, read, starred in links:
                db.execute(
                    "INSERT OR REPLACE INTO sync_articles VALUES (?, ?, ?, ?)",
                    (article_id, remote_id, int(read), int(starred)),
                )
                db.execute(
                    "UPDATE articles SET read = ?, starred = ? WHERE id = ?",
                    (int(read), int(starred), article_id),
                )
            db.execute("UPDATE sync_server SET since_id = MAX(since_id, ?)", (since_id,))

    def settle(
        self,
        apply: builtins.list[tuple[int, str, bool]],
        seen: builtins.list[tuple[int, bool, bool]],
        done: builtins.list[int],
    ) -> None:
        """After the changes were sent: take the server's (article id, field, value) locally,
        remember each (article id, read, starred) as the server's state, drop the sent changes."""
        with self.applying() as db:
            for article_id, field, value in apply:
                column = "read" if field == "read" else "starred"
                db.execute(f"UPDATE articles SET {column} = ? WHERE id = ?", (int(value), article_id))
            db.executemany(
                "UPDATE sync_articles SET read = ?, starred = ? WHERE article_id = ?",
                [(int(r), int(s), a) for a, r, s in seen],
            )
            db.executemany("DELETE FROM sync_queue WHERE id = ?", [(i,) for i in done])

    def local_state(self, article_ids: builtins.list[int]) -> dict[int, tuple[bool, bool]]:
        """article id -> (read, starred) as it is here now."""
        if not article_ids:
            return {}
        marks = ",".join("?" * len(article_ids))
        with self.db.read() as db:
            rows = db.execute(f"SELECT id, read, starred FROM articles WHERE id IN ({marks})", article_ids)
            return {r[0]: (bool(r[1]), bool(r[2])) for r in rows}

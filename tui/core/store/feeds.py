"""Subscriptions in the database and their refresh state (their items are articles)."""

from __future__ import annotations

import builtins
from dataclasses import dataclass

from ..models import FeedRow
from .database import Database, now_iso

MAX_ID = 2**63 - 1  # SQLite's largest integer
_FEED_COLS = """
    f.id, f.url, f.title, f.folder, f.html_url, f.last_refresh, f.last_error, f.warning, f.etag,
    f.last_modified, f.retry_after, f.auto_full,
    (SELECT COUNT(*) FROM articles a WHERE a.feed_id = f.id) AS items,
    (SELECT COUNT(*) FROM articles a WHERE a.feed_id = f.id AND a.read = 0) AS unread,
    f.last_ok,
    EXISTS (SELECT 1 FROM sync_feeds s WHERE s.feed_id = f.id) AS synced
"""


@dataclass(frozen=True, slots=True)
class ItemIdentity:
    """How a feed item is known elsewhere (newsboat's cache): its guid (else link), and link."""

    article_id: int
    item_id: str
    link: str | None


def _row(r) -> FeedRow:
    return FeedRow(
        id=r["id"],
        url=r["url"],
        title=r["title"],
        folder=r["folder"],
        html_url=r["html_url"],
        items=r["items"],
        unread=r["unread"],
        last_refresh=r["last_refresh"],
        error=r["last_error"],
        warning=r["warning"],
        etag=r["etag"],
        last_modified=r["last_modified"],
        retry_after=r["retry_after"],
        auto_full=bool(r["auto_full"]),
        last_ok=r["last_ok"],
        synced=bool(r["synced"]),
    )


class FeedRepo:
    """Feeds of a :class:`Database`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def add(
        self, url: str, *, title: str | None = None, folder: str | None = None, html_url: str | None = None
    ) -> tuple[int, bool]:
        """Subscribe; returns (id, created). An existing URL keeps its state (folder updated if given)."""
        with self.db.transaction() as db:
            row = db.execute("SELECT id FROM feeds WHERE url = ?", (url,)).fetchone()
            if row:
                if folder is not None:
                    db.execute("UPDATE feeds SET folder = ? WHERE id = ?", (folder, row[0]))
                return int(row[0]), False
            cur = db.execute(
                "INSERT INTO feeds (url, title, folder, html_url, added_at) VALUES (?, ?, ?, ?, ?)",
                (url, title, folder, html_url, now_iso()),
            )
            return int(cur.lastrowid or 0), True

    def find(self, url_or_id: str | int) -> FeedRow | None:
        """The feed with this id (digits) or URL, or None."""
        key = str(url_or_id)
        with self.db.read() as db:
            if key.isdigit():
                if int(key) > MAX_ID:  # (no row has it, and SQLite cannot take the number)
                    return None
                r = db.execute(f"SELECT {_FEED_COLS} FROM feeds f WHERE f.id = ?", (int(key),)).fetchone()
            else:
                r = db.execute(f"SELECT {_FEED_COLS} FROM feeds f WHERE f.url = ?", (key,)).fetchone()
        return _row(r) if r else None

    def remove(self, feed_id: int) -> None:
        """Unsubscribe; the feed's items go with it."""
        with self.db.transaction() as db:
            db.execute("DELETE FROM articles WHERE feed_id = ?", (feed_id,))
            db.execute("DELETE FROM feeds WHERE id = ?", (feed_id,))

    def list(self) -> builtins.list[FeedRow]:
        """Every subscription with its counts, in folder then title order."""
        with self.db.read() as db:
            rows = db.execute(
                f"SELECT {_FEED_COLS} FROM feeds f ORDER BY COALESCE(f.folder, ''), "
                "LOWER(COALESCE(f.title, f.url))"
            ).fetchall()
        return [_row(r) for r in rows]

    def record_refresh(
        self,
        feed_id: int,
        *,
        error: str | None,
        warning: str | None = None,
        title: str | None = None,
        html_url: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        retry_after: str | None = None,
        validators: bool = False,
    ) -> str | None:
        """Store the outcome of one refresh; the feed's title after it. Validators are replaced
        only when ``validators``."""
        now = now_iso()
        with self.db.transaction() as db:
            db.execute(
                "UPDATE feeds SET last_refresh = ?, last_error = ?, warning = ?, retry_after = ?, "
                "last_ok = CASE WHEN ? IS NULL THEN ? ELSE last_ok END, "
                "title = CASE WHEN renamed THEN title ELSE COALESCE(?, title) END, "
                "html_url = COALESCE(?, html_url) WHERE id = ?",
                (now, error, warning, retry_after, error, now, title, html_url, feed_id),
            )
            if validators:
                db.execute(
                    "UPDATE feeds SET etag = ?, last_modified = ? WHERE id = ?",
                    (etag, last_modified, feed_id),
                )
            row = db.execute("SELECT title FROM feeds WHERE id = ?", (feed_id,)).fetchone()
        return row[0] if row else None

    def rename(self, feed_id: int, title: str | None) -> None:
        """Name a feed as the reader likes (kept over refreshes); None: the feed's own title
        again (from its next refresh)."""
        with self.db.transaction() as db:
            db.execute(
                "UPDATE feeds SET title = COALESCE(?, title), renamed = ? WHERE id = ?",
                (title, int(title is not None), feed_id),
            )

    def move(self, feed_id: int, folder: str | None) -> None:
        """File a feed in another folder (None: in no folder)."""
        with self.db.transaction() as db:
            db.execute("UPDATE feeds SET folder = ? WHERE id = ?", (folder, feed_id))

    def rename_folder(self, old: str, new: str | None) -> int:
        """Rename a folder, its sub-folders with it (None: their feeds leave the folder); how many
        feeds moved."""
        with self.db.transaction() as db:
            rows = db.execute(
                "SELECT id, folder FROM feeds WHERE folder = ? OR substr(folder, 1, ?) = ?",
                (old, len(old) + 1, f"{old}/"),
            ).fetchall()
            for r in rows:
                rest = r["folder"][len(old) :].lstrip("/")
                folder = "/".join(p for p in (new or "", rest) if p) or None
                db.execute("UPDATE feeds SET folder = ? WHERE id = ?", (folder, r["id"]))
        return len(rows)

    def mark_read(self, feed_id: int, read: bool = True) -> None:
        """Mark every item of the feed read (or unread)."""
        with self.db.transaction() as db:
            db.execute("UPDATE articles SET read = ? WHERE feed_id = ?", (int(read), feed_id))

    def set_auto_full(self, feed_id: int, on: bool) -> None:
        """Fetch the full text of the feed's new teaser items after each refresh (or stop)."""
        with self.db.transaction() as db:
            db.execute("UPDATE feeds SET auto_full = ? WHERE id = ?", (int(on), feed_id))

    def item_identities(self, feed_id: int) -> builtins.list[ItemIdentity]:
        """Each item of the feed with its item id (the feed's guid, else its link) and link."""
        prefix = f"feed:{feed_id}:"
        with self.db.read() as db:
            rows = db.execute("SELECT id, key, url FROM articles WHERE feed_id = ?", (feed_id,)).fetchall()
        return [ItemIdentity(int(r[0]), str(r[1]).removeprefix(prefix), r[2]) for r in rows]

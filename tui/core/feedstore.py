"""Feeds in the store: subscriptions, their refresh state, and their items as articles.

Each feed's items are written in one transaction, so a refresh killed half-way loses at most
the feeds it had not finished, and read/star state is never touched by an update.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from .models import Document, FeedRow
from .store import Store, content_hash, now_iso


@dataclass(frozen=True, slots=True)
class NewItem:
    """An item parsed from a feed, ready to store."""

    item_id: str
    doc: Document
    teaser: bool = False


_FEED_COLS = """
    f.id, f.url, f.title, f.folder, f.html_url, f.last_refresh, f.last_error, f.warning, f.etag,
    f.last_modified, f.retry_after, f.auto_full,
    (SELECT COUNT(*) FROM articles a WHERE a.feed_id = f.id) AS items,
    (SELECT COUNT(*) FROM articles a WHERE a.feed_id = f.id AND a.read = 0) AS unread
"""


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
    )


class FeedStore:
    """Feed operations over a :class:`Store`'s connection."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def add(
        self, url: str, *, title: str | None = None, folder: str | None = None, html_url: str | None = None
    ) -> tuple[int, bool]:
        """Subscribe; returns (id, created). An existing URL keeps its state (folder updated if given)."""
        with self.store._tx() as db:
            row = db.execute("SELECT id FROM feeds WHERE url = ?", (url,)).fetchone()
            if row:
                if folder is not None:
                    db.execute("UPDATE feeds SET folder = ? WHERE id = ?", (folder, row[0]))
                return int(row[0]), False
            cur = db.execute(
                "INSERT INTO feeds (url, title, folder, html_url, added_at) VALUES (?, ?, ?, ?, ?)",
                (url, title, folder, html_url, now_iso()),
            )
            return int(cur.lastrowid), True

    def find(self, url_or_id: str | int) -> FeedRow | None:
        key = str(url_or_id)
        with self.store._lock:
            if key.isdigit():
                r = self.store._db.execute(
                    f"SELECT {_FEED_COLS} FROM feeds f WHERE f.id = ?", (int(key),)
                ).fetchone()
            else:
                r = self.store._db.execute(
                    f"SELECT {_FEED_COLS} FROM feeds f WHERE f.url = ?", (key,)
                ).fetchone()
        return _row(r) if r else None

    def remove(self, feed_id: int) -> None:
        """Unsubscribe; the feed's items go with it."""
        with self.store._tx() as db:
            db.execute("DELETE FROM articles WHERE feed_id = ?", (feed_id,))
            db.execute("DELETE FROM feeds WHERE id = ?", (feed_id,))

    def feeds(self) -> list[FeedRow]:
        with self.store._lock:
            rows = self.store._db.execute(
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
    ) -> None:
        """Store the outcome of one refresh. Validators are replaced only when ``validators``."""
        with self.store._tx() as db:
            db.execute(
                "UPDATE feeds SET last_refresh = ?, last_error = ?, warning = ?, retry_after = ?, "
                "title = COALESCE(?, title), html_url = COALESCE(?, html_url) WHERE id = ?",
                (now_iso(), error, warning, retry_after, title, html_url, feed_id),
            )
            if validators:
                db.execute(
                    "UPDATE feeds SET etag = ?, last_modified = ? WHERE id = ?",
                    (etag, last_modified, feed_id),
                )

    def save_items(self, feed_id: int, items: Iterable[NewItem], fetched_at: str | None = None) -> list[int]:
        """Insert new items and update changed ones in place (read/star kept); ids of new items."""
        fetched_at = fetched_at or now_iso()
        new: list[int] = []
        with self.store._tx() as db:
            for it in items:
                doc = it.doc
                key = f"feed:{feed_id}:{it.item_id}"
                blocks = json.dumps([[b.kind, b.start, b.end] for b in doc.blocks])
                row = db.execute(
                    "SELECT id, full_text, text, blocks FROM articles WHERE key = ?", (key,)
                ).fetchone()
                if row:
                    if row["text"] == doc.text and row["blocks"] == blocks:
                        continue
                    # The hash follows what is shown: a fetched full text stays the effective text.
                    h = content_hash(doc) if row["full_text"] is None else None
                    db.execute(
                        "UPDATE articles SET title=?, source=?, date=COALESCE(?, date), url=?, text=?, blocks=?, "
                        "teaser=?, hash=COALESCE(?, hash) WHERE id=?",
                        (
                            doc.title or "(untitled)",
                            doc.source,
                            doc.date,
                            doc.url,
                            doc.text,
                            blocks,
                            int(it.teaser),
                            h,
                            row["id"],
                        ),
                    )
                    continue
                cur = db.execute(
                    "INSERT INTO articles (key, listed, title, source, date, url, path, attribution, text, blocks, "
                    "hash, added_at, feed_id, teaser) VALUES (?, 1, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        key,
                        doc.title or "(untitled)",
                        doc.source,
                        doc.date or fetched_at,
                        doc.url,
                        doc.attribution,
                        doc.text,
                        blocks,
                        content_hash(doc),
                        fetched_at,
                        feed_id,
                        int(it.teaser),
                    ),
                )
                new.append(int(cur.lastrowid))
        return new

    def save_full_text(self, article_id: int, doc: Document) -> None:
        """Keep a fetched full text beside the feed's text; it becomes what is read and analysed."""
        blocks = json.dumps([[b.kind, b.start, b.end] for b in doc.blocks])
        with self.store._tx() as db:
            db.execute(
                "UPDATE articles SET full_text = ?, full_blocks = ?, hash = ? WHERE id = ?",
                (doc.text, blocks, content_hash(doc), article_id),
            )

    def mark_feed_read(self, feed_id: int, read: bool = True) -> None:
        with self.store._tx() as db:
            db.execute("UPDATE articles SET read = ? WHERE feed_id = ?", (int(read), feed_id))

    def set_auto_full(self, feed_id: int, on: bool) -> None:
        with self.store._tx() as db:
            db.execute("UPDATE feeds SET auto_full = ? WHERE id = ?", (int(on), feed_id))

    def article_feed(self, article_id: int) -> tuple[int | None, bool, str | None]:
        """(feed id, teaser, link) of an article."""
        with self.store._lock:
            r = self.store._db.execute(
                "SELECT feed_id, teaser, url FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
        if r is None:
            raise KeyError(article_id)
        return r["feed_id"], bool(r["teaser"]), r["url"]

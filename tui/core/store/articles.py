"""Articles in the database: documents, sidebar rows, read and star state, feed items.

A feed's items are written in one transaction, so a refresh killed half-way loses at most the
feeds it had not finished, and read/star state is never touched by an update.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from ..models import ArticleRow, Block, Document
from ..models.stored import ItemRow, blocks_json, content_hash, item_row
from ..similarity import Sketch
from .database import Database, index_for_search, now_iso
from .stories import group_articles


@dataclass(frozen=True, slots=True)
class ArticleFeedInfo:
    """Where an article came from: its feed (if any), whether it is a teaser, its link."""

    feed_id: int | None
    teaser: bool
    url: str | None


@dataclass(frozen=True, slots=True)
class NewItem:
    """An item parsed from a feed, ready to store."""

    item_id: str
    doc: Document
    teaser: bool = False
    sketch: Sketch | None = None  # made beside the document (the parser worker), else when stored

    def row(self) -> ItemRow:
        return item_row(self.item_id, self.doc, self.teaser, self.sketch)


# ``analysed``: the article's text has an analysis by the analyser version asked for.
_ROW_COLS = (
    "a.id, a.title, a.source, a.date, a.read, a.starred, a.feed_id, a.teaser, "
    "f.title AS feed_title, f.folder, "
    "EXISTS (SELECT 1 FROM analyses n WHERE n.hash = a.hash AND n.version = ?) AS analysed"
)
_ROW_SRC = "articles a LEFT JOIN feeds f ON f.id = a.feed_id"


# Listed articles of stories with two or more listed articles: (article, story, size).
_STORY_LINKS = (  # CROSS JOIN keeps this order: from the few stories to their members
    "SELECT m.article_id, m.story_id, s.n FROM ("
    "  SELECT g.story_id, COUNT(*) AS n FROM story_members g CROSS JOIN articles x ON x.id = g.article_id "
    "  WHERE g.story_id IN ({stories}) AND x.listed = 1 GROUP BY g.story_id HAVING COUNT(*) > 1"
    ") s CROSS JOIN story_members m ON m.story_id = s.story_id "
    "CROSS JOIN articles y ON y.id = m.article_id WHERE y.listed = 1"
)
# Every story with more than one member (an index scan), or the stories of some articles.
_SHARED_STORIES = "SELECT story_id FROM story_members GROUP BY story_id HAVING COUNT(*) > 1"


def _story_links(db, ids: list[int] | None) -> dict[int, tuple[int, int]]:
    """article id -> (story id, listed articles in it) for articles whose story has others;
    for ``ids`` only (the few rows of a first page) or for the whole library."""
    if ids is None:
        stories, args = _SHARED_STORIES, []
    else:
        stories, args = (
            f"SELECT story_id FROM story_members WHERE article_id IN ({','.join('?' * len(ids))})",
            ids,
        )
    return {r[0]: (r[1], r[2]) for r in db.execute(_STORY_LINKS.format(stories=stories), args)}


def _row(r, link: tuple[int, int] | None = None) -> ArticleRow:
    return ArticleRow(
        id=r["id"],
        title=r["title"],
        source=r["source"],
        date=r["date"],
        read=bool(r["read"]),
        starred=bool(r["starred"]),
        feed_id=r["feed_id"],
        feed_title=r["feed_title"],
        folder=r["folder"],
        analysed=bool(r["analysed"]),
        teaser=bool(r["teaser"]),
        story=link[0] if link else None,
        sources=link[1] - 1 if link else 0,
    )


def _stored(db, keys: list[str]) -> dict[str, object]:
    """The rows a feed's items already have, by key: one query for a feed's items, not one each."""
    out = {}
    for chunk in range(0, len(keys), 500):
        part = keys[chunk : chunk + 500]
        marks = ",".join("?" * len(part))
        out.update(
            (r["key"], r)
            for r in db.execute(
                f"SELECT key, id, full_text, text, blocks FROM articles WHERE key IN ({marks})", part
            )
        )
    return out


class ArticleRepo:
    """Article rows of a :class:`Database`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def upsert(self, key: str, doc: Document, *, listed: bool = True) -> int:
        """Insert or update by ``key``; read and star state survive updates. Returns the id."""
        values = (
            doc.title or "(untitled)",
            doc.source,
            doc.date,
            doc.url,
            doc.path,
            doc.attribution,
            doc.text,
            blocks_json(doc),
            content_hash(doc),
        )
        with self.db.transaction() as db:
            row = db.execute("SELECT id, listed FROM articles WHERE key = ?", (key,)).fetchone()
            if row:
                db.execute(
                    "UPDATE articles SET title=?, source=?, date=?, url=?, path=?, attribution=?, text=?, "
                    "blocks=?, hash=?, listed=? WHERE id=?",
                    (*values, int(listed or row["listed"]), row["id"]),
                )
                group_articles(db, [row["id"]], index=self.db.bands, cache=self.db.members)
                return int(row["id"])
            added = now_iso()
            cur = db.execute(
                "INSERT INTO articles (title, source, date, url, path, attribution, text, blocks, hash, "
                "key, listed, added_at, sort_key) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (*values, key, int(listed), added, doc.date or added),
            )
            new_id = int(cur.lastrowid or 0)
            index_for_search(db, [new_id])
            group_articles(db, [new_id], index=self.db.bands, cache=self.db.members)
            return new_id

    def rows(
        self, version: str, ids: Iterable[int] | None = None, limit: int | None = None
    ) -> list[ArticleRow]:
        """Sidebar rows (no text), newest first, ``analysed`` by ``version``; the listed library
        or exactly ``ids``; the newest ``limit`` of them when given."""
        # sort_key, not sort_date: the list is read from the index articles_list alone.
        order = "ORDER BY a.sort_key DESC, a.id DESC" + (f" LIMIT {int(limit)}" if limit is not None else "")
        with self.db.read() as db:
            if ids is None:
                # The whole list from one covering index, in order (see schema 5).
                src = _ROW_SRC.replace("articles a", "articles a INDEXED BY articles_list", 1)
                sql = f"SELECT {_ROW_COLS} FROM {src} WHERE a.listed = 1 {order}"
                rows = db.execute(sql, (version,)).fetchall()
            else:
                ids = list(ids)
                marks = ",".join("?" * len(ids))
                sql = f"SELECT {_ROW_COLS} FROM {_ROW_SRC} WHERE a.id IN ({marks}) {order}"
                rows = db.execute(sql, (version, *ids)).fetchall()
            few = [r["id"] for r in rows] if len(rows) <= 900 else None
            links = _story_links(db, few)
        return [_row(r, links.get(r["id"])) for r in rows]

    def document(self, article_id: int) -> Document:
        """The article to read and analyse; raises ``KeyError`` for an unknown id."""
        with self.db.read() as db:
            row = db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise KeyError(article_id)
        # A fetched full text replaces the feed's teaser for reading and analysis.
        full = row["full_text"] is not None
        return Document(
            text=row["full_text"] if full else row["text"],
            blocks=[Block(*b) for b in json.loads(row["full_blocks"] if full else row["blocks"])],
            title=row["title"],
            path=row["path"],
            source=row["source"],
            date=row["date"],
            url=row["url"],
            attribution=row["attribution"],
        )

    def hash(self, article_id: int) -> str:
        """The content hash of what is read (the analysis cache key)."""
        with self.db.read() as db:
            row = db.execute("SELECT hash FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise KeyError(article_id)
        return row[0]

    def count(self) -> int:
        """How many articles are listed in the library."""
        with self.db.read() as db:
            return db.execute("SELECT COUNT(*) FROM articles WHERE listed = 1").fetchone()[0]

    def set_read(self, article_id: int, read: bool = True) -> list[int]:
        """Mark an article and the other listed articles of its story; the ids marked."""
        with self.db.transaction() as db:
            ids = [
                r[0]
                for r in db.execute(
                    "SELECT m.article_id FROM story_members m JOIN articles a ON a.id = m.article_id "
                    "WHERE m.story_id = (SELECT story_id FROM story_members WHERE article_id = ?) "
                    "AND a.listed = 1 AND m.article_id != ? AND (SELECT listed FROM articles WHERE id = ?)",
                    (article_id, article_id, article_id),
                )
            ]
            ids.insert(0, article_id)
            db.executemany("UPDATE articles SET read = ? WHERE id = ?", [(int(read), i) for i in ids])
        return ids

    def set_read_many(self, article_ids: Iterable[int], read: bool = True) -> None:
        """Mark these articles (and only these) in one transaction."""
        self.set_read_states([(i, read) for i in article_ids])

    def set_read_states(self, states: Iterable[tuple[int, bool]]) -> None:
        """Set each (article id, read) in one transaction."""
        with self.db.transaction() as db:
            db.executemany("UPDATE articles SET read = ? WHERE id = ?", [(int(r), i) for i, r in states])

    def set_starred(self, article_id: int, starred: bool = True) -> None:
        with self.db.transaction() as db:
            db.execute("UPDATE articles SET starred = ? WHERE id = ?", (int(starred), article_id))

    # -- feed items -----------------------------------------------------------------------

    def save_feed_items(
        self, feed_id: int, items: Iterable[NewItem | ItemRow], fetched_at: str | None = None
    ) -> list[int]:
        """Insert new items and update changed ones in place (read/star kept); ids of new items.

        Items come as :class:`NewItem` or as the rows a parser worker made of them (``ItemRow``)."""
        fetched_at = fetched_at or now_iso()
        new: list[int] = []
        changed: list[int] = []
        sketches: dict[int, Sketch] = {}
        rows = [it.row() if isinstance(it, NewItem) else it for it in items]
        keys = [f"feed:{feed_id}:{it.item_id}" for it in rows]
        with self.db.transaction() as db:
            stored = _stored(db, keys)
            seen: set[str] = set()
            for it, key in zip(rows, keys, strict=True):
                if key in seen:
                    # One entry per id, the first, as the parser keeps them: a second one in the
                    # same save would update a row whose search entry is not written yet (SQLite
                    # then calls the database malformed).
                    continue
                seen.add(key)
                row = stored.get(key)
                if row:
                    if (row["text"] == it.text and row["blocks"] == it.blocks) or not it.text.strip():
                        continue  # (unchanged, or come back empty: no title, no text, nothing to show)
                    # The hash follows what is shown: a fetched full text stays the effective text.
                    db.execute(
                        "UPDATE articles SET title=?, source=?, date=COALESCE(?, date), url=?, text=?, blocks=?, "
                        "teaser=?, hash=COALESCE(?, hash) WHERE id=?",
                        (
                            it.title or "(untitled)",
                            it.source,
                            it.date,
                            it.url,
                            it.text,
                            it.blocks,
                            int(it.teaser),
                            it.hash if row["full_text"] is None else None,
                            row["id"],
                        ),
                    )
                    changed.append(int(row["id"]))
                    if it.sketch is not None:
                        sketches[changed[-1]] = it.sketch
                    continue
                # sort_key is COALESCE(date, added_at), given here (a trigger keeps it on UPDATE).
                cur = db.execute(
                    "INSERT INTO articles (key, listed, title, source, date, url, path, attribution, text, blocks, "
                    "hash, added_at, feed_id, teaser, sort_key) VALUES (?, 1, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        key,
                        it.title or "(untitled)",
                        it.source,
                        it.date or fetched_at,
                        it.url,
                        it.attribution,
                        it.text,
                        it.blocks,
                        it.hash,
                        fetched_at,
                        feed_id,
                        int(it.teaser),
                        it.date or fetched_at,
                    ),
                )
                new.append(int(cur.lastrowid or 0))
                if it.sketch is not None:
                    sketches[new[-1]] = it.sketch
            # In the same transaction: a refresh never leaves articles unindexed or without a story.
            index_for_search(db, new)
            group_articles(db, new + changed, sketches, index=self.db.bands, cache=self.db.members)
        return new

    def save_full_text(self, article_id: int, doc: Document) -> None:
        """Keep a fetched full text beside the feed's text; it becomes what is read and analysed."""
        with self.db.transaction() as db:
            db.execute(
                "UPDATE articles SET full_text = ?, full_blocks = ?, hash = ? WHERE id = ?",
                (doc.text, blocks_json(doc), content_hash(doc), article_id),
            )

    def feed_info(self, article_id: int) -> ArticleFeedInfo:
        """The article's feed, teaser flag and link; raises ``KeyError`` for an unknown id."""
        with self.db.read() as db:
            r = db.execute("SELECT feed_id, teaser, url FROM articles WHERE id = ?", (article_id,)).fetchone()
        if r is None:
            raise KeyError(article_id)
        return ArticleFeedInfo(r["feed_id"], bool(r["teaser"]), r["url"])

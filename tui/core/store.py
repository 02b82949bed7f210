"""SQLite storage: articles, read state and cached analyses.

One database file (``library.db`` in the data directory). The schema is versioned with
``PRAGMA user_version`` and migrated forward step by step; a database written by a newer
newsreader is refused, never touched. One connection is shared by the UI thread and workers,
serialised by a lock (SQLite work here is short; the model runs outside the lock).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from .models import Analysis, Block, Document

SCHEMA_VERSION = 2

_MIGRATIONS: dict[int, str] = {
    # 0 -> 1: the reading slice.
    1: """
    CREATE TABLE articles (
        id          INTEGER PRIMARY KEY,
        key         TEXT NOT NULL UNIQUE,      -- stable identity: seed:NAME, file:PATH, feed item id
        listed      INTEGER NOT NULL DEFAULT 1, -- 0: opened ad hoc with `newsreader PATH`, not in the library
        title       TEXT NOT NULL,
        source      TEXT,
        date        TEXT,                      -- ISO 8601, from the article or its sidecar
        url         TEXT,
        path        TEXT,
        attribution TEXT,
        text        TEXT NOT NULL,
        blocks      TEXT NOT NULL,             -- JSON [[kind, start, end], ...]
        hash        TEXT NOT NULL,             -- sha256 of text and blocks: the analysis cache key
        added_at    TEXT NOT NULL,
        read        INTEGER NOT NULL DEFAULT 0,
        starred     INTEGER NOT NULL DEFAULT 0,
        -- "newest first" is one index scan; undated articles sort by when they were added
        sort_date   TEXT GENERATED ALWAYS AS (COALESCE(date, added_at)) VIRTUAL
    );
    CREATE INDEX articles_order ON articles (listed, sort_date DESC);
    CREATE TABLE analyses (
        hash     TEXT NOT NULL,
        version  TEXT NOT NULL,
        data     TEXT NOT NULL,
        PRIMARY KEY (hash, version)
    );
    CREATE TABLE quote_index (
        hash    TEXT NOT NULL,
        version TEXT NOT NULL,
        idx     INTEGER NOT NULL,
        speaker TEXT,
        PRIMARY KEY (hash, version, idx)
    );
    CREATE INDEX quote_index_speaker ON quote_index (speaker);
    CREATE TABLE entity_index (
        hash      TEXT NOT NULL,
        version   TEXT NOT NULL,
        canonical TEXT NOT NULL,
        label     TEXT NOT NULL,
        mentions  INTEGER NOT NULL
    );
    CREATE INDEX entity_index_name ON entity_index (canonical);
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
    """,
    # 1 -> 2: feeds. Items are articles with a feed; the feed's own text stays beside any
    # fetched full text so a refresh never overwrites what `f` fetched.
    2: """
    CREATE TABLE feeds (
        id            INTEGER PRIMARY KEY,
        url           TEXT NOT NULL UNIQUE,
        title         TEXT,
        folder        TEXT,
        html_url      TEXT,
        etag          TEXT,
        last_modified TEXT,
        last_refresh  TEXT,
        last_error    TEXT,
        warning       TEXT,
        retry_after   TEXT,
        auto_full     INTEGER NOT NULL DEFAULT 0,
        added_at      TEXT NOT NULL
    );
    ALTER TABLE articles ADD COLUMN feed_id INTEGER REFERENCES feeds (id) ON DELETE CASCADE;
    ALTER TABLE articles ADD COLUMN teaser INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE articles ADD COLUMN full_text TEXT;
    ALTER TABLE articles ADD COLUMN full_blocks TEXT;
    CREATE INDEX articles_feed ON articles (feed_id, sort_date DESC);
    """,
}


class StoreError(Exception):
    """A database that cannot be used; ``str(err)`` is one readable line."""


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def content_hash(doc: Document) -> str:
    h = hashlib.sha256(doc.text.encode("utf-8"))
    h.update(json.dumps([(b.kind, b.start, b.end) for b in doc.blocks]).encode())
    return h.hexdigest()[:32]


class Store:
    """The library database. ``path`` may be ``":memory:"`` for throwaway stores."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(self.path, check_same_thread=False, timeout=10)
            self._db.row_factory = sqlite3.Row
            self._check_version()
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as e:
            raise StoreError(f"{self.path}: not a usable newsreader database ({e})") from None
        self._lock = threading.RLock()

    # -- schema ---------------------------------------------------------------------------

    def _check_version(self) -> None:
        # Before anything writes (even switching to WAL changes the file header).
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            self._db.close()
            raise StoreError(
                f"{self.path} was written by a newer newsreader (schema {version}, this one knows "
                f"{SCHEMA_VERSION}); refusing to change it. Upgrade newsreader or set NEWSREADER_HOME."
            )

    def _migrate(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        for target in range(version + 1, SCHEMA_VERSION + 1):
            with self._db:
                self._db.executescript(
                    f"BEGIN; {_MIGRATIONS[target]}; PRAGMA user_version = {target}; COMMIT;"
                )

    @property
    def schema_version(self) -> int:
        return self._db.execute("PRAGMA user_version").fetchone()[0]

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock, self._db:
            yield self._db

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # -- meta -----------------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self._tx() as db:
            db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    # -- articles -------------------------------------------------------------------------

    def upsert_article(self, key: str, doc: Document, *, listed: bool = True) -> int:
        """Insert or update by ``key``; read and star state survive updates. Returns the id."""
        blocks = json.dumps([[b.kind, b.start, b.end] for b in doc.blocks])
        values = (
            doc.title or "(untitled)",
            doc.source,
            doc.date,
            doc.url,
            doc.path,
            doc.attribution,
            doc.text,
            blocks,
            content_hash(doc),
        )
        with self._tx() as db:
            row = db.execute("SELECT id, listed FROM articles WHERE key = ?", (key,)).fetchone()
            if row:
                db.execute(
                    "UPDATE articles SET title=?, source=?, date=?, url=?, path=?, attribution=?, text=?, "
                    "blocks=?, hash=?, listed=? WHERE id=?",
                    (*values, int(listed or row["listed"]), row["id"]),
                )
                return int(row["id"])
            cur = db.execute(
                "INSERT INTO articles (title, source, date, url, path, attribution, text, blocks, hash, "
                "key, listed, added_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (*values, key, int(listed), now_iso()),
            )
            return int(cur.lastrowid)

    def article_rows(self, ids: Iterable[int] | None = None) -> list[sqlite3.Row]:
        """Sidebar rows (no text), newest first; the listed library or exactly ``ids``."""
        cols = (
            "a.id, a.title, a.source, a.date, a.read, a.starred, a.hash, a.feed_id, a.teaser, "
            "f.title AS feed_title, f.folder"
        )
        src = "articles a LEFT JOIN feeds f ON f.id = a.feed_id"
        with self._lock:
            if ids is None:
                return self._db.execute(
                    f"SELECT {cols} FROM {src} WHERE a.listed = 1 ORDER BY a.sort_date DESC, a.id DESC"
                ).fetchall()
            ids = list(ids)
            marks = ",".join("?" * len(ids))
            return self._db.execute(
                f"SELECT {cols} FROM {src} WHERE a.id IN ({marks}) ORDER BY a.sort_date DESC, a.id DESC", ids
            ).fetchall()

    def document(self, article_id: int) -> Document:
        with self._lock:
            row = self._db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise KeyError(article_id)
        # A fetched full text replaces the feed's teaser for reading and analysis.
        full = row["full_text"] is not None
        return Document(
            text=row["full_text"] if full else row["text"],
            blocks=[Block(k, s, e) for k, s, e in json.loads(row["full_blocks"] if full else row["blocks"])],
            title=row["title"],
            path=row["path"],
            source=row["source"],
            date=row["date"],
            url=row["url"],
            attribution=row["attribution"],
        )

    def article_hash(self, article_id: int) -> str:
        with self._lock:
            row = self._db.execute("SELECT hash FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise KeyError(article_id)
        return row[0]

    def count_articles(self) -> int:
        with self._lock:
            return self._db.execute("SELECT COUNT(*) FROM articles WHERE listed = 1").fetchone()[0]

    def set_read(self, article_id: int, read: bool = True) -> None:
        with self._tx() as db:
            db.execute("UPDATE articles SET read = ? WHERE id = ?", (int(read), article_id))

    def set_starred(self, article_id: int, starred: bool = True) -> None:
        with self._tx() as db:
            db.execute("UPDATE articles SET starred = ? WHERE id = ?", (int(starred), article_id))

    # -- analyses -------------------------------------------------------------------------

    def get_analysis(self, hash_: str, version: str) -> Analysis | None:
        with self._lock:
            row = self._db.execute(
                "SELECT data FROM analyses WHERE hash = ? AND version = ?", (hash_, version)
            ).fetchone()
        return Analysis.from_json(json.loads(row[0]), version) if row else None

    def analysed_hashes(self, version: str) -> set[str]:
        with self._lock:
            return {r[0] for r in self._db.execute("SELECT hash FROM analyses WHERE version = ?", (version,))}

    def put_analysis(self, hash_: str, analysis: Analysis) -> None:
        version = analysis.version
        counts = analysis.entity_counts()
        with self._tx() as db:
            db.execute(
                "INSERT OR REPLACE INTO analyses (hash, version, data) VALUES (?, ?, ?)",
                (hash_, version, json.dumps(analysis.to_json(), ensure_ascii=False)),
            )
            db.execute("DELETE FROM quote_index WHERE hash = ? AND version = ?", (hash_, version))
            db.execute("DELETE FROM entity_index WHERE hash = ? AND version = ?", (hash_, version))
            db.executemany(
                "INSERT INTO quote_index (hash, version, idx, speaker) VALUES (?, ?, ?, ?)",
                [(hash_, version, i, q.speaker) for i, q in enumerate(analysis.quotes)],
            )
            db.executemany(
                "INSERT INTO entity_index (hash, version, canonical, label, mentions) VALUES (?, ?, ?, ?, ?)",
                [(hash_, version, c, lab, n) for (c, lab), n in counts.items()],
            )

    def quotes_by_speakers(self, speakers: Iterable[str], version: str) -> list[tuple[str, int]]:
        """(hash, quote index) of cached quotes whose speaker is one of ``speakers``."""
        names = list(speakers)
        if not names:
            return []
        marks = ",".join("?" * len(names))
        with self._lock:
            return [
                (r[0], r[1])
                for r in self._db.execute(
                    f"SELECT hash, idx FROM quote_index WHERE version = ? AND speaker IN ({marks})",
                    (version, *names),
                )
            ]

    def hashes_mentioning(self, names: Iterable[str], version: str) -> dict[str, set[str]]:
        """hash -> the given entity names its analysis mentions."""
        names = list(names)
        if not names:
            return {}
        marks = ",".join("?" * len(names))
        out: dict[str, set[str]] = {}
        with self._lock:
            for h, c in self._db.execute(
                f"SELECT hash, canonical FROM entity_index WHERE version = ? AND canonical IN ({marks})",
                (version, *names),
            ):
                out.setdefault(h, set()).add(c)
        return out

    def articles_by_hash(self, hashes: Iterable[str]) -> dict[str, tuple[int, str]]:
        """hash -> (id, title) of listed articles (the newest when several share a text)."""
        hashes = list(hashes)
        if not hashes:
            return {}
        marks = ",".join("?" * len(hashes))
        with self._lock:
            rows = self._db.execute(
                f"SELECT hash, id, title FROM articles WHERE hash IN ({marks}) ORDER BY id", hashes
            ).fetchall()
        return {r[0]: (r[1], r[2]) for r in rows}

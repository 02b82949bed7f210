"""The library database: one SQLite connection, its lock, and the schema check.

One database file (``library.db`` in the data directory). The schema is versioned with
``PRAGMA user_version`` and migrated forward step by step; a database written by a newer
newsreader is refused, never touched. One connection is shared by the UI thread and workers,
serialised by a lock (SQLite work here is short; the model runs outside the lock).
Repositories (articles, analyses, feeds) run their SQL through :meth:`Database.transaction`
and :meth:`Database.read`.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from ..errors import LibraryError
from .band_index import BandIndex
from .member_cache import MemberCache
from .schema import MIGRATIONS, SCHEMA_VERSION
from .stories import group_articles

# Seconds a statement waits for another process's write to end before "database is locked".
BUSY_TIMEOUT = 10.0
MEMORY = ":memory:"

_INDEX = (
    "INSERT INTO article_fts (rowid, title, body, feed) SELECT rowid, title, body, feed FROM article_search"
)


def index_for_search(db: sqlite3.Connection, ids: Sequence[int]) -> None:
    """Add new articles to the search index, in the caller's transaction: every path that
    inserts articles calls this once for all it inserted (schema 10). A trigger did it row by
    row, and FTS5 wrote each row as a segment of its own (a statement inside a trigger is a
    savepoint, and FTS5 flushes at each), which then had to be merged: a third of the cost of
    storing a first refresh."""
    for chunk in range(0, len(ids), 500):
        part = ids[chunk : chunk + 500]
        db.execute(f"{_INDEX} WHERE rowid IN ({','.join('?' * len(part))})", part)


Progress = Callable[[int, int], object]
"""Called with (done, total) while a long step (building the search index) goes on."""

INDEX_BATCH = 2000
"""Articles added to the search index per transaction when an existing library gets one."""


def _shifted(progress: Progress, shift: int, total: int) -> Progress:
    """``progress`` told of one step's ``done`` as a part of ``total`` (``shift`` done before it)."""
    return lambda done, _total: progress(min(done + shift, total), total)


def now_iso() -> str:
    """The current UTC time to the second, ISO 8601."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class Database:
    """The library database. ``path`` may be ``":memory:"`` for throwaway databases.

    Raises :class:`LibraryError` for a file that is not a usable newsreader database.
    """

    def __init__(
        self,
        path: str | Path,
        progress: Progress | None = None,
        *,
        cache_mib: int = 128,
        index_later: bool = False,
    ) -> None:
        self.in_memory = str(path) == MEMORY
        self.path = Path(path)
        self._name = str(path)  # as given, for messages
        if not self.in_memory:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise LibraryError(
                    f"{self.path.parent}: cannot create the library's folder ({e.strerror})"
                ) from None
        try:
            self._db = sqlite3.connect(str(path), check_same_thread=False, timeout=BUSY_TIMEOUT)
            self._db.row_factory = sqlite3.Row
            self._check_version()
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            # Each write of a batch is a savepoint (see transaction), whose journal SQLite keeps
            # in a temporary file past 64 KiB: storing a first refresh wrote its pages a second
            # time through the kernel (200 feeds: 129,000 pwrite calls, now 50,000; 0.12 s less
            # system CPU, no more memory at its peak). Before the temporary triggers: setting it
            # drops the temp schema.
            self._db.execute("PRAGMA temp_store=MEMORY")
            # An entity page or a search touches pages all over a large library: up to 128 MiB
            # of SQLite's page cache keeps them at hand in the app (at 50,000 articles: entity
            # page 115 -> 82 ms, a word with a person: filter 61 -> 32 ms, against 32 MiB). A
            # command that runs once (``cache_mib`` lower) reads each page about once. No memory
            # map: it made every page near one touched count in the app's memory (~250 MB of a
            # 50,000-article library after a few searches), where the cache is bounded.
            self._db.execute(f"PRAGMA cache_size=-{max(1, int(cache_mib)) * 1024}")
            self._migrate()
        except sqlite3.DatabaseError as e:
            raise LibraryError(f"{self._name}: not a usable newsreader database ({e})") from None
        self._lock = threading.RLock()
        self._depth = 0  # transactions open in the thread holding the lock (see transaction)
        self._data_version: int | None = None  # see changed_elsewhere
        self._shape: tuple[int, ...] = ()
        self.bands = BandIndex()  # the stories' band index of this connection
        self.members = MemberCache(self._db)  # and its story member rows
        self._batch = INDEX_BATCH  # articles per transaction of a pass left by a migration
        if not index_later:  # (else the caller runs finish_indexing when it suits it)
            self._build_search_index(progress)
            self._group_stories(progress)

    # -- schema ---------------------------------------------------------------------------

    def _check_version(self) -> None:
        # Before anything writes (even switching to WAL changes the file header).
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            self._db.close()
            raise LibraryError(
                f"{self._name} was written by a newer newsreader (schema {version}, this one knows "
                f"{SCHEMA_VERSION}); refusing to change it. Upgrade newsreader or set NEWSREADER_HOME."
            )

    def _migrate(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        for target in range(version + 1, SCHEMA_VERSION + 1):
            with self._db:
                self._db.executescript(
                    f"BEGIN; {MIGRATIONS[target]}; PRAGMA user_version = {target}; COMMIT;"
                )

    _BACKFILLS = ("search_index", "story_index")

    def indexing_left(self) -> int:
        """Articles a library from before search or stories has still to be indexed for them
        (counted once per step left); 0 when nothing is left."""
        left = 0
        for name in self._BACKFILLS:
            upto, top = self.get_meta(f"{name}_upto"), self.get_meta(f"{name}_max")
            if upto is not None and top is not None:
                left += max(int(top) - int(upto), 0)
        return left

    def finish_indexing(self, progress: Progress | None = None, batch: int = 0) -> None:
        """Index what opening with ``index_later`` left, ``progress(done, total)`` counting over
        both steps (the search index, then the stories) until ``done == total``; ``batch``
        articles a transaction (0: :data:`INDEX_BATCH`), which others using the library wait for."""
        self._batch = batch or INDEX_BATCH
        total, base = self.indexing_left(), 0
        for name in self._BACKFILLS:
            start, top = self.get_meta(f"{name}_upto"), self.get_meta(f"{name}_max")
            if start is None or top is None:
                continue
            report = None if progress is None else _shifted(progress, base - int(start), total)
            (self._build_search_index if name == "search_index" else self._group_stories)(report)
            base += max(int(top) - int(start), 0)

    def _build_search_index(self, progress: Progress | None) -> None:
        """Index the articles a library had before it had a search index."""

        def index(db: sqlite3.Connection, done: int, end: int) -> None:
            db.execute(f"{_INDEX} WHERE rowid > ? AND rowid <= ?", (done, end))

        self._backfill("search_index", index, progress)

    def _group_stories(self, progress: Progress | None) -> None:
        """Group the articles a library had before it had stories, oldest id first."""

        def group(db: sqlite3.Connection, done: int, end: int) -> None:
            ids = [
                r[0]
                for r in db.execute(
                    "SELECT id FROM articles WHERE id > ? AND id <= ? ORDER BY id", (done, end)
                )
            ]
            group_articles(db, ids, index=self.bands, cache=self.members)

        self._backfill("story_index", group, progress)

    def _backfill(
        self, name: str, step: Callable[[sqlite3.Connection, int, int], None], progress: Progress | None
    ) -> None:
        """Run ``step`` over the article ids a migration left to do (``<name>_upto`` to
        ``<name>_max`` in meta), a batch per transaction: an interrupted pass goes on where it
        stopped the next time the library opens."""
        top = self.get_meta(f"{name}_max")
        if top is None:
            return
        total = int(top)
        while True:
            with self.transaction() as db:
                # The write lock first, then where the pass is: another process that opened
                # the library may be doing the same pass, a batch at a time, in turn.
                db.execute("UPDATE meta SET value = value WHERE key = ?", (f"{name}_upto",))
                row = db.execute("SELECT value FROM meta WHERE key = ?", (f"{name}_upto",)).fetchone()
                if row is None or int(row[0]) >= total:
                    db.execute("DELETE FROM meta WHERE key IN (?, ?)", (f"{name}_upto", f"{name}_max"))
                    break
                done = int(row[0])
                end = min(done + self._batch, total)
                step(db, done, end)
                db.execute("UPDATE meta SET value = ? WHERE key = ?", (str(end), f"{name}_upto"))
            if progress is not None:
                progress(end, total)

    @property
    def schema_version(self) -> int:
        """The schema the file is at (``PRAGMA user_version``)."""
        with self.read() as db:
            return db.execute("PRAGMA user_version").fetchone()[0]

    # -- access ---------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """The connection, held for one transaction: committed on exit, rolled back on error.

        Inside another transaction of the same thread it is a savepoint: its error undoes only
        its own work, and nothing is committed before the outer one ends (a feed's items and its
        refresh state land in one commit).
        """
        with self._lock:
            if self._depth == 0:
                self._depth = 1
                try:
                    with self._db:
                        yield self._db
                finally:
                    self._depth = 0
                return
            name = f"nested{self._depth}"
            if not self._db.in_transaction:
                self._db.execute("BEGIN")  # else the savepoint's release would commit
            self._db.execute(f"SAVEPOINT {name}")
            self._depth += 1
            try:
                yield self._db
            except BaseException:
                self._db.execute(f"ROLLBACK TO {name}")
                self._db.execute(f"RELEASE {name}")
                raise
            else:
                self._db.execute(f"RELEASE {name}")
            finally:
                self._depth -= 1

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """The connection, held for reading (no transaction is opened)."""
        with self._lock:
            yield self._db

    def close(self) -> None:
        """Close the connection (the last one to close checkpoints the write-ahead log)."""
        with self._lock:
            self._db.close()

    def changed_elsewhere(self) -> bool:
        """Have feeds or articles been added or removed by another process (``newsreader add``,
        ``import``, ``refresh`` from cron), or feeds started or stopped failing there, since the
        last call? Analyses and read marks do not count."""
        with self.read() as db:
            version = db.execute("PRAGMA data_version").fetchone()[0]
            if version == self._data_version:
                return False  # nobody else committed anything: no query
            shape = db.execute(
                "SELECT (SELECT COUNT(*) FROM feeds), (SELECT MAX(id) FROM feeds), "
                "(SELECT MAX(id) FROM articles), (SELECT COUNT(*) FROM articles WHERE listed = 1), "
                # (the tree marks a failing feed: a cron refresh that fails one adds nothing else)
                "(SELECT group_concat(id) FROM (SELECT id FROM feeds WHERE last_error IS NOT NULL ORDER BY id))"
            ).fetchone()
        first = self._data_version is None
        self._data_version, changed = version, tuple(shape) != self._shape
        self._shape = tuple(shape)
        return changed and not first

    # -- meta -----------------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        """A value of the ``meta`` table, or None."""
        with self.read() as db:
            row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        """Set a value of the ``meta`` table."""
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

"""Indexing a library from before search or stories, for the app: what ``Library.indexing``
hands out.

A migration leaves the articles to index (``<step>_upto`` / ``<step>_max`` in meta). A command
indexes them as it opens the library; the app opens it with ``index_later`` so its first paint
does not wait, and runs :meth:`IndexingService.finish` in a worker, showing the progress.
"""

from __future__ import annotations

from .store import Database, Progress


class IndexingService:
    """What a library opened with ``index_later`` still has to index, and indexing it."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def left(self) -> int:
        """Articles still to index, counted once per step (search, stories); 0 when none."""
        return self._db.indexing_left()

    def finish(self, progress: Progress | None = None, batch: int = 0) -> None:
        """Index them, ``batch`` articles a transaction (0: as a command does), ``progress(done,
        total)`` counting over both steps until ``done == total``. Another process indexing the
        same library at once takes turns with this one, a batch each."""
        self._db.finish_indexing(progress, batch)

"""Many read marks at once (M on a feed or on everything, U's undo): shown at once, saved in a
thread, and put back to what the library has when the save fails.

A single mark reverts itself in :meth:`~.reading.Reading.set_state`; these are thousands of rows
saved feed by feed, so a save that fails halfway may leave some saved: the rows are read back from
the library, not guessed. The failure itself is the screen's one "Saving failed" notice
(:class:`~tui.ui.worker_errors.ReportsWorkerErrors`), and a notice of success shows only once the
library has the marks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ...core.models import ArticleRow
    from .reader import ReaderScreen

READ_BACK_CHUNK = 10_000
"""Rows read back per query (SQLite caps the variables of one statement)."""


class BulkMarks:
    """Read marks on many articles of the reader screen, saved as one piece of work."""

    def __init__(self, screen: ReaderScreen) -> None:
        self.screen = screen

    def mark(
        self,
        article_ids: list[int],
        read: bool,
        save: Callable[[], None],
        done: Callable[[], None] | None = None,
        failed: Callable[[], None] | None = None,
    ) -> None:
        """Show ``article_ids`` ``read`` now and run ``save`` in a thread; then ``done`` (on the
        event loop), or, when the save fails, the rows as the library has them and ``failed``."""
        screen = self.screen
        library, app = screen.library, screen.app
        screen.sidebar.change_many(article_ids, read=read)
        screen.refresh_status()

        def work() -> None:
            try:
                save()
            except Exception:
                try:
                    rows: list[ArticleRow] | None = [
                        row
                        for start in range(0, len(article_ids), READ_BACK_CHUNK)
                        for row in library.article_rows(article_ids[start : start + READ_BACK_CHUNK])
                    ]
                except Exception:  # (the library cannot be read either: it kept what it had)
                    rows = None
                app.call_from_thread(self._restore, article_ids, not read, rows, failed)
                raise
            app.call_from_thread(self._saved, article_ids, read, done)

        screen.run_worker(work, thread=True, group="store", exit_on_error=False)

    def _saved(self, article_ids: list[int], read: bool, done: Callable[[], None] | None) -> None:
        edits = self.screen.sidebar.edits
        for article_id in article_ids:
            edits.saved(article_id, {"read": read})
        self.screen.syncing.marked()
        self.screen.refresh_status()
        if done is not None:
            done()

    def _restore(
        self,
        article_ids: list[int],
        before: bool,
        rows: list[ArticleRow] | None,
        failed: Callable[[], None] | None,
    ) -> None:
        """The rows as the library has them (``before`` for each when it could not be read)."""
        sidebar = self.screen.sidebar
        now = {row.id: row.read for row in rows} if rows is not None else {}
        for value in (True, False):
            ids = [i for i in article_ids if now.get(i, before) == value]
            if ids:
                sidebar.change_many(ids, read=value)
        # What is shown is the library's state now: nothing is waiting to be saved for these rows.
        sidebar.edits.forget(article_ids, "read")
        self.screen.refresh_status()
        if failed is not None:
            failed()

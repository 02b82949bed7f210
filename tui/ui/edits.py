"""Read and star changes made on screen, kept over reloads until the library has them.

Marking an article read shows at once and is saved in a thread; a reload that read the library
before that save would bring the old state back. Each change is re-applied to the rows of every
load that may have started before it was saved, and forgotten after. Plain state, no Textual.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from ..core.models import ArticleRow


class PendingEdits:
    """Changes (article, field) -> value, and the load count when each was saved (None: not yet)."""

    def __init__(self) -> None:
        self._edits: dict[tuple[int, str], tuple[bool, int | None]] = {}
        self.loads = 0

    def begin_load(self) -> int:
        """A load is about to read the library: its number."""
        self.loads += 1
        return self.loads

    def made(self, article_id: int, changes: Mapping[str, bool]) -> None:
        for field in ("read", "starred"):
            if field in changes:
                self._edits[(article_id, field)] = (changes[field], None)

    def saved(self, article_id: int, changes: Mapping[str, bool]) -> None:
        """The library has these changes now (unless the field was changed again since)."""
        for field, value in changes.items():
            edit = self._edits.get((article_id, field))
            if edit is not None and edit[0] == value and edit[1] is None:
                self._edits[(article_id, field)] = (value, self.loads)

    def forget(self, article_ids: list[int], field: str) -> None:
        """The screen shows the library's own value of ``field`` for these again: nothing to keep."""
        for article_id in article_ids:
            self._edits.pop((article_id, field), None)

    def apply(self, rows: dict[int, ArticleRow], started: int) -> None:
        """Put the changes into the rows of load ``started``; forget those it read saved."""
        for (article_id, field), (value, saved_at) in list(self._edits.items()):
            if saved_at is not None and saved_at < started:
                del self._edits[(article_id, field)]
            elif article_id in rows:
                rows[article_id] = dataclasses.replace(rows[article_id], **{field: value})

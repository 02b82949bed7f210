"""Changes made on screen survive a reload that read the library before they were saved."""

from __future__ import annotations

from tui.core.models import ArticleRow
from tui.ui.edits import PendingEdits


def rows(*ids: int) -> dict[int, ArticleRow]:
    return {i: ArticleRow(i, f"t{i}", None, None, False, False, None, None, None, True) for i in ids}


def test_a_change_stays_until_a_load_that_started_after_it_was_saved():
    edits = PendingEdits()
    early = edits.begin_load()  # a load reads the library...
    edits.made(1, {"read": True})  # ...the reader marks an article read meanwhile
    shown = rows(1, 2)
    edits.apply(shown, early)
    assert shown[1].read and not shown[2].read  # the stale load does not undo it
    edits.saved(1, {"read": True})
    during = edits.begin_load()
    late = rows(1)
    edits.apply(late, early)  # an older load applied late still gets it
    assert late[1].read
    after = rows(1)
    edits.apply(after, during + 1)  # a load begun after the save reads it from the library
    assert not after[1].read  # (these rows are made up: the edit is forgotten, not re-applied)


def test_a_newer_change_is_not_marked_saved_by_an_older_save():
    edits = PendingEdits()
    edits.made(1, {"starred": True})
    edits.made(1, {"starred": False})
    edits.saved(1, {"starred": True})  # the first save lands after the second change
    shown = rows(1)
    edits.apply(shown, edits.begin_load() + 5)
    assert shown[1].starred is False

"""Moving through the library: next and previous unread across feeds, undoing a mark-read, the
article full screen, and marking everything read (after asking).

:class:`Navigation` belongs to the reader screen, like :class:`~.reading.Reading`: plain state
and the screen's widgets, no I/O of its own (marks go through ``BulkMarks``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from ...core.models import ArticleRow, ViewKey, ViewKind
from ..status import count
from ..views import Tally, one_per_story, rows_in_view
from .marks import BulkMarks

if TYPE_CHECKING:
    from .reader import ReaderScreen


class Navigation:
    """Unread-to-unread moves, undo of the last mark-read, full screen, mark all read."""

    def __init__(self, screen: ReaderScreen) -> None:
        self.screen = screen
        self.last_read: list[int] = []  # the articles the last mark-read marked (U brings them back)
        self.marks = BulkMarks(screen)  # (M on a feed saves through it too)

    # -- next / previous unread -------------------------------------------------------------

    def next_unread(self, forward: bool = True) -> None:
        """The next unread article in the list; past its end, the first unread one of the next
        feed with any (in the tree's order), or of this list from the top when it is not a feed's;
        says so when nothing is unread."""
        sidebar = self.screen.sidebar
        listed = list(sidebar.listed.values())
        here = sidebar.article_list.cursor
        if here is None:
            here = -1 if forward else len(listed)
        ahead = listed[here + 1 :] if forward else listed[:here][::-1]
        behind = listed[: max(here, 0)] if forward else listed[here + 1 :][::-1]
        found = next((r for r in ahead if not r.read), None)
        if found is None and sidebar.view.kind == ViewKind.FEED:
            for key in self._feeds_after(sidebar.view, forward):
                rows, _ = one_per_story(rows_in_view(sidebar.rows.values(), key))
                unread = [r for r in rows if not r.read]
                if unread:
                    sidebar.unread_only = False
                    sidebar.select_view(key)
                    sidebar.view = key
                    self._choose(unread[0] if forward else unread[-1])
                    return
        elif found is None:
            found = next((r for r in behind if not r.read), None)
        if found is None:
            self.screen.notify("No more unread articles", timeout=2)
        else:
            self._choose(found)

    def _feeds_after(self, current: ViewKey, forward: bool) -> list[ViewKey]:
        """The feeds of the tree after the current one (before it, going back), round to itself."""
        feeds = [k for k in self.screen.sidebar.feed_tree.nav if k.kind == ViewKind.FEED]
        if not forward:
            feeds.reverse()
        start = feeds.index(current) + 1 if current in feeds else 0
        return feeds[start:] + feeds[:start]

    def _choose(self, row: ArticleRow) -> None:
        """Put the list's cursor on a row (it opens, as when moved there by hand)."""
        article_list = self.screen.sidebar.article_list
        if row.id in article_list.rows:
            article_list.cursor = list(article_list.rows).index(row.id)

    # -- m and undo -------------------------------------------------------------------------

    def toggle_read(self) -> None:
        """m: the open article read, or unread; made unread by hand, it stays so while it stays
        open (mark_read's wait, or its being shown again, would have marked it read again)."""
        reading = self.screen.reading
        article_id = reading.article_id
        reading.toggle(read=True)
        row = self.screen.sidebar.rows.get(article_id) if article_id is not None else None
        if row is not None and not row.read:
            reading.keep_unread([row.id])

    def marked_read(self, article_ids: list[int]) -> None:
        """These articles were just marked read (the open one and its story's other sources)."""
        self.last_read = article_ids

    def undo_read(self) -> None:
        """Make the articles the last mark-read marked unread again."""
        ids = [i for i in self.last_read if (r := self.screen.sidebar.rows.get(i)) is not None and r.read]
        if not ids:
            self.screen.notify("Nothing to undo", timeout=1.5)
            return
        self.last_read = []
        library, screen = self.screen.library, self.screen
        screen.reading.keep_unread(ids)
        rows = screen.sidebar.rows
        shown = Tally.of(rows[i] for i in ids).count  # (a story's sources once, as the tree counts)

        def failed() -> None:  # (U can be tried again)
            self.last_read = ids

        self.marks.mark(
            ids,
            False,
            lambda: library.set_read_many(ids, False),  # (one transaction: an undone mark-all is thousands)
            done=lambda: screen.notify(f"Unread again: {count(shown, 'article')}", timeout=1.5),
            failed=failed,
        )

    # -- full screen ------------------------------------------------------------------------

    def toggle_zoom(self) -> None:
        """The article alone on screen, and back."""
        screen = self.screen
        screen.set_class(not screen.has_class("-zoomed"), "-zoomed")
        if screen.has_class("-zoomed"):
            screen.body.focus()

    # -- mark everything read ---------------------------------------------------------------

    def mark_all_read(self, listed: bool = False) -> None:
        """Every article of the library read, after asking; with ``listed``, those of the list on
        show (a search, Starred, Local articles), not their feeds."""
        from .dialogs import ConfirmScreen

        sidebar = self.screen.sidebar
        rows = list(sidebar.listed.values() if listed else sidebar.rows.values())
        unread = [r.id for r in rows if not r.read]
        if not unread:
            self.screen.notify("Nothing is unread", timeout=2)
            return
        # (counted as the tree and the list count them: a story's sources once)
        shown = Tally.of(r for r in rows if not r.read).count
        question = Content.assemble("Mark ", (f"all {count(shown, 'article')}", "bold"), " read?")

        def answered(yes: bool | None) -> None:
            if yes:
                self._mark_all(unread, listed)

        title, where = (
            ("Mark the list read", "Only the articles listed here.")
            if listed
            else ("Mark everything read", "Every article of the library, in every feed and folder.")
        )
        self.screen.app.push_screen(ConfirmScreen(title, question, where, "Mark read"), answered)

    def _mark_all(self, article_ids: list[int], listed: bool = False) -> None:
        sidebar, library = self.screen.sidebar, self.screen.library
        self.last_read = article_ids
        feed_ids = [] if listed else [f.id for f in sidebar.feeds]
        local = [i for i in article_ids if (r := sidebar.rows.get(i)) is not None and r.feed_id is None]

        def save() -> None:
            if listed:  # the list's articles only, in one transaction, not their feeds
                library.set_read_many(article_ids, True)
                return
            for feed_id in feed_ids:
                library.feeds.mark_read(feed_id, True)
            for article_id in local:
                library.set_read(article_id, True)

        self.marks.mark(article_ids, True, save)

"""Changing the subscriptions from the feeds tree: remove a feed (after asking), rename a feed or a
folder, move a feed to another folder.

:class:`FeedEditing` belongs to the reader screen. It asks with a dialog, changes the library in
a thread, then reloads the tree; the keys sit on the tree (``x``, ``e``, ``F``) and the same
commands are in the palette.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.content import Content

from ...core.errors import Busy
from ...core.models import FeedRow, SavedSearch, ViewKey, ViewKind
from ..status import count
from ..views import ALL, display_name, feed_key, folder_key, folder_parts
from .loading import Then

if TYPE_CHECKING:
    from .reader import ReaderScreen


class FeedEditing:
    """Remove, rename and move what the tree's cursor is on."""

    def __init__(self, screen: ReaderScreen) -> None:
        self.screen = screen

    def ask(self, what: str) -> None:
        """``remove``, ``rename`` or ``move`` the chosen feed (``rename`` a chosen folder too)."""
        sidebar = self.screen.sidebar
        feed, folder = sidebar.chosen_feed, sidebar.view.folder
        saved = sidebar.searches.saved_search(sidebar.view) if sidebar.view.kind == ViewKind.SEARCH else None
        if what == "remove" and feed is not None:
            self.confirm_remove(feed)
        elif what == "remove" and saved is not None:
            self.confirm_forget(saved)
        elif what == "rename" and feed is not None:
            self._prompt("Rename feed", "Name (empty: the feed's own title)", feed.name, self._renamed(feed))
        elif what == "rename" and folder is not None:
            self._prompt(
                "Rename folder", "Name (empty: its feeds leave the folder)", folder, self._folder(folder)
            )
        elif what == "move" and feed is not None:
            folders = sorted({f.folder for f in sidebar.feeds if f.folder})
            prompt = "Folder (News/Tech nests; empty: no folder)"
            self._prompt("Move feed", prompt, feed.folder or "", self._moved(feed), folders)
        else:
            choose = "a feed or a folder" if what == "rename" else "a feed"
            self.screen.notify(f"Choose {choose} in the tree first", timeout=3)

    # -- the dialogs ------------------------------------------------------------------------

    def _prompt(
        self,
        title: str,
        label: str,
        value: str,
        then: Callable[[str], None],
        suggestions: list[str] | None = None,
    ) -> None:
        from .dialogs import PromptScreen

        def answered(text: str | None) -> None:
            if text is not None:
                then(text.strip())

        verb = title.split()[0].lower()  # "Rename feed": Enter to rename
        self.screen.app.push_screen(PromptScreen(title, label, value, suggestions, verb), answered)

    def confirm_remove(self, feed: FeedRow) -> None:
        """Unsubscribe from ``feed`` after asking."""
        from .dialogs import ConfirmScreen

        name = display_name(feed.name, "Feed")
        question = Content.assemble("Remove ", (name, "bold"), "?")
        detail = removal_detail(feed.items)
        library = self.screen.library

        def answered(yes: bool | None) -> None:
            if yes:  # (not while a refresh runs, here or in a cron job: it takes the refresh lock)
                self._change(
                    lambda: library.feeds.remove(feed.id), f"Removed {name}", ALL, f"{name} not removed"
                )

        self.screen.app.push_screen(ConfirmScreen("Remove feed", question, detail, "Remove"), answered)

    def confirm_forget(self, saved: SavedSearch) -> None:
        """Take a saved search out of the tree after asking (x on its row, as for a feed)."""
        from .dialogs import ConfirmScreen

        question = Content.assemble("Forget ", (display_name(saved.name, "Search"), "bold"), "?")
        detail = "The search leaves the tree; its articles stay."

        def answered(yes: bool | None) -> None:
            if yes:
                self.screen.searching.forget(saved.id)

        self.screen.app.push_screen(
            ConfirmScreen("Forget saved search", question, detail, "Forget"), answered
        )

    def _renamed(self, feed: FeedRow) -> Callable[[str], None]:
        library, name = self.screen.library, display_name(feed.name, "Feed")

        def rename(text: str) -> None:
            # The name as the library keeps it (one clean line); an emptied name keeps showing
            # until the feed's next refresh brings its own title.
            new = display_name(text, "")
            said = f"Renamed {name} to {new}" if new else f"{name} takes its own title at its next refresh"
            self._change(lambda: library.feeds.rename(feed.id, new or None), said)

        return rename

    def _moved(self, feed: FeedRow) -> Callable[[str], None]:
        library, name = self.screen.library, display_name(feed.name, "Feed")

        def move(text: str) -> None:
            text = "/".join(folder_parts(text))  # as the tree files it: " News // World /" is News/World
            where = f"to {text}" if text else "out of its folder"
            self._change(
                lambda: library.feeds.move(feed.id, text or None), f"Moved {name} {where}", feed_key(feed.id)
            )

        return move

    def _folder(self, old: str) -> Callable[[str], None]:
        library = self.screen.library

        def rename(text: str) -> None:
            new = "/".join(folder_parts(text))
            after = folder_key(new) if new else ALL
            said = f"Folder {old} renamed to {new}" if new else f"Folder {old} removed: its feeds left it"
            self._change(lambda: library.feeds.rename_folder(old, new or None), said, after)

        return rename

    # -- the change -------------------------------------------------------------------------

    def _change(
        self,
        change: Callable[[], object],
        said: str,
        select: ViewKey | None = None,
        refused: str = "Not changed",
    ) -> None:
        """Make the change in a thread, then reload the tree (choosing ``select``) and say so."""
        screen = self.screen

        async def run() -> None:
            try:
                await asyncio.to_thread(change)
            except Busy as e:  # a refresh runs (a removal waits for it): one notice, nothing changed
                screen.notify(f"{refused}: {e}", severity="warning", timeout=5, markup=False)
                return
            except Exception as e:  # the store went away, the disk is full...
                screen.notify(f"Not changed: {e}", severity="error", markup=False)
                return
            screen.reload(Then(open_first=False, analyse=False, select=select))
            screen.notify(said, timeout=2, markup=False)

        screen.run_worker(run(), group="store", exit_on_error=False)


def removal_detail(items: int) -> str:
    """What removing a feed of ``items`` articles takes with it, in words that agree."""
    if not items:
        return "Unsubscribe; it has no articles."
    if items == 1:
        return "Unsubscribe; its one article goes with it."
    return f"Unsubscribe; its {count(items, 'article')} go with it."

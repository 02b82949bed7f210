"""Searching from the reader: queries run in a thread, results shown as a view of the tree.

:class:`Searching` belongs to the reader screen. A query that cannot run is one line in a
notice (the search line stays open to fix it); saving a search keeps it in the tree.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from ...core.errors import QueryError
from ...core.models import SearchOrder
from ..keys import key_hint
from ..messages import SearchFound
from ..views import ALL, display_name, search_key
from .loading import Then

if TYPE_CHECKING:
    from .reader import ReaderScreen

LIMIT = 1000
"""Most articles a search lists (best first, or newest first)."""


class Searching:
    """Searches of one reader screen."""

    def __init__(self, screen: ReaderScreen) -> None:
        self.screen = screen
        self.order = SearchOrder.RANK

    def run(self, query: str) -> None:
        library, post, order = self.screen.library, self.screen.post_message, self.order

        def search() -> None:
            try:
                hits = library.search(query, order=order, limit=LIMIT)
            except QueryError as e:
                post(SearchFound(query, [], str(e)))
                return
            post(SearchFound(query, hits))

        self.screen.run_worker(search, thread=True, group="search", exclusive=True, exit_on_error=False)

    def found(self, message: SearchFound) -> None:
        if message.error:
            self.screen.notify(message.error, severity="warning", timeout=4, markup=False)
            return
        self.screen.sidebar.show_results(message.query, message.hits)
        if not message.hits:
            self.screen.notify("Nothing found.", timeout=2)
        self.screen.refresh_status()

    def sort(self) -> None:
        """Order the search on show by best match, or by date (and run it again)."""
        query = self.screen.sidebar.search_query
        if query is None:
            search = key_hint(self.screen.app, "search.open", "/")
            self.screen.notify(f"Sorting applies to search results ({search} to search).", timeout=3)
            return
        self.order = SearchOrder.DATE if self.order == SearchOrder.RANK else SearchOrder.RANK
        self.screen.notify(
            f"Sorted by {'date' if self.order == SearchOrder.DATE else 'best match'}", timeout=2
        )
        self.run(query)

    def save(self) -> None:
        """Keep the search on show as a view of the tree."""
        query = self.screen.sidebar.search_query
        if query is None:
            search, save = (
                key_hint(self.screen.app, "search.open", "/"),
                key_hint(self.screen.app, "search.save", "S"),
            )
            self.screen.notify(
                f"Search first ({search}), then {save} keeps the search in the tree.", timeout=3
            )
            return

        async def keep() -> None:
            try:
                await asyncio.to_thread(self.screen.library.save_search, query, query)
            except QueryError as e:
                self.screen.notify(str(e), severity="warning", timeout=3, markup=False)
                return
            self.screen.notify("Search kept in the tree.", timeout=2, markup=False)
            self.screen.reload(Then(open_first=False, analyse=False))

        self.screen.run_worker(keep(), group="store", exit_on_error=False)

    def forget(self, saved_id: int) -> None:
        """Take a saved search out of the tree; on show, it gives way to All (it has no row left)."""
        sidebar = self.screen.sidebar
        saved = next((s for s in sidebar.searches.saved if s.id == saved_id), None)
        key = search_key(saved.query) if saved is not None else None
        shown = key is not None and sidebar.view == key and sidebar.searches.current != key

        async def drop() -> None:
            await asyncio.to_thread(self.screen.library.forget_search, saved_id)
            self.screen.reload(Then(open_first=False, analyse=False, select=ALL if shown else None))
            if saved is not None:
                name = display_name(saved.name, "search")
                self.screen.notify(f"Forgot saved search {name}", timeout=2, markup=False)

        self.screen.run_worker(drop(), group="store", exit_on_error=False)

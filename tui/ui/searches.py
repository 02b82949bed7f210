"""The searches the feeds tree shows: saved ones, and the one just run. Plain state, no Textual.

A search run with ``/`` becomes a view (``Search: …``) until the reader leaves it; saved
searches stay in the tree with their unread counts, refreshed with every reload.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..core.models import SavedSearch, SearchHit, ViewKey, ViewKind
from .views import ALL, SearchView, display_name, search_key


class Searches:
    """Saved searches, the search just run, and the view to go back to when it is left."""

    def __init__(self) -> None:
        self.saved: list[SavedSearch] = []
        self._found: dict[ViewKey, tuple[int, ...]] = {}  # every search's articles, in order
        self.current: ViewKey | None = None  # the search just run (saved or not)
        self.hits: dict[int, SearchHit] = {}  # its snippets, by article
        self.back_to: ViewKey = ALL

    def load_saved(self, saved: Sequence[SavedSearch], found: Mapping[str, Sequence[int]]) -> None:
        """Saved searches and the articles each finds now (by query)."""
        self.saved = list(saved)
        for s in self.saved:
            self._found[search_key(s.query)] = tuple(found.get(s.query, ()))

    def show(self, query: str, hits: Sequence[SearchHit], came_from: ViewKey) -> ViewKey:
        """A search just run: its view key (the view it came from is where Esc goes back to)."""
        key = search_key(query)
        if came_from.kind != ViewKind.SEARCH:
            self.back_to = came_from
        self._found[key] = tuple(h.id for h in hits)
        self.hits = {h.id: h for h in hits}
        self.current = key
        return key

    def leave(self) -> ViewKey:
        """Leave the search view: the view to show again. An unsaved search goes from the tree."""
        if self.current is not None and self.saved_search(self.current) is None:
            self._found.pop(self.current, None)
        self.current, self.hits = None, {}
        return self.back_to

    def ids(self, key: ViewKey) -> tuple[int, ...]:
        return self._found.get(key, ())

    def saved_search(self, key: ViewKey) -> SavedSearch | None:
        return next((s for s in self.saved if s.query == key.query), None)

    def name(self, key: ViewKey) -> str:
        saved = self.saved_search(key)
        return display_name(saved.name if saved else f"Search: {key.query}", "Search")

    def views(self) -> list[SearchView]:
        """Tree nodes: saved searches by name, then the one just run when it is not saved."""
        out = [
            SearchView(
                search_key(s.query), self.name(search_key(s.query)), self.ids(search_key(s.query)), s.id
            )
            for s in self.saved
        ]
        if self.current is not None and self.saved_search(self.current) is None:
            out.append(SearchView(self.current, self.name(self.current), self.ids(self.current)))
        return out

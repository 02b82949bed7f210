"""What the reader offers when it shows files only (``newsreader PATH...``): no feeds to refresh,
add or edit, and no library search (the files are not in it), so none of their keys either."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ...core.library import Library

# The reader's actions that need feeds or the library's search index.
LIBRARY_ACTIONS = frozenset(
    {
        "refresh_feed",
        "refresh_all",
        "add_feed",
        "mark_feed_read",
        "feed_edit",
        "failing_feeds",
        "search",
        "save_search",
        "sort_search",
    }
)


def offered(library: Library, action: str) -> bool:
    """Whether the reader over ``library`` offers ``action`` (all but the library's, over files)."""
    return library.scope is None or action not in LIBRARY_ACTIONS


class FilesOnly:
    """For the reader screen: over files only, the library's actions are off and out of the footer."""

    library: Library

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return offered(self.library, action)

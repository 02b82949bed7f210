"""What the reader offers when it shows files only (``newsreader PATH...``): no feeds to refresh,
add or edit, and no library search (the files are not in it), so none of their keys either.

Their keys stay out of the footer, but a reader who presses one is told why it does nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.keys import _normalize_key_list  # (as App.set_keymap does)

from ..keys import class_bindings

if TYPE_CHECKING:
    from textual.app import App

    from ...core.library import Library

_NO_FEEDS = "Only these files are open: there are no feeds to {}."
_NO_SEARCH = "Only these files are open: search looks in your library, which they are not in."

# The reader's actions that need feeds or the library's search index, and what a key bound to
# one says over files.
WHY_NOT = {
    "refresh_feed": _NO_FEEDS.format("refresh"),
    "refresh_all": _NO_FEEDS.format("refresh"),
    "add_feed": "Only these files are open: feeds are added to your library (newsreader without paths).",
    "mark_feed_read": _NO_FEEDS.format("mark read (m marks the article)"),
    "feed_edit": _NO_FEEDS.format("edit"),
    "failing_feeds": _NO_FEEDS.format("check"),
    "search": _NO_SEARCH,
    "save_search": _NO_SEARCH,
    "sort_search": _NO_SEARCH,
}
LIBRARY_ACTIONS = frozenset(WHY_NOT)


def offered(library: Library, action: str) -> bool:
    """Whether the reader over ``library`` offers ``action`` (all but the library's, over files)."""
    return library.scope is None or action not in LIBRARY_ACTIONS


class FilesOnly:
    """For the reader screen: over files only, the library's actions are off and out of the footer,
    and their keys say why in a notice."""

    library: Library
    app: App[object]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return offered(self.library, action)

    def on_key(self, event: events.Key) -> None:
        # A key reaches the screen unless the focused pane used it; the app's bindings come after,
        # and a library action's binding is off here: say why, unless another binding takes the key.
        if self.library.scope is None or event.key in self.active_bindings:
            return
        keymap = getattr(self.app, "keymap", {})
        for binding in class_bindings(type(self), keymap):
            action = binding.action.split("(")[0]
            if action in WHY_NOT and event.key in _normalize_key_list(binding.key).split(","):
                event.stop()
                event.prevent_default()
                self.notify(WHY_NOT[action], timeout=4)
                return

"""The reader's panes side by side, and what of their layout lasts between runs.

:class:`ReaderPanes` holds the sidebar, the article and the side panes. It owns the sidebar's
width (``<`` and ``>`` change it in steps, within bounds that leave the article room) and the
folders closed in the feeds tree, both given at start from the remembered
:class:`~tui.core.ui_state.UiState`; each change is posted as :class:`UiStateChanged` for the
app to save. It does no I/O.
"""

from __future__ import annotations

import dataclasses

from textual.binding import Binding
from textual.containers import Horizontal

from ...core.ui_state import MIN_SIDEBAR_WIDTH, UiState
from ..messages import UiStateChanged
from .feed_tree import FeedTree
from .sidebar import Sidebar

STEP = 4
"""Columns the sidebar grows or shrinks by at each key press."""

NARROW = 110
"""Below this many columns the quotes and summary move under the article (``-narrow``)."""


class ReaderPanes(Horizontal):
    """Sidebar | article | quotes and summary (on narrow screens the last two go under the
    article); the sidebar's width and the closed folders last."""

    BINDINGS = [
        Binding(
            "less_than_sign",
            "sidebar_width(-1)",
            "Narrower sidebar",
            key_display="<",
            show=False,
            id="reader.sidebar-narrower",
        ),
        Binding(
            "greater_than_sign",
            "sidebar_width(1)",
            "Wider sidebar",
            key_display=">",
            show=False,
            id="reader.sidebar-wider",
        ),
    ]

    def __init__(self, state: UiState | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.state = state or UiState()

    def on_mount(self) -> None:
        self.query_one(FeedTree).close_folders(self.state.closed)
        self._apply_width()

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW, "-narrow")
        self._apply_width()

    @property
    def widest(self) -> int:
        """The widest the sidebar may be now: half the screen, leaving the article room."""
        return max(MIN_SIDEBAR_WIDTH, self.app.size.width // 2)

    @property
    def sidebar_width(self) -> int:
        """The sidebar's width as shown."""
        return self.query_one(Sidebar).outer_size.width

    def _apply_width(self) -> None:
        wanted = self.state.sidebar_width
        if wanted is None:
            return
        width = min(wanted, self.widest)
        sidebar = self.query_one(Sidebar)
        sidebar.styles.width = sidebar.styles.min_width = sidebar.styles.max_width = width
        # Below 110 columns the panes are a grid (reader.tcss): its first column is the sidebar.
        self.styles.grid_columns = f"{width} 1fr"

    def action_sidebar_width(self, direction: int) -> None:
        """Make the sidebar ``STEP`` columns narrower (-1) or wider (1)."""
        if not self.sidebar_width:  # hidden (the article is full screen)
            return
        # From the width last asked for: keys read in one go come before the layout that shows it.
        wanted = self.state.sidebar_width
        shown = min(wanted, self.widest) if wanted is not None else self.sidebar_width
        width = max(MIN_SIDEBAR_WIDTH, min(shown + direction * STEP, self.widest))
        if width == shown:
            self.app.bell()
            return
        self._remember(sidebar_width=width)
        self._apply_width()

    def on_feed_tree_folders_closed(self, message: FeedTree.FoldersClosed) -> None:
        message.stop()
        self._remember(closed=message.closed)

    def _remember(self, **changes: object) -> None:
        self.state = dataclasses.replace(self.state, **changes)  # type: ignore[arg-type]
        self.post_message(UiStateChanged(self.state))

"""The status line: library counts on the left, what the analyser is doing on the right."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from .styling import component_style


class StatusLine(Widget):
    """Two texts on one line; both are plain data (never markup)."""

    COMPONENT_CLASSES = {"status-line--busy"}

    left: reactive[str] = reactive("")
    right: reactive[str] = reactive("")
    busy: reactive[bool] = reactive(False)

    def render(self) -> Table:
        grid = Table.grid(expand=True)
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        grid.add_column(justify="right", no_wrap=True)
        right = Text(self.right, end="")
        if self.busy:
            right.stylize(component_style(self, "status-line--busy"))
        grid.add_row(Text(self.left, end=""), right)
        return grid

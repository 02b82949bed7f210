"""The status line: counts of the view and a problem note on the left, what is running on the right."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from .styling import component_style


class StatusLine(Widget):
    """Texts on one line; all are plain data (never markup)."""

    COMPONENT_CLASSES = {"status-line--busy", "status-line--problem"}

    left: reactive[str] = reactive("")
    note: reactive[str] = reactive("")
    """A problem with what is selected (a feed's last error), after the counts."""
    right: reactive[str] = reactive("")
    busy: reactive[bool] = reactive(False)

    def render(self) -> Table:
        grid = Table.grid(expand=True)
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        grid.add_column(justify="right", no_wrap=True)
        left = Text(self.left, end="")
        if self.note:
            left.append("   ")
            left.append(self.note, style=component_style(self, "status-line--problem"))
        right = Text(self.right, end="")
        if self.busy:
            right.stylize(component_style(self, "status-line--busy"))
        grid.add_row(left, right)
        return grid

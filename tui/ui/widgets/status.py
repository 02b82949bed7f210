"""The status bar: the status line's texts, and a progress bar while feeds refresh."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import ProgressBar

from ..status import StatusLine
from .styling import component_style


class StatusText(Widget):
    """One line drawn from a :class:`StatusLine` value; every text is plain data (never markup)."""

    COMPONENT_CLASSES = {"status-text--busy", "status-text--problem"}

    line: reactive[StatusLine] = reactive(StatusLine)

    def render(self) -> Table:
        line = self.line
        grid = Table.grid(expand=True)
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        grid.add_column(justify="right", no_wrap=True)
        left = Text(line.left, end="")
        if line.note:
            left.append("   ")
            left.append(line.note, style=component_style(self, "status-text--problem"))
        right = Text(line.right, end="")
        if line.busy:
            right.stylize(component_style(self, "status-text--busy"))
        grid.add_row(left, right)
        return grid


class StatusBar(Horizontal):
    """The bottom line of the reader: :meth:`show` a status, :meth:`progress` of a refresh."""

    def compose(self) -> ComposeResult:
        yield StatusText(id="status")
        yield ProgressBar(id="refresh-progress", show_eta=False, show_percentage=False)

    @property
    def line(self) -> StatusLine:
        """What the status shows now."""
        return self.query_one(StatusText).line

    def show(self, line: StatusLine) -> None:
        self.query_one(StatusText).line = line

    def progress(self, done: int, total: int) -> None:
        """Show the progress bar at ``done`` of ``total``."""
        self.query_one(ProgressBar).update(total=total, progress=done)
        self.add_class("-refreshing")

    def progress_done(self) -> None:
        self.remove_class("-refreshing")

"""The search line: typed over the article list, Enter searches, Esc puts it away."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input

from ..format import first_fitting

# What a query may hold, longest first (see :meth:`SearchLine.on_resize`).
PLACEHOLDERS = (
    'Search: words, "a phrase", person:Name, said:Name, is:unread…',
    'Words, "a phrase", person:Name, is:unread…',
    "Words, person:Name, is:unread…",
    "Words, person:Name…",
    "Search…",
)


class SearchLine(Input):
    """One line for a query; hidden until :meth:`start`. Posts :class:`SearchLine.Submitted`."""

    BINDINGS = [Binding("escape", "close", "Close search", show=False, id="search.close")]

    @dataclass
    class Searched(Message):
        """The reader typed a query and pressed Enter."""

        query: str

    @dataclass
    class Closed(Message):
        """The line was put away without a search."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder=PLACEHOLDERS[0], id=id)
        self._focus_before: Widget | None = None  # the pane the line was opened from

    def on_resize(self) -> None:
        # The line is as wide as the sidebar: the longest hint that fits whole, not one cut mid-word.
        room = self.content_size.width - 1  # (the cursor's cell)
        self.placeholder = first_fitting(PLACEHOLDERS, room, PLACEHOLDERS[-1])

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def start(self, query: str = "") -> None:
        focused = self.screen.focused
        if focused is not self:
            self._focus_before = focused
        self.value = query
        self.add_class("-open")
        self.focus()

    def put_away(self) -> None:
        self.remove_class("-open")

    def action_close(self) -> None:
        """Put away unused: the focus goes back to the pane the line was opened from (else the
        sidebar gives it to the list)."""
        self.put_away()
        before, self._focus_before = self._focus_before, None
        if before is not None and before.is_attached and before.focusable:
            before.focus()
        else:
            self.post_message(self.Closed())

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.post_message(self.Searched(event.value.strip()))

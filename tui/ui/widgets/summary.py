"""The summary pane: the computed bullets, then the publisher's own summary (standfirst)."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList

from ..format import hang
from .wrapped_list import WrappedList


class SummaryPane(WrappedList):
    """Summary bullets; Enter on one posts :class:`BulletChosen` so the body can show its sentence."""

    COMPONENT_CLASSES = {
        "summary-pane--heading",
        "summary-pane--bullet",
        "summary-pane--publisher",
        "summary-pane--note",
    }

    BINDINGS = [
        Binding("enter", "select", "Show in article", show=False, id="summary.select"),
        Binding("j", "cursor_down", "Next bullet", show=False, id="summary.down"),
        Binding("k", "cursor_up", "Previous bullet", show=False, id="summary.up"),
        Binding("g", "first", "First bullet", show=False, id="summary.first"),
        Binding("G", "last", "Last bullet", show=False, id="summary.last"),
    ]

    class BulletChosen(Message):
        """A bullet was chosen: its text, to be found in the body."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.bullets: list[str] | None = None
        self.publisher: list[str] = []
        self.note = ""

    def show(self, bullets: list[str] | None, publisher: list[str], note: str = "Analysing…") -> None:
        """``bullets`` None means the analysis is not there yet: ``note`` says why."""
        self.bullets, self.publisher, self.note = bullets, list(publisher), note
        entries: list[tuple[str, Any, bool] | None] = []
        if bullets is None:
            entries.append(("note", ("note", note), True))
        elif not bullets:
            entries.append(("note", ("note", "Too short to summarise."), True))
        for n, b in enumerate(bullets or []):
            entries.append((f"b{n}", ("bullet", b), False))
        if publisher:
            entries.append(("publisher-heading", ("heading", "Publisher's summary"), True))
            for n, p in enumerate(publisher):
                entries.append((f"p{n}", ("publisher", p), False))
        first = next((i for i, e in enumerate(entries) if e is not None and not e[2]), None)
        self.set_entries(entries, first)

    def make_prompt(self, data: Any, width: int) -> Text:
        kind, text = data
        style = self.style_of(f"summary-pane--{kind}")
        if kind == "heading":
            # A blank line above (unless first) sets the publisher's own summary apart.
            return Text.assemble("\n" if self.bullets else "", (text, style), end="")
        if kind == "note":
            return Text(text, style=style, end="")
        return hang(Text(text, style=style, end=""), width, "• ", "  ")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        data = self.entry_data(event.option.id or "")
        if data is not None and data[0] in ("bullet", "publisher"):
            self.post_message(self.BulletChosen(data[1]))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()

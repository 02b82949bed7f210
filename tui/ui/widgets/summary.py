"""The summary pane: the computed bullets, then the publisher's own summary (standfirst)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList

from ..format import hang
from .wrapped_list import Entry, Heading, Note, WrappedList


@dataclass(frozen=True, slots=True)
class Bullet:
    """A summary sentence; ``publisher`` when it is the publisher's own summary, not ours."""

    text: str
    publisher: bool = False


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

    @dataclass
    class BulletChosen(Message):
        """A bullet was chosen: its text, to be found in the body."""

        text: str

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.bullets: list[str] | None = None
        self.publisher: list[str] = []
        self.note = ""

    def show(self, bullets: list[str] | None, publisher: list[str], note: str = "Analysing…") -> None:
        """``bullets`` None means the analysis is not there yet: ``note`` says why."""
        self.bullets, self.publisher, self.note = bullets, list(publisher), note
        entries: list[Entry | None] = []
        if bullets is None:
            entries.append(Entry("note", Note(note), True))
        elif not bullets:
            entries.append(Entry("note", Note("Too short to summarise."), True))
        for n, b in enumerate(bullets or []):
            entries.append(Entry(f"b{n}", Bullet(b)))
        if publisher:
            entries.append(Entry("publisher-heading", Heading("Publisher's summary"), True))
            for n, p in enumerate(publisher):
                entries.append(Entry(f"p{n}", Bullet(p, publisher=True)))
        self.set_entries(entries, self.first_enabled(entries))

    def make_prompt(self, item: object, width: int) -> Text:
        if isinstance(item, Heading):
            # A blank line above (unless first) sets the publisher's own summary apart.
            style = self.style_of("summary-pane--heading")
            return Text.assemble("\n" if self.bullets else "", (item.text, style), end="")
        if isinstance(item, Note):
            return Text(item.text, style=self.style_of("summary-pane--note"), end="")
        assert isinstance(item, Bullet)
        style = self.style_of("summary-pane--publisher" if item.publisher else "summary-pane--bullet")
        return hang(Text(item.text, style=style, end=""), width, "• ", "  ")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        item = self.item_of(event.option.id or "")
        if isinstance(item, Bullet):
            self.post_message(self.BulletChosen(item.text))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()

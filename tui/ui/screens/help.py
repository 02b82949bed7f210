"""The help screen: every key of the reader, per pane, generated from the bindings."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Static

from ..keys import Section
from ..widgets.styling import component_style


class KeyTable(Static):
    """One section: a title and rows of keys and what they do."""

    COMPONENT_CLASSES = {"key-table--title", "key-table--key", "key-table--description"}

    def __init__(self, section: Section) -> None:
        super().__init__()
        self.section = section

    def render(self) -> Table:
        title, rows = self.section
        table = Table.grid(padding=(0, 2))
        table.add_column(justify="right", no_wrap=True)
        table.add_column()
        key_style = component_style(self, "key-table--key")
        desc_style = component_style(self, "key-table--description")
        table.add_row("", Text(title, style=component_style(self, "key-table--title")))
        for keys, description in rows:
            table.add_row(Text(keys, style=key_style), Text(description, style=desc_style))
        return table


class HelpNotes(Widget):
    """What the list's marks mean, on as many lines as the width needs, a note never split: at
    80 columns "! feed failed to" ended one line and "refresh" began the next."""

    GAP = 4

    def __init__(self, notes: list[tuple[str, str]], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.notes = notes

    def lines(self, width: int) -> list[Text]:
        lines: list[Text] = [Text(end="")]
        for mark, meaning in self.notes:
            note = Text.assemble((mark, "bold"), f" {meaning}", end="")
            line = lines[-1]
            if line.cell_len and line.cell_len + self.GAP + note.cell_len > width:
                lines.append(line := Text(end=""))
            if line.cell_len:
                line.append(" " * self.GAP)
            line.append_text(note)
        return lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Text:
        return Text("\n", end="").join(self.lines(self.content_region.width or 80))


class HelpScreen(ModalScreen[None]):
    """A modal listing every key; Esc, ? or q closes it."""

    BINDINGS = [
        Binding("escape", "dismiss", "Close", id="help.close"),
        Binding("question_mark", "dismiss", "Close", show=False, id="help.close-help"),
        Binding("q", "dismiss", "Close", show=False, id="help.close-q"),
        # j and k move in every list and pane of the app: here they scroll, as the arrows do.
        Binding("j", "scroll_help(1)", "Scroll down", show=False, id="help.down"),
        Binding("k", "scroll_help(-1)", "Scroll up", show=False, id="help.up"),
        # g, G and space move as they do in the article (home, end and the page keys work too).
        Binding("g", "help_edge(False)", "Top", show=False, id="help.top"),
        Binding("G", "help_edge(True)", "Bottom", show=False, id="help.bottom"),
        Binding("space", "help_page", "Page down", show=False, id="help.page-down"),
    ]

    def __init__(self, columns: list[list[Section]], notes: list[tuple[str, str]]) -> None:
        super().__init__()
        self.columns = columns
        self.notes = notes

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog") as dialog:
            dialog.border_title = "Keys"
            dialog.border_subtitle = "Esc to close"
            with VerticalScroll(id="help-scroll"):
                with Horizontal(id="help-columns"):
                    for column in self.columns:
                        with Vertical(classes="help-column"):
                            for sec in column:
                                yield KeyTable(sec)
                yield HelpNotes(self.notes, id="help-notes")

    def action_scroll_help(self, lines: int) -> None:
        self.query_one("#help-scroll", VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_help_edge(self, bottom: bool) -> None:
        scroll = self.query_one("#help-scroll", VerticalScroll)
        (scroll.scroll_end if bottom else scroll.scroll_home)(animate=False)

    def action_help_page(self) -> None:
        self.query_one("#help-scroll", VerticalScroll).scroll_page_down(animate=False)

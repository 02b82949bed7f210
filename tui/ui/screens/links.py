"""The article's numbered links: pick one from a list (``L``) or by number (a digit, then Enter).

:class:`LinkActions` belongs to the reader screen. Whichever way a link is chosen, and for ``o``
(the article's own page), the address goes through the same confirm dialog before the browser
gets it. Links and enclosures are read from the open document itself
(:func:`~tui.core.models.document_links`): no I/O. Everything shown is ``Text`` from plain
text, never markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList

from ...core.models import DocLink, document_links
from ..browser import open_in_browser
from ..format import hang
from ..links import display_link
from ..widgets.wrapped_list import Entry, WrappedList

if TYPE_CHECKING:
    from .reader import ReaderScreen


def link_prompt(link: DocLink, width: int = 0) -> Text:
    """``[3] https://…  (audio/mpeg, 24.3 MB)`` as plain text, the number styled; wrapped to
    ``width`` cells (0: not wrapped) with the lines after the first under the address.

    A link that had its own text in the article shows it first, its address on the line below:
    ``[1] the report`` / ``    https://…`` (the text is feed data: plain ``Text``, never markup).
    """
    detail = f"  ({link.detail})" if link.detail else ""
    number = Text(f"[{link.number}] ", end="")
    number.stylize("bold", 0, len(number) - 1)
    address = Text(f"{display_link(link.url)[1]}{detail}", end="")
    label = Text(link.text, end="") if link.text else None
    if label is not None:
        address.stylize("dim")
    indent = " " * len(number)
    if not width:
        return number + (label + Text("  ") + address if label is not None else address)
    # The address wraps under itself: laid out behind blanks the number's width, which then
    # take the number's place (a long address is one word, and would go below the number).
    shown = hang(address, width, indent, indent)
    if label is not None:
        shown = hang(label, width, indent, indent) + Text("\n") + shown
    return number + shown[len(indent) :]


class LinkList(WrappedList):
    """The links, each laid out for the list's width (see :func:`link_prompt`)."""

    def make_prompt(self, item: object, width: int) -> Text:
        assert isinstance(item, DocLink)
        return link_prompt(item, width)


class LinkListScreen(ModalScreen["DocLink | None"]):
    """The article's links and enclosures; Enter picks one, Esc gives None."""

    BINDINGS = [
        # q closes it as it closes the other lists over the reader (keys, failing feeds, pages)
        Binding("escape,q", "cancel", "Cancel", id="links.cancel"),
        Binding("j", "move(1)", "Next", show=False, id="links.down"),
        Binding("k", "move(-1)", "Previous", show=False, id="links.up"),
    ]

    def __init__(self, links: list[DocLink]) -> None:
        super().__init__()
        self.links = links

    def compose(self) -> ComposeResult:
        with Vertical(id="links-dialog") as dialog:
            dialog.border_title = "Links in this article"
            dialog.border_subtitle = "Enter to open · Esc to cancel"
            yield LinkList(id="links-list")

    def on_mount(self) -> None:
        options = self.query_one("#links-list", LinkList)
        options.set_entries([Entry(str(link.number), link) for link in self.links], 0)
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.links[event.option_index])

    def action_move(self, step: int) -> None:
        options = self.query_one(LinkList)
        (options.action_cursor_down if step > 0 else options.action_cursor_up)()

    def action_cancel(self) -> None:
        self.dismiss(None)


class LinkNumberScreen(ModalScreen["int | None"]):
    """The link number being typed (started by the digit pressed); Enter gives it, Esc None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="link-number.cancel")]

    def __init__(self, first: str, last: int) -> None:
        super().__init__()
        self.first, self.last = first, last

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog") as dialog:
            dialog.border_title = "Open link"
            dialog.border_subtitle = "Enter to open · Esc to cancel"
            yield Label(f"Link number (1–{self.last}):", id="confirm-question")
            yield Input(self.first, restrict=r"[0-9]*", max_length=4, id="link-number")

    def on_mount(self) -> None:
        field = self.query_one("#link-number", Input)
        field.focus()
        field.cursor_position = len(field.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(int(event.value) if event.value else None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class LinkActions:
    """What ``L`` and the digits do, and the confirm-then-open every link goes through."""

    def __init__(self, screen: ReaderScreen) -> None:
        self.screen = screen

    def links(self) -> list[DocLink]:
        doc = self.screen.document
        return document_links(doc) if doc is not None else []

    def choose(self, which: str) -> None:
        """``"list"``: pick from the list; a digit: type the rest of the number."""
        links = self.links()
        if not links:
            self.screen.notify("This article has no links.", timeout=3)
        elif which == "list":
            self.screen.app.push_screen(LinkListScreen(links), self._picked)
        else:
            self.screen.app.push_screen(LinkNumberScreen(which, links[-1].number), self._numbered)

    def _picked(self, link: DocLink | None) -> None:
        if link is not None:
            self.confirm_open(link.url)

    def _numbered(self, number: int | None) -> None:
        if number is None:
            return
        link = next((link for link in self.links() if link.number == number), None)
        if link is None:
            self.screen.notify(f"No link [{number}] in this article.", timeout=3)
        else:
            self.confirm_open(link.url)

    def confirm_open(self, address: str) -> None:
        """Show where ``address`` goes (real host, nothing hidden); open it when the reader says yes."""
        from .dialogs import ConfirmOpenScreen

        host, url = display_link(address)

        def answered(yes: bool | None) -> None:
            if yes:
                self.open(url)

        self.screen.app.push_screen(ConfirmOpenScreen(host, url), answered)

    def open(self, url: str) -> None:
        app = self.screen.app
        settings = getattr(app, "settings", None)
        open_in_browser(
            app,
            url,
            settings.browser if settings is not None else None,
            lambda text: self.screen.notify(text, markup=False),
        )

"""The quotes pane: the article's quotes with their speakers, then related quotes elsewhere."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList

from ...core.models import Quote
from ..format import hang, shorten
from .wrapped_list import WrappedList

if TYPE_CHECKING:
    from ...core.models import RelatedQuote

RELATED = "Related quotes"
QUOTE_CHARS = 180  # longer quotes are shortened in the pane (the body shows them whole)


class QuotesPane(WrappedList):
    """Quotes of the open article; Enter/click posts :class:`QuoteChosen` or :class:`RelatedChosen`."""

    COMPONENT_CLASSES = {
        "quotes-pane--quote",
        "quotes-pane--speaker",
        "quotes-pane--unattributed",
        "quotes-pane--heading",
        "quotes-pane--note",
        "quotes-pane--source",
    }

    BINDINGS = [
        Binding("enter", "select", "Show in article", show=False, id="quotes.select"),
        Binding("j", "cursor_down", "Next quote", show=False, id="quotes.down"),
        Binding("k", "cursor_up", "Previous quote", show=False, id="quotes.up"),
        Binding("g", "first", "First quote", show=False, id="quotes.first"),
        Binding("G", "last", "Last quote", show=False, id="quotes.last"),
    ]

    class QuoteChosen(Message):
        """A quote of the open article was chosen: show it in the body."""

        def __init__(self, quote: Quote) -> None:
            super().__init__()
            self.quote = quote

    class RelatedChosen(Message):
        """A related quote was chosen: open its article at the quote."""

        def __init__(self, related: RelatedQuote) -> None:
            super().__init__()
            self.related = related

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.quotes: list[Quote] = []
        self.related: list[RelatedQuote] | None = None
        self.state = "empty"

    # -- data -------------------------------------------------------------------------------

    def show_pending(self, message: str = "Analysing…") -> None:
        """No analysis yet: a note instead of quotes."""
        self.quotes, self.related, self.state = [], None, "pending"
        self.set_entries([("note", message, True)])

    def show_quotes(self, quotes: list[Quote], related: list[RelatedQuote] | None = None) -> None:
        self.quotes, self.related, self.state = list(quotes), related, "ready"
        self._rebuild()

    def show_related(self, related: list[RelatedQuote]) -> None:
        self.related = list(related)
        self._rebuild(keep_highlight=True)

    def _rebuild(self, keep_highlight: bool = False) -> None:
        previous = self.highlighted if keep_highlight else None
        entries: list[tuple[str, Any, bool] | None] = []
        if not self.quotes:
            entries.append(("note", "No direct quotes in this article.", True))
        for n, q in enumerate(self.quotes):
            if n:
                entries.append(None)
            entries.append((f"q{n}", q, False))
        entries.append(("related-heading", RELATED, True))
        if self.related is None:
            entries.append(("related-note", "Looking for related quotes…", True))
        elif not self.related:
            entries.append(("related-note", "None in your library yet.", True))
        for n, r in enumerate(self.related or []):
            if n:
                entries.append(None)
            entries.append((f"r{n}", r, False))
        first = next((i for i, e in enumerate(entries) if e is not None and not e[2]), None)
        self.set_entries(entries, previous if previous is not None else first)

    # -- rendering --------------------------------------------------------------------------

    def make_prompt(self, data: Any, width: int) -> Text:
        style = self.style_of
        if isinstance(data, str):
            if data == RELATED:
                # A blank line above sets the section apart from the article's own quotes.
                return Text.assemble("\n", (data, style("quotes-pane--heading")), end="")
            return Text(data, style=style("quotes-pane--note"), end="")
        quote: Quote = data.quote if not isinstance(data, Quote) else data
        body = Text(f"“{shorten(quote.text, QUOTE_CHARS)}”", style=style("quotes-pane--quote"), end="")
        prompt = hang(body, width)
        prompt.append("\n")
        if quote.speaker:
            who = Text(f"  — {quote.speaker}", style=style("quotes-pane--speaker"), end="")
        else:
            who = Text("  — unattributed", style=style("quotes-pane--unattributed"), end="")
        if not isinstance(data, Quote):
            who.append(Text(f" · {data.reason}", style=style("quotes-pane--note"), end=""))
        prompt.append_text(hang(who, width, "", "    "))
        if not isinstance(data, Quote):
            source = Text(f"in {data.article_title}", style=style("quotes-pane--source"), end="")
            prompt.append("\n")
            prompt.append_text(hang(source, width, "  ", "  ", max_lines=2))
        return prompt

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        oid = event.option.id or ""
        data = self.entry_data(oid)
        if oid.startswith("q") and isinstance(data, Quote):
            self.post_message(self.QuoteChosen(data))
        elif oid.startswith("r") and data is not None:
            self.post_message(self.RelatedChosen(data))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()

"""The quotes pane: the article's quotes with their speakers, then related quotes elsewhere."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList

from ...core.models import Quote, RelatedQuote
from ...core.models import terms_line as terms_line_of
from ..format import hang, shorten
from .wrapped_list import Entry, Heading, Note, WrappedList

RELATED = "Related quotes"
QUOTE_CHARS = 180  # longer quotes are shortened in the pane (the body shows them whole)
TERMS = 12  # quoted terms named in the pane's line for them; the rest are counted
TERM_CHARS = 40


def terms_line(unique: list[str]) -> str:
    """One line for an article's quoted terms (scare quotes, names of things, commands), which are
    not speech: "Also in quotation marks: “now” · “green threads”"."""
    return terms_line_of([shorten(t, TERM_CHARS) for t in unique[:TERMS]], max(0, len(unique) - TERMS))


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

    @dataclass
    class QuoteChosen(Message):
        """A quote of the open article was chosen: show it in the body."""

        quote: Quote

    @dataclass
    class RelatedChosen(Message):
        """A related quote was chosen: open its article at the quote."""

        related: RelatedQuote

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.quotes: list[Quote] = []
        self.terms: list[str] = []
        self.related: list[RelatedQuote] | None = None
        self.state = "empty"

    # -- data -------------------------------------------------------------------------------

    def show_pending(self, message: str = "Analysing…") -> None:
        """No analysis yet: a note instead of quotes."""
        self.quotes, self.terms, self.related, self.state = [], [], None, "pending"
        self.set_entries([Entry("note", Note(message), True)])

    def show_quotes(self, quotes: list[Quote], terms: list[str] | None = None) -> None:
        """The article's quotes that are speech, listed, and its quoted terms on one line (see
        :attr:`~tui.core.models.Analysis.speech` and :attr:`~tui.core.models.Analysis.terms`)."""
        self.quotes, self.terms = list(quotes), list(terms or [])
        self.related, self.state = None, "ready"
        self._rebuild()

    def show_related(self, related: list[RelatedQuote]) -> None:
        self.related = list(related)
        self._rebuild(keep_highlight=True)

    def select_quote(self, start: int, end: int) -> bool:
        """Highlight the article's quote at ``start``-``end`` (one followed from elsewhere)."""
        for n, q in enumerate(self.quotes):
            if (q.start, q.end) == (start, end):
                self.highlighted = self.get_option_index(f"q{n}")
                return True
        return False

    def _rebuild(self, keep_highlight: bool = False) -> None:
        previous = self.highlighted if keep_highlight else None
        entries: list[Entry | None] = []
        if not self.quotes:
            entries.append(Entry("note", Note("No direct quotes in this article."), True))
        for n, q in enumerate(self.quotes):
            if n:
                entries.append(None)
            entries.append(Entry(f"q{n}", q))
        if line := terms_line(self.terms):
            if self.quotes:
                entries.append(None)
            entries.append(Entry("terms", Note(line), True))
        entries.append(Entry("related-heading", Heading(RELATED), True))
        if self.related is None:
            entries.append(Entry("related-note", Note("Looking for related quotes…"), True))
        elif not self.related:
            entries.append(Entry("related-note", Note("None in your library yet."), True))
        for n, r in enumerate(self.related or []):
            if n:
                entries.append(None)
            entries.append(Entry(f"r{n}", r))
        self.set_entries(entries, previous if previous is not None else self.first_enabled(entries))

    # -- rendering --------------------------------------------------------------------------

    def make_prompt(self, item: object, width: int) -> Text:
        style = self.style_of
        if isinstance(item, Heading):
            # A blank line above sets the section apart from the article's own quotes.
            return Text.assemble("\n", (item.text, style("quotes-pane--heading")), end="")
        if isinstance(item, Note):
            return Text(item.text, style=style("quotes-pane--note"), end="")
        related = item if isinstance(item, RelatedQuote) else None
        quote = related.quote if related is not None else item
        assert isinstance(quote, Quote)
        body = Text(f"“{shorten(quote.text, QUOTE_CHARS)}”", style=style("quotes-pane--quote"), end="")
        prompt = hang(body, width)
        prompt.append("\n")
        if quote.speaker:
            who = Text(f"  — {quote.speaker}", style=style("quotes-pane--speaker"), end="")
        else:
            who = Text("  — unattributed", style=style("quotes-pane--unattributed"), end="")
        if related is not None:
            who.append(Text(f" · {related.reason}", style=style("quotes-pane--note"), end=""))
        prompt.append_text(hang(who, width, "", "    "))
        if related is not None:
            source = Text(f"in {related.article_title}", style=style("quotes-pane--source"), end="")
            prompt.append("\n")
            prompt.append_text(hang(source, width, "  ", "  ", max_lines=2))
        return prompt

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        item = self.item_of(event.option.id or "")
        if isinstance(item, Quote):
            self.post_message(self.QuoteChosen(item))
        elif isinstance(item, RelatedQuote):
            self.post_message(self.RelatedChosen(item))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()

"""A pane's notes and headings above its first line stay in sight when that line is chosen."""

from __future__ import annotations

from textual.app import App, ComposeResult

from tui.core.models import Quote
from tui.core.models.library import RelatedQuote
from tui.ui.widgets.quotes import QuotesPane

LONG = " ".join(["The difference is that the command-line-less Mac was meant to replace them."] * 3)


class QuotesApp(App[None]):
    """The quotes pane alone, as short as it is at 80x24."""

    CSS = "QuotesPane { width: 26; height: 9; }"

    def compose(self) -> ComposeResult:
        yield QuotesPane(id="quotes")


async def test_a_related_quote_under_no_quotes_keeps_the_note_and_heading_in_sight():
    app = QuotesApp()
    async with app.run_test(size=(80, 24)) as pilot:
        pane = app.query_one(QuotesPane)
        pane.show_quotes([])
        related = RelatedQuote(
            7, "Another article", Quote(0, len(LONG), LONG, "Jane Roe", "said"), "same speaker"
        )
        pane.show_related([related])
        pane.focus()
        await pilot.pause()
        assert pane.highlighted_option is not None and pane.highlighted_option.id == "r0"
        # The note saying this article has no quotes, and the heading, are on screen.
        assert pane.scroll_y == 0
        await pilot.press("j", "g")
        assert pane.scroll_y == 0 and pane.highlighted_option.id == "r0"


async def test_a_later_quote_still_scrolls_into_view():
    app = QuotesApp()
    async with app.run_test(size=(80, 24)) as pilot:
        pane = app.query_one(QuotesPane)
        quotes = [Quote(n * 100, n * 100 + len(LONG), LONG, "Jane Roe", "said") for n in range(3)]
        pane.show_quotes(quotes)
        pane.show_related([])
        pane.focus()
        await pilot.pause()
        await pilot.press("G")
        await pilot.pause()
        assert pane.highlighted_option.id == "q2" and pane.scroll_y > 0

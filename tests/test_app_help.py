"""Pilot tests of the help screen as a new user meets it: j and k scroll it (they move everywhere
else), and each action is one row with all its keys."""

from __future__ import annotations

from tests.test_app import settle, wait_for
from tui.ui.app import NewsApp
from tui.ui.screens.help import HelpScreen


async def test_j_and_k_scroll_the_help_on_a_small_terminal(analysed_library):
    app = NewsApp(analysed_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        scroll = app.screen.query_one("#help-scroll")
        assert scroll.max_scroll_y > 0  # at 80x24 the keys do not fit
        await pilot.press("j", "j", "j")
        await wait_for(pilot, lambda: scroll.scroll_y == 3, "scrolled down by j")
        await pilot.press("k")
        await wait_for(pilot, lambda: scroll.scroll_y == 2, "up by k")
        assert isinstance(app.screen, HelpScreen)


async def test_G_g_and_space_move_through_the_help_as_through_an_article(analysed_library):
    """The reader's keys for the bottom, the top and the next page work in the help too."""
    app = NewsApp(analysed_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        scroll = app.screen.query_one("#help-scroll")
        await pilot.press("G")
        await wait_for(pilot, lambda: scroll.scroll_y == scroll.max_scroll_y > 0, "at the bottom")
        await pilot.press("g")
        await wait_for(pilot, lambda: scroll.scroll_y == 0, "at the top")
        await pilot.press("space")
        await wait_for(pilot, lambda: scroll.scroll_y > 3, "a page down")
        assert isinstance(app.screen, HelpScreen)


async def test_each_action_is_one_row_with_all_its_keys(analysed_library):
    """The panes' inherited arrow keys join the rows of their own keys: "j ↓ Scroll down", not
    that and "↓ Scroll Down" further down."""
    app = NewsApp(analysed_library)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(app, pilot)
        sections = [section for column in app.help_sections() for section in column]
        for title, rows in sections:
            described = [description.lower() for _, description in rows]
            assert len(described) == len(set(described)), (title, rows)
        panes = {title: dict((d, k) for k, d in rows) for title, rows in sections}
        assert panes["Article"]["Scroll down"] == "j ↓" and panes["Article"]["Top"] == "g home"
        assert panes["Feeds tree"]["Next"] == "j ↓" and "Cursor Down" not in panes["Feeds tree"]
        assert panes["Quotes"]["Next quote"] == "j ↓"


async def test_over_files_the_help_lists_no_feed_or_library_search_keys(analysed_library):
    """``newsreader PATH...`` has no feeds tree and no library search: the help leaves out their
    keys (pressed, each only says why it does nothing), and keeps the article's."""
    from tui.core.library import Library

    scoped = Library.open(
        analysed_library.path, analyzer=analysed_library.analyzer, scope=[analysed_library.articles()[0].id]
    )
    app = NewsApp(scoped)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(app, pilot)
        sections = {
            title: dict((d, k) for k, d in rows) for column in app.help_sections() for title, rows in column
        }
        assert "Feeds tree" not in sections and "Search" not in sections
        described = {d for rows in sections.values() for d in rows}
        assert not described & {"Refresh", "Refresh all feeds", "Add feed", "Failing feeds", "Mark feed read"}
        assert sections["Open article"]["Read/unread"] == "m" and "Scroll down" in sections["Article"]
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        assert "feed failed to refresh" not in str(app.screen.query_one("#help-notes").render())


async def test_the_marks_notes_wrap_between_notes_never_inside_one(analysed_library):
    """At 80 columns the notes under the keys wrapped inside one: "! feed failed to" ended a line
    and "refresh" began the next."""
    from textual.geometry import Region

    app = NewsApp(analysed_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        await pilot.press("G")
        notes = app.screen.query_one("#help-notes")
        await wait_for(pilot, lambda: notes.size.height > 0, "the notes laid out")
        width, height = notes.size
        lines = [strip.text.strip() for strip in notes.render_lines(Region(0, 0, width, height))]
        assert height == 2 and all(lines), lines  # they do not fit on one line at 80 columns
        shown = " ".join(lines)
        for note in ("● unread", "★ starred", "◌ not analysed yet", "! feed failed to refresh", "Tab moves"):
            assert any(note in line for line in lines), (note, lines)
        assert shown.endswith("Tab moves between panes")

"""The small dialogs sit in the middle of the screen, over the reader dimmed behind them, at 80x24
and 140x40: asking before marking everything read or removing a feed, and naming a feed or folder.
Notices sit above the status line."""

from __future__ import annotations

import pytest

from tests.app_feeds_support import RecordingApp
from tests.test_app import settle, wait_for
from tui.ui.screens.dialogs import ConfirmScreen, PromptScreen


def centred(app, size: tuple[int, int]) -> bool:
    region = app.screen.query_one("#confirm-dialog").region
    width, height = size
    left, right = region.x, width - region.right
    top, bottom = region.y, height - region.bottom
    return abs(left - right) <= 1 and abs(top - bottom) <= 1 and top > 0


@pytest.mark.parametrize("size", [(80, 24), (140, 40)])
async def test_the_confirm_and_prompt_dialogs_are_centred_over_the_reader(analysed_library, size):
    app = RecordingApp(analysed_library)
    async with app.run_test(size=size) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("M")  # on All articles: everything, after asking
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        await pilot.pause()
        assert centred(app, size), app.screen.query_one("#confirm-dialog").region
        assert "All articles" in app.export_screenshot().replace("&#160;", " ")  # the reader, behind
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is screen, "back")
        app.push_screen(PromptScreen("Rename feed", "Name (empty: the feed's own title)", "Harbour"))
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen), "the prompt")
        await pilot.pause()
        assert centred(app, size), app.screen.query_one("#confirm-dialog").region
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen, "back")


@pytest.mark.parametrize("size", [(80, 24), (140, 40)])
async def test_a_notice_leaves_the_status_line_in_view(analysed_library, size):
    app = RecordingApp(analysed_library)
    async with app.run_test(size=size, notifications=True) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("U")  # nothing to undo: a notice
        await wait_for(pilot, lambda: screen.query("Toast"), "the notice")
        await pilot.pause()
        status = screen.status_bar.region
        assert all(toast.region.bottom <= status.y for toast in screen.query("Toast")), status


async def test_the_prompts_say_what_enter_does(analysed_library):
    """Renaming and moving said "Enter to keep · Esc to cancel", read as keeping the old name."""
    from tests.app_feeds_support import choose, subscribe
    from tui.ui.views import feed_key

    feed = subscribe(analysed_library, "http://127.0.0.1:9/harbour.xml", "News")
    app = RecordingApp(analysed_library)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await settle(app, pilot)
        await choose(pilot, screen, feed_key(feed))
        for key, said in (("e", "Enter to rename · Esc to cancel"), ("F", "Enter to move · Esc to cancel")):
            await pilot.press(key)
            await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen), "the prompt")
            assert app.screen.query_one("#confirm-dialog").border_subtitle == said
            await pilot.press("escape")
            await wait_for(pilot, lambda: app.screen is screen, "back")

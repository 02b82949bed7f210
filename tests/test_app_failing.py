"""Pilot tests of the failing feeds view over a real loopback server that answers 500 and a real
SQLite library: the error as data, when the feed last worked, retry, open the site, remove."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from tests.app_feeds_support import HARBOUR, RecordingApp, refresh_all, rss, subscribe
from tests.feedserver import feed_server_fixture  # noqa: F401 - the fixture
from tests.helpers import shown_lines
from tests.test_app import SIZE, settle, wait_for
from tests.test_app_views import feed
from tui.core.store import Database, FeedRepo
from tui.ui.screens.dialogs import ConfirmOpenScreen, ConfirmScreen
from tui.ui.screens.failing import FailingFeedsScreen, describe
from tui.ui.views import FAILING

pytestmark = pytest.mark.slow

HOSTILE = "[@click=app.quit]boom[/] \x1b[31m"


def option_texts(app) -> list[str]:
    options = app.screen.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_failing_feeds_show_their_errors_and_can_be_retried_opened_and_removed(
    analysed_library, feed_server
):
    feed_server.body("/harbour.xml", rss("Harbour News", HARBOUR))
    good = subscribe(analysed_library, feed_server.url("/harbour.xml"))
    bad_url = feed_server.body("/broken.xml", HOSTILE.encode(), status=500, content_type="text/plain")
    broken = subscribe(analysed_library, bad_url, "News")
    subscribe(analysed_library, "http://127.0.0.1:9/closed.xml")  # a closed port: listed first
    app = RecordingApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("exclamation_mark")  # nothing has failed yet
        await pilot.pause()
        assert not isinstance(app.screen, FailingFeedsScreen) and app.said("No feed is failing")

        # The broken feed worked once: the view says when, though its last refresh failed.
        database = Database(analysed_library.path)
        FeedRepo(database).record_refresh(broken, error=None)
        database.close()
        screen = await refresh_all(app, pilot)
        await pilot.press("exclamation_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, FailingFeedsScreen), "the failing feeds")
        closed, text = option_texts(app)  # only the failing ones, in the tree's order
        assert "could not connect" in closed and "never worked" in closed
        assert "500" in text and bad_url in text and "worked " in text and "UTC" in text
        assert isinstance(app.screen, FailingFeedsScreen)  # the error was shown, not run as markup

        # j to the broken feed, r retries it alone (the same refresh as r in the tree).
        before, said = len(feed_server.requests), len(app.notices)
        await pilot.press("j", "r")
        await wait_for(pilot, lambda: app.said("1 feed failed"), "the retry reported")
        # Only that: not "0 new articles from 1 feed; 1 feed failed", as if one had worked.
        assert [m for m, _ in app.notices[said:] if "failed" in m][0].startswith("1 feed failed: ")
        assert [p for p, _ in feed_server.requests[before:]] == ["/broken.xml"]
        await settle(app, pilot)

        # o asks before opening the feed's address (it has no site of its own).
        await pilot.press("exclamation_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, FailingFeedsScreen), "the failing feeds")
        await pilot.press("j", "o")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmOpenScreen), "the link confirmed")
        assert app.screen.url == bad_url
        await pilot.press("n")

        # x removes it after asking, as x in the tree does.
        await pilot.press("exclamation_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, FailingFeedsScreen), "the failing feeds")
        await pilot.press("j", "x")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "removal asked")
        await pilot.press("y")
        await wait_for(pilot, lambda: screen.sidebar.feed(broken) is None, "the feed removed")
        assert screen.sidebar.feed(good) is not None
        assert analysed_library.feeds.find(broken) is None
        await pilot.press("exclamation_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, FailingFeedsScreen), "the failing feeds")
        assert len(option_texts(app)) == 1  # the closed port is left


async def test_failing_feeds_from_the_tree_and_the_palette(analysed_library, feed_server):
    bad = feed_server.body("/broken.xml", b"nope", status=500, content_type="text/plain")
    subscribe(analysed_library, bad)
    app = RecordingApp(analysed_library)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await refresh_all(app, pilot)
        # The tree has an entry while a feed fails; Enter on it opens the view.
        tree = screen.sidebar.feed_tree
        tree.focus()
        await pilot.press("g")
        while tree.current_key != FAILING:
            before = tree.cursor_line
            await pilot.press("j")
            await pilot.pause()
            assert tree.cursor_line != before, "no Failing feeds entry"
        await pilot.pause()
        assert screen.sidebar.view != FAILING  # not a list: the articles stay those of the node above
        assert tree.nav[FAILING].name == "Failing feeds" and tree.nav[FAILING].unread == 1
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, FailingFeedsScreen), "the failing feeds")
        await pilot.press("j", "k", "escape")
        await wait_for(pilot, lambda: app.screen is screen, "back")
        await pilot.press("ctrl+p")
        await pilot.press(*"failing")
        await pilot.pause()
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, FailingFeedsScreen), "the failing feeds")
        (text,) = option_texts(app)
        assert "500" in text and "never worked" in text


def test_an_error_is_shown_as_written_never_as_markup():
    shown = describe(feed(7, "[b]Bold[/b]", error=HOSTILE))
    assert shown.plain.splitlines()[:2] == ["[b]Bold[/b]", "  [@click=app.quit]boom[/] [31m"]
    assert "never worked" in shown.plain and "https://example.com/7.xml" in shown.plain


async def test_a_hostile_error_in_the_view_is_text(analysed_library):
    app = RecordingApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.push_screen(FailingFeedsScreen([feed(7, "Broken", error=HOSTILE)]))
        await wait_for(pilot, lambda: isinstance(app.screen, FailingFeedsScreen), "the view")
        await pilot.pause()
        assert "[@click=app.quit]boom[/]" in option_texts(app)[0]
        await pilot.click(OptionList, offset=(4, 2))  # on the error line: a click retries, never quits
        await pilot.pause()
        assert app.is_running


@pytest.mark.parametrize("size", [(80, 24), (140, 40)])
async def test_a_long_address_and_error_wrap_under_their_indent(analysed_library, size):
    """The address and the error go on under themselves, not at the dialog's left edge."""
    url = "https://feeds.example.org/" + "/".join(f"section{n}" for n in range(12)) + "/rss.xml"
    error = "HTTP 503 from the server: " + " ".join(["the service is unavailable"] * 6)
    feed_id = subscribe(analysed_library, url)
    database = Database(analysed_library.path)
    FeedRepo(database).record_refresh(feed_id, error=error)
    database.close()
    app = RecordingApp(analysed_library)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        await pilot.press("exclamation_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, FailingFeedsScreen), "the failing feeds")
        await pilot.pause()
        lines = [line for line in shown_lines(app.screen.query_one("#failing-list")) if line.strip()]
        name, *rest = lines
        assert len(rest) > 2, lines  # the error and the address took more than a line each
        assert all(line.startswith("   ") for line in rest), lines  # padding, then the indent
        assert "".join(line.strip() for line in lines).count(url) == 2  # the name and the address
        assert error in " ".join(line.strip() for line in rest)

"""Small things of the feed commands: adding a feed twice, "1 item", ``feeds --json`` ids."""

from __future__ import annotations

import pytest

from tests.feeds_cli_support import assert_clean, feeds_json, item, nr, rss
from tests.feedserver import feed_server_fixture  # noqa: F401 - the fixture
from tui.cli_support import count


def test_adding_a_subscribed_feed_again_says_so_and_fetches_nothing(feed_server):
    url = feed_server.body("/news.xml", rss("Harbour News", item("a", "Quay opens")))
    p = nr("add", url)
    assert p.returncode == 0 and p.stdout == "added Harbour News (1 item)\n", p.stdout
    fetched = len(feed_server.requests)
    p = nr("add", url)
    assert_clean(p)
    assert (p.returncode, p.stdout, p.stderr) == (0, "already subscribed: Harbour News (1 item)\n", "")
    assert len(feed_server.requests) == fetched
    # With a folder it moves there, still without a fetch.
    p = nr("add", url, "--folder", "Town")
    assert p.stdout == "already subscribed: Harbour News (1 item, in Town)\n"
    (feed,) = feeds_json()
    assert feed["folder"] == "Town" and len(feed_server.requests) == fetched


def test_a_new_and_a_subscribed_feed_in_one_add(feed_server):
    old = feed_server.body("/old.xml", rss("Old", item("a", "One"), item("b", "Two")))
    new = feed_server.body("/new.xml", rss("New"))
    assert nr("add", old).returncode == 0
    p = nr("add", new, old)
    assert p.returncode == 0
    assert sorted(p.stdout.splitlines()) == ["added New (0 items)", "already subscribed: Old (2 items)"]


def test_feeds_json_gives_each_feed_its_id_as_remove_takes_it(feed_server):
    a = feed_server.body("/a.xml", rss("A", item("1", "One")))
    b = feed_server.body("/b.xml", rss("B", item("2", "Two")))
    assert nr("add", a, b).returncode == 0
    ids = {f["url"]: f["id"] for f in feeds_json()}
    assert sorted(ids.values()) == [1, 2]
    p = nr("remove", str(ids[a]))
    assert p.returncode == 0 and p.stdout == "removed A (1 item)\n"
    assert [f["url"] for f in feeds_json()] == [b]


@pytest.mark.parametrize(("n", "text"), [(0, "0 items"), (1, "1 item"), (2, "2 items")])
def test_counts_agree_with_their_number(n, text):
    assert count(n, "item") == text


@pytest.mark.slow
async def test_the_add_dialog_says_already_subscribed(analysed_library, feed_server):
    from textual.widgets import Input

    from tests.app_feeds_support import GARDEN, RecordingApp, subscribe
    from tests.app_feeds_support import rss as app_rss
    from tests.test_app import SIZE, settle, wait_for
    from tui.ui.screens.dialogs import AddFeedScreen

    url = feed_server.body("/garden.xml", app_rss("Garden Club", GARDEN))
    subscribe(analysed_library, url)
    fetched = len(feed_server.requests)
    app = RecordingApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, AddFeedScreen), "add dialog open")
        app.screen.query_one("#add-feed-url", Input).value = url
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen, "dialog closed", tries=1000)
        await wait_for(pilot, lambda: app.said(f"Already subscribed to {url}"), "the notice")
        assert not app.said("Added") and len(feed_server.requests) == fetched

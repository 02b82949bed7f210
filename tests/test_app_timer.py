"""refresh_every: the app refreshes every feed on a timer while it runs (a loopback feed server;
the setting in seconds, as config.toml's "30m" becomes)."""

from __future__ import annotations

from tests.app_feeds_support import HARBOUR, RecordingApp, rss, subscribe, titles
from tests.feedserver import feed_server_fixture  # noqa: F401 - the fixture
from tests.test_app import SIZE, settle, wait_for
from tui.core.config import Settings


async def test_feeds_refresh_on_the_timer_of_the_settings(analysed_library, feed_server):
    harbour = subscribe(analysed_library, feed_server.body("/harbour.xml", rss("Harbour News", HARBOUR)))
    app = RecordingApp(analysed_library, settings=Settings(refresh_every=0.5))
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        # No key pressed: the timer brings the feed's items.
        await wait_for(pilot, lambda: {t for _, t, _ in HARBOUR} <= titles(screen), "refreshed", tries=1500)
        assert any(r.feed_id == harbour for r in screen.sidebar.rows.values())


async def test_no_timer_by_default(analysed_library, feed_server):
    subscribe(analysed_library, feed_server.body("/harbour.xml", rss("Harbour News", HARBOUR)))
    app = RecordingApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await pilot.pause(1.0)
        assert not ({t for _, t, _ in HARBOUR} & titles(screen)) and not screen.feed_actions.refreshing


async def test_feeds_added_by_another_process_show_up_without_R(analysed_library):
    from dataclasses import replace

    from tests.test_stories import BRIDGE_A
    from tui.core.store import ArticleRepo, Database, FeedRepo, NewItem
    from tui.ui.views import feed_key

    app = RecordingApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        before = len(screen.sidebar.rows)
        other = Database(analysed_library.path)  # what `newsreader add` in a terminal does
        try:
            feed_id, _ = FeedRepo(other).add("https://elbe.example/rss", title="Elbe News")
            ArticleRepo(other).save_feed_items(feed_id, [NewItem("a", replace(BRIDGE_A, source="Elbe News"))])
        finally:
            other.close()
        tree = screen.sidebar.feed_tree
        await wait_for(pilot, lambda: feed_key(feed_id) in tree.nav, "the new feed in the tree", tries=1000)
        await wait_for(pilot, lambda: len(screen.sidebar.rows) == before + 1, "its article listed")

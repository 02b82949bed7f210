"""The app with a Tiny Tiny RSS server (the real one, tests/servers/ttrss.sh): the server is a
source in the feeds tree, R syncs, marks go out in the background, the status line says when it
last synced or what went wrong."""

from __future__ import annotations

import pytest

from tests.app_feeds_support import ON_OPEN, RecordingApp
from tests.test_app import SIZE, settle, wait_for
from tests.ttrss_server import FEEDS, ITEMS
from tui.ui.views import SERVER

pytestmark = [pytest.mark.server, pytest.mark.slow]


def _remote(server, title: str) -> int:
    heads = server.api("getHeadlines", feed_id=-4, view_mode="all_articles", limit=200)
    return next(h["id"] for h in heads if h["title"] == title)


async def test_R_syncs_and_a_mark_made_in_the_app_reaches_the_server(analysed_library, server):
    analysed_library.sync.setup(server.url, server.user, server.password)
    app = RecordingApp(analysed_library, settings=ON_OPEN)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        tree = screen.sidebar.feed_tree
        await wait_for(pilot, lambda: SERVER in tree.nav, "the server in the feeds tree")
        assert tree.nav[SERVER].name.startswith("tt-rss · 127.0.0.1:")
        assert "Not synced yet" in screen.status_bar.line.right
        await pilot.press("R")
        await wait_for(pilot, lambda: "Synced" in screen.status_bar.line.right, "synced", tries=3000)
        await wait_for(pilot, lambda: tree.nav[SERVER].total == FEEDS * ITEMS, "articles listed", tries=1000)
        screen.stop_background()  # the model is not what this test is about
        assert app.said(f"Synced: {FEEDS * ITEMS} new articles")
        # Open the server's view and its newest article (read on opening), then star it.
        tree.select_key(SERVER)
        await wait_for(pilot, lambda: screen.sidebar.view == SERVER, "the server's view")
        assert len(screen.sidebar.listed) == FEEDS * ITEMS
        screen.sidebar.article_list.focus()
        await pilot.press("j")
        await wait_for(pilot, lambda: screen.article_id in screen.sidebar.listed, "an article open")
        await wait_for(pilot, lambda: screen.sidebar.rows[screen.article_id].read, "read on opening")
        await pilot.press("s")
        title = screen.sidebar.rows[screen.article_id].title
        remote = _remote(server, title)
        await wait_for(
            pilot, lambda: server.article(remote)["marked"], "the star sent in the background", tries=1000
        )
        assert server.article(remote)["unread"] is False
        await wait_for(pilot, lambda: "to send" not in screen.status_bar.line.right, "nothing waiting")


async def test_a_sync_that_fails_says_so_in_one_line(analysed_library, server):
    analysed_library.sync.setup(server.url, server.user, server.password)
    app = RecordingApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await wait_for(pilot, lambda: screen.syncing.active, "the server known")
        server.script("suspend")
        try:
            await pilot.press("R")
            await wait_for(
                pilot, lambda: "Sync:" in screen.status_bar.line.right, "the error shown", tries=1500
            )
        finally:
            server.script("resume")
        assert "cannot reach the server" in screen.status_bar.line.right
        assert app.said("Sync failed: ") and screen.sidebar.feed_tree.nav[SERVER].error
        await pilot.press("R")
        await wait_for(pilot, lambda: "Synced" in screen.status_bar.line.right, "synced again", tries=3000)
        assert not screen.sidebar.feed_tree.nav[SERVER].error

"""Pilot tests of feeds in the app: every feed key over a real loopback HTTP server and a real
SQLite library (seed articles analysed up front; new items analysed by the real model).

The only stand-in is at the OS boundary: ``App.open_url`` records the address instead of
starting a browser.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler

import pytest
from textual.widgets import Button, Input, ProgressBar, Static

from tests.app_feeds_support import (
    GARDEN,
    HARBOUR,
    ON_OPEN,
    RecordingApp,
    choose,
    listed,
    refresh_all,
    refreshing,
    rss,
    subscribe,
    titles,
)
from tests.feedserver import FeedServer, feed_server_fixture, send  # noqa: F401 - the fixture
from tests.test_app import SIZE, settle, wait_for
from tui.ui.screens.dialogs import AddFeedScreen
from tui.ui.views import ALL, LOCAL, STARRED, UNREAD, feed_key, folder_key

pytestmark = pytest.mark.slow


async def test_R_refreshes_every_feed_and_marks_the_failing_one(analysed_library, feed_server):
    good = feed_server.body("/harbour.xml", rss("Harbour News", HARBOUR))
    bad = feed_server.body("/broken.xml", b"server trouble", status=500, content_type="text/plain")
    harbour, broken = subscribe(analysed_library, good, "Local"), subscribe(analysed_library, bad)
    app = RecordingApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        assert (
            feed_key(harbour) in screen.sidebar.feed_tree.nav
            and not screen.sidebar.feed_tree.nav[feed_key(harbour)].unread
        )
        screen = await refresh_all(app, pilot)
        assert {t for _, t, _ in HARBOUR} <= titles(screen)
        harbour_node = screen.sidebar.feed_tree.nav[feed_key(harbour)]
        assert harbour_node.name == "Harbour News" and harbour_node.unread == 2
        assert screen.sidebar.feed_tree.nav[folder_key("Local")].unread == 2
        broken_node = screen.sidebar.feed_tree.nav[feed_key(broken)]
        assert broken_node.error and "500" in broken_node.error
        # The mark is drawn in the tree, and the error is the tooltip and the status note.
        line = screen.sidebar.feed_tree.node_of(feed_key(broken)).line
        drawn = "".join(
            s.text
            for s in screen.sidebar.feed_tree.render_line(line - int(screen.sidebar.feed_tree.scroll_y))
        )
        assert drawn.lstrip().startswith("! ")
        await pilot.hover("#feeds", offset=(4, line + 1))
        await pilot.pause()
        assert screen.sidebar.feed_tree.tooltip is not None and "500" in str(screen.sidebar.feed_tree.tooltip)
        await choose(pilot, screen, feed_key(broken))
        assert "500" in screen.status_bar.line.note
        assert app.said("1 feed failed")
        # The notice names the key of the failing feeds view, where the errors stay.
        assert any("1 feed failed: " in m and m.endswith(" (! shows why)") for m, _ in app.notices)
        # Both feeds were asked for once; new items get analysed in the background.
        assert sorted(p for p, _ in feed_server.requests) == ["/broken.xml", "/harbour.xml"]
        new = [r.id for r in screen.sidebar.rows.values() if r.feed_id == harbour]
        await wait_for(
            pilot, lambda: all(screen.sidebar.rows[i].analysed for i in new), "new items analysed", tries=1500
        )
        assert all(analysed_library.cached_analysis(i) is not None for i in new)


async def test_r_refreshes_only_the_chosen_feed_with_progress_while_the_ui_stays_live(
    analysed_library, feed_server
):
    gate = threading.Event()
    harbour_xml = rss("Harbour News", HARBOUR).encode()

    def slow(h: BaseHTTPRequestHandler) -> None:
        gate.wait(10)  # the test opens the gate once it has seen the refresh under way
        send(h, 200, harbour_xml, content_type="application/rss+xml")

    feed_server.routes["/harbour.xml"] = slow
    harbour = subscribe(analysed_library, feed_server.url("/harbour.xml"))
    garden = subscribe(analysed_library, feed_server.body("/garden.xml", rss("Garden Club", GARDEN)))
    app = RecordingApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await choose(pilot, screen, feed_key(harbour))
        await pilot.press("r")
        await wait_for(pilot, lambda: "Refreshing" in screen.status_bar.line.right, "refresh progress shown")
        assert screen.query_one(ProgressBar).display
        # The loop is free while the feed is on its way: views change, articles open.
        await choose(pilot, screen, LOCAL)
        first = next(iter(listed(screen)))
        screen.sidebar.article_list.focus()
        await pilot.press("j")
        await wait_for(pilot, lambda: screen.article_id != first, "an article opened during the refresh")
        assert "Refreshing" in screen.status_bar.line.right
        gate.set()
        await wait_for(pilot, lambda: not refreshing(screen), "refresh done", tries=1500)
        await pilot.pause()
        assert not screen.query_one(ProgressBar).display
        assert [p for p, _ in feed_server.requests] == ["/harbour.xml"]
        rows = list(screen.sidebar.rows.values())
        assert {r.feed_id for r in rows if r.feed_id} == {harbour}
        assert screen.sidebar.feed_tree.nav[feed_key(garden)].total == 0


async def test_a_adds_a_feed_after_refusing_bad_addresses(analysed_library, feed_server):
    url = feed_server.body("/garden.xml", rss("Garden Club", GARDEN))
    app = RecordingApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, AddFeedScreen), "add dialog open")
        dialog = app.screen
        message = dialog.query_one("#add-feed-message", Static)
        await pilot.press(*"javascript:alert(1)")
        await pilot.pause()
        assert "refused" in str(message.render()) and message.has_class("-error")
        await pilot.press("enter")  # still refused: nothing is fetched
        await pilot.pause()
        assert isinstance(app.screen, AddFeedScreen) and not feed_server.requests
        url_input = dialog.query_one("#add-feed-url", Input)
        url_input.value = feed_server.url("/missing.xml")
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Not added" in str(message.render()), "the refusal shown")
        assert "404" in str(message.render()) and isinstance(app.screen, AddFeedScreen)
        assert not dialog.query_one("#add-feed-add", Button).disabled
        url_input.value = url
        dialog.query_one("#add-feed-folder", Input).value = "Outdoors"
        await pilot.click("#add-feed-add")
        await wait_for(pilot, lambda: app.screen is screen, "dialog closed", tries=1000)
        feeds = analysed_library.feeds.list()
        assert [(f.url, f.title, f.folder) for f in feeds] == [(url, "Garden Club", "Outdoors")]
        key = feed_key(feeds[0].id)
        await wait_for(pilot, lambda: screen.sidebar.view == key, "the new feed chosen")
        assert screen.sidebar.feed_tree.nav[folder_key("Outdoors")].children[0].key == key
        assert titles(screen) == {GARDEN[0][1]}
        assert app.said("Added Garden Club")


async def test_escape_cancels_the_add_dialog(analysed_library):
    app = RecordingApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, AddFeedScreen), "add dialog open")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen, "dialog closed")
        assert analysed_library.feeds.list() == []


async def test_m_s_u_and_M_change_and_keep_article_state(analysed_library, feed_server):
    harbour = subscribe(analysed_library, feed_server.body("/harbour.xml", rss("Harbour News", HARBOUR)))
    app = RecordingApp(analysed_library, settings=ON_OPEN)  # read as soon as opened
    async with app.run_test(size=SIZE) as pilot:
        screen = await refresh_all(app, pilot)
        await choose(pilot, screen, feed_key(harbour))
        screen.sidebar.article_list.focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.article_id in listed(screen), "the newest article of the feed")
        opened = screen.article_id
        assert opened is not None and screen.sidebar.rows[opened].read
        assert screen.sidebar.feed_tree.nav[feed_key(harbour)].unread == 1
        await pilot.press("m")  # back to unread
        assert not screen.sidebar.rows[opened].read
        assert screen.sidebar.article_list.row_text(opened).startswith("●")
        assert screen.sidebar.feed_tree.nav[feed_key(harbour)].unread == 2
        await pilot.press("s")
        assert screen.sidebar.rows[opened].starred and "★" in screen.sidebar.article_list.row_text(opened)
        await pilot.press("u")  # unread only: both unread articles stay listed
        assert screen.sidebar.unread_only and len(listed(screen)) == 2
        assert "unread only" in str(screen.sidebar.article_list.border_title)
        await pilot.press("M")
        assert screen.sidebar.feed_tree.nav[feed_key(harbour)].unread == 0
        await pilot.press("u")  # back to all: the list shows the feed's read articles again
        assert not screen.sidebar.unread_only and len(listed(screen)) == 2
        await settle(app, pilot)
    rows = {r.id: r for r in analysed_library.articles()}
    assert rows[opened].starred
    assert all(r.read for r in rows.values() if r.feed_id == harbour)
    assert analysed_library.feeds.list()[0].unread == 0


async def test_views_and_folders_filter_the_article_list(analysed_library, feed_server):
    harbour = subscribe(
        analysed_library, feed_server.body("/h.xml", rss("Harbour News", HARBOUR)), "News/Town"
    )
    garden = subscribe(analysed_library, feed_server.body("/g.xml", rss("Garden Club", GARDEN)), "News")
    seeds = len(analysed_library.articles())
    app = RecordingApp(analysed_library, settings=ON_OPEN)  # read as soon as opened
    async with app.run_test(size=SIZE) as pilot:
        screen = await refresh_all(app, pilot)
        assert len(listed(screen)) == seeds + 3
        await choose(pilot, screen, folder_key("News"))
        assert titles(screen) == {t for _, t, _ in HARBOUR + GARDEN}
        await choose(pilot, screen, folder_key("News/Town"))
        assert titles(screen) == {t for _, t, _ in HARBOUR}
        await choose(pilot, screen, feed_key(garden))
        assert titles(screen) == {GARDEN[0][1]}
        assert str(screen.sidebar.article_list.border_title) == "Garden Club"
        await choose(pilot, screen, LOCAL)
        assert all(r.feed_id is None for r in listed(screen).values()) and len(listed(screen)) == seeds
        # Enter on a node moves to the article list and opens its newest article.
        await choose(pilot, screen, feed_key(harbour))
        await pilot.press("enter")
        assert screen.sidebar.article_list.has_focus
        await wait_for(pilot, lambda: screen.article_id in listed(screen), "an article of the feed opened")
        starred = screen.article_id
        await pilot.press("s")
        await choose(pilot, screen, STARRED)
        assert list(listed(screen)) == [starred]
        assert screen.sidebar.feed_tree.nav[STARRED].total == 1
        await choose(pilot, screen, UNREAD)
        assert starred not in listed(screen)
        assert all(not r.read for r in listed(screen).values())
        screen.sidebar.article_list.focus()
        await pilot.press("u")  # unread only changes nothing here, and the title does not say it twice
        assert str(screen.sidebar.article_list.border_title) == "Unread"
        await pilot.press("u")
        await choose(pilot, screen, ALL)
        assert len(listed(screen)) == seeds + 3
        # Left closes a folder; its feeds leave the tree's lines but not the list.
        await choose(pilot, screen, folder_key("News"))
        await pilot.press("left")
        await pilot.pause()
        assert not screen.sidebar.feed_tree.node_of(folder_key("News")).is_expanded


async def test_adding_a_feed_subscribed_before_says_the_folder_it_moved_to(analysed_library, feed_server):
    """The add dialog's folder (filled in from the view it was opened on) moves a feed subscribed
    before: the notice said only "Already subscribed to …", and the feed left its folder unsaid.
    A folder typed loosely (" Garden // Clubs / ") is filed as the tree shows it, where renaming
    the folder finds it (it stayed " Garden // Clubs / " in the library, which a rename missed)."""
    url = feed_server.body("/garden.xml", rss("Garden Club", GARDEN))
    subscribe(analysed_library, url, "Outdoors")
    app = RecordingApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, AddFeedScreen), "add dialog open")
        app.screen.query_one("#add-feed-url", Input).value = url
        app.screen.query_one("#add-feed-folder", Input).value = " Garden // Clubs / "
        await pilot.click("#add-feed-add")
        await wait_for(pilot, lambda: app.screen is screen, "dialog closed", tries=1000)
        await wait_for(pilot, lambda: app.said("Already subscribed"), "said")
        assert app.said(f"Already subscribed to {url}: moved to Garden/Clubs"), (
            app.notices
        )  # (not fetched yet)
    assert [f.folder for f in analysed_library.feeds.list()] == ["Garden/Clubs"]
    assert analysed_library.feeds.rename_folder("Garden", "Yard") == 1


async def test_with_hide_read_feeds_the_feed_on_show_stays_under_the_cursor(analysed_library, feed_server):
    """hide_read_feeds took the chosen feed out of the tree as its last unread article was read:
    the tree's cursor fell on another feed while the list still showed this one's articles (and
    e, F and x act on the feed on show). It stays while it is on show."""
    from tui.core.config import Settings

    garden = subscribe(analysed_library, feed_server.body("/garden.xml", rss("Garden Club", GARDEN)))
    subscribe(analysed_library, feed_server.body("/harbour.xml", rss("Harbour News", HARBOUR)))
    settings = Settings(mark_read_after=0.0, hide_read_feeds=True)
    app = RecordingApp(analysed_library, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        screen = await refresh_all(app, pilot)
        tree = screen.sidebar.feed_tree
        await choose(pilot, screen, feed_key(garden))
        screen.sidebar.article_list.focus()
        await pilot.press("enter")  # its one article, read on open
        await wait_for(pilot, lambda: tree.nav[feed_key(garden)].unread == 0, "the feed read")
        await pilot.pause()
        assert screen.sidebar.view == feed_key(garden) and tree.current_key == feed_key(garden)

"""Pilot tests of reading feeds in the app: opening links, full texts, feed text kept as data,
background analysis and refreshes elsewhere, over a real loopback HTTP server and a real SQLite
library. ``App.open_url`` records the address instead of starting a browser."""

from __future__ import annotations

import json

import pytest
from textual.command import CommandPalette
from textual.widgets import Input, ProgressBar, Static

from tests.app_feeds_support import (
    FULL_PAGE,
    HARBOUR,
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
from tests.test_app import SIZE, offered, settle, wait_for
from tui.ui.screens.dialogs import ConfirmOpenScreen
from tui.ui.views import ALL, LOCAL, feed_key

pytestmark = pytest.mark.slow


async def test_o_confirms_the_real_host_then_opens_the_link(analysed_library, feed_server, monkeypatch):
    links = {"h1": "https://example.com/news/ferry?x=1", "h2": "javascript:alert(1)"}
    harbour = subscribe(analysed_library, feed_server.body("/h.xml", rss("Harbour News", HARBOUR, links)))
    opened: list[str] = []
    app = RecordingApp(analysed_library)
    monkeypatch.setattr(app, "open_url", lambda url, new_tab=True: opened.append(url))
    monkeypatch.setattr("webbrowser.get", lambda *a: object())  # as if the system had a browser
    async with app.run_test(size=SIZE) as pilot:
        screen = await refresh_all(app, pilot)
        ferry = next(
            r.id for r in screen.sidebar.rows.values() if r.feed_id == harbour and "Ferry" in r.title
        )
        market = next(
            r.id for r in screen.sidebar.rows.values() if r.feed_id == harbour and "market" in r.title
        )
        screen.open_article(ferry)
        await wait_for(pilot, lambda: screen.article_id == ferry, "the ferry article open")
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmOpenScreen), "confirm dialog open")
        question = str(app.screen.query_one("#confirm-question", Static).render())
        assert question == "Open example.com?"
        assert str(app.screen.query_one("#confirm-url", Static).render()) == links["h1"]
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is screen, "dialog closed")
        assert opened == []
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmOpenScreen), "confirm dialog open")
        await pilot.press("y")
        await wait_for(pilot, lambda: opened == [links["h1"]], "the link opened")
        # A javascript: link never gets as far as a dialog.
        screen.open_article(market)
        await wait_for(pilot, lambda: screen.article_id == market, "the market article open")
        await pilot.press("o")
        await wait_for(pilot, lambda: app.said("no web link"), "refusal")
        assert app.screen is screen and opened == [links["h1"]]


async def test_f_fetches_the_full_text_and_analyses_it_again(analysed_library, feed_server):
    page = feed_server.body("/ferry.html", FULL_PAGE, content_type="text/html; charset=utf-8")
    teaser = [("h1", "Ferry service returns to the old harbour", "The ferry runs again… Read more")]
    subscribe(analysed_library, feed_server.body("/h.xml", rss("Harbour News", teaser, {"h1": page})))
    app = RecordingApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await refresh_all(app, pilot)
        ferry = next(r.id for r in screen.sidebar.rows.values() if r.feed_id is not None)
        assert screen.sidebar.rows[ferry].teaser
        screen.open_article(ferry)
        await wait_for(
            pilot, lambda: screen.article_id == ferry and screen.analysis is not None, "the teaser analysed"
        )
        assert "teaser" in str(screen.body.border_title)
        assert "Marta Silva" not in screen.document.text
        await pilot.press("f")
        await wait_for(
            pilot, lambda: "Marta Silva" in (screen.document.text if screen.document else ""), "full text"
        )
        assert screen.body.document is screen.document and screen.article_id == ferry
        await wait_for(pilot, lambda: screen.analysis is not None, "the full text analysed", tries=1500)
        assert any(q.speaker and "Silva" in q.speaker for q in screen.analysis.quotes)
        assert "Marta Silva" in analysed_library.document(ferry).text
        assert app.said("Full text fetched")


async def test_auto_full_text_from_the_palette_fetches_new_teasers_after_a_refresh(
    analysed_library, feed_server
):
    page = feed_server.body("/ferry.html", FULL_PAGE, content_type="text/html; charset=utf-8")
    harbour = subscribe(analysed_library, feed_server.body("/h.xml", rss("Harbour News", HARBOUR[1:])))
    app = RecordingApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await refresh_all(app, pilot)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: CommandPalette.is_open(app), "palette open")
        await pilot.press(*"full text automatically harbour")
        await wait_for(pilot, lambda: any("Harbour" in o for o in offered(app)), "the command offered")
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: analysed_library.feeds.find(harbour).auto_full, "auto full text on")
        await wait_for(pilot, lambda: screen.sidebar.feed(harbour).auto_full, "the sidebar knows")
        # The feed brings a teaser: after the refresh its web page is fetched without asking.
        teaser = ("h3", "Ferry service returns to the old harbour", "The ferry runs again… Read more")
        feed_server.body("/h.xml", rss("Harbour News", [teaser, *HARBOUR[1:]], {"h3": page}))
        await pilot.press("R")
        await wait_for(
            pilot, lambda: any(r.title == teaser[1] for r in screen.sidebar.rows.values()), "teaser listed"
        )
        ferry = next(r.id for r in screen.sidebar.rows.values() if r.title == teaser[1])
        await wait_for(
            pilot,
            lambda: "Marta Silva" in analysed_library.document(ferry).text,
            "full text fetched",
            tries=1500,
        )
        await wait_for(pilot, lambda: not screen.status_bar.line.busy, "the status settles", tries=1500)


HOSTILE_JSON = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "[@click=app.quit]Evil[/] \u001b]0;pwned\u0007Feed",
    "items": [
        {
            "id": "x1",
            "title": "\u001b[2J\u001b]0;owned\u0007Title with [bold]markup[/b] and \u202eevil",
            "content_text": "Body with [red]brackets[/red] stays text.",
            "url": "https://example.com/x1",
            "date_published": "2031-01-06T10:00:00Z",
        }
    ],
}


async def test_feed_text_is_never_markup_nor_terminal_control(analysed_library, feed_server):
    url = feed_server.body("/evil.json", json.dumps(HOSTILE_JSON), content_type="application/feed+json")
    evil = subscribe(analysed_library, url)
    app = RecordingApp(analysed_library)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await refresh_all(app, pilot)
        node = screen.sidebar.feed_tree.nav[feed_key(evil)]
        assert node.name.startswith("[@click=app.quit]Evil[/]") and "\x1b" not in node.name
        await choose(pilot, screen, feed_key(evil))
        # The title is kept as text: read back as markup, its brackets come escaped.
        assert str(screen.sidebar.article_list.border_title).startswith("\\[@click=app.quit]Evil\\[/]")
        await pilot.press("M")  # a notice naming the feed
        await wait_for(pilot, lambda: app.said("Evil"), "the notice")
        assert all(not markup for message, markup in app.notices if "Evil" in message)
        article = next(iter(listed(screen)))
        assert "[bold]markup[/b]" in screen.sidebar.article_list.row_text(article)
        # Click the tree line and the title: no action runs, the app goes on.
        await pilot.click("#feeds", offset=(6, screen.sidebar.feed_tree.node_of(feed_key(evil)).line + 1))
        await pilot.click("#articles", offset=(6, 1))
        await pilot.pause()
        assert app.is_running and app.title == "newsreader"
        shown = app.export_screenshot()
        for bad in ("\x1b", "\x07", "\u202e"):
            assert bad not in shown
        assert "[@click=app.quit]Evil[/]" in shown.replace("&#160;", " ")


async def test_files_given_on_the_command_line_hide_the_feeds_tree(analysed_library):
    from tui.core.library import Library
    from tui.ui.commands import FeedCommands

    scoped = Library.open(
        analysed_library.path, analyzer=analysed_library.analyzer, scope=[analysed_library.articles()[0].id]
    )
    app = RecordingApp(scoped)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        assert not screen.sidebar.feed_tree.display and len(listed(screen)) == 1
        # No feeds and no library search over files: their keys are off and out of the footer.
        shown = {b.binding.action for b in screen.active_bindings.values() if b.binding.show and b.enabled}
        assert not shown & {"refresh_feed", "add_feed", "search"}
        # Pressed anyway, each says why in one notice, and does nothing else.
        for key, why in (
            ("r", "no feeds to refresh"),
            ("R", "no feeds to refresh"),
            ("a", "feeds are added to your library"),
            ("slash", "search looks in your library"),
            ("exclamation_mark", "no feeds to check"),
        ):
            before = len(app.notices)
            await pilot.press(key)
            await wait_for(pilot, lambda n=before: len(app.notices) > n, f"a notice for {key}")
            await pilot.pause()
            (said,) = app.notices[before:]
            assert said[0].startswith("Only these files are open: ") and why in said[0], said
        assert app.screen is screen and not isinstance(app.focused, Input)
        for pane in ("#body", "#quotes"):  # from any pane
            screen.query_one(pane).focus()
            before = len(app.notices)
            await pilot.press("r")
            await wait_for(pilot, lambda n=before: len(app.notices) > n, f"a notice from {pane}")
        # The keys the files use are left alone: j moves on without a word.
        before = len(app.notices)
        await pilot.press("j")
        await pilot.pause()
        assert len(app.notices) == before
        assert "Add a feed" not in {title for title, _, _ in FeedCommands(screen)._offered()}


async def test_background_analysis_after_a_refresh_can_be_stopped(analysed_library, feed_server):
    # Enough new items that the pass is still going when the command comes.
    text = "Notice {n}: the quay in Porto Vale is closed on Monday while the council repairs the old harbour wall. "
    many = [(f"n{n}", f"Harbour notice number {n}", text.format(n=n) * 4) for n in range(1000)]
    subscribe(analysed_library, feed_server.body("/h.xml", rss("Harbour News", many)))
    app = RecordingApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)

        def status() -> str:
            return screen.status_bar.line.right

        # The command is typed first: a pilot waits for the app to go idle after each key, which
        # it never quite does while progress messages stream in.
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: CommandPalette.is_open(app), "palette open")
        await pilot.press(*"stop background analysis")
        screen.action_refresh_all()  # what R does (R itself would go to the palette's input)
        await wait_for(pilot, lambda: status().startswith("Analysing library "), "the pass runs", 1500)
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: "Background analysis stopped" in status(), "the stop command ran")
        await wait_for(pilot, lambda: not [w for w in app.workers if w.is_running], "the pass ended", 1500)
        left = len(analysed_library.unanalysed())
        assert left > 100, "the pass stopped long before the end"
        # Opening an article still analyses that one; the pass stays stopped.
        waiting = analysed_library.unanalysed()[0]
        screen.open_article(waiting)
        await wait_for(
            pilot, lambda: screen.article_id == waiting and screen.analysis is not None, "analysed", 1500
        )
        await wait_for(pilot, lambda: not [w for w in app.workers if w.is_running], "it ends", 1500)
        assert len(analysed_library.unanalysed()) == left - 1
        assert "Background analysis stopped" in status()


async def test_palette_opens_an_article_outside_the_current_view(analysed_library, feed_server):
    subscribe(analysed_library, feed_server.body("/h.xml", rss("Harbour News", HARBOUR)))
    app = RecordingApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await refresh_all(app, pilot)
        await choose(pilot, screen, LOCAL)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: CommandPalette.is_open(app), "palette open")
        await pilot.press(*"market saturdays")
        await wait_for(pilot, lambda: any("market" in o for o in offered(app)), "the article offered")
        await pilot.press("down", "enter")
        market = next(r.id for r in screen.sidebar.rows.values() if r.title == HARBOUR[1][1])
        await wait_for(pilot, lambda: screen.article_id == market, "the article opened")
        assert screen.sidebar.view == ALL and screen.sidebar.article_list.current_id == market
        await wait_for(pilot, lambda: screen.sidebar.feed_tree.current_key == ALL, "the tree follows")


async def test_a_refresh_running_elsewhere_is_reported_not_doubled(analysed_library, feed_server):
    from tui.core.lock import RefreshLock, lock_path

    subscribe(analysed_library, feed_server.body("/h.xml", rss("Harbour News", HARBOUR)))
    app = RecordingApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        # What `newsreader refresh` in another terminal holds while it runs.
        with RefreshLock(lock_path(analysed_library.path)):
            await pilot.press("R")
            await wait_for(pilot, lambda: app.said("Refresh not started: another newsreader"), "refused")
        assert not refreshing(screen) and not feed_server.requests
        assert not screen.query_one(ProgressBar).display
        await pilot.press("R")  # once the other one is done, it works
        await wait_for(pilot, lambda: not refreshing(screen), "refreshed", tries=1500)
        await settle(app, pilot)
        assert {t for _, t, _ in HARBOUR} <= titles(screen)

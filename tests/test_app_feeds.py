"""Pilot tests of feeds in the app: every feed key over a real loopback HTTP server and a real
SQLite library (seed articles analysed up front; new items analysed by the real model).

The only stand-in is at the OS boundary: ``App.open_url`` records the address instead of
starting a browser.
"""

from __future__ import annotations

import json
import threading
from html import escape
from http.server import BaseHTTPRequestHandler

import pytest
from textual.command import CommandPalette
from textual.widgets import Button, Input, ProgressBar, Static

from tests.feedserver import FeedServer, feed_server_fixture, send  # noqa: F401 - the fixture
from tests.test_app import SIZE, offered, settle, wait_for
from tui.core.config import Settings
from tui.core.store import Database, FeedRepo
from tui.ui.app import NewsApp
from tui.ui.screens.dialogs import AddFeedScreen, ConfirmOpenScreen
from tui.ui.screens.reader import ReaderScreen
from tui.ui.views import ALL, LOCAL, STARRED, UNREAD, feed_key, folder_key

pytestmark = pytest.mark.slow

ON_OPEN = Settings(mark_read_after=0.0)

HARBOUR = [
    (
        "h1",
        "Ferry service returns to the old harbour",
        "The ferry between the two piers runs again from Monday, the port authority said.",
    ),
    (
        "h2",
        "Harbour market opens on Saturdays",
        "Fishermen will sell their catch on the quay every Saturday morning this summer.",
    ),
]
GARDEN = [
    (
        "g1",
        "Community garden plants forty new trees",
        "Volunteers planted forty oak and lime trees along the north path on Sunday.",
    ),
]


def rss(
    title: str, items: list[tuple[str, str, str]], links: dict[str, str] | None = None, day: int = 6
) -> str:
    """An RSS 2.0 feed of our own items ``(guid, title, text)``, dated in 2031 (newer than the seeds)."""
    out = [
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>',
        f"<title>{escape(title)}</title><link>http://example.com/</link><description>Test feed</description>",
    ]
    for n, (guid, item_title, text) in enumerate(items):
        link = (links or {}).get(guid, f"https://example.com/news/{guid}")
        out.append(
            f"<item><guid>{guid}</guid><title>{escape(item_title)}</title><link>{escape(link)}</link>"
            f"<pubDate>Mon, {day:02d} Jan 2031 {10 + n:02d}:00:00 +0000</pubDate>"
            f"<description>{escape(text)}</description></item>"
        )
    out.append("</channel></rss>")
    return "".join(out)


def subscribe(library, url: str, folder: str | None = None) -> int:
    """A subscription as ``newsreader import`` leaves it: stored, not fetched yet."""
    database = Database(library.path)
    feed_id, _ = FeedRepo(database).add(url, folder=folder)
    database.close()
    return feed_id


class RecordingApp(NewsApp):
    """The app, keeping every notice it shows (what the reader reads in the corner)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.notices: list[tuple[str, bool]] = []  # (text, parsed as markup)

    def notify(self, message, *, markup: bool = True, **kwargs) -> None:
        self.notices.append((str(message), markup))
        super().notify(message, markup=markup, **kwargs)

    def said(self, text: str) -> bool:
        return any(text in message for message, _ in self.notices)


def refreshing(screen: ReaderScreen) -> bool:
    """The status line says a refresh runs, or the list is still being reloaded after one."""
    return "Refreshing" in screen.status_bar.line.right or screen.loading


async def refresh_all(app: NewsApp, pilot) -> ReaderScreen:
    screen = await settle(app, pilot)
    await pilot.press("R")
    await wait_for(pilot, lambda: not refreshing(screen), "refreshed", tries=1500)
    return await settle(app, pilot)


def listed(screen: ReaderScreen):
    """The rows the article list shows."""
    return screen.sidebar.listed


def titles(screen: ReaderScreen) -> set[str]:
    return {r.title for r in listed(screen).values()}


async def choose(pilot, screen: ReaderScreen, key: str) -> None:
    """Move the tree's cursor to a node with the keyboard (g, then j as often as needed)."""
    tree = screen.sidebar.feed_tree
    tree.focus()
    await pilot.press("g")
    await pilot.pause()
    while tree.current_key != key:
        before = tree.cursor_line
        await pilot.press("j")
        await pilot.pause()
        assert tree.cursor_line != before, f"{key} not in the tree"
    await wait_for(pilot, lambda: screen.sidebar.view == key, f"view {key}")


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
        await choose(pilot, screen, ALL)
        assert len(listed(screen)) == seeds + 3
        # Left closes a folder; its feeds leave the tree's lines but not the list.
        await choose(pilot, screen, folder_key("News"))
        await pilot.press("left")
        await pilot.pause()
        assert not screen.sidebar.feed_tree.node_of(folder_key("News")).is_expanded


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


FULL_PAGE = """<!doctype html><html><head><title>Ferry service returns</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Ferry service returns to the old harbour</h1>
<p>The ferry between the two piers of Porto Vale runs again from Monday, the port authority said on Friday.
The service stopped two years ago when the old boat failed its safety inspection.</p>
<p>"We have waited a long time for this day," said Marta Silva, who chairs the harbour residents' association.
She said the crossing saves people on the south pier almost an hour each way.</p>
<p>The new boat carries up to eighty passengers and twelve bicycles. Tickets cost the same as a bus fare,
and children under twelve travel free, according to the authority's timetable.</p>
<p>The first crossing leaves the north pier at seven in the morning, and the last one returns at ten at night.
On Sundays the boat runs once an hour.</p>
</article><footer>Copyright Example Harbour Gazette</footer></body></html>"""


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

    scoped = Library.open(
        analysed_library.path, analyzer=analysed_library.analyzer, scope=[analysed_library.articles()[0].id]
    )
    app = RecordingApp(scoped)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        assert not screen.sidebar.feed_tree.display and len(listed(screen)) == 1


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

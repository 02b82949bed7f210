"""Helpers for the app's feed tests: feeds of our own, a subscription as ``import`` leaves it, an app
that keeps its notices, and keyboard moves in the tree."""

from __future__ import annotations

from html import escape

from tests.feedserver import FeedServer, feed_server_fixture, send  # noqa: F401 - the fixture
from tests.test_app import settle, wait_for
from tui.core.config import Settings
from tui.core.store import Database, FeedRepo
from tui.ui.app import NewsApp
from tui.ui.screens.reader import ReaderScreen

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


# A full article page, for the full-text fetch (f).
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

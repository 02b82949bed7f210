"""An empty article list says why it is empty: a feed whose refreshes fail and that has nothing
yet names the error (the status line cut it at 80 columns, the list said "No articles here"),
the Starred view names the key that stars, unread-only says so."""

from __future__ import annotations

from tests.app_feeds_support import RecordingApp
from tests.test_app import settle, wait_for
from tests.test_app_stories import story_library  # noqa: F401  (a fixture)
from tui.core.config import Settings
from tui.core.store import Database, FeedRepo
from tui.ui.views import STARRED, feed_key


def list_text(article_list) -> str:
    lines = ("".join(s.text for s in article_list.render_line(y)) for y in range(article_list.size.height))
    return " ".join(" ".join(lines).split())


async def test_an_empty_list_says_why(story_library):  # noqa: F811
    library, _ = story_library
    database = Database(library.path)
    repo = FeedRepo(database)
    broken = repo.add("https://broken.example/rss", title="Broken Gazette")[0]
    repo.record_refresh(broken, error="could not connect (host not found)")
    database.close()
    app = RecordingApp(library, settings=Settings(keys={"article.star": "ctrl+s"}))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await settle(app, pilot)
        sidebar = screen.sidebar
        sidebar.select_view(feed_key(broken))
        await wait_for(pilot, lambda: sidebar.view == feed_key(broken), "the failing feed")
        await wait_for(
            pilot,
            lambda: (
                "last refresh failed: could not connect (host not found)" in list_text(sidebar.article_list)
            ),
            "the error, whole, in the list",
        )
        sidebar.select_view(STARRED)
        await wait_for(pilot, lambda: sidebar.view == STARRED, "the starred view")
        await wait_for(
            pilot, lambda: "^s stars the open article" in list_text(sidebar.article_list), "how to star"
        )


async def test_the_keys_of_feeds_in_a_library_without_feeds_say_how_to_add_one(analysed_library):
    """r said to choose a feed in a tree that has none, and ! that every last refresh worked."""
    app = RecordingApp(analysed_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        for key in ("r", "R", "exclamation_mark"):
            before = len(app.notices)
            await pilot.press(key)
            await wait_for(pilot, lambda n=before: len(app.notices) > n, f"a notice for {key}")
            assert app.notices[-1][0] == "No feeds yet: press a to add one.", app.notices[-1]

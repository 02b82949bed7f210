"""A background task that fails is a one-line notification (a review found them vanishing: a
failed save left the article shown read, and a failed load stopped the watch for good)."""

from __future__ import annotations

import sqlite3

from tests.app_feeds_support import RecordingApp
from tests.test_app import SIZE, settle, wait_for
from tests.test_app_stories import story_library  # noqa: F401  (a fixture)
from tui.core.config import Settings
from tui.ui.screens.loading import Then


def locked(*args, **kwargs):
    raise sqlite3.OperationalError("database is locked")


async def test_a_save_that_fails_is_a_notification(story_library, monkeypatch):  # noqa: F811
    library, _ = story_library
    app = RecordingApp(library, settings=Settings(mark_read_after=None))
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        monkeypatch.setattr(library, "set_read", locked)
        screen.sidebar.article_list.focus()
        opened = screen.article_id
        assert not screen.sidebar.rows[opened].read
        await pilot.press("m")
        await wait_for(pilot, lambda: app.said("Saving failed: database is locked"), "the notice")
        # The screen goes back to what the library has: the article is still unread.
        await wait_for(pilot, lambda: not screen.sidebar.rows[opened].read, "the mark undone")


async def test_a_load_that_fails_is_a_notification_and_the_next_one_still_runs(story_library, monkeypatch):  # noqa: F811
    library, _ = story_library
    app = RecordingApp(library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        real = library.articles
        monkeypatch.setattr(library, "articles", locked)
        screen.reload(Then(open_first=False))
        await wait_for(
            pilot, lambda: app.said("Reading the library failed: database is locked"), "the notice"
        )
        await wait_for(pilot, lambda: not screen.loader.loading, "the failed load counted as done")
        monkeypatch.setattr(library, "articles", real)
        screen.reload(Then(open_first=False))
        await wait_for(pilot, lambda: not screen.loader.loading, "the next load")

"""A background task that fails is a one-line notification (a review found them vanishing: a
failed save left the article shown read, and a failed load stopped the watch for good)."""

from __future__ import annotations

import sqlite3

from tests.app_feeds_support import RecordingApp
from tests.test_app import SIZE, finish_workers, settle, wait_for
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


def failing_after(n: int, method):
    """``method``, working ``n`` times and then failing as a locked database does."""
    calls = []

    def call(*args, **kwargs):
        calls.append(args)
        if len(calls) > n:
            locked()
        return method(*args, **kwargs)

    return call


def shown_matches_library(screen, library) -> bool:
    rows = screen.sidebar.rows
    return all(rows[r.id].read == r.read for r in library.articles() if r.id in rows)


async def test_a_mark_all_read_that_fails_shows_what_the_library_has(story_library, monkeypatch):  # noqa: F811
    """M on everything saves feed by feed: failing at the second feed, the first stays read (the
    library has it) and the rest come back unread, with one notice."""
    from tui.ui.screens.dialogs import ConfirmScreen

    library, _ = story_library
    app = RecordingApp(library, settings=Settings(mark_read_after=None))
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        monkeypatch.setattr(library.feeds, "mark_read", failing_after(1, library.feeds.mark_read))
        await pilot.press("M")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        await pilot.press("y")
        await wait_for(pilot, lambda: app.said("Saving failed: database is locked"), "the notice")
        await wait_for(pilot, lambda: any(not r.read for r in screen.sidebar.rows.values()), "unread again")
        assert any(r.read for r in library.articles()), "the first feed was saved"
        assert shown_matches_library(screen, library)
        assert screen.sidebar.feed_tree.nav[screen.sidebar.view].unread > 0  # the counts too
        assert [m for m, _ in app.notices if "fail" in m.lower()] == ["Saving failed: database is locked"]


async def test_an_undo_that_fails_goes_back_to_read_and_can_be_tried_again(story_library, monkeypatch):  # noqa: F811
    library, ids = story_library
    app = RecordingApp(library, settings=Settings(mark_read_after=0.0))
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        rows = screen.sidebar.rows
        await wait_for(pilot, lambda: rows[ids["b"]].read and rows[ids["a"]].read, "the story read on open")
        await finish_workers(app, lambda w: w.group == "store")
        real = library.set_read_many
        monkeypatch.setattr(library, "set_read_many", locked)
        await pilot.press("U")
        await wait_for(pilot, lambda: app.said("Saving failed: database is locked"), "the notice")
        await wait_for(pilot, lambda: rows[ids["b"]].read and rows[ids["a"]].read, "read again, as saved")
        assert not app.said("Unread again")  # one notice: the failure
        monkeypatch.setattr(library, "set_read_many", real)
        await pilot.press("U")
        # (the story once, as the tree counts it)
        await wait_for(pilot, lambda: app.said("Unread again: 1 article"), "the undo, tried again")
        await finish_workers(app, lambda w: w.group == "store")
    assert not any(r.read for r in library.article_rows([ids["a"], ids["b"]]))


async def test_a_feed_mark_read_that_fails_comes_back_unread(story_library, monkeypatch):  # noqa: F811
    from tui.ui.views import feed_key

    library, _ = story_library
    rail = next(f.id for f in library.feeds.list() if f.title == "Rail Weekly")
    app = RecordingApp(library, settings=Settings(mark_read_after=None))
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        sidebar = screen.sidebar
        sidebar.select_view(feed_key(rail))
        await wait_for(pilot, lambda: sidebar.view == feed_key(rail), "the feed")
        monkeypatch.setattr(library.feeds, "mark_read", locked)
        await pilot.press("M")
        await wait_for(pilot, lambda: app.said("Saving failed: database is locked"), "the notice")
        await wait_for(pilot, lambda: any(not r.read for r in sidebar.listed.values()), "unread again")
        assert shown_matches_library(screen, library) and sidebar.feed_tree.nav[feed_key(rail)].unread > 0
        assert not app.said("Marked Rail Weekly read")

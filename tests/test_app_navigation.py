"""Pilot tests of moving through the library: n / N to the next and previous unread article
(across feeds), U to undo the last mark-read, z for the article full screen, M on All asking
before it marks everything read. Seeds with saved analyses and three outlets' reports (no model)."""

from __future__ import annotations

import pytest

from tests.app_feeds_support import RecordingApp
from tests.test_app import SIZE, finish_workers, settle, wait_for
from tests.test_app_stories import story_library  # noqa: F401  (a fixture)
from tui.core.config import Settings
from tui.ui.messages import FullTextFetched
from tui.ui.screens.dialogs import ConfirmScreen
from tui.ui.views import feed_key

MANUAL = Settings(mark_read_after=None)  # nothing is read unless m says so
ON_OPEN = Settings(mark_read_after=0.0)


def feed_id(library, name: str) -> int:
    return next(f.id for f in library.feeds.list() if f.title == name)


async def test_n_and_N_go_to_unread_articles_and_on_to_the_next_feed(story_library):  # noqa: F811
    library, ids = story_library
    app = RecordingApp(library, settings=MANUAL)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        sidebar = screen.sidebar
        # Rail Weekly lists the bridge report and the wire copy; n goes down it, then on to the
        # next feed of the tree with unread articles (Wire Service), N comes back.
        sidebar.select_view(feed_key(feed_id(library, "Rail Weekly")))
        await wait_for(pilot, lambda: sidebar.view == feed_key(feed_id(library, "Rail Weekly")), "the feed")
        sidebar.article_list.focus()
        await wait_for(pilot, lambda: screen.article_id == ids["b"], "its newest article")
        await pilot.press("n")
        await wait_for(pilot, lambda: screen.article_id == ids["wire"][1], "the next unread")
        await pilot.press("n")
        await wait_for(pilot, lambda: sidebar.view == feed_key(feed_id(library, "Wire Service")), "next feed")
        await wait_for(pilot, lambda: screen.article_id == ids["wire"][2], "its unread article")
        await pilot.press("N")
        await wait_for(pilot, lambda: sidebar.view == feed_key(feed_id(library, "Rail Weekly")), "back")
        await wait_for(pilot, lambda: screen.article_id == ids["wire"][1], "its last unread article")
        # Nothing unread anywhere: n says so.
        for row in list(sidebar.rows.values()):
            sidebar.change(row.id, read=True)
        await pilot.press("n")
        await wait_for(pilot, lambda: app.said("No more unread articles"), "the notice")


async def test_U_makes_the_last_articles_marked_read_unread_again(story_library):  # noqa: F811
    library, ids = story_library
    app = RecordingApp(library, settings=ON_OPEN)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        rows = screen.sidebar.rows
        await wait_for(pilot, lambda: rows[ids["b"]].read and rows[ids["a"]].read, "the story read on open")
        await pilot.press("U")
        assert not rows[ids["b"]].read and not rows[ids["a"]].read  # the story's both reports
        await finish_workers(app, lambda w: w.group == "store")
        await pilot.press("U")
        await wait_for(pilot, lambda: app.said("Nothing to undo"), "nothing more to undo")
    assert not any(r.read for r in library.article_rows([ids["a"], ids["b"]]))


def read(screen, article_id: int) -> bool:
    """Is the article shown read (the rows are new after each reload)?"""
    return screen.sidebar.rows[article_id].read


@pytest.mark.parametrize("after", [0.0, 2.0])
async def test_U_on_the_open_article_sticks_until_it_is_opened_again(story_library, after):  # noqa: F811
    """With mark_read "on-open" (or "after 2s"), U on the article still open made it unread, and
    when the open article was shown again (its full text came, fetched automatically) it was
    marked read again at once: it stays unread until the reader opens another and comes back."""
    library, ids = story_library
    app = RecordingApp(library, settings=Settings(mark_read_after=after))
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        opened = screen.article_id
        await pilot.pause(after)
        await wait_for(pilot, lambda: read(screen, opened), "read on open")
        await pilot.press("U")
        await wait_for(pilot, lambda: not read(screen, opened), "unread again")
        shown = screen.document
        screen.post_message(FullTextFetched([opened], automatic=True))
        await wait_for(
            pilot, lambda: screen.article_id == opened and screen.document is not shown, "shown again"
        )
        await finish_workers(app, lambda w: w.group == "store")
        await pilot.pause(after + 0.5)  # longer than mark_read's wait
        assert screen.article_id == opened and not read(screen, opened)
        await finish_workers(app, lambda w: w.group == "store")
        assert not library.article_rows([opened])[0].read
        # Moved away and back: opened again, so read again.
        await pilot.press("j")
        await wait_for(pilot, lambda: screen.article_id != opened, "the next article")
        await pilot.press("k")
        await wait_for(pilot, lambda: screen.article_id == opened, "back to it")
        await pilot.pause(after)
        await wait_for(pilot, lambda: read(screen, opened), "read again on opening")


async def test_z_gives_the_article_the_whole_screen_and_back(story_library):  # noqa: F811
    library, _ = story_library
    app = RecordingApp(library)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await settle(app, pilot)
        assert screen.article_view.size.width < 60 and screen.article_view.size.height < 15
        await pilot.press("z")
        await wait_for(pilot, lambda: screen.article_view.size.width >= 78, "the article full width")
        assert screen.article_view.size.height >= 18  # the footer and status line stay
        assert not screen.sidebar.display or screen.sidebar.size.width == 0
        assert screen.body.has_focus
        await pilot.press("z")
        await wait_for(pilot, lambda: screen.article_view.size.width < 60, "back beside the sidebar")


def saving(calls: list[str], name: str, method):
    def call(*args, **kwargs):
        calls.append(name)
        return method(*args, **kwargs)

    return call


async def test_M_on_all_articles_asks_before_marking_everything_read(story_library, monkeypatch):  # noqa: F811
    library, _ = story_library
    app = RecordingApp(library, settings=MANUAL)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("M")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        # Counted as the tree and the list count them: a story's sources once.
        shown = screen.sidebar.feed_tree.nav[screen.sidebar.view].unread
        assert shown < sum(not r.read for r in screen.sidebar.rows.values())  # (stories there)
        assert app.screen.question.plain == f"Mark all {shown} articles read?"
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is screen, "answered no")
        assert any(not r.read for r in screen.sidebar.rows.values())
        await pilot.press("M")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "asked again")
        await pilot.press("y")
        await wait_for(pilot, lambda: all(r.read for r in screen.sidebar.rows.values()), "all read")
        await finish_workers(app, lambda w: w.group == "store")
        assert screen.sidebar.feed_tree.nav[screen.sidebar.view].unread == 0
        assert all(r.read for r in library.articles())
        # U undoes the whole mark at once: one save for every article, not a worker and a
        # transaction each (an undone mark-all of 3,000 articles held the screen for minutes).
        saves = []
        for name in ("set_read", "set_read_many"):
            monkeypatch.setattr(library, name, saving(saves, name, getattr(library, name)))
        await pilot.press("U")
        assert not any(r.read for r in screen.sidebar.rows.values())
        await finish_workers(app, lambda w: w.group == "store")
        assert saves == ["set_read_many"]
        node = screen.sidebar.feed_tree.nav[screen.sidebar.view]
        assert node.unread == node.total
    assert not any(r.read for r in library.articles())


async def test_the_footer_shows_quit_and_keys_at_80_columns(story_library):  # noqa: F811
    import re

    library, _ = story_library
    app = RecordingApp(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.pause()
        svg = app.export_screenshot()
    words = set(re.findall(r"\w+", svg.replace("&#160;", " ")))
    assert {"Quit", "Keys"} <= words, "q Quit and ? Keys cut off the footer"


async def test_M_asks_in_a_whole_sentence_which_articles_it_marks(analysed_library):
    """The question's second line was a fragment, "listed here" (or "in every feed and folder"),
    under "Mark all 15 articles read?"."""
    from tests.app_feeds_support import choose
    from tui.ui.views import LOCAL

    app = RecordingApp(analysed_library, settings=MANUAL)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("M")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        assert app.screen.detail == "Every article of the library, in every feed and folder."
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is screen, "answered no")
        await choose(pilot, screen, LOCAL)
        await pilot.press("M")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "asked for the list")
        assert app.screen.detail == "Only the articles listed here."
        await pilot.press("n")


@pytest.mark.parametrize("after", [0.0, 2.0])
async def test_m_making_the_open_article_unread_sticks_while_it_stays_open(story_library, after):  # noqa: F811
    """m on the open article made it unread, and then mark_read took that back: "after 2s" marked
    it read when its two seconds were up (m pressed twice in a row), "on-open" when it was shown
    again (its full text came). It stays unread until it is opened again, as after U."""
    library, ids = story_library
    app = RecordingApp(library, settings=Settings(mark_read_after=after))
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        opened = screen.article_id
        if after:  # within its two seconds: read by hand, then unread by hand
            assert not read(screen, opened)
            await pilot.press("m")
            assert read(screen, opened)
        else:
            await wait_for(pilot, lambda: read(screen, opened), "read on open")
        await pilot.press("m")
        assert not read(screen, opened)
        shown = screen.document
        screen.post_message(FullTextFetched([opened], automatic=True))
        await wait_for(pilot, lambda: screen.document is not shown, "shown again")
        await finish_workers(app, lambda w: w.group == "store")
        await pilot.pause(after + 0.5)  # longer than mark_read's wait
        assert screen.article_id == opened and not read(screen, opened)
        await finish_workers(app, lambda w: w.group == "store")
        assert not library.article_rows([opened])[0].read

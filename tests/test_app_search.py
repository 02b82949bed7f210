"""Pilot tests of search in the app: `/`, results as a view with snippets, Esc, bad queries,
sorting, and saved searches with unread counts (over the seeds' saved analyses: no model)."""

from __future__ import annotations

import pytest

from tests.app_feeds_support import RecordingApp
from tests.test_app import SIZE, finish_workers, settle, wait_for
from tests.test_app_stories import story_library  # noqa: F401  (a fixture)
from tui.core.models import ViewKind
from tui.ui.views import ALL, search_key


async def search(pilot, screen, query: str) -> None:
    await pilot.press("slash")
    assert screen.sidebar.search_line.has_focus
    await pilot.press(*query, "enter")


async def test_slash_searches_and_esc_goes_back(analysed_library):
    app = RecordingApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        sidebar = screen.sidebar
        await search(pilot, screen, "putin")
        key = search_key("putin")
        await wait_for(pilot, lambda: sidebar.view == key, "the search is the view")
        expected = [h.id for h in analysed_library.search("putin", limit=1000)]
        assert list(sidebar.listed) == expected and expected
        assert sidebar.article_list.has_focus and not sidebar.search_line.is_open
        assert str(sidebar.article_list.border_title) == "Search: putin"
        assert sidebar.feed_tree.nav[key].name == "Search: putin"
        first = sidebar.article_list.row_text(expected[0]).splitlines()
        assert "putin" in first[1].lower()  # the snippet line shows the match
        await wait_for(pilot, lambda: screen.article_id == expected[0], "the best match opens")
        await pilot.press("escape")
        await wait_for(pilot, lambda: sidebar.view == ALL, "back to All")
        assert key not in sidebar.feed_tree.nav and sidebar.searches.current is None


async def test_a_bad_query_is_one_notice_and_the_line_stays(analysed_library):
    app = RecordingApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await search(pilot, screen, "is:purple")
        await wait_for(pilot, lambda: app.said("is: expects one of"), "the notice")
        assert screen.sidebar.search_line.is_open and screen.sidebar.view == ALL
        await pilot.press("escape")
        assert not screen.sidebar.search_line.is_open and screen.sidebar.article_list.has_focus


async def test_esc_on_the_search_line_gives_the_focus_back_to_the_pane_it_came_from(analysed_library):
    app = RecordingApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        for pane in (screen.quotes, screen.body):
            pane.focus()
            await pilot.press("slash")
            assert screen.sidebar.search_line.has_focus
            await pilot.press("escape")
            assert not screen.sidebar.search_line.is_open and pane.has_focus


async def test_t_sorts_by_date_and_S_keeps_the_search_with_its_unread_count(analysed_library):
    app = RecordingApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        sidebar = screen.sidebar
        await search(pilot, screen, "trump")
        key = search_key("trump")
        await wait_for(pilot, lambda: sidebar.view == key, "the search is the view")
        ranked = list(sidebar.listed)
        await pilot.press("t")
        await wait_for(pilot, lambda: app.said("Sorted by date"), "sorted")
        await wait_for(pilot, lambda: list(sidebar.listed) != ranked, "the list follows")
        dates = [sidebar.rows[i].date for i in sidebar.listed]
        assert dates == sorted(dates, reverse=True) and set(sidebar.listed) == set(ranked)
        await pilot.press("S")
        await wait_for(pilot, lambda: sidebar.feed_tree.nav[key].name == "trump", "kept under its name")
        assert [s.query for s in analysed_library.saved_searches()] == ["trump"]
        node = sidebar.feed_tree.nav[key]
        unread = sum(not sidebar.rows[i].read for i in ranked)
        assert (node.name, node.total, node.unread) == ("trump", len(ranked), unread)
    # The saved search is a view of the next session too, with its count.
    app = RecordingApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        node = screen.sidebar.feed_tree.nav[key]
        assert node.total == len(ranked) and key.kind == ViewKind.SEARCH
        screen.sidebar.select_view(key)
        await wait_for(pilot, lambda: screen.sidebar.view == key, "chosen in the tree")
        assert set(screen.sidebar.listed) == set(ranked)


async def test_a_saved_search_can_be_forgotten_from_the_palette(analysed_library):
    from textual.command import CommandPalette

    from tests.test_app import offered

    saved = analysed_library.save_search("ferry news", "ferry")
    app = RecordingApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        key = search_key("ferry")
        assert screen.sidebar.feed_tree.nav[key].name == "ferry news"
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: CommandPalette.is_open(app), "palette open")
        await pilot.press(*"forget saved search")
        await wait_for(
            pilot, lambda: any("Forget saved search: ferry news" in o for o in offered(app)), "offered"
        )
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: key not in screen.sidebar.feed_tree.nav, "gone from the tree")
        assert analysed_library.saved_searches() == [] and saved.id


async def test_x_on_a_saved_search_in_the_tree_forgets_it_after_asking(analysed_library):
    """x on a saved search's row (the tree's remove key) asks, then takes it out of the tree and
    shows All: not "Choose a feed in the tree first" with the row chosen."""
    from tui.ui.screens.dialogs import ConfirmScreen

    analysed_library.save_search("ferry news", "ferry")
    app = RecordingApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        key, sidebar = search_key("ferry"), screen.sidebar
        sidebar.select_view(key)
        await wait_for(pilot, lambda: sidebar.view == key, "the tree's cursor on the saved search")
        sidebar.feed_tree.focus()
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "asked first")
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is screen, "kept")
        assert analysed_library.saved_searches() and key in sidebar.feed_tree.nav
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "asked again")
        await pilot.press("y")
        await wait_for(pilot, lambda: key not in sidebar.feed_tree.nav, "gone from the tree")
        await wait_for(pilot, lambda: sidebar.view == ALL, "All on show instead")
        assert analysed_library.saved_searches() == [] and app.said("Forgot saved search ferry news")
        assert not app.said("Choose a feed")


async def test_a_search_from_a_feed_shows_its_results_and_stays(story_library):  # noqa: F811
    """From a feed's view the results replaced the list for a moment, then the tree, rebuilt
    around the feed, chose the feed again: the article opened, the list and tree never showed it."""
    from tui.ui.views import feed_key

    library, _ = story_library
    rail = feed_key(next(f.id for f in library.feeds.list() if f.title == "Rail Weekly"))
    app = RecordingApp(library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        sidebar = screen.sidebar
        sidebar.feed_tree.focus()
        sidebar.select_view(rail)
        await wait_for(
            pilot, lambda: sidebar.view == rail and sidebar.feed_tree.current_key == rail, "the feed"
        )
        await search(pilot, screen, "putin")
        key = search_key("putin")
        expected = [h.id for h in library.search("putin", limit=1000)]
        await wait_for(pilot, lambda: screen.article_id == expected[0], "the best match opens")
        for _ in range(5):
            await pilot.pause()
        assert sidebar.view == key and list(sidebar.listed) == expected
        assert (
            sidebar.feed_tree.current_key == key and str(sidebar.article_list.border_title) == "Search: putin"
        )
        await pilot.press("escape")
        await wait_for(pilot, lambda: sidebar.view == rail, "back to the feed")


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (140, 40), (200, 50)])
async def test_the_search_lines_hint_is_never_cut(analysed_library, size):
    """The hint was one line of 61 characters in a sidebar of 24 to 44: 'Search: words, "a'."""
    from tests.helpers import shown_lines
    from tui.ui.widgets.search_line import PLACEHOLDERS

    app = RecordingApp(analysed_library)
    async with app.run_test(size=size) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("slash")
        line = screen.sidebar.search_line
        await wait_for(pilot, lambda: line.has_focus and line.content_size.width > 0, "the search line")
        await pilot.pause()
        shown = " ".join(shown_lines(line)).strip()
        hint = next(p for p in PLACEHOLDERS if p in shown)
        assert len(hint) < line.content_size.width, (hint, shown)


async def test_M_on_a_search_marks_the_articles_it_lists_not_their_feeds(analysed_library):
    """M on a search had marked the whole feed of the open article read; it marks the list now."""
    from tui.ui.screens.dialogs import ConfirmScreen

    app = RecordingApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        sidebar = screen.sidebar
        await search(pilot, screen, "putin")
        await wait_for(pilot, lambda: sidebar.view == search_key("putin"), "the search is the view")
        listed = set(sidebar.listed)
        unread = sum(not r.read for r in sidebar.listed.values())
        others = {r.id for r in analysed_library.articles() if r.id not in listed and not r.read}
        assert others
        await pilot.press("M")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the question")
        assert app.screen.question.plain == f"Mark all {unread} articles read?"
        await pilot.press("y")
        await wait_for(pilot, lambda: all(r.read for r in sidebar.listed.values()), "the list read")
        await finish_workers(app, lambda w: w.group == "store")
        rows = analysed_library.articles()
        assert all(r.read for r in rows if r.id in listed)
        assert not [(r.id, r.title) for r in rows if r.id in others and r.read], listed  # the rest untouched

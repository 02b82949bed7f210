"""Renaming, moving and removing feeds and renaming folders, in the core: the reader's name
survives a refresh, folders nest and tidy, and the search index follows a renamed feed."""

from __future__ import annotations

import os

from tests.app_feeds_support import GARDEN, HARBOUR, rss
from tests.feedserver import feed_server_fixture  # noqa: F401 - the fixture
from tests.test_app_stories import story_library  # noqa: F401 - a fixture
from tui.core.library import Library
from tui.core.store import Database, FeedRepo


def test_rename_move_and_folders(tmp_path):
    with Library.open(tmp_path / "lib.db") as library:
        feeds = library.feeds
        ids = {}
        for name, folder in (("a", "News/Tech"), ("b", "News/Tech/Deep"), ("c", "News"), ("d", "Newsy")):
            ids[name], _ = add_feed(library, name, folder)
        feeds.rename(ids["a"], "  My \x1b[31mname\u202e ")
        feeds.move(ids["c"], " World / Europe/ ")
        assert feeds.rename_folder("News/Tech", "Computing") == 2
        by = {f.id: f for f in feeds.list()}
        assert by[ids["a"]].title == "My [31mname" and by[ids["a"]].folder == "Computing"
        assert by[ids["b"]].folder == "Computing/Deep"
        assert by[ids["c"]].folder == "World/Europe" and by[ids["d"]].folder == "Newsy"
        assert feeds.rename_folder("Computing", "") == 2
        assert {by_id.folder for by_id in feeds.list() if by_id.id in (ids["a"], ids["b"])} == {None, "Deep"}
        feeds.move(ids["d"], None)
        assert feeds.find(ids["d"]).folder is None


def add_feed(library, name, folder):
    db = Database(library.path)
    try:
        return FeedRepo(db).add(f"https://{name}.example/rss", title=name, folder=folder)
    finally:
        db.close()


async def test_a_renamed_feed_keeps_its_name_over_a_refresh_and_search_follows(tmp_path, feed_server):
    url = feed_server.body("/harbour.xml", rss("Harbour News", HARBOUR))
    with Library.open(tmp_path / "lib.db") as library:
        (added,), _ = await library.feeds.add([url])
        feed_id = added.feed_id
        library.feeds.rename(feed_id, "Port gazette")
        await library.feeds.refresh([feed_id])
        assert library.feeds.find(feed_id).title == "Port gazette"
        assert library.search('feed:"Port gazette"') and library.search("gazette")  # the index has the name
        library.feeds.rename(feed_id, None)  # the feed's own title again, from its next refresh
        await library.feeds.refresh([feed_id])
        assert library.feeds.find(feed_id).title == "Harbour News"
        library.feeds.remove(feed_id)
        assert library.feeds.list() == [] and library.articles() == []


async def test_the_tree_renames_moves_and_removes_feeds_after_asking(story_library):  # noqa: F811
    from textual.widgets import Input

    from tests.app_feeds_support import RecordingApp
    from tests.test_app import SIZE, settle, wait_for
    from tui.ui.screens.dialogs import ConfirmScreen, PromptScreen
    from tui.ui.views import feed_key, folder_key

    library, _ = story_library
    wire = next(f.id for f in library.feeds.list() if f.title == "Wire Service")
    app = RecordingApp(library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        tree = screen.sidebar.feed_tree

        async def on(key) -> None:
            screen.sidebar.select_view(key)
            await wait_for(pilot, lambda: screen.sidebar.view == key, "the tree's cursor there")
            tree.focus()
            await pilot.pause()

        async def answer(text: str) -> None:
            await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen), "the prompt")
            app.screen.query_one(Input).value = text
            await pilot.press("enter")
            await wait_for(pilot, lambda: app.screen is screen, "the prompt closed")

        await on(feed_key(wire))
        await pilot.press("e")
        await answer("Agency wire")
        await wait_for(pilot, lambda: tree.nav[feed_key(wire)].name == "Agency wire", "renamed in the tree")
        await pilot.press("F")
        await answer("Agencies/World")
        await wait_for(pilot, lambda: folder_key("Agencies/World") in tree.nav, "moved to a new folder")
        await on(folder_key("Agencies"))
        await pilot.press("e")
        await answer("Wires")
        await wait_for(pilot, lambda: folder_key("Wires/World") in tree.nav, "the folder renamed")
        await wait_for(pilot, lambda: app.said("Folder Agencies renamed to Wires"), "said so")
        await on(feed_key(wire))
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "asked first")
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is screen, "kept")
        assert feed_key(wire) in tree.nav
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "asked again")
        assert app.screen.detail == "Unsubscribe; its one article goes with it."  # (not "1 article go")
        await pilot.press("y")
        await wait_for(pilot, lambda: feed_key(wire) not in tree.nav, "removed")
        assert app.said("Removed Agency wire")
    assert [f.title for f in library.feeds.list()] == ["Dresden Daily", "Rail Weekly"]


async def test_articles_carry_the_name_the_tree_shows(tmp_path, feed_server):
    """A feed subscribed under another name (an OPML's) takes its own title at its first refresh,
    and its articles are stored under that name; a name given by the reader wins for both."""
    url = feed_server.body("/harbour.xml", rss("Harbour News", HARBOUR))
    with Library.open(tmp_path / "lib.db") as library:
        db = Database(library.path)
        try:
            feed_id, _ = FeedRepo(db).add(url, title="harbour (from an OPML)")
        finally:
            db.close()
        await library.feeds.refresh([feed_id])
        assert library.feeds.find(feed_id).title == "Harbour News"
        assert {a.source for a in library.articles()} == {"Harbour News"}
        assert library.search('feed:"Harbour News"')
        library.feeds.rename(feed_id, "Port gazette")
        feed_server.body(
            "/harbour.xml", rss("Harbour News", [*HARBOUR, ("h3", "Quay repaired", GARDEN[0][2])])
        )
        await library.feeds.refresh([feed_id])
        assert library.feeds.find(feed_id).title == "Port gazette"
        new = next(a for a in library.articles() if a.title == "Quay repaired")
        assert new.source == "Port gazette"
        # The older articles follow the name too: the list, the reader and stories show one name.
        assert {a.source for a in library.articles()} == {"Port gazette"}
        assert library.document(new.id).source == "Port gazette"


def test_a_library_from_before_follows_its_feeds_names(tmp_path):
    """Articles stored under a feed's old name (before schema 13) take its name when opened."""
    import sqlite3

    from tui.core.store.schema import MIGRATIONS

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    for version in range(1, 13):
        conn.executescript(f"BEGIN; {MIGRATIONS[version]}; PRAGMA user_version = {version}; COMMIT;")
    conn.execute(
        "INSERT INTO feeds (id, url, title, renamed, added_at)"
        " VALUES (1, 'https://x.example/rss', 'Port gazette', 1, '2026-01-01')"
    )
    conn.execute(
        "INSERT INTO articles (key, title, source, text, blocks, hash, added_at, feed_id, sort_key)"
        " VALUES ('x:1', 'Quay', 'Harbour News', 'The quay.', '[]', 'h', '2026-01-01', 1, '2026-01-01')"
    )
    conn.commit()
    conn.close()
    with Library.open(path) as library:
        assert [a.source for a in library.articles()] == ["Port gazette"]


def test_remove_waits_for_a_refresh_here_or_in_another_process(tmp_path):
    """A removal during a refresh would leave the refresh storing the feed's items: it is Busy."""
    import pytest

    from tui.core.errors import Busy
    from tui.core.lock import RefreshLock, lock_path

    with Library.open(tmp_path / "lib.db") as library:
        feed_id, _ = add_feed(library, "a", None)
        with RefreshLock(lock_path(library.path)), pytest.raises(Busy, match="pid"):
            library.feeds.remove(feed_id)  # a cron `newsreader refresh`
        with library.feeds.refresh_lock_held(), pytest.raises(Busy, match="refresh is running"):
            library.feeds.remove(feed_id)  # the app's own refresh
        assert library.feeds.find(feed_id) is not None
        library.feeds.remove(feed_id)
        assert library.feeds.find(feed_id) is None


async def test_x_while_another_process_refreshes_says_so_once_and_removes_nothing(story_library):  # noqa: F811
    from tests.app_feeds_support import RecordingApp
    from tests.test_app import SIZE, settle, wait_for
    from tui.core.lock import RefreshLock, lock_path
    from tui.ui.screens.dialogs import ConfirmScreen
    from tui.ui.views import feed_key

    library, _ = story_library
    wire = next(f.id for f in library.feeds.list() if f.title == "Wire Service")
    app = RecordingApp(library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        tree = screen.sidebar.feed_tree
        screen.sidebar.select_view(feed_key(wire))
        await wait_for(pilot, lambda: screen.sidebar.view == feed_key(wire), "the tree's cursor there")
        tree.focus()
        with RefreshLock(lock_path(library.path)):  # what a cron `newsreader refresh` holds
            await pilot.press("x")
            await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "asked first")
            await pilot.press("y")
            await wait_for(pilot, lambda: app.said("not removed"), "refused")
            await pilot.pause()
        refusals = [m for m, _ in app.notices if "not removed" in m]
        assert refusals == [
            f"Wire Service not removed: another newsreader (pid {os.getpid()}) is refreshing this "
            "library; try again when it is done"
        ]
        assert feed_key(wire) in tree.nav and library.feeds.find(wire) is not None
        assert not app.said("Removed")
        await pilot.press("x")  # once it is done, the same key works
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "asked again")
        await pilot.press("y")
        await wait_for(pilot, lambda: feed_key(wire) not in tree.nav, "removed")
    assert library.feeds.find(wire) is None


async def test_removing_the_feed_of_the_open_article_leaves_nothing_of_it_on_screen(story_library):  # noqa: F811
    """The open article goes with its feed: its text, quotes and summary leave the panes (its
    keys would do nothing there), and related quotes from the feed's articles go too."""
    from tests.app_feeds_support import RecordingApp
    from tests.test_app import SIZE, settle, wait_for
    from tui.ui.screens.dialogs import ConfirmScreen
    from tui.ui.views import feed_key

    library, ids = story_library
    rail = next(f.id for f in library.feeds.list() if f.title == "Rail Weekly")
    app = RecordingApp(library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        screen.open_article(ids["b"])  # Rail Weekly's bridge report
        await wait_for(pilot, lambda: screen.body.article_id == ids["b"], "the report on show")
        screen.sidebar.select_view(feed_key(rail))
        await wait_for(pilot, lambda: screen.sidebar.view == feed_key(rail), "the tree's cursor there")
        screen.sidebar.feed_tree.focus()
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "asked first")
        await pilot.press("y")
        await wait_for(pilot, lambda: app.said("Removed Rail Weekly"), "removed")
        await wait_for(pilot, lambda: screen.body.article_id is None, "the report gone from the body")
        assert screen.article_id is None and screen.body.document is None
        assert screen.quotes.quotes == [] and screen.summary.bullets is None
        assert "removed with its feed" in screen.summary.note


async def test_removing_a_feed_takes_its_quotes_out_of_the_related_quotes(analysed_library):
    """Related quotes of the open article that came from the removed feed's articles go: chosen,
    they would open nothing."""
    from tests.app_feeds_support import RecordingApp
    from tests.test_app import SIZE, settle, wait_for
    from tests.test_stories import doc
    from tui.core.models import Analysis, Quote
    from tui.core.store import AnalysisRepo, ArticleRepo, NewItem
    from tui.ui.screens.dialogs import ConfirmScreen
    from tui.ui.views import feed_key

    library = analysed_library
    said = "The talks will go on next week,"
    report = doc("Talks to go on", f'"{said}" Barack Obama told reporters on the quay.', "2016-09-06")
    db = Database(library.path)
    try:
        feed, _ = FeedRepo(db).add("https://quay.example/rss", title="Quay Post")
        articles = ArticleRepo(db)
        (quoted,) = articles.save_feed_items(feed, [NewItem("q1", report)])
        start = report.text.index(said)
        quote = Quote(start, start + len(said), said, "Barack Obama", "told")
        AnalysisRepo(db).put(articles.hash(quoted), Analysis([], [quote], [], library.version))
    finally:
        db.close()
    bloomberg = next(a.id for a in library.articles() if a.source == "Bloomberg")  # Obama quoted
    app = RecordingApp(library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        screen.open_article(bloomberg)
        quotes = screen.quotes

        def related_ids() -> set[int]:
            return {r.article_id for r in quotes.related or []}

        await wait_for(pilot, lambda: quoted in related_ids(), "the Quay Post's quote related")
        screen.sidebar.select_view(feed_key(feed))
        await wait_for(pilot, lambda: screen.sidebar.view == feed_key(feed), "the tree's cursor there")
        screen.sidebar.feed_tree.focus()
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen), "asked first")
        await pilot.press("y")
        await wait_for(pilot, lambda: app.said("Removed Quay Post"), "removed")
        await wait_for(pilot, lambda: quotes.related is not None and quoted not in related_ids(), "gone")
        assert screen.article_id == bloomberg and related_ids()  # Obama's other quotes stay


def test_the_removal_question_counts_the_articles_in_words_that_agree():
    from tui.ui.screens.feed_edits import removal_detail

    assert removal_detail(0) == "Unsubscribe; it has no articles."
    assert removal_detail(1) == "Unsubscribe; its one article goes with it."
    assert removal_detail(12) == "Unsubscribe; its 12 articles go with it."


async def test_a_folder_renamed_to_nothing_says_its_feeds_left_it(story_library):  # noqa: F811
    """e on a folder with the name emptied takes its feeds out of it ("empty: its feeds leave the
    folder"): the notice says that, not "Folder News renamed"."""
    from textual.widgets import Input

    from tests.app_feeds_support import RecordingApp
    from tests.test_app import SIZE, settle, wait_for
    from tui.ui.screens.dialogs import PromptScreen
    from tui.ui.views import folder_key

    library, _ = story_library
    app = RecordingApp(library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        tree = screen.sidebar.feed_tree
        screen.sidebar.select_view(folder_key("News"))
        await wait_for(pilot, lambda: screen.sidebar.view == folder_key("News"), "the tree's cursor there")
        tree.focus()
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen), "the prompt")
        app.screen.query_one(Input).value = ""
        await pilot.press("enter")
        await wait_for(pilot, lambda: folder_key("News") not in tree.nav, "the folder gone")
        await wait_for(pilot, lambda: app.said("Folder News"), "said")
        assert app.said("Folder News removed: its feeds left it") and not app.said("renamed")
    assert {f.folder for f in library.feeds.list()} == {None}


async def test_rename_and_move_notices_say_what_the_tree_shows(story_library):  # noqa: F811
    """The notices name the feed and the folder as the tree files them (" News // World /" is
    News/World), and an emptied name says the feed's own title comes at its next refresh (the
    tree keeps the old name until then), not "Own title back"."""
    from textual.widgets import Input

    from tests.app_feeds_support import RecordingApp
    from tests.test_app import SIZE, settle, wait_for
    from tui.ui.screens.dialogs import PromptScreen
    from tui.ui.views import feed_key, folder_key

    library, _ = story_library
    wire = next(f.id for f in library.feeds.list() if f.title == "Wire Service")
    app = RecordingApp(library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        tree = screen.sidebar.feed_tree

        async def edit(key: str, text: str) -> None:
            screen.sidebar.select_view(feed_key(wire))
            await wait_for(pilot, lambda: screen.sidebar.view == feed_key(wire), "the tree's cursor there")
            tree.focus()
            await pilot.press(key)
            await wait_for(pilot, lambda: isinstance(app.screen, PromptScreen), "the prompt")
            app.screen.query_one(Input).value = text
            await pilot.press("enter")

        await edit("F", " News // World / ")
        await wait_for(pilot, lambda: folder_key("News/World") in tree.nav, "moved")
        await wait_for(pilot, lambda: app.said("Moved Wire Service"), "said")
        assert app.said("Moved Wire Service to News/World") and not app.said("//")
        await edit("e", "  Agency   wire ")
        await wait_for(pilot, lambda: app.said("Renamed Wire Service to Agency wire"), "said who and what")
        await edit("e", "")
        await wait_for(pilot, lambda: app.said("Agency wire takes its own title at its next refresh"), "said")
        assert not app.said("Own title back")

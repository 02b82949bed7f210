"""A library from before search or stories, opened by the app: the reader paints at once and
indexes it after, its progress on the status line; the commands still index it as they open it.

The library is the seeds' (a real SQLite file) left as the migrations to schemas 3 and 7 leave
one: no search index, no stories, and ``*_index_upto`` / ``*_max`` in meta saying what is left.
"""

from __future__ import annotations

import re
import sqlite3

from tests.app_feeds_support import RecordingApp
from tests.test_app import SIZE, wait_for
from tui.core.library import Library
from tui.factory import make_library
from tui.paths import database_path


def make_old(path) -> int:
    """Take the library at ``path`` back to before its search index and stories; its top id."""
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("INSERT INTO article_fts (article_fts) VALUES ('delete-all')")
        conn.execute("DELETE FROM story_members")
        conn.execute("DELETE FROM stories")
        (top,) = conn.execute("SELECT MAX(id) FROM articles").fetchone()
        for name in ("search_index", "story_index"):
            conn.execute("INSERT OR REPLACE INTO meta VALUES (?, '0')", (f"{name}_upto",))
            conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (f"{name}_max", str(top)))
    conn.close()
    return top


async def test_the_app_paints_first_then_indexes_an_old_library_showing_how_far(analysed_library):
    path = analysed_library.path
    top = make_old(path)
    library, _ = make_library(db=path, analyzer=analysed_library.analyzer, index_later=True)
    assert library.indexing.left() == 2 * top and library.search_ids("said") == []  # left to the app
    # Another process writing holds the indexing at its first batch, where the reader can see it.
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    with library:
        app = RecordingApp(library)
        async with app.run_test(size=SIZE) as pilot:
            screen = app.screen

            def status() -> str:
                return screen.status_bar.line.right

            await wait_for(pilot, lambda: "Indexing library" in status(), "the indexing shown")
            assert re.search(rf"Indexing library 0/{2 * top}…", status()), status()
            assert screen.status_bar.line.busy and len(screen.sidebar.rows) == top  # painted already
            blocker.execute("ROLLBACK")
            await wait_for(pilot, lambda: "Indexing" not in status(), "the indexing done", tries=1500)
            assert library.indexing.left() == 0 and library.search_ids("said") and library.stories(min_size=1)
            assert not app.said("failed")
    blocker.close()
    with Library.open(path) as again:
        assert again.indexing.left() == 0  # done once


def test_a_command_still_indexes_an_old_library_as_it_opens_it(analysed_library):
    top = make_old(analysed_library.path)
    seen: list[tuple[int, int]] = []
    with Library.open(database_path(), progress=lambda done, total: seen.append((done, total))) as library:
        assert library.indexing.left() == 0 and library.search_ids("said")
    assert seen == [(top, top), (top, top)]  # the search index, then the stories


def test_finishing_later_counts_over_both_steps_a_batch_at_a_time(analysed_library):
    top = make_old(analysed_library.path)
    seen: list[tuple[int, int]] = []
    with Library.open(database_path(), index_later=True) as library:
        library.indexing.finish(lambda done, total: seen.append((done, total)), batch=10)
        assert library.indexing.left() == 0 and library.search_ids("said")
    steps = [n for n in range(10, top, 10)] + [top]
    assert seen == [(n, 2 * top) for n in steps] + [(top + n, 2 * top) for n in steps]

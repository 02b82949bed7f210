"""Pilot tests of stories in the app: a story listed once with "+N sources", counted once in the
tree, Enter on it shows the story view, whose sources, quotes and bullets open their articles;
reading one source reads the story; ``v`` shows the story of the open article. The seeds carry
the pipeline's saved analyses and the story's reports analyses of our own (no model)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.app_feeds_support import RecordingApp
from tests.test_app import SIZE, settle, wait_for
from tests.test_stories import BRIDGE_A, BRIDGE_B, WIRE, doc
from tests.test_story_view import SAFETY, quote
from tui.core.models import Analysis
from tui.core.store import AnalysisRepo, ArticleRepo, Database, FeedRepo, NewItem
from tui.ui.screens.reader import ReaderScreen
from tui.ui.screens.story import StoryList, StoryScreen

OUTLETS = ["Dresden Daily", "Rail Weekly", "Wire Service"]


@pytest.fixture
def story_library(analysed_library):
    """The seeds, and three outlets: the bridge report by two of them (newest), wire copy in all three."""
    db = Database(analysed_library.path)
    feeds, articles, analyses = FeedRepo(db), ArticleRepo(db), AnalysisRepo(db)
    ids = [
        feeds.add(f"https://{n.split()[0].lower()}.example/rss", title=n, folder="News")[0] for n in OUTLETS
    ]

    def save(feed: int, key: str, d, quotes=(), summary=()) -> int:
        (aid,) = articles.save_feed_items(ids[feed], [NewItem(key, replace(d, source=OUTLETS[feed]))])
        a = Analysis([], list(quotes), list(summary), analysed_library.version)
        analyses.put(articles.hash(aid), a)
        return aid

    title, body = WIRE
    wire = [
        save(f, "w", doc(title, body, f"2024-03-21T12:0{f}:00+00:00"), summary=[body[:101]]) for f in range(3)
    ]
    lead_a = BRIDGE_A.text[BRIDGE_A.text.index("Engineers") : BRIDGE_A.text.index("girder.") + 7]
    a = save(0, "a", BRIDGE_A, [quote(BRIDGE_A, SAFETY, "a spokeswoman")], [lead_a])
    b = save(1, "b", BRIDGE_B, [quote(BRIDGE_B, SAFETY, "a company spokeswoman")], ["Some 300 trains a day."])
    db.close()
    return analysed_library, {"a": a, "b": b, "wire": wire}


def tree_unread(screen: ReaderScreen) -> dict[str, int]:
    return {n.name: n.unread for n in screen.sidebar.feed_tree.nav.values()}


async def test_a_story_is_listed_once_counted_once_and_enter_shows_its_view(story_library):
    library, ids = story_library
    app = RecordingApp(library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        listed = screen.sidebar.article_list
        # The bridge story (newest) is one row standing for both reports, opened and so read together.
        assert screen.article_id == ids["b"] and list(listed.rows)[:2] == [ids["b"], ids["wire"][2]]
        assert ids["a"] not in listed.rows and ids["wire"][0] not in listed.rows
        assert "+1" in listed.row_text(ids["b"]) and "+2" in listed.row_text(ids["wire"][2])
        await wait_for(pilot, lambda: screen.sidebar.rows[ids["a"]].read, "the other report read too")
        assert tree_unread(screen)["News"] == 1  # the wire copy, once
        assert [tree_unread(screen)[o] for o in OUTLETS] == [1, 1, 1]
        # Enter on the wire story's row: its view, with every source and one summary.
        await pilot.press("j", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, StoryScreen) and app.screen.view, "the story")
        story = app.screen
        sources = story.query_one("#story-sources", StoryList)
        assert sources.option_count == 3 and story.view.summary and len(story.view.summary) == 1
        assert story.view.sources[0].id == ids["wire"][2]
        # Enter on the oldest source opens it in the reader.
        sources.highlighted = 2
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen and screen.article_id == ids["wire"][0], "opened")
        await wait_for(pilot, lambda: all(screen.sidebar.rows[i].read for i in ids["wire"]), "story read")
        assert listed.current_id == ids["wire"][2]  # the story's row stands for it
        assert tree_unread(screen)["News"] == 0


async def test_v_shows_the_story_of_the_open_article_and_a_quote_opens_at_the_quote(story_library):
    library, ids = story_library
    app = RecordingApp(library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("v")
        await wait_for(pilot, lambda: isinstance(app.screen, StoryScreen) and app.screen.view, "the story")
        story = app.screen
        ((group),) = story.view.speakers
        (said,) = group.quotes
        assert said.outlets == ("Dresden Daily", "Rail Weekly") and said.article_id == ids["a"]
        quotes = story.query_one("#story-quotes", StoryList)
        quotes.focus()
        await pilot.pause()
        assert quotes.highlighted == 1  # past the speaker's heading
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen and screen.article_id == ids["a"], "opened")
        await wait_for(pilot, lambda: screen.body.mark == (said.start, said.end), "the quote marked")
        # An article no other source reports has no story.
        seed = next(i for i, r in screen.sidebar.rows.items() if r.feed_id is None)
        screen.open_article(seed)
        await wait_for(pilot, lambda: screen.article_id == seed, "a seed open")
        await pilot.press("v")
        await wait_for(pilot, lambda: app.said("No other source"), "the notice")
        assert app.screen is screen


async def test_esc_after_a_source_chosen_in_a_story_shows_the_story_again_at_that_source(story_library):
    library, ids = story_library
    app = RecordingApp(library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("j", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, StoryScreen) and app.screen.view, "the story")
        story = app.screen
        story.query_one("#story-sources", StoryList).highlighted = 2
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen and screen.article_id == ids["wire"][0], "opened")
        await wait_for(pilot, lambda: screen.pages.can_go_back(), "a story to go back to")
        await pilot.press("escape")
        await wait_for(
            pilot, lambda: isinstance(app.screen, StoryScreen) and app.screen.view, "the story again"
        )
        again = app.screen
        assert again is not story and again.story_id == story.story_id
        sources = again.query_one("#story-sources", StoryList)
        await wait_for(pilot, lambda: sources.has_focus and sources.highlighted == 2, "at the source chosen")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen, "the reader")

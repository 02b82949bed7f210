"""Pilot tests of entity pages: Enter on a marked name, the page's lists, opening an article at
the mention or the quote, following, and the palette over the whole library (no model)."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette

from tests.app_feeds_support import RecordingApp
from tests.test_app import SIZE, offered, settle, wait_for
from tui.ui.format import format_date
from tui.ui.screens.entity import EntityScreen, PageList
from tui.ui.screens.reader import ReaderScreen
from tui.ui.views import search_key


async def page_of(app, pilot) -> EntityScreen:
    await wait_for(
        pilot, lambda: isinstance(app.screen, EntityScreen) and app.screen.page is not None, "the page"
    )
    return app.screen


async def test_enter_on_a_marked_name_opens_its_page_and_an_article_at_the_mention(analysed_library):
    app = RecordingApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        person = next(e for e in screen.body.entities if e.label == "PERSON")
        await pilot.press("tab")  # the article
        while screen.body.mark != (person.start, person.end):
            await pilot.press("right_square_bracket")
        await pilot.press("enter")
        page = await page_of(app, pilot)
        assert page.page.name == person.canonical and page.page.articles
        expected = analysed_library.entity_page(person.canonical, person.label)
        articles = page.query_one("#entity-articles", PageList)
        assert articles.option_count == len(expected.articles)
        # The last article of the list (the oldest) opens at its first mention.
        target = expected.articles[-1]
        articles.highlighted = articles.option_count - 1
        await pilot.press("enter")
        await wait_for(
            pilot, lambda: isinstance(app.screen, ReaderScreen) and screen.article_id == target.id, "opened"
        )
        await wait_for(pilot, lambda: screen.body.mark == (target.start, target.end), "the mention marked")
        assert screen.document.text[target.start : target.end] in {
            person.text,
            *expected.aliases,
            expected.name,
        }


async def test_a_quote_opens_at_the_quote_and_f_follows(analysed_library):
    app = RecordingApp(analysed_library)
    obama = analysed_library.entity("Obama")
    assert obama is not None and obama.said
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        screen.pages.open_entity(obama.name, obama.label)
        page = await page_of(app, pilot)
        await pilot.press("f")
        await wait_for(pilot, lambda: app.said("Following Barack Obama"), "followed")
        said = page.query_one("#entity-said", PageList)
        said.focus()
        said.highlighted = 0
        await pilot.press("enter")
        quote = obama.said[0]
        await wait_for(pilot, lambda: isinstance(app.screen, ReaderScreen), "back to the reader")
        await wait_for(pilot, lambda: screen.body.mark == (quote.start, quote.end), "the quote marked")
        assert screen.article_id == quote.article_id
        # Following made a view of the tree: the unread articles that name him.
        key = search_key('person:"Barack Obama" is:unread')
        await wait_for(pilot, lambda: key in screen.sidebar.feed_tree.nav, "the followed view")
        node = screen.sidebar.feed_tree.nav[key]
        assert node.name == "Barack Obama" and 0 < node.total <= len(obama.articles)


async def test_the_palette_finds_names_in_the_whole_library(analysed_library):
    app = RecordingApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        assert "Putin" not in {e.canonical.split()[-1] for e in screen.body.entities}
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: CommandPalette.is_open(app), "palette open")
        await pilot.press(*"go to putin")
        await wait_for(pilot, lambda: any("Go to Vladimir Putin" in o for o in offered(app)), "offered")
        await pilot.press("down", "enter")
        page = await page_of(app, pilot)
        assert page.page.name == "Vladimir Putin"
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen, "back")


async def test_from_search_results_the_palette_offers_the_page(analysed_library):
    app = RecordingApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("slash", *"person:Obama", "enter")
        await wait_for(pilot, lambda: screen.sidebar.search_query == "person:Obama", "the search on show")
        await pilot.press("ctrl+p")
        # Offered before anything is typed, with the search as its reason.
        reason = "Go to Barack Obama\nIn the search on show"
        await wait_for(pilot, lambda: any(reason in o for o in offered(app)), "offered")
        await pilot.press(*"go to barack")
        await wait_for(pilot, lambda: any(o.startswith("Go to Barack Obama") for o in offered(app)), "found")
        await pilot.press("down", "enter")
        page = await page_of(app, pilot)
        assert page.page.name == "Barack Obama"


async def test_help_on_an_entity_page_lists_the_page_keys_not_the_reader(analysed_library):
    from tui.ui.screens.help import HelpScreen

    app = RecordingApp(analysed_library)
    obama = analysed_library.entity("Obama")
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        screen.pages.open_entity(obama.name, obama.label)
        await page_of(app, pilot)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), "the keys")
        rows = {
            title: dict((desc, keys) for keys, desc in rows)
            for column in app.screen.columns
            for title, rows in column
        }
        assert set(rows) == {"Everywhere", "Entity page", "Lists"}
        assert "Follow" in rows["Entity page"] and "Back" in rows["Entity page"]
        assert "q" not in rows["Everywhere"].get("Quit", "").split()  # q goes back on this page
        assert "Refresh" not in str(rows) and "Mark feed read" not in str(rows)


def one_day_entity(library):
    """A person named on one day only (most in the seeds are)."""
    for row in library.articles():
        analysis = library.cached_analysis(row.id)
        for e in analysis.entities if analysis else ():
            page = library.entity_page(e.canonical, e.label)
            if e.label == "PERSON" and len(page.timeline) == 1:
                return page
    raise AssertionError("no person named on one day")


async def test_the_timeline_says_what_it_shows_and_one_day_is_named_not_drawn(analysed_library):
    """A timeline of one day was a solid block that said nothing: a caption names the span."""
    obama = analysed_library.entity("Obama")
    assert obama is not None and len(obama.timeline) > 1
    single = one_day_entity(analysed_library)
    app = RecordingApp(analysed_library)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await settle(app, pilot)
        for entity, drawn, words in (
            (obama, True, "Articles naming them per day, "),
            (single, False, "Named on one day: "),
        ):
            screen.pages.open_entity(entity.name, entity.label)
            page = await page_of(app, pilot)
            caption = str(page.query_one("#entity-timeline-caption").render())
            assert caption.startswith(words) and page.query_one("#entity-timeline").display == drawn
            await pilot.press("escape")
            await wait_for(pilot, lambda: app.screen is screen, "back")


@pytest.mark.parametrize("size", [(80, 24), (140, 40)])
async def test_each_article_on_a_page_shows_its_day_and_the_start_of_its_title(analysed_library, size):
    """At 80 columns a date with its hour took the column's first two lines, and the title was
    left one word ("Tottenham…"); the names alongside wrapped at the column's edge."""
    obama = analysed_library.entity("Obama")
    assert obama is not None
    app = RecordingApp(analysed_library)
    async with app.run_test(size=size) as pilot:
        screen = await settle(app, pilot)
        screen.pages.open_entity(obama.name, obama.label)
        page = await page_of(app, pilot)
        articles = page.query_one("#entity-articles", PageList)
        await pilot.pause()
        named = page.query_one("#entity-with", PageList)
        for n in range(named.option_count):  # a name's kind and count go on under it, indented
            lines = str(named.get_option_at_index(n).prompt).split("\n")
            assert all(line.startswith("  ") for line in lines[1:]), lines
            assert all(len(line) <= named.prompt_width() for line in lines), lines  # none wrapped again
        for n, article in enumerate(page.page.articles):
            shown = " ".join(str(articles.get_option_at_index(n).prompt).split())
            assert shown.startswith(format_date(article.date[:10])), shown
            assert ":" not in shown.split()[2], shown  # no hour
            assert " ".join(article.title.split()[:3]) in shown, shown


async def test_a_name_marked_from_the_list_opens_with_enter(analysed_library):
    """] and [ work from any pane and leave the article focused, so the Enter that follows opens the
    marked name's page (it used to open the list's article again, and the page never came)."""
    app = RecordingApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        article = screen.article_id
        assert app.focused is not screen.body  # the list has the focus at the start
        first = screen.body.entities[0]
        await pilot.press("right_square_bracket")
        assert screen.body.mark == (first.start, first.end) and app.focused is screen.body
        await pilot.press("enter")
        page = await page_of(app, pilot)
        assert page.page.name == first.canonical
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen, "back")
        assert screen.article_id == article


def words_shown(page: EntityScreen) -> tuple[str, str, str, str]:
    said, about = (str(page.query_one(f"#entity-{key}-title").render()) for key in ("said", "about"))
    head = str(page.query_one("#entity-head").render())
    return said, about, head, str(page.query_one("#entity-said", PageList).get_option_at_index(0).prompt)


async def test_a_places_page_does_not_say_it_speaks_a_persons_does(analysed_library):
    """A place's quotes section read "What they said" / "quotes by them": it lists what was said in
    its name ("Russia said …"), and the page says so; a person's page keeps its words."""
    russia = analysed_library.entity_page("Russia", "GPE")
    obama = analysed_library.entity("Obama")
    assert russia.articles and not russia.said and obama is not None and obama.said
    app = RecordingApp(analysed_library)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await settle(app, pilot)
        screen.pages.open_entity("Russia", "GPE")
        said, about, head, note = words_shown(await page_of(app, pilot))
        assert (said, about, note) == ("Said in its name", "Said about it", "Nothing said in its name.")
        assert "in its name" in head and "by them" not in head and "about it" in head
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen, "back")
        screen.pages.open_entity(obama.name, obama.label)
        said, about, head, _ = words_shown(await page_of(app, pilot))
        assert (said, about) == ("What they said", "Said about them") and "by them" in head


async def test_following_a_person_says_their_articles_a_place_its(analysed_library):
    """The follow notice speaks of the entity as the page does: a person's articles are theirs."""
    obama = analysed_library.entity("Obama")
    assert obama is not None
    app = RecordingApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        screen.pages.open_entity(obama.name, obama.label)
        await page_of(app, pilot)
        await pilot.press("f")
        await wait_for(pilot, lambda: app.said("Following Barack Obama"), "followed")
        assert app.said("Following Barack Obama: their unread articles are a view of the tree")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen, "back")
        screen.pages.open_entity("Russia", "GPE")
        await page_of(app, pilot)
        await pilot.press("f")
        await wait_for(pilot, lambda: app.said("Following Russia: its unread articles"), "followed")


async def test_esc_goes_back_through_the_names_followed_alongside_then_to_the_reader(analysed_library):
    """Enter on a name in "Named alongside" shows its page; Esc shows the page before it again
    (the footer says Back), and from the first page goes back to the reader."""
    obama = analysed_library.entity("Obama")
    assert obama is not None
    app = RecordingApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        screen.pages.open_entity(obama.name, obama.label)
        page = await page_of(app, pilot)
        named = page.query_one("#entity-with", PageList)
        named.focus()
        named.highlighted = 0
        neighbour = page.page.neighbours[0]
        await pilot.press("enter")
        await wait_for(pilot, lambda: page.page.name == neighbour.name, "the neighbour's page")
        await pilot.press("escape")
        await wait_for(pilot, lambda: page.page.name == obama.name, "Obama's page again")
        assert app.screen is page
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen, "back to the reader")


async def test_esc_after_an_article_chosen_on_a_page_shows_the_page_again_where_it_was_left(analysed_library):
    """An article opened from a page: the footer offers Esc, which shows that page again with the
    same list and line (and the pages before it still behind Esc); another article forgets it."""
    obama = analysed_library.entity("Obama")
    assert obama is not None
    app = RecordingApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        assert not screen.pages.can_go_back()
        screen.pages.open_entity(obama.name, obama.label)
        page = await page_of(app, pilot)
        named = page.query_one("#entity-with", PageList)
        named.focus()
        named.highlighted = 0
        neighbour = page.page.neighbours[0]
        await pilot.press("enter")
        await wait_for(pilot, lambda: page.page.name == neighbour.name, "the neighbour's page")
        articles = page.query_one("#entity-articles", PageList)
        articles.focus()
        line = articles.option_count - 1
        articles.highlighted = line
        target = page.page.articles[line]
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen and screen.article_id == target.id, "the article")
        await wait_for(pilot, lambda: screen.pages.can_go_back(), "a page to go back to")
        assert any(b.binding.action == "back" for b in screen.active_bindings.values())
        await pilot.press("escape")
        again = await page_of(app, pilot)
        assert again is not page and again.page.name == neighbour.name
        chosen = again.query_one("#entity-articles", PageList)
        await wait_for(
            pilot, lambda: chosen.has_focus and chosen.highlighted == line, "the line it was left on"
        )
        await pilot.press("escape")  # the page the neighbour was chosen on
        await wait_for(pilot, lambda: again.page.name == obama.name, "Obama's page behind it")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen, "the reader")
        assert not screen.pages.can_go_back()  # Esc opened the page: the way back is used up
        await pilot.press("escape")  # and now does nothing
        assert app.screen is screen


async def test_another_article_forgets_the_page_it_came_from(analysed_library):
    obama = analysed_library.entity("Obama")
    app = RecordingApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        screen.pages.open_entity(obama.name, obama.label)
        page = await page_of(app, pilot)
        target = page.page.articles[0]
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen and screen.article_id == target.id, "the article")
        await wait_for(pilot, lambda: screen.pages.can_go_back(), "a page to go back to")
        other = next(i for i in screen.sidebar.rows if i != target.id)
        screen.open_article(other)
        await wait_for(pilot, lambda: screen.article_id == other, "another article")
        assert not screen.pages.can_go_back()
        await pilot.press("escape")
        assert app.screen is screen

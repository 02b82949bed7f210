"""The article's numbered links in the app: ``L`` lists them, a number and Enter picks one, and
either way the address goes to the same confirm dialog as ``o``. An article read from a file."""

from __future__ import annotations

from contextlib import asynccontextmanager

import pytest
from textual.widgets import OptionList

from tests.app_feeds_support import RecordingApp
from tests.helpers import shown_lines
from tests.test_app import SIZE, wait_for
from tui.factory import make_library
from tui.ui.screens.dialogs import ConfirmOpenScreen
from tui.ui.screens.links import LinkListScreen, LinkNumberScreen

LONG = "https://archive.example.org/" + "/".join(f"chapter-{n}" for n in range(14)) + "/index.html"
PAGE = """<html><head><title>Links</title></head><body><article><h1>Three links</h1>
<p>Read <a href="https://a.example/first">the first</a>, then <a href="https://b.example/second">the
second</a> and <a href="https://c.example/third">the third</a>.</p>
<p>And <a href="LONG">a long one</a>.</p>
<pre>keep
    this</pre></article></body></html>"""


@asynccontextmanager
async def reading_page(tmp_path, analyzer, size=SIZE):
    """The app over PAGE read from a file, its article on screen: (app, pilot, reader screen)."""
    path = tmp_path / "post.html"
    path.write_text(PAGE.replace("LONG", LONG))
    library, errors = make_library([str(path)], analyzer=analyzer)
    assert not errors and library.scope
    with library:
        app = RecordingApp(library, open_article=library.scope[0])
        async with app.run_test(size=size) as pilot:
            screen = app.screen
            await wait_for(pilot, lambda: getattr(screen, "document", None) is not None, "the article")
            yield app, pilot, screen


async def test_L_lists_the_links_and_the_one_picked_goes_to_the_confirm(tmp_path, analyzer):
    async with reading_page(tmp_path, analyzer) as (app, pilot, screen):
        await pilot.press("L")
        await wait_for(pilot, lambda: isinstance(app.screen, LinkListScreen), "the list of links")
        options = app.screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        shown = ["".join(line.strip() for line in prompt.split("\n")) for prompt in prompts]
        # Each link's own text, what the reader saw in the article, with its address below it.
        assert [prompt.split("\n")[0] for prompt in prompts] == [
            "[1] the first",
            "[2] the second",
            "[3] the third",
            "[4] a long one",
        ]
        assert shown == [
            "[1] the firsthttps://a.example/first",
            "[2] the secondhttps://b.example/second",
            "[3] the thirdhttps://c.example/third",
            f"[4] a long one{LONG}",
        ]
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmOpenScreen), "the confirm dialog")
        assert app.screen.url == "https://b.example/second" and app.screen.host == "b.example"
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is screen, "back to the article")
        # j and k move as they do in every list.
        await pilot.press("L")
        await wait_for(pilot, lambda: isinstance(app.screen, LinkListScreen), "the list of links")
        await pilot.press("j", "j", "k", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmOpenScreen), "the confirm dialog")
        assert app.screen.url == "https://b.example/second"
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is screen, "back to the article")


async def test_a_number_and_enter_opens_that_link_through_the_confirm(tmp_path, analyzer):
    async with reading_page(tmp_path, analyzer) as (app, pilot, screen):
        await pilot.press("3")
        await wait_for(pilot, lambda: isinstance(app.screen, LinkNumberScreen), "the number prompt")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmOpenScreen), "the confirm dialog")
        assert app.screen.url == "https://c.example/third"
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen, "back to the article")
        # Two digits: the prompt takes the rest of the number; a number without a link says so.
        await pilot.press("1")
        await wait_for(pilot, lambda: isinstance(app.screen, LinkNumberScreen), "the number prompt")
        await pilot.press("2", "enter")
        await wait_for(pilot, lambda: app.said("No link [12] in this article."), "the notice")
        assert app.screen is screen


@pytest.mark.parametrize("size", [(80, 24), (140, 40)])
async def test_a_long_address_wraps_under_itself_not_under_its_number(tmp_path, analyzer, size):
    async with reading_page(tmp_path, analyzer, size) as (app, pilot, screen):
        await pilot.press("L")
        await wait_for(pilot, lambda: isinstance(app.screen, LinkListScreen), "the list of links")
        await pilot.pause()
        lines = [line for line in shown_lines(app.screen.query_one("#links-list")) if line.strip()]
        first = next(n for n, line in enumerate(lines) if "[4]" in line)
        rest = lines[first + 1 :]
        assert rest, lines  # the address took more than one line
        column = lines[first].index("[4]") + len("[4] ")
        assert all(line[:column].strip() == "" and line[column] != " " for line in rest), lines
        assert "".join(line.strip() for line in lines[first:]) == f"[4] a long one{LONG}"


MARKUP_PAGE = """<html><head><title>Markup</title></head><body><article><h1>Links as data</h1>
<p>Read <a href="https://a.example/one">[b]bold[/b] [@click=app.quit]x[/]</a> and
<a href="https://b.example/two">https://b.example/two</a> today.</p></article></body></html>"""


async def test_a_links_text_is_plain_text_and_an_address_alone_is_not_repeated(tmp_path, analyzer):
    path = tmp_path / "markup.html"
    path.write_text(MARKUP_PAGE)
    library, errors = make_library([str(path)], analyzer=analyzer)
    assert not errors
    with library:
        app = RecordingApp(library, open_article=library.scope[0])
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for(pilot, lambda: getattr(app.screen, "document", None) is not None, "the article")
            await pilot.press("L")
            await wait_for(pilot, lambda: isinstance(app.screen, LinkListScreen), "the list of links")
            await pilot.pause()
            lines = [
                line.strip() for line in shown_lines(app.screen.query_one("#links-list")) if line.strip()
            ]
            assert lines == [
                "[1] [b]bold[/b] [@click=app.quit]x[/]",
                "https://a.example/one",
                "[2] https://b.example/two",
            ], lines
            assert app.is_running


async def test_q_closes_the_list_of_links_as_it_closes_the_other_lists(tmp_path, analyzer):
    """q closed the keys, the failing feeds and the pages, and did nothing in the list of links."""
    async with reading_page(tmp_path, analyzer) as (app, pilot, screen):
        await pilot.press("L")
        await wait_for(pilot, lambda: isinstance(app.screen, LinkListScreen), "the list of links")
        await pilot.press("q")
        await wait_for(pilot, lambda: app.screen is screen, "back to the article")
        assert app.is_running

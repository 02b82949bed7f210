"""Pilot tests of the command palette, of article text that looks like markup, and of reloading."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette

from tests.test_app import SIZE, offered, settle, wait_for
from tui.ui.app import NewsApp


async def test_palette_opens_an_article_by_title(analysed_library):
    rows = analysed_library.articles()
    target = next(r for r in rows if "Putin" in r.title)
    app = NewsApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: CommandPalette.is_open(app), "palette open")
        await pilot.press(*"putin calls")
        await wait_for(pilot, lambda: any("Putin" in o for o in offered(app)), "the article offered")
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: screen.article_id == target.id, "palette opened the article")
        assert not CommandPalette.is_open(app)


async def test_palette_runs_reader_and_entity_commands(analysed_library):
    app = NewsApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: CommandPalette.is_open(app), "palette open")
        await pilot.press(*"toggle entity highlighting")
        await wait_for(
            pilot, lambda: any("Toggle entity highlighting" in o for o in offered(app)), "the command offered"
        )
        await pilot.press("down", "enter")
        await wait_for(
            pilot, lambda: not screen.article_view.highlight, "highlighting toggled from the palette"
        )
        # Go to the most mentioned person of the article: its page opens.
        from tui.ui.screens.entity import EntityScreen

        people = [e.canonical for e in screen.body.entities if e.label == "PERSON"]
        top = max(set(people), key=people.count)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: CommandPalette.is_open(app), "palette open")
        await pilot.press(*f"go to {top}")
        await wait_for(pilot, lambda: any(f"Go to {top}" in o for o in offered(app)), "the entity offered")
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, EntityScreen), "the entity's page")
        await wait_for(pilot, lambda: app.screen.page is not None and app.screen.page.name == top, "its page")


MARKUP_TITLE = "[@click=app.quit]Quit now[/] and [bold]x[/b]"
MARKUP_PARA = "He typed [red]red[/red] and [link=https://example.com]a link[/link] then \\[escaped]."


def _markup_document():
    from tui.core.models import Block, Document

    text = f"{MARKUP_TITLE}\n\n{MARKUP_PARA}"
    head = len(MARKUP_TITLE)
    blocks = [Block("headline", 0, head), Block("paragraph", head + 2, len(text))]
    return Document(text=text, blocks=blocks, title=MARKUP_TITLE, source="[i]Feed[/i]", date="2024-05-01")


@pytest.mark.slow
async def test_markup_in_articles_is_shown_literally(analysed_library):
    article_id = analysed_library.add_document("test:markup", _markup_document())
    app = NewsApp(analysed_library, open_article=article_id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        assert screen.article_id == article_id
        prompt = screen.sidebar.article_list.row_text(article_id)
        assert "[@click=app.quit]Quit now[/]" in prompt.replace("\n  ", " ")
        body = screen.body
        shown = " ".join(
            "".join(seg.text for seg in body.render_line(y)).strip() for y in range(body.size.height)
        )
        shown = " ".join(shown.split())
        assert "[@click=app.quit]Quit now[/] and [bold]x[/b]" in shown
        assert "[red]red[/red]" in shown and "[link=https://example.com]a link[/link]" in shown
        assert "[i]Feed[/i]" in shown
        # Clicking the would-be link does nothing: the app is still running.
        await pilot.click("#body", offset=(4, 1))
        await pilot.pause()
        assert app.is_running and app.return_code is None
        # The palette shows the title literally too.
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: CommandPalette.is_open(app), "palette open")
        await pilot.press(*"quit now")
        await wait_for(
            pilot,
            lambda: any("[@click=app.quit]Quit now[/]" in o for o in offered(app)),
            "the title, literally",
        )


@pytest.mark.slow
async def test_reload_shows_new_articles_and_analyses_them(analysed_library):
    from tui.core.models import Block, Document

    app = NewsApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        opened = screen.article_id
        text = "Ana Ruiz opens the new harbour tram\n\nMayor Ana Ruiz opened the tram line in Porto Vale on Monday."
        doc = Document(
            text=text, blocks=[Block("headline", 0, 35), Block("paragraph", 37, len(text))], date="2030-01-01"
        )
        new_id = analysed_library.add_document("test:reload", doc)
        screen.reload()
        await wait_for(pilot, lambda: not screen.loading, "the reload applied")
        assert screen.article_id == opened and screen.sidebar.article_list.current_id == opened
        assert new_id in screen.sidebar.rows and not screen.sidebar.rows[new_id].read
        await wait_for(
            pilot, lambda: screen.sidebar.rows[new_id].analysed, "the new article analysed", tries=1500
        )
        assert analysed_library.cached_analysis(new_id) is not None


async def test_palette_help_names_the_keys_as_rebound(analysed_library):
    """A command's help names the key ``[keys]`` gives its action, not the default one."""
    from tui.core.config import Settings

    rebound = Settings(keys={"feeds.refresh-all": "ctrl+r", "reader.highlight": "f3"})
    app = NewsApp(analysed_library, settings=rebound)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        for typed, title, key, default in (
            ("refresh all", "Refresh all feeds", "(^r)", "(R)"),
            ("toggle entity", "Toggle entity highlighting", "(f3)", "(h)"),
            ("toggle star", "Toggle star", "(s)", None),  # not rebound: its own key
        ):
            await pilot.press("ctrl+p")
            await wait_for(pilot, lambda: CommandPalette.is_open(app), "palette open")
            await pilot.press(*typed)
            await wait_for(pilot, lambda t=title: any(t in o for o in offered(app)), f"{title} offered")
            shown = next(o for o in offered(app) if title in o)
            assert key in shown and (default is None or default not in shown), shown
            await pilot.press("escape")
            await wait_for(pilot, lambda: not CommandPalette.is_open(app), "palette closed")


def _bindings_by_id(app, screen) -> dict:
    """Every binding of the app, the screen and its panes, by id: the first key of each."""
    from tui.ui.keys import class_bindings

    out = {}
    for cls in dict.fromkeys(type(n) for n in [app, screen, *screen.walk_children()]):
        for binding in class_bindings(cls):
            if binding.id:
                out.setdefault(binding.id, binding)
    return out


async def test_every_palette_command_names_the_key_and_runs_the_action_of_its_binding(analysed_library):
    """The palette's feed and reader commands name the key their binding has (one source of truth)
    and run what that key runs."""
    from tui.ui.commands import FEED_ACTIONS, READER_ACTIONS

    app = NewsApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        bindings = _bindings_by_id(app, screen)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: CommandPalette.is_open(app), "palette open")
        entries = [*FEED_ACTIONS, *READER_ACTIONS, ("Show keys", "help", "", "app.help")]
        await wait_for(pilot, lambda: all(any(e[0] in o for o in offered(app)) for e in entries), "offered")
        for title, action, _help, binding_id, *_ in entries:
            binding = bindings[binding_id]
            shown = next(o for o in offered(app) if o.startswith(title))
            assert shown.endswith(f"({app.get_key_display(binding)})"), (shown, binding)
            assert binding.action.removeprefix("screen.") == action, (title, binding.action)


async def test_a_default_key_changed_in_the_bindings_is_the_key_the_palette_names(
    analysed_library, monkeypatch
):
    from textual.binding import Binding

    from tui.ui.widgets.feed_tree import FeedTree

    moved = [
        Binding("d", b.action, b.description, show=b.show, id=b.id) if b.id == "feeds.remove" else b
        for b in Binding.make_bindings(FeedTree.BINDINGS)
    ]
    monkeypatch.setattr(FeedTree, "BINDINGS", moved)
    monkeypatch.setattr(FeedTree, "_merged_bindings", FeedTree._merge_bindings())
    app = NewsApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: CommandPalette.is_open(app), "palette open")
        await pilot.press(*"remove feed")
        await wait_for(pilot, lambda: any("Remove feed" in o for o in offered(app)), "offered")
        shown = next(o for o in offered(app) if "Remove feed" in o)
        assert shown.endswith("(d)"), shown

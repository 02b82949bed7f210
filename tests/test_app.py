"""Pilot tests of the reader: every key, over a real library (SQLite in tmp_path).

The navigation pilots run over the seeds with the real pipeline's saved analyses, so they need
no model (and show it: the model is never loaded); the first test analyses with the real model.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot

from tui.ui.app import NewsApp
from tui.ui.screens.help import HelpScreen, KeyTable
from tui.ui.screens.reader import ReaderScreen

SIZE = (140, 40)


async def wait_for(pilot: Pilot, condition: Callable[[], object], what: str, tries: int = 400) -> None:
    """Let the app run until ``condition()`` holds (workers and timers get their turn)."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"never happened: {what}")


async def finish_workers(app: NewsApp, keep: Callable[[object], bool] = lambda worker: True) -> None:
    """Wait until the workers ``keep`` picks have ended, a cancelled one too (an exclusive worker
    a newer one replaced: ``wait_for_complete`` raises for it), and those started meanwhile."""
    from textual.worker import WorkerCancelled

    for _ in range(50):
        waiting = [w for w in app.workers if keep(w) and not w.is_finished]
        if not waiting:
            return
        for worker in waiting:
            try:
                await worker.wait()
            except WorkerCancelled:
                pass
    raise AssertionError("workers kept starting")


def offered(app: NewsApp) -> list[str]:
    """The prompts the open command palette offers, as plain text."""
    from textual.command import CommandList, CommandPalette

    if not CommandPalette.is_open(app):
        return []
    return [str(getattr(o.prompt, "plain", o.prompt)) for o in app.screen.query_one(CommandList).options]


async def settle(app: NewsApp, pilot: Pilot) -> ReaderScreen:
    """Wait until an article is open with its analysis and related quotes, and nothing runs.

    The analysis worker lives as long as the screen, so this waits on what the reader sees
    (and on the other workers), not on every worker ending.
    """
    screen = app.screen
    assert isinstance(screen, ReaderScreen)

    def quiet() -> bool:
        return (
            not screen.loading
            and screen.article_id is not None
            and (screen.analysis is not None or screen.analysis_runner.error is not None)
            and not screen.status_bar.line.busy
            and (screen.quotes.related is not None or screen.analysis is None)
        )

    await wait_for(pilot, quiet, "the reader settles", tries=3000)
    await finish_workers(app, lambda w: w.group != "analysis")
    await pilot.pause()
    return screen


@pytest.mark.slow
async def test_paints_before_analysis_then_fills_in(library):
    rows = library.articles()
    assert rows and not any(r.analysed for r in rows)
    app = NewsApp(library)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        # Sidebar and text come at once; the analysis is still to come.
        await wait_for(pilot, lambda: screen.body.document is not None, "the first article's text")
        assert list(screen.sidebar.rows) == [r.id for r in rows]
        assert screen.article_id == rows[0].id and screen.body.document.text
        assert screen.analysis is None
        assert screen.quotes.state == "pending"
        assert screen.summary.bullets is None
        status = screen.status_bar.line
        assert status.busy and ("Analysing" in status.right or "Loading" in status.right)
        assert "analysing" in str(screen.body.border_subtitle)
        await wait_for(pilot, lambda: screen.analysis is not None, "the open article analysed")
        assert screen.quotes.state == "ready"
        assert screen.summary.bullets is not None
        assert screen.body.analysis is screen.analysis
        # Then the rest of the library, each row updated as it is done.
        await wait_for(
            pilot, lambda: "All articles analysed" in screen.status_bar.line.right, "library analysed", 3000
        )
        assert all(r.analysed for r in screen.sidebar.rows.values())
        assert "◌" not in screen.sidebar.article_list.row_text(rows[-1].id)
        assert library.unanalysed() == []


async def test_cached_analysis_shows_with_the_text(analysed_library):
    app = NewsApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        await wait_for(pilot, lambda: screen.body.document is not None, "the first article's text")
        # Text and analysis arrive together: the reader never sees "Analysing…".
        assert screen.analysis is not None and screen.body.analysis is screen.analysis
        assert screen.quotes.state == "ready"
        assert "analysing" not in str(screen.body.border_subtitle)
        assert not screen.status_bar.line.busy


async def test_cursor_keys_open_articles_and_persist_read_state(analysed_library, monkeypatch):
    rows = analysed_library.articles()
    asked: list[int] = []
    monkeypatch.setattr(analysed_library, "analyze", asked.append)
    assert not rows[1].read
    app = NewsApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        assert screen.sidebar.article_list.has_focus
        await pilot.press("down")
        await wait_for(pilot, lambda: screen.article_id == rows[1].id, "down opens the next article")
        await pilot.press("j")
        await wait_for(pilot, lambda: screen.article_id == rows[2].id, "j opens the next article")
        await pilot.press("k")
        await wait_for(pilot, lambda: screen.article_id == rows[1].id, "k opens the previous article")
        await pilot.press("up")
        await wait_for(pilot, lambda: screen.article_id == rows[0].id, "up opens the previous article")
        await pilot.press("G")
        await wait_for(pilot, lambda: screen.article_id == rows[-1].id, "G opens the last article")
        await pilot.press("g")
        await wait_for(pilot, lambda: screen.article_id == rows[0].id, "g opens the first article")
        # Skimmed past: still unread; the article the cursor rests on is read after 2 s (mark_read).
        assert not screen.sidebar.rows[rows[1].id].read and not screen.sidebar.rows[rows[2].id].read
        assert screen.sidebar.article_list.row_text(rows[1].id).startswith("●")
        await wait_for(pilot, lambda: screen.sidebar.rows[rows[0].id].read, "read after resting on it")
        assert not screen.sidebar.article_list.row_text(rows[0].id).startswith("●")
        await finish_workers(app, lambda w: w.group == "store")
    # ...and in the store.
    read = {r.id: r.read for r in analysed_library.articles()}
    assert read[rows[0].id] and not read[rows[1].id] and not read[rows[2].id] and not read[rows[3].id]
    assert asked == []  # navigating a pre-analysed library never asks the model for anything


@pytest.mark.parametrize("after", [0.0, None])
async def test_mark_read_on_open_or_manual(analysed_library, after):
    from tui.core.config import Settings

    rows = analysed_library.articles()
    app = NewsApp(analysed_library, settings=Settings(mark_read_after=after))
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        await pilot.press("down")
        await wait_for(pilot, lambda: screen.article_id == rows[1].id, "down opens the next article")
        if after == 0.0:  # "on-open"
            await wait_for(pilot, lambda: screen.sidebar.rows[rows[1].id].read, "read at once")
        else:  # "manual": only m marks it
            await pilot.pause(0.3)
            assert not screen.sidebar.rows[rows[1].id].read and not screen.sidebar.rows[rows[0].id].read
            await pilot.press("m")
            assert screen.sidebar.rows[rows[1].id].read


async def test_enter_opens_and_focuses_the_body(analysed_library):
    rows = analysed_library.articles()
    app = NewsApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        screen.sidebar.article_list.cursor = 3
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.article_id == rows[3].id, "Enter opens the article")
        assert screen.body.has_focus


async def test_tab_cycles_the_panes(analysed_library):
    app = NewsApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        order = ["articles", "body", "quotes", "summary", "feeds", "articles"]
        assert app.focused is not None and app.focused.id == order[0]
        for expected in order[1:]:
            await pilot.press("tab")
            assert app.focused is not None and app.focused.id == expected
        await pilot.press("shift+tab", "shift+tab")
        assert app.focused is not None and app.focused.id == "summary"
        assert screen.summary.has_focus


async def test_body_scrolls_with_page_keys_space_and_g(analysed_library):
    app = NewsApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        body = screen.body
        assert body.max_scroll_y > 0
        await pilot.press("pagedown")  # from the sidebar: the body scrolls whichever pane has focus
        assert body.scroll_y > 0
        first = body.scroll_y
        await pilot.press("space")
        assert body.scroll_y > first
        await pilot.press("pageup")
        assert body.scroll_y < body.max_scroll_y
        await pilot.press("tab")
        assert body.has_focus
        await pilot.press("G")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("g")
        await pilot.pause()
        assert body.scroll_y == 0
        await pilot.press("j", "j", "down")
        await pilot.pause()
        assert body.scroll_y == 3
        await pilot.press("k")
        await pilot.pause()
        assert body.scroll_y == 2


def _entity_colour(screen: ReaderScreen) -> tuple[str, str | None]:
    """The first highlightable mention and the colour its row renders it in."""
    body = screen.body
    mention = body.entities[0]
    row = body.row_of(mention.start)
    assert row is not None
    body.scroll_to(y=row, animate=False, immediate=True)
    strip = body.render_line(row - int(body.scroll_y))
    for segment in strip:
        if mention.text.split()[0] in segment.text:
            colour = segment.style.color if segment.style else None
            return mention.text, (colour.name if colour else None)
    raise AssertionError(f"{mention.text!r} not on its row")


async def test_h_toggles_entity_highlighting(analysed_library):
    app = NewsApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        _text, on = _entity_colour(screen)
        assert screen.article_view.highlight and screen.body.highlight
        await pilot.press("h")
        assert not screen.article_view.highlight and not screen.body.highlight
        _text, off = _entity_colour(screen)
        assert on != off
        legend = screen.query_one("#legend").render().plain
        assert "off" in legend
        await pilot.press("h")
        assert screen.body.highlight
        assert _entity_colour(screen)[1] == on


async def test_brackets_jump_between_entity_mentions(analysed_library):
    app = NewsApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        mentions = screen.body.entities
        assert len(mentions) > 3
        await pilot.press("right_square_bracket")
        assert screen.body.mark == (mentions[0].start, mentions[0].end)
        await pilot.press("right_square_bracket")
        second = screen.body.mark
        assert second is not None and second[0] > mentions[0].start
        await pilot.press("left_square_bracket")
        assert screen.body.mark == (mentions[0].start, mentions[0].end)
        # Jumping to the last mention scrolls the body down to it.
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert screen.body.mark == (mentions[-1].start, mentions[-1].end)
        assert screen.body.scroll_y > 0
        row = screen.body.row_of(mentions[-1].start)
        assert row is not None
        assert screen.body.scroll_y <= row < screen.body.scroll_y + screen.body.size.height


async def test_choosing_a_quote_scrolls_to_it_and_marks_it(analysed_library):
    app = NewsApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        quotes = screen.quotes.quotes
        assert len(quotes) >= 2
        screen.quotes.focus()
        await pilot.press("G")  # the last option is a related quote or a note: go back to the quotes
        last = len(quotes) - 1
        screen.quotes.highlighted = screen.quotes.get_option_index(f"q{last}")
        await pilot.press("enter")
        await pilot.pause()
        q = quotes[last]
        assert screen.body.mark == (q.start, q.end)
        row = screen.body.row_of(q.start)
        assert row is not None
        assert screen.body.scroll_y <= row < screen.body.scroll_y + screen.body.size.height
        assert screen.quotes.has_focus  # browsing quotes goes on


async def test_related_quote_opens_its_article_at_the_quote(analysed_library):
    rows = analysed_library.articles()
    app = NewsApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        # Find an article with related quotes from the library.
        for row in rows:
            screen.open_article(row.id)
            await wait_for(
                pilot,
                lambda row=row: screen.article_id == row.id and screen.quotes.related is not None,
                "the article and its related quotes",
            )
            if screen.quotes.related:
                break
        related = screen.quotes.related
        assert related, "some seed article has related quotes"
        screen.quotes.focus()
        screen.quotes.highlighted = screen.quotes.get_option_index("r0")
        await pilot.press("enter")
        target = related[0]
        await wait_for(pilot, lambda: screen.article_id == target.article_id, "the related article opens")
        assert screen.body.mark == (target.quote.start, target.quote.end)
        assert screen.document is not None
        assert screen.document.text[target.quote.start : target.quote.end] == target.quote.text
        assert screen.sidebar.article_list.current_id == target.article_id
        # The quote is marked in the Quotes pane too, and the article scrolled to it.
        at = next(n for n, q in enumerate(screen.quotes.quotes) if (q.start, q.end) == screen.body.mark)
        await wait_for(
            pilot, lambda: screen.quotes.highlighted == screen.quotes.get_option_index(f"q{at}"), "marked"
        )
        row = screen.body._layout.row_of(target.quote.start) if screen.body._layout else None
        assert (
            row is not None and screen.body.scroll_y <= row < screen.body.scroll_y + screen.body.size.height
        )


async def test_summary_bullet_marks_its_sentence(analysed_library):
    app = NewsApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        bullets = screen.summary.bullets
        assert bullets
        screen.summary.focus()
        await pilot.press("enter")
        assert screen.body.mark is not None and screen.document is not None
        start, end = screen.body.mark
        assert screen.document.text[start:end] == bullets[0]


async def test_help_screen_lists_every_key(analysed_library):
    app = NewsApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = "\n".join(str(t.section) for t in app.screen.query(KeyTable))
        from tui.ui.keys import class_bindings
        from tui.ui.widgets.article_body import ArticleBody
        from tui.ui.widgets.article_list import ArticleList
        from tui.ui.widgets.feed_tree import FeedTree
        from tui.ui.widgets.quotes import QuotesPane
        from tui.ui.widgets.summary import SummaryPane

        for cls in (NewsApp, ReaderScreen, FeedTree, ArticleList, ArticleBody, QuotesPane, SummaryPane):
            for b in cls.BINDINGS:
                assert b.description in shown, f"{b.id} missing from help"
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("question_mark")
        await pilot.press("question_mark")
        assert isinstance(app.screen, ReaderScreen)
        assert class_bindings(ArticleList)


async def test_help_follows_the_keymap(analysed_library):
    app = NewsApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        app.set_keymap({"reader.highlight": "x"})
        await pilot.press("x")
        assert not screen.article_view.highlight
        everywhere = dict((d, k) for k, d in app.help_sections()[0][0][1])
        assert everywhere["Highlight"] == "x"


async def test_q_quits(analysed_library):
    app = NewsApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0
        assert not app.is_running

"""The entity legend under the article: every name whole at any width, on more lines when the
article pane is narrow (at 80 columns and below, beside the feeds and the side panes)."""

from __future__ import annotations

import pytest

from tests.helpers import shown_lines
from tests.test_app import settle
from tui.ui.app import NewsApp
from tui.ui.format import GROUP_NAMES
from tui.ui.widgets.legend import EntityLegend


def test_legend_lines_break_between_names_only():
    from tui.ui.widgets.legend import legend_lines

    names = list(GROUP_NAMES.values())
    assert legend_lines(names, 200) == [names]
    lines = legend_lines(names, 26)
    assert [n for line in lines for n in line] == names
    assert all(len("  ".join(line)) <= 26 for line in lines) and len(lines) == 2
    assert legend_lines(["Entity highlighting off", "h to turn on"], 10) == [
        ["Entity highlighting off"],
        ["h to turn on"],
    ]


@pytest.mark.parametrize("size", [(60, 24), (70, 24), (80, 24), (140, 40)])
async def test_every_name_of_the_legend_is_shown_whole(analysed_library, size):
    app = NewsApp(analysed_library)
    async with app.run_test(size=size) as pilot:
        screen = await settle(app, pilot)
        legend = screen.query_one(EntityLegend)
        shown = [line.split() for line in shown_lines(legend)]
        assert [word for line in shown for word in line] == list(GROUP_NAMES.values())
        await pilot.press("h")  # highlighting off: the note, and the key that turns it on
        await pilot.pause()
        note = " ".join(" ".join(shown_lines(legend)).split())
        assert note == "Entity highlighting off h to turn on"


async def test_the_legend_shows_only_under_an_article_with_highlighted_entities(analysed_library):
    """Under an article not analysed yet, failed, or in another language ("not analysed: German"),
    the legend named colours that nothing on screen had."""
    from tui.core.models import Analysis

    app = NewsApp(analysed_library)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await settle(app, pilot)
        view, legend = screen.article_view, screen.query_one(EntityLegend)
        article_id, doc, analysis = screen.article_id, screen.document, screen.reading.analysis
        assert analysis is not None and analysis.entities and legend.display
        german = Analysis(entities=[], quotes=[], summary=[], language="de")
        for shown, unavailable in ((None, False), (None, True), (german, False)):
            view.show(article_id + 1000, doc, shown, unavailable=unavailable)
            await pilot.pause()
            assert not legend.display and legend.size.height == 0
        view.show(article_id, doc, Analysis(entities=[], quotes=[], summary=[]))  # nothing found
        await pilot.pause()
        assert not legend.display
        view.show(article_id, doc, analysis)
        await pilot.pause()
        assert legend.display and legend.size.height >= 1

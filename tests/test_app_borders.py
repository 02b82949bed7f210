"""The article pane's border title and subtitle at any width: below 80 columns the pane is narrow,
and a label that does not fit drops parts (the quote count, then the people) instead of being
cut mid-word with an ellipsis."""

from __future__ import annotations

import pytest

from tests.helpers import shown_lines
from tests.test_app import settle
from tui.ui.app import NewsApp
from tui.ui.format import fit_label
from tui.ui.widgets.article_view import analysis_subtitles, teaser_titles


def test_fit_label_takes_the_longest_wording_that_fits_whole():
    variants = ("137 mentions · 12 people · 9 quotes", "137 mentions · 12 people", "137 mentions")
    assert fit_label(variants, 40) == variants[0]
    assert fit_label(variants, 30) == variants[1]
    assert fit_label(variants, 17) == variants[2]
    assert fit_label(variants, 10) == ""


@pytest.mark.parametrize("size", [(60, 24), (70, 24), (79, 24), (80, 24), (140, 40)])
async def test_the_article_borders_are_never_cut_mid_word(analysed_library, size):
    app = NewsApp(analysed_library)
    async with app.run_test(size=size) as pilot:
        screen = await settle(app, pilot)
        body = screen.body
        analysis = screen.reading.analysis
        subtitles = analysis_subtitles(analysis)
        titles = teaser_titles("f")
        for teaser in (False, True):
            screen.article_view.show(screen.article_id, screen.document, analysis, teaser=teaser)
            await pilot.pause()
            lines = shown_lines(body)
            top, bottom = lines[0], lines[-1]
            assert "…" not in top and "…" not in bottom, (top, bottom)
            shown = [s for s in subtitles if s in bottom]
            assert shown or body.outer_size.width < 16, bottom
            if size[0] >= 140:
                assert subtitles[0] in bottom and "quote" in bottom
            if teaser:
                assert any(t in top for t in titles), top

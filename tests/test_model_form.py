"""Typographic apostrophes in contractions reach the model as plain ones ("it’s" read as "it's"):
the small model tags "’s" after "it" as a modal, and "it’s still the device that 'completes the
story'" then lost the copula that says the quoted words describe a thing. What is shown keeps the
apostrophes as written; possessives and closing quotation marks are left alone."""

from __future__ import annotations

import pytest

from tests.test_quotes_speakers import speaker_of
from tui.core.analysis.doc_text import model_form, shown_form
from tui.core.reader import parse_text


def test_contractions_are_plain_for_the_model_and_nothing_else_changes():
    text = "It’s here, we’re sure, and they don’t know Clinton’s plan or the ‘story’ of O’Brien."
    model = model_form(text)
    assert model == "It's here, we're sure, and they don't know Clinton’s plan or the ‘story’ of O’Brien."
    assert len(model) == len(text)
    assert shown_form(model, text) == text


@pytest.mark.slow
def test_the_thing_a_contracted_copula_describes_says_nothing(quotes):
    text = (
        "Streaming box\n\nWith a large library of apps and a simple interface, the Vireo Box is one of "
        "the quiet successes of the lineup. Years later, it’s still the device that “completes the "
        "story” of the home.\n"
    )
    assert speaker_of(quotes(text), "completes the story") is None


@pytest.mark.slow
def test_summaries_keep_the_apostrophes_as_written(analyzer):
    """(A guard: bullets were the model's text, which now has plain apostrophes; before the change
    there was nothing to put back, and it passes then too.)"""
    text = (
        "Trams\n\nThe city council of Eastbridge approved a new transport budget on Tuesday, and it’s "
        "the largest in its history.\n\nThe mayor said the trams would run by spring. Work on the "
        "lines starts in March, and the council’s engineers don’t expect delays.\n"
    )
    bullets = analyzer.analyze(parse_text(text)).summary
    assert any("it’s the largest" in b for b in bullets)
    assert all("'" not in b for b in bullets)

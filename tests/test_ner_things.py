"""A name the model took for a person but the text uses as a thing, with an article or a possessive
of its own ("the Switch", "a Keyboard Maestro"), is no person; a name qualifying a noun ("the Obama
administration") and a family ("the Clintons") stay people."""

from __future__ import annotations

import pytest

from tui.core.reader import parse_text

pytestmark = pytest.mark.slow  # the real spaCy pipeline


def labels(analyzer, text: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for e in analyzer.analyze(parse_text(text)).entities:
        out.setdefault(e.text, set()).add(e.label)
    return out


def test_a_gadget_with_an_article_of_its_own_is_no_person(analyzer):
    found = labels(
        analyzer, "Games\n\nMarco and Casey can't stop talking about the Switch and its new games.\n"
    )
    assert found["Switch"] == {"PRODUCT"}
    assert found["Marco"] == {"PERSON"}


def test_an_app_after_an_indefinite_article_is_no_person_and_neither_are_its_other_mentions(analyzer):
    found = labels(
        analyzer,
        "Desk notes\n\nI moved the podcast to the Mac Mini last week, and I wrote a Keyboard Maestro "
        "macro for it. To handle the rest, I created a Keyboard Maestro called Floatize.\n",
    )
    assert found["Mac Mini"] == {"PRODUCT"}
    assert "PERSON" not in found["Keyboard Maestro"]


def test_every_model_of_a_product_line_goes_with_the_article(analyzer):
    found = labels(analyzer, "Phones\n\nNokia unveiled two handsets: the Lumia 800 and the Lumia 710.\n")
    assert found["Lumia"] == {"PRODUCT"}


def test_a_name_qualifying_a_noun_and_a_family_stay_people(analyzer):
    """(A guard: these pass before the rule too, and must after it.)"""
    found = labels(
        analyzer,
        "Politics\n\nThe Obama administration said the Clintons met Senator Mark Kelly at the White House.\n",
    )
    assert found["Obama"] == {"PERSON"}
    assert found["Clintons"] == {"PERSON"}
    assert found["Mark Kelly"] == {"PERSON"}

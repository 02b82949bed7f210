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


def test_an_app_after_an_indefinite_article_is_no_person(analyzer):
    found = labels(
        analyzer,
        "Desk notes\n\nI moved the podcast to the Mac Mini last week. To handle the rest, I created "
        "a Keyboard Maestro called Floatize.\n",
    )
    assert found["Mac Mini"] == {"PRODUCT"}
    assert found["Keyboard Maestro"] == {"PRODUCT"}


def test_a_definite_article_inside_the_models_span_counts_too(analyzer):
    found = labels(
        analyzer, "Apps\n\nDevelopers say the App Store needs to change so that apps can survive.\n"
    )
    assert "PERSON" not in found.get("the App Store", set()) | found.get("App Store", set())


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


def test_a_person_named_with_an_indefinite_article_once_stays_a_person(analyzer):
    """(A guard: the article counts as one mention's word, not as a word for a place does.)"""
    found = labels(
        analyzer,
        "Concert\n\nBob Dylan played two nights in Paris. Fans were seeing a Bob Dylan changed by the "
        "old songs, and Bob Dylan knew it.\n",
    )
    assert found["Bob Dylan"] == {"PERSON"}


def test_a_character_someone_plays_stays_a_person(analyzer):
    found = labels(
        analyzer,
        "Convention\n\nThe panel had the voice actor of the cartoon, in which the veteran lead played the Joker.\n",
    )
    assert "PRODUCT" not in found.get("Joker", set())


def test_what_is_used_or_installed_is_a_thing(analyzer):
    found = labels(
        analyzer,
        "Notes\n\nI wrote the importer using Marshal, then told readers to install Keyboard Maestro "
        "and to download Glympse before the talk.\n",
    )
    assert found["Marshal"] == found["Keyboard Maestro"] == found["Glympse"] == {"PRODUCT"}


def test_people_who_use_things_stay_people(analyzer):
    """(A guard: this passes before the rule too.)"""
    found = labels(analyzer, "Talks\n\nTim Cook used the stage to talk, and Anna Lee used to work there.\n")
    assert found["Tim Cook"] == found["Anna Lee"] == {"PERSON"}


def test_a_single_name_something_happens_in_is_no_person(analyzer):
    """A person is not a place things happen in: "works in Safari", "written in Java"."""
    found = labels(
        analyzer,
        "Browsers\n\nThe new reader mode works in Safari and the tests were written in Java by the team.\n",
    )
    assert "PERSON" not in found.get("Safari", set()) | found.get("Java", set())


def test_a_person_named_in_full_elsewhere_stays_a_person_after_in(analyzer):
    """(A guard: the full name's votes win over one "in".)"""
    found = labels(
        analyzer,
        "Markets\n\nInvestors said Janet Yellen would calm them. Their faith in Yellen grew, and Yellen "
        "spoke again on Friday.\n",
    )
    assert found["Yellen"] == {"PERSON"}


def test_a_surname_of_several_words_is_the_full_name_short_form(analyzer):
    found = labels(
        analyzer,
        'France\n\nMarine Le Pen said the plan was wrong. "We will fight it," Le Pen said on Sunday, '
        "and Bill de Blasio agreed. Later de Blasio left.\n",
    )
    assert found["Le Pen"] == {"PERSON"}


def test_no_one_is_called_by_a_code_a_version_or_an_address(analyzer):
    """Formats, languages and versions the model took for people are things ("JSON", "HTML5",
    "C++"); initials still name people ("JFK"); a web address is no name at all."""
    found = labels(
        analyzer,
        "Formats\n\nWe noticed that JSON has become the choice for APIs. JSON is simpler to read than "
        "XML, said Brent Simmons. The code is written in C++ and HTML5 by JFK fans. Read it at "
        "http://bit.ly/2hoewDI today.\n",
    )
    assert "PERSON" not in found.get("JSON", set()) | found.get("HTML5", set()) | found.get("C++", set())
    assert found["Brent Simmons"] == {"PERSON"} and found["JFK"] == {"PERSON"}
    assert not [name for name in found if "bit.ly" in name]

"""Entity types from context, with the real spaCy model, on sentences of our own.

A name before a place noun is a place, a "product" that holds summits is an organisation, a
nationality before a body's name is that body, and a name "who" describes is a person. The founding seed must type every person, place and organisation as the text does.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import make_doc
from tui.core.models import Entity
from tui.core.reader import read_file

pytestmark = pytest.mark.slow  # the real spaCy pipeline

FOUNDING = Path(__file__).resolve().parents[1] / "seeds" / "000_5d177d52626f6432.txt"


def labels(analyzer, *parts: tuple[str, str]) -> dict[str, str]:
    doc = make_doc(("headline", "Council news"), *parts)
    ents: list[Entity] = analyzer.analyze(doc).entities
    return {e.text: e.label for e in ents}


def test_a_name_before_a_place_noun_is_a_place(analyzer):
    found = labels(
        analyzer,
        ("paragraph", "Farmers in the Veldor region of Norvania lost most of their harvest to the floods."),
    )
    assert found.get("Veldor") in ("GPE", "LOC")


def test_an_organisation_that_holds_a_summit(analyzer):
    found = labels(
        analyzer, ("paragraph", "Leaders met at the G-30 summit in Lisbon on Monday to discuss trade.")
    )
    assert found.get("G-30") == "ORG"


def test_a_nationality_before_a_body_is_one_name(analyzer):
    found = labels(
        analyzer,
        ("paragraph", "The army said Islamic State fighters had left the town before dawn on Sunday."),
    )
    assert found.get("Islamic State") == "ORG"
    assert "Islamic" not in found


def test_founding_people_places_and_organisations(analyzer):
    doc = read_file(FOUNDING)
    ents = analyzer.analyze(doc).entities
    by_text: dict[str, set[str]] = {}
    for e in ents:
        by_text.setdefault(e.text, set()).add(e.label)
    for name in (
        "Barack Obama",
        "Vladimir Putin",
        "John Kerry",
        "Sergei Lavrov",
        "Bashar al-Assad",
        "Donald Trump",
    ):
        assert by_text.get(name) == {"PERSON"}, name
    for name in ("Syria", "Russia", "China", "Hangzhou", "Laos", "Ukraine", "Crimea"):
        assert by_text.get(name) == {"GPE"}, name
    for name in ("Islamic State", "G-20", "the Democratic National Committee", "Bloomberg News"):
        assert by_text.get(name) == {"ORG"}, name


def test_a_name_described_with_who_is_a_person(analyzer):
    found = labels(
        analyzer,
        ("paragraph", "Later Brooklyn, who was honoured with the lifetime award, thanked her family."),
    )
    assert found.get("Brooklyn") == "PERSON"
    place = labels(
        analyzer, ("paragraph", "The museum moved to Brooklyn, which had offered it a larger hall.")
    )
    assert place.get("Brooklyn") == "GPE"

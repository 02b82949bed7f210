"""Names in a Title Case headline are held to what the body names: the small model runs a name on
into the verb after it ("Brevix Launches Platform"), which would then head the organisation's page."""

from __future__ import annotations

import pytest

from tui.core.analysis.ner_headline import title_case
from tui.core.reader.html import parse_html

pytestmark = pytest.mark.slow  # the real spaCy pipeline

BODY = (
    "<p>{name} said on Tuesday that it would start selling its service to customers in three more "
    "countries next year, after a slow first year at home.</p><p>The company did not give figures.</p>"
)


def names(analyzer, headline: str, name: str) -> list[str]:
    page = f"<html><body><article><h1>{headline}</h1>{BODY.format(name=name)}</article></body></html>"
    return [
        e.text for e in analyzer.analyze(parse_html(page)).entities if e.label not in ("DATE", "CARDINAL")
    ]


def test_a_title_case_headline_name_stops_where_the_body_stops_naming_it(analyzer):
    found = names(
        analyzer, "Brevix Launches Platform To Give Shops Access To Their Customers’ Reviews", "Brevix"
    )
    assert found == ["Brevix", "Brevix"]  # not "Brevix Launches Platform"


def test_headlines_in_sentence_case_or_capitals_are_not_title_case():
    assert title_case("Nokia Strikes Supplier Deal With Kaltor For New Handsets")
    assert not title_case("Russia-backed Syrian peace talks agree deal on new constitution")
    assert not title_case("SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .")
    assert not title_case("Toyota Recalls Cars")  # too short to tell

"""A cited work's title in quotation marks is no quote: a references list ('Lena Ortiz, “Tidal
Locks,” March 2010. https://...'), a podcast's sources ('Source: “How Many Ferries Run?” The Harbor
Times, April 2017.'), a poster's slogan with its year (“No to the bridge” (2005)). End to end through
the real spaCy pipeline, on text of our own. A quote that a reporting verb follows before the
address, and a long excerpt of someone's writing before its link, stay quotes.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow  # the real spaCy pipeline


def test_titles_in_a_references_list_are_no_quotes(quotes):
    text = (
        "Locks\n\nThe harbor locks were rebuilt twice, and the second rebuild is still studied.\n\n"
        "References\n\n1. Lena Ortiz, “Tidal Locks and the Cities That Need Them,” March 2010. "
        "https://example.org/locks\n\n2. Tom Reyes, “What the second rebuild taught us about water,” "
        "Harbor Review, May 2014. https://example.org/rebuild\n"
    )
    assert quotes(text) == []


def test_sources_read_out_in_show_notes_are_no_quotes(quotes):
    text = (
        "Episode 12\n\nThis week we look at ferries. (0:13) Source: “How Many Ferries Run in the Bay Every "
        "Day?” The Harbor Times, April 2017. http://example.com/f (1:02) “Why the Night Ferry Lost Money,” "
        "Bay Business, June 2016. http://example.com/n\n"
    )
    assert quotes(text) == []


def test_a_posters_slogan_with_its_year_is_no_quote(quotes):
    text = (
        "Posters\n\nThe party's posters set the tone.\n\n“Lose the harbor? Lose the jobs? No to the bridge” "
        "(2005) — “Yes to the ferry, no to the tolls” (2009). (Party archive.)\n"
    )
    assert quotes(text) == []


def test_a_quote_a_reporting_verb_follows_stays_before_an_address(quotes):
    text = (
        "Locks\n\n“We will rebuild the locks this year and open them by June,” said Mayor Ana Ruiz on "
        "Tuesday, https://example.org/ruiz\n"
    )
    found = quotes(text)
    assert len(found) == 1 and "Ruiz" in (found[0].speaker or "")


def test_a_long_excerpt_before_its_link_stays_a_quote(quotes):
    words = " ".join(
        ["The ferry ran late again on Monday, and riders said the delays were getting worse."] * 3
    )
    text = f'Digest\n\n"Ferry riders fume," by the Bay Times\' Lena Ortiz: "{words}" http://example.com/x\n'
    assert any(q.text.startswith("The ferry ran late") for q in quotes(text))

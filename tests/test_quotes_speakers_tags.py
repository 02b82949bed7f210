"""Speakers whose names the small model tagged as something else, end to end through the real
spaCy pipeline, on sentences of our own.

A writer or host named after the outlet's possessive ("The Northern Republic's Helen Strand") is
often tagged as one place or body with it: the person is a person of their own, in the entities and
as the speaker, and the outlet stays a name of its own.
"""

from __future__ import annotations

import pytest

from tests.test_quotes_speakers import speaker_of
from tui.core.reader import parse_text

pytestmark = pytest.mark.slow  # the real spaCy pipeline


def test_a_person_after_an_outlets_possessive_is_the_speaker(quotes):
    text = (
        "Harbor plan\n\nCritics were quick to respond. The Northern Republic’s Helen Strand calls the "
        'plan "a gift to developers."\n'
    )
    assert speaker_of(quotes(text), "gift to developers") == "Helen Strand"


def test_a_person_after_an_outlets_possessive_is_an_entity_of_their_own(analyzer):
    text = (
        "Harbor plan\n\nCritics were quick to respond. The Valley Republic’s Owen Birk calls the plan "
        '"a gift to developers." Birk has covered the council for a decade.\n'
    )
    ents = {(e.text, e.label) for e in analyzer.analyze(parse_text(text)).entities}
    assert ("Owen Birk", "PERSON") in ents
    assert not any("Owen" in t and "Republic" in t for t, _ in ents)


def test_a_headline_possessive_before_capitalised_words_stays_whole(analyzer):
    text = "Mayor’s Harbor Grab Draws Fire\n\nThe council met on Tuesday to debate the harbor plan.\n"
    ents = {e.text for e in analyzer.analyze(parse_text(text)).entities}
    assert "Harbor Grab" not in ents

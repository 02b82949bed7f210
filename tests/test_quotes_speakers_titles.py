"""Speakers the title of a person ("the senator said") stands for, end to end through the real
spaCy pipeline, on sentences of our own.

A definite title means the one person the sentence before names, even when someone else in the
text once bore that title, and even when a cheer cut off by a quotation mark ('to chants of
"Go!') stands between as a sentence of its own; after a question put by someone, the title that
answers may mean anyone else, so no guess is made. Two bare titles before a name ("author and
historian Jane Doe") are that one person.
"""

from __future__ import annotations

import pytest

from tests.test_quotes_speakers import speaker_of

pytestmark = pytest.mark.slow  # the real spaCy pipeline


def test_a_title_means_the_person_just_named_not_an_earlier_holder(quotes):
    text = (
        "Harbor race\n\nSen. Ruth Calloway kept her lead in the polls on Sunday.\n\n"
        "Dennis Okafor visited a union hall in Bayport to thank his volunteers. Stepping inside "
        'to chants of "Dennis! Dennis!," the senator said his campaign was "surging at last."\n'
    )
    assert speaker_of(quotes(text), "surging at last") == "Dennis Okafor (the senator)"


def test_a_title_answering_a_question_is_not_the_asker(quotes):
    text = (
        "Studio talk\n\nLaura Pettit spoke with the senator on Sunday about the harbor bill.\n\n"
        '"Is that a promise?" Pettit asked.\n\n'
        '"It is a promise, yes. We will pass it," the senator said.\n'
    )
    assert speaker_of(quotes(text), "We will pass it") != "Laura Pettit"


def test_two_bare_titles_before_a_name_are_one_person(quotes):
    # The small parser makes the first title the subject and the name its conjunct ("author" nsubj,
    # "Smith" conj), and may tag the title as an adjective ("academic").
    text = (
        "Bridge debate\n\nThe council met on Tuesday to discuss the bridge.\n\n"
        'Local author and historian Helen Marsh wrote: "The bridge has outlived three cities."\n\n'
        'Canadian academic and professor Oren Falk commented, "Hoping the vote brings a real debate."\n'
    )
    found = quotes(text)
    assert speaker_of(found, "outlived three cities") == "Helen Marsh"
    assert speaker_of(found, "brings a real debate") == "Oren Falk"


def test_a_determined_title_and_a_name_are_not_merged(quotes):
    text = (
        "Bridge debate\n\nThe council met on Tuesday to discuss the bridge.\n\n"
        'The engineer and Helen Marsh said in a statement: "We will rebuild the bridge by spring."\n'
    )
    assert speaker_of(quotes(text), "rebuild the bridge") != "Helen Marsh"

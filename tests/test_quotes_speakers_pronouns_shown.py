"""Pronoun speakers of people a sentence shows or describes, end to end through the real spaCy
pipeline, on sentences of our own.

A person a subject shows ("Footage of Okafor appears", "A video of the mayor plays") is what the
sentence is about: a "he says" after it means them, not a speaker named sentences before.
"""

from __future__ import annotations

import pytest

from tests.test_quotes_speakers import speaker_of

pytestmark = pytest.mark.slow  # the real spaCy pipeline


def test_he_after_footage_of_someone_is_the_one_shown(quotes):
    text = (
        "Recruiting film\n\nBefore the senator appears, the preacher Samuel Okafor, who died in 2014, "
        'is shown speaking: "Take heed." Senator Mark Dunleavy then appears in a clip from a rally, '
        'saying, "We must close the border tonight." The crowd cheers his words.\n\n'
        'Footage of Okafor again appears. "The cities will turn on you," he says. '
        'He adds that listeners have one choice: "Leave now."\n'
    )
    found = quotes(text)
    assert speaker_of(found, "The cities will turn on you") == "Samuel Okafor"
    assert speaker_of(found, "Leave now") == "Samuel Okafor"


def test_he_after_a_clause_about_the_one_just_introduced_is_that_person(quotes):
    # No one before can be "he" but a man named only in passing: the clause is the speaker's own.
    text = (
        "Endorsements\n\nSome Republicans oppose electing Victor Hale so strongly that they back his "
        "rival.\nFormer Rep. Dennis Marlow (R-Conn.) was for Kasich while the governor was running, "
        'he said Wednesday on a radio show.\n"She is my next choice. Hale lost me long ago," he said.\n'
    )
    assert speaker_of(quotes(text), "She is my next choice") == "Dennis Marlow"


def test_he_after_a_clause_about_someone_else_is_still_the_speaker_before(quotes):
    text = (
        "Voters\n\nJoseph Tran, a conservative blogger in Chicago, said he will not vote for Victor Hale "
        'because of his rhetoric. Also, Hale is no conservative, he said. "He is a liberal!"\n'
    )
    assert speaker_of(quotes(text), "He is a liberal") == "Joseph Tran"

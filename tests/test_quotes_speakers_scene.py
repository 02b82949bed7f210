"""A speaker in a clause that only sets the scene ("since X promised ...", "after X said ...") is in
the background: a later "he says" goes on from the sentence's own subject or the speaker before it,
not from the person named in the side clause (issue 9: a Daring Fireball item gave "he says" to Tim
Cook, named in such a clause, instead of the person the paragraph is about). And words quoted in
what a thing is said to be ("it is the device that 'completes the story'") are the writer's: the
thing says nothing there."""

from __future__ import annotations

import pytest

from tests.test_quotes_speakers import speaker_of

pytestmark = pytest.mark.slow  # the real spaCy pipeline


def test_he_says_skips_the_subject_of_a_since_clause(quotes):
    text = (
        "Harbour works\n\n"
        '"We will not stop until the last pier stands," Nils Lind tells the crew.\n\n'
        "In the months since Karl Weber promised to cut the budget, Lind's crew has finished two "
        'piers. "We poured four hundred tonnes of concrete," he says.\n'
    )
    found = quotes(text)
    assert speaker_of(found, "last pier stands") == "Nils Lind"
    assert speaker_of(found, "four hundred tonnes") == "Nils Lind"


def test_he_said_skips_the_speaker_of_an_after_clause(quotes):
    text = (
        "Budget\n\n"
        "Mayor Tom Berg opened the meeting on Monday. After Paul Nash said the plan was too costly, "
        'the mayor took the floor. "This city cannot wait another ten years," he said.\n'
    )
    found = quotes(text)
    assert speaker_of(found, "another ten years") == "Tom Berg"


def test_words_quoted_in_what_a_thing_is_said_to_be_have_no_speaker(quotes):
    text = (
        "Gadgets\n\n"
        "Since Norvex Corp. opened its reader to outside developers, it has gone from fun to "
        'indispensable. Just like all those years ago, it is still the device that "rounds out the '
        "family\" of Norvex's products.\n\n"
        "Those expecting that the Senate Budget Committee's first hearing would be remarkable were "
        'disappointed. It was mostly a rehash of familiar points, and some awkward "bridge building" '
        "on trade.\n"
    )
    found = quotes(text)
    assert speaker_of(found, "rounds out the family") is None  # not Norvex: the writer's words for it
    assert speaker_of(found, "bridge building") is None  # not the committee: "it" says nothing there

"""A bare family name linked to the right member of a family the text names several of, end to end
through the real spaCy pipeline, on sentences of our own.

The linker gives a bare family name the full name the article mentions most, which a run of
mentions of a relative can tip. The courtesy title on the bare name ("Mrs. Haller") and the pronouns
after it where it is the only person of its sentence ("Lindqvist ... said she hoped") tell which
member it is, so a later "she" does not skip her for someone the text never called "she".

A given name the model reads as a thing ("Ivanka" a product) right before the family name of someone
named in full is joined to it: one person, not a thing and a bare "Trump" given to her father.
"""

from __future__ import annotations

import pytest

from tests.test_quotes_speakers import speaker_of

pytestmark = pytest.mark.slow  # the real spaCy pipeline


def test_pronouns_after_a_bare_family_name_pick_the_member_of_that_sex(quotes):
    text = (
        "Gala\n\nMartha Lindqvist chaired the museum gala on Friday. Later, Martha Lindqvist thanked "
        "donors. Her husband, Peter Lindqvist, gave a short toast. Peter Lindqvist also bought a "
        "painting, and Peter Lindqvist paid for the wine. Peter Lindqvist left early. Lindqvist, "
        "speaking to reporters after the dinner, said she hoped to raise more next year. Lindqvist "
        'thanked her staff. "We are not finished," Lindqvist said.\n'
    )
    assert speaker_of(quotes(text), "not finished") == "Martha Lindqvist"


def test_a_courtesy_title_picks_the_member_of_its_sex(quotes):
    text = (
        "Mill town\n\nGeorge Haller owns the mill. Anna Haller runs it. George Haller spoke at the "
        "hearing, and George Haller answered questions, as George Haller had promised. Mrs. Haller "
        'said the town needed the jobs. "Nobody else will hire them," Mrs. Haller said.\n'
    )
    assert speaker_of(quotes(text), "Nobody else") == "Anna Haller"


def test_a_given_name_the_model_reads_as_a_thing_joins_the_family_name(quotes):
    # (the small model reads "Ivanka" as a product and leaves "Trump" to Donald Trump)
    text = (
        "Factory tour\n\nOn the second day of the tour, Ivanka Trump walked through a tractor plant "
        "in Ohio. Her father, Donald Trump, stayed in New York. As Ivanka Trump thanked the workers, "
        'she smiled. "These machines are the best in the world," she said.\n'
    )
    assert speaker_of(quotes(text), "best in the world") == "Ivanka Trump"

"""Speaker classes of the spk2 round, end to end through the real spaCy pipeline, on sentences of our
own.

A speech verb the parser leaves without a subject ("she made a point of saying", "promised" hung under
another verb) takes the subject of the nearest clause above it when that is a name; a passive one with
no agent ("billed as '...'") borrows nobody.
"""

from __future__ import annotations

import pytest

from tests.test_quotes_speakers import speaker_of

pytestmark = pytest.mark.slow  # the real spaCy pipeline


def test_a_subjectless_speech_verb_takes_the_subject_above_it(quotes):
    text = (
        "Harbour plans\n\nMara Lindqvist wants to bring back the old ferry. She has touted her father’s "
        "shipping record—“the finest fleet on the whole coast”—and promised to put him in charge of the line.\n"
    )
    assert speaker_of(quotes(text), "finest fleet") == "Mara Lindqvist"


def test_a_verb_under_a_noun_takes_the_subject_of_its_clause(quotes):
    text = (
        "Flood visit\n\nGovernor Ilse Marwick toured the flooded valley on Friday. And she made a point "
        'of saying the volunteers who filled sandbags all night "were the real heroes of this town."\n'
    )
    assert speaker_of(quotes(text), "real heroes") == "Ilse Marwick"


def test_a_passive_verb_without_an_agent_borrows_no_speaker(quotes):
    text = (
        "Market news\n\nThe fund bought a stake in Castellan Foods. Its chief, described by nobody in "
        'particular, runs a company once billed as "the quiet giant of frozen peas" in trade papers.\n'
    )
    assert speaker_of(quotes(text), "quiet giant") is None

"""Pronoun speakers whose person the text makes clear, end to end through the real spaCy pipeline,
on sentences of our own.

The "her" inside a man's quoted words ('Voss added, "People judge her record ..."') is someone he
talks about, never evidence that he is a woman: a later "he" still means him.
"""

from __future__ import annotations

import pytest

from tests.test_quotes_speakers import speaker_of

pytestmark = pytest.mark.slow  # the real spaCy pipeline


def test_pronouns_in_a_mans_quote_do_not_make_him_a_woman(quotes):
    text = (
        "Poll troubles\n\n"
        '"The race is close and will stay close," said Democratic strategist Ron Tibbs.\n\n'
        'Gregory Voss added, "People judge her record, her temper and her speeches, and her numbers '
        'will recover by the fall."\n\n'
        "Voss, a pollster in Ohio, said the debates have helped the governor. But he also said that "
        'the attack ads have "done lasting damage" to her campaign.\n'
    )
    assert speaker_of(quotes(text), "done lasting damage") == "Gregory Voss"

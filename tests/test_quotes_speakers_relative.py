"""A relative clause on the quoted words tells what the quoted thing does, not who said it: the
search for the quote's reporting verb goes on past it ('"... for records" that would answer the
requests, lawyer Maria Colvin wrote'), where it used to stop with no speaker."""

from __future__ import annotations

import pytest

from tests.test_quotes_speakers import speaker_of

pytestmark = pytest.mark.slow  # the real spaCy pipeline


def test_a_relative_clause_on_the_quoted_words_passes_the_quote_on_to_the_reporting_verb(quotes):
    text = (
        'Court\n\n"If the agency obtains more records, it intends to search them for records" that '
        "would answer the requests, Justice Department lawyer Maria Colvin wrote in a court filing.\n"
    )
    assert speaker_of(quotes(text), "intends to search them") == "Maria Colvin"

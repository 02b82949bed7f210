"""Speakers that are things or events, or someone from another clause, end to end through the real
spaCy pipeline, on sentences of our own.

A quote in a clause of time or contrast ("long before officials started to call it '...'") joined
beside a reporting verb is that clause's subject's, not the words of whoever the reporting verb is
about ("the name was announced").

A participle after a clause with people in it ("when farm workers interrupted the mayor, shouting
'...'") is theirs, not the words of the event the main clause is about; a person's name before a
plural ("Holloway supporters") says whose they are, and is not the speaker. A cue after a quote that
opens the next quote ("Ricci then writes back, '...'") or reports a "that" clause of its own ("She
replied that ...") leaves the first quote to the clause before it. What someone found ("two
economists found that the bank is '...'") is theirs, not the words of the body it is about.
"""

from __future__ import annotations

import pytest

from tests.test_quotes_speakers import speaker_of

pytestmark = pytest.mark.slow  # the real spaCy pipeline


def test_a_clause_of_time_beside_a_reporting_verb_speaks_for_its_own_subject(quotes):
    text = (
        "Fire\n\nThe suspect’s name was announced on a police radio channel several times on Monday, "
        "long before Mayor Ellen Park started to portray the warehouse fire as a “tragic "
        "accident” on local television.\n"
    )
    assert speaker_of(quotes(text), "tragic accident") == "Ellen Park"


def test_a_participle_after_a_clause_with_people_in_it_is_theirs_not_an_events(quotes):
    text = (
        "Fair\n\nThe first clash came during a rally at the county fairground in Ashford, when farm "
        "workers interrupted the mayor, shouting “you sold us out to the developers!”\n"
    )
    assert speaker_of(quotes(text), "sold us out") == "farm workers"


def test_a_persons_name_before_a_plural_says_whose_they_are(quotes):
    text = (
        "Rally\n\nSenator Mark Holloway spoke in Dayton on Friday. At the rally, Holloway supporters "
        "interrupted a heckler, shouting “four more years, four more years!”\n"
    )
    assert speaker_of(quotes(text), "four more years") == "Holloway supporters"


def test_a_cue_after_a_quote_that_opens_the_next_quote_is_not_the_first_ones(quotes):
    text = (
        "Emails\n\nIn one exchange, Dana Morrow forwards a photo to her aide Paul Ricci. Morrow "
        "responds to Ricci with, “Why now? That was on my way to Oslo?” Ricci then writes back, "
        "“You look great.”\n"
    )
    found = quotes(text)
    assert speaker_of(found, "Why now") == "Dana Morrow"
    assert speaker_of(found, "look great") == "Paul Ricci"


def test_a_cue_after_a_quote_that_reports_a_that_clause_of_its_own_is_not_the_quotes(quotes):
    text = (
        "Letters\n\nIn June, after Jane Morrow broke her arm, Peter Lund emailed her his wishes, "
        "addressing her warmly as “Janie” and telling her, “you are the best mayor we ever had!” She "
        'replied to him that it was an "honor to serve the city with you."\n'
    )
    found = quotes(text)
    assert speaker_of(found, "best mayor") == "Peter Lund"
    assert speaker_of(found, "honor to serve") == "Jane Morrow"


def test_what_someone_found_is_theirs_not_the_words_of_the_body_it_is_about(quotes):
    text = (
        "Banks\n\nTwo economists, Karl Brandt and Lisa Moreau, found in 2015 that the Danish Central "
        "Bank is “the most careful in the world“ and Danish banks are “the safest in Europe.”\n"
    )
    assert speaker_of(quotes(text), "most careful") == "Karl Brandt"

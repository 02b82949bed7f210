"""Speakers the sentence names that used to be lost to another clause or left out, end to end
through the real spaCy pipeline, on sentences of our own.

A reporting verb in a clause that describes a noun ("which X said was '...'", "what X called
'...'") speaks for its own subject, not for the verb the sentence hangs on; the cue of an earlier
quotation that the parser hung beside the next clause is no aside in it; a paragraph of prose right
after "X wrote:" is X's text; a definite thing or body that can speak ("the ad", "the board") is the
subject a quote with no reporting verb sits under; a website speaks for whoever put it up.
"""

from __future__ import annotations

import pytest

from tests.test_quotes_speakers import speaker_of

pytestmark = pytest.mark.slow  # the real spaCy pipeline


def test_a_relative_clause_reports_for_its_own_subject(quotes):
    text = (
        "Transit fight\n\nMayor Ellen Ward criticized the transit plan, which Tom Baxter said was "
        '"reckless and unfunded" but did not block.\n'
    )
    assert speaker_of(quotes(text), "reckless and unfunded") == "Tom Baxter"


def test_a_that_clause_on_a_noun_reports_for_its_own_subject(quotes):
    text = (
        "Harbor bill\n\nMayor Ellen Ward said on Monday that she will veto the harbor bill after "
        "having slammed a measure backed by the council that Tom Baxter said would make "
        '"a bad budget much worse."\n'
    )
    assert speaker_of(quotes(text), "a bad budget much worse") == "Tom Baxter"


def test_a_free_relative_reports_for_its_own_subject(quotes):
    text = (
        'Council week\n\nAmid what Greta Lindqvist called a "humiliating month" for the mayor, a '
        "column by Omar Haddad says that the council will act soon.\n"
    )
    assert speaker_of(quotes(text), "humiliating month") == "Greta Lindqvist"


def test_the_cue_of_an_earlier_quote_is_no_aside_in_the_next_clause(quotes):
    text = (
        'Budget row\n\n"I never said that. I never said that," Ward said, after WKBW\'s Omar Haddad '
        "said the billionaire developer had derisively referred to Sen. Tom Lee (D-Ohio) as the "
        '"budget czar" of mogul Ann Fry.\n'
    )
    assert speaker_of(quotes(text), "budget czar") == "Omar Haddad"


def test_a_subject_without_a_relative_word_is_not_a_clause_above(quotes):
    # "Nothing the mayor said" is what the quote is said of; the speaker comes after it.
    text = (
        "Vote\n\nSenator Ann Fry spoke after the vote. Nothing the mayor said "
        '"will calm the voters," the Ohio senator said.\n'
    )
    assert speaker_of(quotes(text), "will calm the voters") == "Ann Fry (the Ohio senator)"


def test_a_double_mark_set_apart_after_a_closing_single_one_closes_the_quote(quotes):
    # '... cut it,' " said Ward': the double mark has a space on each side, yet it closes.
    text = (
        "Debate\n\n\"Look at the chart while someone says, 'We have to cut it,' \" said Mayor Ellen "
        "Ward during the debate, pointing at the screen.\n"
    )
    found = quotes(text)
    assert speaker_of(found, "Look at the chart") == "Ellen Ward"
    assert not any("pointing" in q.text for q in found)


def test_a_paragraph_after_a_colon_is_the_introduced_text(quotes):
    # The paragraph after "Baxter wrote:" is his text, quoted whole: a quotation inside it is his.
    text = (
        "Blog\n\nIn a post on his blog, Mayor Tom Baxter wrote:\n\nI think this plan is timely. "
        'The council wants the best choice. But what we should ask is "who will pay for it?"\n\n'
        "The council meets on Monday.\n"
    )
    assert speaker_of(quotes(text), "who will pay") == "Tom Baxter"


def test_a_definite_thing_is_the_subject_a_quote_sits_under(quotes):
    # No reporting verb and no name: "the ad" is what the sentence says used the words.
    text = (
        "Harbor ads\n\nThe Ward campaign released a new radio spot on Monday.\n\n"
        'The ad attacks a "council that keeps raising fares on working families."\n\n'
        "Ward will speak on Friday.\n"
    )
    assert speaker_of(quotes(text), "keeps raising fares") == "The ad"


def test_a_single_scare_word_under_a_thing_is_still_dropped(quotes):
    text = 'Fares\n\nThe ad attacks the "elites" again. The council meets on Friday.\n'
    assert not any("elites" in q.text for q in quotes(text))


def test_a_thing_does_not_take_words_it_reports_from_someone_else(quotes):
    # The quote hangs on "comments from Lee": the email only contradicts them.
    text = (
        "Email\n\nThe email appears to contradict earlier comments from Tom Lee that "
        '"nobody could have acted any faster on that night."\n'
    )
    assert speaker_of(quotes(text), "nobody could have acted") != "The email"


def test_a_thing_that_cannot_speak_takes_no_quote(quotes):
    text = 'Fares\n\nThe situation at the harbor is "entirely different from last year," for now.\n'
    assert speaker_of(quotes(text), "entirely different") is None


def test_a_website_speaks_for_whoever_put_it_up(quotes):
    text = (
        "Tolls\n\nThe Fair Fares campaign on Monday launched a website calling the new toll plan "
        '"a tax on the people who can least afford it."\n'
    )
    assert speaker_of(quotes(text), "least afford it") == "Fair Fares"

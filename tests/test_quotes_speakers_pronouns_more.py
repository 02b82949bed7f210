"""Pronoun speakers whose person the text makes clear, end to end through the real spaCy pipeline,
on sentences of our own.

The "her" inside a man's quoted words ('Voss added, "People judge her record ..."') is someone he
talks about, never evidence that he is a woman: a later "he" still means him.

Whoever puts a question to someone ("Hale was asked by moderator Pruitt whether ...") is no more
than a subject beside the one asked for a later "he": the answer is the one asked's. One asked
("Asked whether ..., Brandt shrugged") put no question.

A known family name made plural ("the Garveys") is a family, never "he". A speech participle that
the parser hangs on a clause of time whose subject is an event ("as the budget hearing began
vowing to ...") belongs to the main clause, whose subject vows.

A title after a sentence whose subject names others only in passing, in a participle clause or as
a possessive ("Dorsey took the stage, mocking Brisk. '...,' the former president said"), is that
subject; beside a companion ("toured the plant with Reyes") it still may be either.
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


def test_he_after_a_question_put_to_someone_is_who_answers(quotes):
    text = (
        "Debate night\n\nMayor Tom Hale was asked by moderator Dan Pruitt whether his plan for free "
        "buses would cost too much. The mayor's answer was that \"the city pays for roads, so it can "
        'pay for buses," and that riders would save money. But he stumbled.\n\n'
        '"The most important bus is the one you ride every day," he said.\n'
    )
    assert speaker_of(quotes(text), "most important bus") == "Tom Hale"


def test_one_asked_by_a_participle_put_no_question(quotes):
    text = (
        "Climate talks\n\nAsked whether he was worried that Senator Rick Dowd, who has called climate "
        "change a hoax, could win the election, Secretary-General Ole Brandt shrugged.\n\n"
        '"There is just one science," he said.\n'
    )
    assert speaker_of(quotes(text), "just one science") == "Ole Brandt"


def test_he_is_never_a_family(quotes):
    text = (
        "Party fight\n\nState party chairwoman Nina Garvey, 71, has run the party for twenty years.\n\n"
        "Author Leo Kemp spoke to the club on Friday. In his telling, the Garveys and their friends "
        'have never let go of power. "I respect their ruthlessness. You have to respect that," he said.\n'
    )
    assert speaker_of(quotes(text), "respect their ruthlessness") == "Leo Kemp"


def test_no_event_vows_in_a_clause_of_time(quotes):
    text = (
        "Budget\n\nCouncilman Tom Vance has said he will not give up. He sent out a fundraising email "
        'as the budget hearing began vowing to "fight for every vote" in the city.\n'
    )
    assert speaker_of(quotes(text), "fight for every vote") == "Tom Vance"


def test_a_title_after_a_sentence_is_its_subject_not_whom_it_acts_on(quotes):
    text = (
        "Rally notes\n\nThe campaign stop drew a big crowd. Sen. Walter Brisk of Ohio spoke first.\n\n"
        "Hal Dorsey then took the stage, mocking Brisk during a rally in Akron on Monday. "
        '"He is running harder against me than against the other party," the former president said, '
        "going on to list his own record.\n"
    )
    assert speaker_of(quotes(text), "running harder") == "Hal Dorsey (the former president)"
    beside = text.replace("then took the stage, mocking Brisk", "then toured the plant with Brisk")
    assert speaker_of(quotes(beside), "running harder") == "the former president"

"""Speakers a description, a title or an aside stands in for, end to end through the real spaCy
pipeline, on sentences of our own.

An "as X has said" aside that closes one clause vouches for that clause; when a conjunction then opens
another clause with a subject of its own before the quoted words ("... are not small - as Delgado has
said - and he can 'guarantee' ..."), the words are that subject's. An aside that opens the clause
holding the quote ("As Mayor Ortiz has pointed out, that is the 'textbook definition' of waste") is
still the aside's speaker's account.

A name inside an aside set off by dashes ("In the letter - addressed to the attorney general, Laura
Kinney - the Kansas Republican asks ...") is not the subject the parser makes it: the description
after the closing dash is.

"The senator said" after a sentence naming one person means that person, not an earlier senator,
unless the text gives the person another office: a role that is no office ("Mark Delgado, a lifelong
conservative") does not make them someone else.

A singular party member or people used as a title ("the Iowa Republican said", "the Texan said") means
the one person just named, as "the senator" would; "a Republican said" is still nobody named.

"He" as the subject of the second of two joined clauses is the person the first clause's "he" is
("He mocked his rivals, talked over them as they answered ... and he can 'guarantee' ..."), whatever
the words between mention or a misread "they" made a speaker.

A title after a sentence naming two people means the one whose sex a possessive in the title's own
clause tells ("Okafor went after Brandt. The governor began her speech ...").
"""

from __future__ import annotations

import pytest

from tests.test_quotes_speakers import speaker_of

pytestmark = pytest.mark.slow  # the real spaCy pipeline


def test_a_clause_after_an_as_aside_speaks_for_itself(quotes):
    text = (
        "Debate night\n\nAt the debate, every question put Harlow on the defensive. He mocked his rivals "
        "and even assured the crowd that his hands are not small - as Delgado has said - and he can "
        '"guarantee" that nothing else is small either.\n'
    )
    assert speaker_of(quotes(text), "guarantee") == "Harlow"


def test_an_opening_as_aside_keeps_its_speaker(quotes):
    text = (
        "Budget\n\nThe city spent $4 million on a bridge nobody uses. As Mayor Jane Ortiz has pointed "
        'out, that is basically the "textbook definition" of waste.\n'
    )
    assert speaker_of(quotes(text), "textbook definition") == "Jane Ortiz"


def test_a_name_between_dashes_is_not_the_subject(quotes):
    text = (
        "Email probe\n\nRep. Dana Whitcomb, R-Kan., has written again about the governor's emails, the "
        "third such letter this year.\n\nIn the letter - addressed to the state attorney general, Laura "
        'P. Kinney - the Kansas Republican asks for an inquiry into whether "the governor or his staff '
        'destroyed records that the committee had asked for."\n'
    )
    speaker = speaker_of(quotes(text), "destroyed records")
    assert speaker is not None and "Kinney" not in speaker and "Republican" in speaker


def test_a_title_means_the_person_just_named_whose_other_role_is_no_office(quotes):
    text = (
        "Senate feud\n\nRecall how Sen. Tom Harlan of Ohio hurt his name in 2004 when he dodged a "
        "question on the war.\n\nOn the stump, Mark Delgado, a lifelong conservative, asks voters for "
        'patience.\n\nDelgado makes his case in a radio ad airing across Nevada: "Fixing our roads is a '
        'matter of public safety," the senator says in the spot.\n'
    )
    assert speaker_of(quotes(text), "Fixing our roads") == "Mark Delgado (the senator)"


def test_a_party_member_as_a_title_means_the_person_just_named(quotes):
    text = (
        'Farm bill\n\nSen. Walt Brenner met farmers in Ames on Friday. "We will not let this bill die," '
        "the Iowa Republican said.\n"
    )
    assert speaker_of(quotes(text), "let this bill die") == "Walt Brenner (the Iowa Republican)"


def test_an_indefinite_party_member_stays_unnamed(quotes):
    text = (
        "Farm bill\n\nThe party's leaders met farmers in Ames on Friday. \"We will not let this bill "
        'die," a Republican said.\n'
    )
    assert speaker_of(quotes(text), "let this bill die") == "Republican"


def test_a_he_in_a_joined_clause_is_the_first_clauses_he(quotes):
    text = (
        'Rally\n\nHarlow flew to Ohio on Thursday to hold a rally. "The mines will come back," Harlow '
        "said at the Ohio rally.\n\nAt the debate, every question put Harlow on the defensive. He mocked "
        "his rivals, talked over them as they answered questions and even assured the crowd that his "
        'plan is not vague - as Vera Lind has said - and he can "guarantee" that mines will reopen.\n'
    )
    assert speaker_of(quotes(text), "guarantee") == "Harlow"


def test_a_title_whose_clause_tells_its_sex_picks_that_person_of_two(quotes):
    text = (
        "Clinic fight\n\nRuth Okafor went after her rival Paul Brandt on Monday, saying he would "
        'close rural clinics.\n\nThe governor began her speech in Dayton by vowing to "fight for every '
        'clinic" in the state.\n'
    )
    assert speaker_of(quotes(text), "fight for every") == "Ruth Okafor (the governor)"

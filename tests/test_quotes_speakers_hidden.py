"""Named speakers the parse hid behind another clause, end to end through the real spaCy pipeline,
on sentences of our own.

A quoted programme title the parser made the subject of the participle after it ('attacked the
mayor on WKRP's "Morning Sam," calling ...') says nothing: the participle is the clause's before it.
A reporting verb in a relative clause on the way to a colon ("mocking a council that promised lower
fares: '...'") describes a noun; the quote belongs to the verb the parse hangs it on. A "with" clause
with a subject of its own ("with Joe Parks taking to Twitter to call ...") reports its subject's
words, not those of the clause it hangs on. An apposition the parser ran straight into the reporting
verb is the speaker when it names a second person ("Or maybe Ortiz, pollster Dan Reyes says."), and
a title that runs into a name ("Vice President for news and talk Dana Kerr", read as two people
joined by "and") gives the name. A sentence that opens on a reporting clause is about that clause's
subject, for a quote after it, even when a misparse made a stray "it" the subject of the whole
("Royce announced the suit against the company, it's ..."). A quote that "came" as a reply or a
shout "from" someone is theirs, and so is a quote that is the clause of someone's answer ("the
mayor's answer was that '...'"). A text whose clause a colon ends ("A footnote in the audit makes that
clear: '...'") speaks the quote after it.
"""

from __future__ import annotations

import pytest

from tests.test_quotes_speakers import speaker_of

pytestmark = pytest.mark.slow  # the real spaCy pipeline


def test_a_quoted_title_before_a_participle_is_no_speaker(quotes):
    text = (
        "Stadium\n\nCouncilwoman Maria Ortiz, who chairs the budget panel, attacked the mayor on "
        "WKRP’s “Morning Sam,” calling the new stadium deal “a gift to the owners” that the "
        "city cannot afford.\n"
    )
    assert speaker_of(quotes(text), "gift to the owners") == "Maria Ortiz"


def test_a_relative_clause_before_a_colon_does_not_take_the_quote(quotes):
    text = (
        "Fares\n\nThe fight spilled online. Radio host Dana Kerr wrote back to the mayor, mocking a "
        "council that promised lower fares: “Your budget raises every fare in the city by a dollar, "
        "and you call that relief.”\n"
    )
    assert speaker_of(quotes(text), "raises every fare") == "Dana Kerr"
    # (a relative clause with nothing said yet says the quote: "who answers at once: '...'")
    text = (
        "Video\n\nIn the video, Mayor Ames speaks to Councilman Joe Reyes, who answers at once: "
        '"We will never agree to that plan."\n'
    )
    assert speaker_of(quotes(text), "never agree") == "Joe Reyes"


def test_a_with_clause_reports_its_own_subjects_words(quotes):
    text = (
        "Report\n\nThe mayor has denied the report, with his spokesman Joe Parks taking to Twitter "
        "to call the reporter “a liar and a hack” on Monday.\n"
    )
    assert speaker_of(quotes(text), "liar and a hack") == "Joe Parks"


def test_a_second_name_run_into_the_verb_is_the_speaker(quotes):
    text = (
        "Race\n\nThe race is open. Or maybe Senator Maria Ortiz, pollster Dan Reyes says. "
        '"Several surveys suggest a second look is happening for her in the north."\n'
    )
    assert speaker_of(quotes(text), "second look") == "Dan Reyes"


def test_a_title_run_into_a_name_gives_the_name(quotes):
    text = (
        "Radio\n\nAcme Radio Vice President for news and talk Dana Kerr called the show “the best "
        "local program on the air.”\n"
    )
    assert speaker_of(quotes(text), "best local program") == "Dana Kerr"


def test_a_sentence_opening_on_a_reporting_clause_is_about_its_subject_not_a_stray_it(quotes):
    text = (
        "Water\n\nThe state sued the Acme Water Company last spring. Attorney General Dana Royce "
        "announced on Monday the state lawsuit against the company, it’s chief executive and the "
        "county water board. “We are seeking a court order to stop the dumping at once, and damages "
        "for every family harmed.”\n"
    )
    assert speaker_of(quotes(text), "court order") == "Dana Royce"


def test_a_reply_that_came_from_someone_is_theirs(quotes):
    text = (
        "Vote\n\nThe chairman asked whether anyone objected. “We all object to this,” came the reply "
        "from Senator Jane Ortiz.\n"
    )
    assert speaker_of(quotes(text), "object to this") == "Jane Ortiz"


def test_someones_answer_that_holds_the_quote_is_theirs(quotes):
    text = (
        'Homes\n\nThe mayor\'s answer was that "every family deserves a safe home," and she left it there.\n'
    )
    assert speaker_of(quotes(text), "safe home") == "The mayor"


def test_a_text_whose_clause_a_colon_ends_speaks_the_quote_after_it(quotes):
    text = (
        'Files\n\nThe city kept the files. A footnote in the audit makes that clear: "These rules do '
        "not apply to the records kept by the mayor's own office or her staff.\"\n"
    )
    assert speaker_of(quotes(text), "These rules") == "A footnote in the audit"

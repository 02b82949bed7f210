"""Pronoun speakers, end to end through the real spaCy pipeline, on sentences of our own.

What "he", "she" and "it" refer to when a careful reader would not hesitate: a speaker the text only
describes ("a doctor at the clinic"), a lawsuit that goes on saying things, a source named by
"according to", a person whose relative of the other sex shares the family name, the person a run of
"he" sentences is about, and never a question's "what father".
"""

from __future__ import annotations

import pytest

from tests.test_quotes_speakers import speaker_of

pytestmark = pytest.mark.slow  # the real spaCy pipeline


def test_he_or_she_after_a_speaker_the_text_only_describes(quotes):
    text = (
        "Storm night\n\nMayor Ellen Park opened the new wing of the hospital on Monday, weeks before "
        "the storm.\n\n"
        'A doctor at the clinic called the night "a nightmare for everyone."\n\n'
        '"We had no beds left by midnight," she said.\n'
    )
    assert speaker_of(quotes(text), "no beds left") == "A doctor at the clinic"


def test_it_goes_on_with_the_lawsuit_that_spoke(quotes):
    text = (
        "Dam suit\n\nResidents of Millbrook sued Harlow County in March over the old dam.\n\n"
        'The lawsuit contends that the dam was "never safe to begin with." It goes on to say that '
        'the county "ignored every warning it was given."\n'
    )
    speaker = speaker_of(quotes(text), "ignored every warning")
    assert speaker is not None and "lawsuit" in speaker


def test_according_to_names_the_source_an_it_refers_to(quotes):
    text = (
        "Flood\n\nThe Severn Authority closed the river road on Tuesday, according to the Rivers "
        'Trust, which monitors the valley. It said the water was "rising by the hour" and warned '
        "drivers to stay away.\n"
    )
    speaker = speaker_of(quotes(text), "rising by the hour")
    assert speaker is not None and "Rivers Trust" in speaker


def test_a_relative_sharing_the_family_name_says_nothing_of_the_others_sex(quotes):
    text = (
        "Bakery\n\nMrs. Maria Okafor said she had baked bread on Mill Street for thirty years and that "
        "her customers were like family to her.\n\n"
        'Nnamdi Okafor, 61, said on Monday that the rent had "tripled in two years." He says the '
        'landlord\'s letter came without warning. "We cannot keep the ovens on," he told the council.\n'
    )
    assert speaker_of(quotes(text), "keep the ovens on") == "Nnamdi Okafor"


def test_a_run_of_he_sentences_goes_on_with_the_person_it_is_about(quotes):
    # "Hill" is only the subject of what the sentences say; the "he" of each sentence is Grant.
    text = (
        "Builder\n\nPaul Grant is a builder on a mission to prove that Mayor Dan Hill is honest. "
        "He dismisses reports that Hill took money from developers. He even walks the site every "
        'week. "Nobody has ever asked me for a cent," he said.\n'
    )
    assert speaker_of(quotes(text), "asked me for a cent") == "Paul Grant"


def test_a_questions_what_father_is_nobody(quotes):
    text = (
        "Graduation\n\nSenator Jim Lund said on Friday that his son had finished school with "
        '"flying colours." What proud father would not cry at that? I met with Lund after the '
        'ceremony. He talked about the budget. "We are out of money," he told me.\n'
    )
    assert speaker_of(quotes(text), "out of money") == "Jim Lund"


def test_who_answers_a_described_questioner_is_the_one_asked(quotes):
    # "A reporter" asked; "he replied" is the mayor, however salient the reporter is.
    text = (
        "Walkabout\n\nMayor Tom Reyes walked the length of the new market on Saturday, shaking hands "
        "with the stall holders.\n\n"
        'A reporter asked Reyes how the budget would cover the repairs. He replied: "We will find the '
        'money, one way or another."\n'
    )
    assert speaker_of(quotes(text), "find the money") == "Tom Reyes"


def test_as_for_makes_its_person_the_he_that_follows(quotes):
    text = (
        "Budget talks\n\nGovernor Mark Dunn and Mayor Paul Ortiz met on Monday. Ortiz said the talks "
        'had gone well.\n\nAs for Dunn, he said the state would "find a way to pay for the bridge."\n'
    )
    assert speaker_of(quotes(text), "find a way to pay") == "Mark Dunn"


def test_a_message_to_readers_speaks_for_its_sender_not_the_readers(quotes):
    text = (
        'Fundraising\n\nThe Lane campaign quickly sent out an email to supporters stating, "We are '
        'winning this race, and we need your help."\n'
    )
    speaker = speaker_of(quotes(text), "winning this race")
    assert speaker is not None and "Lane" in speaker  # (the campaign, shown by its name)


def test_a_title_after_the_one_person_just_named_is_that_person(quotes):
    one = (
        "Plant visit\n\nRuth Alder toured the plant on Monday with her staff. The former governor "
        'said the new jobs were "here to stay for good."\n'
    )
    assert speaker_of(quotes(one), "here to stay") == "Ruth Alder (the former governor)"
    # Two people just named: the title may mean either, so it stays as written.
    two = one.replace("with her staff", "with Tom Reyes")
    assert speaker_of(quotes(two), "here to stay") == "The former governor"


def test_a_speaker_described_by_a_who_clause_keeps_the_quote(quotes):
    # The parser ends the "who" clause early and makes "the budget" (or "the inquiry") the subject.
    text = (
        "Budget\n\nAlthough there is no such rift with the mayor's office, a council aide who spoke "
        'privately to explain the budget said Friday, "We talk every day."\n\nThough there was no link '
        "with the old campaign, a police officer who asked not to be named because of the inquiry said "
        'Tuesday, "We are still looking."\n'
    )
    found = quotes(text)
    assert speaker_of(found, "We talk every day") == "a council aide"
    assert speaker_of(found, "still looking") == "a police officer"


def test_someone_whose_words_another_reports_is_not_the_he_that_follows(quotes):
    text = (
        "Shipyard\n\nPaul Grant toured the yard on Monday, pointing out that the Herald's Dan Hill "
        'had reported in May that the firm was failing.\n\n"They got it wrong again," he said.\n'
    )
    assert speaker_of(quotes(text), "got it wrong") == "Paul Grant"


def test_who_is_a_person_even_when_the_parser_hangs_it_on_a_thing(quotes):
    text = (
        'Standoff\n\n"Go home now," Ruiz says to Ellen Marsh on the video, who answers calmly: "Not today."\n'
    )
    assert speaker_of(quotes(text), "Not today") == "Ellen Marsh"
    # A noun for a person is that person: "who" stays with it.
    text = (
        "Remarks\n\nMayor Dana Reyes distanced herself from remarks by a campaign volunteer who said "
        'voters were "easily fooled by anyone."\n'
    )
    assert speaker_of(quotes(text), "easily fooled") == "a campaign volunteer"

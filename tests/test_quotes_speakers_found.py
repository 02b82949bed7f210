"""Quotes whose speaker is named without a reporting verb next to them, end to end through the real
spaCy pipeline, on sentences of our own.

A pull quote signed on its own last line, inside the closing mark ("...\\nJane Doe, Friends of the
Library."), is the signer's, and the signature line is no quote of its own; a line that goes on with
the sentence, or that names no person, signs nothing.

A relative clause on the quoted words themselves ('a "chief trade prosecutor" who reports to the
governor') tells what the quoted thing does: its verb is no cue, and the clause around the quote says
whose words they are.

A dateline the parser reads as a second subject of the sentence ("DENVER, June 12 (UPI) — The board
put out a statement, offering '...'") does not hide the subject the verb really has.

A past-tense speech verb after a name and its apposition ("Lena Hollis, the former county auditor,
tweeted in response: '...'") is what the name did, though the parser reads it as describing her.

An article that opens on a quote with no cue under a headline labelling its own quote ("Nora Quill:
'The Harbor Plan Is Dead.'") goes on with the headline's speaker; a headline with no label names no
one.

A quote paragraph after a sentence about something else in which one person speaks ("..., since Rosa
Lindqvist spoke only in generalities.") is that person's, and a run of quote lines with nothing else
in them goes on with the same speaker.

A speech verb the parser read as a noun after a short phrase with a place in it ('"...," a narrator in
the video states.') is still the quote's cue, and the phrase its speaker.
"""

from __future__ import annotations

import pytest

from tests.test_quotes_speakers import speaker_of

pytestmark = pytest.mark.slow  # the real spaCy pipeline


def test_a_quote_signed_on_its_last_line_is_the_signers(quotes):
    text = (
        "Budget fight\n\nThe council voted on Monday to cut the library budget by a third.\n\n"
        '"We will lose two branches and most of the evening hours. That is a real loss for the city.\n'
        'Maria Lopez, Friends of the Library."\n\nThe mayor defended the cut on Tuesday.\n'
    )
    found = quotes(text)
    assert speaker_of(found, "real loss for the city") == "Maria Lopez"
    assert not [q for q in found if "Friends of the Library" in q.text]


def test_a_signature_with_the_title_before_the_name(quotes):
    text = (
        "Harbor vote\n\nThe port authority approved the new terminal after a long night.\n\n"
        '"Nobody in this town wanted a fight over the harbor, but we got one anyway.\n'
        'Former harbor commissioner Tomas Reyes."\n\nConstruction starts in May.\n'
    )
    found = quotes(text)
    assert speaker_of(found, "fight over the harbor") == "Tomas Reyes"
    assert not [q for q in found if q.text.startswith("Former harbor")]


def test_a_line_that_goes_on_with_the_sentence_signs_nothing(quotes):
    text = (
        "Harbor vote\n\nThe port authority approved the new terminal after a long night.\n\n"
        '"Nobody in this town wanted a fight over the harbor, and the one person who did was\n'
        'Tomas Reyes."\n\nConstruction starts in May.\n'
    )
    assert speaker_of(quotes(text), "fight over the harbor") != "Tomas Reyes"


def test_a_relative_clause_on_the_quoted_thing_is_not_its_cue(quotes):
    text = (
        "Trade plan\n\nThe governor wants tougher rules on imports.\n\n"
        'Jane Marlow has proposed a "chief trade prosecutor" who reports directly to the governor.\n'
    )
    assert speaker_of(quotes(text), "chief trade prosecutor") == "Jane Marlow"


def test_a_dateline_read_as_a_second_subject_does_not_hide_the_speaker(quotes):
    text = (
        "News\n\nDENVER, June 12 (UPI) — The Colorado Water Board put out a statement at the outset "
        'of the hearing Monday, offering "a full and frank account" to Sen. Maria Ortiz.\n'
    )
    assert speaker_of(quotes(text), "full and frank account") == "Colorado Water Board"


def test_a_speech_verb_read_as_describing_the_name_before_it(quotes):
    text = (
        "Water rights\n\nLena Hollis, the former county auditor, tweeted in response: "
        '"Important point: the district never audited its own books."\n'
    )
    assert speaker_of(quotes(text), "never audited its own books") == "Lena Hollis"


def test_an_article_opening_on_a_quote_goes_on_with_the_headlines_label(quotes):
    text = (
        "Nora Quill: 'The Harbor Plan Is Dead.'\n\n"
        '"The council killed it tonight, and I do not think it will come back this year. We tried '
        'everything."\n\nQuill spoke to reporters after the vote.\n'
    )
    assert speaker_of(quotes(text), "killed it tonight") == "Nora Quill"


def test_a_headline_without_a_label_names_no_one(quotes):
    text = (
        "The Harbor Plan Is Dead\n\n"
        '"The council killed it tonight, and I do not think it will come back this year. We tried '
        'everything."\n\nNora Quill spoke to reporters after the vote.\n'
    )
    assert speaker_of(quotes(text), "killed it tonight") is None


_RUN = (
    "Port talks\n\nThe mayor met the dockworkers on Friday.\n\n"
    "What the deal will cost is still anyone's guess, since Rosa Lindqvist spoke only in "
    "generalities during the meeting.\n\n"
    '"We will find the money somewhere."\n"Nobody will lose a job."\n"The port stays open."\n'
)


def test_a_quote_after_a_sentence_with_one_person_speaking_in_it(quotes):
    assert speaker_of(quotes(_RUN), "find the money") == "Rosa Lindqvist"


def test_a_run_of_bare_quote_lines_goes_on_with_one_speaker(quotes):
    found = quotes(_RUN)
    assert speaker_of(found, "lose a job") == "Rosa Lindqvist"
    assert speaker_of(found, "port stays open") == "Rosa Lindqvist"


def test_a_line_naming_the_speaker_does_not_go_on_with_the_run(quotes):
    text = _RUN.replace('"Nobody will lose a job."', '"Lindqvist never says where the money is."')
    assert speaker_of(quotes(text), "never says where") != "Rosa Lindqvist"


def test_a_speech_verb_read_as_a_noun_after_a_phrase_with_a_place(quotes):
    text = (
        "Water deal\n\n"
        '"The agreement protects every farm in the valley," a narrator in the video states. '
        '"Nobody loses water under this plan."\n'
    )
    found = quotes(text)
    for words in ("every farm in the valley", "Nobody loses water"):
        speaker = speaker_of(found, words)
        assert speaker == "a narrator in the video"

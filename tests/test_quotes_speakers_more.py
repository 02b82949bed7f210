"""More speaker classes, end to end through the real spaCy pipeline, on sentences of our own.

The gender the text gives a person ("Walsh confronted him" says nothing of Walsh), phrasal verbs
that attribute a quotation ('"...," Dixon went on'), and speakers named only as part of a group
("those surveyed said").
"""

from __future__ import annotations

import pytest

from tests.test_quotes_speakers import speaker_of

pytestmark = pytest.mark.slow  # the real spaCy pipeline


def test_an_object_pronoun_of_a_persons_verb_is_someone_else(quotes):
    # "him" is the senator, never Walsh: Walsh stays a possible "she".
    text = (
        "Anchor and senator\n\nWhen the senator walked in, Walsh confronted him about the votes.\n\n"
        'Later she told a radio host the talk had been "tense but fair to both of us."\n'
    )
    assert speaker_of(quotes(text), "tense but fair") == "Walsh"


def test_a_family_name_the_model_left_untagged_is_a_second_person(quotes, monkeypatch):
    # The small model sometimes leaves a known person's bare family name untagged ("Trump took
    # offense when Kelly confronted him"); that sentence is about two people, and its "he" says
    # nothing of the other one. The untagged mention is made here by dropping its entity.
    import tui.core.analysis.pipeline as pipeline

    text = (
        "Anchor and senator\n\nSenator Bob Pruitt sat down with the anchor Ysolde Walsh on Monday.\n\n"
        "Pruitt took offense when Walsh confronted him about remarks he had made.\n\n"
        'Later she told a radio host the talk had been "tense but fair to both of us."\n'
    )
    bare = text.index("Pruitt took")
    real = pipeline.extract_entities

    def without_bare_name(doc, paras, common):
        return [e for e in real(doc, paras, common) if e.start != bare]

    monkeypatch.setattr(pipeline, "extract_entities", without_bare_name)
    assert speaker_of(quotes(text), "tense but fair") == "Ysolde Walsh"


def test_a_phrasal_verb_after_a_quote_attributes_it(quotes):
    text = (
        "Harbor\n\nAnna Vitale greeted the crowd at the pier. "
        '"You know, it happens, right?" Paul Dixon went on, as if he had not heard her.\n'
    )
    assert speaker_of(quotes(text), "it happens") == "Paul Dixon"


def test_a_quantifier_speaker_is_shown_as_written(quotes):
    # No one named: "those surveyed" and "some" are who the text says spoke, never a name.
    text = (
        'Roads\n\nWhile those surveyed said the mayor has the "best plan for the roads," most still '
        'prefer the governor.\n\nFans waved flags in the stands. Some chanted "We want more! We want more!"\n'
    )
    found = quotes(text)
    assert speaker_of(found, "best plan") == "those surveyed"
    assert speaker_of(found, "We want more") == "Some"


# A pronoun speaker never means a person its own clause names apart from it (they are talked about).


def test_a_pronoun_is_not_the_person_its_verb_says_something_about(quotes):
    # "He insisted Gibbs had ...": Gibbs is talked about; "he" continues from further back.
    text = (
        "Budget fight\n\nFrank Dolan has backed the bill for months. "
        "Critics say Senator Walter Gibbs opposed it.\n\n"
        'He insisted Gibbs had "no idea what the bill costs."\n'
    )
    assert speaker_of(quotes(text), "no idea what") == "Frank Dolan"


def test_a_pronoun_is_not_a_person_named_in_its_participle_clause(quotes):
    # "Asked whether Pierce would concede, she replied": the one asked is "she", not Pierce.
    text = (
        "Rally\n\nDonna Keane spoke at the rally on Tuesday. Her rival, Joan Pierce, did not attend.\n\n"
        'Asked whether Pierce would concede, she replied: "I doubt it very much."\n'
    )
    assert speaker_of(quotes(text), "I doubt it") == "Donna Keane"


def test_a_parenthetical_pronoun_is_not_the_subject_it_interrupts(quotes):
    # "Loyalty, she noted, has long been ...": whatever the model makes of "Loyalty", not "she".
    text = (
        "Food bank\n\nMaria Lopez runs the county food bank. She met the governor, Tom Reyes, last week.\n\n"
        'Loyalty, she noted, has long been "the glue of this town."\n'
    )
    assert speaker_of(quotes(text), "the glue") == "Maria Lopez"


def test_a_pronoun_speaker_named_again_after_the_quote_is_kept(quotes):
    # A name after the quotation may be the pronoun's own ("he warned, '...' Novak told reporters").
    text = (
        "Committee\n\nPaul Novak chairs the committee. Critics say the vote was rushed.\n\n"
        'After the vote failed, he warned, "We will be back next year," Novak told reporters.\n'
    )
    assert speaker_of(quotes(text), "We will be back") == "Paul Novak"


def test_a_subject_and_speech_verb_the_parser_read_as_one_noun_attribute_the_quote(quotes):
    # '"...," the editorial read.': the parser makes "the editorial read" a noun phrase (a kind
    # of "read"); the quote is the editorial's all the same.
    text = (
        "Paper\n\nThe editors of the Gazette aimed their editorial at the mayor.\n\n"
        '"The mayor should come to the county and see the damage," the editorial read.\n'
    )
    assert speaker_of(quotes(text), "see the damage") == "the editorial"

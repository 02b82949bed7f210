"""Speakers found through the subject of a clause, end to end through the real spaCy pipeline, on
sentences of our own.

A speech verb the parser leaves without a subject ("she made a point of saying", "promised" hung under
another verb) takes the subject of the nearest clause above it when that is a name; a passive one with
no agent ("billed as '...'") borrows nobody. A person, body or text whose verb holds a quoted phrase
speaks for it ("A county judge determined that ... a '...'"), one deeper down does not; a name the
parser glued onto the next is the subject; a speech participle hung on a phrase of time or on the
wrong clause; a relative clause that reports with a subject of its own keeps its quote.
"""

from __future__ import annotations

import pytest

from tests.test_quotes_speakers import speaker_of

pytestmark = pytest.mark.slow  # the real spaCy pipeline


def test_a_subjectless_speech_verb_takes_the_subject_above_it(quotes):
    text = (
        "Harbour plans\n\nMara Lindqvist wants to bring back the old ferry. She has touted her father’s "
        "shipping record—“the finest fleet on the whole coast”—and promised to put him in charge of the line.\n"
    )
    assert speaker_of(quotes(text), "finest fleet") == "Mara Lindqvist"


def test_a_verb_under_a_noun_takes_the_subject_of_its_clause(quotes):
    text = (
        "Flood visit\n\nGovernor Ilse Marwick toured the flooded valley on Friday. And she made a point "
        'of saying the volunteers who filled sandbags all night "were the real heroes of this town."\n'
    )
    assert speaker_of(quotes(text), "real heroes") == "Ilse Marwick"


def test_a_passive_verb_without_an_agent_borrows_no_speaker(quotes):
    text = (
        "Market news\n\nThe fund bought a stake in Castellan Foods. Its chief, described by nobody in "
        'particular, runs a company once billed as "the quiet giant of frozen peas" in trade papers.\n'
    )
    assert speaker_of(quotes(text), "quiet giant") is None


def test_a_described_body_holds_the_words_of_the_clause_it_states(quotes):
    text = (
        "Permit dispute\n\nThe builders appealed in March. A county judge determined that the council's "
        "handling of the permits had raised a “serious doubt about its good faith” and sent the case back.\n"
    )
    assert speaker_of(quotes(text), "serious doubt") == "A county judge"


def test_a_described_body_holds_the_words_it_cites(quotes):
    text = (
        "Pier closed\n\nThe pier stayed shut all summer. The committee cited “rotten beams, loose rails and "
        "missing lights along the whole length” in its decision.\n"
    )
    assert speaker_of(quotes(text), "rotten beams") == "The committee"


def test_a_phrase_deeper_down_is_no_described_speakers(quotes):
    text = (
        "Radio days\n\nFor two decades rival groups helped spread stories about “secret weather machines "
        "over the valley” to millions of listeners.\n"
    )
    assert speaker_of(quotes(text), "secret weather machines") is None


def test_a_name_glued_onto_the_next_through_a_verb_is_the_subject():
    # The small parser sometimes reads "Harwood accused Pemberton, the mayor, of ..." as one noun
    # phrase headed by "Pemberton", with "Harwood" a compound and "accused" an adjective; the parse is
    # built by hand here, as the model does it only for some names.
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from tui.core.analysis.quotes_phrases import glued_subject

    words = ["Harwood", "accused", "Pemberton", ",", "the", "mayor", ",", "of", "lying", "."]
    heads = [2, 2, 2, 2, 5, 2, 2, 2, 7, 2]
    deps = ["compound", "amod", "ROOT", "punct", "det", "appos", "punct", "prep", "pcomp", "punct"]
    pos = ["PROPN", "VERB", "PROPN", "PUNCT", "DET", "NOUN", "PUNCT", "ADP", "VERB", "PUNCT"]
    tags = ["NNP", "VBD", "NNP", ",", "DT", "NN", ",", "IN", "VBG", "."]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos, tags=tags)
    assert glued_subject(doc[0])
    assert not glued_subject(doc[2])
    plain = Doc(
        Vocab(),
        words=["Harwood", "Pemberton", "spoke", "."],
        heads=[1, 2, 2, 2],
        deps=["compound", "nsubj", "ROOT", "punct"],
        pos=["PROPN", "PROPN", "VERB", "PUNCT"],
        tags=["NNP", "NNP", "VBD", "."],
    )
    assert not glued_subject(plain[0])  # a first name and a family name


def test_a_participle_after_a_phrase_of_time_is_the_clauses_subjects(quotes):
    text = (
        "Dock fight\n\nIlse Marwick made the docks a priority in her first term, but the plan stalled, and "
        "she has battled with the port board over how best to fund the repairs, at one point calling its "
        'chairman a "careless steward" of the harbour.\n'
    )
    assert speaker_of(quotes(text), "careless steward") == "Ilse Marwick"


def test_a_participle_after_a_clause_of_time_belongs_to_the_main_clause(quotes):
    text = (
        "Dock fight\n\nIlse Marwick conceded late on Tuesday. Two hours earlier, a Marwick campaign memo "
        'was released as the polls closed stating that the defeat had been "expected for weeks."\n'
    )
    assert speaker_of(quotes(text), "expected for weeks") == "Marwick"


def test_a_relative_clause_that_reports_keeps_its_own_speaker(quotes):
    text = (
        "Poll\n\nThis mood showed in another question that asked residents how likely the mayor was to win a "
        "third term, to which 31 percent said “not very likely at all.”\n"
    )
    assert speaker_of(quotes(text), "not very likely") == "31 percent"


def test_a_relative_clause_that_reports_is_not_the_outer_verbs(quotes):
    text = (
        "Ferry plan\n\nIlse Marwick said last week that she will write her own bill after having criticised a "
        'plan backed by the port board that Marwick said would leave "the island cut off for a month."\n'
    )
    assert speaker_of(quotes(text), "island cut off") == "Marwick"

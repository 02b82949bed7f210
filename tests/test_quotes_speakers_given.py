"""Speakers of quotes that had none though the text gives one, end to end through the real spaCy
pipeline, on sentences of our own.

A phrase quoted inside a sentence that names nobody goes on with the speech the sentence before it
reports ("Ames said the levy had failed twice. This time, the district needed '...'": Ames's words),
as a quote opening its sentence already did; a sentence naming someone else keeps them.

A quote the writer forgot to close before its attribution ('"There was never a plan, said Ortiz.')
ends at the clause break before "said Ortiz", which then names the speaker.

A quote closed on "?" or "!" may end its sentence too: a reporting verb after it that reports words of
its own ('She replied that ...', 'Ng then writes back, "..."') starts a new sentence and is not its
cue ('"Why?" Doe asked.' still is).

A quote with no closing punctuation inside its sentence is not the quote of a verb after it that
takes its own infinitive ('praising "..." as he promised to defend the schools'), and a "who" that is
the subject of a clause joined to a relative clause ("a teacher who is running and who worked the
crowd, praising '...'") is the one that relative clause describes.

A quote with no cue that the next sentence hands to someone ('"..." That remark from Jane Doe became
her motto.') is that person's.
"""

from __future__ import annotations

import pytest

from tests.test_quotes_speakers import speaker_of

pytestmark = pytest.mark.slow  # the real spaCy pipeline


def test_a_quote_inside_a_sentence_goes_on_with_the_speech_reported_before_it(quotes):
    text = (
        "Levy vote\n\nThe school board met on Tuesday to count the ballots.\n\nSuperintendent Carla "
        'Ames said the levy had failed twice before. This time, the district needed "one more chance '
        'to make the case to families."\n\nVoters will decide in May.\n'
    )
    assert "Carla Ames" in (speaker_of(quotes(text), "one more chance") or "")


def test_a_closing_she_said_carries_into_the_next_sentence(quotes):
    text = (
        "Harbor dredging\n\nMarta Quill runs the harbor authority. The silt is worse every spring, she "
        'said. The old dredge is now only "a museum piece with a diesel engine."\n'
    )
    assert speaker_of(quotes(text), "museum piece") == "Marta Quill"


def test_a_sentence_naming_someone_else_keeps_its_own_speaker(quotes):
    text = (
        "Levy vote\n\nThe school board met on Tuesday to count the ballots.\n\nSuperintendent Carla "
        'Ames said the levy had failed twice before. This time, critics called it "one more tax grab '
        'from the district office."\n\nVoters will decide in May.\n'
    )
    assert speaker_of(quotes(text), "tax grab") != "Carla Ames"


def test_an_unclosed_quote_ends_before_the_attribution_it_swallowed(quotes):
    text = (
        'Panel report\n\nThe panel met for three hours on Thursday.\n\n"There was never a real plan '
        "for the second phase of the bridge, said Ortiz, who chairs the panel.\n\nThe state will "
        "respond next week.\n"
    )
    found = quotes(text)
    assert speaker_of(found, "second phase") == "Ortiz"
    assert "said Ortiz" not in next(q.text for q in found if "second phase" in q.text)


def test_a_verb_with_its_own_clause_after_an_exclamation_is_no_cue(quotes):
    text = (
        "Old friends\n\nThe letters show a warm friendship. In May, after Ruiz broke her wrist, Paul "
        'Talbot emailed her his best wishes, addressing her as "Marta" and telling her, "you are a '
        'star and we need you back soon!" She replied to him that it was a "joy to work with you."\n'
    )
    assert "Talbot" in (speaker_of(quotes(text), "you are a star") or "")


def test_a_verb_with_its_own_quote_after_a_question_is_no_cue(quotes):
    text = (
        "Office notes\n\nIn one exchange, Dana Ruiz writes to her deputy Kevin Ng about a photo of her "
        'at the airport.\n\nRuiz answers Ng with, "Why this one? That was on my way to Lima?" Ng then '
        'writes back, "You look great."\n'
    )
    assert speaker_of(quotes(text), "Why this one") == "Dana Ruiz"


def test_a_plain_attribution_after_a_question_stays_its_cue(quotes):
    text = 'Town hall\n\nThe mayor took questions for an hour.\n\n"Why now?" Dana Ruiz asked the crowd.\n'
    assert speaker_of(quotes(text), "Why now") == "Dana Ruiz"


def test_a_second_who_clause_speaks_for_its_host_not_a_promise_after_the_quote(quotes):
    text = (
        "Rally\n\nSenator Paul Hanlon was rallying on Friday for a young teacher named Eric Kolb, who "
        "is running for the state house and who worked the crowd, praising \"Paul's honesty and "
        'stubborn integrity" as he promised to defend the schools.\n'
    )
    speaker = speaker_of(quotes(text), "stubborn integrity")
    assert speaker is not None and "teacher" in speaker


def test_a_quote_the_next_sentence_hands_to_someone_is_theirs(quotes):
    text = (
        'Old saying\n\n"I would rather lose an election than win it with a lie." That remark from '
        "former governor Jane Doe became the motto of her party for a decade.\n\nFew remember the "
        "race itself.\n"
    )
    assert speaker_of(quotes(text), "rather lose") == "Jane Doe"

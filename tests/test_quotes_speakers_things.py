"""Speakers that are no one: products the model tags as people, and names, terms and examples in marks."""

from __future__ import annotations

from tests.test_quotes_speakers import speaker_of


def test_a_product_the_text_uses_as_a_thing_says_nothing(quotes):
    # The model tags the app's name as a person; "the Quill Harper app" shows it is a thing. A
    # person whose name qualifies a word ("the Anna Berg review") still speaks.
    text = (
        "A better launcher\n\n"
        "I have used Quill Harper for two years now, and the Quill Harper app still surprises me.\n\n"
        "Quill Harper remembers every window you open and offers its “smart restore” panel the same "
        "way each time.\n\n"
        "The Anna Berg review came out on Monday. Anna Berg said the app was “worth every cent of the "
        "price.”\n"
    )
    found = quotes(text)
    assert speaker_of(found, "smart restore") is None
    assert speaker_of(found, "worth every cent") == "Anna Berg"

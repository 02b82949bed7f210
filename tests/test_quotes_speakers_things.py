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


def test_a_name_given_with_nobody_giving_it_is_nobodys_words(quotes):
    # "is called '...'" names the tier; the tier says nothing. Given by someone, the name is theirs.
    text = (
        "Planner review\n\n"
        "The cheapest tier is called “the starter plan for small teams” and costs five euros a month.\n\n"
        'The habit has been called "a quiet kind of theft" by Pavel Orlov, a professor at the college.\n'
    )
    found = quotes(text)
    assert speaker_of(found, "starter plan") is None
    assert speaker_of(found, "quiet kind of theft") == "Pavel Orlov"


def test_the_writers_example_after_as_in_has_no_speaker(quotes):
    text = (
        "Keyboard habits\n\n"
        "Some people write the shortcuts out in full, as in “Control-Option-S saves a copy of the file.”\n"
    )
    assert speaker_of(quotes(text), "saves a copy") is None


def test_an_example_or_a_term_in_the_writers_own_sentence_has_no_speaker(quotes):
    # Lind gave the planner its features; the feature's name is no words of his. Inside reported
    # speech a term stays the speaker's ("words like 'maybe', Orlov told reporters").
    text = (
        "Planner review\n\n"
        "Oskar Lind gave the planner features like “send later for every message” and a calendar view.\n\n"
        "People should stop using words like “maybe” and “perhaps ever”, Pavel Orlov told reporters.\n"
    )
    found = quotes(text)
    assert speaker_of(found, "send later") is None
    assert speaker_of(found, "perhaps ever") == "Pavel Orlov"


def test_to_someone_a_description_in_marks_is_their_view(quotes):
    text = (
        "Farm stories\n\n"
        "Maria Lund of Dane County knows the governor in a way few others do. To Lund, Peter Hale is "
        "the “kind and patient” man who saved her farm in 1994.\n"
    )
    assert speaker_of(quotes(text), "kind and patient") == "Maria Lund"


def test_a_pasted_transcript_line_is_its_labels(quotes):
    # A label with a no-break space after its colon, a label in mixed case that names a known person,
    # and a label for a clip, which names no one.
    text = (
        "Debate night\n\n"
        "Laura Bennett, the moderator, pressed Mayor Tom Brandt on the budget. Partial transcript:\n\n"
        '"BENNETT:\u00a0 Mayor, you promised a balanced budget and the deficit grew every year.\n\n'
        '"VIDEO: We were told the budget would balance by spring, and it never did.\n\n'
        '"Tom Brandt: I never promised that, and the record will show it clearly."\n'
    )
    found = quotes(text)
    assert speaker_of(found, "you promised a balanced") == "Laura Bennett"
    assert speaker_of(found, "We were told") is None
    assert speaker_of(found, "I never promised") == "Tom Brandt"


def test_a_speaker_cut_off_by_an_aside_in_a_clause_of_time(quotes):
    # After "when", the parser loses "Nora Falk" across the aside and gives "said" the subject of the
    # main clause ("The topic") or none.
    text = (
        "Budget talk\n\n"
        'The topic came up when Nora Falk, asked about the deficit, said "we spend far too much on roads."\n\n'
        'It was raised after Pavel Orlov, pressed by reporters, had said, "I think the city can do '
        'better than that."\n'
    )
    found = quotes(text)
    assert speaker_of(found, "far too much on roads") == "Nora Falk"
    assert speaker_of(found, "the city can do better") == "Pavel Orlov"


def test_an_officials_conclusion_that_holds_the_quote_is_theirs(quotes):
    # Not the words of the council members who say something about the mayor further up.
    text = (
        "Contract fight\n\n"
        "The council members say they are not worried about the mayor, who has been hurt by Judge "
        'Carla Ortiz\'s conclusion that the contract was "plainly unlawful and wasteful."\n'
    )
    assert speaker_of(quotes(text), "plainly unlawful") == "Carla Ortiz"

"""Pronoun speakers resolved to the right person, end to end through the real spaCy pipeline, on
sentences of our own.

A name opening a sentence before an aside that reports someone else ("Doe, claiming that Mayor
Smith wanted ..., said he would ...") is that sentence's subject even where the parser hangs it on
the aside's clause, or builds the sentence on the name itself: the "he" after it is Doe, not the
person the aside names.

A quoted phrase inside a clause that someone's claim or view holds, or that someone tells or vents
("His assumption was that, as voters learn more, they would '...'", "she vented to her husband that
it would be '...'"), is that someone's, never the clause's own subject ("they", "it"), whom it talks
about.

"It" after a text that is the subject of any verb ("The email includes a photo ... At the bottom it
reads '...'") is that text, as after one that spoke, not a place named in between; and a place
named with its state ("Marion County, Ohio,") is no one the text introduces, whom "they" may mean.
"""

from __future__ import annotations

import pytest

from tests.test_quotes_speakers import speaker_of

pytestmark = pytest.mark.slow  # the real spaCy pipeline


@pytest.mark.parametrize(
    ("name", "verb"),
    [
        ("Lang", "alleging"),  # (the name parsed as a loose word under the aside's clause)
        ("Okafor", "believing"),  # (parsed as a second subject of the aside's clause)
    ],
)
def test_he_after_a_subject_whose_aside_names_someone_else(quotes, name, verb):
    text = (
        "School fight\n\nThe fight began, as such fights often do, in the office of Dennis "
        f'{name}, who said in March that the schools "cannot wait." {name}, later {verb} - again '
        "wrongly - that Senator Pike wanted to close 300 schools, said he would sue the board, which "
        'he claims is "mostly cowards" and perhaps part of a plot. (On Friday he said he would '
        '"take it to every court.")\n'
    )
    found = quotes(text)
    assert speaker_of(found, "mostly cowards") == f"Dennis {name}"
    assert speaker_of(found, "take it to every court") == f"Dennis {name}"


def test_she_after_a_sentence_the_parser_built_on_her_name(quotes):
    # (the parser makes "Brandt" the root, "speaking ..." a clause on it and "remembers" a noun)
    text = (
        "Senate race\n\nIn the debate, Rita Moss walked over to Carla Brandt to make a point. Moss "
        "was soon dismissed by the voters as a bumbler.\n\nBrandt, speaking to me for the "
        '"Inside Track" podcast remembers being a little taken aback by the move - and froze in '
        'place because she did not want to get in the way of the mistake. "I was more thinking '
        'that it would look artificial," she said.\n'
    )
    assert speaker_of(quotes(text), "more thinking") == "Carla Brandt"


def test_a_quote_in_what_his_assumption_holds_is_his(quotes):
    text = (
        "Harbor race\n\nThe port authority had votes scheduled. Victor Lang invited Dale to a rally "
        "at the docks in May.\n\nAt the time, Lang told the Harbor Times that Dale's rise had been "
        '"good for our side." His assumption, confidently stated on live radio, was that "as '
        "voters learn more,\" they would drift from Dale's camp to his.\n"
    )
    assert speaker_of(quotes(text), "as voters learn more") == "Victor Lang"


def test_a_quote_in_what_she_vented_is_hers(quotes):
    text = (
        "Merger\n\nBy the spring, Carla Brandt was still unsure whether buying Harbin Systems was "
        "worth it. At least 900 jobs at Harbin Systems would have to go. "
        "Flying home one night in the company jet, she vented to her husband, Tom Brandt, that it "
        'would be "incredibly messy," "a real shock" and "a fight from start to finish."\n'
    )
    assert speaker_of(quotes(text), "incredibly messy") == "Carla Brandt"


def test_a_quote_in_what_a_claim_holds_is_the_claimants(quotes):
    text = (
        "Lawsuit\n\nThe suit, filed by a former aide named Helen Marsh, lists many grievances. But "
        'Marsh\'s main claim is that the Harbor Commission is a "rubber stamp" for developers.\n'
    )
    assert speaker_of(quotes(text), "rubber stamp") == "Helen Marsh"


def test_a_quote_about_his_view_is_not_his(quotes):
    # (the quote describes the view, it is not what the view holds: never the view's owner)
    text = (
        "Debate\n\nJane Rivera went on offense against Mark Doyle on Monday, saying he would abandon "
        'allies, his world view is "dangerously wrong" and he is a "bully."\n'
    )
    assert speaker_of(quotes(text), "dangerously wrong") != "Mark Doyle"


def test_it_after_a_text_that_does_something_is_the_text(quotes):
    # (a text that is the subject of any verb, not only of a reporting one: never the place
    # named beside it)
    text = (
        "Trophy flyer\n\nDana Ruiz is campaigning in Ohio with a giveaway. The Ohio senator sent "
        'out an email to donors on Tuesday inviting them to "win my signed trophy!"\n\n'
        "The email includes a photo of Ruiz holding the trophy in a Columbus gym.\n\n"
        'At the bottom it reads, "P.S. You can chip in $20 to keep Ohio strong."\n'
    )
    assert speaker_of(quotes(text), "chip in") == "The email"


def test_they_is_not_a_place_named_with_its_state(quotes):
    # ("Marion County, Ohio," names where a deputy is from; it introduces no one who may speak)
    text = (
        "March\n\nSeveral speakers at the rally said the city had failed them. The marchers also "
        "paid tribute to Dale Fisk, 22, who was shot in June by an off-duty Marion County, Ohio, "
        "deputy in a road rage incident.\n\n"
        'As they made their way down Main Street, they chanted "no more silence" and "justice now."\n'
    )
    assert speaker_of(quotes(text), "no more silence") == "Several speakers at the rally"

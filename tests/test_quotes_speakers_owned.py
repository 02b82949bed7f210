"""Speakers found on real feed items, end to end through the real spaCy pipeline, on sentences of our
own.

- Words a possessive gives to their owner ('Romney's "47 percent" comment', 'Trump's "we'll build it
  here" campaign promise') are the owner's, also when the clause around them is someone else's
  writing about them.
- A place and a colon opening a press release ("Mangaluru: '...' said Shri Mahesh Rao") is a
  dateline, not a speaker's label: the reporting verb after the quote names who speaks.
- "They" means a body or a group, never one article or website ("they think, '...'").
- A title the model left untagged before a person's name ("Harbor Games Senior Director of
  Corporate Communications Dana Whitfield") is that person's, not someone else "she" may mean.
- An epigraph signed with a dash ("-- Augustus") is the signer's, named without the dash.
"""

from __future__ import annotations

import pytest

from tests.test_quotes_speakers import speaker_of

pytestmark = pytest.mark.slow  # the real spaCy pipeline


def test_words_a_possessive_gives_to_someone_are_theirs(quotes):
    text = (
        'Campaign notes\n\nIt was the lasting pull of Harlan Voss\'s "nobody will pay a cent more" pledge: '
        'voters remembered it.\n\nMara Quint\'s "we build it here" line drew cheers in the hall.\n'
    )
    found = quotes(text)
    assert speaker_of(found, "nobody will pay") == "Harlan Voss"
    assert speaker_of(found, "we build it here") == "Mara Quint"


def test_words_owned_by_someone_are_theirs_inside_anothers_writing(quotes):
    text = (
        "Factories\n\nHarlan Voss spoke in Ohio on Monday. Lena Ortiz, writing in her column on Harlan Voss’s “we’re gonna get Apple to build "
        "their computers here” campaign promise, disagreed with him.\n"
    )
    assert speaker_of(quotes(text), "gonna get Apple") == "Harlan Voss"


def test_a_dateline_with_a_colon_is_no_speakers_label(quotes):
    text = (
        "Bank news\n\nMangaluru: “Helped by the digital shift, the bank has grown fast,” said Shri Mahesh "
        "Rao, Managing Director and CEO.\n\nHe was addressing the staff on Monday.\n"
    )
    assert speaker_of(quotes(text), "bank has grown fast") == "Shri Mahesh Rao"


def test_a_label_before_the_quote_still_names_the_speaker(quotes):
    """(A guard: a speaker's label with no reporting verb after the quote keeps its speaker.)"""
    text = 'Debate night\n\nThe candidates met on Tuesday.\n\nHarlan Voss: "We will fix the harbor first."\n'
    assert speaker_of(quotes(text), "fix the harbor") == "Harlan Voss"


def test_an_epigraph_signed_with_a_dash_is_the_signers_without_the_dash(quotes):
    text = (
        "Pillars\n\nPillar 1: Code Health\n\n“I found Rome a city of bricks, and left it a city of marble.”\n\n"
        "-- Augustus\n\nKeeping the code in good shape is critical for the team.\n"
    )
    assert speaker_of(quotes(text), "city of bricks") == "Augustus"


def test_they_never_means_one_article_or_website(quotes):
    text = (
        "Reading\n\nWhen readers see that an article is on a slow site, they think, “Oh, good, this will "
        "be nice to read.” Right now they think, “Oh, no, it is on that site again.”\n"
    )
    found = quotes(text)
    for fragment in ("nice to read", "on that site again"):
        assert speaker_of(found, fragment) not in ("an article", "a slow site")


def test_a_title_before_a_name_is_not_a_second_person(quotes):
    text = (
        "Shortages\n\nFans blamed the maker for the shortage. Harbor Games Senior Director of Corporate "
        "Communications Dana Whitfield wants to push back on those claims. “It is not intentional in any "
        "way,” she told reporters in an interview.\n"
    )
    assert speaker_of(quotes(text), "not intentional") == "Dana Whitfield"

"""Bullet summaries with the real spaCy model: article sentences, chosen for news, cleaned."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import make_doc
from tui.core.analysis.summary import clean_sentence
from tui.core.analysis.summary_quality import MIN_TOKENS, continues, is_bare_quote, is_furniture, is_whole
from tui.core.models import Document
from tui.core.reader import read_file

pytestmark = pytest.mark.slow  # the real spaCy pipeline

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
FOUNDING = SEEDS / "000_5d177d52626f6432.txt"


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def block_texts(doc: Document, *kinds: str) -> list[str]:
    return [flat(doc.block_text(b)) for b in doc.blocks if b.kind in kinds]


def test_founding_article_has_three_to_five_article_sentences(analyzer):
    doc = read_file(FOUNDING)
    bullets = analyzer.analyze(doc).summary
    assert 3 <= len(bullets) <= 5
    paragraphs = block_texts(doc, "paragraph", "list_item")
    for b in bullets:
        assert b == flat(b).strip()
        assert b[:1].isalnum(), b
        assert any(b in p for p in paragraphs), b
    # The lead carries the news.
    assert "Barack Obama said" in bullets[0]


def test_seed_articles_all_get_three_bullets(analyzer):
    for path in sorted(SEEDS.glob("*.txt")):
        doc = read_file(path)
        bullets = analyzer.analyze(doc).summary
        assert 3 <= len(bullets) <= 5, path.name
        assert len(set(bullets)) == len(bullets)
        for b in bullets:
            assert is_whole(b) and not is_furniture(b), (path.name, b)
            assert not b.endswith("?"), (path.name, b)
            if b.startswith(('"', "“")):  # a quote only with its attribution, never bare
                outside = re.sub(r'"[^"]*"|“[^”]*”', " ", b)
                assert len(outside.split()) >= MIN_TOKENS, (path.name, b)


LEAD = "The city council of Eastbridge approved a new transport budget of 40 million euros on Tuesday."
SECOND = "The plan adds three tram lines and doubles the number of night buses by 2026, officials said."
THIRD = "Opposition members voted against it, arguing the cost would fall on local taxpayers."
FOURTH = "Construction of the first tram line is due to start in the spring."


def test_only_body_sentences_become_bullets(analyzer):
    caption = "Mayor Lena Fischer presents the transport budget to the city council in Eastbridge on Tuesday."
    doc = make_doc(
        ("headline", "Eastbridge approves transport budget"),
        ("standfirst", "Council backs trams and night buses with a 40 million euro budget for the city"),
        ("paragraph", LEAD),
        ("caption", caption),
        ("credit", "Photographer: Jonas Weber for the Eastbridge Courier newspaper archive"),
        ("promo", "Sign up to our newsletter for the latest news from Eastbridge every morning."),
        ("subhead", "What the new transport plan means for the city of Eastbridge"),
        ("paragraph", f"{SECOND} {THIRD}"),
        ("paragraph", FOURTH),
    )
    bullets = analyzer.analyze(doc).summary
    assert bullets[0] == LEAD
    allowed = block_texts(doc, "paragraph", "list_item")
    for b in bullets:
        assert any(b in p for p in allowed), b
    assert caption not in bullets


def test_bare_quotes_and_questions_give_way_to_statements(analyzer):
    doc = make_doc(
        ("headline", "Budget passes"),
        ("paragraph", LEAD),
        ("paragraph", "“This is the biggest investment in public transport that our city has ever seen.”"),
        ("paragraph", "Will the trams really be ready in time for the start of the next school year?"),
        ("paragraph", SECOND),
        ("paragraph", THIRD),
    )
    bullets = analyzer.analyze(doc).summary
    assert bullets == [LEAD, SECOND, THIRD]


def test_rows_of_figures_are_not_bullets(analyzer):
    doc = make_doc(
        ("headline", "League round-up"),
        ("paragraph", "Kilbride beat Oakfield 3-1 on Saturday to go top of the regional league table."),
        ("paragraph", "Kilbride 5 4 1 0 12 3 13 Oakfield 5 3 0 2 9 7 9 Dunmore 5 2 2 1 8 6 8"),
        ("paragraph", "Oakfield had led at half-time through a penalty from their captain Sean Doyle."),
        ("paragraph", "Kilbride host Dunmore next weekend in what could decide the title race."),
    )
    bullets = analyzer.analyze(doc).summary
    assert len(bullets) == 3
    assert not any(sum(c.isdigit() for c in b) > 8 for b in bullets)


def test_short_article_gives_what_it_has(analyzer):
    doc = make_doc(("headline", "Brief"), ("paragraph", f"{LEAD} {FOURTH}"))
    assert analyzer.analyze(doc).summary == [LEAD, FOURTH]


def test_empty_article_has_no_bullets(analyzer):
    doc = make_doc(("headline", "Only a headline here"))
    assert analyzer.analyze(doc).summary == []


def test_bullets_are_cleaned(analyzer):
    doc = make_doc(
        ("headline", "Budget passes"),
        (
            "paragraph",
            "EASTBRIDGE (City Wire) - The   city council of Eastbridge approved a new budget on Tuesday.",
        ),
        ("list_item", "•  The plan adds three   tram lines and doubles the number of night buses by 2026."),
        ("paragraph", THIRD),
    )
    bullets = analyzer.analyze(doc).summary
    assert bullets[0] == "The city council of Eastbridge approved a new budget on Tuesday."
    assert bullets[1] == "The plan adds three tram lines and doubles the number of night buses by 2026."


def test_clean_sentence():
    assert clean_sentence("(CNN)The storm hit the coast early on Monday morning.", first=True) == (
        "The storm hit the coast early on Monday morning."
    )
    # Only the article's first sentence carries a dateline; elsewhere a parenthesis is content.
    assert (
        clean_sentence("(Reuters) reported the deal on Monday.") == "(Reuters) reported the deal on Monday."
    )
    assert clean_sentence("  •  Two   spaces\tand a tab. ") == "Two spaces and a tab."


# Each class of bad bullet, on sentences of our own: the lead is always kept, the bad sentence
# never chosen, and the article still gets three bullets.
FIFTH = "The council expects the first trams to carry passengers in the autumn of 2027."


def body(*paragraphs: str) -> Document:
    return make_doc(
        ("headline", "Eastbridge approves transport budget"), *(("paragraph", p) for p in paragraphs)
    )


@pytest.mark.parametrize(
    "bad",
    [
        # captions and credits left inside body text
        "Mayor Lena Fischer (left) and councillor Tom Berg (right) present the budget in Eastbridge.",
        "Councillor Tom Berg, pictured far right, arrives at the town hall in Eastbridge on Tuesday",
        "Councillor Tom Berg, pictured here in 2019, has fought for the tram lines for a decade.",
        "Photo: Jonas Weber for the Eastbridge Courier, taken at the town hall on Tuesday evening.",
        # promos
        "Scroll down for video of the council meeting in Eastbridge and the vote on the budget.",
        "Sign up to our newsletter for the latest news from Eastbridge every single morning.",
        "Use code TRAM20 for 20% off your first month of tram tickets from the Eastbridge shop.",
        # an exclamation: the writer's cheer, no news
        "It is that time of the year again for everybody who rides the trams of Eastbridge!",
        # the writer greeting or appealing to the reader
        "Welcome back to another edition of the Eastbridge transport roundup from the town hall.",
        "If you can, please help us keep reporting on the trams and buses of Eastbridge this year.",
        "Hi everyone, and thank you for reading about the trams and the buses of Eastbridge again.",
        # the writer's aside or an editor's note in brackets
        "(There is no way to link to the council's video itself, so here is the page that holds it.)",
        "[Update: the council of Eastbridge has since published the full budget on its website.]",
        # notes about the article rather than its news
        "This article was updated on Monday, November 27 to add the final figures from the council.",
        "Editor's note: an earlier version of this story gave the wrong date for the council vote.",
        "Added a note about the night buses, which the council approved later in the same meeting.",
        # bare quotes: a quotation alone, or with no more than "she said"
        "“This is the biggest investment in public transport that our city has ever seen.”",
        '"We waited twenty years for this and now it is finally happening at last," she said.',
        # pieces of sentences: no full stop, a broken quotation, a tail in lower case
        "The mayor said the vote was a turning point for the whole of the city and its people",
        'Mayor Lena Fischer called it "the biggest investment in public transport for decades.',
        "It is the biggest investment in public transport that the city of Eastbridge has seen.'",
    ],
)
def test_bad_sentences_never_become_bullets(analyzer, bad):
    doc = body(LEAD, bad, SECOND, THIRD, FOURTH, FIFTH)
    bullets = analyzer.analyze(doc).summary
    assert len(bullets) == 3
    assert bullets[0] == LEAD
    assert bad not in bullets
    assert all(bad not in b and b not in bad for b in bullets)


def test_an_updates_stamp_is_left_off_the_news_it_brings(analyzer):
    doc = body(f"Updated 11/28/17: {LEAD}", SECOND, THIRD, FOURTH, FIFTH)
    bullets = analyzer.analyze(doc).summary
    assert bullets[0] == LEAD
    assert (
        clean_sentence("Update, 3pm: Officials confirmed the figures.") == "Officials confirmed the figures."
    )
    assert clean_sentence("Updated figures were released.") == "Updated figures were released."


def test_attributed_quote_is_a_statement(analyzer):
    quote = (
        '"We will have trams on the streets within three years," Mayor Lena Fischer told the council '
        "before the vote on Tuesday."
    )
    doc = body(LEAD, quote, "Officials said so.", FOURTH, FIFTH)
    assert quote in analyzer.analyze(doc).summary


def test_sentence_broken_by_a_paragraph_break_is_joined(analyzer):
    head = "The city council of Eastbridge approved a new transport budget of 40 million euros"
    tail = "on Tuesday after a debate that lasted well into the night."
    doc = body(head, tail, SECOND, THIRD, FOURTH)
    bullets = analyzer.analyze(doc).summary
    assert bullets[0] == f"{head} {tail}"
    assert tail not in bullets


def test_sentence_cut_after_a_function_word_is_joined(analyzer):
    head = "The city council will carry the first passengers on the new tram lines to"
    tail = "Eastbridge Central Station from the autumn of 2027, officials said on Tuesday."
    doc = body(LEAD, head, tail, SECOND, THIRD, FOURTH)
    bullets = analyzer.analyze(doc).summary
    assert tail not in bullets and head not in bullets
    assert f"{head} {tail}" in bullets


def test_five_sentences_always_give_three_bullets(analyzer):
    # Only two good sentences: the rest is filled from the others, page furniture last.
    doc = body(
        LEAD,
        "“This is the biggest investment in public transport that our city has ever seen.”",
        "Scroll down for video of the council meeting in Eastbridge and the vote on the budget.",
        "Will the trams really be ready in time for the start of the next school year?",
        SECOND,
    )
    bullets = analyzer.analyze(doc).summary
    assert len(bullets) == 3
    assert bullets[0] == LEAD and SECOND in bullets
    assert not any(b.startswith("Scroll down") for b in bullets)


def test_short_item_gets_no_fragments_or_furniture(analyzer):
    # Under five sentences nothing forces three bullets: fragments and promos are left out.
    doc = body(
        "Council backs trams and night buses with a 40 million euro budget",
        LEAD,
        "Sign up to our newsletter for the latest news from Eastbridge every single morning.",
    )
    assert analyzer.analyze(doc).summary == [LEAD]


def test_sentence_tests():
    assert is_whole("The council approved the budget.")
    assert is_whole("He called it “a turning point.”")
    assert not is_whole("The council approved the budget")  # no full stop
    assert not is_whole("on Tuesday, after a long debate.")  # the tail of a broken sentence
    assert not is_whole('He called it "a turning point.')  # a quotation cut in two
    assert not is_whole("It was the best day of my life.’")  # the tail of a quotation
    assert is_whole("He said: ‘It was the best day of my life.’")
    assert is_whole("The players' union agreed to the new contract.")
    assert continues("The council met on", "Tuesday to vote.")
    assert continues("The council met", "on Tuesday to vote.")
    assert not continues("The council met on Tuesday.", "on Tuesday to vote.")
    assert not continues("Council meeting", "The vote is on Tuesday.")
    assert is_furniture("Jane Roe (second left) with her family at the ceremony on Friday.")
    assert is_furniture("Scroll down for video")
    assert not is_furniture("The left-wing party won the election on Sunday by a wide margin.")
    raw = '"We will win," she said.'
    assert is_bare_quote(raw, 0, [(1, 13)])
    raw = '"We will win," the leader of the opposition told reporters in the capital on Sunday.'
    assert not is_bare_quote(raw, 0, [(1, 13)])
    assert not is_bare_quote("The council approved the budget on Tuesday evening.", 0, [])

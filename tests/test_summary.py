"""Bullet summaries with the real spaCy model: article sentences, chosen for news, cleaned."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import make_doc
from tui.core.analysis.summary import clean_sentence
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
            assert not b.startswith(('"', "“")), (path.name, b)
            assert not b.endswith("?"), (path.name, b)


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

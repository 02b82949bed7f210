"""Entities with the real spaCy model: span cleanup, case restoration, document consistency."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import make_doc
from tui.core.analysis.ner_case import CaseModel, is_caps_line, restore_blocks
from tui.core.analysis.ner_doc import resolve, surface
from tui.core.analysis.ner_places import is_country
from tui.core.analysis.ner_spans import NAME_LABELS, Mention
from tui.core.analysis.pipeline import ANALYZER_VERSION
from tui.core.models import Document, Entity
from tui.core.reader import read_file

pytestmark = pytest.mark.slow  # the real spaCy pipeline

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
FOUNDING = SEEDS / "000_5d177d52626f6432.txt"


def entities_of(analyzer, doc: Document) -> list[Entity]:
    ents = analyzer.analyze(doc).entities
    for e in ents:
        assert doc.text[e.start : e.end] == e.text, e
    return ents


@pytest.fixture(scope="module")
def founding(analyzer):
    doc = read_file(FOUNDING)
    return doc, entities_of(analyzer, doc)


# -- the founding article ---------------------------------------------------------------------------


def test_founding_obama_mentions_share_the_full_name(founding):
    _doc, ents = founding
    obama = [e for e in ents if e.text == "Obama"]
    assert len(obama) >= 10
    assert {e.canonical for e in obama} == {"Barack Obama"}
    assert {e.label for e in obama} == {"PERSON"}


def test_founding_lavrov_is_a_person_everywhere(founding):
    doc, ents = founding
    lavrov = [e for e in ents if "Lavrov" in e.text]
    # Every occurrence in the text is an entity, and all are the same person.
    assert len(lavrov) == doc.text.count("Lavrov")
    assert {e.label for e in lavrov} == {"PERSON"}
    assert {e.canonical for e in lavrov} == {"Sergei Lavrov"}


def test_founding_no_entity_starts_with_a_bullet_or_punctuation(founding):
    _doc, ents = founding
    assert ents
    for e in ents:
        assert e.text[:1].isalnum(), e
        assert e.text == e.text.strip()


def test_founding_possessive_and_article_stay_out_of_canonical_names(founding):
    _doc, ents = founding
    canon = {e.canonical for e in ents if e.label in NAME_LABELS}
    assert "State Department" in canon
    assert not any(c.startswith("the ") or c.endswith(("’s", "'s")) for c in canon)


def test_entities_never_cross_a_block(founding):
    doc, ents = founding
    for e in ents:
        assert any(b.start <= e.start and e.end <= b.end for b in doc.blocks), e
        assert "\n" not in e.text


# -- cleanup -------------------------------------------------------------------------------------------


def test_leading_bullet_is_not_part_of_a_name(analyzer):
    doc = make_doc(
        ("headline", "Leaders meet"),
        ("list_item", "• Scholz travels to Warsaw for talks on energy"),
        ("paragraph", "German Chancellor Olaf Scholz arrived in Warsaw on Thursday."),
    )
    ents = entities_of(analyzer, doc)
    scholz = [e for e in ents if "Scholz" in e.text]
    assert scholz and all(not e.text.startswith("•") for e in scholz)
    assert {e.canonical for e in scholz} == {"Olaf Scholz"}


# -- ALL-CAPS lines --------------------------------------------------------------------------------------


def test_caps_line_detection():
    assert is_caps_line("ROVERS SIGN HARTLEY FROM KILBRIDE")
    assert is_caps_line("GLASGOW 2003-02-11")
    assert not is_caps_line("The NATO summit opened in Vilnius")
    assert not is_caps_line("2003-02-11")


def test_case_restoration_keeps_length_and_uses_the_article():
    body = ["Dunmore Rovers have signed the striker Tom Hartley for an undisclosed fee."]
    head = "ROVERS SIGN HARTLEY FOR UNDISCLOSED FEE"
    restored = restore_blocks([head, "GLASGOW 2003-02-11", *body], CaseModelLexicon())
    assert restored[0] == "Rovers sign Hartley for undisclosed fee"
    assert restored[1] == "Glasgow 2003-02-11"
    assert restored[2] == body[0]
    assert all(len(a) == len(b) for a, b in zip([head, "GLASGOW 2003-02-11"], restored, strict=False))


def CaseModelLexicon():
    """A tiny lexicon for the restoration test: two common words."""
    from tui.core.analysis.ner_case import Lexicon

    return Lexicon(common=frozenset({"sign", "undisclosed"}))


def test_case_restoration_keeps_acronyms_and_learned_pairs():
    model = CaseModel()
    model.learn("Fans in New York cheered as the NBA final began.")
    assert model.restore("NBA FANS IN NEW YORK") == "NBA Fans in New York"


def test_caps_headline_mentions_link_to_the_body(analyzer):
    doc = make_doc(
        ("headline", "HARTLEY JOINS DUNMORE FROM KILBRIDE"),
        ("dateline", "GLASGOW 2003-02-11"),
        ("paragraph", "The striker Tom Hartley has joined Dunmore from Kilbride for an undisclosed fee."),
        ("paragraph", "Hartley, 24, scored nine goals last season."),
    )
    ents = entities_of(analyzer, doc)
    head = [e for e in ents if e.end <= doc.blocks[0].end]
    assert any(e.text == "HARTLEY" and e.canonical == "Tom Hartley" and e.label == "PERSON" for e in head)
    dateline = [e for e in ents if doc.blocks[1].start <= e.start < doc.blocks[1].end]
    assert any(e.text == "GLASGOW" and e.label == "GPE" for e in dateline)


# -- document-level consistency ------------------------------------------------------------------------


def _mention(start: int, label: str, weight: float = 1.0, block: int = 0) -> Mention:
    return Mention(start, start + 1, label, block, 1, weight)


def test_one_label_per_name_and_short_forms_take_the_full_name():
    texts = ["Sergei Lavrov", "Lavrov", "Lavrov", "Lavrov’s"]
    mentions = [_mention(0, "PERSON"), _mention(10, "ORG"), _mention(20, "GPE"), _mention(30, "ORG")]
    labels, canon = resolve(texts, mentions)
    assert labels == ["PERSON"] * 4
    assert canon == ["Sergei Lavrov"] * 4


def test_majority_vote_without_a_full_name():
    texts = ["Kilbride", "Kilbride", "Kilbride"]
    mentions = [_mention(0, "ORG"), _mention(10, "ORG"), _mention(20, "PERSON")]
    labels, _ = resolve(texts, mentions)
    assert labels == ["ORG"] * 3


def test_short_form_follows_the_nearest_full_name_in_its_paragraph():
    texts = ["Bill Hale", "Hale", "Anna Hale", "Hale"]
    mentions = [_mention(0, "PERSON"), _mention(10, "PERSON"), _mention(20, "PERSON"), _mention(30, "PERSON")]
    _, canon = resolve(texts, mentions)
    assert canon == ["Bill Hale", "Bill Hale", "Anna Hale", "Anna Hale"]


def test_short_form_in_a_later_paragraph_is_the_main_bearer_of_the_surname():
    # Tom Reyes is named first and again; his brother is named once, a paragraph before "Reyes said".
    texts = ["Tom Reyes", "Tom Reyes", "Reyes", "Luis Reyes", "Reyes"]
    blocks = [0, 1, 1, 2, 3]
    mentions = [_mention(i * 10, "PERSON", block=b) for i, b in enumerate(blocks)]
    _, canon = resolve(texts, mentions)
    assert canon == ["Tom Reyes", "Tom Reyes", "Tom Reyes", "Luis Reyes", "Tom Reyes"]


def test_given_name_alone_counts_for_the_full_name_it_belongs_to():
    # "Nora" is Nora Vance: the surname later on is hers, not that of Paul Vance named once after her.
    texts = ["Nora Vance", "Nora", "Nora", "Paul Vance", "Vance"]
    mentions = [_mention(i * 10, "PERSON", block=i) for i in range(5)]
    _, canon = resolve(texts, mentions)
    assert canon[-1] == "Nora Vance"


def test_surface_drops_article_and_possessive():
    assert surface("the  Federal Reserve") == "Federal Reserve"
    assert surface("Hong Kong 's") == "Hong Kong"
    assert surface("Putin’s") == "Putin"
    assert surface("The") == "The"


def test_acronym_links_to_the_organisation(analyzer):
    doc = make_doc(
        ("headline", "Health agency warns"),
        (
            "paragraph",
            "The World Health Organization warned on Tuesday that measles cases are rising in Europe.",
        ),
        ("paragraph", "The WHO said vaccination rates had fallen in several countries."),
    )
    ents = entities_of(analyzer, doc)
    who = [e for e in ents if e.text == "WHO"]
    assert who and who[0].canonical == "World Health Organization"


def test_repeated_name_is_found_everywhere(analyzer):
    doc = make_doc(
        ("headline", "Port talks"),
        ("paragraph", "Union leader Margaret Okonjo met port managers in Rotterdam on Monday."),
        (
            "paragraph",
            "Reporters later asked Okonjo whether the strike would end, and Okonjo declined to comment.",
        ),
    )
    ents = entities_of(analyzer, doc)
    okonjo = [e for e in ents if "Okonjo" in e.text]
    assert len(okonjo) == doc.text.count("Okonjo")
    assert {e.canonical for e in okonjo} == {"Margaret Okonjo"}
    assert {e.label for e in okonjo} == {"PERSON"}


def test_common_word_is_not_propagated_at_a_sentence_start(analyzer):
    doc = make_doc(
        ("headline", "Council vote"),
        ("paragraph", "Councillor Daniel Young proposed the new budget on Monday."),
        ("paragraph", "Young people will benefit most from the plan, the council said."),
    )
    ents = entities_of(analyzer, doc)
    second = doc.blocks[2]
    assert not [e for e in ents if e.start == second.start and e.label == "PERSON"]


# -- results lines ------------------------------------------------------------------------------------


def test_results_lines_make_clubs_and_players(analyzer):
    doc = make_doc(
        ("headline", "Regional league results"),
        ("paragraph", "Results of the regional league games played on Saturday:"),
        ("paragraph", "Kilbride 3 Oakfield 1"),
        ("paragraph", "Dunmore 2 Castlebay 2"),
        ("paragraph", "Scorers: J. Moran 45, T. Hartley 78"),
        ("paragraph", "Standings: Kilbride 5 4 1 0 12 3 13"),
    )
    ents = entities_of(analyzer, doc)
    labels = {(e.text, e.label) for e in ents}
    for club in ("Kilbride", "Oakfield", "Dunmore", "Castlebay"):
        assert (club, "ORG") in labels
    assert ("J. Moran", "PERSON") in labels
    assert ("T. Hartley", "PERSON") in labels
    # A name never swallows the score next to it.
    assert not any(any(c.isdigit() for c in e.text) for e in ents if e.label in ("ORG", "PERSON"))


def test_a_name_never_ends_in_a_score_joined_by_a_hyphen(analyzer):
    doc = make_doc(
        ("headline", "County cricket"),
        ("paragraph", "Close of play scores on Friday:"),
        ("paragraph", "Kent 108-3 ( M. Walker 58 ) v Essex"),
        ("paragraph", "Racing at Ayr: 1. Miss Dorrit 3-1 , 2. Paddy Lane 16-1"),
    )
    ents = entities_of(analyzer, doc)
    named = [e for e in ents if e.label in ("ORG", "PERSON", "GPE")]
    assert named and not any(e.text[-1:].isdigit() or e.text.endswith("-") for e in named), named


def test_country_in_a_results_line_is_a_place(analyzer):
    doc = make_doc(
        ("headline", "Qualifier"),
        ("paragraph", "Norway 2 Kilbride 0"),
    )
    ents = entities_of(analyzer, doc)
    assert ("Norway", "GPE") in {(e.text, e.label) for e in ents}


def test_country_list():
    assert is_country("Sri Lanka")
    assert is_country("the Netherlands")
    assert is_country("U.S.")
    assert not is_country("Kilbride")


def test_version_is_set(analyzer):
    doc = make_doc(("headline", "Short"), ("paragraph", "Nothing much happened in Oslo today."))
    assert analyzer.analyze(doc).version == ANALYZER_VERSION

"""The text reader: article structure (headline, standfirst, media, caption, credit, promo, ...) and metadata."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tui.core.models import (
    CAPTION,
    CODE,
    CREDIT,
    DATELINE,
    ENTITY_KINDS,
    HEADLINE,
    LIST_ITEM,
    MEDIA,
    PARAGRAPH,
    PROMO,
    QUOTE_KINDS,
    STANDFIRST,
    SUBHEAD,
    Document,
)
from tui.core.reader import ReadError, parse_text, read_file

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
FOUNDING = SEEDS / "000_5d177d52626f6432.txt"
WIKINEWS = SEEDS / "wikinews_2017-01-13_putin-calls-us-troops-in-poland-a-threat.txt"


def kinds(doc: Document) -> list[str]:
    return [b.kind for b in doc.blocks]


def texts(doc: Document, kind: str) -> list[str]:
    return [doc.block_text(b) for b in doc.blocks if b.kind == kind]


def assert_well_formed(doc: Document) -> None:
    """The reader's guarantee: one-line (but code), stripped, ordered, non-overlapping blocks."""
    prev_end = 0
    for b in doc.blocks:
        chunk = doc.block_text(b)
        assert "\n" not in chunk or b.kind == CODE
        assert chunk and chunk == chunk.strip()
        assert b.start >= prev_end
        prev_end = b.end


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    p = tmp_path / name
    if isinstance(content, bytes):
        p.write_bytes(content)
    else:
        p.write_text(content, encoding="utf-8")
    return p


def one_line_error(path: Path) -> str:
    with pytest.raises(ReadError) as info:
        read_file(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(str(path) + ": ")
    return message


# -- the founding article ---------------------------------------------------------------------


def test_founding_article_structure():
    doc = read_file(FOUNDING)
    assert_well_formed(doc)
    k = kinds(doc)
    assert k[0] == HEADLINE
    assert doc.title == doc.block_text(doc.blocks[0])
    assert k[1:4] == [STANDFIRST, STANDFIRST, MEDIA]
    standfirst = texts(doc, STANDFIRST)
    assert all(not s.startswith("•") for s in standfirst)  # the bullet is not part of the text
    assert texts(doc, MEDIA) == ["Obama: Haven't Yet Closed the Gaps on Syria Negotiations"]
    assert texts(doc, CAPTION) == ["Barack Obama in Hangzhou on Sept. 5."]
    assert texts(doc, CREDIT) == ["Photographer: Qilai Shen/Bloomberg"]
    caption_at = k.index(CAPTION)
    assert k[caption_at + 1] == CREDIT
    assert texts(doc, SUBHEAD) == ["Earlier Cease-Fire", "Cyber Tensions"]
    assert texts(doc, PROMO) == [
        "QuickTake Syria's Civil War",
        "Before it's here, it's on the Bloomberg Terminal.",
    ]
    assert k[-1] == PROMO
    paragraphs = texts(doc, PARAGRAPH)
    assert len(paragraphs) == 17
    assert all(len(p.split()) > 8 for p in paragraphs)
    # Its sidecar gives the publisher and date; it needs no licence attribution.
    assert (doc.source, doc.date, doc.attribution) == ("Bloomberg", "2016-09-05", None)
    # The text is the file's text (no sidecar, nothing rewritten).
    assert doc.text == FOUNDING.read_text(encoding="utf-8")


def test_wikinews_seed_takes_its_sidecar():
    doc = read_file(WIKINEWS)
    assert_well_formed(doc)
    assert kinds(doc)[0] == HEADLINE
    assert set(kinds(doc)[1:]) == {PARAGRAPH}
    assert doc.title == "Putin calls US troops in Poland 'a threat'"
    assert doc.date == "2017-01-13"
    assert doc.source == "Wikinews"
    assert doc.url and doc.url.startswith("https://en.wikinews.org/wiki/")
    assert doc.attribution and "CC BY 2.5" in doc.attribution
    assert doc.warnings == []


def test_every_seed_reads_into_headline_and_paragraphs():
    for path in sorted(SEEDS.glob("wikinews_*.txt")):
        doc = read_file(path)
        assert_well_formed(doc)
        assert kinds(doc)[0] == HEADLINE, path.name
        assert set(kinds(doc)[1:]) == {PARAGRAPH}, path.name
        assert doc.source == "Wikinews" and doc.attribution


# -- generic shapes, on sentences written for these tests ---------------------------------------

PAGE = """Council Votes to Rebuild the Old Stone Bridge

  • Repairs will start in spring and last two years
  • Cars will use a temporary crossing downstream

Engineers Explain the Rebuild Plan

The town council voted on Wednesday to rebuild the stone bridge over the Arlen river, ending a debate that lasted most of the year.

The mayor said the vote was close but the case for the work was clear after the winter floods damaged two arches.

Workers inspect the damaged arch in March.

Photo: Dana Whitlock/Valley Press

Residents will be able to comment on the design at two public meetings before construction begins.

Read more: How the floods changed the valley

Funding Questions

The regional government has promised to pay for most of the work, though the final sum has not been agreed.

    Get the whole story first, on the Valley Press app.
"""


def test_copied_web_page_shapes():
    doc = parse_text(PAGE)
    assert_well_formed(doc)
    assert kinds(doc) == [
        HEADLINE,
        STANDFIRST,
        STANDFIRST,
        MEDIA,
        PARAGRAPH,
        PARAGRAPH,
        CAPTION,
        CREDIT,
        PARAGRAPH,
        PROMO,
        SUBHEAD,
        PARAGRAPH,
        PROMO,
    ]
    assert doc.title == "Council Votes to Rebuild the Old Stone Bridge"
    assert texts(doc, STANDFIRST)[0] == "Repairs will start in spring and last two years"


def test_trailing_indented_line_is_promo_only_when_deeper_than_the_body():
    body = "Grain Prices Rise\n\nWheat rose for a third week as dry weather cut the harvest estimate.\n\n"
    assert kinds(parse_text(body + "    Subscribe for daily market notes\n"))[-1] == PROMO
    assert kinds(parse_text(body + "    Prices are expected to settle by June\n"))[-1] == PROMO
    # The same line, not indented, is content.
    assert kinds(parse_text(body + "Prices are expected to settle by June.\n"))[-1] == PARAGRAPH
    # Indented paragraphs throughout (a classic typewriter layout) are all content.
    indented = "Grain Prices Rise\n\n    Wheat rose for a third week.\n\n    Traders expect calm by June.\n"
    assert kinds(parse_text(indented)) == [HEADLINE, PARAGRAPH, PARAGRAPH]


def test_subheads_need_title_case_and_no_final_punctuation():
    text = (
        "Rail Strike Ends\n\n"
        "Train drivers returned to work on Monday after a four-day strike over pay.\n\n"
        "What the Deal Offers\n\n"
        "The agreement raises wages by four percent this year and three next year.\n\n"
        "talks went on all night\n\n"
        "Union leaders said members would vote on the offer within a fortnight.\n\n"
        "It ended.\n\n"
        "Services should run normally by Wednesday, the operator said.\n"
    )
    doc = parse_text(text)
    assert texts(doc, SUBHEAD) == ["What the Deal Offers"]
    assert "talks went on all night" in texts(doc, PARAGRAPH)
    assert "It ended." in texts(doc, PARAGRAPH)


def test_bylines_datelines_and_lists():
    text = (
        "Storm Closes Mountain Pass\n\n"
        "By Greta Holm\n\n"
        "Updated on March 3, 2021, 9:15 AM EST\n\n"
        "Snow closed the mountain pass overnight, stranding dozens of lorries near the summit.\n\n"
        "- Drivers should check forecasts\n"
        "- Chains are required above 1,000 metres\n\n"
        "The road is expected to reopen once ploughs have cleared the drifts.\n"
    )
    doc = parse_text(text)
    assert kinds(doc) == [HEADLINE, CREDIT, DATELINE, PARAGRAPH, LIST_ITEM, LIST_ITEM, PARAGRAPH]
    assert texts(doc, LIST_ITEM) == [
        "Drivers should check forecasts",
        "Chains are required above 1,000 metres",
    ]
    assert doc.date == "2021-03-03"


def test_caption_needs_a_credit_after_it_and_no_quotation():
    text = (
        "Harvest Festival Draws Crowds\n\n"
        "Thousands visited the harvest festival in the old market square on Saturday.\n\n"
        "Children at the apple stall on Saturday.\n\n"
        "Image: Joel Park\n\n"
        '"It was our busiest year," said the organiser.\n\n'
        "Photograph: Joel Park\n\n"
        "The festival returns next autumn with a larger food hall.\n"
    )
    doc = parse_text(text)
    assert texts(doc, CAPTION) == ["Children at the apple stall on Saturday."]
    assert '"It was our busiest year," said the organiser.' in texts(doc, PARAGRAPH)
    assert texts(doc, CREDIT) == ["Image: Joel Park", "Photograph: Joel Park"]


def test_sentences_starting_with_label_words_stay_paragraphs():
    text = (
        "Museum Buys Rare Map\n\n"
        "Sources said the museum paid more than expected for the map.\n\n"
        "Photos by the hundred were taken of the map on its first day on show.\n\n"
        "Related talks between the two museums are planned for next year.\n\n"
        "More from the survey of the map will be published in May.\n"
    )
    doc = parse_text(text)
    assert kinds(doc) == [HEADLINE, PARAGRAPH, PARAGRAPH, PARAGRAPH, PARAGRAPH]


def test_one_sentence_per_line_conll_style():
    text = (
        "DOCKERS STRIKE OVER NEW CONTRACT RULES .\n"
        "ROTTERDAM 1997-03-14\n"
        "Dock workers in Rotterdam walked out on Friday over changes to shift rules .\n"
        "The union said about 2,000 workers joined the strike .\n"
        "Port officials said ships would be diverted to Antwerp if it lasted .\n"
    )
    doc = parse_text(text)
    assert_well_formed(doc)
    assert kinds(doc) == [HEADLINE, DATELINE, PARAGRAPH, PARAGRAPH, PARAGRAPH]
    assert doc.date == "1997-03-14"
    assert doc.text == text
    # Every line is analysed for entities: none is dropped as promo or credit.
    assert all(k in ENTITY_KINDS for k in kinds(doc))


def test_summary_eval_format_is_headline_and_paragraphs():
    sentences = [
        "A new library opened in the harbour district on Monday.",
        "It holds more than 40,000 books and a children's reading room.",
        "The city paid for the building with money from a port levy.",
    ]
    text = "Article 12\n\n" + "\n\n".join(sentences) + "\n"
    doc = parse_text(text)
    assert kinds(doc) == [HEADLINE, PARAGRAPH, PARAGRAPH, PARAGRAPH]
    assert doc.title == "Article 12"
    assert texts(doc, PARAGRAPH) == sentences


def test_wire_agency_in_a_lead_dateline_is_the_source():
    text = "Oil Output Steady\n\nOSLO (Reuters) - Norway's oil output held steady in June, data showed on Friday.\n"
    assert parse_text(text).source == "Reuters"


def test_hard_wrapped_text_is_unwrapped_without_moving_offsets():
    para = (
        "The regional orchestra announced a season of free concerts in parks across the county, "
        "starting with a performance of folk songs arranged for strings in early June, and said "
        "that rehearsals would be open to schools that asked for a visit before the end of May."
    )
    import textwrap

    wrapped = (
        "Free Concerts in the Park\n\n" + textwrap.fill(para, 70) + "\n\n" + textwrap.fill(para, 70) + "\n"
    )
    doc = parse_text(wrapped)
    assert len(doc.text) == len(wrapped)
    assert kinds(doc) == [HEADLINE, PARAGRAPH, PARAGRAPH]
    assert texts(doc, PARAGRAPH) == [para, para]


def test_long_first_line_is_a_lead_paragraph_not_a_headline():
    lead = (
        "Farmers in the valley began the cherry harvest a week early this year after a warm spring, "
        "and growers said the crop was the largest in a decade. Prices at the market fell by a third "
        "within days as the fruit arrived."
    )
    doc = parse_text(lead + "\n\nPickers are paid by the crate.\n")
    assert kinds(doc) == [PARAGRAPH, PARAGRAPH]
    assert doc.title.startswith("Farmers in the valley") and len(doc.title) <= 101


def test_markup_like_text_is_data_and_control_characters_are_stripped():
    text = "Title with [bold] and [/b]\n\nPress [@click=app.quit] to leave\x1b[31m now\u202e.\n"
    doc = parse_text(text)
    assert doc.title == "Title with [bold] and [/b]"
    assert "[@click=app.quit]" in doc.text
    assert "\x1b" not in doc.text and "\u202e" not in doc.text
    assert texts(doc, PARAGRAPH) == ["Press [@click=app.quit] to leave[31m now."]


def test_pathological_lines_are_read(tmp_path):
    # Long runs of what the line patterns look for: a backtracking regex would never finish.
    lines = [
        "A, " * 50_000,
        "Photo " * 30_000,
        "By " + "Name " * 40_000,
        "QuickTake " + "x" * 100_000,
        "LONDON " * 30_000 + "1996-08-30",
    ]
    doc = parse_text("Headline\n\n" + "\n\n".join(lines) + "\n")
    assert kinds(doc) == [HEADLINE] + [PARAGRAPH] * len(lines)


# -- eval-shaped files (../shared, when present) ---------------------------------------------


@pytest.mark.skipif(not (SHARED / "eval").is_dir(), reason="../shared is not present")
def test_eval_texts_keep_their_content():
    sys.path.insert(0, str(SHARED / "tools"))
    import ner_eval

    for sentences in ner_eval.read_conll(str(SHARED / "eval" / "conll2003-dev.txt")):
        text, _ = ner_eval.doc_text(sentences)
        doc = parse_text(text)
        assert doc.text == text
        assert all(k in ENTITY_KINDS for k in kinds(doc))
        assert len(doc.blocks) == len(sentences)
    for path in sorted((SHARED / "eval" / "polnear-dev" / "text").glob("*.txt")):
        doc = read_file(path)
        assert PROMO not in kinds(doc), path.name
        for b in doc.blocks[1:]:
            if '"' in doc.block_text(b) or "\u201c" in doc.block_text(b):
                assert b.kind in QUOTE_KINDS, (path.name, b.kind)


def test_a_sponsors_coupon_is_a_promo_which_no_summary_takes():
    from tui.core.reader.lines import is_promo

    assert is_promo("Use code WAVE50 for 50% off your first month.")
    assert is_promo("Get $40 off a Kestrel mattress with code kestrelshow.")
    assert is_promo("Use code hopper10 to get 10% off.")
    assert is_promo("Use code wave2018 for a $10 credit.")
    assert is_promo("Use code WAVE for a free month of premium.")
    # A code and a price that are news stay content.
    assert not is_promo("The code was written in 2019 and sold for $40 before the company closed.")
    assert not is_promo("Shares fell 5% off their peak after the code of conduct was published.")

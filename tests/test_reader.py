"""The text reader: article structure, metadata, Markdown/HTML, and every kind of bad input."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tui.core.models import (
    CAPTION,
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
from tui.core.reader import MAX_BYTES, ReadError, expand_paths, parse_text, read_file

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DATA = Path(__file__).parent / "data" / "reader"
SHARED = ROOT.parent / "shared"
FOUNDING = SEEDS / "000_5d177d52626f6432.txt"
WIKINEWS = SEEDS / "wikinews_2017-01-13_putin-calls-us-troops-in-poland-a-threat.txt"


def kinds(doc: Document) -> list[str]:
    return [b.kind for b in doc.blocks]


def texts(doc: Document, kind: str) -> list[str]:
    return [doc.block_text(b) for b in doc.blocks if b.kind == kind]


def assert_well_formed(doc: Document) -> None:
    """The reader's guarantee: one-line, stripped, ordered, non-overlapping blocks."""
    prev_end = 0
    for b in doc.blocks:
        chunk = doc.block_text(b)
        assert "\n" not in chunk
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
    assert doc.source is None and doc.date is None and doc.attribution is None
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


# -- Markdown and HTML ------------------------------------------------------------------------


def test_markdown_article():
    doc = read_file(DATA / "garden.md")
    assert_well_formed(doc)
    assert kinds(doc) == [HEADLINE, PARAGRAPH, SUBHEAD, LIST_ITEM, LIST_ITEM, PARAGRAPH]
    assert doc.title == "Community garden opens on the old rail yard"
    assert doc.block_text(doc.blocks[0]) == "Community garden opens on the old rail yard"
    assert texts(doc, LIST_ITEM) == ["Households within two kilometres", "Schools and [care] homes"]
    assert "**" not in doc.text and "](" not in doc.text and "`" not in doc.text and "_water_" not in doc.text
    assert doc.date == "2022-06-18" and doc.source == "Eastside Weekly"
    assert "\n\n".join(doc.block_text(b) for b in doc.blocks) == doc.text


def test_html_article():
    doc = read_file(DATA / "ferry.html")
    assert_well_formed(doc)
    assert kinds(doc) == [
        HEADLINE,
        CREDIT,
        PARAGRAPH,
        CAPTION,
        CREDIT,
        SUBHEAD,
        PARAGRAPH,
        PARAGRAPH,
        LIST_ITEM,
        LIST_ITEM,
    ]
    assert doc.title == "Night ferry service returns to the island"
    assert texts(doc, CAPTION) == ["The ferry leaving the north quay at dusk."]
    assert texts(doc, CREDIT) == ["By Tomas Lindqvist", "Photo: Ines Dahl"]
    assert texts(doc, PARAGRAPH)[1] == 'Departures are at 22:10 and 23:40 on "weekdays" & weekends.'
    assert texts(doc, PARAGRAPH)[2] == "Tickets cost [bold] the same as before."
    for dropped in ("tracking", "Sport", "Share this", "Most read", "Copyright", "font-weight"):
        assert dropped not in doc.text
    assert doc.date == "2023-11-04T06:30:00Z"
    assert doc.source == "Harbour Courier"
    assert doc.url == "https://courier.example/news/night-ferry"
    assert "\n\n".join(doc.block_text(b) for b in doc.blocks) == doc.text


def test_html_without_h1_uses_the_page_title(tmp_path):
    p = write(
        tmp_path,
        "a.htm",
        "<html><head><title>Quiet Street Wins Award - Town News</title></head>"
        "<body><p>The street won a prize for its gardens.</p></body></html>",
    )
    doc = read_file(p)
    assert kinds(doc) == [HEADLINE, PARAGRAPH]
    assert doc.title == "Quiet Street Wins Award"
    assert doc.source == "Town News"


def test_html_that_never_closes_head_or_aside_keeps_its_text(tmp_path):
    unclosed_head = (
        "<html><head><title>Pier Repairs Finish</title><p>The pier reopened to walkers at noon.</p>"
    )
    doc = read_file(write(tmp_path, "a.html", unclosed_head))
    assert texts(doc, PARAGRAPH) == ["The pier reopened to walkers at noon."]
    unclosed_aside = "<body><h1>Pier Repairs Finish</h1><aside><p>The pier reopened to walkers at noon.</p>"
    doc = read_file(write(tmp_path, "b.html", unclosed_aside))
    assert texts(doc, PARAGRAPH) == ["The pier reopened to walkers at noon."]


def test_html_with_no_text_is_an_error(tmp_path):
    p = write(
        tmp_path,
        "empty.html",
        "<html><head><script>var a = 1;</script></head><body><nav>Home</nav></body></html>",
    )
    assert "no article text" in one_line_error(p)


# -- sidecars ---------------------------------------------------------------------------------


def test_sidecar_source_from_url_host_and_broken_sidecar(tmp_path):
    write(tmp_path, "a.txt", "Headline Here\n\nA paragraph of text for the test.\n")
    write(
        tmp_path,
        "a.json",
        '{"title": "Sidecar Title", "url": "https://www.bbc.co.uk/news/x", "date": "2020-01-02"}',
    )
    doc = read_file(tmp_path / "a.txt")
    assert (doc.title, doc.source, doc.date) == ("Sidecar Title", "BBC", "2020-01-02")
    write(tmp_path, "b.txt", "Headline Here\n\nA paragraph of text for the test.\n")
    write(tmp_path, "b.json", "{not json")
    doc = read_file(tmp_path / "b.txt")
    assert doc.title == "Headline Here"
    assert len(doc.warnings) == 1 and "sidecar ignored" in doc.warnings[0]


# -- bad input --------------------------------------------------------------------------------


def test_missing_file_and_folder(tmp_path):
    missing = tmp_path / "nope.txt"
    assert one_line_error(missing) == f"{missing}: no such file or folder"
    (item,) = list(expand_paths([missing]))
    assert isinstance(item, ReadError) and str(item) == f"{missing}: no such file or folder"


def test_folder_without_articles(tmp_path):
    (tmp_path / "notes.json").write_text("{}")
    (item,) = list(expand_paths([tmp_path]))
    assert isinstance(item, ReadError)
    assert str(item).startswith(f"{tmp_path}: no articles")


def test_folder_lists_articles_sorted_and_skips_hidden(tmp_path):
    for name in ("b.md", "a.txt", "c.html", "skip.json", ".hidden.txt"):
        write(tmp_path, name, "x")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "d.txt", "x")
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".git", "e.txt", "x")
    found = list(expand_paths([tmp_path]))
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a.txt", "b.md", "c.html", "sub/d.txt"]


def test_folder_given_as_file(tmp_path):
    assert one_line_error(tmp_path) == f"{tmp_path}: is a folder, not a file"


def test_empty_and_whitespace_only_files(tmp_path):
    assert one_line_error(write(tmp_path, "e.txt", "")).endswith(": empty file")
    assert "empty file" in one_line_error(write(tmp_path, "w.txt", " \n\t\n  \r\n"))


def test_binary_files(tmp_path):
    assert "binary file" in one_line_error(
        write(tmp_path, "nul.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    )
    noise = bytes(range(1, 32)) * 40  # control bytes but no NUL
    assert "binary file" in one_line_error(write(tmp_path, "ctl.txt", noise))


def test_cp1252_is_decoded_with_a_warning(tmp_path):
    p = write(
        tmp_path,
        "old.txt",
        "Caf\u00e9 Reopens\n\n\u201cWe are back,\u201d the owner said.\n".encode("cp1252"),
    )
    doc = read_file(p)
    assert doc.title == "Caf\u00e9 Reopens"
    assert "\u201cWe are back,\u201d" in doc.text
    assert doc.warnings == [f"{p}: not UTF-8, decoded as cp1252"]


def test_file_over_the_size_cap_is_not_read(tmp_path):
    p = tmp_path / "huge.txt"
    with p.open("wb") as f:
        f.truncate(20 * 1024 * 1024)  # sparse: nothing is written, stat says 20 MB
    message = one_line_error(p)
    assert message == f"{p}: too large (20 MB; the limit is {MAX_BYTES // (1024 * 1024)} MB)"


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path):
    p = write(tmp_path, "secret.txt", "Title\n\nBody text here.\n")
    p.chmod(0)
    try:
        assert one_line_error(p) == f"{p}: permission denied"
    finally:
        p.chmod(0o644)


def test_path_through_a_file_and_a_fifo(tmp_path):
    f = write(tmp_path, "plain.txt", "Title\n\nBody.\n")
    assert "cannot read" in one_line_error(f / "child.txt")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert one_line_error(fifo) == f"{fifo}: not a regular file"


def test_byte_order_marks(tmp_path):
    body = "Bridge Reopens\n\nTraffic crossed the bridge again on Sunday.\n"
    for name, data in (
        ("utf8.txt", b"\xef\xbb\xbf" + body.encode("utf-8")),
        ("utf16.txt", body.encode("utf-16")),  # with BOM, native order
        ("utf16be.txt", b"\xfe\xff" + body.encode("utf-16-be")),
    ):
        doc = read_file(write(tmp_path, name, data))
        assert doc.text == body, name
        assert doc.title == "Bridge Reopens"
        assert doc.warnings == []


def test_cli_reports_bad_input_on_one_line(tmp_path, capsys):
    from tui.cli import main

    missing = tmp_path / "gone.txt"
    empty = write(tmp_path, "empty.txt", "")
    assert main(["analyze", str(missing), str(empty)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[0] == f"newsreader: {missing}: no such file or folder"
    assert err[1] == f"newsreader: {empty}: empty file"
    assert "Traceback" not in "\n".join(err)


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

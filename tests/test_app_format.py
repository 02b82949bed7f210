"""Unit tests of the UI's pure helpers: wrapping, bylines, and the body's pieces and layout."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from rich.style import Style
from rich.text import Text

from tui.core.models import Analysis, Block, Document, Entity, Quote
from tui.ui.body import STYLE_NAMES, BodyLayout, build_pieces
from tui.ui.format import byline, entity_group, format_date, hang, shorten, wrap_offsets

STYLES = {name: Style(color="#%06x" % (i * 40000 + 1)) for i, name in enumerate(STYLE_NAMES)}


@pytest.mark.parametrize(
    "text",
    [
        "The council approved the plan on Tuesday after a long and heated debate.",
        "   leading spaces and   runs   of spaces   ",
        "averyveryverylongwordthatcannotfitanywhere and then some short ones",
        "日本語のテキストと English words mixed 日本語日本語日本語",
        "",
    ],
)
@pytest.mark.parametrize("width", [1, 5, 12, 30])
def test_wrap_offsets_cover_the_text_and_fit(text, width):
    ranges = wrap_offsets(text, width)
    assert ranges[0][0] == 0 and ranges[-1][1] == len(text)
    for (_, end), (start, _) in zip(ranges, ranges[1:], strict=False):
        assert end == start  # contiguous: every offset belongs to exactly one row
    for a, b in ranges:
        assert cell_len(text[a:b].rstrip()) <= max(width, 2)


def test_wrap_breaks_between_words():
    text = "one two three four five six"
    lines = [text[a:b].rstrip() for a, b in wrap_offsets(text, 9)]
    assert lines == ["one two", "three", "four five", "six"]


def test_hang_indents_and_truncates_keeping_spans():
    text = Text("alpha beta gamma delta epsilon zeta eta theta")
    text.stylize("bold", 0, 5)
    out = hang(text, 14, "● ", "  ", max_lines=2)
    lines = out.plain.split("\n")
    assert lines[0].startswith("● alpha") and lines[1].startswith("  ")
    assert lines[-1].endswith("…") and len(lines) == 2
    assert all(cell_len(line) <= 14 for line in lines)
    assert any(span.style == "bold" and out.plain[span.start : span.end] == "alpha" for span in out.spans)


@pytest.mark.parametrize("width", [12, 20, 32, 33, 34])
def test_a_deeper_hanging_indent_never_overflows(width):
    """Lines after the first are wrapped for their own indent: wrapped for the first line's, an
    entity page's title overflowed by the indent and the list wrapped it again, unindented."""
    title = Text("22 Sep 2015  Texas student Ahmed Mohamed inspires social movement")
    for first, rest in (("", "  "), ("  ", "    ")):
        lines = hang(title, width, first, rest).plain.split("\n")
        assert all(cell_len(line) <= width for line in lines), lines
        assert lines[0].startswith(first) and all(line.startswith(rest) for line in lines[1:])
        assert " ".join(line.strip() for line in lines).split() == title.plain.split()


def test_dates_bylines_and_shortening():
    assert format_date("2017-01-13") == "13 Jan 2017"
    assert format_date("2024-03-15T09:30:00Z") == "15 Mar 2024 09:30"
    assert format_date("not a date") == "not a date"
    assert byline("Wikinews", "2017-01-13", 40) == "Wikinews · 13 Jan 2017"
    assert byline("A very long publisher name", "2024-03-15T09:30:00", 24) == "A very… · 15 Mar 2024"
    assert byline("Wikinews", "2024-03-15T09:30:00", 25) == "Wikinews · 15 Mar 2024"  # time dropped first
    assert byline("Wikinews", "2024-03-15T09:30:00", 20) == "15 Mar 2024"  # then the source
    # Rows of one list agree: a day of one digit does not let the source in where two would not.
    for room in range(10, 40):
        assert (" · " in byline("Wikinews", "2015-08-02", room)) == (
            " · " in byline("Wikinews", "2015-05-18", room)
        )
        assert (" · " in byline("Wikinews", "2015-08-02T10:00", room)) == (
            " · " in byline("Wikinews", "2015-05-18T10:00", room)
        )
    assert shorten("one two three four five", 12) == "one two…"
    assert shorten("short", 12) == "short"
    assert entity_group("PERSON") == "person" and entity_group("GPE") == "place"
    assert entity_group("CARDINAL") is None


def _doc() -> Document:
    parts = [
        ("headline", "[bold]Council[/b] approves the [@click=app.quit]plan[/]"),
        ("standfirst", "Nine votes to four"),
        ("paragraph", 'Mayor Ana Ruiz said the plan was "good for everyone" on Tuesday.'),
        ("promo", "Subscribe to our newsletter"),
        ("caption", "The town hall at dusk."),
        ("credit", "Photo: Example Agency"),
        ("subhead", "What comes next"),
        ("paragraph", "Work starts in spring."),
    ]
    text, blocks = "", []
    for kind, body in parts:
        if text:
            text += "\n\n"
        blocks.append(Block(kind, len(text), len(text) + len(body)))
        text += body
    return Document(text=text, blocks=blocks, title=parts[0][1], source="Example", attribution="CC0 example")


def _analysis(doc: Document) -> Analysis:
    start = doc.text.index("Ana Ruiz")
    q = doc.text.index("good for everyone")
    return Analysis(
        entities=[Entity(start, start + 8, "Ana Ruiz", "PERSON", "Ana Ruiz")],
        quotes=[Quote(q, q + len("good for everyone"), "good for everyone", "Ana Ruiz", "said")],
        summary=["Mayor Ana Ruiz said the plan was good."],
    )


def test_pieces_show_the_article_literally_without_promos():
    doc = _doc()
    pieces = build_pieces(doc, None, True, STYLES)
    plain = [p.text.plain for p in pieces]
    assert plain[0] == "[bold]Council[/b] approves the [@click=app.quit]plan[/]"
    assert "Subscribe to our newsletter" not in plain
    assert "Example" in plain and "CC0 example" in plain
    label = plain.index("Publisher's summary")
    assert plain[label + 1] == "Nine votes to four" and pieces[label + 1].first_prefix == "• "
    caption = plain.index("The town hall at dusk.")
    assert pieces[caption].first_prefix.strip() == "" and len(pieces[caption].first_prefix) >= 2
    assert pieces[caption + 1].gap == 0  # the credit stays with its caption
    assert pieces[plain.index("What comes next")].text.style == STYLES["subhead"]


def test_entities_are_styled_only_with_highlighting_on():
    doc = _doc()
    analysis = _analysis(doc)

    def person_spans(highlight: bool) -> list[str]:
        pieces = build_pieces(doc, analysis, highlight, STYLES)
        return [
            p.text.plain[s.start : s.end]
            for p in pieces
            for s in p.text.spans
            if s.style == STYLES["ent-person"]
        ]

    assert person_spans(True) == ["Ana Ruiz"]
    assert person_spans(False) == []


def test_layout_maps_every_offset_to_the_row_that_shows_it():
    doc = _doc()
    pieces = build_pieces(doc, _analysis(doc), True, STYLES)
    layout = BodyLayout(pieces, 24, margin=2)
    for piece in pieces:
        if piece.doc_start is None:
            continue
        for local in range(len(piece.text)):
            row = layout.row_of(piece.doc_start + local)
            assert row is not None
            r = layout.rows[row]
            assert r.start <= local < r.end or (local >= r.start and r.end == len(piece.text))
    promo = doc.text.index("Subscribe")
    assert layout.row_of(promo) is None or layout.rows[layout.row_of(promo)].piece >= 0
    for row in range(len(layout)):
        assert cell_len(layout.line(row, None, None).plain) <= 24


def test_layout_line_applies_the_mark():
    doc = _doc()
    pieces = build_pieces(doc, None, True, STYLES)
    layout = BodyLayout(pieces, 80)
    start = doc.text.index("Ana Ruiz")
    row = layout.row_of(start)
    assert row is not None
    line = layout.line(row, (start, start + 8), Style(reverse=True))
    marked = [line.plain[s.start : s.end] for s in line.spans if s.style == Style(reverse=True)]
    assert marked == ["Ana Ruiz"]


@pytest.mark.parametrize(
    "doc",
    [
        Document(text="", blocks=[], title="d10", source="Hostile test feed"),  # a title only
        Document(text="Headline only", blocks=[Block("headline", 0, 13)]),
    ],
)
def test_an_article_with_no_text_says_so_under_its_headline(doc):
    """A blank pane under the headline read as if the text had not loaded yet."""
    plain = [p.text.plain for p in build_pieces(doc, None, True, STYLES)]
    assert plain[-1] == "No text beyond the headline."


def test_an_article_with_text_has_no_such_note():
    plain = [p.text.plain for p in build_pieces(_doc(), None, True, STYLES)]
    assert "No text beyond the headline." not in plain

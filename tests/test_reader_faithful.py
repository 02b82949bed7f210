"""Faithful text: code keeps its lines, blockquotes stand apart, lists keep their numbers and
nesting, images read ``[image: alt]``, links are numbered in the text and listed at the end;
from HTML pages, feed HTML and Markdown alike. And the body lays them out that way."""

from __future__ import annotations

import pytest
from rich.style import Style

from tui.core.feeds import html_to_text
from tui.core.models import (
    BLOCKQUOTE,
    CODE,
    IMAGE,
    LINK,
    LIST_ITEM,
    PARAGRAPH,
    QUOTE_KINDS,
    SUMMARY_KINDS,
    Document,
    document_links,
    human_size,
    link_marks,
    without_link_marks,
)
from tui.core.reader.html import parse_html
from tui.core.reader.markdown import parse_markdown
from tui.ui.body import STYLE_NAMES, BodyLayout, build_pieces

from .test_reader import assert_well_formed

CODE_HTML = "<pre><code>def f(x):\n    if x:\n\treturn 1\n\n# done</code></pre>"
CODE_TEXT = "def f(x):\n    if x:\n    return 1\n\n# done"


def texts(doc: Document, kind: str) -> list[str]:
    return [doc.block_text(b) for b in doc.blocks if b.kind == kind]


def page(body: str) -> Document:
    doc = parse_html(f"<html><body><article><h1>Title</h1>{body}</article></body></html>")
    assert_well_formed(doc)
    return doc


# -- HTML pages --------------------------------------------------------------------------------


def test_pre_code_keeps_its_lines_and_indentation():
    doc = page(f"<p>Before.</p>{CODE_HTML}<p>After.</p>")
    assert texts(doc, CODE) == [CODE_TEXT]
    assert texts(doc, PARAGRAPH) == ["Before.", "After."]


def test_markup_inside_pre_does_not_reflow_it():
    doc = page('<pre><span class="k">if</span> x:<br>    <b>go</b>()</pre>')
    assert texts(doc, CODE) == ["if x:\n    go()"]


def test_blockquote_is_its_own_kind_and_not_a_summary_source():
    doc = page("<p>She wrote:</p><blockquote><p>One.</p><p>Two.</p></blockquote><p>Then left.</p>")
    assert texts(doc, BLOCKQUOTE) == ["One.", "Two."]
    assert texts(doc, PARAGRAPH) == ["She wrote:", "Then left."]
    # (the quotations inside it are quotes: see test_analysis_faithful)
    assert BLOCKQUOTE in QUOTE_KINDS and BLOCKQUOTE not in SUMMARY_KINDS


def test_ordered_lists_are_numbered_and_nested_lists_indented():
    doc = page(
        '<ol start="3"><li>three<ul><li>inner</li><li>also</li></ul>after inner</li><li>four</li></ol>'
        "<ol><li>one</li><li value='7'>seven</li><li>eight</li></ol>"
    )
    assert texts(doc, LIST_ITEM) == ["three", "inner", "also", "after inner", "four", "one", "seven", "eight"]
    lines = doc.text.split("\n\n")[1:]
    assert lines == [
        "3. three",
        "  ◦ inner",
        "  ◦ also",
        "   after inner",
        "4. four",
        "1. one",
        "7. seven",
        "8. eight",
    ]


def test_unordered_lists_keep_bullets_by_depth():
    doc = page("<ul><li>a<ul><li>b<ul><li>c</li></ul></li></ul></li></ul>")
    assert doc.text.split("\n\n")[1:] == ["• a", "  ◦ b", "    ▪ c"]


def test_images_read_image_and_alt_and_pixels_are_dropped():
    doc = page(
        '<p>Text.</p><img src="a.png" alt="A  chart of\nrates"><img src="b.png">'
        '<img src="t.gif" width="1" height="1"><p>Nice <img src="e.png" alt="🙂"> day.</p>'
    )
    assert texts(doc, IMAGE) == ["[image: A chart of rates]", "[image]"]
    assert "Nice 🙂 day." in texts(doc, PARAGRAPH)
    assert "t.gif" not in doc.text


def test_links_are_numbered_after_their_text_and_listed_at_the_end():
    doc = parse_html(
        "<h1>Title</h1><p>Read <a href='https://a.example/x'>the report</a> and "
        "<a href='/rel'>this</a>, <a href='https://a.example/x'>again</a>, "
        "<a href='javascript:alert(1)'>never</a>.</p><p><a href='https://b.example/'><img alt='Logo'></a></p>",
        base="https://site.example/post/",
    )
    assert texts(doc, PARAGRAPH) == ["Read the report[1] and this[2], again[1], never."]
    assert texts(doc, IMAGE) == ["[image: Logo][3]"]
    assert texts(doc, LINK) == [
        "[1] https://a.example/x",
        "[2] https://site.example/rel",
        "[3] https://b.example/",
    ]
    assert [(link.number, link.url) for link in document_links(doc)] == [
        (1, "https://a.example/x"),
        (2, "https://site.example/rel"),
        (3, "https://b.example/"),
    ]


def test_link_marks_are_found_and_hidden_from_the_analysis_offsets_kept():
    doc = parse_html("<p>See <a href='https://a.example/'>this</a> and footnote [7].</p>")
    marks = link_marks(doc)
    assert [doc.text[s:e] for s, e, _ in marks] == ["[1]"]  # [7] names no link: it is the author's
    masked = without_link_marks(doc)
    assert len(masked.text) == len(doc.text) and "this    and footnote [7]" in masked.text
    assert masked.blocks == doc.blocks


def test_feed_html_gets_the_same_structure():
    out = html_to_text(
        f"<p>Intro <a href='/a'>link</a>.</p>{CODE_HTML}<blockquote>Quoted.</blockquote>"
        "<ol><li>one</li><li>two</li></ol><img src='x.jpg' alt='Harbour'>",
        "https://news.example/",
    )
    assert out.blocks == [
        (PARAGRAPH, "Intro link[1]."),
        (CODE, CODE_TEXT),
        (BLOCKQUOTE, "Quoted."),
        (LIST_ITEM, "1. one"),
        (LIST_ITEM, "2. two"),
        (IMAGE, "[image: Harbour]"),
    ]
    assert out.links == ["https://news.example/a"]


def test_human_sizes():
    assert human_size(25_480_000) == "24.3 MB"
    assert human_size(512) == "512 bytes"
    assert human_size(2048) == "2.0 KB"
    assert human_size(None) == "" and human_size(0) == ""


# -- Markdown ----------------------------------------------------------------------------------

MARKDOWN = """# Title

Read [the docs](https://example.com/docs) and [again](https://example.com/docs).

```python
def f():
    return 1
```

    indented code
        deeper

> Quoted text
> continues.

3. three
   - nested
4. four

![A chart](chart.png)
"""


def test_markdown_code_quotes_lists_images_and_links():
    doc = parse_markdown(MARKDOWN)
    assert_well_formed(doc)
    assert texts(doc, PARAGRAPH) == ["Read the docs[1] and again[1]."]
    assert texts(doc, CODE) == ["def f():\n    return 1", "indented code\n    deeper"]
    assert texts(doc, BLOCKQUOTE) == ["Quoted text continues."]
    assert texts(doc, LIST_ITEM) == ["three", "nested", "four"]
    assert "3. three\n\n  ◦ nested\n\n4. four" in doc.text
    assert texts(doc, IMAGE) == ["[image: A chart]"]
    assert texts(doc, LINK) == ["[1] https://example.com/docs"]


# -- the body ----------------------------------------------------------------------------------

STYLES = {name: Style() for name in STYLE_NAMES}


def rows(doc: Document, width: int) -> list[str]:
    layout = BodyLayout(build_pieces(doc, None, False, STYLES), width)
    return [layout.line(i, None, None).plain for i in range(len(layout))]


def test_the_body_shows_code_unreflowed_lists_numbered_quotes_barred_and_links_listed():
    doc = page(
        f"<p>See <a href='https://a.example/'>this</a>.</p>{CODE_HTML}"
        "<blockquote>Someone else said it.</blockquote><ol><li>one<ul><li>sub</li></ul></li></ol>"
    )
    shown = rows(doc, 60)
    assert "See this[1]." in shown
    assert "        if x:" in shown and "        return 1" in shown
    assert "    # done" in shown and not shown[shown.index("    # done") - 1].strip()  # the blank code line
    assert "  ▎ Someone else said it." in shown
    assert "  1. one" in shown and "    ◦ sub" in shown
    assert shown[-2:] == ["Links", "  [1] https://a.example/"]


@pytest.mark.parametrize("width", [40, 60, 61])
def test_a_long_link_wraps_under_itself_beside_its_number_losing_nothing(width):
    """A listed address longer than a row starts beside its number and goes on under itself,
    every row within the width (the rows after the first were wrapped for the number's shallower
    indent: each overflowed by the number's width, and the screen lost what overflowed)."""
    url = "http://open.live.bbc.co.uk/mediaselector/6/redir/version/2.0/mediaset/audio-nondrm-download/x.mp3"
    shown = rows(page(f"<p>Listen <a href='{url}'>here</a>.</p>"), width)
    first = next(n for n, r in enumerate(shown) if r.startswith("  [1] http://"))
    listed = shown[first:]
    assert len(listed) > 1 and all(len(r) <= width for r in listed), listed
    assert all(r.startswith("      ") and r[6] != " " for r in listed[1:]), listed
    assert "".join(r.strip() for r in listed) == f"[1] {url}"


def test_a_long_code_line_is_cut_not_wrapped_at_words():
    doc = page("<pre>" + "x = [" + ", ".join(str(i) for i in range(40)) + "]</pre>")
    shown = rows(doc, 30)
    code = [r for r in shown if r.startswith("    ")]
    assert len(code) > 1 and all(len(r) <= 30 for r in code)
    # Cut at the width, wherever that falls (a space at a row's end is not drawn).
    assert "".join(r[4:] for r in code).replace(" ", "") == doc.block_text(doc.blocks[-1]).replace(" ", "")


def test_an_item_that_is_mostly_code_or_quotation_is_not_a_teaser():
    from tui.core.feeds.items import is_teaser

    code = "<pre>" + "\n".join(f"step_{i}(value, other, more)" for i in range(60)) + "</pre>"
    quote = "<blockquote>" + " ".join(["words"] * 90) + "</blockquote>"
    assert not is_teaser(html_to_text("<p>Short intro.</p>" + code).blocks)
    assert not is_teaser(html_to_text("<p>Short intro.</p>" + quote).blocks)


def test_only_links_in_the_text_kept_are_listed_numbered_in_reading_order():
    doc = parse_html(
        "<html><body><nav><a href='https://site.example/home'>Home</a></nav>"
        "<div class='sidebar'><a href='https://site.example/other'>Other</a></div>"
        "<p>Outside the article: <a href='https://site.example/outside'>out</a>.</p>"
        "<article><h1>Story</h1><p>The <a href='https://a.example/'>first</a> and "
        "<span hidden><a href='https://site.example/hidden'>hidden</a></span>"
        "<a href='https://b.example/'>second</a>.</p></article></body></html>"
    )
    assert texts(doc, PARAGRAPH) == ["The first[1] and second[2]."]
    assert texts(doc, LINK) == ["[1] https://a.example/", "[2] https://b.example/"]


def test_articles_stored_before_numbering_show_their_promo_link_lines_as_links():
    from tui.core.models import PROMO, Block

    text = "Headline\n\nBody text.\n\n[1] https://old.example/a\n\nRead more at our site"
    doc = Document(
        text=text,
        blocks=[
            Block("headline", 0, 8),
            Block(PARAGRAPH, 10, 20),
            Block(PROMO, 22, 47),
            Block(PROMO, 49, len(text)),
        ],
    )
    assert [(link.number, link.url) for link in document_links(doc)] == [(1, "https://old.example/a")]
    shown = rows(doc, 60)
    assert shown[-2:] == ["Links", "  [1] https://old.example/a"] and "Read more at our site" not in shown


def test_a_quote_closing_right_after_a_link_mark_still_closes_after_its_words():
    """A linked title in quotes: the analysis sees the closing mark after the title's last word."""
    doc = parse_html(
        "<p>Merkle wrote “<a href='https://a.example/'>Secrecy and public-key systems</a>” (1979), "
        "then “more”.</p>"
    )
    masked = without_link_marks(doc)
    assert len(masked.text) == len(doc.text)
    assert "“Secrecy and public-key systems”    (1979)" in masked.text


def test_a_possessive_after_a_link_mark_stays_where_it_is():
    doc = parse_html("<p>It was <a href='https://a.example/'>Chase Utley</a>'s best season.</p>")
    assert "Chase Utley   's best" in without_link_marks(doc).text

"""The reader on files: Markdown and HTML pages, sidecars, folders and every kind of bad input."""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

import pytest

from tui.core.models import CAPTION, CREDIT, HEADLINE, IMAGE, LINK, LIST_ITEM, PARAGRAPH, SUBHEAD, Document
from tui.core.reader import MAX_BYTES, ReadError, expand_paths, read_file

from .test_reader import assert_well_formed, kinds, one_line_error, texts, write

DATA = Path(__file__).parent / "data" / "reader"

# -- Markdown and HTML ------------------------------------------------------------------------


def test_markdown_article():
    doc = read_file(DATA / "garden.md")
    assert_well_formed(doc)
    assert kinds(doc) == [HEADLINE, PARAGRAPH, SUBHEAD, LIST_ITEM, LIST_ITEM, PARAGRAPH, LINK]
    assert doc.title == "Community garden opens on the old rail yard"
    assert doc.block_text(doc.blocks[0]) == "Community garden opens on the old rail yard"
    assert texts(doc, LIST_ITEM) == ["Households within two kilometres", "Schools and [care] homes"]
    assert "**" not in doc.text and "](" not in doc.text and "`" not in doc.text and "_water_" not in doc.text
    assert doc.date == "2022-06-18" and doc.source == "Eastside Weekly"
    assert "\n\n".join(doc.block_text(b) for b in doc.blocks) == doc.text.replace("• ", "")


def test_html_article():
    doc = read_file(DATA / "ferry.html")
    assert_well_formed(doc)
    assert kinds(doc) == [
        HEADLINE,
        CREDIT,
        PARAGRAPH,
        IMAGE,
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
    # List items keep their bullets in the text, before their blocks.
    assert "\n\n".join(doc.block_text(b) for b in doc.blocks) == doc.text.replace("• ", "")


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


def test_html_is_decoded_once_whatever_the_page_declares(tmp_path):
    # The file is already decoded to text: a charset <meta> or an XML declaration must not make
    # the HTML parser decode it a second time ("Caf\u00c3\u00a9").
    heads = (
        '<meta charset="iso-8859-1">',
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">',
        '<?xml version="1.0" encoding="iso-8859-1"?>',
    )
    for i, head in enumerate(heads):
        page = (
            f"<html><head>{head}<title>Caf\u00e9 \u201cZo\u00eb\u201d Reopens</title></head>"
            "<body><p>The caf\u00e9 on the corner reopened on Monday.</p></body></html>"
        )
        doc = read_file(write(tmp_path, f"cafe{i}.html", page))
        assert doc.title == "Caf\u00e9 \u201cZo\u00eb\u201d Reopens", head
        assert texts(doc, PARAGRAPH) == ["The caf\u00e9 on the corner reopened on Monday."], head


def _document_or_one_line_error(path: Path) -> Document | ReadError:
    try:
        doc = read_file(path)
    except ReadError as e:
        assert "\n" not in str(e) and str(e).startswith(f"{path}: ")
        return e
    assert_well_formed(doc)
    return doc


@pytest.mark.parametrize(
    "page",
    [
        "<a " * 200_000,
        '<a b="' * 200_000,
        "<a b='c' " * 200_000,
        "<div>" * 200_000,
        "<p>x" * 200_000,
        "</div>" * 200_000,
        "<!--" * 200_000,
        "<" * 200_000,
    ],
    ids=[
        "open-tags",
        "open-attributes",
        "attributes",
        "deep-divs",
        "paragraphs",
        "end-tags",
        "comments",
        "lt",
    ],
)
def test_hostile_html_is_read_in_linear_time(tmp_path, page):
    """Inputs on which Python 3.11's html.parser is quadratic, at a size where it would hang.

    ``"<a " * 10_000`` took 7.8 s with html.parser and grows with the square of the length, so
    200,000 repetitions would take about 50 minutes; the linear parser reads each in well under
    a few seconds. No clock is read: a quadratic parser makes this test hang instead of pass.
    """
    result = _document_or_one_line_error(write(tmp_path, "hostile.html", page))
    assert isinstance(result, (Document, ReadError))


def test_html_nested_100_000_deep_keeps_the_text_below(tmp_path):
    """A tree-building parser stops at a depth limit (libxml2: 256, or 2048 with huge_tree) and
    loses the rest of the page; the reader takes parser events, so the text at the bottom stays."""
    page = "<title>Deep Page</title>" + "<div>" * 100_000 + "<p>The text at the bottom.</p>"
    doc = _document_or_one_line_error(write(tmp_path, "deep.html", page))
    assert isinstance(doc, Document)
    assert texts(doc, PARAGRAPH) == ["The text at the bottom."]


def test_html_garbage_is_a_document_or_one_line_error(tmp_path):
    pieces = [
        "<", ">", "</", "/>", "<a ", 'b="', "&#", "&#x", ";", "<!--", "-->", "<![CDATA[", "]]>", "<?",
        "<!DOCTYPE", "<script>", "</title>", "<title>", "<p>", "</div>", "<pre>", "\n", "\x0c", "\x7f",
        "\uffff", "\U0001f600", "<table><td>", "<aside>", "<nav class=share>", "<svg>", "<frameset>",
        "<meta name=date content=", "&#0;", "&#xd800;", "&#x110000;", "word ",
    ]  # fmt: skip
    rng = random.Random(7)
    for i in range(300):
        page = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 80)))
        result = _document_or_one_line_error(write(tmp_path, f"g{i}.html", page))
        assert isinstance(result, (Document, ReadError)), page


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


def test_deeply_nested_and_stray_tags_are_read(tmp_path):
    page = (
        "<title>Deep Page</title>" + "<div>" * 20_000 + "</span>" * 20_000 + "<p>The text at the bottom.</p>"
    )
    doc = read_file(write(tmp_path, "deep.html", page))
    assert texts(doc, PARAGRAPH) == ["The text at the bottom."]
    nested = "# Deep Notes\n\n" + ">" * 20_000 + " quoted line\n"
    doc = read_file(write(tmp_path, "deep.md", nested))
    assert doc.title == "Deep Notes"

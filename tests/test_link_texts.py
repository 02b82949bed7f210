"""A link's own text ("the report") is kept with its address from every reader (article pages,
feed HTML, Markdown, fetched full texts) through the store, and rows stored before links kept
their text still load, with the address alone."""

from __future__ import annotations

import json

from tui.core.feeds.document import blocks_to_document
from tui.core.feeds.html_text import html_to_text
from tui.core.models import LINK, document_links
from tui.core.models.stored import content_hash
from tui.core.reader.html import parse_html
from tui.core.reader.markdown import parse_markdown
from tui.core.store import ArticleRepo, Database

PAGE = """<html><head><title>T</title></head><body><article><h1>Headline</h1>
<p>As <a href="https://ex.example/report">the <b>annual</b>
report</a> says, and <a href="https://ex.example/raw">https://ex.example/raw</a> too, and
<a href="https://ex.example/report">again</a>, with <a href="https://ex.example/e">tab\x1b[31m
red</a>.</p></article></body></html>"""


def texts(doc):
    return [(link.number, link.url, link.text) for link in document_links(doc)]


def test_an_article_page_keeps_each_links_first_text_and_not_an_address_repeated():
    assert texts(parse_html(PAGE)) == [
        (1, "https://ex.example/report", "the annual report"),
        (2, "https://ex.example/raw", ""),
        (3, "https://ex.example/e", "tab[31m red"),
    ]


def test_feed_html_and_markdown_keep_the_links_text():
    found = html_to_text('<p>See <a href="https://ex.example/r">the [/b] report</a>.</p>')
    doc = blocks_to_document("Title", found.blocks, found.links, link_texts=found.link_texts)
    assert texts(doc) == [(1, "https://ex.example/r", "the [/b] report")]
    md = parse_markdown("# T\n\nSee [the *report*](https://ex.example/r) and <https://ex.example/s>.\n")
    assert texts(md) == [(1, "https://ex.example/r", "the report"), (2, "https://ex.example/s", "")]


def test_the_text_is_stored_and_an_old_row_without_it_loads_with_the_address_alone(tmp_path):
    doc = parse_html(PAGE)
    db = Database(tmp_path / "library.db")
    try:
        repo = ArticleRepo(db)
        article_id = repo.upsert("file:page", doc)
        assert texts(repo.document(article_id)) == texts(doc)
        # A row written before links kept their text: [kind, start, end] only.
        with db.transaction() as conn:
            old = json.dumps([[b.kind, b.start, b.end] for b in doc.blocks])
            conn.execute("UPDATE articles SET blocks = ? WHERE id = ?", (old, article_id))
        assert [link.text for link in document_links(repo.document(article_id))] == ["", "", ""]
    finally:
        db.close()


def test_the_analysis_cache_key_ignores_the_links_texts():
    """An article stored before links kept their text keeps its analysis when stored again."""
    doc = parse_html(PAGE)
    assert any(b.label for b in doc.blocks if b.kind == LINK)
    from dataclasses import replace

    bare = replace(doc, blocks=[replace(b, label="") for b in doc.blocks])
    assert content_hash(doc) == content_hash(bare)

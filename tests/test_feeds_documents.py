"""A feed item's document made in one go equals the one made as before: built, then given its
source, date and link by ``dataclasses.replace`` (over the corpora's items and items of our own)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.conftest import SHARED
from tui.core.feeds.document import item_to_document
from tui.core.feeds.parse import parse_feed
from tui.core.feeds.parsed import FeedItem
from tui.core.models import PARAGRAPH
from tui.core.reader.blocks import build_document, link_parts

_NOT_FEEDS = (".md", ".py", ".csv", ".gz", ".json", ".opml")


def _as_before(item: FeedItem, feed_title: str | None):
    parts = [(None if kind == PARAGRAPH else kind, text) for kind, text in item.content_blocks]
    parts.extend(link_parts(item.links, [(e.url, e.detail) for e in item.enclosures]))
    doc = build_document(parts, title=item.title or None, link_texts=item.link_texts)
    return replace(doc, source=feed_title or None, date=item.published or doc.date, url=item.link)


def _items_of_our_own() -> list[FeedItem]:
    bodies = [
        [("paragraph", "LONDON, March 3, 2024 - The council met."), ("paragraph", "More text here.")],
        [("paragraph", "LONDON, Aug 30 -"), ("paragraph", "BERLIN, March 3, 2024 -"), ("paragraph", "Text.")],
        [("list_item", "1. first"), ("list_item", "  - nested"), ("code", "a  \n  b\n"), ("paragraph", "")],
        [("headline", "Marked"), ("paragraph", "Photo: Jane Doe"), ("paragraph", "Read more at the site")],
        [],
    ]
    out = []
    for k, body in enumerate(bodies):
        for title, published, links in (
            ("A title[1]", None, ["https://x.org/"]),
            ("", "2024-01-02", []),
            ("T", "", []),
        ):
            out.append(
                FeedItem(
                    id=f"i{k}", title=title, link="https://x.org/a", published=published or None, author=None, summary_blocks=[],
                    content_blocks=body, links=links,
                )
            )  # fmt: skip
    return out


def test_documents_of_our_own_items_are_as_before():
    for item in _items_of_our_own():
        for feed_title in (None, "", "Feed"):
            assert item_to_document(item, feed_title) == _as_before(item, feed_title)


@pytest.mark.slow
def test_documents_of_the_corpora_are_as_before():
    corpora = SHARED / "corpora"
    if not corpora.is_dir():
        pytest.skip("the shared corpora are not here")
    seen = 0
    for path in sorted(corpora.rglob("*")):
        if path.is_file() and path.suffix.lower() not in _NOT_FEEDS:
            parsed = parse_feed(path.read_bytes(), url="https://example.org/feed")
            for item in parsed.entries:
                assert item_to_document(item, parsed.title) == _as_before(item, parsed.title), path
                seen += 1
    assert seen > 1000


def test_the_date_is_the_first_dateline_that_has_one_unless_the_feed_gives_one():
    body = [
        ("paragraph", "LONDON, Aug 30 -"),
        ("paragraph", "BERLIN, March 3, 2024 -"),
        ("paragraph", "Text."),
    ]
    item = FeedItem(
        id="i", title="T", link=None, published=None, author=None, summary_blocks=[], content_blocks=body
    )
    assert item_to_document(item).date == "2024-03-03"
    assert item_to_document(replace(item, published="2025-01-01T00:00:00Z")).date == "2025-01-01T00:00:00Z"

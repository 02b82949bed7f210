"""Enclosures (RSS ``<enclosure>``, Atom ``rel=enclosure``, ``media:content``): read by both parse
paths with the same result, listed with type and size at the article's end, numbered after its links."""

from __future__ import annotations

import pytest

from tests.feedserver import feed_server_fixture  # noqa: F401 - the fixture
from tests.test_feeds_fast import accepted, assert_same, atom, rss
from tui.core.feeds import item_to_document, parse_feed
from tui.core.feeds.parsed import Enclosure
from tui.core.models import ENCLOSURE, LINK, document_links

EPISODE = (
    "<item><title>Episode 12</title><link>https://pod.example/12</link><guid>ep12</guid>"
    "<description>&lt;p&gt;Show notes with a &lt;a href='https://pod.example/notes'&gt;link&lt;/a&gt;.&lt;/p&gt;</description>"
    "<enclosure url='https://pod.example/12.mp3' length='25480000' type='Audio/MPEG'/></item>"
)
MEDIA = (
    "<item><title>Photos</title><link>https://news.example/p</link><guid>p1</guid>"
    "<media:group><media:content url='https://img.example/a.jpg' type='image/jpeg' fileSize='2048'/>"
    "<media:content url='https://img.example/b.jpg' medium='image'/></media:group>"
    "<media:content url='/c.png' type='image/png'/>"
    "<enclosure url='https://img.example/a.jpg' length='2048' type='image/jpeg'/></item>"
)
ATOM_ENTRY = (
    "<entry><title>Talk</title><id>urn:t</id><updated>2025-03-03T10:00:00Z</updated>"
    "<link href='https://news.example/talk'/>"
    "<link rel='enclosure' href='https://cdn.example/talk.ogg' type='audio/ogg' length='1000'/>"
    "<link rel='enclosure' href='https://cdn.example/slides.pdf'/>"
    "<summary>Slides and audio.</summary></entry>"
)


@pytest.mark.parametrize("data", [rss(EPISODE), rss(MEDIA), atom(ATOM_ENTRY)])
def test_both_paths_read_the_same_enclosures(data):
    assert accepted(data)  # the fast path takes it...
    assert_same(data, {"content-type": "application/rss+xml"}, "https://news.example/feed")  # ...identically
    assert parse_feed(data, fast=False).entries[0].enclosures


def test_an_enclosure_somewhere_feedparser_would_not_read_it_sends_the_feed_to_feedparser():
    odd = EPISODE.replace(
        "</item>",
        "<source url='https://x.example/'><enclosure url='https://x.example/y.mp3'/></source></item>",
    )
    data = rss(odd)
    assert not accepted(data)
    assert_same(data)


def test_enclosures_have_type_and_size_deduplicated_and_resolved():
    (ep,) = parse_feed(rss(EPISODE)).entries
    assert ep.enclosures == [Enclosure("https://pod.example/12.mp3", "audio/mpeg", 25480000)]
    assert ep.enclosures[0].detail == "audio/mpeg, 24.3 MB"
    (photos,) = parse_feed(rss(MEDIA), url="https://news.example/feed").entries
    assert [(e.url, e.detail) for e in photos.enclosures] == [
        ("https://img.example/a.jpg", "image/jpeg, 2.0 KB"),
        ("https://img.example/b.jpg", ""),
        ("https://news.example/c.png", "image/png"),
    ]
    (talk,) = parse_feed(atom(ATOM_ENTRY)).entries
    assert [(e.url, e.detail) for e in talk.enclosures] == [
        ("https://cdn.example/talk.ogg", "audio/ogg, 1000 bytes"),
        ("https://cdn.example/slides.pdf", "text/html"),  # feedparser's default type for an Atom link
    ]


def test_the_article_lists_enclosures_after_its_links():
    (ep,) = parse_feed(rss(EPISODE)).entries
    doc = item_to_document(ep, "Pod")
    assert [doc.block_text(b) for b in doc.blocks if b.kind in (LINK, ENCLOSURE)] == [
        "[1] https://pod.example/notes",
        "[2] https://pod.example/12.mp3 (audio/mpeg, 24.3 MB)",
    ]
    links = document_links(doc)
    assert [(link.number, link.enclosure, link.detail) for link in links] == [
        (1, False, ""),
        (2, True, "audio/mpeg, 24.3 MB"),
    ]
    assert "link[1]." in doc.text


async def test_a_fetched_full_text_keeps_the_items_enclosures(tmp_path, feed_server):
    from tests.app_feeds_support import FULL_PAGE
    from tui.core.library import Library

    page = feed_server.body("/ferry.html", FULL_PAGE, content_type="text/html; charset=utf-8")
    episode = EPISODE.replace("https://pod.example/12</link>", f"{page}</link>")
    url = feed_server.body("/pod.xml", rss(episode))
    with Library.open(tmp_path / "lib.db") as library:
        (added,), _ = await library.feeds.add([url])
        (row,) = [r for r in library.articles() if r.feed_id == added.feed_id]
        assert await library.feeds.full_text(row.id) is None
        doc = library.document(row.id)
        assert "Marta Silva" in doc.text
        assert [link.url for link in document_links(doc) if link.enclosure] == ["https://pod.example/12.mp3"]


def test_json_feed_attachments_are_enclosures():
    import json

    data = json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "Pod",
            "items": [
                {
                    "id": "1",
                    "title": "Episode",
                    "content_text": "Notes.",
                    "attachments": [
                        {
                            "url": "https://pod.example/1.m4a",
                            "mime_type": "audio/x-m4a",
                            "size_in_bytes": 1048576,
                        },
                        {"url": "javascript:alert(1)", "mime_type": "audio/mpeg"},
                        {"url": "https://pod.example/1.txt", "size_in_bytes": True},
                    ],
                }
            ],
        }
    ).encode()
    (ep,) = parse_feed(data).entries
    assert [(e.url, e.detail) for e in ep.enclosures] == [
        ("https://pod.example/1.m4a", "audio/x-m4a, 1.0 MB"),
        ("https://pod.example/1.txt", ""),
    ]

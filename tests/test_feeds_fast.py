"""The fast path for plain RSS 2.0 and Atom (:mod:`tui.core.feeds.fast`) against feedparser.

Whatever the fast path accepts must come out exactly as feedparser's path makes it: the same
ParsedFeed, entry by entry and field by field. What it is not sure of (hostile or unusual input)
it declines, and feedparser's answer stands.
"""

from __future__ import annotations

from pathlib import Path

import lxml.etree
import pytest

from tests.conftest import SHARED
from tui.core.feeds.fast import _DECLINE, _declines, _parser, read_plain_feed
from tui.core.feeds.parse import _shorten_authors, _utf16_to_utf8, parse_feed

CORPORA = SHARED / "corpora"
_NOT_FEEDS = (".md", ".py", ".csv", ".gz", ".json", ".opml")


def accepted(data: bytes, content_type: str = "", charset: str = "") -> bool:
    """Does the fast path take these bytes (as parse_feed hands them over)?"""
    return read_plain_feed(_shorten_authors(_utf16_to_utf8(data)), content_type, charset) is not None


def assert_same(data: bytes, headers: dict[str, str] | None = None, url: str | None = None) -> None:
    slow = parse_feed(data, headers, url, fast=False)
    fast = parse_feed(data, headers, url)
    assert (fast.title, fast.link, fast.format, fast.error, fast.warning) == (
        slow.title,
        slow.link,
        slow.format,
        slow.error,
        slow.warning,
    )
    assert len(fast.entries) == len(slow.entries)
    for mine, theirs in zip(fast.entries, slow.entries, strict=True):
        assert mine == theirs


def rss(items: str, channel: str = "<title>Harbour News</title><link>https://news.example/</link>") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" '
        'xmlns:media="http://search.yahoo.com/mrss/" xmlns:atom="http://www.w3.org/2005/Atom">'
        f"<channel>{channel}{items}</channel></rss>"
    ).encode()


def atom(entries: str, head: str = '<title type="html">Quay &amp;amp; Harbour</title>') -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f'{head}<link href="https://news.example/"/><link rel="self" href="https://news.example/atom"/>'
        f"<id>urn:feed</id>{entries}</feed>"
    ).encode()


BODY = "&lt;p&gt;The council said on Monday that the &lt;a href='/plan'&gt;plan&lt;/a&gt; would cost more.&lt;/p&gt;"


# -- the same result as feedparser ---------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        rss(
            f"<item><title>Quay opens</title><link>https://news.example/a?x=1&amp;y=2</link>"
            f"<guid isPermaLink='false'>a</guid><pubDate>Mon, 03 Mar 2025 10:00:00 GMT</pubDate>"
            f"<author>desk@news.example (News Desk)</author><description>{BODY}</description>"
            f"<category>Port</category><enclosure url='https://news.example/a.mp3' length='1' type='audio/mpeg'/>"
            f"</item>"
        ),
        # guid as link (permalink by default), dc:creator, content:encoded with and without a description
        rss(
            "<item><guid>https://news.example/b</guid><title>&lt;b&gt;Vote&lt;/b&gt; due</title>"
            "<dc:creator>Maria Lopez</dc:creator><dc:creator>Tom Becker</dc:creator>"
            f"<content:encoded><![CDATA[<p>Long <em>text</em></p>]]></content:encoded></item>"
            f"<item><title>Second</title><content:encoded>{BODY}</content:encoded>"
            f"<description>Short</description><dc:date>2025-03-04T08:00:00+01:00</dc:date></item>"
        ),
        # itunes:summary before a description: feedparser takes the description as content
        rss(
            "<item><title>Episode</title><itunes:summary>Sum</itunes:summary>"
            "<description><![CDATA[<div>The first episode</div>]]></description>"
            "<itunes:author>Aisha Khan</itunes:author><itunes:duration>39:27</itunes:duration>"
            "<media:thumbnail url='https://news.example/t.jpg'/></item>",
            channel="<title>Show</title><itunes:summary>About</itunes:summary><description>More</description>",
        ),
        # no title, no link, no guid: the id is a hash; C1 controls become cp1252's characters
        rss("<item><description>Only text \u0085 and &#x80; euro</description></item>"),
        # feed with no entries yet
        rss(""),
        atom(
            "<entry><title>Quay opens</title><id>urn:a</id><updated>2025-03-03T10:00:00Z</updated>"
            "<published>2025-03-02T10:00:00Z</published>"
            "<author><name>Maria Lopez</name><email>m@news.example</email></author>"
            '<link rel="alternate" type="text/html" href="https://news.example/a"/>'
            '<link rel="enclosure" href="https://news.example/a.mp3"/>'
            f'<summary>Plain &lt;not html&gt;</summary><content type="html">{BODY}</content></entry>'
            "<entry><title type='html'>&lt;i&gt;B&lt;/i&gt;</title><id>https://news.example/b</id>"
            "<author><name>Tom</name></author><content>Text only</content></entry>"
        ),
    ],
    ids=["rss", "rss-order-quirks", "podcast", "rss-bare", "rss-empty", "atom"],
)
def test_plain_feeds_take_the_fast_path_and_match_feedparser(data):
    assert accepted(data)
    assert_same(data, url="https://news.example/feed")


@pytest.mark.parametrize(
    ("content_type", "taken"),
    [
        ("application/rss+xml; charset=utf-8", True),
        ("application/xml", True),
        ("text/xml; charset=UTF-8", True),
        ("text/xml", False),  # US-ASCII by RFC 3023, to feedparser
        ("application/rss+xml; charset=iso-8859-1", False),
        ("text/html; charset=utf-8", False),
    ],
)
def test_the_http_charset_decides_too(content_type, taken):
    data = rss("<item><title>Caf\u00e9</title><guid>x</guid></item>")
    headers = {"Content-Type": content_type}
    main, _, rest = content_type.partition(";")
    charset = rest.partition("=")[2]
    assert accepted(data, main.strip(), charset) is taken
    assert_same(data, headers)


# -- declined: feedparser decides ---------------------------------------------------------------


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><rss version="2.0"><channel><title>&c;</title>'
    b"<item><title>&c;</title></item></channel></rss>"
)
XXE = (
    b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b'<rss version="2.0"><channel><title>t</title><item><title>&x;</title></item></channel></rss>'
)


@pytest.mark.parametrize(
    "data",
    [
        LAUGHS,
        XXE,
        rss("<item><title>Broken</item>"),  # not well formed
        rss("<item><title>NUL \x01 and BEL \x07</title></item>"),  # C0 controls: not XML
        rss("<item><title>&nbsp;undefined</title></item>"),  # an entity XML does not define
        rss("<item><title>Bad bytes \xff</title></item>".encode("latin-1").decode("latin-1")).replace(
            b"\xc3\xbf", b"\xff"
        ),
        b'<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel><item><title>Caf\xe9</title></item></channel></rss>',
        b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">'
        b"<channel><title>t</title></channel><item><title>x</title></item></rdf:RDF>",
        b'<rss version="0.91"><channel><title>t</title><item><title>x</title></item></channel></rss>',
        rss("<item><title>a</title><media:title>b</media:title></item>"),  # a title we do not model
        rss("<item><title>a</title><title>b</title></item>"),
        rss('<item xml:base="https://elsewhere.example/"><link>/a</link></item>'),
        atom('<entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">X</div></title></entry>'),
        atom('<entry><title>a</title><content type="image/png">AAAA</content></entry>'),
        rss("<item><title>a</title><description><p>raw markup</p></description></item>"),
    ],
    ids=[
        "billion-laughs",
        "xxe",
        "broken",
        "c0-controls",
        "undefined-entity",
        "bad-utf8",
        "latin-1",
        "rdf",
        "rss-0.91",
        "media-title",
        "two-titles",
        "xml-base",
        "xhtml",
        "base64",
        "markup-in-description",
    ],
)
def test_unusual_or_hostile_feeds_go_to_feedparser(data):
    assert not accepted(data)
    slow = parse_feed(data, fast=False)
    fast = parse_feed(data)
    assert (fast.title, fast.error, fast.warning, fast.entries) == (
        slow.title,
        slow.error,
        slow.warning,
        slow.entries,
    )


def test_the_parser_expands_no_entities_and_loads_nothing():
    """Even when handed a DTD, the fast path's parser leaves entities unexpanded and unfetched."""
    root = lxml.etree.fromstring(XXE, _parser())
    title = root.find("channel/item/title")
    assert "root:" not in lxml.etree.tostring(root, encoding="unicode")
    assert (title.text or "") == ""
    with pytest.raises(lxml.etree.XMLSyntaxError):
        lxml.etree.fromstring(b"<a>" * 300 + b"</a>" * 300, _parser())  # libxml2's depth limit stays on


# -- the corpora ------------------------------------------------------------------------------------


def _corpus_files() -> list[Path]:
    if not CORPORA.is_dir():
        return []
    return sorted(p for p in CORPORA.rglob("*") if p.is_file() and p.suffix.lower() not in _NOT_FEEDS)


@pytest.mark.parametrize(
    "data",
    [b"x base=1", b"<!DocType", b"a:BASE =", b"base=", b"xbase=", b"\x0bbase=", b"\nbase\t\n=", b"<!ENTITY"]
    + [b"database = x", b" base x=", b"<a BaSe\r=''/>", b"based on", b":base", b"<!ENTIT"],
)
def test_the_decline_check_is_the_decline_pattern(data):
    assert _declines(data) == bool(_DECLINE.search(data))


def test_the_decline_check_agrees_with_the_pattern_over_the_corpora():
    datas = [p.read_bytes() for p in _corpus_files()]
    assert [_declines(d) for d in datas] == [bool(_DECLINE.search(d)) for d in datas]


@pytest.mark.slow
def test_the_fast_path_matches_feedparser_over_the_shared_corpora():
    files = _corpus_files()
    if not files:
        pytest.skip(f"{CORPORA} is not here")
    taken = 0
    mismatched: list[str] = []
    for path in files:
        data = path.read_bytes()
        if not accepted(data):
            continue
        taken += 1
        slow, fast = parse_feed(data, fast=False), parse_feed(data)
        if fast != slow:
            mismatched.append(str(path.relative_to(CORPORA)))
    assert not mismatched, f"{len(mismatched)} of {taken} feeds differ: {mismatched[:10]}"
    # Most real RSS and Atom should take the fast path; if this drops, something declines too much.
    assert taken >= 700, taken


@pytest.mark.slow
def test_the_fast_path_matches_feedparser_on_shuffled_and_edited_corpus_entries():
    """Entries' elements moved, doubled, dropped, retexted and given attributes: the order rules
    (which link, summary or author wins) must be feedparser's too."""
    import copy
    import random

    files = [p for p in _corpus_files() if accepted(p.read_bytes())]
    if not files:
        pytest.skip(f"{CORPORA} is not here")
    rng = random.Random(10)
    texts = [
        "",
        " x ",
        "a&b",
        "<b>x</b>",
        "http://e.example/a?b=1&amp;c=2",
        "Ã©t\u0085",
        "Mon, 03 Mar 2025 10:00:00 GMT",
    ]
    attrs = [
        "false",
        "true",
        "True",
        "html",
        "text",
        "xhtml",
        "alternate",
        "self",
        "text/html",
        "http://e.example/x",
    ]
    mismatched = []
    for _ in range(300):
        path = rng.choice(files)
        root = lxml.etree.fromstring(path.read_bytes())
        entries = [e for e in root.iter("item", "{http://www.w3.org/2005/Atom}entry")]
        for _ in range(3):
            kids = [k for k in rng.choice(entries) if isinstance(k.tag, str)] if entries else []
            if not kids:
                continue
            k, op = rng.choice(kids), rng.randrange(5)
            parent = k.getparent()
            if op == 0:
                parent.remove(k)
                parent.insert(rng.randrange(len(parent) + 1), k)
            elif op == 1:
                parent.insert(rng.randrange(len(parent) + 1), copy.deepcopy(k))
            elif op == 2:
                parent.remove(k)
            elif op == 3:
                k.set(rng.choice(["isPermaLink", "type", "rel", "href"]), rng.choice(attrs))
            else:
                k.text = rng.choice(texts)
        data = lxml.etree.tostring(root, xml_declaration=True, encoding="utf-8")
        if accepted(data) and parse_feed(data) != parse_feed(data, fast=False):
            mismatched.append(str(path.relative_to(CORPORA)))
    assert not mismatched, mismatched[:10]

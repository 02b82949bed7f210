"""A fast path for plain RSS 2.0 and Atom 1.0: one lxml parse instead of feedparser's SAX pass.

:func:`read_plain_feed` gives the same :class:`~.items.RawEntry` values feedparser's adapter
(:mod:`.parse`) would, for the feeds it is sure about, and None for everything else, which then
goes to feedparser: other formats (RSS 0.9x and 1.0/RDF, Atom 0.3), a DOCTYPE or entity
declaration, an encoding other than UTF-8, ``xml:base``, markup that is not well formed, and any
element in an entry that feedparser would read into a field we use but this module does not
model (``media:title``, a second title, an XHTML body, an item's ``<image>``...). Where feedparser
has quirks they are copied, mostly by calling its own helpers (date parsing, URL joining, the
"looks like HTML" guess, the cp1252 and double-UTF-8 repairs). ``tests/test_feeds_fast.py``
compares both paths item by item over ``../shared/corpora``.

The parser never loads a DTD, resolves entities or touches the network, and keeps libxml2's
limits on (``huge_tree=False``): entity bombs and external entities cannot expand here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import lxml.etree

from .fast_entry import (
    AMP_NAME,
    HTML_TYPES,
    XML_NS,
    Decline,
    alternate,
    attrs_of,
    content_type,
    guess_type,
    join_uri,
    key_of,
    leaf_text,
    read_entry,
    repair,
    text_of,
    unknown,
)
from .items import RawEntry

_ATOM = "http://www.w3.org/2005/Atom"
_XML_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml")
_DECL_ENCODING = re.compile(rb"""^(?:\xef\xbb\xbf)?<\?xml[^>]{0,200}?encoding\s*=\s*["']([^"']{0,40})["']""")
# Anything here hands the feed to feedparser: declarations (entities), and a base URL, which
# feedparser takes from ``xml:base`` or a bare ``base`` attribute on any element.
# (Matched as _declines does it: that regex searched from every whitespace, a millisecond a feed.)
_DECLINE = re.compile(rb"<!DOCTYPE|<!ENTITY|[\s:]base\s*=", re.IGNORECASE)
_BASE_AT = re.compile(rb"[\s:]base\s*=")  # on lower-cased bytes, from the character before "base"
_IMAGE_PARTS = frozenset(("url", "title", "link", "width", "height", "description"))
_TEXTINPUT_PARTS = frozenset(("title", "description", "name", "link"))
# Not below other parts of a feed: they would change its title or link, or its entries.
_FEED_NOT_BELOW = frozenset(
    "item entry source title link id guid summary itunes_summary description content content_encoded".split()
)
# Elements of a channel or feed (outside its entries) that cannot change its title or link.
_FEED_IGNORED = frozenset(
    "description language copyright managingeditor webmaster pubdate lastbuilddate category generator "
    "docs cloud ttl rating skiphours skipdays hour day url width height name "
    "subtitle rights updated icon logo author email uri contributor published "
    "sy_updateperiod sy_updatefrequency sy_updatebase dc_language dc_date dc_creator dc_rights "
    "dc_publisher feedburner_browserfriendly media_thumbnail media_keywords media_category media_rating "
    "itunes_author itunes_category itunes_summary itunes_owner itunes_name itunes_email itunes_explicit "
    "itunes_image itunes_subtitle itunes_keywords itunes_block itunes_link".split()
)


@dataclass(slots=True)
class PlainFeed:
    """What the fast path read: the feed's title (and whether it is HTML), link, version, entries."""

    version: str
    title: str | None = None
    title_is_html: bool = False
    link: str | None = None
    link_set: bool = False
    entries: list[RawEntry] = field(default_factory=list)


def read_plain_feed(data: bytes, content_type: str = "", charset: str = "") -> PlainFeed | None:
    """The feed read without feedparser, or None when it must go to feedparser."""
    if not _sure_of_encoding(data, content_type, charset) or _declines(data):
        return None
    try:
        data.decode("utf-8")  # feedparser would repair bad bytes its own way
        root = lxml.etree.fromstring(data, _parser())
    except (lxml.etree.LxmlError, ValueError, UnicodeDecodeError):
        return None
    try:
        if root.tag == "rss" and root.get("version") == "2.0":
            return _rss(root)
        if root.tag == f"{{{_ATOM}}}feed":
            return _atom(root)
    except Exception:  # noqa: BLE001 - Decline, or a surprise: feedparser's answer is the right one
        return None
    return None


def _declines(data: bytes) -> bool:
    """``_DECLINE.search(data)``, by substring searches (bytes.lower, like IGNORECASE on bytes, is ASCII)."""
    lower = data.lower()
    if b"<!doctype" in lower or b"<!entity" in lower:
        return True
    at = lower.find(b"base", 1)
    while at != -1:
        if _BASE_AT.match(lower, at - 1):
            return True
        at = lower.find(b"base", at + 1)
    return False


def _parser() -> lxml.etree.XMLParser:
    return lxml.etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        recover=False,
        remove_blank_text=False,
        collect_ids=False,
    )


def _sure_of_encoding(data: bytes, content_type: str, charset: str) -> bool:
    """UTF-8 by every account: the HTTP header's and the XML declaration's."""
    if content_type and content_type not in _XML_TYPES and not (content_type == "text/xml" and charset):
        return False  # text/* without a charset means US-ASCII to feedparser (RFC 3023)
    if charset and charset.lower() not in ("utf-8", "utf8"):
        return False
    m = _DECL_ENCODING.match(data)
    return m is None or m.group(1).lower() in (b"utf-8", b"utf8")


# -- feeds -------------------------------------------------------------------------------------


def _rss(root: Any) -> PlainFeed:
    channels = [c for c in root if c.tag == "channel"]
    if len(channels) != 1 or attrs_of(channels[0]) or _attrs_beyond_version(root):
        raise Decline
    feed = PlainFeed("rss20")
    for el in root:
        if el is not channels[0] and isinstance(el.tag, str) and not unknown(key_of(el)):
            raise Decline
    _feed_parts(channels[0], feed, "item", atom=False)
    return feed


def _attrs_beyond_version(root: Any) -> bool:
    return any(k != "version" and not k.startswith(XML_NS) for k in root.attrib)


def _atom(root: Any) -> PlainFeed:
    attrs_of(root)
    feed = PlainFeed("atom10")
    _feed_parts(root, feed, f"{{{_ATOM}}}entry", atom=True)
    return feed


def _feed_parts(parent: Any, feed: PlainFeed, entry_tag: str, *, atom: bool) -> None:
    seen_title = False
    # feedparser's "has content" flag outlives the element that set it: feed-level content, or
    # a second summary taken as content, turns the first entry's second summary into content.
    has_content = summary = False
    for el in parent.iterchildren(tag=lxml.etree.Element):
        if el.tag == entry_tag:
            feed.entries.append(read_entry(el, atom, has_content))
            has_content = False
            continue
        key = key_of(el)
        if key in ("summary", "itunes_summary", "description", "content", "content_encoded"):
            if key.startswith("content"):
                content_type(attrs_of(el), "text/plain")
                has_content = summary = True
            elif summary and not has_content:
                has_content = True
            elif key != "description":
                summary = True
        if key == "title":
            if seen_title or (not atom and el.tag != "title"):
                raise Decline
            seen_title = True
            attrs = attrs_of(el)
            media = content_type(attrs, "text/plain")
            feed.title = text_of(el, "title")
            feed.title_is_html = guess_type(feed.title, media, atom) in HTML_TYPES
        elif key == "link":
            _feed_link(el, feed, atom)
        elif key in ("id", "guid"):
            _feed_id(el, feed)
        elif key in ("image", "textinput"):
            _check_children(el, _IMAGE_PARTS if key == "image" else _TEXTINPUT_PARTS)
        elif key in ("item", "entry"):
            raise Decline  # an entry where feedparser would take one and we would not
        elif key in _FEED_IGNORED or key in ("summary", "content", "content_encoded") or unknown(key):
            _check_feed_subtree(el)
        else:
            raise Decline


def _feed_link(el: Any, feed: PlainFeed, atom: bool) -> None:
    attrs = attrs_of(el)
    if atom or el.tag != "link":  # <link href> (atom:link in RSS)
        href = alternate(attrs)
        if href is not None:
            if not atom:
                raise Decline  # an atom:link alternate in RSS: the order of the two would matter
            feed.link, feed.link_set = href, True
        return
    if attrs:
        raise Decline
    feed.link, feed.link_set = AMP_NAME.sub(r"&\g<1>", text_of(el, "link")), True


def _feed_id(el: Any, feed: PlainFeed) -> None:
    """A feed's id (or guid) is also its link when it has none (yet): feedparser's setdefault."""
    attrs = attrs_of(el)
    if attrs.get("ispermalink", "true") != "true":
        return
    value = leaf_text(el).strip()
    value = repair(join_uri(value) if value else value)
    if not feed.link_set:
        feed.link, feed.link_set = value, True


def _check_children(el: Any, allowed: frozenset[str]) -> None:
    """An image's or textInput's parts: plain leaves, or feedparser would leave the image early."""
    if attrs_of(el):
        raise Decline
    for sub in el:
        if not isinstance(sub.tag, str) or sub.tag not in allowed or sub.attrib:
            raise Decline
        leaf_text(sub)


def _check_feed_subtree(el: Any) -> None:
    """Below other parts of a channel or feed: nothing that is an entry, a title or a link."""
    for sub in el.iterdescendants(tag=lxml.etree.Element):
        key = key_of(sub)
        if key in _FEED_NOT_BELOW or not (key in _FEED_IGNORED or unknown(key)):
            raise Decline

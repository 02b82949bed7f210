"""The fast path's entries, and how feedparser treats an element (see :mod:`.fast`).

Each handler fills the part of feedparser's entry dictionary that :mod:`.parse` reads, in
document order and with feedparser's rules for which value wins; anything it does not model
raises :class:`Decline` and the whole feed goes to feedparser.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import feedparser.api
import feedparser.html
import feedparser.mixin
import feedparser.urls
import lxml.etree

from .dates import parse_date
from .items import RawEntry

XML_NS = "{http://www.w3.org/XML/1998/namespace}"
HTML_TYPES = frozenset(("text/html", "application/xhtml+xml"))
_TEXT_TYPES = frozenset(("text/plain", "text/html"))
AMP_NAME = re.compile("&([A-Za-z0-9_]+);")
AUTHOR_PARTS = frozenset(("name", "email", "uri"))
_URIFIXER = feedparser.urls._urifixer

_Mixin = feedparser.mixin._FeedParserMixin
_PARSER = feedparser.api.StrictFeedParser
_KNOWN_NS = {uri.lower(): prefix for uri, prefix in _Mixin.namespaces.items()}
# The entry keys parse._raw_entry reads: an unknown element of that name would be stored there.
_READ_KEYS = frozenset(
    "id title title_detail link links published_parsed updated_parsed created_parsed author authors "
    "author_detail summary summary_detail content".split()
)
_PUBLISHED = frozenset(("pubdate", "published", "issued", "dcterms_issued"))
_UPDATED = frozenset(("updated", "modified", "dc_date", "dcterms_modified"))
_CREATED = frozenset(("created", "dcterms_created"))
_AUTHORS = frozenset(("author", "dc_creator", "dc_author", "itunes_author"))
# Elements of an entry that feedparser reads into fields we never use.
# Enclosures and media:content are read, and only where feedparser would read them into the entry:
# inside any other element they make the fast path decline.
ENTRY_IGNORED = frozenset(
    "category comments source wfw_comment wfw_commentrss slash_comments dc_subject rights "
    "contributor subtitle dc_publisher media_thumbnail media_player "
    "media_keywords media_credit media_rating media_category media_restriction media_license "
    "itunes_image itunes_explicit itunes_subtitle itunes_keywords itunes_block georss_point".split()
)


class Decline(Exception):
    """This feed is not one the fast path is sure about: use feedparser."""


# -- what feedparser makes of an element ------------------------------------------------------


# Keys of the tags seen, where the tag alone decides the key (no namespace, or one feedparser
# knows): a feed names the same few tags thousands of times.
_KEYS: dict[str, str] = {}


def key_of(el: Any) -> str:
    """feedparser's name for an element: ``_start_<key>`` is its handler, ``<key>`` its field."""
    tag = el.tag
    key = _KEYS.get(tag)
    if key is not None:
        return key
    ns, _, local = tag[1:].rpartition("}") if tag[0] == "{" else ("", "", tag)
    local = local.lower()
    if ns:
        lower = ns.lower()
        if "backend.userland.com/rss" in lower:
            lower = "http://backend.userland.com/rss"
        if lower not in _KNOWN_NS:  # the document's own prefix: not the tag's alone
            prefix = el.prefix or ""
            return f"{prefix}_{local}" if prefix else local
        prefix = _KNOWN_NS[lower]
        local = f"{prefix}_{local}" if prefix else local
    if len(_KEYS) < 2000:  # (a hostile feed's endless tag names are not all kept)
        _KEYS[tag] = local
    return local


def join_uri(value: str) -> str:
    """``feedparser.urls._urljoin("", value)``: with no base it only drops the slashes after a
    scheme's "://" beyond two, so a value without them is returned as it is."""
    m = _URIFIXER.match(value)
    if m is None or m.start(2) == m.end(2):
        return value
    return feedparser.urls._urljoin("", value)


def unknown(key: str) -> bool:
    """feedparser has no handler for it and it cannot land in a field we read."""
    return (
        key not in _READ_KEYS
        and not hasattr(_PARSER, f"_start_{key}")
        and not hasattr(_PARSER, f"_end_{key}")
    )


def check_tree(el: Any, allowed: frozenset[str]) -> None:
    """Everything below ``el`` is ``allowed`` or unknown to feedparser."""
    for sub in el.iterdescendants(tag=lxml.etree.Element):
        key = key_of(sub)
        if key not in allowed and not unknown(key):
            raise Decline


def attrs_of(el: Any) -> dict[str, str]:
    """Attributes as feedparser sees them: names lowercased, ``rel`` and ``type`` values too."""
    out: dict[str, str] = {}
    for name, value in el.attrib.items():
        if name.startswith(XML_NS):
            continue  # xml:lang; xml:base was refused before parsing
        if name[0] == "{":
            raise Decline  # namespaced attributes (rdf:about, ...) have meanings of their own
        name = name.lower()
        if name in out:
            raise Decline
        out[name] = value.lower() if name in ("rel", "type") else value
    return out


def leaf_text(el: Any) -> str:
    if len(el):  # child elements, comments or PIs: feedparser would serialise them as markup
        raise Decline
    return el.text or ""


def repair(text: str) -> str:
    """feedparser's last steps on a text it expected: UTF-8 read as Latin-1 undone, C1 as cp1252."""
    if text.isascii():  # nothing either step would change (and telling costs nothing)
        return text
    try:
        text = text.encode("iso-8859-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        pass
    return text.translate(feedparser.html._cp1252)


def content_type(attrs: dict[str, str], default: str) -> str:
    media = _Mixin.map_content_type(attrs.get("type", default))
    if attrs.get("mode") or "src" in attrs or media not in _TEXT_TYPES:
        raise Decline  # base64, out-of-line or XHTML content: feedparser's own handling
    return media


def guess_type(value: str, media: str, atom: bool) -> str:
    """RSS leaves plain text and HTML to guess: feedparser's guess, for all but Atom."""
    if not atom and media == "text/plain" and _Mixin.looks_like_html(value):
        return "text/html"
    return media


def text_of(el: Any, key: str) -> str:
    value = leaf_text(el).strip()
    if key in _Mixin.can_be_relative_uri and value:
        value = join_uri(value)
    return repair(value)


def alternate(attrs: dict[str, str]) -> str | None:
    """An Atom-style ``<link href>``: its URL when it is the HTML alternate, else None."""
    if "url" in attrs or "uri" in attrs or "href" not in attrs:
        raise Decline
    rel = attrs.get("rel", "alternate")
    media = attrs.get("type", "application/atom+xml" if rel == "self" else "text/html")
    if rel == "alternate" and _Mixin.map_content_type(media) in HTML_TYPES:
        return join_uri(attrs["href"])
    return None


# -- entries -----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Entry:
    """The part of feedparser's entry dictionary we read, filled in document order."""

    ctx: dict[str, Any] = field(default_factory=dict)
    has_content: bool = False
    contents: list[tuple[str, str]] = field(default_factory=list)
    title_seen: bool = False
    enclosures: list[tuple[str, str, str]] = field(default_factory=list)  # feedparser's links
    media: list[tuple[str, str, str]] = field(default_factory=list)  # its media_content


def read_entry(item: Any, atom: bool, has_content: bool) -> RawEntry:
    attrs_of(item)
    if item.attrib and not all(k.startswith(XML_NS) for k in item.attrib):
        raise Decline  # feedparser reads CDF's lastmod and href from an item's attributes
    e = _Entry(has_content=has_content)
    for el in item.iterchildren(tag=lxml.etree.Element):
        key = key_of(el)
        handler = _HANDLERS.get(key)
        if handler is not None:
            handler(e, el, atom)
        elif key in ENTRY_IGNORED:
            if key == "source" and atom:
                raise Decline  # an Atom source carries its own title, link and id
            check_tree(el, AUTHOR_PARTS if key == "contributor" else ENTRY_IGNORED)
        elif unknown(key):
            check_tree(el, ENTRY_IGNORED)
        else:
            raise Decline
    ctx = e.ctx
    summary = None
    if "summary" in ctx:
        summary = (ctx["summary"], ctx.get("summary_type", "text/html"))
    return RawEntry(
        id=ctx.get("id"),
        title=ctx.get("title"),
        title_is_html=ctx.get("title_type") in HTML_TYPES,
        link=ctx.get("link"),
        date=_date_of(ctx),
        author=ctx.get("author"),
        summary=summary,
        contents=e.contents,
        enclosures=e.enclosures + e.media,
    )


def _date_of(ctx: dict[str, Any]) -> datetime | None:
    for kind in ("published", "updated", "created"):
        value = ctx.get(kind)
        if value:
            return value
    return None


def _title(e: _Entry, el: Any, atom: bool) -> None:
    if e.title_seen:
        raise Decline  # feedparser keeps the first non-empty one, at the shallowest depth
    e.title_seen = True
    media = content_type(attrs_of(el), "text/plain")
    value = text_of(el, "title")
    e.ctx["title"], e.ctx["title_type"] = value, guess_type(value, media, atom)


def _link(e: _Entry, el: Any, atom: bool) -> None:
    attrs = attrs_of(el)
    if atom or el.tag != "link" or attrs:
        href = alternate(attrs)
        if attrs.get("rel") == "enclosure":  # feedparser's defaults for an Atom link, href resolved
            url = join_uri(attrs["href"])
            e.enclosures.append((url, attrs.get("type", "text/html"), attrs.get("length", "")))
        if href is not None:
            if not atom:
                raise Decline
            e.ctx["link"] = href
        return
    value = text_of(el, "link").replace("&amp;", "&")
    e.ctx["link"] = AMP_NAME.sub(r"&\g<1>", value) if "&" in value else value


def _guid(e: _Entry, el: Any, atom: bool) -> None:
    attrs = attrs_of(el)
    is_link = attrs.get("ispermalink", "true") == "true"
    value = leaf_text(el).strip()
    if value and is_link:
        value = join_uri(value)
    value = repair(value)
    e.ctx["id"] = value
    if is_link:
        e.ctx.setdefault("link", value)


def _summary(e: _Entry, el: Any, atom: bool) -> None:
    if "summary" in e.ctx and not e.has_content:
        _content(e, el, atom, "text/plain")  # a second summary: feedparser takes it as content
        return
    media = content_type(attrs_of(el), "text/html" if key_of(el) == "description" else "text/plain")
    value = text_of(el, "summary")
    e.ctx["summary"], e.ctx["summary_type"] = value, guess_type(value, media, atom)


def _content(e: _Entry, el: Any, atom: bool, default: str = "") -> None:
    e.has_content = True
    default = default or ("text/plain" if key_of(el) == "content" else "text/html")
    media = content_type(attrs_of(el), default)
    value = text_of(el, "content")
    e.contents.append((value, guess_type(value, media, atom)))
    e.ctx.setdefault("summary", value)  # text and HTML content stand in for a missing summary


def _enclosure(e: _Entry, el: Any, atom: bool) -> None:
    """RSS ``<enclosure url length type>``: feedparser keeps it as a link with rel=enclosure."""
    attrs = attrs_of(el)
    check_tree(el, ENTRY_IGNORED)
    href = attrs.get("url", attrs.get("uri", attrs.get("href")))
    if href:
        e.enclosures.append((href, attrs.get("type", ""), attrs.get("length", "")))


def _media_content(e: _Entry, el: Any, atom: bool) -> None:
    attrs = attrs_of(el)
    check_tree(el, ENTRY_IGNORED)
    if "url" in attrs:
        e.media.append((attrs["url"], attrs.get("type", ""), attrs.get("filesize", "")))


def _media_group(e: _Entry, el: Any, atom: bool) -> None:
    """feedparser reads the media:content inside a group as the entry's own, in document order."""
    attrs_of(el)
    for sub in el.iterchildren(tag=lxml.etree.Element):
        key = key_of(sub)
        if key == "media_content":
            _media_content(e, sub, atom)
        elif key in ENTRY_IGNORED or unknown(key):
            check_tree(sub, ENTRY_IGNORED)
        else:
            raise Decline


def _author(e: _Entry, el: Any, atom: bool) -> None:
    attrs_of(el)
    if not len(el):
        e.ctx["author"] = text_of(el, "author")
        return
    # Atom's <author><name/><email/><uri/></author>: "name (email)", name, email, else "".
    if (el.text or "").strip():
        raise Decline
    parts: dict[str, str] = {}
    for sub in el:
        if not isinstance(sub.tag, str) or (sub.tail or "").strip():
            raise Decline
        key = key_of(sub)
        if key not in ("name", "email", "uri"):
            raise Decline
        parts[key] = leaf_text(sub).strip()
    name, email = parts.get("name"), parts.get("email")
    e.ctx["author"] = f"{name} ({email})" if name and email else name or email or ""


def _dater(kind: str) -> Callable[[_Entry, Any, bool], None]:
    def handle(e: _Entry, el: Any, atom: bool) -> None:
        attrs_of(el)
        e.ctx[kind] = parse_date(text_of(el, kind))

    return handle


_HANDLERS: dict[str, Callable[[_Entry, Any, bool], None]] = {
    "title": _title,
    "link": _link,
    "guid": _guid,
    "id": _guid,
    "description": _summary,
    "summary": _summary,
    "itunes_summary": _summary,
    "content_encoded": _content,
    "content": _content,
    "enclosure": _enclosure,
    "media_content": _media_content,
    "media_group": _media_group,
    **{k: _author for k in _AUTHORS},
    **{k: _dater("published") for k in _PUBLISHED},
    **{k: _dater("updated") for k in _UPDATED},
    **{k: _dater("created") for k in _CREATED},
}

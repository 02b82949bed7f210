"""Parse fetched feed bytes (RSS, Atom, RDF, JSON Feed) into a :class:`ParsedFeed`.

feedparser is only ever given the bytes, wrapped in a ``BytesIO``: handed a ``str`` or even
``bytes``, ``feedparser.parse`` first tries it as a URL or a file name, so a body reading
``/etc/passwd`` would be read from disk. Every exception is caught per feed (feedparser raises
on some character references and DOCTYPEs). A damaged feed that still yields entries is kept
with a warning; one that yields nothing is an error.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import feedparser
import feedparser.api
import lxml.etree
import lxml.html

from ..sanitize import clean_line
from .fast import read_plain_feed
from .items import MAX_ENTRIES, FeedItem, RawEntry, build_item, clean_title, dedupe
from .jsonfeed import NotJsonFeed, looks_like_json, read_json_feed
from .parsed import ParsedFeed
from .urls import safe_link

_HTML_TYPES = ("text/html", "application/xhtml+xml")
# Complaints about the HTTP header, not the document: not worth a warning on every refresh.
_BENIGN_BOZO = ("NonXMLContentType",)
_CHARREF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));")
_XML_DECL_ENCODING = re.compile(r"""(?<=<\?xml)([^>]{0,200}?)encoding=["'][^"']{0,40}["']""")
_EXPAT_POSITION = re.compile(r"^<unknown>:(\d+):\d+: ")
_DOCTYPE = re.compile(rb"<!DOCTYPE\b[^>\[]*", re.IGNORECASE)
MAX_AUTHOR_BYTES = 1000
_LONG_AUTHOR = re.compile(
    rb"(<(?:[A-Za-z_][\w.-]*:)?(?:author|creator|managingEditor|webMaster|contributor)(?:\s[^<>]{0,500})?>)"
    rb"([^<]{%d,})" % (MAX_AUTHOR_BYTES + 1)
)
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json", "application/json")

# feedparser tries the SAX drivers of this list in order, then the standard one; ours is that
# standard expat reader with text buffered (the same parse, a fifth less time: see _expat.py).
_EXPAT_DRIVER = f"{__package__}._expat"
if _EXPAT_DRIVER not in feedparser.api.PREFERRED_XML_PARSERS:
    feedparser.api.PREFERRED_XML_PARSERS.insert(0, _EXPAT_DRIVER)


class ParseTimeout(BaseException):
    """Raised inside a parser process when a feed takes too long (BaseException: nothing swallows it)."""


def parse_feed(
    data: bytes, headers: Mapping[str, str] | None = None, url: str | None = None, *, fast: bool = True
) -> ParsedFeed:
    """Parse one feed's bytes; ``headers`` are the response headers, ``url`` the final URL.

    Plain RSS 2.0 and Atom take the fast path (:mod:`.fast`) unless ``fast`` is false; the
    result is the same either way. Never raises for bad input (only :class:`TypeError` when
    ``data`` is not bytes).
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError("parse_feed takes the response body as bytes, never a URL, path or str")
    try:
        return _parse(bytes(data), {k.lower(): v for k, v in (headers or {}).items()}, url, fast)
    except RecursionError:
        return ParsedFeed(error="could not parse the feed (nested too deeply)")
    except Exception as e:  # noqa: BLE001 - a hostile feed must fail alone, readably
        return ParsedFeed(error=f"could not parse the feed ({type(e).__name__}: {clean_line(str(e))[:200]})")


def _parse(data: bytes, headers: dict[str, str], url: str | None, fast: bool = True) -> ParsedFeed:
    if not data.strip():
        return ParsedFeed(error="not a feed: the response is empty")
    base = safe_link(url) if url else None
    content_type = headers.get("content-type", "").split(";")[0].strip().lower()
    if looks_like_json(data) or content_type in ("application/feed+json", "application/json"):
        return _parse_json(data, base)
    data = _shorten_authors(_utf16_to_utf8(data))
    if fast:
        plain = read_plain_feed(data, content_type, _charset(headers.get("content-type", "")))
        if plain is not None:
            title = clean_title(plain.title, plain.title_is_html)
            link = safe_link(plain.link, base)
            if not plain.entries:
                return ParsedFeed(title=title, link=link, format=plain.version)
            pairs, failed = _pairs(plain.entries, lambda raw: base)
            return _finish(title, link, plain.version, pairs, failed, len(plain.entries), [])
    # No Content-Location for feedparser: it would resolve guids against it, and an id must not
    # change when the feed moves. Links are resolved against ``base`` here instead.
    hdrs = {k: v for k, v in headers.items() if k in ("content-type", "content-language")}
    # Our own HTML-to-text drops active content and resolves links, so feedparser's slower
    # sanitiser and resolver passes are skipped.
    warnings = []
    try:
        result = _feedparser(data, hdrs)
    except Exception:  # noqa: BLE001 - feedparser raises on some charrefs and DOCTYPEs; repair, retry once
        result = _feedparser(repair(data), hdrs)
        warnings.append("invalid character references or a DOCTYPE were removed")
    version = result.get("version") or ""
    raw_entries = result.get("entries") or []
    bozo = bool(result.get("bozo"))
    exc = result.get("bozo_exception")
    feed = result.get("feed") or {}
    title = clean_title(feed.get("title"), _is_html(feed.get("title_detail")))
    link = safe_link(feed.get("link"), base)
    if not raw_entries:
        if version and not (bozo and _matters(exc)):
            return ParsedFeed(title=title, link=link, format=version)  # a valid feed with no entries yet
        if _looks_like_html(data, content_type):
            alternates = find_feed_links(data, base)
            hint = f"; it links to a feed: {alternates[0]}" if alternates else ""
            return ParsedFeed(
                error=f"not a feed: the address returned a web page (HTML){hint}", alternates=alternates
            )
        reason = _describe(exc) if bozo and exc is not None else "no RSS, Atom or JSON Feed found"
        return ParsedFeed(error=f"not a feed: {reason}")
    if bozo and _matters(exc):
        warnings.append(f"the feed has errors but was read ({_describe(exc)})")
    pairs, failed = _pairs(raw_entries, lambda e: _entry_base(e) or base, _raw_entry)
    return _finish(title, link, version, pairs, failed, len(raw_entries), warnings)


def _finish(
    title: str,
    link: str | None,
    version: str,
    pairs: list[tuple[FeedItem, bool]],
    failed: int,
    total: int,
    warnings: list[str],
) -> ParsedFeed:
    if total > MAX_ENTRIES:
        warnings.append(f"{total} entries; kept the first {MAX_ENTRIES}")
    if failed:
        warnings.append(f"{failed} unreadable entries skipped")
    items, dupes = dedupe(pairs)
    if dupes:
        warnings.append(f"{dupes} duplicate entries dropped")
    return ParsedFeed(
        title=title, link=link, entries=items, warning="; ".join(warnings) or None, format=version
    )


def _charset(content_type: str) -> str:
    for part in content_type.split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip("\"'")
    return ""


def _parse_json(data: bytes, base: str | None) -> ParsedFeed:
    try:
        doc, raw_entries = read_json_feed(data)
    except NotJsonFeed as e:
        return ParsedFeed(error=f"not a feed: {e}")
    title = clean_title(doc.get("title"))
    link = safe_link(doc.get("home_page_url"), base)
    warnings = []
    if len(raw_entries) > MAX_ENTRIES:
        warnings.append(f"{len(raw_entries)} entries; kept the first {MAX_ENTRIES}")
    pairs: list[tuple[FeedItem, bool]] = []
    failed = 0
    for raw in raw_entries[:MAX_ENTRIES]:
        try:
            pairs.append((build_item(raw, base), bool(raw.id)))
        except Exception:  # noqa: BLE001 - one bad entry must not lose the feed
            failed += 1
    if failed:
        warnings.append(f"{failed} unreadable entries skipped")
    items, dupes = dedupe(pairs)
    if dupes:
        warnings.append(f"{dupes} duplicate entries dropped")
    return ParsedFeed(
        title=title, link=link, entries=items, warning="; ".join(warnings) or None, format="json"
    )


def _pairs(
    entries: Sequence[Any],
    base_of: Callable[[Any], str | None],
    to_raw: Callable[[Any], RawEntry] = lambda raw: raw,
) -> tuple[list[tuple[FeedItem, bool]], int]:
    """The first MAX_ENTRIES items paired with "has its own id", and how many entries failed."""
    pairs: list[tuple[FeedItem, bool]] = []
    failed = 0
    for entry in entries[:MAX_ENTRIES]:
        try:
            raw = to_raw(entry)
            pairs.append((build_item(raw, base_of(entry)), bool(raw.id)))
        except Exception:  # noqa: BLE001 - one bad entry must not lose the feed
            failed += 1
    return pairs, failed


def _feedparser(data: bytes, headers: dict[str, str]) -> Any:
    # Our own HTML-to-text drops active content and resolves links, so feedparser's slower
    # sanitiser and resolver passes are skipped.
    return feedparser.parse(
        io.BytesIO(data), response_headers=headers, resolve_relative_uris=False, sanitize_html=False
    )


def _utf16_to_utf8(data: bytes) -> bytes:
    """A UTF-16 byte order mark wins over a contradicting ``encoding="utf-8"`` declaration."""
    if data[:2] not in (b"\xff\xfe", b"\xfe\xff") or data[:4] == b"\xff\xfe\x00\x00":
        return data
    text = data.decode("utf-16", "replace")
    return _XML_DECL_ENCODING.sub(r'\1encoding="utf-8"', text, count=1).encode("utf-8")


def repair(data: bytes) -> bytes:
    """Invalid numeric character references -> U+FFFD, and the internal DTD subset removed."""
    data = _CHARREF.sub(_fix_charref, data)
    m = _DOCTYPE.search(data, 0, 65536)
    if m:
        if data[m.end() : m.end() + 1] == b"[":
            close = data.find(b"]>", m.end())
            end = close + 2 if close >= 0 else m.end()
        else:
            end = m.end() + 1
        data = data[: m.start()] + data[end:]
    return data


def _fix_charref(m: re.Match[bytes]) -> bytes:
    digits = m.group(1) or m.group(2)
    if len(digits) > 8:
        return b"&#xFFFD;"
    n = int(digits, 16) if m.group(1) else int(digits)
    ok = n in (9, 10, 13) or 0x20 <= n <= 0xD7FF or 0xE000 <= n <= 0xFFFD or 0x10000 <= n <= 0x10FFFF
    return m.group(0) if ok else b"&#xFFFD;"


def _shorten_authors(data: bytes) -> bytes:
    """Cut implausibly long author texts: feedparser's e-mail regex is super-linear on them."""
    return _LONG_AUTHOR.sub(_cut_author, data) if b"<" in data else data


def _cut_author(m: re.Match[bytes]) -> bytes:
    text = m.group(2)[:MAX_AUTHOR_BYTES]
    while text and text[-1] & 0xC0 == 0x80:  # don't split a UTF-8 sequence
        text = text[:-1]
    if text and text[-1] >= 0xC0:
        text = text[:-1]
    return m.group(1) + text


def _entry_base(e: Mapping[str, Any]) -> str | None:
    """The entry's own base URL (xml:base, resolved by feedparser), when it is http(s)."""
    for detail in (dict.get(e, "summary_detail"), *(dict.get(e, "content") or [])):
        if isinstance(detail, Mapping) and detail.get("base"):
            return safe_link(detail.get("base"))
    return None


def _raw_entry(e: Mapping[str, Any]) -> RawEntry:
    # dict.get, not FeedParserDict's: its fallbacks (updated -> published) emit deprecation warnings.
    def get(key: str) -> Any:
        return dict.get(e, key) if isinstance(e, dict) else e.get(key)

    def text(key: str) -> str | None:
        value = get(key)
        return value if isinstance(value, str) else None

    summary = None
    if text("summary") is not None:
        summary = (text("summary") or "", (get("summary_detail") or {}).get("type", "text/html"))
    contents = [
        (c.get("value"), c.get("type", "text/html"))
        for c in get("content") or []
        if isinstance(c, Mapping) and isinstance(c.get("value"), str)
    ]
    return RawEntry(
        enclosures=_enclosures(get("links"), get("media_content")),
        id=text("id"),
        title=text("title"),
        title_is_html=_is_html(get("title_detail")),
        link=text("link"),
        date=_struct_date(get("published_parsed") or get("updated_parsed") or get("created_parsed")),
        author=text("author"),
        summary=summary,
        contents=contents,
    )


def _enclosures(links: Any, media: Any) -> list[tuple[str, str, str]]:
    """feedparser's enclosures (RSS ``<enclosure>`` and Atom ``rel=enclosure`` are in its links),
    then its ``media:content``, as ``(url, type, length)``."""
    out: list[tuple[str, str, str]] = []
    for link in links if isinstance(links, list) else []:
        if isinstance(link, Mapping) and link.get("rel") == "enclosure" and isinstance(link.get("href"), str):
            out.append((link["href"], str(link.get("type") or ""), str(link.get("length") or "")))
    for item in media if isinstance(media, list) else []:
        if isinstance(item, Mapping) and isinstance(item.get("url"), str):
            out.append((item["url"], str(item.get("type") or ""), str(item.get("filesize") or "")))
    return out


def _struct_date(st: Any) -> datetime | None:
    """feedparser's UTC ``time.struct_time`` as a datetime; None when absent or impossible."""
    try:
        return datetime(*st[:6], tzinfo=UTC) if st else None
    except (TypeError, ValueError, OverflowError):
        return None


def _is_html(detail: Any) -> bool:
    return isinstance(detail, Mapping) and detail.get("type") in _HTML_TYPES


def _matters(exc: object) -> bool:
    return type(exc).__name__ not in _BENIGN_BOZO


def _describe(exc: object) -> str:
    text = clean_line(str(exc))[:200] if exc is not None else ""
    # expat's "<unknown>:LINE:COL: message" -> "line LINE: message"
    text = _EXPAT_POSITION.sub(r"line \1: ", text)
    return text or type(exc).__name__


def _looks_like_html(data: bytes, content_type: str) -> bool:
    head = data[:4096].lower()
    return content_type == "text/html" or b"<html" in head or b"<!doctype html" in head


def find_feed_links(page: bytes | str, base: str | None = None) -> list[str]:
    """Feed URLs an HTML page advertises (``<link rel="alternate" type="application/rss+xml">``)."""
    try:
        root = lxml.html.document_fromstring(
            page[:1_000_000], parser=lxml.html.HTMLParser(no_network=True, recover=True)
        )
    except (lxml.etree.ParserError, ValueError):
        return []
    found: list[str] = []
    for el in root.iter("link"):
        rel = (el.get("rel") or "").lower().split()
        if "alternate" in rel and (el.get("type") or "").lower().strip() in _FEED_TYPES:
            url = safe_link(el.get("href"), base)
            if url and url not in found:
                found.append(url)
    return found[:10]

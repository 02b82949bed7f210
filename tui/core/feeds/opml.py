"""OPML subscription lists: import (with every bad entry reported) and export (OPML 2.0).

The parser is expat with entity declarations and external entities refused, so a
billion-laughs or XXE file stops with one clear error instead of expanding. Common damage in
real exports (a bare ``&``, HTML entities such as ``&nbsp;``, invalid character references)
is repaired before parsing; anything still malformed is one error for the whole file.
Outlines without ``xmlUrl`` are folders: a feed's folder is the path of folder names above it,
joined by ``/``.
"""

from __future__ import annotations

import html.entities
import re
import xml.parsers.expat
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from ..sanitize import clean_line
from .items import cap
from .urls import UrlError, check_url, safe_link

MAX_OPML_BYTES = 16 * 1024 * 1024
MAX_FEEDS = 50_000
MAX_FOLDER_CHARS = 200
MAX_TITLE_CHARS = 500
FOLDER_SEPARATOR = "/"

_XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})
# "&" followed by anything but a well-formed reference; the reference kinds are repaired below.
_AMP = re.compile(r"&(?!#[0-9]{1,10};|#[xX][0-9a-fA-F]{1,8};|[A-Za-z][A-Za-z0-9]{0,31};)")
_NAMED = re.compile(r"&([A-Za-z][A-Za-z0-9]{0,31});")
_CHARREF = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")
# Characters XML 1.0 forbids even as raw text.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_DECL_ENCODING = re.compile(rb"""^<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})["']""")


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    """One subscription: feed URL (checked, normalised), title, folder path, site URL."""

    url: str
    title: str = ""
    folder: str | None = None
    html_url: str | None = None
    # The reader named the feed (newsboat's ``~Title``): kept over the feed's own title, as a
    # rename in the app is. An OPML title is what the feed was called: its own title replaces it.
    named: bool = False


@dataclass(slots=True)
class OpmlImport:
    """What an OPML file gave: good feeds, one readable line per refused entry, or one error."""

    feeds: list[OpmlFeed] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    error: str | None = None
    title: str | None = None


class _Refused(Exception):
    """A construct refused on principle (entity declarations, external entities)."""


def read_opml(path: str | Path) -> OpmlImport:
    """:func:`parse_opml` on a file, with unreadable or oversized files as the error."""
    p = Path(path)
    try:
        if p.stat().st_size > MAX_OPML_BYTES:
            return OpmlImport(error=f"{p}: too large for an OPML file (the limit is 16 MiB)")
        data = p.read_bytes()
    except FileNotFoundError:
        return OpmlImport(error=f"{p}: no such file")
    except OSError as e:
        return OpmlImport(error=f"{p}: cannot read ({e.strerror or type(e).__name__})")
    return parse_opml(data)


def parse_opml(data: bytes | str) -> OpmlImport:
    """Feeds from an OPML document; never raises for bad input."""
    text = data if isinstance(data, str) else _decode(data)
    if not text.strip():
        return OpmlImport(error="not an OPML file: it is empty")
    text = _repair(text)
    builder = _Builder()
    parser = xml.parsers.expat.ParserCreate()
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.EntityDeclHandler = _refuse_entity
    parser.ExternalEntityRefHandler = _refuse_external
    parser.StartElementHandler = builder.start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    try:
        parser.Parse(text, True)
    except _Refused as e:
        return OpmlImport(error=f"refused OPML file: {e}")
    except xml.parsers.expat.ExpatError as e:
        return OpmlImport(
            error=f"not a valid OPML file: {xml.parsers.expat.ErrorString(e.code)} (line {e.lineno})"
        )
    except RecursionError:  # pragma: no cover - expat is iterative; kept as a last resort
        return OpmlImport(error="not a valid OPML file: nested too deeply")
    if builder.root != "opml":
        return OpmlImport(error=f"not an OPML file (the document is <{clean_line(builder.root)[:40]}>)")
    title = cap(clean_line(builder.title), MAX_TITLE_CHARS)
    return OpmlImport(feeds=builder.feeds, problems=builder.problems, title=title or None)


def _refuse_entity(name: str, *args: object) -> None:
    raise _Refused("it declares XML entities, which could expand without bound")


def _refuse_external(*args: object) -> int:
    raise _Refused("it refers to external entities")


class _Builder:
    """Collects feeds while expat streams the elements (no tree, no recursion)."""

    def __init__(self) -> None:
        self.root = ""
        self.feeds: list[OpmlFeed] = []
        self.problems: list[str] = []
        self.title = ""
        self.seen: set[str] = set()
        # One entry per open element: the folder path in force inside it.
        self.folders: list[str | None] = []
        self.in_head_title = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        tag = name.lower()
        if not self.root:
            self.root = tag
        folder = self.folders[-1] if self.folders else None
        if tag == "title" and not self.feeds:
            self.in_head_title = True
        if tag == "outline":
            a = {k.lower(): v for k, v in attrs.items()}
            label = clean_line(a.get("text") or a.get("title") or "")
            if "xmlurl" in a:
                self._feed(a, label, folder)
            elif label:
                folder = cap(f"{folder}{FOLDER_SEPARATOR}{label}" if folder else label, MAX_FOLDER_CHARS)
        self.folders.append(folder)

    def end(self, name: str) -> None:
        self.in_head_title = False
        if self.folders:
            self.folders.pop()

    def data(self, text: str) -> None:
        # expat hands text over in pieces (split at entities); cleaned once in parse_opml.
        if self.in_head_title and len(self.title) < MAX_TITLE_CHARS:
            self.title += text

    def _feed(self, a: dict[str, str], label: str, folder: str | None) -> None:
        raw = a.get("xmlurl", "")
        shown = cap(label or clean_line(raw) or "(untitled)", 80)
        try:
            url = check_url(raw)
        except UrlError as e:
            self.problems.append(f"{shown}: {e}")
            return
        if url in self.seen:
            self.problems.append(f"{shown}: duplicate of an earlier entry ({cap(url, 100)})")
            return
        if len(self.feeds) >= MAX_FEEDS:
            if len(self.feeds) == MAX_FEEDS:
                self.problems.append(f"more than {MAX_FEEDS} feeds; the rest were skipped")
                self.seen.add(url)
            return
        self.seen.add(url)
        if folder is None and a.get("category"):
            # OPML 2.0 category="/Tech/Python,/Other": the first path is the folder.
            first = a["category"].split(",")[0].strip(" /")
            folder = cap(clean_line(first), MAX_FOLDER_CHARS) or None
        self.feeds.append(
            OpmlFeed(
                url=url,
                title=cap(label, MAX_TITLE_CHARS),
                folder=folder,
                html_url=safe_link(a.get("htmlurl")),
            )
        )


def _decode(data: bytes) -> str:
    if len(data) > MAX_OPML_BYTES:
        data = data[:MAX_OPML_BYTES]
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, "replace")
    m = _DECL_ENCODING.match(data.lstrip())
    if m:
        try:
            return data.decode(m.group(1).decode("ascii"), "replace")
        except LookupError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def _repair(text: str) -> str:
    """Fix what real exports get wrong, before a strict parser sees it."""
    text = _XML_INVALID.sub("", text.lstrip("\ufeff \t\r\n"))
    text = _AMP.sub("&amp;", text)
    text = _CHARREF.sub(_charref, text)
    return _NAMED.sub(_named, text)


def _charref(m: re.Match[str]) -> str:
    n = int(m.group(1), 16) if m.group(1) else int(m.group(2))
    ok = n in (9, 10, 13) or 0x20 <= n <= 0xD7FF or 0xE000 <= n <= 0xFFFD or 0x10000 <= n <= 0x10FFFF
    return m.group(0) if ok else ""


def _named(m: re.Match[str]) -> str:
    name = m.group(1)
    if name in _XML_ENTITIES:
        return m.group(0)
    char = html.entities.html5.get(name + ";")
    # An HTML entity becomes its character reference; an unknown name stays as literal text.
    return "".join(f"&#{ord(c)};" for c in char) if char else f"&amp;{name};"


def export_opml(
    feeds: Iterable[OpmlFeed | tuple[str, str | None, str | None, str | None]],
    title: str = "newsreader subscriptions",
    *,
    created: datetime | None = None,
) -> str:
    """An OPML 2.0 document; folders ``a/b`` become nested outlines, so it imports back the same."""
    root = _Folder()
    for f in feeds:
        feed = f if isinstance(f, OpmlFeed) else OpmlFeed(f[0], f[1] or "", f[2] or None, f[3] or None)
        node = root
        for part in (feed.folder or "").split(FOLDER_SEPARATOR):
            if clean_line(part):
                node = node.sub.setdefault(clean_line(part), _Folder())
        node.feeds.append(feed)
    when = format_datetime(created or datetime.now(UTC), usegmt=True)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        "  <head>",
        f"    <title>{escape(clean_line(title))}</title>",
        f"    <dateCreated>{when}</dateCreated>",
        "  </head>",
        "  <body>",
    ]
    _write(root, 2, lines)
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)


@dataclass(slots=True)
class _Folder:
    feeds: list[OpmlFeed] = field(default_factory=list)
    sub: dict[str, _Folder] = field(default_factory=dict)


def _write(folder: _Folder, depth: int, lines: list[str]) -> None:
    # Recursion is bounded: a folder path is at most MAX_FOLDER_CHARS long on import.
    pad = "  " * depth
    for feed in folder.feeds:
        title = quoteattr(clean_line(feed.title))
        attrs = f'type="rss" text={title} title={title} xmlUrl={quoteattr(feed.url)}'
        if feed.html_url:
            attrs += f" htmlUrl={quoteattr(feed.html_url)}"
        lines.append(f"{pad}<outline {attrs}/>")
    for name, sub in folder.sub.items():
        label = quoteattr(name)
        lines.append(f"{pad}<outline text={label} title={label}>")
        _write(sub, depth + 1, lines)
        lines.append(f"{pad}</outline>")

"""HTML articles: libxml2 (through lxml) parses the page and the reader keeps its block structure.

``<h1>`` (or ``<title>``) is the headline, other headings subheads, ``<p>``/text blocks
paragraphs, ``<li>`` list items, ``<figcaption>`` captions and elements whose class names a
credit are credits. Scripts, styles, navigation, footers, asides, forms and elements whose
class or id names page chrome (share bars, newsletters, related links, ads) are dropped. When
the page has ``<article>`` or ``<main>``, only what is inside counts (plus an outside ``<h1>``).
``<meta>`` tags give the date, the site name and the canonical url.

The stdlib ``html.parser`` of Python 3.11 is quadratic on inputs such as ``"<a " * n`` (minutes
for a hostile file); libxml2's push parser is linear. It runs with a parser *target*: libxml2
reports start tags, end tags and text as events (always balanced: it closes what the page
leaves open) and builds no tree, so there is no tree-depth limit that would drop the rest of a
deeply nested page, and the reader's own state is an explicit stack (no recursion).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

import lxml.etree

from ..models import CAPTION, CREDIT, HEADLINE, LIST_ITEM, SUBHEAD, Document
from ..sanitize import clean_line
from .blocks import Part, build_document
from .lines import iso_date

# Elements whose content is never article text.
_TEXTLESS_TAGS = frozenset(
    "script style noscript template svg math button select option textarea iframe object embed canvas "
    "audio video head".split()
)
# Page chrome around the article; an unclosed one could swallow the page, hence the lenient retry.
_CHROME_TAGS = frozenset({"nav", "footer", "aside", "form"})
_VOID_TAGS = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_BLOCK_TAGS = frozenset(
    "p div section article main header h1 h2 h3 h4 h5 h6 li ul ol dl dt dd figure figcaption blockquote "
    "pre table tr thead tbody tfoot caption address center details summary hr br title body".split()
)
_NEVER_CHROME = frozenset({"html", "body", "article", "main"})
_CELL_TAGS = frozenset({"td", "th"})
_MAIN_TAGS = frozenset({"article", "main"})
# Class/id words of page chrome; matched as whole words of the attribute ("share-bar", "site_footer").
_CHROME = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|footer|sidebar|share|sharing|social|newsletter|subscribe|"
    r"advert|advertisement|ad|ads|promo|related|recirc|cookie|cookies|comments?|breadcrumbs?|"
    r"skip-link|paywall|signup)(?:$|[\s_-])",
    re.IGNORECASE,
)
_CREDIT_CLASS = re.compile(r"(?:^|[\s_-])(?:credit|credits|byline|copyright)(?:$|[\s_-])", re.IGNORECASE)
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "dc.date",
    "dc.date.issued",
    "parsely-pub-date",
)
_SOURCE_META = ("og:site_name", "application-name", "publisher", "dc.publisher")
_TITLE_SEPARATORS = re.compile(r"\s+[|–—-]\s+")
# Control characters that are not HTML whitespace: libxml2 turns some into U+FFFD, and the text
# would drop them anyway (clean_line), so they go before parsing.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


class _Open(NamedTuple):
    """An open element: what it sets itself, and the state its content is in."""

    tag: str
    own_kind: str | None
    own_skip: bool
    kind: str | None  # kind given to text inside (nearest element that sets one)
    skip: bool  # text inside is dropped
    main: bool  # inside <article>/<main>
    pre: bool  # inside <pre>: newlines separate blocks


_ROOT = _Open("", None, False, None, False, False, False)


class _Extractor:
    """Parser target: libxml2 calls start/end/data; text is gathered into (kind, text, in_main) parts."""

    def __init__(self, drop_chrome: bool = True) -> None:
        self.drop_chrome = drop_chrome
        # Open elements, each with the state it gives its content (inherited from its parent), so
        # every lookup reads only the top of the stack however deep the page nests.
        self.stack: list[_Open] = []
        self.buf: list[str] = []
        self.parts: list[tuple[str | None, str, bool]] = []
        self.title: list[str] = []
        self.meta: dict[str, str] = {}
        self.time: str | None = None
        self.seen_h1 = False

    def _top(self) -> _Open:
        return self.stack[-1] if self.stack else _ROOT

    def _push(self, tag: str, own_kind: str | None, own_skip: bool, own_main: bool) -> None:
        parent = self._top()
        self.stack.append(
            _Open(
                tag,
                own_kind,
                own_skip,
                own_kind or parent.kind,
                own_skip or parent.skip,
                own_main or parent.main,
                tag == "pre" or parent.pre,
            )
        )

    def flush(self) -> None:
        text = " ".join("".join(self.buf).split())
        self.buf.clear()
        top = self._top()
        if text and not top.skip:
            self.parts.append((top.kind, text, top.main))

    # -- parser target --
    def start(self, tag: str, attrib: Mapping[str, str]) -> None:
        a = {k: v or "" for k, v in attrib.items()}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content") and key not in self.meta:
                self.meta[key] = a["content"]
            return
        if tag == "link" and "canonical" in a.get("rel", "").lower().split():
            self.meta.setdefault("canonical", a.get("href", ""))
            return
        if tag == "time" and self.time is None and a.get("datetime"):
            self.time = a["datetime"]
        marks = f"{a.get('class', '')} {a.get('id', '')}".strip()
        kind = None if tag in _VOID_TAGS else self._tag_kind(tag, marks)
        if tag in _CELL_TAGS:
            self.buf.append("  ")
        elif tag in _BLOCK_TAGS or kind:
            # An inline element that changes the kind ("<span class=credit>") starts a block too.
            self.flush()
        if tag in _VOID_TAGS:
            return
        skip = tag in _TEXTLESS_TAGS or "hidden" in a or a.get("aria-hidden") == "true"
        if self.drop_chrome and not skip:
            skip = tag in _CHROME_TAGS or a.get("role", "") in ("navigation", "banner", "complementary")
            # Page-level containers carry many theme classes ("has-sidebar"): judge only inner elements.
            skip = skip or bool(marks and tag not in _NEVER_CHROME and _CHROME.search(marks))
        self._push(tag, kind, skip, tag in _MAIN_TAGS or a.get("role") == "main")

    def _tag_kind(self, tag: str, marks: str) -> str | None:
        if tag == "h1":
            kind = SUBHEAD if self.seen_h1 else HEADLINE
            self.seen_h1 = True
            return kind
        if tag in ("h2", "h3", "h4", "h5", "h6"):
            return SUBHEAD
        if tag in ("li", "dt", "dd"):
            return LIST_ITEM
        if tag == "figcaption":
            return CAPTION
        if marks and _CREDIT_CLASS.search(marks):
            return CREDIT
        return None

    def end(self, tag: str) -> None:
        # libxml2 balances every start with an end (void elements were never pushed).
        if tag in _VOID_TAGS or not self.stack:
            return
        top = self.stack[-1]
        if tag in _CELL_TAGS:
            self.buf.append("  ")
        elif tag in _BLOCK_TAGS or top.own_kind:
            self.flush()
        self.stack.pop()

    def data(self, data: str) -> None:
        top = self._top()
        if top.tag == "title":
            self.title.append(data)
            return
        if top.skip:
            return
        if top.pre and "\n" in data:
            lines = data.split("\n")
            for line in lines[:-1]:
                self.buf.append(line)
                self.flush()
            self.buf.append(lines[-1])
            return
        self.buf.append(data)

    def close(self) -> _Extractor:
        return self


def _split_title(title: str) -> tuple[str, str | None]:
    """ "Headline | Site" -> ("Headline", "Site") when the last segment is short."""
    pieces = _TITLE_SEPARATORS.split(title)
    if len(pieces) >= 2 and len(pieces[-1]) <= 30 and len(pieces[0]) > len(pieces[-1]):
        return " - ".join(pieces[:-1]) if len(pieces) > 2 else pieces[0], pieces[-1]
    return title, None


def _date(value: str | None) -> str | None:
    if not value:
        return None
    value = clean_line(value)
    if re.match(r"\d{4}-\d{2}-\d{2}", value):
        return value[:25]
    return iso_date(value)


def _extract(data: bytes, drop_chrome: bool) -> tuple[_Extractor, bool]:
    """The parts of the page, and whether chrome was still open when the input ended."""
    ex = _Extractor(drop_chrome)
    # The text is already decoded: UTF-8 bytes with the encoding given, so a <meta charset> or an
    # XML declaration in the page cannot make libxml2 decode it again differently.
    parser = lxml.etree.HTMLParser(
        target=ex, encoding="utf-8", recover=True, no_network=True, remove_comments=True, remove_pis=True
    )
    parser.feed(data)
    # Before close() libxml2 has not yet closed what the page left open.
    unclosed_chrome = any(e.own_skip and e.tag not in _TEXTLESS_TAGS for e in ex.stack)
    parser.close()
    ex.flush()
    return ex, unclosed_chrome


def parse_html(html: str) -> Document:
    """A Document from an HTML page or fragment (no blocks, and a warning, if libxml2 gives up)."""
    data = _CONTROLS.sub("", html).encode("utf-8", "replace")
    try:
        ex, unclosed_chrome = _extract(data, drop_chrome=True)
        if unclosed_chrome and not any(kind is None for kind, _, _ in ex.parts):
            # An unclosed <aside> or share bar swallowed the running text: read the page without chrome rules.
            ex, _ = _extract(data, drop_chrome=False)
    except lxml.etree.LxmlError as e:
        reason = clean_line(str(e))[:200] or type(e).__name__
        return Document(text="", blocks=[], warnings=[f"cannot parse the HTML ({reason})"])
    parts = ex.parts
    if any(in_main for _, _, in_main in parts):
        parts = [p for p in parts if p[2] or p[0] == HEADLINE]
    page_title = clean_line("".join(ex.title))
    headline, site = _split_title(page_title) if page_title else ("", None)
    blocks: list[Part] = [(kind, text) for kind, text, _ in parts]
    if headline and not any(kind == HEADLINE for kind, _ in blocks):
        blocks.insert(0, (HEADLINE, headline))
    doc = build_document(blocks)
    meta = ex.meta
    doc.date = _date(next((meta[k] for k in _DATE_META if k in meta), None)) or _date(ex.time) or doc.date
    source = next((meta[k] for k in _SOURCE_META if meta.get(k)), None) or site
    doc.source = clean_line(source) if source else doc.source
    url = meta.get("og:url") or meta.get("canonical")
    doc.url = clean_line(url) if url else doc.url
    return doc

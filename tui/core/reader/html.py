"""HTML articles: libxml2 (through lxml) parses the page and the reader keeps its block structure.

``<h1>`` (or ``<title>``) is the headline, other headings subheads, ``<p>``/text blocks
paragraphs, ``<li>`` list items (numbered as in an ``<ol>``), ``<pre>`` code, ``<blockquote>``
blockquotes, ``<img>`` ``[image: alt]``, ``<figcaption>`` captions and elements whose class names
a credit are credits. Links are numbered after their text (``[n]``) and listed at the end. Scripts, styles, navigation, footers, asides, forms and elements whose
class or id names page chrome (share bars, newsletters, related links, ads) are dropped. When
the page has ``<article>`` or ``<main>``, only what is inside counts (plus an outside ``<h1>``).
``<meta>`` tags give the date, the site name and the canonical url.

The stdlib ``html.parser`` of Python 3.11 is quadratic on inputs such as ``"<a " * n`` (minutes
for a hostile file); libxml2's push parser is linear. It runs with a parser *target*: libxml2
reports start tags, end tags and text as events (always balanced: it closes what the page
leaves open) and builds no tree, so there is no tree-depth limit that would drop the rest of a
deeply nested page. The events go to the walker shared with feed items
(:class:`~.html_walk.HtmlWalker` with :data:`~.html_walk.ARTICLE_RULES`), whose state is an
explicit stack (no recursion).
"""

from __future__ import annotations

import re
from dataclasses import replace

import lxml.etree

from ..feeds.urls import safe_link
from ..models import HEADLINE, Document
from ..sanitize import clean_line
from .blocks import Part, build_document, link_parts
from .html_lists import LinkNumbers
from .html_walk import ARTICLE_RULES, HtmlWalker
from .lines import iso_date

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
# Where the walker put a link's number: control characters the page cannot contain (see _CONTROLS),
# made "[n]" once it is known which parts are kept.
_MARK = "\x01{}\x02"
_MARKED = re.compile("\x01(\\d+)\x02")


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


def _extract(data: bytes, drop_chrome: bool, base: str | None) -> tuple[HtmlWalker, LinkNumbers, bool]:
    """The parts and links of the page, and whether chrome was still open when the input ended."""
    links = LinkNumbers(lambda href: safe_link(href, base))
    ex = HtmlWalker(
        ARTICLE_RULES,
        drop_chrome=drop_chrome,
        on_link=links,
        marker=_MARK.format,
        on_link_text=lambda n, text: links.name(n, _MARKED.sub("", text)),
    )
    # The text is already decoded: UTF-8 bytes with the encoding given, so a <meta charset> or an
    # XML declaration in the page cannot make libxml2 decode it again differently.
    parser = lxml.etree.HTMLParser(
        target=ex, encoding="utf-8", recover=True, no_network=True, remove_comments=True, remove_pis=True
    )
    parser.feed(data)
    # Before close() libxml2 has not yet closed what the page left open.
    unclosed_chrome = any(e.own_skip and e.tag not in ARTICLE_RULES.textless for e in ex.stack)
    parser.close()
    ex.flush()
    return ex, links, unclosed_chrome


def _numbered(parts: list[Part], links: LinkNumbers) -> tuple[list[Part], list[str], list[str]]:
    """Links numbered 1, 2... in the order the kept text names them, with their own texts; links
    only in dropped parts go."""
    new: dict[int, int] = {}

    def number(m: re.Match[str]) -> str:
        return f"[{new.setdefault(int(m.group(1)), len(new) + 1)}]"

    parts = [(kind, _MARKED.sub(number, text)) for kind, text in parts]
    labels = links.labels()
    return parts, [links.found[old - 1] for old in new], [labels[old - 1] for old in new]


def parse_html(html: str, base: str | None = None) -> Document:
    """A Document from an HTML page or fragment (no blocks, and a warning, if libxml2 gives up).

    Relative links resolve against ``base``; without one only absolute http(s) links are numbered.
    """
    data = _CONTROLS.sub("", html).encode("utf-8", "replace")
    try:
        ex, links, unclosed_chrome = _extract(data, drop_chrome=True, base=base)
        if unclosed_chrome and not any(kind is None for kind, _, _ in ex.parts):
            # An unclosed <aside> or share bar swallowed the running text: read the page without chrome rules.
            ex, links, _ = _extract(data, drop_chrome=False, base=base)
    except lxml.etree.LxmlError as e:
        reason = clean_line(str(e))[:200] or type(e).__name__
        return Document(text="", blocks=[], warnings=[f"cannot parse the HTML ({reason})"])
    parts = ex.parts
    if any(in_main for _, _, in_main in parts):
        parts = [p for p in parts if p[2] or p[0] == HEADLINE]
    page_title = clean_line("".join(ex.title))
    headline, site = _split_title(page_title) if page_title else ("", None)
    blocks, found, texts = _numbered([(kind, text) for kind, text, _ in parts], links)
    if headline and not any(kind == HEADLINE for kind, _ in blocks):
        blocks.insert(0, (HEADLINE, headline))
    blocks.extend(link_parts(found))
    doc = build_document(blocks, link_texts=texts)
    meta = ex.meta
    date = _date(next((meta[k] for k in _DATE_META if k in meta), None)) or _date(ex.time) or doc.date
    source = next((meta[k] for k in _SOURCE_META if meta.get(k)), None) or site
    url = meta.get("og:url") or meta.get("canonical")
    return replace(
        doc,
        date=date,
        source=clean_line(source) if source else doc.source,
        url=clean_line(url) if url else doc.url,
    )

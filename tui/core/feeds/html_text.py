"""HTML from feeds and web pages -> clean text blocks for reading and analysis.

lxml (libxml2) parses in linear time whatever it is given; the stdlib ``html.parser`` of
Python 3.11 is quadratic on inputs such as ``"<a " * n``, which a hostile feed can send. The
tree goes through the HTML walker shared with article files
(:mod:`tui.core.reader.html_walk`, with its ``FEED_RULES``), which uses an explicit stack (no
recursion). Headings become subheads, list items list items (with their bullets or numbers),
captions captions, ``<pre>`` code with its lines kept, blockquotes blockquotes, images
``[image: alt]``, everything else paragraphs; scripts, styles, frames, forms and embedded objects
are dropped; http(s) links are numbered in the text (``[n]``) and collected to list at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import lxml.etree

from ..models import LIST_ITEM, PARAGRAPH
from ..reader.html_lists import LIST_MARK, LinkNumbers
from ..reader.html_walk import FEED_RULES, HtmlWalker, walk_tree
from ..sanitize import clean_text
from .urls import safe_link

MAX_INPUT_CHARS = 8_000_000
MAX_TEXT_CHARS = 300_000  # per body; a longer text is cut at a block boundary and flagged
MAX_LINKS = 200
BULLET = "• "


@dataclass(slots=True)
class HtmlText:
    """Blocks of one-line text (``(kind, text)``, kinds from :mod:`tui.core.models`) and links."""

    blocks: list[tuple[str, str]] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    truncated: bool = False
    link_texts: list[str] = field(default_factory=list)  # each link's own text, "" for none

    @property
    def text(self) -> str:
        """Paragraphs joined by blank lines, list items bulleted, then the links as ``[n] url``."""
        return blocks_to_text(self.blocks, self.links)


def blocks_to_text(blocks: list[tuple[str, str]], links: list[str] | None = None) -> str:
    parts = [BULLET + t if k == LIST_ITEM and not _marked(t) else t for k, t in blocks]
    if links:
        parts.append("\n".join(f"[{i}] {url}" for i, url in enumerate(links, 1)))
    return "\n\n".join(parts)


def html_to_text(markup: str, base_url: str | None = None, *, max_chars: int = MAX_TEXT_CHARS) -> HtmlText:
    """Clean text blocks and http(s) links from an HTML fragment or page; never raises on bad HTML."""
    if not markup or not markup.strip():
        return HtmlText()
    truncated = len(markup) > MAX_INPUT_CHARS
    # Control and bidi characters go before parsing (libxml2 rejects some); lone surrogates too.
    markup = clean_text(markup[:MAX_INPUT_CHARS])
    if not markup.isascii():
        markup = markup.encode("utf-8", "replace").decode("utf-8")
    # lxml.etree's parser, not lxml.html's: the same tree, without a Python call per element to
    # choose its class (lxml.html's HtmlElement methods are never used here).
    parser = lxml.etree.HTMLParser(
        remove_comments=True, remove_pis=True, no_network=True, recover=True, collect_ids=False
    )
    try:
        root = lxml.etree.fromstring(markup, parser)
    except (lxml.etree.ParserError, ValueError):
        root = None
    if root is None:  # an empty document, or one libxml2 refuses
        return text_to_blocks_result(markup) if "<" not in markup else HtmlText(truncated=truncated)
    links = LinkNumbers(lambda href: safe_link(href, base_url), MAX_LINKS)
    walker = HtmlWalker(FEED_RULES, max_chars=max_chars, on_link=links, on_link_text=links.name)
    walk_tree(root, walker)
    return HtmlText(
        blocks=[(kind or PARAGRAPH, text) for kind, text, _ in walker.parts],
        links=links.found,
        truncated=walker.truncated or truncated,
        link_texts=links.labels(),
    )


def _marked(text: str) -> bool:
    """Does a list item's text open with its own bullet or number (lists from HTML do)?"""
    m = LIST_MARK.match(text)
    return bool(m and m.end())


def text_to_blocks(text: str, *, max_chars: int = MAX_TEXT_CHARS) -> list[tuple[str, str]]:
    """Plain text -> blocks: blank lines separate paragraphs, bullet lines become list items."""
    blocks: list[tuple[str, str]] = []
    total = 0
    for para in clean_text(text).split("\n\n"):
        lines = [" ".join(line.split()) for line in para.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            continue
        if all(line[:2] in ("- ", "* ", BULLET) for line in lines):
            found = [(LIST_ITEM, line[2:].strip()) for line in lines]
        else:
            found = [(PARAGRAPH, " ".join(lines))]
        for kind, t in found:
            total += len(t) + 2
            if total > max_chars:
                return blocks
            blocks.append((kind, t))
    return blocks


def text_to_blocks_result(text: str) -> HtmlText:
    return HtmlText(blocks=text_to_blocks(text))

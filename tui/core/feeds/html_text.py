"""HTML from feeds and web pages -> clean text blocks for reading and analysis.

lxml (libxml2) parses in linear time whatever it is given; the stdlib ``html.parser`` of
Python 3.11 is quadratic on inputs such as ``"<a " * n``, which a hostile feed can send. The
tree is walked with an explicit stack (no recursion). Headings become subheads, list items
list items, captions captions, everything else paragraphs; scripts, styles, frames, forms and
embedded objects are dropped; http(s) links are collected to list at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import lxml.etree
import lxml.html

from ..models import CAPTION, LIST_ITEM, PARAGRAPH, SUBHEAD
from ..sanitize import clean_text
from .urls import safe_link

MAX_INPUT_CHARS = 8_000_000
MAX_TEXT_CHARS = 300_000  # per body; a longer text is cut at a block boundary and flagged
MAX_LINKS = 200
BULLET = "• "

# Elements whose content is never readable text.
_DROP = frozenset(
    "script style iframe frame frameset form noscript template object embed applet svg math button input "
    "select option textarea head title meta link base canvas audio video map area".split()
)
_BLOCK = frozenset(
    "p div section article main header footer aside nav blockquote address center details summary "
    "h1 h2 h3 h4 h5 h6 li dt dd ul ol dl menu figure figcaption caption table thead tbody tfoot tr pre "
    "hr body html".split()
)
_KIND = {
    **{f"h{i}": SUBHEAD for i in range(1, 7)},
    "li": LIST_ITEM,
    "dt": LIST_ITEM,
    "dd": LIST_ITEM,
    "figcaption": CAPTION,
    "caption": CAPTION,
}
_CELLS = frozenset({"td", "th"})


@dataclass(slots=True)
class HtmlText:
    """Blocks of one-line text (``(kind, text)``, kinds from :mod:`tui.core.models`) and links."""

    blocks: list[tuple[str, str]] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    truncated: bool = False

    @property
    def text(self) -> str:
        """Paragraphs joined by blank lines, list items bulleted, then the links as ``[n] url``."""
        return blocks_to_text(self.blocks, self.links)


def blocks_to_text(blocks: list[tuple[str, str]], links: list[str] | None = None) -> str:
    parts = [BULLET + t if k == LIST_ITEM else t for k, t in blocks]
    if links:
        parts.append("\n".join(f"[{i}] {url}" for i, url in enumerate(links, 1)))
    return "\n\n".join(parts)


class _Walker:
    def __init__(self, base_url: str | None, max_chars: int) -> None:
        self.base_url = base_url
        self.max_chars = max_chars
        self.out = HtmlText()
        self.buf: list[str] = []
        self.kinds: list[str] = [PARAGRAPH]
        self.pre = 0
        self.chars = 0
        self.seen_links: set[str] = set()

    def flush(self) -> None:
        if not self.buf:
            return
        # Character references decode after parsing, so control characters are stripped again here.
        text = " ".join(clean_text("".join(self.buf)).split())
        self.buf.clear()
        if not text or self.out.truncated:
            return
        room = self.max_chars - self.chars
        if len(text) > room:
            self.out.truncated = True
            if room < 100:
                return
            text = text[: room - 1] + "…"
        self.chars += len(text) + 2
        self.out.blocks.append((self.kinds[-1], text))

    def add(self, text: str | None) -> None:
        if not text:
            return
        if self.pre and "\n" in text:
            lines = text.split("\n")
            for line in lines[:-1]:
                self.buf.append(line)
                self.flush()
            self.buf.append(lines[-1])
        else:
            self.buf.append(text)

    def link(self, href: str | None) -> None:
        url = safe_link(href, self.base_url)
        if url and url not in self.seen_links and len(self.out.links) < MAX_LINKS:
            self.seen_links.add(url)
            self.out.links.append(url)

    def walk(self, root: lxml.etree._Element) -> None:
        # Explicit stack of (element, entering?): deep nesting cannot exhaust Python's stack.
        stack: list[tuple[lxml.etree._Element, bool]] = [(root, True)]
        while stack and not self.out.truncated:
            el, entering = stack.pop()
            tag = el.tag if isinstance(el.tag, str) else ""  # comments and PIs have no str tag
            tag = tag.lower()
            if not entering:
                self.leave(tag)
                self.add(el.tail)
                continue
            stack.append((el, False))
            if not tag or tag in _DROP:
                self.kinds.append(self.kinds[-1])  # balanced by leave()
                continue
            self.enter(tag, el)
            self.add(el.text)
            stack.extend((child, True) for child in reversed(el))
        self.flush()

    def enter(self, tag: str, el: lxml.etree._Element) -> None:
        if tag in _BLOCK or tag in _KIND:
            self.flush()
        elif tag == "br":
            self.flush()
        elif tag in _CELLS:
            self.buf.append(" ")
        if tag == "a":
            self.link(el.get("href"))
        if tag == "pre":
            self.pre += 1
        self.kinds.append(_KIND.get(tag, self.kinds[-1]))

    def leave(self, tag: str) -> None:
        if tag in _BLOCK or tag in _KIND:
            self.flush()
        elif tag in _CELLS:
            self.buf.append(" ")
        if tag == "pre":
            self.pre -= 1
        self.kinds.pop()


def html_to_text(markup: str, base_url: str | None = None, *, max_chars: int = MAX_TEXT_CHARS) -> HtmlText:
    """Clean text blocks and http(s) links from an HTML fragment or page; never raises on bad HTML."""
    if not markup or not markup.strip():
        return HtmlText()
    truncated = len(markup) > MAX_INPUT_CHARS
    # Control and bidi characters go before parsing (libxml2 rejects some); lone surrogates too.
    markup = clean_text(markup[:MAX_INPUT_CHARS]).encode("utf-8", "replace").decode("utf-8")
    parser = lxml.html.HTMLParser(
        remove_comments=True, remove_pis=True, no_network=True, recover=True, collect_ids=False
    )
    try:
        root = lxml.html.document_fromstring(markup, parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return text_to_blocks_result(markup) if "<" not in markup else HtmlText(truncated=truncated)
    walker = _Walker(base_url, max_chars)
    walker.walk(root)
    walker.out.truncated = walker.out.truncated or truncated
    return walker.out


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

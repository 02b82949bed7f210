"""Markdown articles: headings, paragraphs and list items with the syntax stripped.

Parsed with markdown-it-py (CommonMark, as used by rich). The first heading is the headline,
later headings are subheads, list items are list items (with their bullets or numbers, indented
by nesting), fenced and indented code is code with its lines kept, ``>`` quotes are blockquotes,
images are ``[image: alt]``; emphasis/code markers are removed and their text kept, links are
numbered after their text (``[n]``) and listed at the end. Text that looks like markup for the terminal (``[bold]``) is plain data.
A YAML-style front matter block (``---`` ... ``---``) gives title, date, source and url.
"""

from __future__ import annotations

import re
from dataclasses import replace

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..feeds.urls import safe_link
from ..models import BLOCKQUOTE, CODE, HEADLINE, IMAGE, LIST_ITEM, PARAGRAPH, SUBHEAD, Document
from ..sanitize import clean_line
from .blocks import Part, build_document, link_parts
from .html_lists import BULLETS, INDENT, LinkNumbers

_FRONT_MATTER = re.compile(r"---[ \t]*\n(.{0,4000}?)\n---[ \t]*(?:\n|$)", re.DOTALL)
_FRONT_KEY = re.compile(r"([A-Za-z_][\w-]*)\s*:\s*(.*)")
_TAG = re.compile(r"<[^<>]{0,2000}>")

_md: MarkdownIt | None = None


def _parser() -> MarkdownIt:
    global _md
    if _md is None:
        _md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    return _md


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """Keys of a leading ``---`` block and the text after it."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    meta = {}
    for line in m.group(1).split("\n"):
        km = _FRONT_KEY.match(line.strip())
        if km:
            meta[km.group(1).lower()] = clean_line(km.group(2)).strip("\"'")
    if not meta:
        return {}, text
    return meta, text[m.end() :]


def _image(token: Token) -> str:
    alt = clean_line(token.content)
    return f"[image: {alt[:300]}]" if alt else "[image]"


def _inline_text(token: Token, links: LinkNumbers) -> str:
    out = []
    numbers: list[int | None] = []  # of the open links
    starts: list[int] = []  # where their texts start in ``out``
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif child.type == "image":
            out.append(_image(child))
        elif child.type == "link_open":
            numbers.append(links(str(child.attrGet("href") or "")))
            starts.append(len(out))
        elif child.type == "link_close" and numbers:
            number, start = numbers.pop(), starts.pop()
            if number is not None:
                links.name(number, "".join(out[start:]))
                out.append(f"[{number}]")
        elif child.type == "html_inline":
            continue  # a tag; its text arrives as "text" tokens
    return "".join(out)


def _only_image(token: Token) -> bool:
    """A paragraph that is one picture (perhaps linked): it stands as an image of its own."""
    kinds = [c.type for c in token.children or [] if not (c.type == "text" and not c.content.strip())]
    return kinds in (["image"], ["link_open", "image", "link_close"])


class _Lists:
    """Open lists: the next number of an ordered one (None for bullets), and the mark still to show."""

    def __init__(self) -> None:
        self.open: list[int | None] = []
        self.mark = ""

    def item(self) -> None:
        depth = len(self.open) - 1
        following = self.open[-1] if self.open else None
        if following is None:
            mark = BULLETS[min(max(depth, 0), len(BULLETS) - 1)] + " "
        else:
            mark = f"{following}. "
            self.open[-1] = following + 1
        self.mark = INDENT * max(depth, 0) + mark

    def take(self) -> str:
        """The item's mark for its first paragraph, then indentation only."""
        mark = self.mark
        self.mark = " " * len(mark)
        return mark


def _parts(tokens: list[Token], links: LinkNumbers) -> list[Part]:
    parts: list[Part] = []
    lists = _Lists()
    quoted = 0
    heading: str | None = None
    row: list[str] | None = None
    seen_heading = False
    for tok in tokens:
        t = tok.type
        if t in ("bullet_list_open", "ordered_list_open"):
            start = tok.attrGet("start") if t == "ordered_list_open" else None
            lists.open.append(None if t == "bullet_list_open" else int(start or 1))
        elif t in ("bullet_list_close", "ordered_list_close"):
            lists.open.pop()
        elif t == "list_item_open":
            lists.item()
        elif t == "blockquote_open":
            quoted += 1
        elif t == "blockquote_close":
            quoted -= 1
        elif t == "heading_open":
            heading = HEADLINE if not seen_heading and not parts else SUBHEAD
            seen_heading = True
        elif t == "heading_close":
            heading = None
        elif t == "tr_open":
            row = []
        elif t == "tr_close" and row is not None:
            parts.append((PARAGRAPH, "  ".join(c for c in row if c)))
            row = None
        elif t == "inline":
            text = _inline_text(tok, links)
            if row is not None:
                row.append(text)
            elif heading:
                parts.append((heading, text))
            elif _only_image(tok):
                parts.append((IMAGE, text))
            elif lists.open:
                parts.append((LIST_ITEM, lists.take() + clean_line(text)))
            else:
                parts.append((BLOCKQUOTE if quoted else None, text))
        elif t in ("fence", "code_block"):
            parts.append((CODE, tok.content.expandtabs(4)))
        elif t == "html_block":
            parts.extend((None, line) for line in _TAG.sub(" ", tok.content).split("\n") if line.strip())
    return parts


def parse_markdown(text: str) -> Document:
    """A Document from cleaned Markdown text."""
    meta, body = _front_matter(text)
    links = LinkNumbers(safe_link)
    parts = _parts(_parser().parse(body), links)
    doc = build_document(parts + link_parts(links.found), title=meta.get("title"), link_texts=links.labels())
    return replace(
        doc,
        date=meta.get("date") or doc.date,
        source=meta.get("source") or meta.get("publisher") or doc.source,
        url=meta.get("url") or meta.get("source_url") or doc.url,
    )

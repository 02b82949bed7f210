"""Markdown articles: headings, paragraphs and list items with the syntax stripped.

Parsed with markdown-it-py (CommonMark, as used by rich). The first heading is the headline,
later headings are subheads, list items are list items, emphasis/link/code markers are removed
and their text kept. Text that looks like markup for the terminal (``[bold]``) is plain data.
A YAML-style front matter block (``---`` ... ``---``) gives title, date, source and url.
"""

from __future__ import annotations

import re
from dataclasses import replace

from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..models import HEADLINE, LIST_ITEM, PARAGRAPH, SUBHEAD, Document
from ..sanitize import clean_line
from .blocks import Part, build_document

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


def _inline_text(token: Token) -> str:
    out = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif child.type == "html_inline":
            continue  # a tag; its text arrives as "text" tokens
    return "".join(out)


def _parts(tokens: list[Token]) -> list[Part]:
    parts: list[Part] = []
    list_depth = 0
    heading: str | None = None
    row: list[str] | None = None
    seen_heading = False
    for tok in tokens:
        t = tok.type
        if t in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif t in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
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
            text = _inline_text(tok)
            if row is not None:
                row.append(text)
            elif heading:
                parts.append((heading, text))
            else:
                parts.append((LIST_ITEM if list_depth else None, text))
        elif t in ("fence", "code_block", "html_block"):
            body = _TAG.sub(" ", tok.content) if t == "html_block" else tok.content
            parts.extend((None, line) for line in body.split("\n") if line.strip())
    return parts


def parse_markdown(text: str) -> Document:
    """A Document from cleaned Markdown text."""
    meta, body = _front_matter(text)
    doc = build_document(_parts(_parser().parse(body)), title=meta.get("title"))
    return replace(
        doc,
        date=meta.get("date") or doc.date,
        source=meta.get("source") or meta.get("publisher") or doc.source,
        url=meta.get("url") or meta.get("source_url") or doc.url,
    )

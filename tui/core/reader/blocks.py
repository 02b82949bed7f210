"""Build a Document from blocks found in markup (Markdown, HTML).

Markup says what a heading or list item is, but a ``<p>`` or Markdown paragraph may still be
a photo credit, a promo or a dateline: :func:`refine` applies the same line tests as plain
text to those. :func:`assemble` joins the block texts with blank lines and records offsets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..models import (
    CAPTION,
    CODE,
    CREDIT,
    DATELINE,
    ENCLOSURE,
    HEADLINE,
    LINK,
    LIST_ITEM,
    PARAGRAPH,
    PROMO,
    Block,
    Document,
    link_line,
    title_without_marks,
)
from ..sanitize import clean_line, clean_text
from .html_lists import LIST_MARK
from .lines import is_byline, is_caption, is_credit, is_dateline, is_promo, is_sentence, iso_date

# A first paragraph longer than this that reads as sentences is not a headline.
LONG_HEADLINE = 200

Part = tuple[str | None, str]  # (kind, or None for "a paragraph, refine me"; one-line text but for CODE)


_OWN_CLEAN = frozenset({CODE, LIST_ITEM})


def _clean(kind: str | None, text: str) -> str:
    """One line; code keeps its lines and indentation, a list item its nesting indent."""
    if kind == CODE:
        return "\n".join(line.rstrip() for line in clean_text(text).split("\n")).strip("\n")
    line = clean_line(text)
    if kind == LIST_ITEM and line:
        return text[: len(text) - len(text.lstrip(" "))] + line
    return line


def refine(parts: list[Part]) -> list[tuple[str, str]]:
    """Give every unlabelled part a kind; the first part becomes the headline when none is marked."""
    # (clean_line at once for most parts: _clean's own cases are code and list items)
    parts = [(k, _clean(k, t) if k in _OWN_CLEAN else clean_line(t)) for k, t in parts]
    parts = [(k, t) for k, t in parts if t.strip()]
    if not parts:
        return []
    if HEADLINE not in [k for k, _ in parts]:
        kind, text = parts[0]
        if kind is None and not (len(text) > LONG_HEADLINE and is_sentence(text) and ". " in text):
            parts[0] = (HEADLINE, text)
    credit = [k is None and is_credit(t) for k, t in parts]
    out: list[tuple[str, str]] = []
    for i, (kind, text) in enumerate(parts):
        if kind is None:
            if credit[i]:
                kind = CREDIT
            elif is_promo(text):
                kind = PROMO
            elif is_dateline(text):
                kind = DATELINE
            elif is_byline(text):
                kind = CREDIT
            elif i + 1 < len(parts) and credit[i + 1] and is_caption(text):
                kind = CAPTION
            else:
                kind = PARAGRAPH
        out.append((kind, text))
    return out


def assemble(parts: list[tuple[str, str]]) -> tuple[str, list[Block]]:
    """Text of the blocks joined by blank lines, and the blocks pointing into it.

    A list item's bullet or number and its nesting indent stay in the text, before its block.
    """
    blocks: list[Block] = []
    pos = 0
    for kind, text in parts:
        end = pos + len(text)
        mark = LIST_MARK.match(text) if kind == LIST_ITEM else None
        blocks.append(Block(kind, pos + mark.end() if mark else pos, end))
        pos = end + 2  # the blank line after it
    return "\n\n".join([text for _, text in parts]), blocks


def link_parts(links: Sequence[str], enclosures: Sequence[tuple[str, str]] = ()) -> list[Part]:
    """The list at an article's end: ``[n] url`` per link, then ``[n] url (detail)`` per enclosure."""
    parts: list[Part] = [(LINK, link_line(n, url)) for n, url in enumerate(links, 1)]
    first = len(links) + 1
    parts.extend((ENCLOSURE, link_line(n, url, detail)) for n, (url, detail) in enumerate(enclosures, first))
    return parts


def build_document(
    parts: list[Part],
    title: str | None = None,
    link_texts: Sequence[str] = (),
    *,
    source: str | None = None,
    date: str | None = None,
    url: str | None = None,
) -> Document:
    """A Document from markup parts; the title is the headline unless one is given. ``source``
    and ``url`` are the document's; ``date``, when given, is its date instead of a dateline's.

    ``link_texts`` are the own texts of the links of :func:`link_parts` ("" for none), in number
    order: each becomes its link block's ``label``.
    """
    if title and HEADLINE not in [k for k, _ in parts]:
        parts = [(HEADLINE, title), *parts]
    refined = refine(parts)
    text, blocks = assemble(refined)
    if any(link_texts):
        blocks = _labelled(text, blocks, link_texts)
    headline = next((t for k, t in refined if k == HEADLINE), "")
    given = clean_line(title or "")
    if not date:
        for kind, line in refined[:8]:
            if kind == DATELINE:
                date = iso_date(line)
                if date:  # the first dateline with a date
                    break
    doc = Document(text, blocks, given or headline, None, source, date or None, url)
    if not given and (headline or refined):  # the text names it: without the marks of its links
        if headline:
            doc = replace(doc, title=title_without_marks(doc, headline))
        else:  # its first words: the marks go before the cut, which a mark's "[2" would outlive
            doc = replace(doc, title=_lead(title_without_marks(doc, refined[0][1])))
    return doc


LEAD_CHARS = 100
"""The longest title taken from an article's first words (cut at a word, with an ellipsis)."""


def _lead(text: str) -> str:
    if len(text) <= LEAD_CHARS:
        return text
    cut = text[: LEAD_CHARS - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > LEAD_CHARS // 2 else cut).rstrip(" ,;:-—") + "…"


def _labelled(text: str, blocks: list[Block], link_texts: Sequence[str]) -> list[Block]:
    """``blocks`` with each link block (``[n] url``) labelled with link ``n``'s own text."""
    out = []
    for b in blocks:
        if b.kind == LINK:
            number = text[b.start + 1 : text.find("]", b.start, b.end)]
            if number.isdigit() and 0 < int(number) <= len(link_texts) and link_texts[int(number) - 1]:
                b = replace(b, label=clean_line(link_texts[int(number) - 1]))
        out.append(b)
    return out

"""Feed items (and fetched full texts) as :class:`~tui.core.models.Document` objects.

Paragraphs go through the reader's own refinement (credits, promos, datelines are recognised
the same way as in article files); headings, list items and captions keep the kind their
markup gave them. Links follow the body as ``[n] url`` link blocks, then the item's enclosures as
``[n] url (type, size)``: shown, never analysed (see :mod:`tui.core.models.links`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..models import PARAGRAPH, Document
from ..reader.blocks import Part, build_document, link_parts
from .parsed import FeedItem

if TYPE_CHECKING:
    from .fulltext import FullText


def blocks_to_document(
    title: str,
    blocks: Sequence[tuple[str, str]],
    links: Sequence[str] = (),
    enclosures: Sequence[tuple[str, str]] = (),
    *,
    source: str | None = None,
    date: str | None = None,
    url: str | None = None,
    link_texts: Sequence[str] = (),
) -> Document:
    """A Document from ``(kind, text)`` blocks as produced by :mod:`.html_text`; ``link_texts``
    are the links' own texts ("" for none)."""
    parts: list[Part] = [(None if kind == PARAGRAPH else kind, text) for kind, text in blocks]
    parts.extend(link_parts(links, enclosures))
    return build_document(
        parts, title=title or None, link_texts=link_texts, source=source or None, date=date, url=url
    )


def item_to_document(item: FeedItem, feed_title: str | None = None) -> Document:
    """The article a feed item carries: its title as headline, then its body and links."""
    return blocks_to_document(
        item.title,
        item.content_blocks,
        item.links,
        [(e.url, e.detail) for e in item.enclosures],
        source=feed_title,
        date=item.published,
        url=item.link,
        link_texts=item.link_texts,
    )


def full_text_document(doc: Document, full: FullText, enclosures: Sequence[tuple[str, str]] = ()) -> Document:
    """``doc`` with the text of its fetched web page (its own links), keeping its title, source,
    date, address and the feed item's ``enclosures``."""
    return blocks_to_document(
        doc.title,
        full.blocks,
        full.links,
        enclosures,
        source=doc.source,
        date=doc.date,
        url=doc.url,
        link_texts=full.link_texts,
    )

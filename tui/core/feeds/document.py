"""Feed items (and fetched full texts) as :class:`~tui.core.models.Document` objects.

Paragraphs go through the reader's own refinement (credits, promos, datelines are recognised
the same way as in article files); headings, list items and captions keep the kind their
markup gave them. Links follow the body as ``[n] url`` promo blocks: shown, never analysed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..models import PARAGRAPH, PROMO, Document
from ..reader.blocks import Part, build_document
from .items import FeedItem


def blocks_to_document(
    title: str,
    blocks: Sequence[tuple[str, str]],
    links: Sequence[str] = (),
    *,
    source: str | None = None,
    date: str | None = None,
    url: str | None = None,
) -> Document:
    """A Document from ``(kind, text)`` blocks as produced by :mod:`.html_text`."""
    parts: list[Part] = [(None if kind == PARAGRAPH else kind, text) for kind, text in blocks]
    parts.extend((PROMO, f"[{i}] {link}") for i, link in enumerate(links, 1))
    doc = build_document(parts, title=title or None)
    return replace(doc, source=source or None, date=date or doc.date, url=url)


def item_to_document(item: FeedItem, feed_title: str | None = None) -> Document:
    """The article a feed item carries: its title as headline, then its body and links."""
    return blocks_to_document(
        item.title, item.content_blocks, item.links, source=feed_title, date=item.published, url=item.link
    )

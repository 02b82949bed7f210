"""A feed item as the articles table keeps it, made where the item is parsed.

A first refresh brings thousands of items back from the parser workers to the process that
stores them. Each comes as an :class:`ItemRow`: its document's fields, its blocks already as the
JSON the table keeps (:func:`blocks_json`), its content hash (:func:`content_hash`, the key of the
analysis cache) and its sketch for stories. The storing process then builds nothing again:
unpickling every document's Block objects only to write them out as JSON was a tenth of its CPU.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, NamedTuple

from .documents import Document


def content_hash(doc: Document, blocks: str | None = None) -> str:
    """The analysis cache key: sha256 of the text and its blocks (``blocks``, their JSON, when the
    caller has made it already). Links' own texts are left out: they are never analysed, and an
    article stored before links kept them keeps its analysis."""
    h = hashlib.sha256(doc.text.encode("utf-8"))
    h.update((blocks or blocks_json(doc, labels=False)).encode())
    return h.hexdigest()[:32]


_KIND_JSON: dict[str, str] = {}  # a block kind as JSON: there are a dozen kinds


def blocks_json(doc: Document, labels: bool = True) -> str:
    """``json.dumps([[kind, start, end], ...])``, written out directly: it is made for every article
    stored. A link block with its own text has it fourth (``labels``): ``["link", 10, 40, "the report"]``."""
    kinds = _KIND_JSON
    parts = []
    for b in doc.blocks:
        kind = kinds.get(b.kind)
        if kind is None:
            kind = json.dumps(b.kind)
            if len(kinds) < 100:
                kinds[b.kind] = kind
        if b.label and labels:
            parts.append(f"[{kind}, {b.start}, {b.end}, {json.dumps(b.label)}]")
        else:
            parts.append(f"[{kind}, {b.start}, {b.end}]")
    return f"[{', '.join(parts)}]"


class ItemRow(NamedTuple):
    """A feed item's article, ready to write (a tuple: cheap to send between processes)."""

    item_id: str
    teaser: bool
    title: str
    source: str | None
    date: str | None
    url: str | None
    attribution: str | None
    text: str
    blocks: str  # JSON [[kind, start, end], ...], as :func:`blocks_json` makes it
    hash: str  # :func:`content_hash` of the text and blocks
    sketch: Any = None  # its similarity.Sketch, or None: made when it is stored


def item_row(item_id: str, doc: Document, teaser: bool = False, sketch: Any = None) -> ItemRow:
    """The row of a feed item whose article is ``doc``."""
    blocks = blocks_json(doc)
    labelled = any(b.label for b in doc.blocks)
    return ItemRow(
        item_id,
        teaser,
        doc.title,
        doc.source,
        doc.date,
        doc.url,
        doc.attribution,
        doc.text,
        blocks,
        content_hash(doc, None if labelled else blocks),
        sketch,
    )

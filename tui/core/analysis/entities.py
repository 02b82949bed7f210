"""Named entities: the model's mentions, per block, made consistent across the document."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models import Document, Entity

if TYPE_CHECKING:  # pragma: no cover
    from .pipeline import Paragraph


def extract_entities(doc: Document, paras: list[Paragraph]) -> list[Entity]:
    out: list[Entity] = []
    for block, sdoc in paras:
        for ent in sdoc.ents:
            start = block.start + ent.start_char
            end = block.start + ent.end_char
            out.append(Entity(start, end, doc.text[start:end], ent.label_, ent.text))
    return out

"""Bullet summaries: sentences of the article chosen for news."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models import SUMMARY_KINDS, Document, Entity, Quote

if TYPE_CHECKING:  # pragma: no cover
    from .pipeline import Paragraph


def summarise(
    doc: Document, paras: list[Paragraph], entities: list[Entity], quotes: list[Quote]
) -> list[str]:
    sents = [s.text.strip() for block, sdoc in paras if block.kind in SUMMARY_KINDS for s in sdoc.sents]
    return [s for s in sents if s][:3]

"""Direct quotations and their speakers."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..models import QUOTE_KINDS, Document, Entity, Quote

if TYPE_CHECKING:  # pragma: no cover
    from .pipeline import Paragraph

_QUOTE = re.compile(r"“([^”]+)”|\"([^\"\n]+)\"")


def extract_quotes(doc: Document, paras: list[Paragraph], entities: list[Entity]) -> list[Quote]:
    out: list[Quote] = []
    for block, _sdoc in paras:
        if block.kind not in QUOTE_KINDS:
            continue
        for m in _QUOTE.finditer(doc.text, block.start, block.end):
            g = 1 if m.group(1) is not None else 2
            out.append(Quote(m.start(g), m.end(g), m.group(g), None, None))
    return out

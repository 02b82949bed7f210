"""A quote whose closing mark was left out before its attribution.

'"There was never a plan for the second phase, said Ortiz, who chairs the panel.': the writer opened
the quote and forgot to close it, so the quoted span runs to the end of the paragraph and swallows
"said Ortiz", which then cannot name the speaker. When an unclosed quote holds a clause break followed
by a plain attribution ("said Ortiz", "Ortiz said", "she said") the quote ends at that break.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .quotes_marks import Span

_VERBS = r"(?:said|says|added|wrote|explained|recalled|noted)"
_NAME = r"[A-Z][\w’'.-]+(?: [A-Z][\w’'.-]+){0,3}"
# ", said Ortiz", ", Ortiz said", ", she said", after the words of the quote.
_ATTRIBUTION = re.compile(rf"[,?!] (?:{_VERBS} (?:{_NAME}|the \w+)|(?:{_NAME}|he|she|they) {_VERBS})\b")


def cut_attributions(text: str, spans: list[Span]) -> list[Span]:
    """``spans`` with each unclosed quote of one paragraph ended before an attribution it swallowed."""
    groups = Counter(s.group for s in spans)
    return [s if s.closed or groups[s.group] > 1 else _cut(text, s) for s in spans]


def _cut(text: str, span: Span) -> Span:
    found = _ATTRIBUTION.search(text, span.start, span.end)
    if found is None or found.start() - span.start < 20:
        return span
    return replace(span, end=found.start() + 1, closed=True)

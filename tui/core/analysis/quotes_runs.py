"""A run of quote paragraphs with nothing else in them: one speaker.

"Doe spoke only in bromides. / 'We have to be tougher.' / 'We are not fighting it.'": each line is a
block holding one quotation and nothing else, no cue, no heading between. The first takes its
speaker from the paragraph before it (``quotes._previous_subject``); the lines after it go on with
the same speaker, since nothing in the run hands the words to anyone else. Not a line that goes on
with the quotation before it (its own group's speaker holds), nor one that names the speaker
("One of the shortcomings of Byler's piece ..." is about Byler, not by him).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from .quotes_marks import MARK_CHARS

if TYPE_CHECKING:  # pragma: no cover
    from ..models import Block
    from .quotes_marks import Span

_MARKS = MARK_CHARS + " \u00a0\n"


class _Quoted(Protocol):
    span: Span
    speaker: str | None


def continues(text: str, run: list[_Quoted], prev: Block, block: Block, span: Span) -> bool:
    """Whether ``span``, alone in ``block``, goes on with ``run``: the one attributed quotation, alone
    in the block ``prev`` right before, of another group than ``span``'s."""
    before = run[0]
    if len(run) != 1 or before.speaker is None or before.span.group == span.group:
        return False
    family = before.speaker.split(" (")[0].split()[-1]
    return (
        not text[prev.end : block.start].strip()
        and family not in text[span.start : span.end]
        and _alone(text, prev, before.span)
        and _alone(text, block, span)
    )


def _alone(text: str, block: Block, span: Span) -> bool:
    return not text[block.start : span.start].strip(_MARKS) and not text[span.end : block.end].strip(
        _MARKS + ".,"
    )

"""Which quotes of a paragraph the paragraph before introduces with its closing colon.

"Doe made this point:" introduces the quotation that opens the next paragraph. A paragraph that
follows "Doe wrote:" as prose ("I think the plan fails, and we must ask 'who pays?'") is the
introduced text itself, quoted whole without marks: every quotation inside it that has no cue of its
own is the introducer's too. Only after a bare speech verb, though: "Doe tweeted the transcript:"
announces a thing the page embedded (and the text lost), so the prose after it is the author's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, TypeVar

from .doc_text import block_text
from .quotes_cues import colon_subject
from .quotes_marks import MARK_CHARS
from .quotes_offsets import token_at

if TYPE_CHECKING:  # pragma: no cover
    from .pipeline import Paragraph
    from .quotes_marks import Span


class _Quoted(Protocol):
    span: Span


Q = TypeVar("Q", bound=_Quoted)


def introduced_items(text: str, prev: Paragraph, start: int, items: list[Q]) -> list[Q]:
    """The quotes of the paragraph starting at ``start`` (``items``, in order) that the paragraph
    ``prev`` before it introduces: none unless ``prev`` ends in a colon."""
    block, sdoc = prev
    if not items:
        return []
    if text[block.start : items[0].span.start].strip(MARK_CHARS + " \n")[-1:] == ":":
        return items[:1]  # the quotation opening the paragraph
    if text[block.start : start].rstrip(MARK_CHARS + " \n")[-1:] != ":":
        return []
    cue = colon_subject(sdoc, len(block_text(sdoc)))
    verb = token_at(sdoc, cue.pos) if cue is not None and not cue.weak else None
    if verb is None or any(c.dep_ == "dobj" for c in verb.children):
        return []
    return list(items)  # a paragraph of prose after "Doe wrote:" is the text it introduces

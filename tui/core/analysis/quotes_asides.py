"""Quotes an aside attributes: ``As Smith has pointed out, that is the "textbook definition" of the
problem``, ``As the spokesman explained, the taxes were delayed, "which sounds like a lot"`` (the aside
hangs on a clause above the quoted words, so the walk up from the quote, ``quotes_cues._tree``, never
meets it), and "according to X" anywhere in the quote's sentence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .quotes_after import according, make_cue
from .quotes_verbs import Cue, is_reporting, quoted, subject_of

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token


def as_noted(inside: list[Token], start: int) -> Cue | None:
    """The subject of an "as X noted" aside before the quote (block offset ``start``) on a clause
    that holds it."""
    ids = {t.i for t in inside}
    h = next((t for t in inside if t.head.i not in ids), None)
    for _ in range(12):
        if h is None:
            return None
        for c in h.children:
            if c.dep_ != "advcl" or c.i in ids or c.idx >= start or not is_reporting(c, strict=True):
                continue
            if any(m.dep_ == "mark" and m.lower_ == "as" for m in c.children):
                subj = subject_of(c)
                return make_cue(c, subj) if subj is not None and not quoted(subj) else None
        if h.head.i == h.i:
            return None
        h = h.head
    return None


def according_in(inside: list[Token]) -> Cue | None:
    """An "according to X" anywhere in the quote's sentence."""
    ids = {t.i for t in inside}
    for t in inside[0].sent:
        if t.i in ids:
            continue
        speaker = according(t)
        if speaker is not None:
            return make_cue(t, speaker)
    return None

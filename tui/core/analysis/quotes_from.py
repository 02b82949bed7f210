"""A quote the next sentence hands to someone: '"I would rather lose." That remark from Jane Doe
became her motto.'

A quote standing alone with no cue is sometimes attributed only afterwards, by a sentence whose
subject is the quote itself ("That quote from X", "The line by X", "Those words of X"). The one the
phrase names said it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .quotes_offsets import token_from
from .quotes_weak import WEAK_LABELS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from .quotes_people import People

_QUOTE_NOUNS = frozenset("quote quotation remark line comment words word statement quip".split())
_POINTING = frozenset("that this those these the".split())
_MARKS = frozenset("\"“”‘’'")


def named_after(sdoc: Doc, off: int, end: int, people: People) -> str | None:
    """Who the sentence right after the quote ending at ``end`` (block offset) says spoke it."""
    first = token_from(sdoc, end)
    while first is not None and (first.text in _MARKS or first.is_space):
        first = sdoc[first.i + 1] if first.i + 1 < len(sdoc) else None
    if first is None or first.lower_ not in _POINTING:
        return None
    noun = first.head
    if (
        noun.lemma_.lower() not in _QUOTE_NOUNS
        or noun.dep_ not in ("nsubj", "nsubjpass")
        or noun.i > first.i + 2
    ):
        return None
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in ("from", "by", "of"):
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is None:
                return None
            found = people.speaker(off, obj)
            return found.shown if found.name is not None and found.label in WEAK_LABELS else None
    return None

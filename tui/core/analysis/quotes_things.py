"""Things and groups named by a common noun that speak through the clause a quote sits in.

"The team cited 'blocked toilets'", "The ad targets a 'rigged economy'": a quote inside a clause with
no reporting verb takes the clause's subject only when that is a name (``quotes``: a weak cue). A
definite common noun that is the only subject above the quote is what the sentence says spoke,
too: a thing or a body the text has already introduced ("the team", "the non-profit").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .doc_text import block_text

if TYPE_CHECKING:  # pragma: no cover
    from .quotes_verbs import Cue

# Who may speak on a clause subject alone: a person or a body acting as one (as in ``quotes``).
_NAMED = ("PERSON", "ORG")
_DEFINITE = frozenset("the this that".split())
# Shorter quotes are scare quotes unless a cue or a neighbour names who used them (as in ``quotes``).
_MIN_WORDS = 2


def weak_speaker(name: str | None, label: str, cue: Cue, start: int, end: int) -> bool:
    """Whether the subject a weak cue resolved to (``name``, ``label``) may speak for the quote at
    ``start:end`` in the cue's block."""
    if name is None:
        return False
    if label in _NAMED:
        return True
    subj = cue.subject
    return (
        label == "NP"
        # (a single quoted word with no speaker but a phrase is a scare quote, dropped: one a
        # neighbouring quote's speaker would otherwise take is kept)
        and subj is not None
        and len(block_text(subj.doc)[start:end].split()) >= _MIN_WORDS
        and not cue.further
        and subj is not None
        and subj.pos_ == "NOUN"
        and subj.dep_ == "nsubj"
        and any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in subj.children)
    )

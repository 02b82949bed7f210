"""Clauses beside a reporting verb, not reported by it.

"The name was announced on the radio long before officials started to call it a 'workplace'
shooting": the walk up from the quoted words reaches "announced" through "started", a clause of time
or contrast joined to it (``conj``, ``advcl`` opening on "before", "when", "while", ...) with a
finite verb and a name or noun of its own for subject. The reporting verb tells of something else; the
words belong to that clause's subject, so the walk stops there and the clause's subject is left to
the weaker cues (``quotes_governing.governing_subject``). A clause without a subject of its own ("Doe
said, adding ...") or one that itself reports still goes on up as before.

A cue after a quote may instead open the next one: in 'Doe replies to Lee with, "Why now?" Lee then
writes back, "You look fine."' the words after the first quote end on a comma and the next opening
mark, so "writes back" introduces Lee's words; the first quote, itself opened after a comma, takes
the clause before it (``opens_next``). So does one whose verb reports a clause of its own after it:
in 'Lund emailed her, telling her, "You are the best." She replied that it was an "honor."' the
words after the first quote are hers about something else (``reports_own``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .doc_text import block_text
from .quotes_marks import MARK_CHARS
from .quotes_offsets import token_at
from .quotes_verbs import Cue, is_reporting, quoted

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

_BESIDE = ("conj", "advcl")
_OPENS = re.compile(rf"(?: +[a-z]+)? *[,:] *[{MARK_CHARS}]?")
# Words opening a clause of time or contrast: it tells what else happened, not what was said.
_MARKS = frozenset("when before after while until whereas although though".split())


def beside(clause: Token, ids: set[int]) -> bool:
    """Whether ``clause``, the step below a reporting verb on the walk up from a quote (whose token
    ids are ``ids``), is a clause joined beside that verb with a subject of its own."""
    if clause.i in ids or clause.dep_ not in _BESIDE or clause.tag_ not in ("VBD", "VBZ", "VBP"):
        return False
    if is_reporting(clause) or not any(c.lower_ in _MARKS for c in clause.children if c.i < clause.i):
        return False  # (a speech verb of its own: the side-clause rule in ``quotes_cues`` decides)
    # (a name or a noun; a pronoun is most often the reporter again: "Doe resigned after she found
    # the 'evidence'")
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("PROPN", "NOUN") and c.i not in ids and not quoted(c)
        for c in clause.children
    )


def opens_next(sdoc: Doc, cue: Cue, hi: int) -> bool:
    """Whether the reporting verb of ``cue`` (found after a quote) ends its clause on a comma or a
    colon right before the next quote in the block, which starts after ``hi``."""
    verb = token_at(sdoc, cue.pos)
    if verb is None:
        return False
    # (a particle may follow the verb: "writes back,", "went on:")
    return _OPENS.fullmatch(block_text(sdoc)[verb.idx + len(verb.text) : hi]) is not None


def reports_own(sdoc: Doc, cue: Cue) -> bool:
    """Whether the reporting verb of ``cue`` (found after a quote) takes a "that" clause after it:
    what it reports is that clause, not the quote before."""
    verb = token_at(sdoc, cue.pos)
    return verb is not None and any(
        c.dep_ == "ccomp"
        and c.i > verb.i
        and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        for c in verb.children
    )

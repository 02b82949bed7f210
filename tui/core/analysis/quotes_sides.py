"""Clauses beside a reporting verb, not reported by it.

"The name was announced on the radio long before officials started to call it a 'workplace'
shooting": the walk up from the quoted words reaches "announced" through "started", a clause of time
or contrast joined to it (``conj``, ``advcl`` opening on "before", "when", "while", ...) with a
finite verb and a name or noun of its own for subject. The reporting verb tells of something else; the
words belong to that clause's subject, so the walk stops there and the clause's subject is left to
the weaker cues (``quotes_cues.governing_subject``). A clause without a subject of its own ("Doe
said, adding ...") or one that itself reports still goes on up as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .quotes_verbs import is_reporting, quoted

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

_BESIDE = ("conj", "advcl")
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

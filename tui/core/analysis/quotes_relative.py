"""A speaker the parser lost to the relative clause describing them.

"A council aide who spoke privately to explain the budget said '...'": the small parser sometimes
ends the relative clause early and makes a word inside it ("the budget") the subject of "said", or
leaves "said" with no subject at all. The one speaking is the noun the "who" clause hangs on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .quotes_offsets import token_at
from .quotes_verbs import Cue

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

# A clause break, an aside or a quote between the "who" and the verb: the clause was read right.
_STOPS = frozenset(',:;"“”')


def relative_host(sdoc: Doc, cue: Cue) -> Cue:
    """``cue`` with its subject replaced by the noun a "who" clause before the verb hangs on, when
    the parser gave the verb no subject or a thing from inside that clause."""
    subj = cue.subject
    if subj is not None and (subj.pos_ != "NOUN" or subj.ent_type_):
        return cue  # (a name or a pronoun: the parser's subject stands)
    verb = token_at(sdoc, cue.pos)
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return cue
    if subj is not None and (subj.head.i != verb.i or subj.i > verb.i):
        return cue  # ("..., the lawsuit says": a subject after its verb is no misreading)
    for t in reversed(sdoc[verb.sent.start : verb.i]):
        if t.text in _STOPS:
            return cue
        if t.lower_ != "who" or t.dep_ not in ("nsubj", "nsubjpass") or t.head.dep_ != "relcl":
            continue
        host = t.head.head
        if host.i < t.i and host.pos_ in ("NOUN", "PROPN") and (subj is None or t.i < subj.i):
            return Cue(cue.text, cue.pos, host, cue.weak, cue.further)
        return cue
    return cue


def describes_quote(cue: Cue, start: int, end: int) -> bool:
    """Whether ``cue`` is the verb of a relative clause on the quoted words themselves (block
    offsets ``start``/``end``): 'she proposed a "chief trade prosecutor" who reports to the
    president' tells what the quoted thing does, not who said it."""
    subj = cue.subject
    if subj is None or subj.lower_ not in ("who", "that", "which") or subj.head.dep_ != "relcl":
        return False
    host = subj.head.head
    return start <= host.idx < end and cue.pos >= end

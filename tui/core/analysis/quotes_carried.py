"""A phrase quoted inside a sentence that only goes on with the reported speech just before it.

"Ames said the levy had failed twice. This time, voters were told it would be 'the last ask.'": the
second sentence has no reporting verb, no name and nobody it could be about; the quoted words carry on
what the sentence before reported of Ames. A quote opening its sentence already continues the sentence
before it (``quotes._previous_subject``); one inside a sentence did not, and stayed unattributed.

The evidence is weak, so both sentences must be plain: the one before reports speech through its main
verb ("X said ...", "X has argued that ...", "..., she said.") with a person or a body as subject, and
the quote's own sentence names nobody outside its marks, so no one else could have said the words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .quotes_offsets import token_from
from .quotes_verbs import is_reporting, quoted, subject_of
from .quotes_weak import SPEAKING_NOUNS, WEAK_LABELS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

    from .quotes_people import People

# Words that point at someone in the quote's sentence: another speaker may be meant.
_SOMEONE = frozenset("he she they i we you him her them his their who one".split())
# Nouns for people who might have said the words themselves ("critics called it '...'").
_PEOPLE = SPEAKING_NOUNS | frozenset("critic opponent people everyone someone many other".split())


def carried_speaker(sdoc: Doc, off: int, start: int, end: int, people: People) -> str | None:
    """Who reported the sentence before the one the quote at ``start:end`` (block offsets) sits in,
    when the quote's sentence names nobody else; None otherwise."""
    first = token_from(sdoc, start)
    if first is None or first.idx >= end:
        return None
    sent = first.sent
    opening = all(t.is_punct for t in sent if t.idx < start)  # (a quote opening its sentence: not this)
    if sent.start == 0 or opening or not _nobody(sent, start, end):
        return None
    prev = sdoc[sent.start - 1].sent
    if not prev.text.rstrip("\"”’' ").endswith("."):
        return None
    subj = _reporter(prev)
    if subj is None or quoted(subj) or people.in_quote(off + subj.idx):
        return None
    found = people.speaker(off, subj)
    if found.name is None or found.label not in WEAK_LABELS:
        return None
    return found.shown


def _reporter(sent: Span) -> Token | None:
    """The subject of the verb reporting speech in ``sent``: its main verb, or a closing "she said"."""
    root = sent.root
    verbs = [root] + [c for c in root.children if c.dep_ in ("parataxis", "ccomp") and c.i > root.i]
    verb = next((v for v in verbs if is_reporting(v, strict=True) and not quoted(v)), None)
    return subject_of(verb) if verb is not None else None


def _nobody(sent: Span, start: int, end: int) -> bool:
    """Whether ``sent`` names or points at no one and reports nothing outside the quote."""
    for t in sent:
        if start <= t.idx < end or quoted(t):
            continue
        if t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "NORP") or t.lower_ in _SOMEONE:
            return False
        if t.pos_ in ("NOUN", "PRON") and t.lemma_.lower() in _PEOPLE:
            return False
        if is_reporting(t):
            return False
    return True

"""A speech verb the parser left without a subject, and the clause above it that has one.

"She has touted X and promised '...'" hung "promised" under "touted" as a clause of its own; "he made a
point of saying '...'" and "he was back to boasting about '...'" put the verb under a noun or a
preposition. ``subject_of`` borrows a subject only along the relations a verb shares its subject by;
here the one speaking is still the subject of the nearest clause above the verb. That is weaker
evidence, so the cue it makes is weak: it names a speaker only when the subject is a person or a body.
A passive verb with no agent ("the plan, described as '...'", "when 'boots' are ruled out") says
nothing of who spoke, and borrows nobody.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .quotes_offsets import token_at
from .quotes_verbs import Cue, is_reporting, quoted

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

# How many heads up from the verb to look for a clause with a subject.
_REACH = 6
_NOT_SOMEONE = frozenset("what which that who whoever whatever it there".split())
# Verbs of speaking that report no clause: "since Doe spoke only in bromides", "as Doe talked".
_SPEAKING = frozenset("speak talk testify".split())


def subject_above(sdoc: Doc, cue: Cue) -> Cue | None:
    """A weak cue naming the subject of the nearest clause above ``cue``'s verb, or None."""
    verb = token_at(sdoc, cue.pos)
    if verb is None or not verb.tag_.startswith("VB") or _passive(verb):
        return None
    h = verb
    for _ in range(_REACH):
        if h.head.i == h.i or h.dep_ in ("relcl", "parataxis"):
            return None  # (a clause set beside the sentence or describing a noun: no subject to share)
        h = h.head
        if h.pos_ not in ("VERB", "AUX"):
            continue
        subj = next((c for c in h.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None:
            continue
        if quoted(subj) or subj.lower_ in _NOT_SOMEONE:
            return None
        return Cue(cue.text, cue.pos, subj, weak=True)
    return None


def _passive(verb: Token) -> bool:
    return verb.tag_ == "VBN" and (
        verb.dep_ in ("acl", "amod") or any(c.dep_ == "auxpass" for c in verb.children)
    )


def speaking_subjects(sent: Span) -> list[Token]:
    """The names speaking in sentence ``sent``, outside quotes: the subjects of its reporting verbs
    and verbs of speaking ("What it means is left open, since Doe spoke only in bromides": Doe, though
    the sentence is about something else)."""
    out = []
    for t in sent:
        if t.pos_ != "VERB" or quoted(t):
            continue
        if is_reporting(t, strict=True) or t.lemma_.lower() in _SPEAKING:
            subj = next((c for c in t.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"), None)
            if subj is not None and not quoted(subj):
                out.append(subj)
    return out

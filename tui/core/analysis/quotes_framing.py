"""Whose words a quoted phrase inside a reported clause are: the one who reports the clause.

"Doe's view was that, as voters learn more, they will 'come home'" and "she told her husband that it
would be 'ugly'": the quote sits in a clause that someone's view, claim or telling holds, so it is
theirs, not the subject of the clause itself ("they", "it"), which the text only talks about. The
owner of such a noun may be a possessive pronoun ("His view was that ..."), resolved like "he".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .quotes_referents import PERSON_NOUNS
from .quotes_verbs import SPEECH_NOUNS, is_reporting, quoted

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

# Nouns for what someone holds or puts forward, whose clause ("that ...") is that person's: the
# words of speech, and the stands taken in them.
FRAMING_NOUNS = SPEECH_NOUNS | frozenset(
    "assumption belief view position argument theory thinking explanation excuse defense reasoning "
    "point case premise hope fear prediction conclusion".split()
)
# Verbs of thinking or venting whose clause is the subject's mind (the verbs of saying are
# ``is_reporting``'s), and of finding: "two analysts found that the army is '...'" is the analysts'
# finding, not the army's words.
_THINKING = frozenset("think believe hope fear worry feel expect vent suspect find".split())
# Possessive pronouns and the subject pronoun each stands for.
POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "their": "they", "its": "it"}


def owner(noun: Token) -> Token | None:
    """Who owns a framing noun: "Doe" in "Doe's claim", "his" in "his assumption"."""
    return next((c for c in noun.children if c.dep_ == "poss"), None)


def framer(near: Token) -> Token | None:
    """The one whose words hold the clause of ``near``, the subject nearest above a quoted phrase:
    the subject of a verb of saying or thinking that takes the clause ("she told him that it would
    be '...'"), a framing noun owned by someone ("Doe's claim is that they '...'"), or the one a
    description opens as being someone's view ("To Doe, Roe is the '...' man")."""
    view = _viewer(near)
    if view is not None:
        return view
    for clause in near.ancestors:
        if clause.dep_ != "ccomp":
            continue
        verb = clause.head
        subj = _subject(verb)
        if subj is None or subj.i > near.i or quoted(subj):
            # (a holder comes before the clause it holds, outside the quotation: a misparse may
            # hang the sentence on a verb inside it, "Doe said: ''You can argue that ...''")
            continue
        owned = subj.pos_ == "NOUN" and any(c.dep_ == "poss" for c in subj.children)
        if owned and subj.lemma_.lower() in FRAMING_NOUNS:
            return subj
        if is_reporting(verb) or verb.lemma_.lower() in _THINKING:
            return subj
    return None


def _viewer(subj: Token) -> Token | None:
    """Whose view a description is when the sentence opens on "To ..." or "For ...": "To Doe, Roe
    is the '...' man", "For his critics, the senator remains a '...'" (what they call him)."""
    verb = subj.head
    if subj.dep_ != "nsubj" or not any(c.dep_ in ("attr", "acomp") for c in verb.children):
        return None
    for c in verb.children:
        if c.i >= subj.i:
            break
        opens = c.i == verb.sent.start or c.i == verb.sent.start + 1 and verb.doc[c.i - 1].dep_ == "cc"
        if c.dep_ == "prep" and c.lower_ in ("to", "for") and opens:
            who = next((g for g in c.children if g.dep_ == "pobj"), None)
            if who is not None and (who.pos_ in ("PROPN", "PRON") or who.lemma_.lower() in PERSON_NOUNS):
                return who
    return None


def _subject(verb: Token) -> Token | None:
    """The subject of ``verb``, or of an aside before it that the parser gave it to ("His claim,
    stated on TV, was that ..." with "claim" the subject of "stated")."""
    own = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if own is not None:
        return own
    if verb.dep_ == "acl" and verb.tag_ in ("VBD", "VBN") and verb.i and verb.doc[verb.i - 1].text == ",":
        return verb.head  # "Two analysts, Doe and Lee, found that ..." read as a participle on "analysts"
    for c in verb.children:
        if c.i < verb.i and c.dep_ == "advcl" and c.tag_ == "VBN":
            return next((g for g in c.children if g.dep_ == "nsubj" and g.i < c.i), None)
    return None

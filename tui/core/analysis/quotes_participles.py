"""The subject a speech participle shares ("..., calling X 'a liar'", "..., stating that ..."), when
the parser hung the participle on the wrong thing.

Two misreadings give the participle a subject that cannot speak:
- "at one point calling the mayor a 'liar'": the participle hangs on "point", the object of a phrase
  of time, and reads it as the one calling; the speaker is the subject of the clause the phrase
  belongs to;
- "a memo was released as the polls closed stating ...", "he sent an email as the meeting began
  vowing ...": the participle hangs on the verb of a clause of time or reason ("as", "after", "when")
  and borrows its subject; it belongs to the main clause, whose subject speaks.

And one gives it a thing for subject when a clause with someone in it ends right before its comma:
"the first clash came during the rally, when farm workers interrupted the mayor, shouting '...'" is
the workers shouting, not the clash. The participle goes with that nearer clause, whose subject is a
name or someone who can speak, when the subject it borrowed is a common noun for no one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .quotes_offsets import token_at
from .quotes_verbs import SUBJECT_DEPS, Cue, quoted
from .quotes_weak import SPEAKING_NOUNS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

# Nouns of a moment: "at one point", "at the time", "at that moment".
_MOMENTS = frozenset("point time moment stage juncture instance".split())
# Words opening a clause of time or reason.
_MARKS = frozenset("as after when while before since because once until".split())


def participle_host(sdoc: Doc, cue: Cue) -> Cue:
    """``cue`` with the subject of the clause its participle belongs to, when the parser gave it the
    object of a phrase of time or the subject of a clause of time or reason."""
    verb = token_at(sdoc, cue.pos)
    subj = cue.subject
    if verb is None or subj is None or verb.tag_ != "VBG":
        return cue
    host: Token | None = None
    if verb.dep_ == "acl" and subj.i == verb.head.i and _moment(subj):
        host = subj.head.head  # "[battled] at one point calling": the verb the phrase hangs on
    elif verb.dep_ == "advcl" and subj.head.i == verb.head.i and _subordinate(verb.head):
        host = verb.head.head
    elif verb.dep_ == "xcomp" and subj.head.i == verb.head.i and _subordinate(verb.head) and _thing(subj):
        host = (
            verb.head.head
        )  # ("as the meeting began vowing": no meeting vows; "the crowd began chanting" does)
    elif verb.dep_ == "advcl" and subj.head.i == verb.head.i and _thing(subj):
        nearer = _clause_before(verb)
        if nearer is not None:
            return Cue(cue.text, cue.pos, nearer, cue.weak, cue.further)
    elif quoted(subj) and subj.i < verb.i:
        host = _clause_before_title(subj, verb)
    if host is None or host.pos_ not in ("VERB", "AUX"):
        return cue
    found = next((c for c in host.children if c.dep_ in SUBJECT_DEPS and not quoted(c)), None)
    return Cue(cue.text, cue.pos, found, cue.weak, cue.further) if found is not None else cue


def _clause_before_title(title: Token, verb: Token) -> Token | None:
    """The verb of the clause a quoted title ends, when the parser made the title the subject of
    the participle after it ('Doe attacked the bill on "Morning Report," calling it "a sham"')."""
    if any(not t.is_punct for t in verb.doc[title.i + 1 : verb.i]):
        return None
    first = title.left_edge.i
    if first < 1 or verb.doc[first].text[:1] not in '"“':
        return None
    h = verb.doc[first - 1]
    for _ in range(12):
        if h.pos_ in ("VERB", "AUX") and any(c.dep_ in SUBJECT_DEPS and c.i < h.i for c in h.children):
            return h
        if h.head.i == h.i:
            return None
        h = h.head
    return None


def _thing(noun: Token) -> bool:
    """A common noun for no one who speaks ("the incident", "the vote"), not a name or a body."""
    return noun.pos_ == "NOUN" and not noun.ent_type_ and noun.lemma_.lower() not in SPEAKING_NOUNS


def _clause_before(verb: Token) -> Token | None:
    """The subject, a name or someone who speaks, of a finite clause ending right before the comma
    that opens participle ``verb`` (not the clause the participle hangs on)."""
    if verb.i < 2 or verb.doc[verb.i - 1].text != ",":
        return None
    h = verb.doc[verb.i - 2]
    for _ in range(8):
        if h.i == verb.head.i or h.head.i == h.i:
            return None
        if h.tag_ in ("VBD", "VBZ", "VBP") and h.dep_ in ("relcl", "advcl", "conj"):
            break
        h = h.head
    else:
        return None
    subj = next((c for c in h.children if c.dep_ == "nsubj" and not quoted(c)), None)
    if subj is None or h.right_edge.i != verb.i - 2:
        return None
    agent = subj.pos_ == "PROPN" or subj.ent_type_ in ("PERSON", "ORG", "NORP")
    return subj if agent or subj.pos_ == "NOUN" and subj.lemma_.lower() in SPEAKING_NOUNS else None


def _moment(noun: Token) -> bool:
    return noun.lemma_.lower() in _MOMENTS and noun.dep_ == "pobj" and noun.head.lower_ in ("at", "on", "in")


def _subordinate(verb: Token) -> bool:
    """A clause of time or reason under another verb ("as the polls closed")."""
    return (
        verb.dep_ == "advcl"
        and verb.head.i != verb.i
        and any(c.dep_ == "mark" and c.lower_ in _MARKS for c in verb.children)
    )


def named_doer(verb: Token) -> Token | None:
    """The name a past-tense speech verb was hung on as a participle or a relative clause: in "Jane
    Doe, the former mayor, tweeted in response: '...'" or "Jane Doe, the party's leader, on Tuesday
    called the plan '...'" the small parser reads the verb as describing Doe, who is the one speaking.

    Only after an apposition set off by commas, for a verb with no auxiliary, agent or subject of its
    own and no "as" ("Doe, a lawyer, described as '...'" is a real participle), and only when the
    name has no verb of its own before the quote (it is the root, or hangs on a verb after this one).
    """
    name = verb.head
    if verb.tag_ not in ("VBN", "VBD") or verb.dep_ not in ("acl", "relcl") or name.pos_ != "PROPN":
        return None
    if name.i > verb.i or quoted(name) or not (name.dep_ == "ROOT" or name.head.i > verb.i):
        return None
    if any(c.dep_ in ("aux", "auxpass", "agent", *SUBJECT_DEPS) or c.lower_ == "as" for c in verb.children):
        return None
    appos = [c for c in name.children if c.dep_ == "appos" and c.i < verb.i]
    if not appos or verb.doc[appos[-1].right_edge.i + 1].text != ",":
        return None
    return name

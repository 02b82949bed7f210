"""Quotes an aside attributes: ``As Smith has pointed out, that is the "textbook definition" of the
problem``, ``As the spokesman explained, the taxes were delayed, "which sounds like a lot"`` (the aside
hangs on a clause above the quoted words, so the walk up from the quote, ``quotes_cues._tree``, never
meets it), "according to X" anywhere in the quote's sentence, and a quote set off by dashes after a
clause, which is that clause's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .doc_text import block_text
from .quotes_after import QUOTE_CHARS, according, make_cue
from .quotes_offsets import token_at, token_before
from .quotes_verbs import Cue, is_reporting, quoted, subject_of

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

_DASHES = "—–-"


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


def aside_then_subject(verb: Token, between: list[Token]) -> Token | None:
    """The subject of the clause that follows an "as X has said" aside, reporting verb ``verb``,
    before the quoted words ("his hands are not small - as Doe has said - and he can 'guarantee'
    ..." is "he"): the aside vouches for what came before it, and the quoted words are that
    clause's, not the aside's. None when ``verb`` is no such aside or no subject follows it."""
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return None
    # (only past a conjunction that opens the next clause: "As Doe noted, the plan is 'a mess'" is
    # Doe's account of the plan, the aside the quote's own)
    cc = next((b.i for b in between if b.dep_ == "cc" and b.head.i != verb.i), None)
    if cc is None:
        return None
    return next((b for b in between if b.dep_ in ("nsubj", "nsubjpass") and b.i > cc), None)


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


def dashed_aside(sdoc: Doc, start: int, end: int, lo: int, hi: int) -> Cue | None:
    """A quote set off by dashes right after a clause is that clause's: "When Doe finally wrapped up
    — 'I will fight for you!' — the balloons fell", "Doe lamented her gaffes - 'why?' - but others
    said ..." are Doe's words, not the next clause's (block offsets; ``lo``/``hi`` bound the look)."""
    text = block_text(sdoc)
    i = start - 1
    while i >= lo and (text[i].isspace() or text[i] in QUOTE_CHARS):
        i -= 1
    j = end
    while j < hi and (text[j].isspace() or text[j] in QUOTE_CHARS):
        j += 1
    if i < lo or j >= hi or text[i] not in _DASHES or text[j] not in _DASHES or not text[i - 1 : i].isspace():
        return None
    h = token_before(sdoc, i)
    for _ in range(8):
        if h is None or h.idx >= start:
            return None
        subj = next((c for c in h.children if c.dep_ == "nsubj" and c.idx < h.idx), None)
        if h.pos_ in ("VERB", "AUX") and subj is not None:
            # (the clause the dash ends, up through what it says: "lamented her tendency to commit gaffes")
            if subj.pos_ != "PROPN" or quoted(subj):
                return None
            return Cue(h.text, h.idx, subj, weak=not is_reporting(h))
        h = h.head if h.head.i != h.i else None
    return None


def speaker_in_apposition(subj: Token, verb: Token) -> Token | None:
    """The speaker the parser hung on the subject as an apposition running straight into the
    reporting verb, with no comma after it, when it names a second person: "Or maybe Ortiz, pollster
    Dan Reyes says". Not "Doe, a lawyer said ..." with the comma forgotten: Doe speaks there."""
    if subj.dep_ != "nsubj" or subj.head.i != verb.i or subj.pos_ != "PROPN":
        return None
    if not subj.ent_type_:
        return _name_after_title(subj)
    appos = next((c for c in subj.children if c.dep_ == "appos" and c.right_edge.i == verb.i - 1), None)
    if appos is None or verb.doc[appos.left_edge.i - 1].text != ",":
        return None
    words = verb.doc[appos.left_edge.i : appos.i + 1]
    own = {t.lower_ for t in subj.subtree if t.ent_type_ == "PERSON" and t not in words}
    return appos if appos.ent_type_ == "PERSON" and appos.lower_ not in own else None


def _name_after_title(title: Token) -> Token | None:
    """The name a title runs into, misread as a second subject: in "Vice President for news and
    talk Dana Kerr called ..." the parser joins "talk Dana Kerr" to "President" with "and"."""
    prep = next((c for c in title.children if c.dep_ == "prep" and c.lower_ in ("for", "of")), None)
    conj = next((c for c in title.children if c.dep_ == "conj" and c.ent_type_ == "PERSON"), None)
    if prep is None or conj is None or prep.i > conj.i:
        return None
    lead = conj.left_edge
    return conj if lead.is_lower and lead.is_alpha and lead.pos_ not in ("DET", "PRON") else None


def apposed_speaker(sdoc: Doc, cue: Cue) -> Cue:
    """``cue`` with the speaker of :func:`speaker_in_apposition` as its subject, when there is one."""
    verb = token_at(sdoc, cue.pos)
    found = speaker_in_apposition(cue.subject, verb) if verb is not None and cue.subject is not None else None
    return cue if found is None else Cue(cue.text, cue.pos, found, cue.weak, cue.further)

"""Who speaks on weak evidence: the subject of the clause a quoted phrase sits in, when no reporting
verb governs it ("the judge determined that the handling raised a 'reasonable suspicion'").

A clause that someone's claim or view holds, or that someone tells or vents, is theirs
(``quotes_framing``): "she vented that it would be '...'" is hers, never the clause's "it".

A name (a person, or a body acting as one) is taken first, the nearest up the tree. Failing any name, a
noun phrase whose head is a person, a body or a text ("a federal judge", "the team", "the ad") is shown
as written, but only when its verb holds the quote as what it states: inside the clause it takes
("the commission recognized that ... '...'") or as its very object ("the team cited '...'"). A phrase
deeper down ("the network helped legitimize 'death panels'", "officials searched for 'talking
points'") is the writer's wording, and a noun phrase that is no person, body or text ("the plan", "48
percent") names nobody: the quote stays unattributed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .quotes_framing import FRAMING_NOUNS, POSSESSIVE_PRONOUNS, framer, owner
from .quotes_names import BODY_NOUNS
from .quotes_people import Speaker
from .quotes_referents import PERSON_NOUNS
from .quotes_verbs import TEXT_NOUNS, is_reporting

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from .quotes_people import People

# Who may speak on weak evidence by name: a person or a body acting as one. A place or a nationality
# speaks only through a reporting verb ("China said").
WEAK_LABELS = ("PERSON", "ORG")
# Heads of phrases for someone or something that can speak: people, bodies, texts ("the ad attacks a
# '...'") and gatherings; not "the situation is '...'", nor "that record prompted ...".
SPEAKING_NOUNS = (
    PERSON_NOUNS
    | BODY_NOUNS
    | TEXT_NOUNS
    | frozenset("audience crowd public service organization nonprofit non-profit mogul billionaire".split())
)


_NOBODY = Speaker(None, "NP", None)
_THING_PRONOUNS = frozenset("it this that these those".split())


def weak_speaker(
    people: People, off: int, first: Speaker, subjects: tuple[Token, ...], quote: Token | None
) -> Speaker | None:
    """The speaker of a weak cue whose own subject (``subjects[0]``) resolved to ``first``; the rest
    are the subjects of the clauses above, nearest first; ``quote`` is the quoted words' head."""
    frame = framer(subjects[0]) or _owned_statement(subjects[0], quote)
    if frame is not None:
        # The words of whoever holds the clause ("Doe's view was that they will 'come home'",
        # "the judge believed that the firm was 'negligent'"), never of its own subject, whom it
        # talks about: no one, if the holder is no name nor anyone who speaks.
        return _holder(people, off, frame)
    if _described(subjects[0], quote):
        first = _NOBODY  # (what the clause says its subject is: a clause above may still hold it)
    if first.name is not None and first.label in WEAK_LABELS:
        return first
    described = first if first.name is not None and _states(first, subjects[0], quote) else None
    for tok in subjects[1:]:
        found = people.speaker(off, tok)
        if found.name is None:
            continue
        if found.label in WEAK_LABELS:
            return found
        if described is None and _states(found, tok, quote):
            described = found
    return described


def _described(subj: Token, quote: Token | None) -> bool:
    """Whether the quoted words are part of what the clause says its subject, a thing, is ("it's the
    device that 'completes the story'", "It was ... some disingenuous 'reaching out'"): the writer's
    words for the subject, which says nothing there."""
    verb = subj.head
    if quote is None or subj.dep_ != "nsubj" or verb.lemma_ != "be" or quote.i < verb.i:
        return False
    if subj.lower_ not in _THING_PRONOUNS and (subj.pos_ != "NOUN" or subj.lemma_.lower() in SPEAKING_NOUNS):
        return False  # (a person described may be the one quoted: "he is in fact 'natural born'")
    # (in what it is, or in a clause the parser hung on the verb beside it: "the device that '...'")
    return any(c.dep_ in ("attr", "acomp") for c in verb.children)


def _owned_statement(noun: Token, quote: Token | None) -> Token | None:
    """Someone's answer or argument that the quote is the clause of: "the senator's answer was that
    '...'" is the senator's (not "Doe's argument was 'flawed'", said of it)."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in FRAMING_NOUNS or owner(noun) is None:
        return None
    verb = noun.head
    if quote is None or noun.dep_ != "nsubj" or verb.lemma_ != "be" or quote.i < verb.i:
        return None
    held = any(c.dep_ == "ccomp" and c.left_edge.i <= quote.i <= c.right_edge.i for c in verb.children)
    return noun if held else None


def _holder(people: People, off: int, frame: Token) -> Speaker | None:
    """The speaker a clause's holder (``framer``) names: the owner of a framing noun, whom the text
    names outright ("Doe's claim") or by a possessive pronoun ("his assumption"); or a name, or a
    phrase for someone who speaks that reports the clause ("the judge noted that ...")."""
    tok = owner(frame) if frame.pos_ == "NOUN" and frame.lemma_.lower() in FRAMING_NOUNS else None
    if tok is not None:
        word = POSSESSIVE_PRONOUNS.get(tok.lower_)
        if word is None:
            found = people.speaker(off, tok)
            return found if found.name is not None else None
        hit = people.resolve_pronoun(word, off + tok.idx)
        return Speaker(hit[0], hit[1], hit[0]) if hit is not None else None
    found = people.speaker(off, frame)
    if found.name is None:
        return None
    reports = frame.pos_ == "NOUN" and frame.lemma_.lower() in SPEAKING_NOUNS and is_reporting(frame.head)
    return found if found.label in WEAK_LABELS or reports else None


def _states(found: Speaker, subj: Token, quote: Token | None) -> bool:
    """Whether a plain noun phrase headed by a person or a body ("the commission", "one lawmaker")
    is the subject of a verb before the quote holding it in the clause it takes or as its object."""
    if found.label != "NP" or subj.pos_ != "NOUN" or subj.lemma_.lower() not in SPEAKING_NOUNS:
        return False
    verb = subj.head
    if quote is None or subj.dep_ != "nsubj" or verb.pos_ not in ("VERB", "AUX") or verb.i > quote.i:
        return False  # (a clause after the quote is about the quote, not its source)
    if quote.head.i == verb.i:
        # (its object, or the clause its colon opens: "A footnote in the audit makes that clear: '...'")
        return quote.dep_ == "dobj" or quote.dep_ == "ccomp" and _after_colon(quote)
    return any(c.dep_ == "ccomp" and c.left_edge.i <= quote.i <= c.right_edge.i for c in verb.children)


def _after_colon(quote: Token) -> bool:
    """Whether the quoted words whose head is ``quote`` open right after a colon (which the parser
    may have hung on them)."""
    marks = ('"', "“", "”", "'", "‘")
    i = quote.left_edge.i
    if quote.doc[i].text != ":":
        i -= 1
        while i >= 0 and quote.doc[i].text in marks:
            i -= 1
    return i >= 0 and quote.doc[i].text == ":"

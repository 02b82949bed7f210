"""Quoted words that are mentioned, not said: names, terms and examples in marks.

"The basic plan is called 'Essentials'", "a show known as 'Brokers'", "the phrase 'tax reform' means",
"features like 'conversation view'", "as in 'Command-S saves the file'": the marks set off a name, a
term or the writer's example, which nobody in the sentence said, so the clause around it names no
speaker. Not a name someone gives ("what Doe called 'a disgrace'", "was dubbed 'the fixer' by Roe"),
nor a term someone uses ("Doe refused to say the words '...'"), nor an example of what someone said
("pep talks like '...'", "headlines such as '...'"): those are the words of whoever used them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .quotes_offsets import token_before, token_from
from .quotes_verbs import TEXT_NOUNS, is_reporting

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

    from .quotes_verbs import Cue

_MARKS = frozenset("\"“”‘’'`«»„")
_EXAMPLE = frozenset("so-called e.g. eg".split())
# Verbs that give a name: with no one giving it ("a show called '...'", "it is known as '...'").
_NAMING = frozenset("call dub nickname name title entitle label brand term bill know refer".split())
# Nouns for a word or a name as such: "the term '...'", "words like '...'".
_WORD_NOUNS = frozenset(
    "word words term terms phrase phrases expression expressions name names label labels hashtag "
    "hashtags acronym nickname moniker title titles".split()
)
# What someone does with a term, which makes the term theirs ("refused to say the words '...'").
_USING = frozenset(
    "say use utter prefer coin adopt invoke repeat employ embrace avoid drop shout chant tweet write "
    "mention type search google".split()
)
# Examples of speech or writing stay the words of whoever spoke or wrote them ("pep talks like '...'").
_UTTERANCES = (TEXT_NOUNS - _WORD_NOUNS) | frozenset(
    "talk talks line lines headline headlines chant chants joke jokes question questions insult "
    "insults attack attacks story stories post posts".split()
)


def mentioned(sdoc: Doc, start: int, end: int, cue: Cue | None) -> bool:
    """Whether the quote at ``start:end`` (block offsets) is a name, a term or an example in
    marks, not words that the cue's subject or the clause around it said. ``cue`` is the quote's
    cue as found: a reporting verb governing the quote keeps it, unless that verb is what names it."""
    before = _word_before(sdoc, start)
    if before is None:
        return False
    namer = _namer(before)
    if namer is not None:
        return (cue is None or cue.weak or cue.pos == namer.idx) and not _by_after(sdoc, end)
    low = before.lower_
    if low == "in" and before.i > 0 and before.doc[before.i - 1].lower_ == "as" or low in _EXAMPLE:
        return True  # "as in '...'", "e.g. '...'", "the so-called '...'": the writer's, whoever speaks
    if cue is not None and not cue.weak or _reported(before):
        return False  # (a term inside someone's reported words is theirs: "... words like 'maybe', he said")
    if low == "like" and before.dep_ in ("prep", "mark") or low == "as" and _such_as(before):
        # (the parser hangs "like" on a quote that opens with a verb: the noun is the word before)
        noun = before.head if before.dep_ == "prep" else before.doc[before.i - 1]
        return noun.pos_ in ("NOUN", "PROPN") and noun.lemma_.lower() not in _UTTERANCES
    if low in _WORD_NOUNS and before.pos_ == "NOUN":
        # (not "in her words", "in Doe's words": whose they are)
        owned = any(c.dep_ == "poss" for c in before.children) or _owner_mark(before.doc[before.i - 1])
        return not _used(before) and not owned
    return False


def _word_before(sdoc: Doc, start: int) -> Token | None:
    """The last word before the opening mark, past the marks and a comma or colon."""
    tok = token_before(sdoc, start)
    while tok is not None and (tok.text in _MARKS or tok.text in (",", ":")):
        tok = tok.doc[tok.i - 1] if tok.i > 0 else None
    return tok


def _namer(verb: Token) -> Token | None:
    """The naming verb (or the verb of "known as") that ``verb`` is, when nobody names: passive, or a
    participle that describes a noun ("a show called"), without an agent ("by Doe")."""
    if verb.lower_ == "as" and verb.i > 0:
        verb = verb.doc[verb.i - 1]  # "known as", "billed as", "referred to as"
        if verb.lower_ == "to" and verb.i > 0:
            verb = verb.doc[verb.i - 1]
    if verb.tag_ != "VBN" or verb.lemma_.lower() not in _NAMING:
        return None
    if any(c.dep_ in ("nsubj", "agent") for c in verb.children):
        return None  # "what Doe called '...'", "was called '...' by Doe"
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    return verb if passive or verb.dep_ in ("acl", "amod") else None


def _by_after(sdoc: Doc, end: int) -> bool:
    """Whether "by" follows the closing mark: who gave the name ("was called '...' by Doe")."""
    tok = token_from(sdoc, end)
    while tok is not None and (tok.text in _MARKS or tok.text == ","):
        tok = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return tok is not None and tok.lower_ == "by"


def _reported(tok: Token) -> bool:
    """Whether the sentence of ``tok`` reports speech: a reporting verb outside the marks."""
    quoted = False
    for t in tok.sent:
        if t.text in _MARKS:
            quoted = not quoted
        elif not quoted and is_reporting(t, strict=True):
            return True
    return False


def _owner_mark(tok: Token) -> bool:
    """A possessive before a word noun: "her words", "Doe's words", "Forbes' words"."""
    return tok.tag_ in ("POS", "PRP$") or tok.text in ("'", "’", "'s", "’s")


def _such_as(tok: Token) -> bool:
    return tok.i > 0 and tok.doc[tok.i - 1].lower_ == "such"


def _used(noun: Token) -> bool:
    """Whether a word noun ("the term") is what its clause's subject says or uses."""
    head = noun.head
    return noun.dep_ in ("dobj", "pobj") and head.lemma_.lower() in _USING

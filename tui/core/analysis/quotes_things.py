"""Things and groups named by a common noun that speak through the clause a quote sits in.

"The audience followed him by echoing 'too many'", "the statement talked about giving voters '...'":
a quote inside a clause with no reporting verb takes the clause's subject when that is a name, or a
person, body or text whose verb holds the quote (``quotes_weak``). Failing both, a
definite common noun for someone or something that can speak (a person, a body, a text, a crowd)
that is the only subject above the quote is what the sentence says spoke, too: "the team", "the ad".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .doc_text import block_text
from .quotes_offsets import tokens_within
from .quotes_verbs import SPEECH_NOUNS
from .quotes_weak import SPEAKING_NOUNS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from .quotes_people import Speaker
    from .quotes_verbs import Cue

# Shorter quotes are scare quotes unless a cue or a neighbour names who used them (as in ``quotes``).
_MIN_WORDS = 2


def thing_speaks(first: Speaker, cue: Cue, start: int, end: int) -> bool:
    """Whether a weak cue's only subject (``first``, as resolved), a definite thing or body that can
    speak, takes the quote at ``start:end`` in the cue's block when ``quotes_weak`` found nobody."""
    subj = cue.subject
    return (
        first.name is not None
        and first.label == "NP"
        # (a single quoted word with no speaker but a phrase is a scare quote, dropped: one a
        # neighbouring quote's speaker would otherwise take is kept)
        and subj is not None
        and len(block_text(subj.doc)[start:end].split()) >= _MIN_WORDS
        and not cue.further
        and subj.pos_ == "NOUN"
        and subj.dep_ == "nsubj"
        and subj.lemma_.lower() in SPEAKING_NOUNS
        and any(c.dep_ == "det" and c.lower_ == "the" for c in subj.children)
        and not _said_by_another(subj, start, end)
    )


def _said_by_another(subj: Token, start: int, end: int) -> bool:
    """Whether the quote hangs on words someone else said, below the subject's verb: "The email
    contradicts comments from Doe that '...'", "the answer to her claim that she '...'"."""
    inside = tokens_within(subj.doc, start, end)
    ids = {t.i for t in inside}
    tok = next((t for t in inside if t.head.i not in ids), None)
    for _ in range(12):
        if tok is None or tok.i == subj.head.i or tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.lemma_.lower() in SPEECH_NOUNS:
            return True
    return False

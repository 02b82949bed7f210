"""A question or exclamation followed by a new sentence whose reporting verb has words of its own.

'Clinton wrote to Mills, "Why now?" Mills then writes back, "You look cute."' and '..., telling her,
"you are a star!" She replied to him that it was an honor': a closing "?" or "!" may end the
sentence as well as the quotation, and the clause after it is then no attribution but a new
sentence. Its verb reports its own words, a quotation after it or a clause it takes ("replied that
..."), so it cannot also be the cue of the quote before ('"Why?" Doe asked.' still is).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .quotes_offsets import tokens_starting
from .quotes_verbs import is_reporting

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

_MARKS = frozenset("\"“”‘’'„«»")
_ENDS = frozenset(".?!;")


def reports_own_words(sdoc: Doc, end: int, hi: int, unpunctuated: bool = False) -> bool:
    """Whether the sentence after a quote ending at ``end`` (block offset) on "?" or "!" opens on a
    capital and its first reporting verb takes a clause or a quotation of its own (before ``hi``).
    ``unpunctuated``: a quote closed on no punctuation inside its sentence, whose next reporting verb
    takes a clause of its own ('praising "..." as he promised to defend the schools')."""
    after = [t for t in tokens_starting(sdoc, end, hi) if t.idx >= end and not t.is_space]
    words = [t for t in after if t.text not in _MARKS]
    if not words or not unpunctuated and (not words[0].text[:1].isupper() or words[0].text == "I"):
        return False
    for k, t in enumerate(after):
        if t.text in _ENDS:
            return False
        if t.pos_ in ("VERB", "AUX") and is_reporting(t):
            if unpunctuated:
                return any(c.dep_ == "xcomp" and c.i > t.i for c in t.children)
            if any(c.dep_ in ("ccomp", "xcomp") for c in t.children):
                return True
            # (a quotation opening after the verb, before the sentence ends: "writes back, '...'")
            rest = after[k + 1 :]
            stop = next((i for i, r in enumerate(rest) if r.text in _ENDS), len(rest))
            return any(r.text in _MARKS for r in rest[:stop])
    return False

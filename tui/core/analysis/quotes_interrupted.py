"""A speaker cut off from the reporting verb by an aside: "after Jane Doe, asked about the deaths,
had said, '...'".

Inside a clause of time ("after", "when") the small parser often loses the subject across a participle
aside set off by commas and leaves the verb with none. The aside belongs to the one named right before
its first comma, and so does the verb right after its second: that name is the subject.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .quotes_offsets import token_at
from .quotes_verbs import Cue

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

# Words between the aside's closing comma and the verb: auxiliaries and a few adverbs ("had said",
# "later told", "then added").
_BETWEEN = frozenset("had has have was is did would will then later also again quickly simply".split())
_FINITE = frozenset("VBD VBZ VBP VBN".split())
# An aside this long at most ("asked about the deaths of journalists under Mr. Putin").
_MAX_ASIDE = 16


def across_aside(sdoc: Doc, cue: Cue) -> Cue:
    """``cue`` with the subject named before a participle aside, when its verb has none of its own
    (none at all, or one borrowed from the clause above: "It came up when Doe, asked ..., said")."""
    verb = token_at(sdoc, cue.pos)
    if verb is None or verb.tag_ not in _FINITE or any(c.dep_ == "nsubj" for c in verb.children):
        return cue  # (not a participle: "..., calling her a liar, saying '...'" is the main subject's)
    subj = _before_aside(verb)
    if subj is None or cue.subject is not None and cue.subject.i > subj.i:
        return cue
    return Cue(cue.text, cue.pos, subj, cue.weak, cue.further)


def _before_aside(verb: Token) -> Token | None:
    doc = verb.doc
    i = verb.i - 1
    while i > verb.sent.start and doc[i].lower_ in _BETWEEN:
        i -= 1
    if doc[i].text != ",":
        return None
    close = i
    i -= 1
    while i > verb.sent.start and doc[i].text != "," and close - i <= _MAX_ASIDE:
        i -= 1
    opener = doc[i + 1] if i + 1 < close else None
    if doc[i].text != "," or opener is None or opener.tag_ not in ("VBN", "VBG", "VBD"):
        return None  # (an aside that opens on a participle, "asked about ...", which may be tagged a past)
    name = doc[i - 1] if i > verb.sent.start else None
    if name is None or name.pos_ not in ("PROPN", "PRON", "NOUN") or name.lower_ in ("it", "this", "that"):
        return None
    if name.ent_type_ not in ("", "PERSON", "ORG", "NORP"):
        return None  # ("on Monday, calling ...": a date or a place is no one)
    return name

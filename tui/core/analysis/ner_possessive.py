"""A person's name the model swallowed into the name of the body before it, across a possessive.

News writes "the Daily Ledger's Ravi Menon" and "Channel 9's Ana Ruiz" for a writer or host of an
outlet. The small model often tags the whole run as one thing ("The Atlantic's Ravi Menon", an ORG
or even a GPE), so the person never becomes a person: not in the entities pane, not as a speaker.
When the words after the possessive read as a person's name (two or three capitalised words that
end in no word for a kind of body or place) and either start with a census given name or are a
person the document names elsewhere (in full, or by the family name alone), the span is two names:
the body before the possessive, with the model's label, and the person after it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .ner_spans import NAME_LABELS, Mention
from .quotes_names import GIVEN_FEMALE, GIVEN_MALE, is_kind_word, name_word

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from .pipeline import Paragraph

_POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
# What stands before a possessive without being a name of its own ("That's Jane Doe").
_NOT_NAMES = frozenset("that it there here what who he she this".split())


def split_possessive_names(paras: list[Paragraph], mentions: list[Mention]) -> list[Mention]:
    """``mentions`` (of all blocks, in order) with each "Body's Given Family" split in two."""
    # (only names the model tagged on their own: "Trump's Muslim Ban" in a headline, a PERSON,
    # vouches for nothing)
    known = set()
    for m in mentions:
        words = paras[m.block][1][m.ts : m.te]
        if m.label == "PERSON" and m.tokens <= 3 and not any(t.text in _POSSESSIVES for t in words):
            known.add(words.text)
    out: list[Mention] = []
    for m in mentions:
        sdoc = paras[m.block][1]
        cut = _person_after(sdoc, m, known) if m.label in NAME_LABELS and m.tokens >= 3 else None
        if cut is None:
            out.append(m)
            continue
        base = paras[m.block][0].start
        before, person = sdoc[m.ts : cut], sdoc[cut + 1 : m.te]
        if before[0].lower_ not in _NOT_NAMES or len(before) > 1:
            # (the possessive stays with the body, as OntoNotes writes "Hong Kong 's")
            label = "ORG" if m.label == "PERSON" else m.label
            end = base + sdoc[cut].idx + len(sdoc[cut].text)
            out.append(Mention(m.start, end, label, m.block, cut + 1 - m.ts, m.weight, m.ts, cut + 1))
        start = base + person.start_char
        out.append(Mention(start, m.end, "PERSON", m.block, len(person), m.weight, cut + 1, m.te))
    return out


def _person_after(sdoc: Doc, m: Mention, known: set[str]) -> int | None:
    """The index of the possessive inside ``m`` after which a person's name ends the span."""
    for cut in range(m.te - 3, m.ts, -1):
        tok = sdoc[cut]
        if tok.text not in _POSSESSIVES or not tok.whitespace_:
            continue
        words = [t.text for t in sdoc[cut + 1 : m.te]]
        if not 2 <= len(words) <= 3 or not all(name_word(w) for w in words) or is_kind_word(words[-1]):
            return None
        given = words[0].lower()
        if given in GIVEN_MALE or given in GIVEN_FEMALE or " ".join(words) in known or words[-1] in known:
            return cut
        return None
    return None

"""Context rules for entity types that the model's own span cannot tell.

- A name directly followed by a word for a kind of place ("the Crimea region", "Hubei province",
  "Washington state") is that place, whatever the model called it.
- A "product" that holds summits or has members ("the G-20 summit") is an organisation.
- A nationality directly followed by a capitalised word for a body ("Islamic State", "Syrian
  Army", "Democratic Party", "Catholic Church") is one organisation's name, not an adjective.

No list of names: the words that decide are common nouns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .ner_spans import Mention

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


# A place noun after a name makes the name a political place (GPE) or a natural one (LOC).
_PLACE_NOUNS = {
    **dict.fromkeys(
        "region province state city town village county district municipality prefecture "
        "governorate oblast territory republic capital".split(),
        "GPE",
    ),
    **dict.fromkeys("island islands peninsula valley desert coast strip".split(), "LOC"),
}
# Labels the rule may overrule: never a place already, nor an adjective ("the Kurdish region").
_RELABEL = frozenset({"ORG", "PERSON", "PRODUCT", "WORK_OF_ART", "EVENT", "FAC"})
# Words after a name that only an organisation takes.
_ORG_NOUNS = frozenset("summit summits meeting talks conference member members leaders ministers".split())
# Capitalised words that make a nationality the first word of an organisation's name.
_BODY_NOUNS = frozenset(
    "state party army navy front movement church council union brotherhood league congress guard "
    "forces alliance assembly".split()
)
# Place words make strong evidence in the document's label vote.
PLACE_WEIGHT = 2.0


def by_following_noun(sdoc: Doc, mentions: list[Mention]) -> list[Mention]:
    """The block's mentions with the place, organisation and body-name rules applied (in place)."""
    taken = {i for m in mentions for i in range(m.ts, m.te)}
    for m in mentions:
        if m.te >= len(sdoc):
            continue
        nxt = sdoc[m.te]
        word = nxt.text
        if m.label in _RELABEL and word.islower() and word in _PLACE_NOUNS:
            m.label, m.weight = _PLACE_NOUNS[word], max(m.weight, PLACE_WEIGHT)
        elif m.label == "PRODUCT" and word.islower() and word in _ORG_NOUNS:
            m.label = "ORG"
        elif m.label == "NORP" and word.istitle() and word.lower() in _BODY_NOUNS and m.te not in taken:
            m.end += nxt.idx + len(word) - (sdoc[m.te - 1].idx + len(sdoc[m.te - 1].text))
            m.te, m.tokens, m.label = m.te + 1, m.tokens + 1, "ORG"
            taken.add(m.te - 1)
    return mentions

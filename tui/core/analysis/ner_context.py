"""Context rules for entity types that the model's own span cannot tell.

- A name directly followed by a word for a kind of place ("the Crimea region", "Hubei province",
  "Washington state") is that place, whatever the model called it.
- A "product" that holds summits or has members ("the G-20 summit") is an organisation.
- A nationality directly followed by a capitalised word for a body ("Islamic State", "Syrian
  Army", "Democratic Party", "Catholic Church") is one organisation's name, not an adjective.
- A name the model took for a place or a thing, followed by "who" ("Rihanna, who was honoured",
  "Rhimes and Rihanna who both spoke"), is a person: places and things take "which" or "where".

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
# Labels ", who" overrules: what is never a person (an organisation may be: "the Jets, who").
_NOT_WHO = frozenset({"GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART"})


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
        elif m.label in _NOT_WHO and _who_follows(sdoc, m.te):
            m.label, m.weight = "PERSON", max(m.weight, PLACE_WEIGHT)
        elif m.label == "PRODUCT" and word.islower() and word in _ORG_NOUNS:
            m.label = "ORG"
        elif m.label == "NORP" and word.istitle() and word.lower() in _BODY_NOUNS and m.te not in taken:
            m.end += nxt.idx + len(word) - (sdoc[m.te - 1].idx + len(sdoc[m.te - 1].text))
            m.te, m.tokens, m.label = m.te + 1, m.tokens + 1, "ORG"
            taken.add(m.te - 1)
    return mentions


def _who_follows(sdoc: Doc, i: int) -> bool:
    """Whether token ``i`` (or the one after a comma) is a "who" whose clause describes the name
    ending at ``i - 1``, alone or with the names it is coordinated with ("Rhimes and Rihanna who
    both spoke"), not a noun before it ("the sons of Lebanon who fight")."""
    name = sdoc[i - 1]
    if sdoc[i].text == "," and i + 1 < len(sdoc):
        i += 1
    who = sdoc[i]
    if who.lower_ != "who" or who.head.dep_ != "relcl":
        return False
    described = who.head.head
    return described == name or (name.dep_ == "conj" and name.head == described)

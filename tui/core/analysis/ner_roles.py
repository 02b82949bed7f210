"""A name the model took for a thing or a place, right after a word for a person's role, is a person.

"author and firebrand Cornel Ruddock", "host Dana Pell", "volunteer Braden Hollis": the small model
tags such names PRODUCT, ORG or even GPE when it does not know them, though the role noun the parser
hangs on the name says whom it means. The role nouns are the ones the speaker code already reads as
descriptions of a person (``PERSON_NOUNS``); the name must read as one (two or three capitalised
words, the last no word for a kind of body or place: "analyst Morgan Stanley Bank" stays a bank).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .ner_context import PLACE_WEIGHT
from .quotes_names import is_kind_word, name_word
from .quotes_referents import PERSON_NOUNS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

    from .ner_spans import Mention

# What the rule may overrule: never a nationality or an adjective ("Republican", "Kurdish").
_RELABEL = frozenset({"ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "FAC", "GPE", "LOC"})
# Role nouns news puts before a name besides those: "firebrand Cornel Ruddock", "comedian Jo Lee".
_ROLES = PERSON_NOUNS | frozenset("firebrand comedian actor actress singer rapper volunteer coach".split())


def by_preceding_role(sdoc: Doc, mentions: list[Mention]) -> list[Mention]:
    """The block's mentions with each name after a role noun made a person (in place)."""
    for m in mentions:
        if m.label not in _RELABEL or not 2 <= m.tokens <= 3 or m.ts == 0:
            continue
        role = sdoc[m.ts - 1]
        words = [t.text for t in sdoc[m.ts : m.te]]
        if (
            role.text in _ROLES
            and _hung_on(sdoc, m, role)
            and all(name_word(w) for w in words)
            and not is_kind_word(words[-1])
            and not _title_before_name(sdoc, m.te)
        ):
            m.label, m.weight = "PERSON", max(m.weight, PLACE_WEIGHT)
    return mentions


def _hung_on(sdoc: Doc, m: Mention, role: Token) -> bool:
    """Whether the parser joins the role noun right before the name to it: as a compound of the
    name ("host Dana Pell") or the name as an apposition to it or to the role it is coordinated with
    ("author and firebrand Cornel Ruddock")."""
    if role.dep_ == "compound" and m.ts <= role.head.i < m.te:
        return True
    head = sdoc[m.te - 1]
    return head.dep_ == "appos" and head.head.i in (role.i, role.head.i)


def _title_before_name(sdoc: Doc, end: int) -> bool:
    """A name that ends in an abbreviated title ("Navy Capt. Jane Doe"): the person comes after it."""
    return (
        end + 1 < len(sdoc)
        and sdoc[end].text == "."
        and not sdoc[end - 1].whitespace_
        and sdoc[end + 1].is_title
    )

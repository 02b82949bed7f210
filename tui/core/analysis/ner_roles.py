"""A name the model took for a thing or a place, right after a word for a person's role (or, for a
thing, described by one in an apposition: "Cornel Boston, the author of ..."), is a person; so is one
after "a staffer named" or before "himself" or "herself".

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
# What an apposition with a role may overrule: a place is described by people's roles too ("Ohio, the
# candidate said", "New York, a Trump supporter").
_THINGS = frozenset({"ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "FAC"})
# Role nouns news puts before a name besides those: "firebrand Cornel Ruddock", "comedian Jo Lee".
_ROLES = PERSON_NOUNS | frozenset("firebrand comedian actor actress singer rapper volunteer coach".split())


def by_role_noun(sdoc: Doc, mentions: list[Mention]) -> list[Mention]:
    """The block's mentions with each name a role noun describes made a person (in place)."""
    for m in mentions:
        if m.label not in _RELABEL or not 2 <= m.tokens <= 3:
            continue
        words = [t.text for t in sdoc[m.ts : m.te]]
        if (
            (
                m.ts > 0
                and _hung_on(sdoc, m, sdoc[m.ts - 1])
                or m.label in _THINGS
                and _described(sdoc, m)
                or _named(sdoc, m)
            )
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
    if role.text not in _ROLES:
        return False
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


def _described(sdoc: Doc, m: Mention) -> bool:
    """Whether the name is described by a role in an apposition after it ("Sylke Ruddock, the
    editor of ..., said", "Will Estrada, a delegate ...")."""
    head = sdoc[m.te - 1]
    if m.te >= len(sdoc) or sdoc[m.te].text != ",":
        return False
    return any(
        c.dep_ == "appos"
        and c.i > m.te
        and c.lower_ in _ROLES
        # (a plain description: no clause of its own, which is most often a misparse of the next
        # sentence's subject, "Trump National Doral, the candidate boasted", or of "whose leader")
        and not any(g.pos_ in ("VERB", "AUX") or g.lower_ == "whose" for g in c.subtree)
        for c in head.children
    )


def _named(sdoc: Doc, m: Mention) -> bool:
    """ "a former staffer named Bradley Ruddock", or "Ruddock himself": only a person is either."""
    if m.te < len(sdoc) and sdoc[m.te].lower_ in ("himself", "herself"):
        return True
    return m.ts >= 2 and sdoc[m.ts - 1].lower_ == "named" and sdoc[m.ts - 2].lower_ in _ROLES

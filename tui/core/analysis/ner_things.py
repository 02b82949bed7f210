"""A name the model took for a person but the text uses as a thing: "the Mac Pro", "my MacBook Air",
"using Chrome", "JSON is simpler".

The small model tags unknown capitalised words PERSON, and products, apps and gadgets are the
unknown words of tech and review writing ("Keyboard Maestro", "Xcode", "the Casper Wave"). A
person's name takes no article or possessive determiner of its own: "the" or "my" that the parser
hangs on the name itself, not on a noun the name qualifies ("the Obama administration", "my Tom
Bihn bag" keep their people), says the name is a thing. Families ("the Clintons") stay people. So does being used, installed or
downloaded: what "using" or "install" takes is software or a device. And a single name things
happen "in" ("works in Safari", "written in Java") is a thing: that mention votes for a product,
and a full name elsewhere in the article still wins ("faith in Yellen"). No one is called by a word
with a digit or a symbol in it, or by four capitals ("HTML5", "C++", "JSON"): a thing too. And a web
address is no name at all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .ner_context import PLACE_WEIGHT

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from .ner_spans import Mention

# Determiners that never stand before a person's name of their own ("his" and "her" are left out:
# "her Robert" is one). An indefinite article may ("a Bob Dylan infected by the songbook"): it
# counts as one mention's word in the vote, where the others count as a word for a place does.
_DETERMINERS = frozenset("the this that these those my your our their its".split())
_INDEFINITE = frozenset("a an another every each".split())
# Verbs whose object is software or a device, never a person: "using Chrome", "install Xcode".
_USE_VERBS = frozenset("use install uninstall reinstall download launch".split())
# Verbs whose object "the X" is a role ("played the Joker", "starred as the Doctor").
_ROLE_VERBS = frozenset("play portray voice as".split())


def _in_not_possessed(sdoc: Doc, m: Mention) -> bool:
    """The name follows "in" right away and owns nothing ("in Safari", not "in Smith's view")."""
    return sdoc[m.ts - 1].lower_ == "in" and not (m.te < len(sdoc) and sdoc[m.te].tag_ == "POS")


def _symbolic(word: str) -> bool:
    """A word no one is called: with a digit or a symbol in it ("HTML5", "C++", "K/9"), or four
    capitals or more ("JSON"; initials such as "JFK" do name people)."""
    letters = sum(c.isalpha() for c in word)
    return any(c.isdigit() or c in "+#/@_" for c in word) or (word.isupper() and letters >= 4)


def by_determiner(sdoc: Doc, mentions: list[Mention]) -> list[Mention]:
    """The block's mentions with each "person" an article or possessive determines made a product
    (in place); the document's vote then carries it to the name's other mentions. The article may
    be inside the model's span ("the App Store")."""
    for m in mentions:
        if m.label != "PERSON" or m.te > len(sdoc):
            continue
        last = sdoc[m.te - 1]
        if m.tokens == 1 and _symbolic(last.text):
            m.label = "PRODUCT"  # "JSON is simpler to read", "written in C++"
            continue
        if last.dep_ in ("dobj", "pobj") and last.head.lemma_.lower() in _USE_VERBS:
            m.label, m.weight = "PRODUCT", max(m.weight, PLACE_WEIGHT)  # "built using Marshal"
            continue
        if m.tokens == 1 and last.dep_ == "pobj" and last.head.i == m.ts - 1 and _in_not_possessed(sdoc, m):
            m.label = "PRODUCT"  # "open it in Safari": one vote, a full name elsewhere still wins
            continue
        det, ts = sdoc[m.ts], m.ts + 1
        if det.text != "the" or m.tokens < 2:
            if m.ts == 0:
                continue
            det, ts = sdoc[m.ts - 1], m.ts
        definite = det.lower_ in _DETERMINERS
        if not (definite or det.lower_ in _INDEFINITE) or det.dep_ not in ("det", "poss"):
            continue
        last = sdoc[m.te - 1]
        if not ts <= det.head.i < m.te or last.tag_ == "NNPS" or last.dep_ == "compound":
            continue
        if last.head.lemma_ in _ROLE_VERBS:
            continue  # a character someone plays ("played the Joker"): the model's person stays
        m.label = "PRODUCT"
        if definite:
            m.weight = max(m.weight, PLACE_WEIGHT)
    # (a web address the model tagged is no name at all: "http://bit.ly/2hoewDI")
    return [
        m
        for m in mentions
        if not any("://" in t.text or t.lower_.startswith("www.") for t in sdoc[m.ts : m.te])
    ]

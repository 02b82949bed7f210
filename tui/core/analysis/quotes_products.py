"""Names the model tags as people that the text uses as things: products, apps, devices.

In tech news the small model tags many product names as people ("Keyboard Maestro", "Mac", "Gmail"),
and one then "speaks" through a weak cue ("Keyboard Maestro recognizes this order and shows its 'hot
key' shortcut"). A name the text also uses as a thing cannot speak: one that takes an article ("the
Mac", "a Mac"), that qualifies a word for a piece of software or hardware ("the Gmail app", "the Mac
keyboard"), or that is what someone installs, runs or buys ("I use Keyboard Maestro"). Such a quote is
better left unattributed than given to a product. A name with anything of a person about it is kept:
a given name first ("Jane Doe"), a title or a role ("Sen. Doe", "Doe, a lawyer"), or "he" or "she"
after it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .quotes_names import given_name_first

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from ..models import Entity
    from .pipeline import Paragraph
    from .quotes_people_index import PeopleIndex

# Words for a piece of software or hardware, or a part of one, that a product's name qualifies ("the
# Gmail app", "Mac keyboards", "the iOS version"); not "campaign" or "supporters", which a person's
# name qualifies as well ("the Doe campaign").
THING_NOUNS = frozenset(
    "app apps application applications software version versions update updates release releases "
    "device devices feature features key keys keyboard keyboards shortcut shortcuts menu menus button "
    "buttons field fields window windows screen screens browser browsers extension extensions plugin "
    "plugins plug-in plug-ins laptop laptops desktop desktops computer computers tablet tablets "
    "model models firmware hardware chip chips processor processors toolbar sidebar settings icon "
    "icons interface api sdk beta betas download downloads subscription subscriptions".split()
)
# What one does to a thing, not to a person: "install Keyboard Maestro", "buy a Mac".
_USE_VERBS = frozenset(
    "install uninstall reinstall download buy purchase launch reboot restart upgrade update configure "
    "use run sync".split()
)
# Words of a determiner that make a name a thing ("the Mac", "my iPhone"): no person takes them
# (a family, "the Clintons", is plural and checked apart).
_THING_DETERMINERS = frozenset("the a an my your our its their this that every".split())


def thing_names(index: PeopleIndex, paras: list[Paragraph], text: str) -> frozenset[str]:
    """The canonical names of the person entities in ``index`` that the document's ``text`` (parsed
    in ``paras``) uses as things."""
    persons = {e.canonical for e in index.ents if e.label == "PERSON"}
    if not persons:
        return frozenset()  # (no person to test: no walk over the document's tokens)
    rest = _unparsed(text, paras)
    things = {n for n in persons if _qualifies_in(n, rest)}
    for block, sdoc in paras:
        off = block.start
        for tok in sdoc:
            if not tok.ent_type_ and not tok.text[:1].isupper():
                continue  # (most tokens are no name at all)
            ent = index.token_entity(off, tok)
            if (
                ent is None
                or ent.canonical not in persons
                or _inside(off, tok.head, ent)
                and tok.head.i != tok.i
            ):
                continue  # (the head token of a mention of a name tagged a person somewhere)
            if ent.canonical not in things and _used_as_thing(off, tok, ent):
                things.add(ent.canonical)
    return frozenset(n for n in things if not _personal(index, n))


def _inside(off: int, tok: Token, ent: Entity) -> bool:
    return ent.start <= off + tok.idx < ent.end


def _used_as_thing(off: int, head: Token, ent: Entity) -> bool:
    """Whether this mention, whose head token is ``head``, treats the name as a thing."""
    if head.tag_ == "NNPS" or ent.text.rstrip().endswith("s"):
        return False  # ("the Clintons", "the Kennedys": a family)
    first = head.doc[head.i]
    while first.i > 0 and _inside(off, head.doc[first.i - 1], ent):
        first = head.doc[first.i - 1]
    det = head.doc[first.i - 1] if first.i > 0 else None
    if (
        det is not None
        and det.lower_ in _THING_DETERMINERS
        and det.head.i == head.i
        and det.dep_ in ("det", "poss")
    ):
        return True
    if (
        head.dep_ == "compound"
        and head.head.lemma_.lower() in THING_NOUNS
        or _qualifies_thing(off, head, ent)
    ):
        return True
    return head.dep_ == "dobj" and head.head.lemma_.lower() in _USE_VERBS


def _qualifies_thing(off: int, head: Token, ent: Entity) -> bool:
    """Whether the name runs on into a word for a thing, a few modifiers between ("Keyboard Maestro
    hot key field", "Mac modifier keys"), however the parser hung the words."""
    doc = head.doc
    i = head.i + 1
    while i < len(doc) and _inside(off, doc[i], ent):
        i += 1
    for tok in doc[i : i + 4]:
        if tok.lemma_.lower() in THING_NOUNS or tok.lower_ in THING_NOUNS:
            return tok.pos_ in ("NOUN", "ADJ", "PROPN")
        if tok.pos_ not in ("NOUN", "ADJ") or tok.ent_type_:
            return False
    return False


_THING_AFTER = "|".join(sorted(THING_NOUNS, key=len, reverse=True))


def _unparsed(text: str, paras: list[Paragraph]) -> str:
    """The document's text with its parsed blocks blanked out: captions and the like."""
    out = []
    at = 0
    for block, _sdoc in paras:
        out.append(text[at : block.start])
        out.append("\n")
        at = max(at, block.end)
    out.append(text[at:])
    return "".join(out)


def _qualifies_in(name: str, text: str) -> bool:
    """Whether ``name`` runs on into a word for a thing in unparsed ``text``, a few lower-case words
    between (a caption: "[image: Keyboard Maestro hot key field]")."""
    if not name[:1].isupper() or len(name) < 2:
        return False
    pattern = rf"(?<![\w-]){re.escape(name)}(?:\s+[a-z][\w-]*){{0,2}}\s+(?:{_THING_AFTER})\b"
    return re.search(pattern, text) is not None


def _personal(index: PeopleIndex, name: str) -> bool:
    """Whether the text says anything of a person about ``name``: a given name first, a courtesy
    title, a role, or gendered pronouns after it."""
    votes = index.gender.get(name)
    return given_name_first(name) or bool(index.roles.get(name)) or bool(votes and any(votes.values()))

"""A given name the model did not know, split from the family name it goes with.

The small model reads an unfamiliar given name before a family name as a thing of its own: "Ivanka
Trump" comes out as "Ivanka" (a product) and "Trump" (a person, or nothing), so the article's "Trump"
all goes to whichever Trump it names in full. A capitalised word taken for a thing, right before the
family name of a person the document names in full, that the parser hangs on it as part of one name
("compound"), is that person's given name: the two words are one person. So are the two words
when the model read them together as one thing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .ner_spans import Mention

if TYPE_CHECKING:  # pragma: no cover
    from .pipeline import Paragraph

# What a given name is mistaken for; never a nationality or a place ("Republican Trump", "Ohio Gov.").
_MISREAD = frozenset({"ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "FAC"})


def joined_given_names(paras: list[Paragraph], mentions: list[Mention]) -> list[Mention]:
    """``mentions`` (of all blocks, in order) with each misread given name joined to the family
    name after it."""
    families = set()
    tails = set()  # the last two words of longer names: "Le Pen" of "Marine Le Pen" is already hers
    for m in mentions:
        sdoc = paras[m.block][1]
        if m.label == "PERSON" and m.tokens >= 2 and sdoc[m.te - 1].text.istitle():
            families.add(sdoc[m.te - 1].text)
            tails.add(sdoc[m.te - 2 : m.te].text)
    out: list[Mention] = []
    drop: set[tuple[int, int]] = set()
    for m in mentions:
        if (m.block, m.ts) in drop:
            continue
        sdoc = paras[m.block][1]
        if m.label in _MISREAD and m.tokens == 1 and m.te < len(sdoc):
            word, name = sdoc[m.ts], sdoc[m.te]
            if (
                name.text in families
                and word.text.isalpha()
                and word.text.istitle()
                and word.dep_ == "compound"
                and word.head.i == name.i
                and word.whitespace_ == " "
            ):
                m.end += name.idx + len(name.text) - (word.idx + len(word.text))
                m.te, m.tokens, m.label = m.te + 1, 2, "PERSON"
                drop.add((m.block, name.i))  # (the family name alone, if the model tagged it)
        elif (
            m.label in _MISREAD
            and m.tokens == 2
            and sdoc[m.te - 1].text in families
            and sdoc[m.ts : m.te].text not in tails
        ):
            # (or the two words read as one thing: "Ivanka Trump" a product)
            word = sdoc[m.ts]
            if word.text.isalpha() and word.text.istitle() and word.whitespace_ == " ":
                m.label = "PERSON"
        out.append(m)
    return out

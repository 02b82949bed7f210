"""Cleaning the model's entity spans: trimming, splitting and dropping junk.

Works on spaCy tokens of one block, so every result is still a token-aligned span of that block.
The small model often glues neighbours onto a name ("• Obama", "Worcestershire 238", "Kent 108-3",
"Hanwha 6 Ssangbangwool 5", "SOCCER - ROTOR", "Said Comey" before a quote); these rules undo that
with no word list beyond punctuation and the reporting verbs. What the model's OntoNotes
conventions put inside a name stays: a leading "the" ("the Federal Reserve") and a possessive
("Hong Kong 's") are part of the span there, and dropping them loses agreement with
OntoNotes-style references; the canonical name drops them instead (see ``ner_doc.surface``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .quotes_verbs import reporting_forms

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

# Labels that name things (as opposed to dates, amounts and counts).
NAME_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)
# Names that never end in a bare number ("Worcestershire 238"); titles and products may ("Windows 95").
_NO_NUMBER_LABELS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC"})
# A token that separates two names when it stands alone between spaces.
_DASHES = frozenset({"-", "–", "—", "--", "―"})
_SEPARATORS = frozenset({"(", ")", "[", "]", "{", "}", "|", "•", "·", ";", ":", "/", "\\"})
_BULLETS = frozenset("•·▪‣◦●○■□►▶*◆◇→»«|")
_OPENERS = frozenset({"(", "[", "{", "“", "‘", "``"})
_CLOSERS = frozenset({")", "]", "}", "”", "’", "''"})
# Edge punctuation that is never part of a name (dashes and full stops the model includes stay:
# OntoNotes spans such as "-- Ralph Shaffer ." do).
_EDGE_PUNCT = frozenset({",", ";", ":"})


# Words that open a sentence before a name and are never the start of one ("Via Google's blog",
# "Despite Smith's vote"); "Per" (a given name) and "Under" ("Under Armour") are not among them.
_OPENING_WORDS = frozenset(
    "via from after before with without unlike despite during since amid among thanks".split()
)

# Verbs that open a yes-no question before its subject ("Will Apple ...?"); "Will Smith won" is no
# question and keeps its given name.
_QUESTION_VERBS = frozenset(
    "will would can could should shall may might must does did do is are was were has have had".split()
)


@dataclass(slots=True)
class Mention:
    """A cleaned entity mention inside one block; ``start``/``end`` are document offsets."""

    start: int
    end: int
    label: str
    block: int  # index into the paragraph list
    tokens: int  # number of spaCy tokens
    weight: float = 1.0  # how much this mention counts in the document's label vote
    ts: int = 0  # token range inside the block's spaCy Doc
    te: int = 0


def _is_number(tok: Token) -> bool:
    """Scores and table figures: "238", "4-28", "1=", ".556"."""
    text = tok.text
    return any(c.isdigit() for c in text) and not any(c.isalpha() for c in text)


def _is_separator(sdoc: Doc, i: int, wire: bool) -> bool:
    tok = sdoc[i]
    if tok.is_space and len(tok.text) > 1:
        # (a run of blanks: a link's blanked mark between two names, "@drdrang[3] Excel"; a lone
        # no-break space joins a name's words: "James\xa0Comey")
        return True
    text = tok.text
    if text in _SEPARATORS:
        return True
    if text in _DASHES and wire:
        # Only in wire lines: tokenised text spaces out word-internal hyphens too ("Bristol - Myers").
        return bool(tok.whitespace_) or (i > 0 and bool(sdoc[i - 1].whitespace_))
    return False


def _edge_junk(tok: Token, label: str, leading: bool) -> bool:
    if tok.is_space:
        return True  # (the blanked mark of a link after a name: "Aziz Ansari[1] –" read as "Aziz Ansari    ")
    text = tok.text
    if not any(c.isalnum() for c in text):
        return text in _BULLETS or text in _EDGE_PUNCT or text in (_OPENERS if leading else _CLOSERS)
    if label in _NO_NUMBER_LABELS and _is_number(tok):
        return True  # "1= Igor", "Worcestershire 238", "Pusan 0 2 1"
    return False


def _inside_score(sdoc: Doc, i: int, a: int, label: str) -> bool:
    """The hyphen of a score the model glued to a name ("Kent 108-3", "Lithuania 2-1"), left at
    the span's end once the figure after it went: a figure joined to it comes before."""
    if label not in _NO_NUMBER_LABELS or sdoc[i].text not in _DASHES or i <= a:
        return False
    before = sdoc[i - 1]
    return _is_number(before) and not before.whitespace_


def clean_span(sdoc: Doc, ent: Span, wire: bool = False) -> list[tuple[int, int, str]]:
    """Token ranges ``(start, end, label)`` of the names inside one model entity.

    ``wire`` marks a case-restored ALL-CAPS line, where " - " separates a topic from a headline
    ("SOCCER - ROTOR FANS ...") rather than joining a hyphenated name.
    """
    label = ent.label_
    named = label in NAME_LABELS
    pieces: list[tuple[int, int]] = []
    start = ent.start
    if named:
        for i in range(ent.start, ent.end):
            split = _is_separator(sdoc, i, wire)
            # "Hanwha 6 Ssangbangwool 5": a number between two capitalised words ends a name.
            if not split and label in _NO_NUMBER_LABELS and _is_number(sdoc[i]):
                nxt = sdoc[i + 1] if i + 1 < ent.end else None
                split = nxt is not None and nxt.text[:1].isupper()
            if split:
                pieces.append((start, i))
                start = i + 1
    pieces.append((start, ent.end))

    out: list[tuple[int, int, str]] = []
    for a, b in pieces:
        while a < b and _edge_junk(sdoc[a], label, leading=True):
            a += 1
        while a < b and (
            _edge_junk(sdoc[b - 1], label, leading=False) or _inside_score(sdoc, b - 1, a, label)
        ):
            b -= 1
        if label == "PERSON" and b - a >= 2 and _inverted_cue(sdoc, a, b):
            a += 1
        if named and b - a >= 2 and _opening_word(sdoc, a, b):
            a += 1
        if a >= b:
            continue
        if named and not _plausible_name(sdoc[a:b].text):
            continue
        out.append((a, b, label))
    return out


def _opening_word(sdoc: Doc, a: int, b: int) -> bool:
    """A sentence's capitalised first word read into the possessive name after it ("Via Google's
    blog post", "Despite Smith's vote"): "Via Rail said" keeps its name, with no possessive. Or the
    verb that opens a question ("Will Trump fire Mueller?", "Can Google catch up?")."""
    first = sdoc[a]
    if not first.is_sent_start:
        return False
    if first.lower_ in _QUESTION_VERBS:
        return first.sent.text.rstrip(" \"'”’)").endswith("?")
    if first.lower_ not in _OPENING_WORDS:
        return False
    return any(t.lower_ in ("'s", "’s") for t in sdoc[a + 1 : min(b + 1, len(sdoc))])


def _inverted_cue(sdoc: Doc, a: int, b: int) -> bool:
    """A reporting verb opening a sentence before a name and a quote: the inverted attribution
    'Said Comey, "..."' or 'Added Doe: "..."', not part of the name ("Said Aouita, the champion,"
    keeps his given name: no quote follows; a colon may end the paragraph the quote follows)."""
    first = sdoc[a]
    if first.lower_ not in reporting_forms() or not first.text[:1].isupper():
        return False
    if a > 0 and not (sdoc[a - 1].text in (".", "!", "?") or sdoc[a - 1].is_space or sdoc[a - 1].is_quote):
        return False
    after = [t for t in sdoc[b : b + 3] if not t.is_space]
    if after and after[0].text == ":" and len(after) == 1:
        return True  # the colon ends the paragraph: the quote is the next one
    if after and after[0].text in (",", ":"):
        after = after[1:]
    return bool(after) and after[0].is_quote


def _plausible_name(text: str) -> bool:
    """A name has a capital letter and is not only a function word ("The", "senate")."""
    if not any(c.isupper() for c in text):
        return False
    return text.lower() not in ("the", "a", "an", "this", "that", "these", "those")

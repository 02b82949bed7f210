"""Results lines and name lists: layout the model was not trained on.

Sports pages and wire services print results as lines of names and figures
("Puchon 3 Chonbuk 1", "Derbyshire 471 ( J. Adams 123 , K. Barnett 87 )", "New York 74 59 .556").
The model reads them as prose and glues names to scores or calls clubs places. In such a line a
name directly followed by a score is a competitor: a person when it looks like one, a national side
(GPE) when it is a country, otherwise a club (ORG). A two-word name followed by "( Country )" is
an athlete, and so is an initial with a surname ("J. Adams").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .doc_text import block_text
from .ner_places import is_country
from .ner_spans import NAME_LABELS, Mention

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

# A competitor named in a results line is strong evidence for the document's vote.
RESULTS_WEIGHT = 2.0
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_DIGITS = re.compile(r"\d+")
_LOWER_OK = frozenset({"and", "not", "out", "v", "vs", "bt", "beat", "at", "of", "de", "van", "von", "der"})


def _is_number(tok: Token) -> bool:
    text = tok.text
    return any(c.isdigit() for c in text) and not any(c.isalpha() for c in text)


def _is_cap(tok: Token) -> bool:
    text = tok.text
    return text[:1].isupper() and any(c.isalpha() for c in text)


def _is_initial(tok: Token) -> bool:
    """ "J." or "T.O'Gorman": a person's initial."""
    text = tok.text
    return len(text) >= 2 and text[0].isupper() and text[1] == "." and not text.endswith("..")


def is_results_line(sdoc: Doc) -> bool:
    """A line of names and figures rather than a sentence."""
    runs = _DIGITS.finditer(block_text(sdoc))
    if next(runs, None) is None or next(runs, None) is None:
        return False  # two figures at least: most lines of prose are done here, token by token no more
    # A date with a year ("LONDON 1996-08-30", "May 5, 2016") is a dateline, not a score.
    dated = {
        i for e in sdoc.ents if e.label_ == "DATE" and _YEAR.search(e.text) for i in range(e.start, e.end)
    }
    numbers = alpha = lower = 0
    for tok in sdoc:
        if _is_number(tok):
            if tok.i not in dated:
                numbers += 1
        elif tok.is_alpha or _is_cap(tok):
            alpha += 1
            if tok.text[:1].islower() and tok.lower_ not in _LOWER_OK:
                lower += 1
    return numbers >= 2 and alpha >= 1 and lower <= max(1, alpha // 5)


def _runs(sdoc: Doc) -> list[tuple[int, int]]:
    """Maximal runs of capitalised tokens (token index ranges)."""
    runs: list[tuple[int, int]] = []
    start = None
    for i, tok in enumerate(sdoc):
        if _is_cap(tok):
            if start is None:
                start = i
        elif start is not None:
            runs.append((start, i))
            start = None
    if start is not None:
        runs.append((start, len(sdoc)))
    return runs


def _overlapping(mentions: list[Mention], a: int, b: int) -> list[Mention]:
    return [m for m in mentions if m.ts < b and m.te > a]


def adjust_block(sdoc: Doc, block_start: int, block: int, mentions: list[Mention]) -> list[Mention]:
    """The block's mentions with the dateline and results-line rules applied (returns a new list)."""
    places = dateline_places(sdoc)
    if places:
        kept = [m for m in mentions if not any(m.ts < b and m.te > a for a, b in places)]
        added = [_mention(sdoc, block_start, block, a, b, "GPE", 1.0) for a, b in places]
        return sorted(kept + added, key=lambda m: m.start)
    if not is_results_line(sdoc):
        return mentions
    return _results(sdoc, block_start, block, list(mentions))


def dateline_places(sdoc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the places in a dateline line ("LONDON 1996-08-30", "Austin, Texas May 3")."""
    if len(sdoc) > 10:
        return []
    dates = [e for e in sdoc.ents if e.label_ == "DATE" and _YEAR.search(e.text)]
    if len(dates) != 1 or dates[0].end != len(sdoc) or dates[0].start == 0:
        return []
    head = sdoc[: dates[0].start]
    if not all(_is_cap(t) or t.text == "," for t in head) or head[0].text == ",":
        return []
    places: list[tuple[int, int]] = []
    start = 0
    for i in range(len(head) + 1):
        if i == len(head) or head[i].text == ",":
            if i > start:
                places.append((start, i))
            start = i + 1
    return places


def _mention(sdoc: Doc, block_start: int, block: int, a: int, b: int, label: str, weight: float) -> Mention:
    span = sdoc[a:b]
    return Mention(
        block_start + span.start_char, block_start + span.end_char, label, block, b - a, weight, a, b
    )


def _results(sdoc: Doc, block_start: int, block: int, mentions: list[Mention]) -> list[Mention]:
    n = len(sdoc)
    for a, b in _runs(sdoc):
        nxt = sdoc[b] if b < n else sdoc[b - 1]
        hits = _overlapping(mentions, a, b)
        if any(m.label not in NAME_LABELS for m in hits):
            continue  # "July 3-7": a date, not a competitor
        if b - a >= 2 and _is_initial(sdoc[a]):
            # "J. Adams 123", "S. Jayasuriya c Healy": an initial and a surname is a player.
            if any(m.label == "PERSON" and m.ts == a and m.te == b for m in hits):
                continue
            label = "PERSON"
        elif _is_number(nxt):
            if any(m.label == "PERSON" for m in hits):
                continue
            if is_country(sdoc[a:b].text):
                label = "GPE"
            else:
                label = "ORG"
        elif nxt.text == "(" and b - a >= 2 and not hits:
            close = b + 1
            while close < n and _is_cap(sdoc[close]):
                close += 1
            if close == b + 1 or close >= n or sdoc[close].text != ")":
                continue
            if not is_country(sdoc[b + 1 : close].text):
                continue
            label = "PERSON"
        else:
            continue
        keep = [m for m in mentions if m not in hits]
        keep.append(_mention(sdoc, block_start, block, a, b, label, RESULTS_WEIGHT))
        mentions = keep
    mentions.sort(key=lambda m: m.start)
    return mentions

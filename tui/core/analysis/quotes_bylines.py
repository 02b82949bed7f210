"""Speakers named by a label rather than a reporting verb: ``Clinton: "..."`` before a quote, and a
byline paragraph after one (``"..."`` then ``- Bernie Sanders.``), as in pull quotes, fact-check lists
and "quotable" boxes.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .quotes_people import People

# One to four capitalised words (a name, maybe with a title): "Bush", "Sen. Jane Doe".
_NAME = r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}"
_LABEL = re.compile(rf"(?:^|[.!?\"”]\s+)({_NAME}):\s*$")
_BYLINE = re.compile(rf"\s*[-—–―]+\s*({_NAME})\s*(?:[,.]|$)")
_CLOSING = "\"“”‘’'„«»` .,"


def label_before(text: str, lo: int, start: int, people: People, off: int = 0) -> str | None:
    """The name in ``Name: "..."`` right before the quote opening at ``start`` (offsets into
    ``text``, which starts at document offset ``off``; ``lo`` bounds the look-back: the block start or
    the end of the previous quote)."""
    i = start - 1
    while i >= lo and text[i] in "\"“”‘’'„«» ":
        i -= 1
    hit = _LABEL.search(text, max(0, lo - 1), i + 1)
    return _speaker(hit.group(1), off + hit.start(1), people) if hit else None


def byline_after(text: str, end: int, block_end: int, people: People) -> str | None:
    """The name of a byline line (``- Jane Doe, Ohio.``) right after a quote that ends its block
    (document offsets; the byline may be a list item, so it is read from the text, not the blocks)."""
    if text[end:block_end].strip(_CLOSING):
        return None
    start = block_end
    while start < len(text) and text[start].isspace():
        start += 1
    stop = text.find("\n", start)
    hit = _BYLINE.match(text, start, len(text) if stop < 0 else stop)
    return _speaker(hit.group(1), hit.start(1), people) if hit else None


def _speaker(name: str, pos: int, people: People) -> str | None:
    """A person or body the label names: the entity there, or a known surname; no guess otherwise."""
    ent = people.entity_at(pos, pos + len(name))
    if ent is not None and ent.label in ("PERSON", "ORG"):
        return ent.canonical
    return people.surname(name)

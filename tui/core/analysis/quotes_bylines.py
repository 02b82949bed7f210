"""Speakers named by a label rather than a reporting verb: ``Clinton: "..."`` before a quote, and a
byline paragraph after one (``"..."`` then ``- Bernie Sanders.``), as in pull quotes, fact-check lists
and "quotable" boxes.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .quotes_verbs import reporting_forms

if TYPE_CHECKING:  # pragma: no cover
    from .quotes_people import People

# One to four capitalised words (a name, maybe with a title): "Bush", "Sen. Jane Doe".
_NAME = r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}"
# The label opens the block or a sentence, or follows a dash after a digest's headline ("Polls were
# early - Jane Doe: ..."), maybe as "(More) from Jane Doe:"; two people may share it ("Doe and Roe:").
_LABEL = re.compile(rf"(?:^|[.!?\"”]\s+|\s[-—–]+\s*)(?:(?:More )?[Ff]rom )?({_NAME})(?: and ({_NAME}))?:\s*$")
# An inverted attribution before the quote: 'Said Doe, "..."', "Stated Doe:" (the word must be a
# reporting verb; the parser reads "Said Doe" as one name).
_INVERTED = re.compile(rf"(?:^|[.!?\"”]\s+)([A-Z][a-z]+) ({_NAME})[,:]\s*$")
# A digest's label after a dash names its source even when the model tagged no entity there
# ("... - HuffPollster: ...", "... - Philip Bump: ..."), unless it is a word that labels a part of the
# page or a date rather than someone.
_PAGE_WORDS = frozenset(
    "update updated note editor correction source sources video photo watch read related transcript excerpt "
    "statement quote quotes summary background context analysis opinion review highlights today yesterday "
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december".split()
)
# "SMITH: ..." or "MR. SMITH: ..." at the start of a quoted transcript paragraph (a space after the
# colon, maybe a no-break one).
_TRANSCRIPT = re.compile(r"((?:[A-Z][A-Z'.-]+ ){0,2}[A-Z][A-Z'-]+):[ \u00a0]+")
_NAMED_LABEL = re.compile(rf"({_NAME}):[ \u00a0]+")
# Transcript labels for what plays or what the room does, not for someone speaking.
_NOT_SPEAKERS = frozenset("VIDEO AUDIO CLIP SOUNDBITE SOUND MUSIC APPLAUSE LAUGHTER CROSSTALK".split())
_BYLINE = re.compile(rf"\s*[-—–―]+\s*({_NAME})\s*(?:[,.]|$)")
_OPENING = re.compile("[\"“‘']")
_CLOSING = "\"“”‘’'„«»` .,"


def label_before(text: str, lo: int, start: int, people: People, off: int = 0) -> str | None:
    """The name in ``Name: "..."`` right before the quote opening at ``start`` (offsets into
    ``text``, which starts at document offset ``off``; ``lo`` bounds the look-back: the block start or
    the end of the previous quote)."""
    i = start - 1
    while i >= lo and text[i] in "\"“”‘’'„«» \u00a0":
        i -= 1
    inverted = _INVERTED.search(text, max(0, lo - 1), i + 1)
    if inverted and inverted.group(1).lower() in reporting_forms():
        return _speaker(inverted.group(2), off + inverted.start(2), people)
    hit = _LABEL.search(text, max(0, lo - 1), i + 1)
    if not hit:
        return None
    dashed = text[hit.start() : hit.start(1)].strip()[:1] in "-—–"
    first = _speaker(hit.group(1), off + hit.start(1), people, dashed)
    second = _speaker(hit.group(2), off + hit.start(2), people, dashed) if hit.group(2) else None
    if first and second and first != second:
        return f"{first} and {second}"
    return first or second


def transcript_label(text: str, start: int, people: People, off: int = 0) -> str | None:
    """The speaker a transcript line's label names ("RAMOS: Secretary, ..." or "Jane Doe: Well, ..."
    at ``start`` in ``text``, which starts at document offset ``off``), "" for a label that names no
    one ("VIDEO: ..."), None for no label."""
    label = _TRANSCRIPT.match(text, start)
    if label is None:
        # (in mixed case, only a name the text knows, on a line of its own: not "Update: ...", nor a
        # label inside someone's words, '"Recap," Doe tweeted. "Roe: ..."')
        named = _NAMED_LABEL.match(text, start) if not text[:start].strip(_CLOSING) else None
        return _speaker(named.group(1), off + start, people) if named else None
    name = label.group(1)
    if any(w.strip(".") in _NOT_SPEAKERS for w in name.split()):
        return ""
    return people.surname(name) or name.title()


def headline_label(text: str, start: int, end: int, people: People) -> str | None:
    """The name labelling the quotation of the headline ``text[start:end]`` ("Jane Doe: 'We Will
    Win.'"): when the article opens on a quotation with no cue, it goes on with the headline's."""
    mark = _OPENING.search(text, start, end)
    return label_before(text, start, mark.start(), people) if mark else None


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


def _speaker(name: str, pos: int, people: People, dashed: bool = False) -> str | None:
    """A person or body the label names: the entity there, or a known surname; after a digest's dash,
    also a name the model left untagged; no guess otherwise."""
    ent = people.entity_at(pos, pos + len(name))
    if ent is not None and ent.label in ("PERSON", "ORG"):
        return ent.canonical
    known = people.surname(name)
    if known is not None or ent is not None or not dashed:
        return known
    return name if _name_shaped(name) else None


def _name_shaped(name: str) -> bool:
    """One or two capitalised words, not in capitals throughout and not a label of the page."""
    words = name.split()
    return len(words) <= 2 and all(
        w[:1].isupper() and any(c.islower() for c in w) and w.lower().strip(".") not in _PAGE_WORDS
        for w in words
    )

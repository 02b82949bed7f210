"""Long documents in pieces of bounded size, so analysis time grows linearly and memory stays flat.

An article is analysed whole when it is up to :data:`PIECE_CHARS` long (every news article is):
nothing here changes its result. A longer text (a book, a log, a transcript) is cut between its
blocks into pieces of about that size; each piece is analysed on its own and only plain results
are kept, so about one piece of spaCy documents is alive at a time. A block longer than
:data:`MAX_BLOCK_CHARS` (a whole file on one line) is first cut at sentence ends, so the model never
sees a text longer than that. Offsets stay those of ``Document.text``: a piece is a run of the
document's blocks (long ones cut), which keep their offsets.

Across pieces, a one-word person name ("Obama") that the piece could not link to a full name takes
the full name a previous piece gave it ("Barack Obama"), when only one full name ends that way.
The summary comes from the first piece: only the opening sentences of an article are candidates.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from ..models import Block, Entity, Quote

PIECE_CHARS = 60_000
MAX_BLOCK_CHARS = 10_000
# At most this many characters go through the model in one batch (see ``Analyzer._pipe``).
BATCH_CHARS = 50_000
# Where a long block may be cut: after a sentence end, else at any space.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+")
_SPACE = re.compile(r"\s+")


@dataclass(slots=True)
class Part:
    """The plain results of one piece."""

    entities: list[Entity]
    quotes: list[Quote]
    summary: list[str]


def split_block(text: str, block: Block, limit: int = MAX_BLOCK_CHARS) -> list[Block]:
    """``block`` as it is when short; else cut into blocks of at most ``limit`` characters."""
    if block.end - block.start <= limit:
        return [block]
    out: list[Block] = []
    start = block.start
    while block.end - start > limit:
        cut = _cut(text, start, start + limit)
        out.append(Block(block.kind, start, cut[0]))
        start = cut[1]
    if block.end > start:
        out.append(Block(block.kind, start, block.end))
    return out


def _cut(text: str, lo: int, hi: int) -> tuple[int, int]:
    """(end of this block, start of the next) for a cut in ``text[lo:hi]``, late rather than early."""
    floor = lo + (hi - lo) // 2
    for pattern in (_SENTENCE_END, _SPACE):
        last = None
        for m in pattern.finditer(text, floor, hi):
            last = m
        if last is not None:
            gap = _SPACE.search(text, last.start(), last.end())
            end = gap.start() if gap else last.end()
            return end, last.end()
    return hi, hi  # no space in half a block: cut anywhere


def pieces(blocks: list[Block], limit: int = PIECE_CHARS) -> Iterator[list[int]]:
    """Indexes of ``blocks`` in runs of about ``limit`` characters (all of them when shorter)."""
    run: list[int] = []
    size = 0
    for i, b in enumerate(blocks):
        if run and size + (b.end - b.start) > limit:
            yield run
            run, size = [], 0
        run.append(i)
        size += b.end - b.start
    yield run


def merge(parts: list[Part]) -> Part:
    """One result from the pieces' results, in text order (see the module docstring)."""
    if len(parts) == 1:
        return parts[0]
    full_names: dict[str, str] = {}  # last word -> the one full person name ending with it ("" if several)
    entities: list[Entity] = []
    quotes: list[Quote] = []
    for part in parts:
        renamed = {
            e.canonical: full_names[e.canonical]
            for e in part.entities
            if e.label == "PERSON" and full_names.get(e.canonical)
        }
        entities.extend(replace(e, canonical=renamed.get(e.canonical, e.canonical)) for e in part.entities)
        quotes.extend(
            replace(q, speaker=renamed[q.speaker]) if q.speaker in renamed else q for q in part.quotes
        )
        for e in part.entities:
            if e.label == "PERSON" and " " in e.canonical:
                last = e.canonical.rsplit(" ", 1)[1]
                known = full_names.setdefault(last, e.canonical)
                if known != e.canonical:
                    full_names[last] = ""
    return Part(entities, quotes, parts[0].summary)

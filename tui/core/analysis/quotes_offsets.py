"""Tokens of a parsed block by character offset, found by bisection instead of a scan.

Each quote looks at the tokens around its marks; scanning the block's every token for them made
long paragraphs with many quotes quadratic. The token start offsets are listed once per block
(kept in the Doc's ``user_data``) and each lookup bisects them.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

_STARTS = "newsreader.token_starts"


def _starts(sdoc: Doc) -> list[int]:
    starts = sdoc.user_data.get(_STARTS)
    if starts is None or len(starts) != len(sdoc):
        starts = sdoc.user_data[_STARTS] = [t.idx for t in sdoc]
    return starts


def tokens_starting(sdoc: Doc, lo: int, hi: int) -> list[Token]:
    """The tokens that start at ``lo`` or after and before ``hi``, in order."""
    starts = _starts(sdoc)
    a, b = bisect_left(starts, lo), bisect_left(starts, hi)
    return [sdoc[i] for i in range(a, b)]


def tokens_within(sdoc: Doc, start: int, end: int) -> list[Token]:
    """The tokens wholly inside ``sdoc.text[start:end]``."""
    return [t for t in tokens_starting(sdoc, start, end) if t.idx + len(t.text) <= end]


def token_from(sdoc: Doc, pos: int) -> Token | None:
    """The first token that starts at ``pos`` or after."""
    i = bisect_left(_starts(sdoc), pos)
    return sdoc[i] if i < len(sdoc) else None


def token_at(sdoc: Doc, pos: int) -> Token | None:
    """The token that starts exactly at ``pos``."""
    tok = token_from(sdoc, pos)
    return tok if tok is not None and tok.idx == pos else None


def token_before(sdoc: Doc, pos: int) -> Token | None:
    """The last token that starts before ``pos``."""
    i = bisect_left(_starts(sdoc), pos)
    return sdoc[i - 1] if i else None


def verbs_or(sdoc: Doc, word: str) -> list[Token]:
    """The tokens tagged as verbs (``VB...``) or written ``word`` in any case, in order: read from
    the Doc's arrays, without making a Token of each of the block's others."""
    strings = sdoc.vocab.strings
    tags = sdoc.to_array("TAG").tolist()
    verbs = {h for h in set(tags) if strings[h].startswith("VB")}
    lower = strings[word]
    return [
        sdoc[i]
        for i, (tag, low) in enumerate(zip(tags, sdoc.to_array("LOWER").tolist(), strict=True))
        if tag in verbs or low == lower
    ]

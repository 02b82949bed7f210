"""Finding quotation spans from quotation marks, before any parsing.

Works on the text of the quote-bearing blocks only. Curly marks say which way they face; straight
marks and misused curly ones are read from what flanks them (a space before and a letter after opens,
a letter before and a space or punctuation after closes). Single marks are quotes only when an opening
one is matched by a closing one in the same block, so apostrophes (don't, Russia's, '90s, rock 'n'
roll) never start a quote. Quotes nested inside another quote are part of the outer one.

A block that opens a double quote without closing it continues into the next quote-bearing block when
that block reopens with an opening mark (the classic multi-paragraph convention) or closes the quote
before opening another; such a quote becomes one :class:`Span` per block sharing a ``group``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN, CLOSE, EITHER, STRAY = 1, 2, 3, 0

DOUBLE_MARKS = frozenset('"“”„«»')
_ANY_MARK = re.compile("[" + re.escape("".join(sorted(DOUBLE_MARKS | set("'`‘’")))) + "]")
SINGLE_MARKS = frozenset("'‘’")
# Every quotation mark, as one string for str.strip.
MARK_CHARS = "\"“”‘’'„«»`"
# Characters after which a mark starts something (left-flanking context).
_OPENERS_BEFORE = frozenset("([{—–-/“‘\"'«„")
# Characters after which a single mark is an elision, never a quote: rock 'n' roll, 'em, '90s.
_ELISIONS = ("n'", "n’", "em ", "tis ", "twas ")


@dataclass(frozen=True, slots=True)
class Span:
    """Quoted content ``text[start:end]`` inside block ``block`` (index into the block list)."""

    start: int
    end: int
    block: int
    group: int  # spans of one quote running over several blocks share a group
    closed: bool  # False when the content runs to the end of its block


def _left_space(text: str, i: int, lo: int) -> bool:
    return i <= lo or text[i - 1].isspace() or text[i - 1] in _OPENERS_BEFORE


def _right_space(text: str, i: int, hi: int) -> bool:
    return i + 1 >= hi or text[i + 1].isspace() or (not text[i + 1].isalnum() and text[i + 1] not in "$£€#@")


def double_width(text: str, i: int, hi: int) -> int:
    """Length of the double quotation mark at ``text[i]`` (two for ``''`` and ````), else 0."""
    ch = text[i]
    if ch in DOUBLE_MARKS:
        return 1
    if ch in "'`‘’" and i + 1 < hi and text[i + 1] == ch:
        return 2  # typewriter doubles: ''quote'' and ``quote''
    return 0


def direction(text: str, i: int, lo: int, hi: int, width: int = 1) -> int:
    """Whether the mark at ``text[i:i + width]`` opens, closes or could do either, from glyph and flanks."""
    ch = text[i]
    j = i + width - 1
    left, right = _left_space(text, i, lo), _right_space(text, j, hi)
    if i > lo and text[i - 1] == "=":
        return STRAY  # an attribute value in leftover markup: key="value"
    if (i <= lo or text[i - 1].isspace()) and (j + 1 >= hi or text[j + 1].isspace()):
        if i - 3 >= lo and text[i - 2] in "'’" and text[i - 3] in ",.?!":
            return CLOSE  # a closing single mark set apart from the double one: '... brain,' " said Doe'
        return STRAY  # a mark with space on both sides faces nowhere
    if ch in "“‘„«`":
        # A curly opener glued to the end of a word is a misused closer.
        return CLOSE if right and not left else OPEN
    if ch in "”’»":
        return OPEN if left and not right else CLOSE
    if left and not right:
        return OPEN
    if right and not left:
        return CLOSE
    return EITHER


def _single_close(text: str, j: int, hi: int) -> int | None:
    """Index of the closing single mark for an opening one at ``j - 1``, or None."""
    k = j
    while k < hi:
        ch = text[k]
        if ch in "’'" and k > j and not text[k - 1].isspace():
            nxt = text[k + 1] if k + 1 < hi else " "
            if not nxt.isalnum():
                return k
        if double_width(text, k, hi):
            # A single quote never straddles a double one.
            return None
        k += 1
    return None


def _is_single_open(text: str, i: int, lo: int, hi: int) -> bool:
    if text[i] not in "‘'" or not _left_space(text, i, lo) or i + 1 >= hi or text[i + 1] == text[i]:
        return False
    nxt = text[i + 1]
    if not (nxt.isalpha() or nxt in '“"$'):
        return False  # '90s and stray marks
    return not text.startswith(_ELISIONS, i + 1)


def block_spans(text: str, lo: int, hi: int, pending: bool) -> tuple[list[tuple[int, int, bool, bool]], bool]:
    """Quoted spans of ``text[lo:hi]`` as (start, end, closed, continues_previous).

    ``pending`` says the previous block left a double quote open; the result's second item says
    whether this block leaves one open.
    """
    out: list[tuple[int, int, bool, bool]] = []
    i = lo
    # A block that continues a quote without reopening it: content runs to the first closing mark.
    if pending:
        first = next((k for k in range(lo, hi) if double_width(text, k, hi)), None)
        if first is not None and direction(text, first, lo, hi, double_width(text, first, hi)) == CLOSE:
            out.append((lo, first, True, True))
            i = first + double_width(text, first, hi)
        elif first is None or first != _skip_space(text, lo, hi):
            pending = False  # nothing reopens the quote here: it was never continued
    open_at: int | None = None
    cont = False
    depth = 0
    while i < hi:
        # Only quotation marks matter: jump to the next one (a Python step per character was most
        # of the time spent finding quotes).
        found = _ANY_MARK.search(text, i, hi)
        if found is None:
            break
        i = found.start()
        width = double_width(text, i, hi)
        if width:
            d = direction(text, i, lo, hi, width)
            if d == STRAY:
                pass
            elif open_at is None and d != CLOSE:
                open_at, cont = i + width, pending and not out and _skip_space(text, lo, hi) == i
                depth = 0
            elif open_at is not None and d != OPEN and depth:
                depth -= 1
            elif open_at is not None and d != OPEN:
                out.append((open_at, i, True, cont))
                open_at = None
            elif open_at is not None and d == OPEN and text[i] in "“„«`‘":
                depth += 1  # a curly quote inside a curly quote (should be single, often is not)
            elif open_at is not None and d == OPEN and i > open_at and text[i - 1].isspace():
                # A straight opener while open: the previous quote was never closed; restart here.
                open_at, cont = i + width, False
            i += width
            continue
        if open_at is None and _is_single_open(text, i, lo, hi):
            k = _single_close(text, i + 1, hi)
            if k is not None:
                out.append((i + 1, k, True, False))
                i = k
        i += 1
    if open_at is not None:
        out.append((open_at, hi, False, cont))
        return out, True
    return out, False


def _skip_space(text: str, lo: int, hi: int) -> int:
    while lo < hi and text[lo].isspace():
        lo += 1
    return lo


def find_spans(text: str, blocks: list[tuple[int, int, bool]]) -> list[Span]:
    """Quoted spans over ``blocks`` given as (start, end, breaks_before) in text order.

    ``breaks_before`` marks a block that may not continue a quote from the previous one (a headline
    or subhead came between them).
    """
    spans: list[Span] = []
    group = -1
    open_group = -1  # the group left open by the previous block
    for b, (lo, hi, breaks) in enumerate(blocks):
        found, pending_after = block_spans(text, lo, hi, open_group >= 0 and not breaks)
        continued = False
        last_g = -1
        for start, end, closed, cont in found:
            if cont and open_group >= 0:
                g, continued = open_group, True
            else:
                group += 1
                g = group
            last_g = g
            start, end = _trim(text, start, end)
            if end > start:
                spans.append(Span(start, end, b, g, closed))
        if open_group >= 0 and not continued:
            _drop_lone_unclosed(spans, open_group)
        open_group = last_g if pending_after else -1
    if open_group >= 0:
        _drop_lone_unclosed(spans, open_group)
    return spans


def _drop_lone_unclosed(spans: list[Span], group: int) -> None:
    """Drop a short quote that opened, never closed and was not continued: a stray mark, not speech."""
    members = [s for s in spans if s.group == group]
    if len(members) == 1 and not members[0].closed and members[0].end - members[0].start < 40:
        spans.remove(members[0])


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end

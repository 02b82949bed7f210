"""Small pure helpers for the UI: entity groups, dates, shortening and word wrapping.

No Textual imports: these are unit-testable and cheap to import.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime

from rich.cells import cell_len
from rich.text import Text

# Entity labels (OntoNotes) grouped into the colours the reader shows. Labels not listed
# (CARDINAL, ORDINAL) are not highlighted: "two" and "first" everywhere is noise, not help.
ENTITY_GROUPS: dict[str, str] = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
    "DATE": "time",
    "TIME": "time",
    "MONEY": "number",
    "PERCENT": "number",
    "QUANTITY": "number",
    "EVENT": "other",
    "WORK_OF_ART": "other",
    "LAW": "other",
    "PRODUCT": "other",
    "LANGUAGE": "other",
}

# Legend order and names.
GROUP_NAMES: dict[str, str] = {
    "person": "Person",
    "org": "Org",
    "place": "Place",
    "group": "Group",
    "time": "Date",
    "number": "Amount",
    "other": "Other",
}

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WORD = re.compile(r"\S+\s*")
# Characters outside these ranges may be wide or zero-width; inside, every one is one cell
# (Latin scripts and general punctuation such as curly quotes and dashes).
_NOT_NARROW = re.compile("[^\u0020-\u02ff\u2000-\u206f]")


def entity_group(label: str) -> str | None:
    """The colour group of an entity label, or None when it is not highlighted."""
    return ENTITY_GROUPS.get(label)


def format_date(value: str | None) -> str:
    """``2017-01-13`` -> ``13 Jan 2017``; a datetime keeps its hour. Absolute, so no clock is read."""
    if not value:
        return ""
    try:
        if len(value) <= 10:
            d = date.fromisoformat(value)
            return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    return f"{dt.day} {_MONTHS[dt.month - 1]} {dt.year} {dt.hour:02d}:{dt.minute:02d}"


def byline(source: str | None, when: str | None, room: int) -> str:
    """``source · date`` in at most ``room`` cells: the whole source and date if they fit, else
    without the time of day, else the source shortened; the date is never cut."""
    full, day = format_date(when), format_date(when[:10] if when else None)
    source = source or ""
    # A day of one digit is measured as two: whether the source fits beside the date then does
    # not change from row to row of a list ("Wikinews · 2 Aug 2015" above a bare "18 May 2015").
    pad = 1 if day[1:2] == " " else 0
    for s, d in ((source, full), (source, day)):
        text = " · ".join(p for p in (s, d) if p)
        if len(text) + (pad if s and d else 0) <= room:
            return text
    rest = room - (len(day) + pad + 3 if day else 0)
    if source and rest >= 8:
        return f"{shorten(source, rest)} · {day}" if day else shorten(source, rest)
    return day if day and len(day) <= room else shorten(source, room)


def sentence(note: str) -> str:
    """A status note ("not analysed: German") as a pane's sentence ("Not analysed: German.")."""
    return f"{note[:1].upper()}{note[1:]}." if note else ""


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, ending with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-—") + "…"


def excerpt(text: str, marks: Sequence[tuple[int, int]], width: int) -> tuple[str, list[tuple[int, int]]]:
    """About ``width`` characters of ``text`` from a little before its first mark, with an
    ellipsis where it was cut, and the marks moved to match."""
    start = 0
    if marks and marks[0][1] > width - 1:
        start = max(marks[0][0] - width // 4, 0)
        space = text.rfind(" ", 0, start)
        start = space + 1 if space > 0 else start
    lead = "…" if start > 0 and not text.startswith("…") else ""
    piece = lead + text[start:]
    end = len(piece) if len(piece) <= width else max(width - 1, 1)
    shown = piece[:end] + ("…" if end < len(piece) else "")
    shift = len(lead) - start
    moved = [(a + shift, min(b + shift, end)) for a, b in marks if a + shift >= len(lead) and a + shift < end]
    return shown, moved


LONG_WORD_ROOM = 8
"""Cells a line must have left for a word too long for any line (an address) to start there."""


def wrap_offsets(text: str, width: int, rest: int | None = None) -> list[tuple[int, int]]:
    """Greedy word wrap of one line of ``text`` into ``(start, end)`` character ranges, the first
    ``width`` cells wide and the others ``rest`` (a hanging indent; ``width`` when None).

    Ranges are contiguous (the spaces after a word stay on its line) so every offset in
    ``text`` belongs to exactly one range; a word wider than every line is folded, from the line
    it comes to when that has room left (``[4] https://…`` keeps its address beside the number).
    """
    first = max(width, 1)
    after = max(rest if rest is not None else width, 1)
    measure = len if not _NOT_NARROW.search(text) else cell_len
    lines: list[tuple[int, int]] = []
    start = 0
    for m in _WORD.finditer(text):
        word_start = m.start()
        word_end = word_start + len(m.group().rstrip())
        line_width = after if lines else first
        if measure(text[start:word_end]) <= line_width:
            continue
        room = line_width - measure(text[start:word_start])
        too_long = measure(text[word_start:word_end]) > after
        if word_start > start and not (too_long and room >= LONG_WORD_ROOM):
            lines.append((start, word_start))
            start = word_start
        while measure(text[start:word_end]) > (line_width := after if lines else first):
            # Fold a word that cannot fit on any line.
            cut, cells = start, 0
            while cells + cell_len(text[cut]) <= line_width:
                cells += cell_len(text[cut])
                cut += 1
            cut = max(cut, start + 1)  # a double-width character on a 1-cell line
            lines.append((start, cut))
            start = cut
    lines.append((start, len(text)))
    return lines


def hang(text: Text, width: int, first: str = "", rest: str = "", max_lines: int = 0) -> Text:
    """``text`` word-wrapped to ``width`` cells behind a first-line prefix and a hanging indent.

    Spans survive (lines are slices of ``text``). With ``max_lines``, extra lines are dropped
    and the last kept one ends with an ellipsis.
    """
    plain = text.plain
    # The lines after the first wrapped for their own indent (wrapped for a shallower one, they
    # overflow, and the list wraps them again with no indent at all).
    ranges = wrap_offsets(plain, max(width - cell_len(first), 4), max(width - cell_len(rest), 4))
    truncated = bool(max_lines) and len(ranges) > max_lines
    if truncated:
        ranges = ranges[:max_lines]
    out = Text(end="")
    for n, (a, b) in enumerate(ranges):
        if n:
            out.append("\n")
        out.append(first if n == 0 else rest)
        line = text[a:b]
        line.rstrip()
        if truncated and n == len(ranges) - 1:
            while line.cell_len + cell_len(first if n == 0 else rest) + 1 > width and len(line):
                line = line[:-1]
            line.rstrip()
            line.append("…")
        out.append_text(line)
    return out


def first_fitting(variants: Sequence[str], room: int, default: str = "") -> str:
    """The first of ``variants`` (longest first) no wider than ``room`` cells, else ``default``."""
    return next((v for v in variants if cell_len(v) <= room), default)


def fit_label(variants: Sequence[str], width: int) -> str:
    """The first of ``variants`` (longest first) that fits a border of ``width`` cells whole; ""
    when none does. Textual cuts a border label that does not fit with an ellipsis, mid-word."""
    return first_fitting(variants, width - 4)  # (the two corners and a blank each side)

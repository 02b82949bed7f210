"""Structure of a plain-text article: which line is the headline, a standfirst, a caption...

A plain-text article is a sequence of non-empty lines ("units"). The first is the headline;
each other one gets a kind from its own shape (:mod:`.lines`) and its neighbours:

- bullets before the first paragraph are the standfirst, later ones list items;
- a title-like line between the standfirst bullets and the first paragraph labels embedded
  media (on copied web pages that slot holds the video or photo-gallery title); without
  bullets only a Title Case line there is a subhead, a sentence-case one is the lead paragraph;
- a short line directly followed by a labelled credit ("Photo: ...") is that photo's caption;
- short Title Case (or ALL CAPS) lines without final punctuation between paragraphs are subheads;
- known promo openers, copyright and "on the X Terminal/app" plugs are promos, and so are
  short lines at the very end indented deeper than the body (pasted page chrome);
- everything else is a paragraph. Content is never dropped on weak evidence: one sentence
  per line (CoNLL style) stays headline + dateline + paragraphs.

Hard-wrapped text (every line filled to a fixed width) is unwrapped by turning the wrap
newlines into spaces, which keeps every offset, so one paragraph is one block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import (
    CAPTION,
    CREDIT,
    DATELINE,
    HEADLINE,
    LIST_ITEM,
    MEDIA,
    PARAGRAPH,
    PROMO,
    STANDFIRST,
    SUBHEAD,
    Block,
)
from .lines import (
    agency,
    bullet_length,
    is_byline,
    is_caption,
    is_credit,
    is_dateline,
    is_promo,
    is_sentence,
    is_title_case,
    is_title_like,
    iso_date,
)

# A first line longer than this that reads as sentences is the lead paragraph, not a headline.
LONG_HEADLINE = 200
# "PLACE (Agency) -" opening the first paragraph names the wire service.
_INLINE_DATELINE = re.compile(
    r"[^()\n]{0,60}\(([A-Z][A-Za-z]{1,20}(?: [A-Z][A-Za-z]{1,20})?)\)\s*(?:--|[-–—])\s"
)


@dataclass(slots=True)
class _Unit:
    start: int  # of the stripped line, in the text
    end: int
    indent: int  # leading spaces (a tab counts as 4)
    text: str


@dataclass(slots=True)
class TextStructure:
    """The blocks of a text and what its lines said about the article."""

    text: str
    blocks: list[Block]
    title: str
    date: str | None = None
    source: str | None = None


def _units(text: str) -> list[_Unit]:
    units = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            indent = line[:lead].count(" ") + 4 * line[:lead].count("\t")
            start = pos + lead
            units.append(_Unit(start, start + len(stripped), indent, stripped))
        pos += len(line) + 1
    return units


def unwrap(text: str) -> str:
    """Join hard-wrapped lines (wrap newline -> space, same length) when the whole text is wrapped.

    A text counts as wrapped when its longest line is 50-100 characters and at least 80 % of
    the line breaks inside paragraphs fall where the next word would not have fitted.
    """
    lines = text.split("\n")
    width = max((len(line.rstrip()) for line in lines), default=0)
    if not 50 <= width <= 100:
        return text
    full: list[int] = []  # indexes of lines whose newline is a wrap
    points = 0
    for i in range(len(lines) - 1):
        here, nxt = lines[i].rstrip(), lines[i + 1].strip()
        if not here.strip() or not nxt:
            continue
        points += 1
        if bullet_length(nxt) or len(here) < width // 2:
            continue
        if len(here) + 1 + len(nxt.split()[0]) > width:
            full.append(i)
    if points < 3 or len(full) < 0.8 * points:
        return text
    chars = list(text)
    pos = 0
    wraps = set(full)
    for i, line in enumerate(lines):
        pos += len(line)
        if i in wraps:
            chars[pos] = " "
        pos += 1
    return "".join(chars)


def _lead_title(line: str) -> str:
    """A title for an article without a headline: its first sentence, cut at a word near 100 chars."""
    m = re.search(r"[.!?](?:\s|$)", line)
    first = line[: m.end()].strip() if m else line
    if len(first) <= 100:
        return first
    return first[:100].rsplit(" ", 1)[0] + "…"


def structure(text: str) -> TextStructure:
    """Blocks of a cleaned plain text (see the module docstring for the rules)."""
    text = unwrap(text)
    units = _units(text)
    if not units:
        return TextStructure(text, [], "")
    n = len(units)
    kinds: list[str | None] = [None] * n
    skip = [0] * n  # bullet characters to leave out of a block
    label_credit = [False] * n  # a "Photo:"-style credit (bylines are credits too, but not for captions)

    first = units[0].text
    if len(first) > LONG_HEADLINE and is_sentence(first) and ". " in first:
        kinds[0] = PARAGRAPH
        title = _lead_title(first)
    else:
        kinds[0] = HEADLINE
        title = first

    for i in range(1, n):
        line = units[i].text
        if bl := bullet_length(line):
            kinds[i], skip[i] = LIST_ITEM, bl
        elif is_credit(line):
            kinds[i], label_credit[i] = CREDIT, True
        elif is_promo(line):
            kinds[i] = PROMO
        elif is_dateline(line):
            kinds[i] = DATELINE
        elif is_byline(line):
            kinds[i] = CREDIT

    # The front matter: from the headline to the first line of running text.
    seen_bullets = False
    for i in range(1, n):
        line = units[i].text
        if kinds[i] == LIST_ITEM:
            kinds[i], seen_bullets = STANDFIRST, True
        elif kinds[i] is not None:
            continue
        elif seen_bullets and is_title_like(line):
            kinds[i] = MEDIA
        elif _is_subhead(line):
            kinds[i] = SUBHEAD
        else:
            break

    for i in range(1, n):
        if kinds[i] is not None:
            continue
        line = units[i].text
        if i + 1 < n and label_credit[i + 1] and is_caption(line):
            kinds[i] = CAPTION
        elif i + 1 < n and _is_subhead(line):
            kinds[i] = SUBHEAD
        else:
            kinds[i] = PARAGRAPH

    _trailing_promos(units, kinds)

    blocks = [
        Block(k or PARAGRAPH, u.start + skip[i], u.end)
        for i, (u, k) in enumerate(zip(units, kinds, strict=True))
    ]
    date, source = _front_metadata(units, kinds)
    return TextStructure(text, blocks, title, date, source)


def _is_subhead(line: str) -> bool:
    return len(line) <= 80 and is_title_like(line, max_words=10) and is_title_case(line)


def _trailing_promos(units: list[_Unit], kinds: list[str | None]) -> None:
    """Short lines after the last paragraph, indented deeper than the paragraphs, are page chrome."""
    indents = [u.indent for u, k in zip(units, kinds, strict=True) if k == PARAGRAPH]
    if not indents:
        return
    body = min(indents)
    for i in range(len(units) - 1, 0, -1):
        u = units[i]
        if kinds[i] in (PROMO, CREDIT):
            continue
        if u.indent < body + 2 or len(u.text.split()) > 30 or kinds[i] not in (PARAGRAPH, SUBHEAD):
            break
        kinds[i] = PROMO


def _front_metadata(units: list[_Unit], kinds: list[str | None]) -> tuple[str | None, str | None]:
    """Date and wire agency from a dateline near the top, or a "PLACE (Agency) -" lead."""
    date = source = None
    for u, k in zip(units[:8], kinds[:8], strict=False):
        if k == DATELINE:
            date = date or iso_date(u.text)
            source = source or agency(u.text)
        elif k == PARAGRAPH:
            m = _INLINE_DATELINE.match(u.text)
            if m and source is None:
                source = m.group(1)
            break
    return date, source

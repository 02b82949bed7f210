"""What the HTML walker remembers about open lists and links, to number them as the page does.

:class:`Lists` gives each list item its bullet or number (``<ol start>`` and ``<li value>``
honoured) and its indentation by nesting; :class:`Anchors` decides where a link's ``[n]`` goes:
after its text, or on the image it wraps. Both are stacks pushed and popped with the walker's
own (libxml2 balances every start with an end).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..sanitize import clean_line

BULLETS = ("•", "◦", "▪")  # by nesting depth
INDENT = "  "  # per level of nesting
# A list item's text opens with its nesting indent and its bullet or number (or, for a second
# paragraph of the same item, the indent and spaces the width of the mark).
LIST_MARK = re.compile(r"( *)(?:([•◦▪]|\d{1,6}\.) )?")
_MAX_NUMBER = 999_999
MAX_LABEL = 200  # characters of a link's own text kept for the list of links


def _number(value: str | None, default: int) -> int:
    try:
        n = int((value or "").strip())
    except ValueError:
        return default
    return n if 0 <= n <= _MAX_NUMBER else default


@dataclass(slots=True)
class _Item:
    indent: str
    mark: str
    used: bool = False


class Lists:
    """Open ``<ul>``/``<ol>`` (the next number of an ``<ol>``, None for bullets) and ``<li>``."""

    def __init__(self) -> None:
        self.open: list[int | None] = []
        self.items: list[_Item] = []

    def start(self, tag: str, attrib: Mapping[str, str]) -> None:
        if tag != "li":
            self.open.append(_number(attrib.get("start"), 1) if tag == "ol" else None)
            return
        depth = max(len(self.open) - 1, 0)
        following = self.open[-1] if self.open else None
        if following is not None:
            n = _number(attrib.get("value"), following)
            self.open[-1] = n + 1
            mark = f"{n}. "
        else:
            mark = BULLETS[min(depth, len(BULLETS) - 1)] + " "
        self.items.append(_Item(INDENT * depth, mark))

    def end(self, tag: str) -> None:
        stack: list = self.items if tag == "li" else self.open
        if stack:
            stack.pop()

    def mark(self) -> str:
        """What opens the next part of the innermost item: indent and mark, then indent only."""
        if not self.items:
            return ""
        item = self.items[-1]
        if item.used:
            return item.indent + " " * len(item.mark)
        item.used = True
        return item.indent + item.mark


@dataclass(slots=True)
class _Anchor:
    number: int | None
    parts: int  # parts emitted when the link opened
    buf: int  # length of the text buffer when the link opened
    shown: bool = False


class Anchors:
    """Open ``<a>`` elements and their link numbers."""

    def __init__(self) -> None:
        self.open: list[_Anchor] = []

    def start(self, number: int | None, parts: int, buf: int) -> None:
        self.open.append(_Anchor(number, parts, buf))

    def claim(self) -> int | None:
        """The number of the innermost open link, for an image it wraps (once)."""
        for anchor in reversed(self.open):
            if anchor.number is not None:
                if anchor.shown:
                    return None
                anchor.shown = True
                return anchor.number
        return None

    def end(self, parts: int, buf: list[str]) -> tuple[int, str] | None:
        """The number to put after the link's text, and that text: only when the text is still in
        the same block."""
        if not self.open:
            return None
        anchor = self.open.pop()
        if anchor.number is None or anchor.shown or parts != anchor.parts:
            return None
        text = "".join(buf[anchor.buf :])
        return (anchor.number, text) if text.strip() else None


class LinkNumbers:
    """The distinct links walked, numbered from 1 in order of first sight; ``resolve`` keeps or refuses one.

    Called with each ``<a href>``; returns the link's number (None when refused or past ``limit``).
    :meth:`name` keeps the first text a link had (what the reader saw: "the report").
    """

    def __init__(self, resolve: Callable[[str | None], str | None], limit: int = 200) -> None:
        self.resolve = resolve
        self.limit = limit
        self.found: list[str] = []
        self.numbers: dict[str, int] = {}
        self.texts: dict[int, str] = {}

    def name(self, number: int, text: str) -> None:
        """Note ``text`` as link ``number``'s own text, unless it has one or the text is its address."""
        if number in self.texts or not 0 < number <= len(self.found):
            return
        text = link_label(text, self.found[number - 1])
        if text:
            self.texts[number] = text

    def labels(self) -> list[str]:
        """Each found link's own text ("" for none), in number order."""
        return [self.texts.get(n, "") for n in range(1, len(self.found) + 1)]

    def __call__(self, href: str | None) -> int | None:
        url = self.resolve(href)
        if not url:
            return None
        number = self.numbers.get(url)
        if number is None and len(self.found) < self.limit:
            self.found.append(url)
            number = self.numbers[url] = len(self.found)
        return number


def link_label(text: str, url: str) -> str:
    """A link's own text as one clean line (cut at :data:`MAX_LABEL`), or "" when it only repeats
    the address ("https://example.com/a", "example.com/a")."""
    text = clean_line(text)
    bare = url.split("://", 1)[-1].rstrip("/")
    if (
        not text
        or text.rstrip("/") in (url.rstrip("/"), bare)
        or text.rstrip("/") == bare.removeprefix("www.")
    ):
        return ""
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1].rstrip() + "…"

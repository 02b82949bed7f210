"""An article's numbered links and enclosures, as its text carries them.

The readers number every link in the body: ``[n]`` follows the link's text, and the article ends
with one :data:`LINK` block per link (``[n] url``) and one :data:`ENCLOSURE` block per feed
enclosure (``[n] url (audio/mpeg, 24.3 MB)``). The numbers live in the text itself, so they are
stored, searched and shown with it; this module reads them back (:func:`document_links`,
:func:`link_marks`) and hides the in-text marks from the analysis (:func:`without_link_marks`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .documents import ENCLOSURE, LINK, PROMO, Document

# "[n] url" or "[n] url (detail)": urls are checked http(s) addresses without spaces.
_LINE = re.compile(r"\[(\d{1,4})\] (https?://\S+)(?: \((.{1,200})\))?")
_MARK = re.compile(r"\[(\d{1,4})\]")
# Closing quotation marks (and a straight one) that may follow a link's mark: see without_link_marks.
_CLOSING_MARKS = frozenset("”’»\"'")
_UNITS = ("bytes", "KB", "MB", "GB", "TB")


@dataclass(frozen=True, slots=True)
class DocLink:
    """One numbered address of an article: a link in its text, or a feed enclosure."""

    number: int
    url: str
    enclosure: bool = False
    detail: str = ""  # an enclosure's type and size: "audio/mpeg, 24.3 MB"
    text: str = ""  # the link's own text in the article ("the report"), "" when unknown


def link_line(number: int, url: str, detail: str = "") -> str:
    """The text of a :data:`LINK` or :data:`ENCLOSURE` block."""
    return f"[{number}] {url}" + (f" ({detail})" if detail else "")


def human_size(size: int | None) -> str:
    """``25480000`` -> ``"24.3 MB"`` (binary multiples, as file managers show them); "" for unknown."""
    if size is None or size <= 0:
        return ""
    value = float(size)
    for unit in _UNITS:
        if value < 1024 or unit == _UNITS[-1]:
            return f"{size} bytes" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return ""  # pragma: no cover - the loop always returns


def enclosure_detail(media_type: str, size: int | None) -> str:
    """``"audio/mpeg, 24.3 MB"``, or whichever half is known."""
    return ", ".join(p for p in (media_type, human_size(size)) if p)


def document_links(doc: Document) -> list[DocLink]:
    """The numbered links and enclosures at the end of ``doc``, in number order.

    Articles stored before links were numbered list them as ``[n] url`` promo blocks: those count too.
    """
    out: dict[int, DocLink] = {}
    for block in doc.blocks:
        if block.kind not in (LINK, ENCLOSURE, PROMO):
            continue
        m = _LINE.fullmatch(doc.text[block.start : block.end])
        if m is None:
            continue
        number = int(m.group(1))
        out.setdefault(
            number, DocLink(number, m.group(2), block.kind == ENCLOSURE, m.group(3) or "", block.label)
        )
    return [out[n] for n in sorted(out)]


def link_marks(doc: Document) -> list[tuple[int, int, int]]:
    """``(start, end, number)`` of every ``[n]`` in the body that names one of its links."""
    numbers = {link.number for link in document_links(doc) if not link.enclosure}
    if not numbers:
        return []
    marks = []
    for block in doc.blocks:
        if block.kind in (LINK, ENCLOSURE, PROMO):
            continue
        for m in _MARK.finditer(doc.text, block.start, block.end):
            if int(m.group(1)) in numbers:
                marks.append((m.start(), m.end(), int(m.group(1))))
    return marks


def title_without_marks(doc: Document, title: str) -> str:
    """``title`` (one taken from ``doc``'s first words) without the ``[n]`` marks of its links:
    a list row read "This is the human side[1] of…"."""
    numbers = {link.number for link in document_links(doc)}
    if not numbers:
        return title
    return _MARK.sub(lambda m: "" if int(m.group(1)) in numbers else m.group(0), title)


def without_link_marks(doc: Document) -> Document:
    """``doc`` with its ``[n]`` marks blanked (same length, so every offset still holds) for analysis.

    Closing quotation marks right after a mark move up to where it began: a linked title in quotes,
    “Secrecy and public-key systems[21]” (1979), still closes after its last word, where a blank
    before the mark would leave it facing nowhere and the quote running on to the next one."""
    marks = link_marks(doc)
    if not marks:
        return doc
    text = doc.text
    chars = list(text)
    for start, end, _ in marks:
        after = end
        while after < len(text) and text[after] in _CLOSING_MARKS:
            after += 1
        if after < len(text) and text[after].isalnum():
            after = end  # an apostrophe: "Chase Utley[1]'s" keeps its possessive where it is
        chars[start:after] = text[end:after] + " " * (end - start)
    return replace(doc, text="".join(chars))


def unmarked(shown: Document, analysed: Document, sentence: str) -> str:
    """A sentence of ``analysed`` (``shown`` with its marks blanked) as the author wrote it: the
    same stretch of ``shown`` with its ``[n]`` marks taken out, not left as spaces."""
    if shown is analysed or not sentence.strip():
        return sentence
    # The summary may have closed up the blanks: any run of white space matches any other.
    found = re.search(r"\s+".join(map(re.escape, sentence.split())), analysed.text)
    if found is None:
        return sentence
    at, end = found.span()
    pos, out = at, []
    for start, stop, _ in link_marks(shown):
        if at <= start and stop <= end:
            out.append(shown.text[pos:start])
            pos = stop
    out.append(shown.text[pos:end])
    return "".join(out)

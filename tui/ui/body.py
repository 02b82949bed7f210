"""The article body as styled rich ``Text`` pieces, and their layout into terminal rows.

Pure code (rich only, no Textual): :func:`build_pieces` turns a :class:`Document` (and its
:class:`Analysis`) into pieces styled by spans (never markup, so article text is shown
literally), and :class:`BodyLayout` word-wraps them to a width while keeping the mapping from
``Document.text`` offsets to rows, so the view can scroll to an entity or a quote.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text

from ..core.models import (
    BLOCKQUOTE,
    CAPTION,
    CODE,
    CREDIT,
    DATELINE,
    ENCLOSURE,
    HEADLINE,
    IMAGE,
    LINK,
    LIST_ITEM,
    MEDIA,
    PROMO,
    STANDFIRST,
    SUBHEAD,
    Analysis,
    Block,
    Document,
    document_links,
    link_marks,
)
from .format import entity_group, format_date, wrap_offsets

# Names of the styles the body needs; the widget supplies them from its component classes.
STYLE_NAMES = (
    "headline",
    "meta",
    "attribution",
    "label",
    "standfirst",
    "paragraph",
    "subhead",
    "caption",
    "credit",
    "media",
    "dateline",
    "list",
    "quote",
    "code",
    "blockquote",
    "image",
    "link",
    "link-mark",
    "mark",
    "ent-person",
    "ent-org",
    "ent-place",
    "ent-group",
    "ent-time",
    "ent-number",
    "ent-other",
)

Styles = Mapping[str, Style]


@dataclass(slots=True)
class Piece:
    """One paragraph-like unit of the body, laid out as a block of rows."""

    text: Text  # no newlines
    doc_start: int | None  # offset of text[0] in Document.text; None for furniture (labels, meta)
    first_prefix: str = ""  # e.g. "• " on the first row
    rest_prefix: str = ""  # hanging indent for the following rows
    gap: int = 1  # blank rows before the piece
    kind: str = ""
    wrap: bool = True  # False: code, cut at the width, never reflowed

    @property
    def doc_end(self) -> int | None:
        return None if self.doc_start is None else self.doc_start + len(self.text)


EMPTY_NOTE = "No text beyond the headline."


def _furniture(text: str, style: Style, kind: str, gap: int = 1, prefix: str = "") -> Piece:
    return Piece(Text(text, style=style, end=""), None, prefix, " " * len(prefix), gap, kind)


def build_pieces(doc: Document, analysis: Analysis | None, highlight: bool, styles: Styles) -> list[Piece]:
    """The body of ``doc`` as pieces: headline, meta and attribution, standfirst, then the blocks.

    Promo blocks are left out (but the link lists of articles stored before links were numbered);
    entity mentions are styled by type when ``highlight`` is on; link numbers always.
    """
    pieces: list[Piece] = []
    listed = {link.url for link in document_links(doc)}
    blocks = [b for b in doc.blocks if b.end > b.start and (b.kind != PROMO or _is_link_line(doc, b, listed))]
    headlines = [b for b in blocks if b.kind == HEADLINE]
    if headlines:
        h = headlines[0]
        pieces.append(
            Piece(Text(doc.text[h.start : h.end], style=styles["headline"], end=""), h.start, gap=0)
        )
    else:
        pieces.append(_furniture(doc.title or "Untitled", styles["headline"], HEADLINE, gap=0))

    meta = " · ".join(p for p in (doc.source, format_date(doc.date)) if p)
    if meta:
        pieces.append(_furniture(meta, styles["meta"], "meta", gap=1))
    if doc.attribution:
        pieces.append(_furniture(doc.attribution, styles["attribution"], "attribution", gap=0 if meta else 1))

    standfirst = [b for b in blocks if b.kind == STANDFIRST]
    if standfirst:
        pieces.append(_furniture("Publisher's summary", styles["label"], "label", gap=1))
        for b in standfirst:
            text = Text(doc.text[b.start : b.end], style=styles["standfirst"], end="")
            pieces.append(Piece(text, b.start, "• ", "  ", 0, STANDFIRST))

    previous = ""
    before_text = len(pieces)
    for b in blocks:
        if b.kind == STANDFIRST or (headlines and b is headlines[0]):
            continue
        raw = doc.text[b.start : b.end]
        kind = LINK if b.kind == PROMO else b.kind
        if kind in (CODE, LINK, ENCLOSURE):
            pieces.extend(_listed_pieces(doc, b, kind, previous, styles))
            previous = kind
            continue
        if kind == SUBHEAD:
            piece = Piece(Text(raw, style=styles["subhead"], end=""), b.start, gap=1)
        elif kind in (CAPTION, CREDIT):
            # Set apart: indented, dim; a credit right under its caption stays attached.
            gap = 0 if previous in (CAPTION, CREDIT) else 1
            piece = Piece(Text(raw, style=styles[kind], end=""), b.start, "    ", "    ", gap)
        elif kind == MEDIA:
            piece = Piece(Text(raw, style=styles["media"], end=""), b.start, "  ▶ ", "    ", 1)
        elif kind == LIST_ITEM:
            gap = 0 if previous == LIST_ITEM else 1
            mark = list_mark(doc, b)
            piece = Piece(Text(raw, style=styles["list"], end=""), b.start, mark, " " * len(mark), gap)
        elif kind == BLOCKQUOTE:
            piece = Piece(Text(raw, style=styles["blockquote"], end=""), b.start, "  ▎ ", "  ▎ ", 1)
        elif kind == IMAGE:
            piece = Piece(Text(raw, style=styles["image"], end=""), b.start, "  ", "  ", 1)
        elif kind == DATELINE:
            piece = Piece(Text(raw, style=styles["dateline"], end=""), b.start, gap=1)
        elif kind == HEADLINE:  # a second headline-looking line: show it as a subhead
            piece = Piece(Text(raw, style=styles["subhead"], end=""), b.start, gap=1)
        else:
            piece = Piece(Text(raw, style=styles["paragraph"], end=""), b.start, gap=1)
        piece.kind = kind
        pieces.append(piece)
        previous = kind

    if not standfirst and len(pieces) == before_text:
        # An item that is only a headline (some feeds send no description): say so, rather
        # than leave the pane blank under it as if the text had not loaded.
        pieces.append(_furniture(EMPTY_NOTE, styles["meta"], "note", gap=1))
    spans = [(start, end, styles["link-mark"]) for start, end, _ in link_marks(doc)]
    if analysis is not None and highlight:
        spans = _analysis_spans(analysis, styles) + spans
    _stylize(pieces, spans)
    return pieces


def _is_link_line(doc: Document, block: Block, listed: set[str]) -> bool:
    """An old ``[n] url`` promo line: shown in the Links list like a link block."""
    text = doc.text[block.start : block.end]
    return text.startswith("[") and text.partition(" ")[2] in listed


def list_mark(doc: Document, block: Block) -> str:
    """What goes before a list item: its number or a bullet, indented by its nesting.

    The mark is in the text before the block ("  ◦ ", "3. "); a continuation paragraph of an item
    has only spaces there, and an item without one (plain text) gets a bullet.
    """
    line = doc.text[doc.text.rfind("\n", 0, block.start) + 1 : block.start]
    mark = line.strip()
    depth = min((len(line) - len(line.lstrip(" "))) // 2, 4)
    if not mark:
        return "  " + (line if line else "• ")
    if not mark[:-1].isdigit():
        mark = "•◦▪"[min(depth, 2)]
    return "  " + "  " * depth + mark + " "


def _listed_pieces(doc: Document, b: Block, kind: str, previous: str, styles: Styles) -> list[Piece]:
    """Code (a piece per line, never reflowed) or one line of the Links list (under its label)."""
    raw = doc.text[b.start : b.end]
    if kind == CODE:
        out, pos = [], b.start
        for n, line in enumerate(raw.split("\n")):
            out.append(
                Piece(Text(line, style=styles["code"], end=""), pos, "    ", "    ", int(n == 0), CODE, False)
            )
            pos += len(line) + 1
        return out
    out = []
    if previous not in (LINK, ENCLOSURE) or (kind == ENCLOSURE and previous == LINK):
        label = "Links" if kind == LINK else "Enclosures"
        out.append(_furniture(label, styles["label"], "label", gap=1))
    text = Text(raw, style=styles["link"], end="")
    number = raw.partition(" ")[0]
    text.stylize(styles["link-mark"], 0, len(number))
    out.append(Piece(text, b.start, "  ", "  " + " " * (len(number) + 1), 0, kind))
    return out


def _analysis_spans(analysis: Analysis, styles: Styles) -> list[tuple[int, int, Style]]:
    spans = [(q.start, q.end, styles["quote"]) for q in analysis.speech]
    for e in analysis.entities:
        group = entity_group(e.label)
        if group:
            spans.append((e.start, e.end, styles[f"ent-{group}"]))
    return spans


def _stylize(pieces: list[Piece], spans: list[tuple[int, int, Style]]) -> None:
    """Style document ranges inside the pieces that hold them (by offset); later spans win."""
    located = sorted((p.doc_start, i) for i, p in enumerate(pieces) if p.doc_start is not None)
    starts = [s for s, _ in located]

    def apply(start: int, end: int, style: Style) -> None:
        k = bisect_right(starts, start) - 1
        if k < 0:
            return
        piece = pieces[located[k][1]]
        assert piece.doc_start is not None
        local = start - piece.doc_start
        if local < len(piece.text):
            piece.text.stylize(style, local, min(end - piece.doc_start, len(piece.text)))

    for start, end, style in spans:
        apply(start, end, style)


def _cut(length: int, width: int) -> list[tuple[int, int]]:
    """Rows of a line that is never reflowed: cut every ``width`` characters, one row if empty."""
    return [(a, min(a + width, length)) for a in range(0, max(length, 1), width)]


@dataclass(frozen=True, slots=True)
class Row:
    """One terminal row: ``pieces[piece].text[start:end]`` after a prefix; piece -1 is blank."""

    piece: int
    start: int
    end: int
    prefix: str


BLANK = Row(-1, 0, 0, "")


class BodyLayout:
    """Pieces wrapped to ``width`` cells, with offset <-> row lookups."""

    def __init__(self, pieces: list[Piece], width: int, margin: int = 0) -> None:
        self.pieces = pieces
        self.width = width
        pad = " " * margin
        width = max(width - 2 * margin, 8)
        self.rows: list[Row] = []
        self._first_row: list[int] = []  # first row index of each piece
        for i, piece in enumerate(pieces):
            if self.rows:
                self.rows.extend([BLANK] * piece.gap)
            self._first_row.append(len(self.rows))
            avail = max(width - len(piece.first_prefix), 8)
            plain = piece.text.plain
            if piece.wrap:  # the rows after the first for their own indent (a link's, deeper)
                spans = wrap_offsets(plain, avail, max(width - len(piece.rest_prefix), 8))
            else:
                spans = _cut(len(plain), avail)
            for n, (a, b) in enumerate(spans):
                self.rows.append(Row(i, a, b, pad + (piece.first_prefix if n == 0 else piece.rest_prefix)))
        self._located = sorted((p.doc_start, i) for i, p in enumerate(pieces) if p.doc_start is not None)
        self._starts = [s for s, _ in self._located]

    def __len__(self) -> int:
        return len(self.rows)

    def row_of(self, offset: int) -> int | None:
        """The row showing ``Document.text[offset]``, or None when it is not in the body."""
        k = bisect_right(self._starts, offset) - 1
        if k < 0:
            return None
        i = self._located[k][1]
        piece = self.pieces[i]
        local = offset - (piece.doc_start or 0)
        if local > len(piece.text):
            return None
        row = self._first_row[i]
        while (
            row + 1 < len(self.rows) and self.rows[row + 1].piece == i and self.rows[row + 1].start <= local
        ):
            row += 1
        return row

    def offset_of(self, row: int) -> int | None:
        """The document offset at the start of ``row`` (or of the next row that has one)."""
        for r in self.rows[max(row, 0) :]:
            if r.piece >= 0 and self.pieces[r.piece].doc_start is not None:
                return (self.pieces[r.piece].doc_start or 0) + r.start
        return None

    def line(self, row: int, mark: tuple[int, int] | None, mark_style: Style | None) -> Text:
        """The styled text of ``row``, with the mark (document offsets) applied if it crosses it."""
        r = self.rows[row]
        if r.piece < 0:
            return Text("", end="")
        piece = self.pieces[r.piece]
        text = piece.text[r.start : r.end]
        text.rstrip()
        if mark is not None and mark_style is not None and piece.doc_start is not None:
            a = max(mark[0] - piece.doc_start - r.start, 0)
            b = min(mark[1] - piece.doc_start - r.start, len(text))
            if a < b:
                text.stylize(mark_style, a, b)
        if r.prefix:
            text = Text.assemble(Text(r.prefix, style=piece.text.style, end=""), text, end="")
        return text

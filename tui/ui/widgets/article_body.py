"""The article body: a scrolling, line-rendered view of one document.

The body is built once per (article, analysis, highlight) as styled rich ``Text`` pieces and
laid out once per width; rows become strips lazily as they scroll into view, so long articles
open quickly and toggling the mark only repaints the rows it touches.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...core.models import Analysis, Document, Entity
from ..body import STYLE_NAMES, BodyLayout, Piece, build_pieces
from ..format import entity_group
from .styling import component_style


class ArticleBody(ScrollView, can_focus=True):
    """Shows one article; scrolls to and marks document ranges (entities, quotes)."""

    COMPONENT_CLASSES = {f"article-body--{name}" for name in STYLE_NAMES}

    BINDINGS = [
        Binding("j", "scroll_down", "Scroll down", show=False, id="body.down"),
        Binding("k", "scroll_up", "Scroll up", show=False, id="body.up"),
        Binding("g", "scroll_home", "Top", show=False, id="body.top"),
        Binding("G", "scroll_end", "Bottom", show=False, id="body.bottom"),
        Binding("enter", "open_entity", "Page of the marked name", show=False, id="body.entity"),
    ]

    @dataclass
    class EntityChosen(Message):
        """Enter on a marked name: open its page."""

        name: str
        label: str

    MARGIN = 2
    """Columns left blank on each side of the text (the line API has no CSS padding)."""

    MEASURE = 92
    """Longest line of text: wide terminals get a readable column, not 150-character lines."""

    highlight: reactive[bool] = reactive(True)
    """Style entity mentions by type."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.article_id: int | None = None
        self.document: Document | None = None
        self.analysis: Analysis | None = None
        self.mark: tuple[int, int] | None = None
        self._pieces: LRUCache[tuple[int, bool, bool], list[Piece]] = LRUCache(32)
        self._layouts: LRUCache[tuple[int, bool, bool, int], BodyLayout] = LRUCache(32)
        self._strips: LRUCache[int, Strip] = LRUCache(2048)
        self._layout: BodyLayout | None = None
        self._styles: dict[str, Style] | None = None
        self._pending_scroll: int | None = None  # document offset to reveal once laid out

    # -- public API -------------------------------------------------------------------------

    def show(self, article_id: int, document: Document, analysis: Analysis | None) -> None:
        """Display ``document`` from the top (a new article) or in place (same article)."""
        same = article_id == self.article_id
        if not same:
            self.mark = None
            self._pending_scroll = None
        self.article_id = article_id
        self.document = document
        self.analysis = analysis
        self._relayout()
        if not same:
            self.scroll_to(0, 0, animate=False, immediate=True)

    def clear(self) -> None:
        """Show nothing (the article on show left the library)."""
        self.article_id = self.document = self.analysis = self.mark = None
        self._pending_scroll = None
        self._relayout()

    def set_analysis(self, analysis: Analysis | None) -> None:
        """The analysis of the article on show arrived: restyle without moving."""
        if self.analysis is analysis:
            return
        self.analysis = analysis
        self._relayout()

    def forget(self, article_id: int) -> None:
        """Drop cached pieces of an article (its analysis changed)."""
        for key in [k for k in self._pieces.keys() if k[0] == article_id]:
            self._pieces.discard(key)
        for key in [k for k in self._layouts.keys() if k[0] == article_id]:
            self._layouts.discard(key)

    def mark_range(self, start: int, end: int, *, scroll: bool = True) -> None:
        """Mark ``Document.text[start:end]`` and scroll it into view."""
        self.mark = (start, end)
        self._strips.clear()
        self.refresh()
        if scroll:
            self.reveal(start)

    def reveal(self, offset: int) -> None:
        """Scroll so the row holding document ``offset`` sits in the upper third of the view."""
        if self._layout is None:
            self._pending_scroll = offset
            return
        row = self._layout.row_of(offset)
        if row is None:
            return
        self.scroll_to(y=max(row - max(self.size.height // 3, 1), 0), animate=False)

    def row_of(self, offset: int) -> int | None:
        """The content row showing document ``offset`` (None before layout)."""
        return self._layout.row_of(offset) if self._layout else None

    @property
    def entities(self) -> list[Entity]:
        """Highlightable entity mentions of the article on show, in text order."""
        if self.analysis is None:
            return []
        return sorted(
            (e for e in self.analysis.entities if entity_group(e.label)), key=lambda e: (e.start, e.end)
        )

    def action_open_entity(self) -> None:
        mention = next((e for e in self.entities if self.mark == (e.start, e.end)), None)
        if mention is None:
            self.notify("Mark a name with ] or [ first, then Enter opens its page.", timeout=3)
        else:
            self.post_message(self.EntityChosen(mention.canonical, mention.label))

    def jump_entity(self, forward: bool = True) -> Entity | None:
        """Mark the next (previous) entity mention after (before) the mark or the top of the view."""
        mentions = self.entities
        if not mentions or self._layout is None:
            return None
        if self.mark is not None:
            pos = self.mark[0]
        else:
            top = self._layout.offset_of(int(self.scroll_offset.y))
            pos = (top - 1) if (forward and top is not None) else (top or 0)
        if forward:
            target = next((e for e in mentions if e.start > pos), mentions[0])
        else:
            target = next((e for e in reversed(mentions) if e.start < pos), mentions[-1])
        self.mark_range(target.start, target.end)
        return target

    # -- rendering --------------------------------------------------------------------------

    def watch_highlight(self) -> None:
        self._relayout()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        # Colours come from component classes: a theme change invalidates every cached piece.
        self._styles = None
        self._pieces.clear()
        self._layouts.clear()
        self._strips.clear()
        self._relayout()

    def on_resize(self) -> None:
        self._relayout()

    def _body_styles(self) -> dict[str, Style]:
        if self._styles is None:
            self._styles = {name: component_style(self, f"article-body--{name}") for name in STYLE_NAMES}
        return self._styles

    def _relayout(self) -> None:
        self._strips.clear()
        doc, width = self.document, self.scrollable_content_region.width
        if doc is None or self.article_id is None or width <= 0 or not self.is_mounted:
            self._layout = None
            self.virtual_size = Size(0, 0)
            self.refresh()
            return
        key = (self.article_id, self.analysis is not None, self.highlight)
        pieces = self._pieces.get(key)
        if pieces is None:
            pieces = build_pieces(doc, self.analysis, self.highlight, self._body_styles())
            self._pieces[key] = pieces
        layout = self._layouts.get((*key, width))
        if layout is None or layout.pieces is not pieces:
            layout = BodyLayout(pieces, min(width, self.MEASURE + 2 * self.MARGIN), margin=self.MARGIN)
            self._layouts[(*key, width)] = layout
        self._layout = layout
        self.virtual_size = Size(width, len(layout))
        self.refresh()
        if self._pending_scroll is not None:
            offset, self._pending_scroll = self._pending_scroll, None
            self.call_after_refresh(self.reveal, offset)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        row = scroll_y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        layout = self._layout
        if layout is None or row >= len(layout):
            return Strip.blank(width, base)
        strip = self._strips.get(row)
        if strip is None:
            mark_style = self._body_styles()["mark"]
            text = layout.line(row, self.mark, mark_style)
            strip = Strip(text.render(self.app.console), text.cell_len)
            self._strips[row] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, base).apply_style(base)

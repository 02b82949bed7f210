"""The article list: the articles of the chosen view, newest first, with unread and star marks.

A line-API widget with fixed-height rows (two title lines and a byline): only the rows on
screen are ever built, so a library of thousands of articles paints as fast as one of ten.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer

from ..format import byline, excerpt, hang
from .styling import StyleCache

if TYPE_CHECKING:
    from ...core.models import ArticleRow, SearchHit

ROW_HEIGHT = 3  # two lines of title, one byline


class ArticleList(ScrollView, can_focus=True):
    """Article rows; moving the cursor opens the article after a short pause (debounce)."""

    COMPONENT_CLASSES = {
        "article-list--unread",
        "article-list--title",
        "article-list--title-unread",
        "article-list--meta",
        "article-list--pending",
        "article-list--star",
        "article-list--cursor",
        "article-list--cursor-blurred",
        "article-list--empty",
        "article-list--snippet",
        "article-list--match",
        "article-list--story",
    }

    BINDINGS = [
        Binding("enter", "select", "Open article", show=False, id="articles.select"),
        Binding("j,down", "cursor_down", "Next article", show=False, id="articles.down"),
        Binding("k,up", "cursor_up", "Previous article", show=False, id="articles.up"),
        Binding("g,home", "first", "First article", show=False, id="articles.first"),
        Binding("G,end", "last", "Last article", show=False, id="articles.last"),
        Binding("pagedown", "page_down", "Page down", show=False, id="articles.page-down"),
        Binding("pageup", "page_up", "Page up", show=False, id="articles.page-up"),
    ]

    DEBOUNCE = 0.12
    """Seconds the cursor must rest on a row before it opens (keeps key-repeat smooth)."""

    cursor: reactive[int | None] = reactive(None)
    """Index of the row under the cursor."""

    @dataclass
    class Opened(Message):
        """The user chose an article: by resting the cursor on it, or with Enter (``focus_body``)."""

        article_id: int
        focus_body: bool = False
        story: int | None = None  # Enter on a row that stands for a story: show the story

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: dict[int, ArticleRow] = {}
        self._order: list[int] = []
        self._position: dict[int, int] = {}
        self._stand_ins: dict[int, int] = {}
        self._timer: Timer | None = None
        self._lines: LRUCache[tuple[int, int], list[Text]] = LRUCache(512)
        self.style_of = StyleCache(self)
        self.empty_text = "No articles yet"
        self.snippets: dict[int, SearchHit] = {}  # a search's rows: their snippets replace a title line

    # -- data -------------------------------------------------------------------------------

    def set_rows(
        self, rows: list[ArticleRow], current: int | None = None, stand_ins: dict[int, int] | None = None
    ) -> None:
        """Replace every row; the cursor goes to ``current`` (without opening it again) when it
        is listed. ``stand_ins`` maps articles not listed to the row of their story."""
        self.rows = {r.id: r for r in rows}
        self._order = [r.id for r in rows]
        self._position = {aid: n for n, aid in enumerate(self._order)}
        self._stand_ins = stand_ins or {}
        current = self._stand_ins.get(current, current) if current is not None else None
        self._lines.clear()
        self.virtual_size = Size(self._width, len(rows) * ROW_HEIGHT)
        self.set_reactive(ArticleList.cursor, self._position.get(current) if current is not None else None)
        self._scroll_to_cursor()
        self.refresh()

    def update_row(self, article_id: int, **changes: Any) -> None:
        """Change a row's state (``read=True``, ``analysed=True``) and repaint it."""
        row = self.rows.get(article_id)
        if row is None:
            return
        self.rows[article_id] = dataclasses.replace(row, **changes)
        self._forget(article_id)
        self._refresh_row(self._position[article_id])

    def shows(self, article_id: int) -> bool:
        """Is the article listed (perhaps as its story's row)?"""
        return self._stand_ins.get(article_id, article_id) in self._position

    def select_article(self, article_id: int) -> None:
        """Move the cursor to an article opened elsewhere (or its story's row), without opening it again."""
        position = self._position.get(self._stand_ins.get(article_id, article_id))
        if position is not None and position != self.cursor:
            self.set_reactive(ArticleList.cursor, position)
            self._cancel_timer()
            self._scroll_to_cursor()
            self.refresh()

    @property
    def current_id(self) -> int | None:
        """The article under the cursor."""
        return self._order[self.cursor] if self.cursor is not None and self._order else None

    def visible_ids(self) -> list[int]:
        """The articles whose rows are on screen now."""
        first = int(self.scroll_y) // ROW_HEIGHT
        last = (int(self.scroll_y) + max(self.size.height, ROW_HEIGHT)) // ROW_HEIGHT
        return self._order[first : last + 1]

    @property
    def unread(self) -> int:
        return sum(not r.read for r in self.rows.values())

    def row_text(self, article_id: int) -> str:
        """What the row shows, as plain text (lines joined by newlines)."""
        return "\n".join(t.plain for t in self._row_lines(article_id, max(self._width, 20)))

    # -- cursor -----------------------------------------------------------------------------

    def validate_cursor(self, cursor: int | None) -> int | None:
        if cursor is None or not self._order:
            return None
        return max(0, min(cursor, len(self._order) - 1))

    def watch_cursor(self, previous: int | None, cursor: int | None) -> None:
        for position in (previous, cursor):
            if position is not None:
                self._refresh_row(position)
        self._scroll_to_cursor()
        self._cancel_timer()
        if cursor is not None:
            article_id = self._order[cursor]
            self._timer = self.set_timer(self.DEBOUNCE, lambda: self._open(article_id))

    def _move(self, delta: int) -> None:
        self.cursor = 0 if self.cursor is None else self.cursor + delta

    def action_cursor_down(self) -> None:
        self._move(1)

    def action_cursor_up(self) -> None:
        self._move(-1)

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self._order) - 1

    def action_page_down(self) -> None:
        self._move(max(self.size.height // ROW_HEIGHT, 1))

    def action_page_up(self) -> None:
        self._move(-max(self.size.height // ROW_HEIGHT, 1))

    def action_select(self) -> None:
        if self.current_id is not None:
            self._cancel_timer()
            self._open(self.current_id, focus_body=True)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        position = (offset.y + int(self.scroll_y)) // ROW_HEIGHT
        if 0 <= position < len(self._order):
            self.cursor = position
            self._cancel_timer()
            self._open(self._order[position])

    def _open(self, article_id: int, focus_body: bool = False) -> None:
        self._timer = None
        story = self.rows[article_id].story if focus_body and article_id in self.rows else None
        self.post_message(self.Opened(article_id, focus_body, story))

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _scroll_to_cursor(self) -> None:
        if self.cursor is None or not self.size.height:
            return
        top = self.cursor * ROW_HEIGHT
        self.scroll_to_region(Region(0, top, 1, ROW_HEIGHT), animate=False, immediate=True)

    # -- rendering --------------------------------------------------------------------------

    def _forget(self, article_id: int) -> None:
        for key in [k for k in self._lines.keys() if k[0] == article_id]:
            self._lines.discard(key)

    def _refresh_row(self, position: int) -> None:
        y = position * ROW_HEIGHT - int(self.scroll_y)
        self.refresh(Region(0, y, self.size.width, ROW_HEIGHT))

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.style_of.clear()
        self._lines.clear()

    def on_resize(self) -> None:
        self.virtual_size = Size(self._width, len(self._order) * ROW_HEIGHT)
        self._lines.clear()
        self._scroll_to_cursor()

    def _row_lines(self, article_id: int, width: int) -> list[Text]:
        key = (article_id, width)
        lines = self._lines.get(key)
        if lines is None:
            lines = self._lines[key] = row_lines(
                self.rows[article_id], self.snippets.get(article_id), width, self.style_of
            )
        return lines

    @property
    def _width(self) -> int:
        """Cells available to a row (the scrollbar's column excluded)."""
        return self.scrollable_content_region.width

    def render_line(self, y: int) -> Strip:
        width = self._width
        base = self.rich_style
        line_no = y + int(self.scroll_y)
        position, offset = divmod(line_no, ROW_HEIGHT)
        if not self._order:
            # (wrapped: it may say why the list is empty, at length)
            lines = hang(Text(self.empty_text, style=self.style_of("article-list--empty")), width, " ", " ")
            if y < len(shown := lines.split("\n", allow_blank=True)):
                return Strip(shown[y].render(self.app.console)).crop_extend(0, width, base).apply_style(base)
            return Strip.blank(width, base)
        if position >= len(self._order):
            return Strip.blank(width, base)
        text = self._row_lines(self._order[position], width)[offset]
        row_style: Style = base
        if position == self.cursor:
            name = "article-list--cursor" if self.has_focus else "article-list--cursor-blurred"
            row_style = base + self.style_of(name)
        strip = Strip(text.render(self.app.console), text.cell_len)
        return strip.crop_extend(0, width, row_style).apply_style(row_style)

    def on_focus(self) -> None:
        if self.cursor is not None:
            self._refresh_row(self.cursor)
        elif self._order:
            self.cursor = 0  # coming to a view whose articles are not open yet: start at the newest

    def on_blur(self) -> None:
        if self.cursor is not None:
            self._refresh_row(self.cursor)


def row_lines(row: ArticleRow, hit: SearchHit | None, width: int, style: StyleCache) -> list[Text]:
    """The three lines of a row: the title on two lines (one, then the search snippet with the
    matched words marked, when the row is a search's), then the byline with star and marks."""
    title = Text(row.title or "Untitled", end="")
    title.stylize(style("article-list--title" if row.read else "article-list--title-unread"))
    prompt = hang(title, width, "  ", "  ", max_lines=1 if hit else 2)
    if not row.read:
        prompt = Text.assemble(("●", style("article-list--unread")), prompt[1:], end="")
    lines = prompt.split("\n", allow_blank=True)
    if hit is not None:
        shown, marks = excerpt(hit.snippet, hit.marks, max(width - 2, 8))
        snippet = Text(f"  {shown}", style=style("article-list--snippet"), end="", no_wrap=True)
        for a, b in marks:
            snippet.stylize(style("article-list--match"), a + 2, b + 2)
        lines = [*lines[:1], snippet]
    while len(lines) < ROW_HEIGHT - 1:
        lines.append(Text("", end=""))
    room = width - 2 - (3 if not row.analysed else 0)
    meta = Text("★ " if row.starred else "  ", end="")
    if row.starred:
        meta.stylize(style("article-list--star"), 0, 1)
    source, more = row.source or row.feed_title, ""
    line = byline(source, row.date, room)
    if row.sources:  # "+2 sources" when the source still fits beside it, else "+2"
        for more in (f"  +{row.sources} source{'s' if row.sources > 1 else ''}", f" +{row.sources}"):
            line = byline(source, row.date, room - len(more))
            if not source or " · " in line:
                break
    meta.append(line, style=style("article-list--meta"))
    if more:
        meta.append(more, style=style("article-list--story"))
    if not row.analysed:
        meta.append("  ◌" if len(meta) > 2 else "◌", style=style("article-list--pending"))
    return [*lines[: ROW_HEIGHT - 1], meta]

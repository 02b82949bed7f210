"""The sidebar: every article, newest first, with an unread mark; the cursor opens articles."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.timer import Timer
from textual.widgets import OptionList

from ..format import byline, hang
from .wrapped_list import WrappedList

if TYPE_CHECKING:
    from ...core.library import ArticleRow


class ArticleList(WrappedList):
    """Article rows; moving the cursor opens the article after a short pause (debounce)."""

    COMPONENT_CLASSES = {
        "article-list--unread",
        "article-list--title",
        "article-list--title-unread",
        "article-list--meta",
        "article-list--pending",
    }

    BINDINGS = [
        Binding("enter", "select", "Open article", show=False, id="articles.select"),
        Binding("j", "cursor_down", "Next article", show=False, id="articles.down"),
        Binding("k", "cursor_up", "Previous article", show=False, id="articles.up"),
        Binding("g", "first", "First article", show=False, id="articles.first"),
        Binding("G", "last", "Last article", show=False, id="articles.last"),
    ]

    DEBOUNCE = 0.12
    """Seconds the cursor must rest on a row before it opens (keeps key-repeat smooth)."""

    class Opened(Message):
        """The user chose an article: by resting the cursor on it, or with Enter (``focus_body``)."""

        def __init__(self, article_id: int, focus_body: bool = False) -> None:
            super().__init__()
            self.article_id = article_id
            self.focus_body = focus_body

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: dict[int, ArticleRow] = {}
        self._timer: Timer | None = None

    # -- data -------------------------------------------------------------------------------

    def set_rows(self, rows: list[ArticleRow], current: int | None = None) -> None:
        self.rows = {r.id: r for r in rows}
        index = next((n for n, r in enumerate(rows) if r.id == current), None)
        self.set_entries([(str(r.id), r, False) for r in rows], index)
        self._cancel_timer()

    def update_row(self, article_id: int, **changes: Any) -> None:
        """Change a row's state (``read=True``, ``analysed=True``) and repaint it."""
        row = self.rows.get(article_id)
        if row is None:
            return
        row = dataclasses.replace(row, **changes)
        self.rows[article_id] = row
        self.update_entry(str(article_id), row)

    def select_article(self, article_id: int) -> None:
        """Move the cursor to an article (opened elsewhere) without re-opening it."""
        oid = str(article_id)
        if oid in self.rows and self.highlighted_option is not None and self.highlighted_option.id == oid:
            return
        try:
            self.highlighted = self.get_option_index(oid)
        except Exception:
            return
        self._cancel_timer()

    @property
    def unread(self) -> int:
        return sum(not r.read for r in self.rows.values())

    def make_prompt(self, data: ArticleRow, width: int) -> Text:
        styles = self.style_of
        title = Text(data.title or "Untitled", end="")
        title.stylize(styles("article-list--title" if data.read else "article-list--title-unread"))
        mark = "● " if not data.read else "  "
        prompt = hang(title, width, mark, "  ", max_lines=3)
        if not data.read:
            prompt.stylize(styles("article-list--unread"), 0, 1)
        meta = byline(data.source or data.feed_title, data.date, width - 2 - (3 if not data.analysed else 0))
        if meta or not data.analysed:
            line = Text(meta, style=styles("article-list--meta"), end="")
            if not data.analysed:
                line.append(("  " if meta else "") + "◌", style=styles("article-list--pending"))
            prompt.append("\n")
            prompt.append_text(hang(line, width, "  ", "  ", max_lines=1))
        return prompt

    # -- events -----------------------------------------------------------------------------

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._cancel_timer()
        if event.option.id is not None:
            article_id = int(event.option.id)
            self._timer = self.set_timer(self.DEBOUNCE, lambda: self._open(article_id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._cancel_timer()
        if event.option.id is not None:
            self._open(int(event.option.id), focus_body=True)

    def _open(self, article_id: int, focus_body: bool = False) -> None:
        self._timer = None
        self.post_message(self.Opened(article_id, focus_body))

"""The reader's views: which articles the list shows, the feeds tree, and reloading both.

A mixin of :class:`~tui.ui.screens.reader.ReaderScreen`. The screen keeps every listed row
(``_all``, newest first) and the feeds; the chosen tree node (``view``) and ``unread_only``
filter them into the article list. Reloads read the store in a thread worker.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from textual import work
from textual.content import Content

from ..messages import ArticlesLoaded
from ..views import ALL, VIEW_NAMES, build_nav, display_name, key_feed_id, key_folder, rows_in_view
from ..widgets.feed_tree import FeedTree

if TYPE_CHECKING:
    from ...core.models import FeedRow
    from .reader import ReaderScreen

    _Base = ReaderScreen
else:
    _Base = object


class ArticleViews(_Base):
    """Rows, feeds and the view over them."""

    def _load(self) -> None:
        self._all = {r.id: r for r in self.library.articles()}
        self._set_feeds(self.library.feeds.list() if self.library.scope is None else [])

    def _set_feeds(self, feeds: list[FeedRow]) -> None:
        self._feeds = feeds
        self._feed_rows = {f.id: f for f in feeds}

    def reload_articles(
        self,
        analyse: bool = True,
        open_first: bool = True,
        reopen: int | None = None,
        select: str | None = None,
    ) -> None:
        """Re-read articles and feeds in a thread (after a refresh); then the cursor stays on the
        open article (or ``reopen`` is shown again, or the tree goes to ``select``) and new
        articles are analysed in the background."""
        self._load_seq += 1
        self.load_articles(self._load_seq, analyse, open_first, reopen, select)

    @property
    def loading(self) -> bool:
        """A reload is on its way."""
        return self._applied_seq < self._load_seq

    @work(thread=True, group="load", exit_on_error=False)
    def load_articles(
        self, seq: int, analyse: bool, open_first: bool, reopen: int | None, select: str | None
    ) -> None:
        # Thousands of rows take tens of milliseconds to read: not on the event loop.
        rows = self.library.articles()
        feeds = self.library.feeds.list() if self.library.scope is None else []
        self.post_message(
            ArticlesLoaded(
                seq, rows, feeds, analyse=analyse, open_first=open_first, reopen=reopen, select=select
            )
        )

    def on_articles_loaded(self, message: ArticlesLoaded) -> None:
        if message.seq > self._applied_seq:  # a slower, older load must not undo a newer one
            self._applied_seq = message.seq
            self._all = {r.id: r for r in message.rows}
            self._set_feeds(message.feeds)
            if self.article_id is not None and self.article_id not in self._all:
                self.article_id = None  # its feed was removed
            self._apply_view(self.article_id)
            self._update_nav()
        if message.reopen is not None and message.reopen in self._all:
            self.article_id = None  # its text changed: build the body again
            self.open_article(message.reopen)
        elif message.open_first and self.article_id is None and self.sidebar.rows:
            self.open_article(next(iter(self.sidebar.rows)))
        if message.select is not None:
            self.feed_tree.select_key(message.select)
        if message.analyse and any(not r.analysed for r in self._all.values()):
            self.start_background(restart=True)
        self._update_status()

    def text_changed(self, article_ids: list[int]) -> None:
        """Articles got a new text (a fetched full text): show and analyse it again."""
        for article_id in article_ids:
            self._documents.discard(article_id)
            self._analyses.discard(article_id)
            self.body.forget(article_id)
        reopen = self.article_id if self.article_id in article_ids else None
        self.reload_articles(open_first=reopen is None, reopen=reopen)

    def watch_view(self) -> None:
        self._apply_view(self.article_id)
        self._update_status()

    def watch_unread_only(self) -> None:
        self._apply_view(self.article_id)
        self._update_status()

    def _apply_view(self, current: int | None) -> None:
        """List the articles of the chosen view, the cursor on ``current`` when it is listed."""
        rows = rows_in_view(self._all.values(), self.view, self.unread_only)
        listed = current is not None and any(r.id == current for r in rows)
        self.sidebar.set_rows(rows, current if listed else None)
        name = self._view_name(self.view)
        title = f"{name} · unread only" if self.unread_only else name
        self.sidebar.border_title = Content(title)
        self.sidebar.empty_text = "No unread articles here" if self.unread_only else "No articles here"
        if not self._all:
            self.sidebar.empty_text = "No articles yet"

    def _view_name(self, key: str) -> str:
        feed_id, folder = key_feed_id(key), key_folder(key)
        if feed_id is not None:
            feed = self._feed_rows.get(feed_id)
            return display_name(feed.name if feed else None, "Feed")
        if folder is not None:
            return display_name(folder, "Folder")
        return VIEW_NAMES.get(key, "Articles")

    def _update_nav(self) -> None:
        self.feed_tree.set_nodes(build_nav(list(self._all.values()), self._feeds), self.view)

    def _change(self, article_id: int, *, nav: bool = True, **changes: Any) -> None:
        """Change a row's state everywhere it shows (``read=``, ``starred=``, ``analysed=``)."""
        row = self._all.get(article_id)
        if row is None:
            return
        self._all[article_id] = dataclasses.replace(row, **changes)
        self.sidebar.update_row(article_id, **changes)
        if nav and ("read" in changes or "starred" in changes):
            self._update_nav()

    def show_article(self, article_id: int) -> None:
        """Open an article from anywhere (the palette); outside the current view, go to All."""
        if article_id not in self.sidebar.rows:
            self.unread_only = False
            self.feed_tree.select_key(ALL)
            self.view = ALL
        self.open_article(article_id, focus_body=True)

    def on_feed_tree_view_chosen(self, message: FeedTree.ViewChosen) -> None:
        self.view = message.key
        self._update_status()
        if message.focus_list:
            self.sidebar.focus()  # with no cursor in this view yet, that opens its newest article

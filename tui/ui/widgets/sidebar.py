"""The sidebar: the feeds tree over the article list, and the state they show.

The sidebar owns every listed article's row, the subscriptions, the chosen view and the
unread-only filter; the list shows the view's rows, the tree its nodes with unread counts.
It posts :class:`Sidebar.ArticleChosen` when the reader picks an article and
:class:`Sidebar.ViewChanged` when the view changes. It does no I/O: the screen loads the rows
and hands them over with :meth:`Sidebar.load`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive

from ...core.models import ArticleRow, FeedRow, SavedSearch, SearchHit, ViewKey, ViewKind
from ..edits import PendingEdits
from ..keys import key_hint
from ..searches import Searches
from ..views import (
    ALL,
    VIEW_NAMES,
    build_nav,
    display_name,
    empty_text,
    feeds_in_view,
    one_per_story,
    rows_in_view,
)
from .article_list import ArticleList
from .feed_tree import FeedTree
from .search_line import SearchLine


class Sidebar(Vertical):
    """Feeds tree and article list; ``show_feeds=False`` for files opened from the command line."""

    BINDINGS = [Binding("escape", "leave_search", "Leave the search", show=False, id="search.leave")]

    view: reactive[ViewKey] = reactive(ALL, init=False)
    """The tree node whose articles are listed."""

    unread_only: reactive[bool] = reactive(False, init=False)
    """Hide read articles in any view."""

    @dataclass
    class ArticleChosen(Message):
        """The reader picked an article (Enter: ``focus_body``, to read it at once; on a row that
        stands for a story, ``story``: show the story)."""

        article_id: int
        focus_body: bool = False
        story: int | None = None

    @dataclass
    class ViewChanged(Message):
        """The list shows another view (or the same one filtered)."""

        view: ViewKey

    def __init__(self, *, show_feeds: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.show_feeds = show_feeds
        self.rows: dict[int, ArticleRow] = {}  # every listed article, newest first
        self.feeds: list[FeedRow] = []
        self._feeds_by_id: dict[int, FeedRow] = {}
        self.current: int | None = None  # the article open in the reader
        self.searches = Searches()
        self.edits = PendingEdits()
        self.tree_options: dict[str, Any] = {}  # build_nav's hide_failing / hide_read, the sync server

    def compose(self) -> ComposeResult:
        yield FeedTree(id="feeds")
        yield SearchLine(id="search")
        yield ArticleList(id="articles")

    def on_mount(self) -> None:
        self.feed_tree.border_title = "Feeds"
        self.feed_tree.display = self.show_feeds

    @property
    def feed_tree(self) -> FeedTree:
        return self.query_one(FeedTree)

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    # -- what it holds ------------------------------------------------------------------------

    def load(
        self,
        rows: list[ArticleRow],
        feeds: list[FeedRow],
        saved: list[SavedSearch] | None = None,
        found: dict[str, list[int]] | None = None,
        started: int | None = None,
    ) -> None:
        """Show fresh rows, feeds and saved searches (with what each ``found``) of the load
        ``started`` (changes made on screen since it began stay); the cursor stays on the open
        article while it is listed."""
        if saved is not None:
            self.searches.load_saved(saved, found or {})
        self.rows = {r.id: r for r in rows}
        self.edits.apply(self.rows, started if started is not None else self.edits.loads)
        self.feeds = feeds if self.show_feeds else []
        self._feeds_by_id = {f.id: f for f in self.feeds}
        if self.current not in self.rows:
            self.current = None  # its feed was removed
        self._apply_view()
        self._update_nav()

    def set_feeds(self, feeds: list[FeedRow]) -> None:
        """New feed settings or states (the rows are unchanged)."""
        self.load(list(self.rows.values()), feeds)

    def feed(self, feed_id: int | None) -> FeedRow | None:
        return self._feeds_by_id.get(feed_id) if feed_id is not None else None

    @property
    def chosen_feed(self) -> FeedRow | None:
        """The feed chosen in the tree (None for a folder or a view)."""
        return self.feed(self.view.feed_id)

    @property
    def listed(self) -> dict[int, ArticleRow]:
        """The rows of the current view, in order."""
        return self.article_list.rows

    def target_feeds(self) -> list[int]:
        """The feeds of the chosen tree node, else the feed of the open article."""
        ids = feeds_in_view(self.feeds, self.view)
        row = self.rows.get(self.current) if self.current is not None else None
        if not ids and row is not None and row.feed_id is not None:
            ids = [row.feed_id]
        return ids

    # -- changes --------------------------------------------------------------------------------

    def change(self, article_id: int, **changes: Any) -> None:
        """Change a row's state everywhere it shows (``read=``, ``starred=``, ``analysed=``)."""
        self.change_many([article_id], **changes)

    def change_many(self, article_ids: list[int], **changes: Any) -> None:
        """:meth:`change` for many rows: the tree's counts and the list's unread count made once
        (once a row, marking a library of 10,000 read held the screen for seconds)."""
        known = [i for i in article_ids if i in self.rows]
        for article_id in known:
            self.rows[article_id] = dataclasses.replace(self.rows[article_id], **changes)
            self.edits.made(article_id, changes)
            self.article_list.update_row(article_id, **changes)
        if known and ("read" in changes or "starred" in changes):
            self._update_nav()
        self._update_subtitle()

    def select_article(self, article_id: int) -> None:
        """The reader opened this article: the cursor follows without opening it again."""
        self.current = article_id
        self.article_list.select_article(article_id)

    def show_article(self, article_id: int) -> None:
        """Make an article listed and choose it."""
        self.make_listed(article_id)
        self.post_message(self.ArticleChosen(article_id, focus_body=True))

    def make_listed(self, article_id: int) -> None:
        """Outside the current view, the list goes to All so the article (or its story) is in it."""
        if not self.article_list.shows(article_id):
            self.unread_only = False
            self.feed_tree.select_key(ALL)
            self.view = ALL

    def select_view(self, key: ViewKey) -> None:
        """Move the tree's cursor to a view (its articles follow)."""
        self.feed_tree.select_key(key)

    # -- the view -------------------------------------------------------------------------------

    def watch_view(self, view: ViewKey) -> None:
        if view.kind != ViewKind.SEARCH and self.searches.current is not None:
            self.searches.leave()  # chosen elsewhere in the tree: the search is over
            self.article_list.snippets = {}
            self._update_nav()
        self._apply_view()
        self.post_message(self.ViewChanged(self.view))

    def watch_unread_only(self) -> None:
        self._apply_view()
        self.post_message(self.ViewChanged(self.view))

    def view_name(self, key: ViewKey) -> str:
        if key.feed_id is not None:
            feed = self.feed(key.feed_id)
            return display_name(feed.name if feed else None, "Feed")
        if key.folder is not None:
            return display_name(key.folder, "Folder")
        if key.kind == ViewKind.SEARCH:
            return self.searches.name(key)
        return VIEW_NAMES.get(key, "Articles")

    def _apply_view(self) -> None:
        """List the articles of the chosen view, the cursor on the open one when it is listed."""
        articles = self.article_list
        if self.view.kind == ViewKind.SEARCH:
            found = [self.rows[i] for i in self.searches.ids(self.view) if i in self.rows]
            rows = [r for r in found if not r.read] if self.unread_only else found
        else:
            rows = rows_in_view(self.rows.values(), self.view, self.unread_only, self.feeds)
        rows, stand_ins = one_per_story(rows)
        articles.set_rows(rows, self.current, stand_ins)
        name = self.view_name(self.view)
        # (the Unread view lists only unread articles anyway: "Unread · unread only" says it twice)
        filtered = self.unread_only and self.view.kind != ViewKind.UNREAD
        articles.border_title = Content(f"{name} · unread only" if filtered else name)
        star = key_hint(self.app, "article.star", "s")
        articles.empty_text = empty_text(self.view, self.chosen_feed, self.unread_only, bool(self.rows), star)
        self._update_subtitle()

    def _update_subtitle(self) -> None:
        unread = self.article_list.unread
        self.article_list.border_subtitle = f"{unread} unread" if unread else ""

    def _update_nav(self) -> None:
        views = self.searches.views()
        options = {**self.tree_options, "keep": self.view.feed_id}
        nodes = build_nav(list(self.rows.values()), self.feeds, views, **options)
        self.feed_tree.set_nodes(nodes, self.view)

    # -- events ---------------------------------------------------------------------------------

    def on_feed_tree_view_chosen(self, message: FeedTree.ViewChosen) -> None:
        message.stop()
        self.view = message.key
        if message.focus_list:
            self.article_list.focus()  # with no cursor in this view yet, that opens its newest article

    def on_article_list_opened(self, message: ArticleList.Opened) -> None:
        message.stop()
        self.post_message(self.ArticleChosen(message.article_id, message.focus_body, message.story))

    # -- search -----------------------------------------------------------------------------

    @property
    def search_line(self) -> SearchLine:
        return self.query_one(SearchLine)

    @property
    def search_query(self) -> str | None:
        """The query of the search on show (None: the list shows no search)."""
        return self.view.query if self.view.kind == ViewKind.SEARCH else None

    def open_search(self) -> None:
        """Show the search line over the list (holding the search on show, if any)."""
        self.search_line.start(self.search_query or "")

    def show_results(self, query: str, hits: list[SearchHit]) -> None:
        """A search's articles become the list, as a view of the tree."""
        key = self.searches.show(query, hits, self.view)
        self.article_list.snippets = self.searches.hits
        self.search_line.put_away()
        if self.view == key:
            self._apply_view()
        else:
            self.view = key
        # The tree rebuilt after the view changed: rebuilt around the old view, its cursor went
        # back there once drawn, and that view (and the end of the search) came back.
        self._update_nav()
        self.select_view(key)
        self.article_list.focus()

    def on_search_line_closed(self, message: SearchLine.Closed) -> None:
        message.stop()
        self.article_list.focus()

    def action_leave_search(self) -> None:
        """Leave the search view for the view before it."""
        if self.view.kind == ViewKind.SEARCH:
            back = self.searches.leave()
            self.article_list.snippets = {}
            self._update_nav()
            self.view = back
            self.select_view(back)
            self.article_list.focus()

"""The reader: the sidebar (feeds tree over the article list), the article, quotes and summary.

The screen composes components that own their state (:class:`Sidebar`, :class:`ArticleView`,
the panes, the :class:`StatusBar`) and wires them: it opens articles (read off the event loop),
routes the analysis worker's reports (:class:`AnalysisRunner`) and the feed workers' reports
(:class:`FeedActions`), and keeps the status line true.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer
from textual.worker import Worker

from ...core.models import Analysis, Document
from ..analysis import AnalysisRunner
from ..commands import ArticleCommands, EntityCommands, FeedCommands, ReaderCommands
from ..messages import (
    Analysed,
    AnalysisFailed,
    FeedsProgress,
    FeedsRefreshed,
    FullTextFetched,
    LibraryAnalysed,
    LibraryIndexing,
    LinkFound,
    RelatedQuotesReady,
    SearchFound,
    SyncFinished,
)
from ..status import status_line
from ..widgets.article_body import ArticleBody
from ..widgets.article_view import ArticleView
from ..widgets.panes import ReaderPanes
from ..widgets.quotes import QuotesPane
from ..widgets.search_line import SearchLine
from ..widgets.sidebar import Sidebar
from ..widgets.status import StatusBar
from ..widgets.summary import SummaryPane
from ..worker_errors import ReportsWorkerErrors
from .failing import FailingFeeds
from .feed_actions import FeedActions
from .feed_edits import FeedEditing
from .links import LinkActions
from .loading import LibraryLoader, Then
from .navigation import Navigation
from .pages import GoesBack, Pages
from .reading import Reading
from .scope import FilesOnly
from .searching import Searching
from .syncing import Syncing

if TYPE_CHECKING:
    from ...core.library import Library


# The keys that work from every pane of the reader (the panes' own keys are on each pane).
KEYS = [
    Binding("tab", "app.focus_next", "Next pane", id="reader.next-pane"),
    Binding("shift+tab", "app.focus_previous", "Previous pane", show=False, id="reader.previous-pane"),
    # (h, ] and [ are in ? help and the palette: at 80 columns the footer keeps room for q and ?)
    Binding("h", "toggle_highlight", "Highlight", show=False, id="reader.highlight"),
    Binding("slash", "search", "Search", key_display="/", id="search.open"),
    Binding("S", "save_search", "Save search", show=False, id="search.save"),
    Binding("t", "sort_search", "Sort search by rank/date", show=False, id="search.sort"),
    Binding(
        "right_square_bracket",
        "entity(True)",
        "Next entity",
        key_display="]",
        show=False,
        id="reader.next-entity",
    ),
    Binding(
        "left_square_bracket",
        "entity(False)",
        "Prev entity",
        key_display="[",
        show=False,
        id="reader.previous-entity",
    ),
    # Priority: these scroll the article whichever pane has focus.
    Binding("space", "page(True)", "Page down", show=False, priority=True, id="reader.page-down"),
    Binding("pagedown", "page(True)", "Page down", show=False, priority=True, id="reader.page-down-key"),
    Binding("pageup", "page(False)", "Page up", show=False, priority=True, id="reader.page-up"),
    Binding("n", "unread(True)", "Next unread", show=False, id="reader.next-unread"),
    Binding("N", "unread(False)", "Previous unread", show=False, id="reader.previous-unread"),
    Binding("z,f11", "zoom", "Full screen", show=False, id="reader.zoom"),
    # Feeds and article state: ids under "feeds." and "article." are listed in their own help sections.
    Binding("r", "refresh_feed", "Refresh", id="feeds.refresh"),
    Binding("R", "refresh_all", "Refresh all feeds", show=False, id="feeds.refresh-all"),
    Binding("a", "add_feed", "Add feed", id="feeds.add"),
    Binding(
        "exclamation_mark", "failing_feeds", "Failing feeds", key_display="!", show=False, id="feeds.failing"
    ),
    Binding("M", "mark_feed_read", "Mark feed read", show=False, id="feeds.mark-read"),
    Binding("u", "toggle_unread_only", "Unread only", show=False, id="feeds.unread-only"),
    Binding("m", "toggle_read", "Read/unread", show=False, id="article.toggle-read"),
    Binding("U", "undo_read", "Undo mark read", show=False, id="article.undo-read"),
    Binding("s", "toggle_star", "Star", show=False, id="article.star"),
    Binding("o", "open_link", "Open in browser", show=False, id="article.open-link"),
    Binding("L", "open_link('list')", "Links: pick one to open", show=False, id="article.links"),
    # A digit starts a link number; Enter opens that link (through the same confirm as o).
    *(
        Binding(
            d,
            f"open_link('{d}')",
            "Open link by number, Enter",
            show=False,
            key_display="1…9",
            id=f"article.link-{d}",
        )
        for d in "123456789"
    ),
    Binding("f", "fetch_full_text", "Fetch full text", show=False, id="article.full-text"),
    Binding("v", "show_story", "Story: every source", show=False, id="article.story"),
    Binding(
        "escape",
        "back",
        "Back",
        tooltip="Back to the entity page or story the article was opened from",
        id="reader.back",
    ),
]


class ReaderScreen(GoesBack, FilesOnly, ReportsWorkerErrors, Screen[None]):
    """The main screen: the components below, and the keys that work from any of them."""

    sidebar: Sidebar
    article_view: ArticleView
    quotes: QuotesPane
    summary: SummaryPane
    status_bar: StatusBar

    BINDINGS = KEYS

    COMMANDS = {ArticleCommands, EntityCommands, FeedCommands, ReaderCommands}

    def __init__(self, library: Library, open_article: int | None = None) -> None:
        super().__init__()
        self.library = library
        self._initial = open_article
        self.reading = Reading(self)
        self.pages = Pages(self)
        self.analysis_runner = AnalysisRunner(self, library)
        self.feed_actions = FeedActions(self)
        self.loader = LibraryLoader(self)
        self.searching = Searching(self)
        self.navigation = Navigation(self)
        self.feed_edits = FeedEditing(self)
        self.failing_feeds = FailingFeeds(self)
        self.links = LinkActions(self)
        self.syncing = Syncing(self)

    @property
    def article_id(self) -> int | None:
        """The open article."""
        return self.reading.article_id

    @property
    def document(self) -> Document | None:
        return self.reading.document

    @property
    def analysis(self) -> Analysis | None:
        return self.reading.analysis

    def open_article(
        self, article_id: int, *, mark: tuple[int, int] | None = None, focus_body: bool = False
    ) -> Worker[None] | None:
        """Show an article (read off the event loop unless the screen has it already)."""
        return self.reading.open(article_id, mark=mark, focus_body=focus_body)

    # -- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self.sidebar = Sidebar(show_feeds=self.library.scope is None, id="nav")
        self.article_view = ArticleView(id="reader")
        self.quotes = QuotesPane(id="quotes")
        self.summary = SummaryPane(id="summary")
        self.status_bar = StatusBar(id="statusbar")
        with ReaderPanes(getattr(self.app, "ui_state", None), id="main"):
            yield self.sidebar
            yield self.article_view
            with Vertical(id="side"):
                yield self.quotes
                yield self.summary
        yield self.status_bar
        yield Footer()

    @property
    def body(self) -> ArticleBody:
        return self.article_view.body

    def on_mount(self) -> None:
        self.quotes.border_title = "Quotes"
        self.summary.border_title = "Summary"
        self.sidebar.article_list.focus()
        self.reload(Then(first=self._initial, first_page=True))
        self.feed_actions.apply_settings()
        self.syncing.start()
        self.loader.watch()

    def on_unmount(self) -> None:
        self.analysis_runner.close()

    # -- loading ----------------------------------------------------------------------------

    def reload(self, then: Then | None = None) -> Worker[None]:
        """Read the articles and feeds off the event loop, show them, then do ``then``."""
        return self.loader.load(then or Then())

    @property
    def loading(self) -> bool:
        """A reload is on its way."""
        return self.loader.loading

    def texts_changed(self, article_ids: list[int]) -> None:
        """Articles got a new text (a fetched full text): show and analyse it again."""
        reopen = self.article_id if self.article_id in article_ids else None
        self.reading.forget(article_ids)
        self.reload(Then(open_first=reopen is None, reopen=reopen))

    def refresh_status(self) -> None:
        """Say what the view holds and what is running."""
        self.status_bar.show(
            status_line(
                articles=len(self.sidebar.listed),
                unread=self.sidebar.article_list.unread,
                feed_error=getattr(self.sidebar.chosen_feed, "error", None),
                analysis=self.analysis_runner.state,
                activity=" · ".join(a for a in (self.loader.indexing, self.feed_actions.activity) if a),
                sync=self.syncing.text,
            )
        )

    # -- messages from the components and workers -------------------------------------------

    def on_sidebar_article_chosen(self, message: Sidebar.ArticleChosen) -> None:
        self.open_article(message.article_id, focus_body=message.focus_body and message.story is None)
        if message.story is not None:
            self.pages.open_story(message.story)

    def on_search_line_searched(self, message: SearchLine.Searched) -> None:
        self.searching.run(message.query)

    def on_search_found(self, message: SearchFound) -> None:
        self.searching.found(message)

    def on_sidebar_view_changed(self, message: Sidebar.ViewChanged) -> None:
        self.analysis_runner.listed(self.sidebar.article_list.visible_ids())
        self.refresh_status()

    def on_article_body_entity_chosen(self, message: ArticleBody.EntityChosen) -> None:
        self.pages.open_entity(message.name, message.label)

    def on_quotes_pane_quote_chosen(self, message: QuotesPane.QuoteChosen) -> None:
        self.body.mark_range(message.quote.start, message.quote.end)

    def on_quotes_pane_related_chosen(self, message: QuotesPane.RelatedChosen) -> None:
        q = message.related.quote
        self.open_article(message.related.article_id, mark=(q.start, q.end))

    def on_summary_pane_bullet_chosen(self, message: SummaryPane.BulletChosen) -> None:
        self.reading.mark(message.text)

    def on_analysed(self, message: Analysed) -> None:
        self.analysis_runner.analysed(message)
        self.sidebar.change(message.article_id, analysed=True)
        self.reading.analysed(message)
        self.refresh_status()

    def on_analysis_failed(self, message: AnalysisFailed) -> None:
        self.analysis_runner.failed(message)
        self.reading.show_panes()
        self.refresh_status()

    def on_library_analysed(self, message: LibraryAnalysed) -> None:
        self.analysis_runner.finished()
        if message.total:
            self.reading.load_related()  # new analyses may relate to the open article
            if self.sidebar.searches.saved:  # and belong in saved searches (followed people)
                self.reload(Then(open_first=False, analyse=False))
        self.refresh_status()

    def on_related_quotes_ready(self, message: RelatedQuotesReady) -> None:
        self.reading.related_ready(message)

    def on_library_indexing(self, message: LibraryIndexing) -> None:
        self.loader.indexed(message)

    def on_feeds_progress(self, message: FeedsProgress) -> None:
        self.feed_actions.progressed(message)

    def on_feeds_refreshed(self, message: FeedsRefreshed) -> None:
        self.feed_actions.refreshed(message)

    def on_sync_finished(self, message: SyncFinished) -> None:
        self.syncing.finished(message)

    def on_full_text_fetched(self, message: FullTextFetched) -> None:
        self.feed_actions.full_text_fetched(message)

    def on_link_found(self, message: LinkFound) -> None:
        self.feed_actions.link_found(message)

    # -- actions ----------------------------------------------------------------------------

    def action_search(self) -> None:
        self.sidebar.open_search()

    def action_save_search(self) -> None:
        self.searching.save()

    def action_sort_search(self) -> None:
        self.searching.sort()

    def action_toggle_highlight(self) -> None:
        self.article_view.highlight = not self.article_view.highlight

    def action_entity(self, forward: bool) -> None:
        self.article_view.jump(forward=forward)

    def action_page(self, down: bool) -> None:
        (self.body.scroll_page_down if down else self.body.scroll_page_up)()

    def action_unread(self, forward: bool) -> None:
        self.navigation.next_unread(forward)

    def action_undo_read(self) -> None:
        self.navigation.undo_read()

    def action_zoom(self) -> None:
        self.navigation.toggle_zoom()

    def action_feed_edit(self, what: str) -> None:
        self.feed_edits.ask(what)

    def action_failing_feeds(self) -> None:
        self.failing_feeds.show()

    def action_refresh_feed(self) -> None:
        self.feed_actions.refresh_chosen()

    def action_refresh_all(self) -> None:
        self.syncing.refresh_all()

    def action_add_feed(self) -> None:
        self.feed_actions.add()

    def action_mark_feed_read(self) -> None:
        self.feed_actions.mark_chosen_read()

    def action_toggle_unread_only(self) -> None:
        self.sidebar.unread_only = not self.sidebar.unread_only

    def action_toggle_read(self) -> None:
        self.navigation.toggle_read()

    def action_toggle_star(self) -> None:
        self.reading.toggle(starred=True)

    def action_open_link(self, which: str = "") -> None:
        (self.links.choose(which) if which else self.feed_actions.open_link())

    def action_fetch_full_text(self) -> None:
        self.feed_actions.fetch_full_text()

    def action_show_story(self) -> None:
        self.pages.show_story()

    def stop_background(self) -> None:
        """Stop analysing the library in the background until new articles come."""
        self.analysis_runner.stop_background()
        self.refresh_status()

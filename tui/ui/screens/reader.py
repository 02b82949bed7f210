"""The reader: the feeds tree over the article list, the article body, quotes and summary panes.

The screen is the controller: it asks the library for documents (fast queries) on the UI thread,
runs the slow work in workers (views and reloads: :mod:`.reader_views`; analysis:
:mod:`.reader_analysis`; feeds: :mod:`.reader_feeds`), and updates the widgets from the messages
those workers post back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.cache import LRUCache
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, ProgressBar

from ...core.models import STANDFIRST, Analysis, Document
from ..commands import ArticleCommands, EntityCommands, FeedCommands, ReaderCommands
from ..views import ALL, build_nav, display_name, key_feed_id
from ..widgets.article_body import ArticleBody
from ..widgets.article_list import ArticleList
from ..widgets.feed_tree import FeedTree
from ..widgets.legend import EntityLegend
from ..widgets.quotes import QuotesPane
from ..widgets.status import StatusLine
from ..widgets.summary import SummaryPane
from .reader_analysis import AnalysisWorkers
from .reader_feeds import FeedActions, _count
from .reader_views import ArticleViews

if TYPE_CHECKING:
    from ...core.library import Library
    from ...core.models import ArticleRow, FeedRow


class ReaderScreen(ArticleViews, FeedActions, AnalysisWorkers, Screen[None]):
    """The main screen."""

    BINDINGS = [
        Binding("tab", "app.focus_next", "Next pane", id="reader.next-pane"),
        Binding("shift+tab", "app.focus_previous", "Previous pane", show=False, id="reader.previous-pane"),
        Binding("h", "toggle_highlight", "Highlight", id="reader.highlight"),
        Binding(
            "right_square_bracket", "next_entity", "Next entity", key_display="]", id="reader.next-entity"
        ),
        Binding(
            "left_square_bracket",
            "previous_entity",
            "Prev entity",
            key_display="[",
            id="reader.previous-entity",
        ),
        # Priority: these scroll the article whichever pane has focus.
        Binding("space", "page_down", "Page down", show=False, priority=True, id="reader.page-down"),
        Binding("pagedown", "page_down", "Page down", show=False, priority=True, id="reader.page-down-key"),
        Binding("pageup", "page_up", "Page up", show=False, priority=True, id="reader.page-up"),
        # Feeds and article state: ids under "feeds." and "article." are listed in their own help sections.
        Binding("r", "refresh_feed", "Refresh feed", id="feeds.refresh"),
        Binding("R", "refresh_all", "Refresh all feeds", show=False, id="feeds.refresh-all"),
        Binding("a", "add_feed", "Add feed", id="feeds.add"),
        Binding("M", "mark_feed_read", "Mark feed read", show=False, id="feeds.mark-read"),
        Binding("u", "toggle_unread_only", "Unread only", show=False, id="feeds.unread-only"),
        Binding("m", "toggle_read", "Read/unread", show=False, id="article.toggle-read"),
        Binding("s", "toggle_star", "Star", show=False, id="article.star"),
        Binding("o", "open_link", "Open in browser", show=False, id="article.open-link"),
        Binding("f", "fetch_full_text", "Fetch full text", show=False, id="article.full-text"),
    ]

    COMMANDS = {ArticleCommands, EntityCommands, FeedCommands, ReaderCommands}

    highlight: reactive[bool] = reactive(True)
    """Entity highlighting in the body (view state)."""

    view: reactive[str] = reactive(ALL, init=False)
    """The tree node whose articles are listed (``all``, ``unread``, ``feed:3``, ``folder:News``)."""

    unread_only: reactive[bool] = reactive(False, init=False)
    """Hide read articles in any view."""

    def __init__(self, library: Library, open_article: int | None = None) -> None:
        super().__init__()
        self.library = library
        self.article_id: int | None = None
        self.document: Document | None = None
        self.analysis: Analysis | None = None
        self._initial = open_article
        self._all: dict[int, ArticleRow] = {}  # every listed article, newest first
        self._feeds: list[FeedRow] = []
        self._feed_rows: dict[int, FeedRow] = {}
        self._documents: LRUCache[int, Document] = LRUCache(64)
        self._analyses: LRUCache[int, Analysis] = LRUCache(256)
        self._foreground: set[int] = set()  # articles a foreground worker is analysing
        self._background_started = False
        self._background_stopped = False  # the user stopped the pass
        self._model_error: str | None = None
        self._progress = ""  # what the background analysis is doing
        self._activity = ""  # what the feed workers are doing
        self._refreshing = False
        self._reload_pending = False
        self._load_seq = self._applied_seq = 0

    # -- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            with Vertical(id="nav"):
                yield FeedTree(id="feeds")
                yield ArticleList(id="articles")
            with Vertical(id="reader"):
                yield ArticleBody(id="body")
                yield EntityLegend(id="legend")
            with Vertical(id="side"):
                yield QuotesPane(id="quotes")
                yield SummaryPane(id="summary")
        with Horizontal(id="statusbar"):
            yield StatusLine(id="status")
            yield ProgressBar(id="refresh-progress", show_eta=False, show_percentage=False)
        yield Footer()

    NARROW = 110
    """Below this many columns the quotes and summary move under the article."""

    def on_resize(self) -> None:
        self.set_class(self.size.width < self.NARROW, "-narrow")

    @property
    def sidebar(self) -> ArticleList:
        return self.query_one("#articles", ArticleList)

    @property
    def feed_tree(self) -> FeedTree:
        return self.query_one("#feeds", FeedTree)

    @property
    def body(self) -> ArticleBody:
        return self.query_one("#body", ArticleBody)

    @property
    def quotes(self) -> QuotesPane:
        return self.query_one("#quotes", QuotesPane)

    @property
    def summary(self) -> SummaryPane:
        return self.query_one("#summary", SummaryPane)

    @property
    def progress_bar(self) -> ProgressBar:
        return self.query_one("#refresh-progress", ProgressBar)

    def on_mount(self) -> None:
        self.feed_tree.border_title = "Feeds"
        self.body.border_title = "Article"
        self.quotes.border_title = "Quotes"
        self.summary.border_title = "Summary"
        # Reading files given on the command line: no feeds, no views.
        self.feed_tree.display = self.library.scope is None
        self._load()
        first = self._initial
        if first is None:
            first = next(iter(self._all), None)
        self._apply_view(first)
        self.feed_tree.set_nodes(build_nav(list(self._all.values()), self._feeds), ALL)
        self.sidebar.focus()
        if first is not None:
            self.open_article(first)
        else:
            self.quotes.show_pending("No articles yet.")
            self.summary.show(None, [], "No articles yet: press a to add a feed.")
        if not self._foreground:
            self.call_after_refresh(self.start_background)
        self._update_status()

    # -- opening articles -------------------------------------------------------------------

    def open_article(
        self, article_id: int, *, mark: tuple[int, int] | None = None, focus_body: bool = False
    ) -> None:
        """Show an article (its cached analysis at once, else analyse it in a worker)."""
        if article_id != self.article_id:
            doc = self._documents.get(article_id)
            if doc is None:
                doc = self.library.document(article_id)
                self._documents[article_id] = doc
            analysis = self._analyses.get(article_id)
            if analysis is None:
                analysis = self.library.cached_analysis(article_id)
                if analysis is not None:
                    self._analyses[article_id] = analysis
            self.article_id, self.document, self.analysis = article_id, doc, analysis
            self.body.show(article_id, doc, analysis)
            self.sidebar.select_article(article_id)
            self._show_panes()
            if analysis is None:
                self._analyse_now(article_id)
            else:
                self.load_related(article_id, analysis)
            self._mark_read(article_id)
        if mark is not None:
            self.body.mark_range(*mark)
        if focus_body:
            self.body.focus()

    def _show_panes(self) -> None:
        doc, analysis = self.document, self.analysis
        if doc is None:
            return
        publisher = [doc.block_text(b) for b in doc.blocks_of(STANDFIRST)]
        if analysis is None:
            note = self._model_error or "Analysing…"
            self.quotes.show_pending(note)
            self.summary.show(None, publisher, note)
            self.body.border_subtitle = "unavailable" if self._model_error else "analysing…"
        else:
            self.quotes.show_quotes(analysis.quotes)
            self.summary.show(analysis.summary, publisher)
            people = len({e.canonical for e in analysis.entities if e.label == "PERSON"})
            self.body.border_subtitle = " · ".join(
                (
                    _count(len(analysis.entities), "mention"),
                    _count(people, "person", "people"),
                    _count(len(analysis.quotes), "quote"),
                )
            )
        row = self._all.get(self.article_id) if self.article_id is not None else None
        self.body.border_title = (
            "Article · teaser (f fetches the full text)" if row and row.teaser else "Article"
        )
        self.quotes.border_subtitle = "" if analysis is None else str(len(analysis.quotes))

    def _mark_read(self, article_id: int) -> None:
        row = self._all.get(article_id)
        if row is not None and not row.read:
            self._change(article_id, read=True)
            self.save_state(article_id, read=True)
            self._update_status()

    def _update_status(self) -> None:
        status = self.query_one(StatusLine)
        total, unread = len(self.sidebar.rows), self.sidebar.unread
        status.left = f"{_count(total, 'article')} · {unread} unread"
        self.sidebar.border_subtitle = f"{unread} unread" if unread else ""
        feed = self._feed_rows.get(key_feed_id(self.view) or -1)
        status.note = f"! {display_name(feed.error)}" if feed is not None and feed.error else ""
        if self._model_error:
            analysis, busy = self._model_error, False
        elif self._foreground and not self.library.model_loaded:
            analysis, busy = "Loading language model…", True
        elif self._foreground:
            analysis, busy = "Analysing…", True
        elif self._progress:
            analysis, busy = self._progress, True
        else:
            analysis, busy = "All articles analysed", False
        status.right = " · ".join(p for p in (self._activity, analysis) if p)
        status.busy = busy or bool(self._activity)

    # -- messages from the panes ------------------------------------------------------------

    def on_article_list_opened(self, message: ArticleList.Opened) -> None:
        self.open_article(message.article_id, focus_body=message.focus_body)

    def on_quotes_pane_quote_chosen(self, message: QuotesPane.QuoteChosen) -> None:
        self.body.mark_range(message.quote.start, message.quote.end)

    def on_quotes_pane_related_chosen(self, message: QuotesPane.RelatedChosen) -> None:
        q = message.related.quote
        self.open_article(message.related.article_id, mark=(q.start, q.end))

    def on_summary_pane_bullet_chosen(self, message: SummaryPane.BulletChosen) -> None:
        if self.document is None:
            return
        text = self.document.text
        start = text.find(message.text)
        if start < 0:  # the bullet was tidied: find its opening words
            start = text.find(message.text[:40])
        if start >= 0:
            self.body.mark_range(start, min(start + len(message.text), len(text)))

    # -- actions ----------------------------------------------------------------------------

    def watch_highlight(self, highlight: bool) -> None:
        self.body.highlight = highlight
        self.query_one(EntityLegend).highlight = highlight

    def action_toggle_highlight(self) -> None:
        """Turn entity highlighting on or off."""
        self.highlight = not self.highlight

    def action_next_entity(self) -> None:
        """Mark the next entity mention."""
        self._jump(True)

    def action_previous_entity(self) -> None:
        """Mark the previous entity mention."""
        self._jump(False)

    def _jump(self, forward: bool) -> None:
        if self.body.jump_entity(forward) is None:
            if self.analysis is None:
                self.notify("Entities appear when the analysis is done.", timeout=2)
            else:
                self.notify("No entities in this article.", timeout=2)

    def action_page_down(self) -> None:
        self.body.scroll_page_down()

    def action_page_up(self) -> None:
        self.body.scroll_page_up()

    def jump_to_entity(self, canonical: str) -> None:
        """Mark the first mention of an entity (from the command palette)."""
        mention = next((e for e in self.body.entities if e.canonical == canonical), None)
        if mention is not None:
            self.body.mark_range(mention.start, mention.end)

"""The reader: the sidebar (feeds tree over the article list), the article, quotes and summary.

The screen composes components that own their state (:class:`Sidebar`, :class:`ArticleView`,
the panes, the :class:`StatusBar`) and wires them: it opens articles (read off the event loop),
routes the analysis worker's reports (:class:`AnalysisRunner`) and the feed workers' reports
(:class:`FeedActions`), and keeps the status line true.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.cache import LRUCache
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer
from textual.worker import Worker

from ...core.models import STANDFIRST, Analysis, Document, ViewKey
from ..analysis import AnalysisRunner
from ..commands import ArticleCommands, EntityCommands, FeedCommands, ReaderCommands
from ..messages import (
    Analysed,
    AnalysisFailed,
    FeedsProgress,
    FeedsRefreshed,
    FullTextFetched,
    LibraryAnalysed,
    LinkFound,
    RelatedQuotesReady,
)
from ..status import status_line
from ..widgets.article_body import ArticleBody
from ..widgets.article_view import ArticleView
from ..widgets.quotes import QuotesPane
from ..widgets.sidebar import Sidebar
from ..widgets.status import StatusBar
from ..widgets.summary import SummaryPane
from .feed_actions import FeedActions

if TYPE_CHECKING:
    from ...core.library import Library


class ReaderScreen(Screen[None]):
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

    NARROW = 110
    """Below this many columns the quotes and summary move under the article."""

    def __init__(self, library: Library, open_article: int | None = None) -> None:
        super().__init__()
        self.library = library
        self.article_id: int | None = None
        self.document: Document | None = None
        self.analysis: Analysis | None = None
        self._initial = open_article
        self._documents: LRUCache[int, Document] = LRUCache(64)
        self._analyses: LRUCache[int, Analysis] = LRUCache(256)
        self.analysis_runner = AnalysisRunner(self, library)
        self.feed_actions = FeedActions(self)
        self._load_seq = self._applied_seq = 0

    # -- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            yield Sidebar(show_feeds=self.library.scope is None, id="nav")
            yield ArticleView(id="reader")
            with Vertical(id="side"):
                yield QuotesPane(id="quotes")
                yield SummaryPane(id="summary")
        yield StatusBar(id="statusbar")
        yield Footer()

    def on_resize(self) -> None:
        self.set_class(self.size.width < self.NARROW, "-narrow")

    @property
    def sidebar(self) -> Sidebar:
        return self.query_one(Sidebar)

    @property
    def article_view(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def body(self) -> ArticleBody:
        return self.article_view.body

    @property
    def quotes(self) -> QuotesPane:
        return self.query_one(QuotesPane)

    @property
    def summary(self) -> SummaryPane:
        return self.query_one(SummaryPane)

    @property
    def status_bar(self) -> StatusBar:
        return self.query_one(StatusBar)

    def on_mount(self) -> None:
        self.quotes.border_title = "Quotes"
        self.summary.border_title = "Summary"
        self.sidebar.article_list.focus()
        self.reload(open_first=True, first=self._initial)

    def on_unmount(self) -> None:
        self.analysis_runner.close()

    # -- loading ----------------------------------------------------------------------------

    def reload(
        self,
        *,
        analyse: bool = True,
        open_first: bool = True,
        reopen: int | None = None,
        select: ViewKey | None = None,
        first: int | None = None,
    ) -> Worker[None]:
        """Read the articles and feeds off the event loop, show them, then: open ``first`` (or the
        newest when nothing is open), show ``reopen`` again, move the tree to ``select``, and
        analyse the new articles in the background."""
        self._load_seq += 1
        return self._reload(self._load_seq, analyse, open_first, reopen, select, first)

    @work(group="load", exit_on_error=False)
    async def _reload(
        self, seq: int, analyse: bool, open_first: bool, reopen: int | None, select: ViewKey | None, first
    ) -> None:
        library = self.library
        scoped = library.scope is not None
        rows, feeds = await asyncio.to_thread(
            lambda: (library.articles(), [] if scoped else library.feeds.list())
        )
        sidebar = self.sidebar
        if seq > self._applied_seq:  # a slower, older load must not undo a newer one
            self._applied_seq = seq
            sidebar.load(rows, feeds)
            if self.article_id is not None and self.article_id not in sidebar.rows:
                self.article_id = None
        if reopen is not None and reopen in sidebar.rows:
            self.article_id = None  # its text changed: build the body again
            self.open_article(reopen)
        elif first is not None and first in sidebar.rows:
            self.open_article(first)
        elif open_first and self.article_id is None:
            if sidebar.listed:
                self.open_article(next(iter(sidebar.listed)))
            elif not sidebar.rows:
                self.quotes.show_pending("No articles yet.")
                self.summary.show(None, [], "No articles yet: press a to add a feed.")
        if select is not None:
            sidebar.select_view(select)
        if analyse:
            self.analysis_runner.offer(list(sidebar.rows.values()))
            self.analysis_runner.listed(sidebar.article_list.visible_ids())
        # After the first paint: loading the model holds the GIL for a second.
        self.call_after_refresh(self.analysis_runner.start)
        self.refresh_status()

    @property
    def loading(self) -> bool:
        """A reload is on its way."""
        return self._applied_seq < self._load_seq

    def texts_changed(self, article_ids: list[int]) -> None:
        """Articles got a new text (a fetched full text): show and analyse it again."""
        for article_id in article_ids:
            self._documents.discard(article_id)
            self._analyses.discard(article_id)
            self.body.forget(article_id)
        reopen = self.article_id if self.article_id in article_ids else None
        self.reload(open_first=reopen is None, reopen=reopen)

    # -- opening articles -------------------------------------------------------------------

    def open_article(
        self, article_id: int, *, mark: tuple[int, int] | None = None, focus_body: bool = False
    ) -> Worker[None] | None:
        """Show an article: its text and cached analysis read in a thread unless the screen has
        them; an article without an analysis goes first in the analysis queue. Returns the
        worker reading it (None when it was shown at once)."""
        if article_id == self.article_id:
            self._after_open(mark, focus_body)
            return None
        doc = self._documents.get(article_id)
        if doc is not None and article_id in self._analyses:
            self._show(article_id, doc, self._analyses[article_id], mark, focus_body)
            return None
        return self._read_article(article_id, mark, focus_body)

    @work(group="open", exclusive=True, exit_on_error=False)
    async def _read_article(self, article_id: int, mark: tuple[int, int] | None, focus_body: bool) -> None:
        doc = self._documents.get(article_id)
        library = self.library
        try:
            if doc is None:
                doc, analysis = await asyncio.to_thread(
                    lambda: (library.document(article_id), library.cached_analysis(article_id))
                )
            else:
                analysis = await asyncio.to_thread(library.cached_analysis, article_id)
        except KeyError:  # it went (its feed was removed) before it could be read
            return
        self._documents[article_id] = doc
        if analysis is not None:
            self._analyses[article_id] = analysis
        self._show(article_id, doc, analysis, mark, focus_body)

    def _show(
        self,
        article_id: int,
        doc: Document,
        analysis: Analysis | None,
        mark: tuple[int, int] | None,
        focus_body: bool,
    ) -> None:
        self.article_id, self.document, self.analysis = article_id, doc, analysis
        self.sidebar.select_article(article_id)
        self._show_panes()
        if analysis is None:
            self.analysis_runner.want(article_id)
        else:
            self.load_related(article_id, analysis)
        self._mark_read(article_id)
        self._after_open(mark, focus_body)
        self.refresh_status()

    def _after_open(self, mark: tuple[int, int] | None, focus_body: bool) -> None:
        if mark is not None:
            self.body.mark_range(*mark)
        if focus_body:
            self.body.focus()

    def _show_panes(self) -> None:
        doc, analysis, article_id = self.document, self.analysis, self.article_id
        if doc is None or article_id is None:
            return
        error = self.analysis_runner.error
        row = self.sidebar.rows.get(article_id)
        self.article_view.show(
            article_id, doc, analysis, teaser=bool(row and row.teaser), unavailable=error is not None
        )
        publisher = [doc.block_text(b) for b in doc.blocks_of(STANDFIRST)]
        if analysis is None:
            note = error or "Analysing…"
            self.quotes.show_pending(note)
            self.summary.show(None, publisher, note)
        else:
            self.quotes.show_quotes(analysis.quotes)
            self.summary.show(analysis.summary, publisher)
        self.quotes.border_subtitle = "" if analysis is None else str(len(analysis.quotes))

    def _mark_read(self, article_id: int) -> None:
        row = self.sidebar.rows.get(article_id)
        if row is not None and not row.read:
            self.set_state(article_id, read=True)

    def set_state(self, article_id: int, *, read: bool | None = None, starred: bool | None = None) -> None:
        """Mark an article read or starred on screen now, and in the library in a thread."""
        changes = {k: v for k, v in (("read", read), ("starred", starred)) if v is not None}
        self.sidebar.change(article_id, **changes)
        library = self.library

        def save() -> None:
            if read is not None:
                library.set_read(article_id, read)
            if starred is not None:
                library.set_starred(article_id, starred)

        self.run_worker(save, thread=True, group="store", exit_on_error=False)
        self.refresh_status()

    @work(thread=True, group="related", exclusive=True, exit_on_error=False)
    def load_related(self, article_id: int, analysis: Analysis) -> None:
        self.post_message(RelatedQuotesReady(article_id, self.library.related_quotes(article_id, analysis)))

    def refresh_status(self) -> None:
        """Say what the view holds and what is running."""
        sidebar = self.sidebar
        feed = sidebar.chosen_feed
        self.status_bar.show(
            status_line(
                articles=len(sidebar.listed),
                unread=sidebar.article_list.unread,
                feed_error=feed.error if feed is not None else None,
                analysis=self.analysis_runner.state,
                activity=self.feed_actions.activity,
            )
        )

    # -- messages from the components and workers -------------------------------------------

    def on_sidebar_article_chosen(self, message: Sidebar.ArticleChosen) -> None:
        self.open_article(message.article_id, focus_body=message.focus_body)

    def on_sidebar_view_changed(self, message: Sidebar.ViewChanged) -> None:
        self.analysis_runner.listed(self.sidebar.article_list.visible_ids())
        self.refresh_status()

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

    def on_analysed(self, message: Analysed) -> None:
        self.analysis_runner.analysed(message)
        article_id, analysis = message.article_id, message.analysis
        self._analyses[article_id] = analysis
        self.sidebar.change(article_id, analysed=True)
        if article_id == self.article_id and self.analysis is None:
            self.analysis = analysis
            self._show_panes()
            self.load_related(article_id, analysis)
        self.refresh_status()

    def on_analysis_failed(self, message: AnalysisFailed) -> None:
        self.analysis_runner.failed(message)
        self._show_panes()
        self.refresh_status()

    def on_library_analysed(self, message: LibraryAnalysed) -> None:
        self.analysis_runner.finished()
        if message.total and self.article_id is not None and self.analysis is not None:
            # New analyses may relate to the open article: look again.
            self.load_related(self.article_id, self.analysis)
        self.refresh_status()

    def on_related_quotes_ready(self, message: RelatedQuotesReady) -> None:
        if message.article_id == self.article_id:
            self.quotes.show_related(message.related)

    def on_feeds_progress(self, message: FeedsProgress) -> None:
        self.feed_actions.progressed(message)

    def on_feeds_refreshed(self, message: FeedsRefreshed) -> None:
        self.feed_actions.refreshed(message)

    def on_full_text_fetched(self, message: FullTextFetched) -> None:
        self.feed_actions.full_text_fetched(message)

    def on_link_found(self, message: LinkFound) -> None:
        self.feed_actions.link_found(message)

    # -- actions ----------------------------------------------------------------------------

    def action_toggle_highlight(self) -> None:
        """Turn entity highlighting on or off."""
        self.article_view.highlight = not self.article_view.highlight

    def action_next_entity(self) -> None:
        """Mark the next entity mention."""
        self._jump(True)

    def action_previous_entity(self) -> None:
        """Mark the previous entity mention."""
        self._jump(False)

    def _jump(self, forward: bool) -> None:
        if self.body.jump_entity(forward) is None:
            note = (
                "No entities in this article."
                if self.analysis
                else "Entities appear when the analysis is done."
            )
            self.notify(note, timeout=2)

    def action_page_down(self) -> None:
        self.body.scroll_page_down()

    def action_page_up(self) -> None:
        self.body.scroll_page_up()

    def action_refresh_feed(self) -> None:
        """Refresh the chosen feed or folder (else the open article's feed)."""
        self.feed_actions.refresh_chosen()

    def action_refresh_all(self) -> None:
        """Refresh every feed."""
        self.feed_actions.refresh_all()

    def action_add_feed(self) -> None:
        """Subscribe to a feed (a dialog asks for its address and folder)."""
        self.feed_actions.add()

    def action_mark_feed_read(self) -> None:
        """Mark every article of the chosen feed or folder (else the open article's feed) read."""
        self.feed_actions.mark_chosen_read()

    def action_toggle_unread_only(self) -> None:
        """Show only unread articles, or all of them again."""
        self.sidebar.unread_only = not self.sidebar.unread_only

    def action_toggle_read(self) -> None:
        """Mark the open article read or unread."""
        row = self.sidebar.rows.get(self.article_id) if self.article_id is not None else None
        if row is not None:
            self.set_state(row.id, read=not row.read)

    def action_toggle_star(self) -> None:
        """Star or unstar the open article."""
        row = self.sidebar.rows.get(self.article_id) if self.article_id is not None else None
        if row is not None:
            self.set_state(row.id, starred=not row.starred)
            self.feed_actions.say("Starred" if not row.starred else "Star removed", timeout=1.5)

    def action_open_link(self) -> None:
        """Open the article's web page in the browser (after showing where it goes)."""
        if self.article_id is not None:
            self.feed_actions.open_link(self.article_id)

    def action_fetch_full_text(self) -> None:
        """Fetch the whole article from its web page (for feeds that send only a teaser)."""
        if self.article_id is not None:
            self.feed_actions.fetch_full_text(self.article_id)

    # -- for the command palette ------------------------------------------------------------

    def show_article(self, article_id: int) -> None:
        """Open an article from anywhere; outside the current view, the list goes to All."""
        self.sidebar.show_article(article_id)

    def jump_to_entity(self, canonical: str) -> None:
        """Mark the first mention of an entity of the open article."""
        mention = next((e for e in self.body.entities if e.canonical == canonical), None)
        if mention is not None:
            self.body.mark_range(mention.start, mention.end)

    def stop_background(self) -> None:
        """Stop analysing the library in the background until new articles come."""
        self.analysis_runner.stop_background()
        self.refresh_status()

"""The reader: sidebar of articles, the article body, quotes and summary panes.

The screen is the controller: it asks the library for rows and documents (fast queries) on the
UI thread, runs the slow analysis in thread workers, and updates the widgets from the messages
those workers post back.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.cache import LRUCache
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer
from textual.worker import get_current_worker

from ...core.models import STANDFIRST, Analysis, Document
from ..commands import ArticleCommands, EntityCommands, ReaderCommands
from ..messages import AnalysisFailed, AnalysisReady, LibraryAnalysed, LibraryProgress, RelatedQuotesReady
from ..widgets.article_body import ArticleBody
from ..widgets.article_list import ArticleList
from ..widgets.legend import EntityLegend
from ..widgets.quotes import QuotesPane
from ..widgets.status import StatusLine
from ..widgets.summary import SummaryPane

if TYPE_CHECKING:
    from ...core.library import Library


def _count(n: int, one: str, many: str = "") -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


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
    ]

    COMMANDS = {ArticleCommands, EntityCommands, ReaderCommands}

    highlight: reactive[bool] = reactive(True)
    """Entity highlighting in the body (view state)."""

    def __init__(self, library: Library, open_article: int | None = None) -> None:
        super().__init__()
        self.library = library
        self.article_id: int | None = None
        self.document: Document | None = None
        self.analysis: Analysis | None = None
        self._initial = open_article
        self._documents: LRUCache[int, Document] = LRUCache(64)
        self._analyses: LRUCache[int, Analysis] = LRUCache(256)
        self._foreground: set[int] = set()  # articles a foreground worker is analysing
        self._background_started = False
        self._model_error: str | None = None
        self._progress = ""

    # -- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            yield ArticleList(id="articles")
            with Vertical(id="reader"):
                yield ArticleBody(id="body")
                yield EntityLegend(id="legend")
            with Vertical(id="side"):
                yield QuotesPane(id="quotes")
                yield SummaryPane(id="summary")
        yield StatusLine(id="status")
        yield Footer()

    NARROW = 110
    """Below this many columns the quotes and summary move under the article."""

    def on_resize(self) -> None:
        self.set_class(self.size.width < self.NARROW, "-narrow")

    @property
    def sidebar(self) -> ArticleList:
        return self.query_one("#articles", ArticleList)

    @property
    def body(self) -> ArticleBody:
        return self.query_one("#body", ArticleBody)

    @property
    def quotes(self) -> QuotesPane:
        return self.query_one("#quotes", QuotesPane)

    @property
    def summary(self) -> SummaryPane:
        return self.query_one("#summary", SummaryPane)

    def on_mount(self) -> None:
        self.sidebar.border_title = "Articles"
        self.body.border_title = "Article"
        self.quotes.border_title = "Quotes"
        self.summary.border_title = "Summary"
        rows = self.library.articles()
        first = self._initial if self._initial is not None else (rows[0].id if rows else None)
        self.sidebar.set_rows(rows, first)
        self.sidebar.focus()
        if first is not None:
            self.open_article(first)
        else:
            self.quotes.show_pending("No articles yet.")
            self.summary.show(None, [], "No articles yet.")
        if not self._foreground:
            self.call_after_refresh(self.start_background)
        self._update_status()

    def reload_articles(self) -> None:
        """Re-read the article list (after a feed refresh): the cursor stays on the open article,
        and new articles are analysed in the background."""
        rows = self.library.articles()
        self.sidebar.set_rows(rows, self.article_id)
        if self.article_id is None and rows:
            self.open_article(rows[0].id)
        if any(not r.analysed for r in rows):
            self._background_started = False
            if not self._foreground:
                self.start_background()
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
        self.quotes.border_subtitle = "" if analysis is None else str(len(analysis.quotes))

    def _mark_read(self, article_id: int) -> None:
        row = self.sidebar.rows.get(article_id)
        if row is not None and not row.read:
            self.sidebar.update_row(article_id, read=True)
            self.save_read(article_id)
            self._update_status()

    def _analyse_now(self, article_id: int) -> None:
        if self._model_error:
            return
        # Only the newest request counts: an older worker may have been cancelled before it ran.
        self._foreground = {article_id}
        self._update_status()
        # After the next paint: loading the model holds the GIL for a second, and the article
        # text must be on screen before that starts.
        self.call_after_refresh(self._start_analysis, article_id)

    def _start_analysis(self, article_id: int) -> None:
        if article_id in self._foreground and article_id == self.article_id:
            self.analyse_article(article_id)
        else:  # the reader moved on before it started
            self._foreground.discard(article_id)
            if not self._foreground:
                self.start_background()
            self._update_status()

    # -- workers ----------------------------------------------------------------------------

    @work(thread=True, group="analysis", exclusive=True, exit_on_error=False)
    def analyse_article(self, article_id: int) -> None:
        """Analyse the open article (loads the model on first use)."""
        try:
            analysis = self.library.analyze(article_id)
        except Exception as e:  # the model is missing or broken: say so, keep reading
            self.post_message(AnalysisFailed(article_id, str(e) or type(e).__name__))
            return
        self.post_message(AnalysisReady(article_id, analysis))

    @work(thread=True, group="background", exclusive=True, exit_on_error=False)
    def analyse_library(self) -> None:
        """Analyse every article without a cached analysis, the open one first."""
        worker = get_current_worker()
        todo = self.library.unanalysed()
        total, done = len(todo), 0
        while todo:
            if worker.is_cancelled:
                return
            if self._foreground:  # the open article's worker has the model: wait for it
                time.sleep(0.05)
                continue
            current = self.article_id
            article_id = current if current in todo else todo[0]
            todo.remove(article_id)
            try:
                analysis = self.library.analyze(article_id)
            except Exception as e:
                self.post_message(AnalysisFailed(article_id, str(e) or type(e).__name__, background=True))
                return
            done += 1
            self.post_message(LibraryProgress(article_id, analysis, done, total))
        self.post_message(LibraryAnalysed(total))

    @work(thread=True, group="related", exclusive=True, exit_on_error=False)
    def load_related(self, article_id: int, analysis: Analysis) -> None:
        related = self.library.related_quotes(article_id, analysis)
        self.post_message(RelatedQuotesReady(article_id, related))

    @work(thread=True, group="store", exit_on_error=False)
    def save_read(self, article_id: int) -> None:
        self.library.set_read(article_id, True)

    def start_background(self) -> None:
        if not self._background_started and not self._model_error:
            self._background_started = True
            self._progress = "Analysing library…"
            self.analyse_library()
            self._update_status()

    # -- worker reports ---------------------------------------------------------------------

    def _analysed(self, article_id: int, analysis: Analysis) -> None:
        self._analyses[article_id] = analysis
        self.sidebar.update_row(article_id, analysed=True)
        if article_id == self.article_id and self.analysis is None:
            self.analysis = analysis
            self.body.set_analysis(analysis)
            self._show_panes()
            self.load_related(article_id, analysis)

    def on_analysis_ready(self, message: AnalysisReady) -> None:
        self._foreground.discard(message.article_id)
        self._analysed(message.article_id, message.analysis)
        self.start_background()
        self._update_status()

    def on_analysis_failed(self, message: AnalysisFailed) -> None:
        self._foreground.discard(message.article_id)
        self._progress = ""
        self._model_error = f"Analysis unavailable: {message.error}"
        self._show_panes()
        self._update_status()

    def on_library_progress(self, message: LibraryProgress) -> None:
        self._analysed(message.article_id, message.analysis)
        self._progress = f"Analysing library {message.done}/{message.total}…"
        self._update_status()

    def on_library_analysed(self, message: LibraryAnalysed) -> None:
        self._progress = ""
        self._background_started = False  # a later reload may bring new articles
        if message.total and self.article_id is not None and self.analysis is not None:
            # New analyses may relate to the open article: look again.
            self.load_related(self.article_id, self.analysis)
        self._update_status()

    def on_related_quotes_ready(self, message: RelatedQuotesReady) -> None:
        if message.article_id == self.article_id:
            self.quotes.show_related(message.related)

    def _update_status(self) -> None:
        status = self.query_one(StatusLine)
        total, unread = len(self.sidebar.rows), self.sidebar.unread
        status.left = f"{total} article{'s' * (total != 1)} · {unread} unread"
        self.sidebar.border_subtitle = f"{unread} unread" if unread else ""
        if self._model_error:
            status.right, status.busy = self._model_error, False
        elif self._foreground and not self.library.model_loaded:
            status.right, status.busy = "Loading language model…", True
        elif self._foreground:
            status.right, status.busy = "Analysing…", True
        elif self._progress:
            status.right, status.busy = self._progress, True
        else:
            status.right, status.busy = "All articles analysed", False

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

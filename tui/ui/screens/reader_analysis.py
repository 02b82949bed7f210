"""The reader's analysis workers: the open article first, then the rest of the library.

A mixin of :class:`~tui.ui.screens.reader.ReaderScreen`: the model runs in thread workers,
which report back with messages; one background pass analyses whatever is not analysed yet,
always taking the open article first, and is restarted (cancelling the old one) when a feed
refresh or a fetched full text brings new text.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from textual import work
from textual.worker import get_current_worker

from ..messages import AnalysisFailed, AnalysisReady, LibraryAnalysed, LibraryProgress, RelatedQuotesReady

if TYPE_CHECKING:
    from ...core.models import Analysis
    from .reader import ReaderScreen

    _Base = ReaderScreen
else:
    _Base = object


class AnalysisWorkers(_Base):
    """Workers and their reports; the screen's state (``_foreground``, caches) lives on the screen."""

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
            except KeyError:  # the article went (its feed was removed) while the pass ran
                continue
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

    def start_background(self, restart: bool = False) -> None:
        """Start the background pass (``restart``: a new one over new articles, cancelling the old)."""
        if restart:
            self._background_started = self._background_stopped = False
        if self._background_stopped:
            return
        if not self._background_started and not self._model_error and not self._foreground:
            self._background_started = True
            self._progress = "Analysing library…"
            self.analyse_library()
            self._update_status()

    def stop_background(self) -> None:
        """Cancel the background pass (it stops after the article it is on) until new articles come."""
        self.workers.cancel_group(self, "background")
        self._background_started = False
        self._background_stopped = True
        self._progress = ""
        self._update_status()

    # -- worker reports ---------------------------------------------------------------------

    def _analysed(self, article_id: int, analysis: Analysis) -> None:
        self._analyses[article_id] = analysis
        self._change(article_id, analysed=True)
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
        if message.article_id in self._all:
            self._analysed(message.article_id, message.analysis)
        if not self._background_stopped:  # the last article of a stopped pass still reports
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

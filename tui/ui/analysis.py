"""The reader's analysis: the core's queue, drained by a thread worker that only waits and posts messages.

:class:`AnalysisRunner` belongs to a screen. It tells the queue which article is on screen and
which are listed, starts a worker when the queue asks for one (never before the first paint:
loading the model holds the GIL for a second), and keeps what the status line says about the
analysis. The worker ends when the queue is empty; new work starts another.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.worker import get_current_worker

from ..core.scheduler import AnalysisJob, AnalysisQueue
from .messages import Analysed, AnalysisFailed, LibraryAnalysed
from .status import AnalysisState

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from ..core.library import Library
    from ..core.models import ArticleRow


class AnalysisRunner:
    """Analysis for one screen: ``node`` runs the worker and receives its messages."""

    def __init__(self, node: DOMNode, library: Library) -> None:
        self.node = node
        self.library = library
        self.queue = AnalysisQueue()
        self.error: str | None = None  # the model failed: nothing more is tried
        self.on_screen: int | None = None  # the article on screen, waiting for its analysis
        self.progress = ""  # the background pass, for the status line
        self.stopped = False  # the reader stopped the background pass
        self._painted = False  # the screen has painted once: workers may start
        self._wanted = False  # the queue asked for a worker before that
        self._done = self._total = 0  # the background pass's progress as shown

    @property
    def state(self) -> AnalysisState:
        on_screen = self.on_screen is not None
        return AnalysisState(self.error, on_screen, self.library.model_loaded, self.progress, self.stopped)

    def start(self) -> None:
        """The screen has painted: workers may start from now on."""
        self._painted = True
        if self._wanted:
            self._spawn()

    def _spawn(self, needed: bool = True) -> None:
        if not needed:
            return
        if not self._painted:
            self._wanted = True
            return
        self._wanted = False
        self.node.run_worker(self._drain, name="analysis", group="analysis", thread=True, exit_on_error=False)

    def close(self) -> None:
        """The screen goes: the worker ends after the article it is on."""
        self.queue.close()

    # -- what to analyse ------------------------------------------------------------------------

    def want(self, article_id: int) -> None:
        """Analyse the article on screen before anything else."""
        if self.error is None:
            self.on_screen = article_id
            self._spawn(self.queue.focus(article_id))

    def offer(self, rows: list[ArticleRow]) -> None:
        """Analyse, in the background, every row without an analysis (newest first)."""
        if self.error is not None:
            return
        self._spawn(self.queue.offer(rows))
        if self.queue.waiting:
            self.stopped = False
            self.progress = "Analysing library…"

    def listed(self, article_ids: list[int]) -> None:
        """The articles on screen in the list: next after the open one."""
        self.queue.show(article_ids)

    def stop_background(self) -> None:
        """Stop the background pass (after the article it is on) until new articles come."""
        self.queue.stop_background()
        self.stopped = True
        self.progress = ""

    # -- reports (UI thread) --------------------------------------------------------------------

    def analysed(self, message: Analysed) -> None:
        if message.foreground and message.article_id == self.on_screen:
            self.on_screen = None
        if not message.foreground and not self.stopped:
            # Processes finish their jobs out of order: the count shown never goes back.
            same_pass = message.total == self._total
            self._done = max(self._done, message.done) if same_pass else message.done
            self._total = message.total
            self.progress = f"Analysing library {self._done}/{message.total}…"

    def failed(self, message: AnalysisFailed) -> None:
        self.error = f"Analysis unavailable: {message.error}"
        self.on_screen = None
        self.progress = ""
        self.queue.close()

    def finished(self) -> None:
        self.progress = ""
        self._done = self._total = 0

    # -- the worker -----------------------------------------------------------------------------

    def _drain(self) -> None:
        # The model runs in the library's analysis processes: this thread takes jobs from the
        # queue as processes come free and mostly waits on them, holding no interpreter lock.
        worker = get_current_worker()
        post = self.node.post_message
        background = 0
        taken: list[AnalysisJob] = []

        def take() -> AnalysisJob | None:
            job = None if worker.is_cancelled else self.queue.next()
            if job is not None:
                taken[:] = [job]
            return job

        results = self.library.analyze_jobs(iter(take, None))
        try:
            for job, analysis in results:
                background += not job.foreground
                post(Analysed(job.article_id, analysis, job.foreground, job.done, job.total))
                if worker.is_cancelled:
                    break
        except Exception as e:  # the model is missing or broken: say so, keep reading
            post(AnalysisFailed(taken[0].article_id if taken else 0, str(e) or type(e).__name__))
            return
        finally:
            results.close()
        if not worker.is_cancelled:
            post(LibraryAnalysed(background))  # the queue is empty: this worker ends

"""Analysing a library's articles: the cache first, then the model in worker processes.

:class:`AnalysisService` is what :class:`~.library.Library` hands its analysis calls to. It
takes jobs one at a time from whoever decides the order (the app's :class:`~.scheduler.AnalysisQueue`,
or ``newsreader analyze``'s list), keeps one small chunk in flight per process (so the article
on screen never waits behind a long batch, or a queue of them), stores each analysis
as it comes back (only this process writes the database) and hands it on. With one process
configured, or where processes cannot be started, the model runs here instead, as it did before.
Analyses are cached by content hash and analyzer version, so a pass that is stopped resumes
where it was: nothing it finished is analysed again.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, CancelledError, Future, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .analysis.pool import AnalysisPool, PoolUnavailable
from .analysis.version import ANALYZER_VERSION
from .errors import AnalysisCrashed
from .models import Analysis, Document
from .scheduler import AnalysisJob
from .store import AnalysisRepo, ArticleRepo

if TYPE_CHECKING:  # pragma: no cover
    from .analysis import Analyzer


@dataclass(frozen=True, slots=True)
class _Todo:
    """A job that needs the model, with what it needs: the document and its cache key."""

    job: AnalysisJob
    hash: str
    doc: Document


class AnalysisService:
    """Analyses articles of one library (its repositories) and keeps the results.

    ``processes`` > 1 analyses in that many worker processes; 1 analyses in this process with
    ``analyzer`` (created on first use when not given). Thread-safe.
    """

    def __init__(
        self, articles: ArticleRepo, analyses: AnalysisRepo, analyzer: Analyzer | None, processes: int
    ) -> None:
        self._articles = articles
        self._analyses = analyses
        self._analyzer = analyzer
        self._model_lock = threading.Lock()
        self.pool = AnalysisPool(processes) if processes > 1 else None

    @property
    def analyzer(self) -> Analyzer:
        """The in-process model, created on first use (importing spaCy takes ~1 s)."""
        with self._model_lock:
            if self._analyzer is None:
                from .analysis import Analyzer

                self._analyzer = Analyzer()
            return self._analyzer

    @property
    def model_loaded(self) -> bool:
        """Is a model ready: loaded here, or in a worker process that has answered?"""
        if self._analyzer is not None and self._analyzer.loaded:
            return True
        return self.pool is not None and self.pool.warm

    @property
    def version(self) -> str:
        return ANALYZER_VERSION if self._analyzer is None else self._analyzer.version

    @property
    def processes(self) -> int:
        """Processes that analyse (1: this one)."""
        pool = self.pool
        return 1 if pool is None or pool.unavailable else pool.processes

    def close(self) -> None:
        """End the worker processes, if any (a pass in progress stops; later calls start anew)."""
        if self.pool is not None:
            self.pool.close()

    def analyze_many(self, article_ids: Iterable[int]) -> list[Analysis]:
        """The analyses of these articles in order, cached or computed (``KeyError``: no such article)."""
        ids = list(article_ids)
        jobs = [AnalysisJob(aid, foreground=False) for aid in dict.fromkeys(ids)]
        # In this process, one batch through the model; else a share for each process.
        n = self.processes
        batch = len(jobs) if n == 1 else min(8, -(-len(jobs) // n))
        out = {job.article_id: analysis for job, analysis in self.run(jobs, batch=max(1, batch))}
        return [out[aid] for aid in ids]

    def run(
        self, jobs: Iterable[AnalysisJob], batch: int = 1, ahead: int = 0
    ) -> Iterator[tuple[AnalysisJob, Analysis]]:
        """Each job with its analysis as it is ready (cached ones at once), storing new ones.

        Jobs are taken from ``jobs`` only when a process is free for them (``batch`` at a time,
        a foreground job ending a batch; ``ahead`` more chunks wait in line so that no process
        waits for this one, at the cost of a job taken now waiting behind them), so whoever
        produces them can still change the order;
        articles that are gone are skipped. Raises what the model raises (``ModelUnavailable``),
        or :class:`AnalysisCrashed`. Closing the service ends the pass quietly; closing the
        iterator drops the jobs still in flight.
        """
        source = iter(jobs)
        epoch = self.pool.epoch if self.pool is not None else 0
        inflight: dict[Future[list[Analysis]], tuple[list[_Todo], int]] = {}
        more = True
        try:
            while True:
                while more and len(inflight) < self._slots(ahead) and not self._closed_since(epoch):
                    ready, todo = self._take(source, batch)
                    yield from ready
                    if todo:
                        inflight[self._submit(todo)] = (todo, 1)
                    elif not ready:
                        more = False
                if not inflight:
                    return
                done, _ = wait(inflight, return_when=FIRST_COMPLETED)
                for future in [f for f in inflight if f in done]:  # in the order they went
                    if self._closed_since(epoch):
                        return  # the library closed: the pass ends here
                    todo, attempt = inflight.pop(future)
                    try:
                        results = future.result()
                    except (BrokenProcessPool, CancelledError):
                        if self._closed_since(epoch):
                            return
                        if attempt > 1:
                            raise AnalysisCrashed(
                                "the analysis process ended in the middle of a job"
                            ) from None
                        inflight[self._submit(todo)] = (todo, attempt + 1)
                        continue
                    for item, analysis in zip(todo, results, strict=True):
                        self._analyses.put(item.hash, analysis)
                        yield item.job, analysis
        finally:
            for future in inflight:
                future.cancel()

    def _closed_since(self, epoch: int) -> bool:
        return self.pool is not None and self.pool.epoch != epoch

    def _slots(self, ahead: int) -> int:
        """Chunks in flight at once: one per process (with no ``ahead``, a job taken now, the
        article on screen, waits only for the first process to come free); one here."""
        n = self.processes
        return 1 if n == 1 else n + ahead

    def _take(
        self, source: Iterator[AnalysisJob], batch: int
    ) -> tuple[list[tuple[AnalysisJob, Analysis]], list[_Todo]]:
        """Jobs from ``source`` until ``batch`` need the model (or a foreground one does):
        (the cached ones with their analyses, the others). Both empty: ``source`` is done."""
        ready: list[tuple[AnalysisJob, Analysis]] = []
        todo: list[_Todo] = []
        for job in source:
            try:
                key = self._articles.hash(job.article_id)
                cached = self._analyses.get(key, self.version)
                if cached is not None:
                    ready.append((job, cached))
                    continue
                todo.append(_Todo(job, key, self._articles.document(job.article_id)))
            except KeyError:  # the article went (its feed was removed) while it waited
                continue
            if len(todo) >= batch or job.foreground:
                break
        return ready, todo

    def _submit(self, todo: Sequence[_Todo]) -> Future[list[Analysis]]:
        """The chunk's analyses to come: from a worker process, or computed here and now."""
        docs = [item.doc for item in todo]
        if self.pool is not None and not self.pool.unavailable:
            try:
                return self.pool.submit(docs)
            except PoolUnavailable:
                pass  # analyse in this process from now on
        future: Future[list[Analysis]] = Future()
        try:
            future.set_result(self._analyze_here(docs))
        except Exception as e:  # noqa: BLE001 - raised to the caller by future.result()
            future.set_exception(e)
        return future

    def _analyze_here(self, docs: Sequence[Document]) -> list[Analysis]:
        analyzer = self.analyzer
        # One model, one thread at a time: spaCy pipelines are not meant to be shared across threads.
        with self._model_lock:
            return list(analyzer.analyze_many(docs))

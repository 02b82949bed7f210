"""Analyse documents in worker processes, one model per process, one process per core.

The process that owns the library (the app's or the command line's) reads the documents and
stores the analyses; the workers only turn :class:`Document` lists into :class:`Analysis` lists
(both frozen dataclasses, pickled across). The model then never runs in the app's process, so
the interpreter lock that a thread running spaCy held there (a resize during analysis took
2 s) is never taken by analysis, and a pass uses every core.

Processes start on the first job and end after :data:`IDLE_SECONDS` with nothing to do (their
models' memory goes back to the system) or on :meth:`AnalysisPool.close`, which does not wait
for a job in progress: the parent holds nothing a worker could leave half written.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

from ..errors import ModelUnavailable
from ..processes import quiet_worker, start_resource_tracker, worker_context
from .model import NO_MODEL, model_installed

if TYPE_CHECKING:  # pragma: no cover
    from ..models import Analysis, Document
    from .pipeline import Analyzer

ENV = "NEWSREADER_ANALYSIS_PROCESSES"
"""Environment variable overriding the number of analysis processes (1: analyse in-process)."""

IDLE_SECONDS = 60.0
"""A pool with nothing to do for this long ends its processes; the next job starts them again."""


MAX_PROCESSES = 64  # (each holds the model: a typo of a few digits must not start thousands)


def analysis_processes(env: Mapping[str, str] | None = None) -> int:
    """How many processes analyse: ``$NEWSREADER_ANALYSIS_PROCESSES`` when it is a number,
    else one per core this process may run on."""
    text = (os.environ if env is None else env).get(ENV, "").strip()
    if text.isdigit():
        return max(1, min(int(text), MAX_PROCESSES))
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


class PoolUnavailable(RuntimeError):
    """Worker processes cannot be started here (no semaphores, no process left): analyse in-process."""


# -- in the worker --------------------------------------------------------------------------

_analyzer: Analyzer | None = None


NICE = 10
"""How much lower than the parent's the workers' CPU priority is: on a busy machine the UI's own
process (and its resizes) come first; with nothing else to run the workers still get every core."""


def _init_worker(parent: int) -> None:
    quiet_worker(parent)
    try:
        os.nice(NICE)
    except OSError:  # pragma: no cover - not allowed here: run at the parent's priority
        pass


def analyze_in_worker(docs: Sequence[Document]) -> list[Analysis]:
    """Analyse ``docs`` with this process's model, loaded by its first job (a missing model is a
    :class:`ModelUnavailable` that travels back to the parent)."""
    global _analyzer
    if _analyzer is None:
        from .pipeline import Analyzer

        _analyzer = Analyzer()
    return list(_analyzer.analyze_many(docs))


# -- in the parent --------------------------------------------------------------------------


class AnalysisPool:
    """``processes`` worker processes for :func:`analyze_in_worker`; thread-safe, started on first
    use. ``epoch`` changes on :meth:`close`: a job that fails in an older epoch was stopped on
    purpose, not by a crash."""

    def __init__(self, processes: int, idle: float = IDLE_SECONDS) -> None:
        self.processes = max(1, processes)
        self.idle = idle
        self.epoch = 0
        self.warm = False  # a job came back since the processes started: they have a model
        self.unavailable = False  # processes could not be started: analyse in-process instead
        self._lock = threading.Lock()
        self._executor: ProcessPoolExecutor | None = None
        self._busy = 0
        self._timer: threading.Timer | None = None

    def submit(self, docs: Sequence[Document]) -> Future[list[Analysis]]:
        """Analyse ``docs`` in a worker. Raises :class:`ModelUnavailable` at once when no model
        is installed, and :class:`PoolUnavailable` when no process can be started."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            for _attempt in range(2):
                executor = self._start()
                try:
                    future = executor.submit(analyze_in_worker, list(docs))
                except BrokenProcessPool:  # a worker died before we heard; a fresh pool next
                    self._drop(executor)
                    continue
                except Exception as e:  # noqa: BLE001 - whatever stops processes starting (OSError, a
                    # ValueError from an unusable stderr, ...) leaves the analysis to this process
                    self.unavailable = True
                    self._drop(executor)
                    raise PoolUnavailable(str(e) or type(e).__name__) from e
                break
            else:
                raise PoolUnavailable("the analysis processes keep ending")
            self._busy += 1
        future.add_done_callback(functools.partial(self._finished, executor))
        return future

    def _start(self) -> ProcessPoolExecutor:
        if self._executor is None:
            if not model_installed():
                raise ModelUnavailable(NO_MODEL)
            try:
                start_resource_tracker()  # with the real stderr, which the app has replaced
                self._executor = ProcessPoolExecutor(
                    self.processes,
                    mp_context=worker_context(),
                    initializer=_init_worker,
                    initargs=(os.getpid(),),
                )
            except Exception as e:  # noqa: BLE001 - no semaphores, no processes: analyse here
                self.unavailable = True
                raise PoolUnavailable(str(e) or type(e).__name__) from e
            self.warm = False
        return self._executor

    def _drop(self, executor: ProcessPoolExecutor) -> None:
        """Forget a broken executor (lock held); the next job starts a new one."""
        if self._executor is executor:
            self._executor = None
            self.warm = False
        _stop(executor)

    def _finished(self, executor: ProcessPoolExecutor, future: Future[list[Analysis]]) -> None:
        with self._lock:
            self._busy -= 1
            if not future.cancelled():
                error = future.exception()
                if isinstance(error, BrokenProcessPool):
                    self._drop(executor)
                elif error is None and executor is self._executor:
                    self.warm = True
            if self._busy == 0 and self._executor is not None and self._timer is None:
                self._timer = threading.Timer(self.idle, self._retire)
                self._timer.daemon = True
                self._timer.start()

    def _retire(self) -> None:
        """Idle for :attr:`idle` seconds: end the processes, returning their memory."""
        with self._lock:
            self._timer = None
            if self._busy or self._executor is None:
                return
            executor, self._executor = self._executor, None
            self.warm = False
        executor.shutdown(wait=False)

    @property
    def running(self) -> bool:
        """Are worker processes up (started and not yet retired)?"""
        return self._executor is not None

    def close(self) -> None:
        """End the processes now, jobs in progress included (their futures fail); a later job
        starts new ones."""
        with self._lock:
            self.epoch += 1
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            executor, self._executor = self._executor, None
            self.warm = False
        if executor is not None:
            _stop(executor)


def _stop(executor: ProcessPoolExecutor) -> None:
    """Stop an executor's processes without waiting for their jobs (which then fail)."""
    # ProcessPoolExecutor has no public way to stop a busy worker before Python 3.14.
    procs = list((getattr(executor, "_processes", None) or {}).values())
    for proc in procs:
        proc.terminate()
    executor.shutdown(wait=False, cancel_futures=True)
    for proc in procs:
        proc.join(timeout=2.0)

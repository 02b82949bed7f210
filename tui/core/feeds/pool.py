"""Parse many feeds in worker processes, off the UI thread and spread over the cores.

Each worker arms an interval timer per feed: a feed that keeps the parser busy too long (a
super-linear regex inside feedparser, say) is interrupted and reported, and the worker goes on
with the next one. Workers start and behave as every worker of the core does (``processes.py``).
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from collections.abc import Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..collector import for_bulk_work
from ..processes import quiet_worker, worker_context

if TYPE_CHECKING:
    from .parsed import ParsedFeed

# The parser (feedparser, lxml) is imported where it runs, in the workers (the fork server
# preloads it for them): the parent that fetches and stores has no use for it until a result
# comes back, and a refresh of unchanged feeds (all 304s) never needs it at all.
# The items' sketches need numpy: imported by the fork server too, once, not by every worker
# at its first feed (0.1 s of CPU each).
_WORKER_MODULES = (
    f"{__package__}.parse",
    f"{__package__}.document",
    "tui.core.models.stored",
    "tui.core.similarity",
    "numpy",
)

PARSE_TIMEOUT = 30.0
# Extra wait beyond the in-worker timer before a result is given up on from outside.
_GRACE = 10.0
_HAS_TIMER = hasattr(signal, "setitimer") and hasattr(signal, "SIGALRM")


@dataclass(frozen=True, slots=True)
class ParseJob:
    """The bytes of one feed with its response headers and final URL (for relative links)."""

    data: bytes
    headers: Mapping[str, str] | None = None
    url: str | None = None
    # Build each entry's row for the store in the worker too (see :func:`with_rows`).
    rows: bool = False

    @classmethod
    def from_fetch(cls, result: Any, *, rows: bool = False) -> ParseJob:
        """From a :class:`~tui.core.feeds.fetch.FetchResult` that has a body."""
        if result.body is None:
            raise ValueError("this fetch result has no body to parse")
        return cls(result.body, dict(result.headers), result.final_url or result.url, rows)


def _on_alarm(signum: int, frame: object) -> None:
    from .parse import ParseTimeout

    raise ParseTimeout


def _init_worker(parent: int | None = None) -> None:
    if _HAS_TIMER:
        signal.signal(signal.SIGALRM, _on_alarm)
    quiet_worker(parent)
    for_bulk_work()  # a worker only parses: what it allocates is freed by reference counting


def with_rows(parsed: ParsedFeed) -> ParsedFeed:
    """Fill ``parsed.rows``, each entry's article as the store writes it (source: the feed's
    title), and drop the entries' texts.

    The texts then travel back to the parent once, inside the rows, with their blocks as JSON,
    their content hash and their sketch made here: the parent (which also fetches and stores)
    unpickles a tuple of strings an item and builds nothing again. Entries keep their id, title,
    link, dates and teaser flag.
    """
    from ..models.stored import item_row
    from ..similarity import document_sketches
    from .document import item_to_document

    docs = [item_to_document(it, parsed.title or None) for it in parsed.entries]
    # Grouping into stories needs each item's sketch: made here, on the workers' cores, so the
    # process that stores only compares (it was most of that process's CPU in a first refresh).
    sketches = document_sketches(docs)
    parsed.rows = [
        item_row(it.id, doc, it.is_teaser, sketch)
        for it, doc, sketch in zip(parsed.entries, docs, sketches, strict=True)
    ]
    for it in parsed.entries:
        it.summary_blocks = it.content_blocks = []
        it.links = []
        it.link_texts = []
    return parsed


def _parse(data: bytes, headers: Mapping[str, str] | None, url: str | None, rows: bool) -> ParsedFeed:
    from .parse import parse_feed

    parsed = parse_feed(data, headers, url)
    return with_rows(parsed) if rows and parsed.ok else parsed


def parse_with_timeout(
    data: bytes, headers: Mapping[str, str] | None, url: str | None, timeout: float, rows: bool = False
) -> ParsedFeed:
    """:func:`parse_feed` interrupted after ``timeout`` seconds (in a pool worker's main thread)."""
    from .parse import ParsedFeed, ParseTimeout

    if not _HAS_TIMER:  # pragma: no cover - Windows: the parent's wait is the only limit
        return _parse(data, headers, url, rows)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        return _parse(data, headers, url, rows)
    except ParseTimeout:
        return ParsedFeed(error=f"parsing took longer than {timeout:g} s; gave up")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def default_workers() -> int:
    """Parser processes for a refresh: the cores this process may use but one, at most two.

    The process that starts them fetches, stores and (in the app) draws: a stage of its own that
    needs a core. On two cores, two parsers beside it left three busy processes to share them,
    and its requests went out late when the feeds are all on one server (farm of 200 feeds, two
    runs of 6 rounds, two parsers and one alternately: on one server 4.00 / 3.87 s and 4.31 / 4.18
    s, on 50 servers 3.66 / 3.67 s and 4.05 / 3.91 s). Beyond two the storing process is the limit.
    """
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        cores = os.cpu_count() or 2
    return min(2, max(1, cores - 1))


class FeedParserPool:
    """A small process pool for :func:`parse_feed`; create once, reuse, :meth:`close` at exit."""

    def __init__(self, workers: int = 2, timeout: float = PARSE_TIMEOUT) -> None:
        self.workers = max(1, workers)
        self.timeout = timeout
        self._executor: ProcessPoolExecutor | None = None
        self._started: ProcessPoolExecutor | None = None  # the executor whose workers are forked
        self._lock = threading.Lock()

    def __enter__(self) -> FeedParserPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            # The fork server imports the parser once and workers fork from it ready to parse,
            # instead of each worker importing feedparser and lxml again (~0.3 s each).
            ctx = worker_context(_WORKER_MODULES)
            self._executor = ProcessPoolExecutor(
                self.workers, mp_context=ctx, initializer=_init_worker, initargs=(os.getpid(),)
            )
        return self._executor

    def start(self) -> None:
        """Start the worker processes now, and return when they are forked.

        That waits for the fork server to import the parser (a quarter of a second): call it
        from a thread (:meth:`parse` does, and a refresh that will parse calls it as its
        requests go out, so the workers are ready when the first feed arrives). Python forks
        pool workers as jobs are submitted: one no-op job each.
        """
        with self._lock:
            executor = self._pool()
            if self._started is not executor:
                for _ in range(self.workers):
                    executor.submit(os.getpid)
                self._started = executor

    def submit(self, job: ParseJob) -> Future[ParsedFeed]:
        return self._pool().submit(parse_with_timeout, job.data, job.headers, job.url, self.timeout, job.rows)

    def _outcome(self, future: Future[ParsedFeed]) -> ParsedFeed:
        try:
            return future.result(timeout=self.timeout + _GRACE)
        except Exception as e:  # noqa: BLE001 - every failure becomes this feed's error
            return self._failure(e)

    def _failure(self, e: BaseException) -> ParsedFeed:
        from .parsed import ParsedFeed

        if isinstance(e, FutureTimeout | TimeoutError):
            self._kill()
            return ParsedFeed(error=f"parsing took longer than {self.timeout:g} s; gave up")
        if isinstance(e, BrokenProcessPool):
            self._executor = None  # the next job gets a fresh pool
            return ParsedFeed(error="the parser process crashed on this feed")
        return ParsedFeed(error=f"could not parse the feed ({type(e).__name__})")

    def parse_many(self, jobs: Sequence[ParseJob]) -> list[ParsedFeed]:
        """Results in job order; each failure is that feed's ``error``."""
        futures = [self.submit(job) for job in jobs]
        return [self._outcome(f) for f in futures]

    async def parse(self, job: ParseJob) -> ParsedFeed:
        """Parse one feed from async code (e.g. as each fetch finishes) without blocking the loop.

        Cancelling the caller cancels the job if it has not started.
        """
        try:
            if self._executor is None or self._started is not self._executor:
                await asyncio.to_thread(self.start)  # not on the loop: see start
            return await asyncio.wait_for(asyncio.wrap_future(self.submit(job)), self.timeout + _GRACE)
        except Exception as e:  # noqa: BLE001 - every failure becomes this feed's error
            return self._failure(e)

    def _kill(self) -> None:
        """Stop a pool whose worker is stuck beyond its own timer; the next job starts a new one."""
        executor, self._executor = self._executor, None
        if executor is None:
            return
        # ProcessPoolExecutor has no public way to stop a busy worker before Python 3.14.
        for proc in list(getattr(executor, "_processes", {}).values()):
            proc.terminate()
        executor.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        with self._lock:  # after a start in progress (a refresh that ended early), not before it
            if self._executor is not None:
                self._executor.shutdown(wait=True, cancel_futures=True)
                self._executor = None


def parse_many(
    jobs: Sequence[ParseJob], *, workers: int = 2, timeout: float = PARSE_TIMEOUT
) -> list[ParsedFeed]:
    """Parse a batch with a throw-away pool (the CLI); the app keeps a :class:`FeedParserPool`."""
    if not jobs:
        return []
    with FeedParserPool(workers, timeout) as pool:
        return pool.parse_many(jobs)

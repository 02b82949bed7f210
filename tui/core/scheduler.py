"""Which article the model analyses next: a queue with priorities, drained by one worker.

The article on screen comes first, then the articles the list shows, then unread ones, then
the newest. The background part (everything but the article on screen) can be stopped until
new articles are offered. Nothing polls: a call that adds work says whether a drainer must be
started (none is running), and :meth:`AnalysisQueue.next` returns None to the drainer when
there is nothing left, which then ends; so no thread waits while there is nothing to analyse.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass

from .models import ArticleRow

# Priorities, lowest first.
ON_SCREEN, VISIBLE, UNREAD, OTHER = range(4)


@dataclass(frozen=True, slots=True)
class AnalysisJob:
    """One article to analyse: the one on screen (``foreground``), or the background pass's
    ``done``-th of ``total`` articles offered since the queue was last empty."""

    article_id: int
    foreground: bool
    done: int = 0
    total: int = 0


class AnalysisQueue:
    """Articles waiting for the model. Thread-safe: the UI fills it, one worker at a time drains it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._draining = False  # a worker is draining the queue
        self._pending: dict[int, tuple[bool, int]] = {}  # id -> (unread, rank: 0 is newest)
        self._on_screen: int | None = None
        self._visible: frozenset[int] = frozenset()
        self._stopped = False
        self._closed = False
        self._done = 0
        self._total = 0

    # -- filling (UI thread) --------------------------------------------------------------------

    def offer(self, rows: Iterable[ArticleRow]) -> bool:
        """Queue every row without a current analysis (rows newest first); resumes a stopped pass.

        True when the caller must start a drainer.
        """
        with self._lock:
            pending = {r.id: (not r.read, n) for n, r in enumerate(rows) if not r.analysed}
            self._total += len(pending.keys() - self._pending.keys())
            self._total -= len(self._pending.keys() - pending.keys())  # analysed meanwhile, or gone
            self._pending = pending
            if not pending:
                self._done = self._total = 0
            self._stopped = False
            return self._claim()

    def focus(self, article_id: int | None) -> bool:
        """The article on screen (None: none) goes before anything else; True: start a drainer."""
        with self._lock:
            self._on_screen = article_id
            return self._claim()

    def _claim(self) -> bool:
        if self._draining or self._closed or not self._ready():
            return False
        self._draining = True
        return True

    def show(self, article_ids: Iterable[int]) -> None:
        """The articles the list shows: next after the one on screen."""
        with self._lock:
            self._visible = frozenset(article_ids)

    def discard(self, article_id: int) -> None:
        """An article no longer needs analysing (it went away, or it was analysed elsewhere)."""
        with self._lock:
            if self._pending.pop(article_id, None) is not None:
                self._total -= 1
            if self._on_screen == article_id:
                self._on_screen = None

    def stop_background(self) -> None:
        """Analyse only the article on screen until :meth:`offer` brings articles again."""
        with self._lock:
            self._stopped = True
            self._pending.clear()
            self._done = self._total = 0

    def close(self) -> None:
        """End the queue: the drainer gets None from :meth:`next` and no new one is asked for."""
        with self._lock:
            self._closed = True

    # -- draining (the worker) --------------------------------------------------------------

    def next(self) -> AnalysisJob | None:
        """The most urgent job; None when there is none (the drainer ends) or the queue is closed."""
        with self._lock:
            if self._closed or not self._ready():
                self._draining = False
                return None
            return self._take()

    def _ready(self) -> bool:
        return self._on_screen is not None or (bool(self._pending) and not self._stopped)

    def _take(self) -> AnalysisJob:
        if self._on_screen is not None:
            article_id, self._on_screen = self._on_screen, None
            if self._pending.pop(article_id, None) is not None:
                self._total -= 1  # it was counted in the background pass; it is done here
            return AnalysisJob(article_id, foreground=True)
        visible = self._visible

        def urgency(item: tuple[int, tuple[bool, int]]) -> tuple[int, int]:
            article_id, (unread, rank) = item
            level = VISIBLE if article_id in visible else (UNREAD if unread else OTHER)
            return level, rank

        article_id, _ = min(self._pending.items(), key=urgency)
        del self._pending[article_id]
        self._done += 1
        job = AnalysisJob(article_id, False, self._done, self._total)
        if not self._pending:
            self._done = self._total = 0
        return job

    @property
    def waiting(self) -> int:
        """Articles still queued in the background."""
        with self._lock:
            return 0 if self._stopped else len(self._pending)

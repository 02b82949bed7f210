"""Loading the library into the reader: rows and feeds read off the event loop, then shown.

:class:`LibraryLoader` belongs to the reader screen. A sequence number on each load stops a
slower, older load from undoing a newer one; after showing the rows it does what the caller
asked next (open an article, move the tree, analyse the new articles).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from textual.worker import Worker, get_current_worker

from ...core.errors import QueryError
from ...core.models import ViewKey
from ..keys import key_hint
from ..messages import LibraryIndexing

if TYPE_CHECKING:
    from ...core.library import Library
    from .reader import ReaderScreen


@dataclass(frozen=True, slots=True)
class Then:
    """What to do once a load is shown."""

    analyse: bool = True  # queue the articles without an analysis
    open_first: bool = True  # open the newest listed article when none is open
    reopen: int | None = None  # show this article again (its text changed)
    select: ViewKey | None = None  # move the tree to this view
    first: int | None = None  # open this article (the one asked for on the command line)
    first_page: bool = False  # show the newest articles at once, then the whole library


WATCH_EVERY = 2.0
"""Seconds between two looks for changes made by another process."""

INDEX_BATCH = 250
"""Articles indexed per transaction while the app runs: the reader's own reads wait for one (about
0.3 s of grouping stories), where a command's 2,000 would hold them for seconds."""

FIRST_PAGE = 300
"""Articles shown before the rest of a large library is read (a few screens of the list)."""


class _Stopped(Exception):
    """The app is closing: the indexing stops after the batch it has done."""


class LibraryLoader:
    """Loads of the library for one screen."""

    def __init__(self, screen: ReaderScreen) -> None:
        self.screen = screen
        self._seq = self._applied = 0
        self.indexing = ""  # how far an old library's indexing is, for the status line

    @property
    def loading(self) -> bool:
        """A load is on its way."""
        return self._applied < self._seq

    def watch(self, every: float = WATCH_EVERY) -> None:
        """Show feeds and articles that another process adds (``newsreader add``, ``import``,
        a refresh from cron) without R: the library is asked every ``every`` seconds."""
        if self.screen.library.scope is None:
            self.screen.set_interval(every, self._check)

    def _check(self) -> None:
        screen = self.screen
        if self.loading or screen.feed_actions.refreshing:
            return  # a reload is coming anyway

        async def check() -> None:
            if await asyncio.to_thread(screen.library.changed_elsewhere):
                screen.reload(Then(open_first=False))

        screen.run_worker(check(), group="watch", exclusive=True, exit_on_error=False)

    def load(self, then: Then) -> Worker[None]:
        if then.first_page:
            return self.screen.run_worker(self._staged(then), group="load", exit_on_error=False)
        self._seq += 1
        return self.screen.run_worker(self._load(self._seq, then), group="load", exit_on_error=False)

    async def _staged(self, then: Then) -> None:
        """The newest articles first (a large library paints as fast as a small one), then all."""
        self._seq += 2
        first, whole = self._seq - 1, self._seq
        await self._load(first, Then(analyse=False, open_first=then.open_first, first=then.first), FIRST_PAGE)
        await self._load(whole, replace(then, first_page=False, open_first=False, first=None))
        self.screen.run_worker(self._index, thread=True, group="indexing", exit_on_error=False)

    def _index(self) -> None:
        """Index a library from before search or stories (opened with ``index_later``): after
        the first paint, in batches, its progress on the status line as the analysis's is."""
        worker, post = get_current_worker(), self.screen.post_message
        left = self.screen.library.indexing.left()
        if not left:
            return

        def progress(done: int, total: int) -> None:
            if worker.is_cancelled:  # (between two batches: the next opening goes on from there)
                raise _Stopped
            post(LibraryIndexing(done, total))

        try:
            progress(0, left)
            self.screen.library.indexing.finish(progress, INDEX_BATCH)
        except _Stopped:
            return
        post(LibraryIndexing(left, left))

    def indexed(self, message: LibraryIndexing) -> None:
        """How far the indexing is; once done, the lists again (stories, saved searches)."""
        done = message.done >= message.total
        self.indexing = "" if done else f"Indexing library {message.done}/{message.total}…"
        if done:
            self.screen.reload(Then(open_first=False, analyse=False))
        self.screen.refresh_status()

    async def _load(self, seq: int, then: Then, limit: int | None = None) -> None:
        screen = self.screen
        library = screen.library
        scoped = library.scope is not None
        started = screen.sidebar.edits.begin_load()
        try:
            rows, feeds, saved, found = await asyncio.to_thread(_read, library, scoped, limit)
        except Exception:
            self._applied = max(self._applied, seq)  # (the watch waits for no load that failed)
            raise
        sidebar = screen.sidebar
        if seq > self._applied:  # a slower, older load must not undo a newer one
            self._applied = seq
            sidebar.load(rows, feeds, saved, found, started)
            screen.reading.loaded(sidebar.rows)  # (the open article may have gone with its feed)
        if then.reopen is not None and then.reopen in sidebar.rows:
            screen.open_article(then.reopen)
        elif then.first is not None and then.first in sidebar.rows:
            screen.open_article(then.first)
        elif then.open_first and screen.article_id is None:
            if sidebar.listed:
                screen.open_article(next(iter(sidebar.listed)))
            elif not sidebar.rows:
                screen.quotes.show_pending("No articles yet.")
                screen.summary.show(
                    None,
                    [],
                    f"No articles yet: press {key_hint(screen.app, 'feeds.add', 'a')} to add a feed.",
                )
        if then.select is not None:
            sidebar.select_view(then.select)
        runner = screen.analysis_runner
        if then.analyse:
            runner.offer(list(sidebar.rows.values()))
            runner.listed(sidebar.article_list.visible_ids())
        # After the first paint: loading the model holds the GIL for a second.
        screen.call_after_refresh(runner.start)
        screen.refresh_status()


def _read(library: Library, scoped: bool, limit: int | None = None):
    """Rows, feeds, saved searches and what each of those finds now (a thread's work); with
    ``limit``, only the newest rows and the feeds."""
    if scoped:
        return library.articles(), [], [], {}
    if limit is not None:
        return library.articles(limit), library.feeds.list(), None, None
    library.changed_elsewhere()  # what other processes did so far is in this load
    saved = library.saved_searches()
    found: dict[str, list[int]] = {}
    for s in saved:
        try:
            found[s.query] = library.search_ids(s.query)
        except QueryError:  # kept by an older newsreader whose syntax this one refuses
            found[s.query] = []
    return library.articles(), library.feeds.list(), saved, found

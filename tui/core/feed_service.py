"""Feeds, for both front ends: subscriptions, refreshing, full text and OPML.

:class:`FeedService` is what ``Library.feeds`` hands out. The synchronous methods are short
SQLite queries (call them from a thread in the app). The coroutines are for an event loop:
fetching is asyncio, parsing happens in worker processes, and every database call and the
lock file go through ``asyncio.to_thread``. Nothing heavy is imported here: feedparser, httpx
and lxml load with the refresher, on first use.
"""

from __future__ import annotations

import builtins
import dataclasses
import threading
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from .lock import SharedRefreshLock, lock_path
from .models import FeedOutcome, FeedRow, OpmlImport, Progress, RefreshReport
from .sanitize import clean_line
from .store import ArticleRepo, Database, FeedRepo

if TYPE_CHECKING:  # pragma: no cover
    import asyncio

    from .feeds.fetch import FetchOptions
    from .feeds.newsboat import ReadStateImport
    from .feeds.opml import OpmlFeed
    from .refresh import Refresher


class FeedService:
    """Everything feed-related over one library database; ``close()`` stops the parser pool."""

    def __init__(self, db: Database, fetch: FetchOptions | None = None) -> None:
        self._feeds = FeedRepo(db)
        self._articles = ArticleRepo(db)
        self._fetch = fetch
        # One lock per library, beside its database, shared by the CLI and the app.
        self._refresh_lock = SharedRefreshLock(None if db.in_memory else lock_path(db.path))
        self._refresher: Refresher | None = None
        self._refresher_guard = threading.Lock()
        self._per_server_limit: int | None = None

    # -- subscriptions --------------------------------------------------------------------

    def list(self) -> builtins.list[FeedRow]:
        """Every subscription with its counts and last refresh state (folder, then title order)."""
        return self._feeds.list()

    def find(self, url_or_id: str | int) -> FeedRow | None:
        """The subscription with this id or URL, or None."""
        return self._feeds.find(url_or_id)

    def remove(self, feed_id: int) -> None:
        """Unsubscribe; the feed's items go with it. Raises ``Busy``, and removes nothing, while a
        refresh runs, in another process or this one: it would go on storing the feed's items."""
        with self.refresh_lock_held(alone=True):
            self._feeds.remove(feed_id)

    def rename(self, feed_id: int, title: str | None) -> None:
        """Give a feed the reader's own name, kept over refreshes (None: the feed's own again)."""
        self._feeds.rename(feed_id, clean_line(title or "") or None)

    def move(self, feed_id: int, folder: str | None) -> None:
        """File a feed in another folder ("News/Tech" nests; None or "": no folder)."""
        self._feeds.move(feed_id, _folder(folder))

    def rename_folder(self, old: str, new: str | None) -> int:
        """Rename a folder with its sub-folders (None or "": its feeds leave it); feeds moved."""
        return self._feeds.rename_folder(old, _folder(new))

    def mark_read(self, feed_id: int, read: bool = True) -> None:
        """Mark every item of the feed read (or unread)."""
        self._feeds.mark_read(feed_id, read)

    def set_auto_full(self, feed_id: int, on: bool) -> None:
        """Fetch the full text of the feed's new teaser items after each refresh (or stop)."""
        self._feeds.set_auto_full(feed_id, on)

    def import_opml(self, path: str | Path) -> OpmlImport:
        """Subscribe to the feeds of an OPML file (folders kept; nothing is fetched)."""
        from .feeds.opml import read_opml

        result = read_opml(path)
        if result.error:
            return OpmlImport(error=result.error)
        return self._subscribe_all(result.feeds, result.problems)

    def import_file(self, path: str | Path) -> OpmlImport:
        """Subscribe to the feeds of an OPML file or a newsboat ``urls`` file (told apart by their
        first bytes; folders and newsboat's tags kept as folders; nothing is fetched)."""
        from .feeds.newsboat import looks_like_opml, read_urls

        p = Path(path)
        try:
            with p.open("rb") as f:
                head = f.read(4096)
        except FileNotFoundError:
            return OpmlImport(error=f"{p}: no such file")
        except OSError as e:
            return OpmlImport(error=f"{p}: cannot read ({e.strerror or type(e).__name__})")
        if looks_like_opml(head):
            return self.import_opml(p)
        urls = read_urls(p)
        if urls.error:
            return OpmlImport(error=urls.error)
        done = self._subscribe_all(urls.feeds, urls.problems)
        return dataclasses.replace(done, queries=urls.queries, comments=urls.comments)

    def _subscribe_all(self, feeds: Sequence[OpmlFeed], problems: Sequence[str]) -> OpmlImport:
        created: builtins.list[int] = []
        for f in feeds:
            feed_id, new = self._feeds.add(f.url, title=f.title or None, folder=f.folder, html_url=f.html_url)
            if new and f.named:
                self._feeds.rename(feed_id, f.title)
            if new:
                created.append(feed_id)
        return OpmlImport(len(created), len(feeds) - len(created), tuple(problems), feed_ids=tuple(created))

    def read_state_from_newsboat(self, cache: str | Path, feed_ids: Sequence[int]) -> ReadStateImport:
        """Mark the articles of ``feed_ids`` read or unread as newsboat's ``cache.db`` has them,
        matched by guid, else by link, within the same feed; articles it lacks are left alone.
        Raises :class:`~.errors.NewsboatCacheError` (one line) for a file that is not such a cache."""
        from .feeds.newsboat import ReadStateImport, read_cache

        feeds = [f for f in (self._feeds.find(i) for i in feed_ids) if f is not None]
        cached = read_cache(cache, {f.url for f in feeds})
        states: builtins.list[tuple[int, bool]] = []
        articles = 0
        for feed in feeds:
            items = cached.get(feed.url, [])
            by_guid = {i.guid: i for i in items if i.guid}
            by_link = {i.url: i for i in items if i.url}
            for ident in self._feeds.item_identities(feed.id):
                articles += 1
                hit = by_guid.get(ident.item_id) or (by_link.get(ident.link) if ident.link else None)
                if hit is not None:
                    states.append((ident.article_id, not hit.unread))
        self._articles.set_read_states(states)
        return ReadStateImport(articles, len(states), sum(read for _, read in states))

    def check_newsboat_cache(self, cache: str | Path) -> None:
        """Raise :class:`~.errors.NewsboatCacheError` unless ``cache`` is a newsboat cache."""
        from .feeds.newsboat import read_cache

        read_cache(cache, set())

    def export_opml(self) -> str:
        """Every subscription as an OPML 2.0 document."""
        from .feeds.opml import OpmlFeed, export_opml

        return export_opml(OpmlFeed(r.url, r.title or "", r.folder, r.html_url) for r in self._feeds.list())

    def article_link(self, article_id: int) -> str | None:
        """The article's web address when it is one newsreader will open (http/https), else None."""
        from .feeds.urls import safe_link

        return safe_link(self._articles.document(article_id).url)

    @staticmethod
    def url_problem(url: str) -> str | None:
        """Why ``url`` cannot be subscribed to (one line), or None when it is a usable address."""
        from .feeds.urls import url_problem

        return url_problem(url)

    # -- fetching -------------------------------------------------------------------------

    async def refresh(
        self, feed_ids: Sequence[int] | None = None, progress: Progress | None = None
    ) -> RefreshReport:
        """Refresh the given feeds (all when None); raises ``Busy`` if another process is."""
        import asyncio  # here, not at import: `newsreader search` needs none of it

        refresher = await self._get_refresher()
        async with self._holding_refresh_lock():
            # The sync server fetches its feeds; a sync brings their articles.
            feeds = [f for f in await asyncio.to_thread(self._feeds.list) if not f.synced]
            if feed_ids is not None:
                by_id = {f.id: f for f in feeds}
                feeds = [by_id[i] for i in feed_ids if i in by_id]
            return await refresher.refresh(feeds, progress)

    async def add(
        self, urls: Sequence[str], folder: str | None = None
    ) -> tuple[builtins.list[FeedOutcome], builtins.list[str]]:
        """Subscribe to ``urls`` that answer with a feed: (added outcomes, refusal lines).

        A URL subscribed already is not fetched: its outcome has ``already_subscribed`` (and a
        ``folder`` given moves it there: ``moved_to``). The folder is tidied as a move tidies it
        (" News / Tech/" is News/Tech), else the tree showed one folder that renaming missed.

        Raises ``Busy`` if another process is refreshing this library.
        """
        refresher = await self._get_refresher()
        async with self._holding_refresh_lock():
            return await refresher.add(urls, _folder(folder))

    async def full_text(self, article_id: int) -> str | None:
        """Fetch and keep the article's full web page text; the error line, or None when done."""
        refresher = await self._get_refresher()
        return await refresher.full_text(article_id)

    async def auto_full_text(self, report: RefreshReport) -> None:
        """Full text for the new teaser items of feeds set to fetch it (after a refresh)."""
        refresher = await self._get_refresher()
        await refresher.auto_full_text(report)

    def set_per_server_limit(self, limit: int) -> None:
        """Requests in flight at once to one server when fetching (the ``per_server_limit`` setting)."""
        with self._refresher_guard:
            self._per_server_limit = limit
            if self._refresher is not None:
                self._refresher.set_per_server_limit(limit)

    def close(self) -> None:
        """Stop the feed parser processes (if any were started); a later fetch starts them again."""
        with self._refresher_guard:
            if self._refresher is not None:
                self._refresher.close()
                self._refresher = None

    # -- the refresher and the lock -------------------------------------------------------

    def _make_refresher(self) -> Refresher:
        with self._refresher_guard:
            if self._refresher is None:
                from .refresh import Refresher  # feedparser, httpx and lxml: ~0.3 s, on first use

                self._refresher = Refresher(
                    self._feeds, self._articles, fetch=self._fetch, per_server_limit=self._per_server_limit
                )
            return self._refresher

    async def _get_refresher(self) -> Refresher:
        """The refresher, created in a thread on first use (its imports would stall the loop)."""
        import asyncio  # here, not at import: `newsreader search` needs none of it

        if self._refresher is not None:
            return self._refresher
        from .processes import start_resource_tracker

        start_resource_tracker()
        return await asyncio.to_thread(self._make_refresher)

    @contextmanager
    def refresh_lock_held(self, alone: bool = False) -> Iterator[None]:
        """Hold the refresh lock across several steps (raises ``Busy``): an import that fetches
        what it subscribes to takes it first, so nothing is subscribed that it cannot fetch.
        With ``alone``, a hold of this process's own (a refresh running) is ``Busy`` too."""
        self._refresh_lock.acquire(alone)
        try:
            yield
        finally:
            self._refresh_lock.release()

    @asynccontextmanager
    async def _holding_refresh_lock(self) -> AsyncIterator[None]:
        """Hold the library's refresh lock, taken and let go in a thread (file I/O)."""
        import asyncio  # here, not at import: `newsreader search` needs none of it

        taking = asyncio.ensure_future(asyncio.to_thread(self._refresh_lock.acquire))
        try:
            await asyncio.shield(taking)
        except asyncio.CancelledError:
            # The thread takes the lock anyway: let it go as soon as it has.
            taking.add_done_callback(self._release_if_taken)
            raise
        try:
            yield
        finally:
            await asyncio.to_thread(self._refresh_lock.release)

    def _release_if_taken(self, taking: asyncio.Future[None]) -> None:
        if not taking.cancelled() and taking.exception() is None:
            self._refresh_lock.release()


def _folder(text: str | None) -> str | None:
    """A folder path as typed, tidied: "News / Tech/" -> "News/Tech"; empty -> None."""
    parts = [clean_line(p) for p in (text or "").split("/")]
    return "/".join(p for p in parts if p) or None

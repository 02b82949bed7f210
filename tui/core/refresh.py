"""Refreshing feeds: fetch concurrently, parse in worker processes, store each feed as it lands.

Used by ``newsreader refresh``/``add`` and by the app's workers. Each feed is stored in its own
transaction as soon as it is parsed, so an interrupted refresh keeps every feed it finished.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import sqlite3
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

# Submodules, not the package: the parser and the reader's block rules stay out of this
# process until a feed has new items (see feeds/pool.py).
from .batch_writer import MAX_BATCH, BatchWriter
from .collector import bulk_allocations
from .feeds.fetch import FetchOptions, FetchRequest, FetchResult, fetch_many
from .feeds.pool import FeedParserPool, ParseJob, default_workers
from .feeds.urls import check_url, url_problem
from .models import FeedOutcome, FeedRow, Progress, RefreshReport, document_links
from .store import ArticleRepo, FeedRepo

if TYPE_CHECKING:
    from .feeds.parsed import ParsedFeed

# Requests in flight at once over all servers (see Refresher.__init__): 200 feeds over 50 servers
# waited four rounds at 64, two at 128 (a refresh of unchanged feeds: 0.98 -> 0.76 s).
REFRESH_CONCURRENCY = 128
# Feeds between their download and their commit at once (parsing, parsed, being stored). Storing
# is the slowest step of a first refresh: without a bound, parsed feeds wait in memory by the
# hundred (a third of its peak memory). Enough for a full batch being stored and the next one
# being parsed.
REMOVED = "removed while it was being refreshed; nothing stored"
IN_FLIGHT = 2 * MAX_BATCH


def _rate_limited(feed: FeedRow, now: datetime) -> str | None:
    if not feed.retry_after:
        return None
    try:
        until = datetime.fromisoformat(feed.retry_after.replace("Z", "+00:00"))
    except ValueError:
        return None
    return feed.retry_after if until > now else None


class Refresher:
    """Refreshes feeds into a database's repositories; keep one per process (it owns the parser pool).

    Every database call runs in a thread (``asyncio.to_thread``), never on the event loop.
    """

    def __init__(
        self,
        feeds: FeedRepo,
        articles: ArticleRepo,
        *,
        workers: int | None = None,
        fetch: FetchOptions | None = None,
        per_server_limit: int | None = None,
    ) -> None:
        self.feeds = feeds
        self.articles = articles
        self.writer = BatchWriter(articles.db)  # feeds stored together land in one commit
        self.pool = FeedParserPool(default_workers() if workers is None else workers)
        self._in_flight: tuple[asyncio.AbstractEventLoop, asyncio.Semaphore] | None = None
        self._warming: asyncio.Task[None] | None = None  # see _start_parsers
        # Feeds live on many servers and most of a refresh is waiting for them: many requests
        # in flight overall, while fetch_many's per-server limit keeps each server's share polite.
        self.fetch = fetch or FetchOptions(concurrency=REFRESH_CONCURRENCY)
        if per_server_limit is not None:
            self.set_per_server_limit(per_server_limit)

    def set_per_server_limit(self, limit: int) -> None:
        """Requests in flight at once to one server, from the next fetch on."""
        self.fetch = dataclasses.replace(self.fetch, per_host=max(1, limit))

    def close(self) -> None:
        self.pool.close()

    async def refresh(self, feeds: Sequence[FeedRow], progress: Progress | None = None) -> RefreshReport:
        """Refresh ``feeds`` concurrently; ``progress(done, total, outcome)`` after each feed."""
        t0 = time.perf_counter()
        now = datetime.now(UTC)
        outcomes: dict[str, FeedOutcome] = {}
        total = len(feeds)
        done = 0

        def report(o: FeedOutcome) -> None:
            nonlocal done
            done += 1
            if progress:
                progress(done, total, o)

        due: list[FeedRow] = []
        for f in feeds:
            until = _rate_limited(f, now)
            if until:
                o = FeedOutcome(f.url, f.id, f.title, error=f.error or f"rate limited until {until}")
                outcomes[f.url] = o
                report(o)
            else:
                due.append(f)
        by_url = {f.url: f for f in due}

        async def on_done(result: FetchResult) -> None:
            feed = by_url[result.url]
            o = await self._store_result(feed, result)
            outcomes[feed.url] = o
            report(o)

        requests = [FetchRequest(f.url, f.etag, f.last_modified) for f in due]
        # A feed without validators (never fetched, or its server gives none) comes back whole:
        # the parsers are needed, so they start while the requests are out. A refresh of feeds
        # that all answer 304 starts none.
        if any(not (f.etag or f.last_modified) for f in due):
            self._start_parsers()
        self.writer.coming = len(due)  # one write a feed: the last is stored without waiting
        try:
            await fetch_many(requests, self.fetch, on_done=on_done)
        finally:
            self.writer.coming = None
        return RefreshReport([outcomes[f.url] for f in feeds if f.url in outcomes], time.perf_counter() - t0)

    def _start_parsers(self) -> None:
        """Start the parser processes in a thread, without waiting. A failure to start shows
        again, as each feed's error, when a feed is parsed."""

        def start() -> None:
            with contextlib.suppress(Exception):
                self.pool.start()

        self._warming = asyncio.create_task(asyncio.to_thread(start))  # kept while it runs

    def _bound(self) -> asyncio.Semaphore:
        """The limit of feeds in flight, for the running loop (the app's, or a command's)."""
        loop = asyncio.get_running_loop()
        if self._in_flight is None or self._in_flight[0] is not loop:
            self._in_flight = (loop, asyncio.Semaphore(IN_FLIGHT))
        return self._in_flight[1]

    async def _store_result(self, feed: FeedRow, result: FetchResult) -> FeedOutcome:
        async with self._bound():
            try:
                return await self._parse_and_store(feed, result)
            except sqlite3.Error as e:  # this feed's error: the others are still stored
                return FeedOutcome(feed.url, feed.id, feed.title, error=f"not stored: {e}")

    async def _parse_and_store(self, feed: FeedRow, result: FetchResult) -> FeedOutcome:
        o = FeedOutcome(feed.url, feed.id, feed.title)
        if result.error:
            await self.writer.write(
                lambda: self.feeds.record_refresh(feed.id, error=result.error, retry_after=result.retry_after)
            )
            return dataclasses.replace(o, error=result.error)
        if result.not_modified or result.body is None:
            await self.writer.write(lambda: self.feeds.record_refresh(feed.id, error=None))
            return dataclasses.replace(o, not_modified=True)
        # Items by the thousand come back and are stored: fewer collections meanwhile (only
        # then: a refresh of unchanged feeds is quicker with the collector as it is).
        with bulk_allocations():
            # The worker builds the items' rows too: the parent process, which also fetches and
            # stores, is the one that would otherwise hold up the pool.
            parsed = await self.pool.parse(ParseJob.from_fetch(result, rows=True))
            if parsed.error:
                # A feed that stops parsing keeps its items; validators are not saved so it is refetched.
                await self.writer.write(lambda: self.feeds.record_refresh(feed.id, error=parsed.error))
                return dataclasses.replace(o, error=parsed.error)
            return await self._save_parsed(feed, result, parsed)

    async def _save_parsed(self, feed: FeedRow, result: FetchResult, parsed: ParsedFeed) -> FeedOutcome:
        """Store a parsed feed's items and its refresh state (validators included)."""
        return await self.writer.write(lambda: self._store_items(feed.id, feed.url, result, parsed))

    def _store_items(self, feed_id: int, url: str, result: FetchResult, parsed: ParsedFeed) -> FeedOutcome:
        """The items and the feed's state in one savepoint (run by the writer)."""
        # The feed's state first: the items are stored (and indexed for search) under the name
        # the feed has from now on, the one the tree shows (a title given by the reader wins).
        title = self.feeds.record_refresh(
            feed_id,
            error=None,
            warning=parsed.warning,
            title=parsed.title or None,
            html_url=parsed.link,
            etag=result.etag,
            last_modified=result.last_modified,
            validators=True,
        )
        if self.feeds.find(feed_id) is None:  # (removed by another command while it was fetched)
            return FeedOutcome(url, feed_id, None, error=REMOVED)
        source = title or url
        # The worker named the source already, usually as the feed is named: no copy then.
        items = [row if row.source == source else row._replace(source=source) for row in parsed.rows]
        new_ids = self.articles.save_feed_items(feed_id, items)
        return FeedOutcome(
            url, feed_id, title, warning=parsed.warning, items=len(parsed.entries), new_ids=new_ids
        )

    async def add(
        self, urls: Sequence[str], folder: str | None = None, progress: Progress | None = None
    ) -> tuple[list[FeedOutcome], list[str]]:
        """Subscribe to ``urls`` that answer with a feed; (added outcomes, refusal lines)."""
        refusals: list[str] = []
        checked: list[str] = []
        added: list[FeedOutcome] = []
        for raw in urls:
            problem = url_problem(raw)
            if problem:
                refusals.append(f"{raw}: {problem}")
                continue
            url = check_url(raw)
            existing = await asyncio.to_thread(self.feeds.find, url)
            if existing is None:
                checked.append(url)
                continue
            # Subscribed already: nothing to fetch (a refresh does that); a folder given moves it.
            moved = folder if folder is not None and folder != existing.folder else None
            if moved:
                await asyncio.to_thread(self.feeds.add, url, folder=folder)
            o = FeedOutcome(url, existing.id, existing.title, items=existing.items, already_subscribed=True)
            added.append(dataclasses.replace(o, moved_to=moved) if moved else o)
        checked = list(dict.fromkeys(checked))  # a URL given twice is fetched once
        total = len(added) + len(checked)
        outcomes: dict[str, FeedOutcome] = {}
        refused: dict[str, str] = {}

        # The refresh's path: fetched concurrently, each feed parsed (once, rows and all) and
        # stored as it lands, so the parser workers run while other feeds are still downloading.
        async def on_done(result: FetchResult) -> None:
            async with self._bound():
                await subscribe(result)

        async def subscribe(result: FetchResult) -> None:
            url = result.url
            if result.error or result.body is None:
                refused[url] = f"{url}: {result.error or 'empty response'}"
                return
            with bulk_allocations():  # as when a refresh parses and stores (see _parse_and_store)
                parsed = await self.pool.parse(ParseJob.from_fetch(result, rows=True))
                if parsed.error:
                    refused[url] = f"{url}: {parsed.error}"
                    return

                def create_and_store() -> FeedOutcome:
                    # The subscription and its items in one savepoint of the writer's batch, as a
                    # refresh stores a feed: no commit of its own, no wait for the writer's lock.
                    feed_id, _created = self.feeds.add(
                        url, title=parsed.title or None, folder=folder, html_url=parsed.link
                    )
                    return self._store_items(feed_id, url, result, parsed)

                outcomes[url] = o = await self.writer.write(create_and_store)
            if progress:
                progress(len(added) + len(outcomes), total, o)

        if checked:
            self._start_parsers()  # new feeds are parsed: see refresh
        await fetch_many([FetchRequest(u) for u in checked], self.fetch, on_done=on_done)
        added.extend(outcomes[u] for u in checked if u in outcomes)
        refusals.extend(refused[u] for u in checked if u in refused)
        return added, refusals

    async def full_text(self, article_id: int) -> str | None:
        """Fetch and store the full text of a (teaser) item; the error line or None."""
        info = await asyncio.to_thread(self.articles.feed_info, article_id)
        if not info.url:
            return "this article has no link to fetch"
        from .feeds.document import full_text_document
        from .feeds.fulltext import fetch_full_text

        full = await fetch_full_text(info.url, self.fetch)
        if not full.ok:
            return full.error
        doc = await asyncio.to_thread(self.articles.document, article_id)
        # The page has its own links; the feed item's enclosures (a podcast's audio) stay listed.
        enclosures = [(link.url, link.detail) for link in document_links(doc) if link.enclosure]
        new = full_text_document(doc, full, enclosures)
        await asyncio.to_thread(self.articles.save_full_text, article_id, new)
        return None

    async def auto_full_text(self, report: RefreshReport) -> None:
        """Full text for new teaser items of feeds set to fetch it automatically."""
        feeds = await asyncio.to_thread(self.feeds.list)
        auto = {f.id for f in feeds if f.auto_full}
        for o in report.outcomes:
            if o.feed_id in auto:
                for aid in o.new_ids:
                    info = await asyncio.to_thread(self.articles.feed_info, aid)
                    if info.teaser:
                        await self.full_text(aid)

"""The library service the app talks to: articles, read state, cached analysis, related quotes.

Everything here is synchronous and thread-safe except the feed operations at the end, which
are coroutines for the app's event loop (fetching is asyncio, parsing happens in worker processes
and saving in threads). ``analyze`` runs the model and belongs in a worker; every other method is
a short SQLite query. Nothing heavy is imported here: the model, feedparser and httpx load on
first use.
"""

from __future__ import annotations

import asyncio
import sys
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .analysis.version import ANALYZER_VERSION
from .feedstore import FeedStore
from .lock import RefreshLock
from .models import (
    Analysis,
    ArticleRow,
    Document,
    FeedOutcome,
    FeedRow,
    Progress,
    Quote,
    RefreshReport,
    RelatedQuote,
)
from .reader import ReadError, read_file, read_paths
from .store import Store

if TYPE_CHECKING:  # pragma: no cover
    from .analysis import Analyzer
    from .refresh import Refresher


# Entity types whose names make two articles "about the same thing".
_TOPIC_LABELS = ("PERSON", "ORG", "GPE", "NORP", "EVENT", "LOC", "FAC")


class Library:
    """Articles in a :class:`Store`, analysed by an :class:`Analyzer`.

    ``scope`` limits the view to those article ids (``newsreader PATH...``); related quotes
    still come from the whole library.
    """

    def __init__(self, store: Store, analyzer: Analyzer | None = None, scope: Sequence[int] | None = None):
        self.store = store
        self._analyzer = analyzer
        self.scope = list(scope) if scope is not None else None
        self._model_lock = threading.Lock()
        self.feed_store = FeedStore(store)
        self._refresher: Refresher | None = None
        self._refresher_lock = threading.Lock()
        self._refresh_holders = 0
        self._refresh_lock: RefreshLock | None = None

    # -- reading --------------------------------------------------------------------------

    @property
    def analyzer(self) -> Analyzer:
        """Created on first use, in the worker that needs it: importing spaCy takes ~1 s."""
        with self._model_lock:
            if self._analyzer is None:
                from .analysis import Analyzer

                self._analyzer = Analyzer()
            return self._analyzer

    @property
    def model_loaded(self) -> bool:
        return self._analyzer is not None and self._analyzer.loaded

    @property
    def version(self) -> str:
        return ANALYZER_VERSION if self._analyzer is None else self._analyzer.version

    def articles(self) -> list[ArticleRow]:
        rows = self.store.article_rows(self.scope)
        done = self.store.analysed_hashes(self.version)
        return [
            ArticleRow(
                id=r["id"],
                title=r["title"],
                source=r["source"],
                date=r["date"],
                read=bool(r["read"]),
                starred=bool(r["starred"]),
                feed_id=r["feed_id"],
                feed_title=r["feed_title"],
                folder=r["folder"],
                analysed=r["hash"] in done,
                teaser=bool(r["teaser"]),
            )
            for r in rows
        ]

    def document(self, article_id: int) -> Document:
        return self.store.document(article_id)

    def cached_analysis(self, article_id: int) -> Analysis | None:
        return self.store.get_analysis(self.store.article_hash(article_id), self.version)

    def unanalysed(self) -> list[int]:
        """Ids (newest first) of articles in view without a current analysis."""
        done = self.store.analysed_hashes(self.version)
        return [r["id"] for r in self.store.article_rows(self.scope) if r["hash"] not in done]

    def set_read(self, article_id: int, read: bool = True) -> None:
        self.store.set_read(article_id, read)

    def set_starred(self, article_id: int, starred: bool = True) -> None:
        self.store.set_starred(article_id, starred)

    # -- analysis -------------------------------------------------------------------------

    def analyze(self, article_id: int) -> Analysis:
        """The article's analysis, from the cache or computed now (slow: workers only)."""
        return self.analyze_many([article_id])[0]

    def analyze_many(self, article_ids: Iterable[int]) -> list[Analysis]:
        """Analyse several articles in one batch through the model; cached ones are not rerun."""
        ids = list(article_ids)
        out: dict[int, Analysis] = {}
        todo: list[tuple[int, str, Document]] = []
        for aid in ids:
            h = self.store.article_hash(aid)
            cached = self.store.get_analysis(h, self.version)
            if cached is not None:
                out[aid] = cached
            else:
                todo.append((aid, h, self.store.document(aid)))
        if todo:
            # One model, one thread at a time: spaCy pipelines are not meant to be shared across threads.
            analyzer = self.analyzer
            with self._model_lock:
                results = list(analyzer.analyze_many([d for _, _, d in todo]))
            for (aid, h, _), analysis in zip(todo, results, strict=True):
                self.store.put_analysis(h, analysis)
                out[aid] = analysis
        return [out[aid] for aid in ids]

    def related_quotes(self, article_id: int, analysis: Analysis, limit: int = 20) -> list[RelatedQuote]:
        """Quotes elsewhere in the library by this article's speakers or about its main entities."""
        own = self.store.article_hash(article_id)
        speakers = {q.speaker for q in analysis.quotes if q.speaker}
        counts = analysis.entity_counts()
        main = [
            name
            for (name, label), _n in sorted(counts.items(), key=lambda kv: -kv[1])
            if label in _TOPIC_LABELS
        ][:6]
        people = [n for (n, label) in counts if label == "PERSON" and n in main]
        by_speaker = self.store.quotes_by_speakers(speakers | set(people), self.version)
        mentioning = self.store.hashes_mentioning(main, self.version)
        hashes = {h for h, _ in by_speaker} | set(mentioning)
        hashes.discard(own)
        titles = self.store.articles_by_hash(hashes)
        out: list[RelatedQuote] = []
        seen: set[tuple[str, int]] = set()
        cache: dict[str, Analysis | None] = {}

        def quotes_of(h: str) -> list[Quote]:
            if h not in cache:
                cache[h] = self.store.get_analysis(h, self.version)
            a = cache[h]
            return a.quotes if a else []

        for h, idx in by_speaker:
            if h not in titles or (h, idx) in seen:
                continue
            qs = quotes_of(h)
            if idx < len(qs):
                seen.add((h, idx))
                q = qs[idx]
                reason = "same speaker" if q.speaker in speakers else f"by {q.speaker}"
                out.append(RelatedQuote(titles[h][0], titles[h][1], q, reason))
        for h, names in mentioning.items():
            if h not in titles:
                continue
            for idx, q in enumerate(quotes_of(h)):
                if (h, idx) in seen:
                    continue
                about = next((n for n in main if n in names and _mentions(q.text, n)), None)
                if about:
                    seen.add((h, idx))
                    out.append(RelatedQuote(titles[h][0], titles[h][1], q, f"about {about}"))
        return out[:limit]

    # -- adding ---------------------------------------------------------------------------

    def add_document(self, key: str, doc: Document, *, listed: bool = True) -> int:
        return self.store.upsert_article(key, doc, listed=listed)

    # -- feeds ----------------------------------------------------------------------------

    def feeds(self) -> list[FeedRow]:
        """Every subscription with its counts and last refresh state (folder, then title order)."""
        return self.feed_store.feeds()

    def mark_feed_read(self, feed_id: int, read: bool = True) -> None:
        self.feed_store.mark_feed_read(feed_id, read)

    def set_auto_full(self, feed_id: int, on: bool) -> None:
        """Fetch the full text of the feed's new teaser items after each refresh (or stop)."""
        self.feed_store.set_auto_full(feed_id, on)

    def article_link(self, article_id: int) -> str | None:
        """The article's web address when it is one newsreader will open (http/https), else None."""
        from .feeds.urls import safe_link

        return safe_link(self.store.document(article_id).url)

    @staticmethod
    def url_problem(url: str) -> str | None:
        """Why ``url`` cannot be subscribed to (one line), or None when it is a usable address."""
        from .feeds.urls import url_problem

        return url_problem(url)

    def _get_refresher(self) -> Refresher:
        with self._refresher_lock:
            if self._refresher is None:
                from .refresh import Refresher  # feedparser, httpx and lxml: ~0.3 s, on first use

                self._refresher = Refresher(self.store)
            return self._refresher

    async def refresher(self) -> Refresher:
        """The feed refresher, created in a thread on first use (its imports would stall the loop)."""
        if self._refresher is not None:
            return self._refresher
        _start_resource_tracker()
        return await asyncio.to_thread(self._get_refresher)

    def _hold_refresh_lock(self) -> None:
        """Take the library's refresh lock (re-entrant within this process; raises ``Busy``)."""
        if self._refresh_holders == 0 and self.store.path != ":memory:":
            self._refresh_lock = RefreshLock(Path(self.store.path).parent / "refresh.lock").acquire()
        self._refresh_holders += 1

    def _release_refresh_lock(self) -> None:
        self._refresh_holders -= 1
        if self._refresh_holders == 0 and self._refresh_lock is not None:
            self._refresh_lock.release()
            self._refresh_lock = None

    async def refresh_feeds(
        self, feed_ids: Sequence[int] | None = None, progress: Progress | None = None
    ) -> RefreshReport:
        """Refresh the given feeds (all when None); raises ``lock.Busy`` if another process is."""
        refresher = await self.refresher()
        self._hold_refresh_lock()
        try:
            feeds = self.feeds()
            if feed_ids is not None:
                wanted = set(feed_ids)
                feeds = [f for f in feeds if f.id in wanted]
            return await refresher.refresh(feeds, progress)
        finally:
            self._release_refresh_lock()

    async def auto_full_text(self, report: RefreshReport) -> None:
        """Full text for the new teaser items of feeds set to fetch it (after a refresh)."""
        refresher = await self.refresher()
        await refresher.auto_full_text(report)

    async def add_feeds(
        self, urls: Sequence[str], folder: str | None = None
    ) -> tuple[list[FeedOutcome], list[str]]:
        """Subscribe to ``urls`` that answer with a feed: (added outcomes, refusal lines)."""
        refresher = await self.refresher()
        self._hold_refresh_lock()
        try:
            return await refresher.add(urls, folder or None)
        finally:
            self._release_refresh_lock()

    async def fetch_full_text(self, article_id: int) -> str | None:
        """Fetch and keep the article's full web page text; the error line, or None when done."""
        refresher = await self.refresher()
        return await refresher.full_text(article_id)

    def close(self) -> None:
        """Stop the feed parser processes (if any were started)."""
        with self._refresher_lock:
            if self._refresher is not None:
                self._refresher.close()
                self._refresher = None


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with the process's real stderr.

    A full-screen UI replaces ``sys.stderr`` with a capture whose ``fileno()`` is -1; the
    tracker, which the parser pool starts on first use, would then fail to spawn ("bad value(s)
    in fds_to_keep") and every feed would fail to parse. Started once, it serves every pool.
    """
    from multiprocessing import resource_tracker

    try:
        usable = sys.stderr.fileno() >= 0
    except Exception:  # noqa: BLE001 - no descriptor at all: the tracker does without one
        usable = True
    if usable or sys.__stderr__ is None:
        resource_tracker.ensure_running()
        return
    captured, sys.stderr = sys.stderr, sys.__stderr__
    try:
        resource_tracker.ensure_running()
    finally:
        sys.stderr = captured


def _mentions(text: str, name: str) -> bool:
    """Does ``text`` mention ``name`` (full name or its last word)?"""
    if name in text:
        return True
    last = name.split()[-1]
    return len(last) > 3 and last in text


def seed_library(store: Store, seeds: Path) -> int:
    """Import the shipped sample articles once (first run); returns how many were added."""
    if store.get_meta("seeded"):
        return 0
    n = 0
    # Sample articles are the .txt files; their .json sidecars and notes ride along.
    for item in sorted(seeds.glob("*.txt")):
        try:
            doc = read_file(item)
        except ReadError:
            continue
        store.upsert_article(f"seed:{item.name}", doc)
        n += 1
    store.set_meta("seeded", "1")
    return n


def open_files(store: Store, paths: Sequence[str]) -> tuple[list[int], list[str]]:
    """Add files for ``newsreader PATH...`` (not listed in the library); (ids, problem lines)."""
    docs, problems = read_paths(paths)
    ids = [store.upsert_article(f"file:{Path(d.path or '').resolve()}", d, listed=False) for d in docs]
    return ids, problems

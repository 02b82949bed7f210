"""The reader's feed actions: refresh, add, read and star state, links and full texts.

:class:`FeedActions` belongs to the reader screen, which binds the keys and routes the worker
messages here. Network work runs in async workers on the app's loop (the feed service fetches
with asyncio, parses in worker processes and stores in threads); store writes run in thread
workers. Every text from a feed reaches the screen as plain data: notices go through
``notify(markup=False)``.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from ...core.models import ViewKind
from ..keys import key_hint
from ..messages import FeedsProgress, FeedsRefreshed, FullTextFetched, LinkFound
from ..status import count, refresh_progress, refreshed_notice
from ..views import display_name as clean
from ..views import feed_key, folder_parts
from .loading import Then

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from ...core.models import FeedOutcome, RefreshReport
    from .reader import ReaderScreen

RELOAD_EVERY = 1.0
"""Seconds between article-list reloads while a long refresh brings new items."""


class FeedActions:
    """What r, R, a, m, M, s, o, f and the feed commands of the palette do."""

    def __init__(self, screen: ReaderScreen) -> None:
        self.screen = screen
        self.library = screen.library
        self.refreshing = False
        self.activity = ""  # what the feed workers are doing, for the status line
        self._reload_pending = False

    def say(
        self, text: str, *, severity: SeverityLevel = "information", timeout: float | None = None
    ) -> None:
        """A notice whose text may hold feed data: never parsed as markup."""
        self.screen.notify(text, severity=severity, timeout=timeout, markup=False)

    def _busy(self, activity: str) -> None:
        self.activity = activity
        self.screen.refresh_status()

    # -- refreshing -------------------------------------------------------------------------

    def no_feeds(self) -> bool:
        """Say so when there is no feed at all (a new library): the keys of feeds then point to ``a``."""
        if self.screen.sidebar.feeds:
            return False
        self.say(f"No feeds yet: press {key_hint(self.screen.app, 'feeds.add', 'a')} to add one.", timeout=4)
        return True

    def refresh_chosen(self) -> None:
        if self.no_feeds():
            return
        ids = self.screen.sidebar.target_feeds()
        if not ids:
            every = key_hint(self.screen.app, "feeds.refresh-all", "R")
            self.say(
                f"Choose a feed or folder in the tree to refresh it ({every} refreshes every feed).",
                timeout=4,
            )
            return
        self.start_refresh(ids)

    def refresh_all(self) -> None:
        if not self.no_feeds():
            self.start_refresh(None)

    def apply_settings(self) -> None:
        """Refresh every ``refresh_every`` while the app runs; hide failing or read feeds."""
        settings = getattr(self.screen.app, "settings", None)
        if settings is None:
            return
        if settings.refresh_every:
            self.screen.set_interval(settings.refresh_every, self._timed_refresh)
        options = {"hide_failing": settings.hide_failing, "hide_read": settings.hide_read_feeds}
        self.screen.sidebar.tree_options = options

    def _timed_refresh(self) -> None:
        if self.screen.sidebar.feeds and not self.refreshing:
            self.start_refresh(None)

    def start_refresh(self, feed_ids: list[int] | None) -> None:
        if self.refreshing:
            self.say("A refresh is already running.", timeout=3)
            return
        total = len(self.screen.sidebar.feeds) if feed_ids is None else len(feed_ids)
        self.refreshing = True
        self._reload_pending = False
        self.screen.status_bar.progress(0, total)
        self._busy(f"Refreshing {count(total, 'feed')}…")
        self.screen.run_worker(self._refresh(feed_ids), group="refresh", exclusive=True, exit_on_error=False)

    async def _refresh(self, feed_ids: list[int] | None) -> None:
        post = self.screen.post_message

        def progress(done: int, total: int, outcome: FeedOutcome) -> None:
            post(FeedsProgress(done, total, outcome.name, outcome.error, len(outcome.new_ids)))

        try:
            report = await self.library.feeds.refresh(feed_ids, progress)
        except Exception as e:  # another process holds the refresh lock, the store went away...
            post(FeedsRefreshed(None, str(e) or type(e).__name__))
            return
        post(FeedsRefreshed(report))

    def progressed(self, message: FeedsProgress) -> None:
        if not self.refreshing:
            return
        self.screen.status_bar.progress(message.done, message.total)
        self._busy(refresh_progress(message.done, message.total, message.name))
        if message.new_items and not self._reload_pending:
            # New items show up while a long refresh goes on, at most once a second.
            self._reload_pending = True
            self.screen.set_timer(RELOAD_EVERY, self._reload_during_refresh)

    def _reload_during_refresh(self) -> None:
        if self.refreshing and self._reload_pending:
            self._reload_pending = False
            self.screen.reload(Then(analyse=False))

    def refreshed(self, message: FeedsRefreshed) -> None:
        self.refreshing = self._reload_pending = False
        self.screen.status_bar.progress_done()
        self._busy("")
        report = message.report
        if report is None:
            self.say(f"Refresh not started: {message.error}", severity="warning")
            return
        self.screen.reload()
        failed = [o.name for o in report.failed]
        # (the notice goes; the failing feeds view keeps their errors)
        key = key_hint(self.screen.app, "feeds.failing", "!")
        text = refreshed_notice(len(report.new_ids), len(report.outcomes), failed, key)
        if failed:
            self.say(text, severity="warning")
        else:
            self.say(text, timeout=3)
        auto = {f.id for f in self.screen.sidebar.feeds if f.auto_full}
        if any(o.feed_id in auto and o.new_ids for o in report.outcomes):
            self._busy("Fetching full texts…")
            self.screen.run_worker(self._auto_full_text(report), group="full-text", exit_on_error=False)

    async def _auto_full_text(self, report: RefreshReport) -> None:
        """Full texts of new teaser items of feeds set to fetch them automatically."""
        ids = report.new_ids
        try:
            await self.library.feeds.auto_full_text(report)
        except Exception as e:
            self.screen.post_message(FullTextFetched(ids, str(e) or type(e).__name__, automatic=True))
            return
        self.screen.post_message(FullTextFetched(ids, automatic=True))

    # -- adding -----------------------------------------------------------------------------

    def add(self) -> None:
        from .dialogs import AddFeedScreen  # inputs and buttons: loaded when first needed

        sidebar = self.screen.sidebar
        folders = sorted({"/".join(folder_parts(f.folder)) for f in sidebar.feeds if f.folder})
        # Adding from a folder (or a feed in one) files the new feed there too.
        chosen = sidebar.chosen_feed
        dialog = AddFeedScreen(self.library.feeds, folders, chosen.folder if chosen else sidebar.view.folder)
        self.screen.app.push_screen(dialog, self._added)

    def _added(self, outcome: FeedOutcome | None) -> None:
        if outcome is None:
            return
        self.screen.reload(Then(select=feed_key(outcome.feed_id) if outcome.feed_id is not None else None))
        if outcome.already_subscribed:  # (the folder typed, prefilled from the view, moves it: said)
            moved = f": moved to {outcome.moved_to}" if outcome.moved_to else ""
            self.say(f"Already subscribed to {clean(outcome.name, 'feed')}{moved}", timeout=4)
            return
        self.say(f"Added {clean(outcome.name, 'feed')}: {count(outcome.items, 'article')}", timeout=4)

    # -- read and star state ----------------------------------------------------------------

    def mark_chosen_read(self) -> None:
        sidebar = self.screen.sidebar
        if sidebar.view.kind in (ViewKind.ALL, ViewKind.UNREAD):
            self.screen.navigation.mark_all_read()  # everything: asks first
            return
        if sidebar.view.kind in (ViewKind.SEARCH, ViewKind.STARRED, ViewKind.LOCAL):
            self.screen.navigation.mark_all_read(listed=True)  # the articles listed: asks first
            return
        ids = sidebar.target_feeds()
        if not ids:
            self.say("Choose a feed or folder in the tree to mark it read.", timeout=4)
            return
        wanted, feeds = set(ids), self.library.feeds
        unread = [r.id for r in sidebar.rows.values() if r.feed_id in wanted and not r.read]
        names = [clean(f.name, "feed") for i in ids if (f := sidebar.feed(i)) is not None]
        said = f"Marked {names[0] if len(names) == 1 else count(len(ids), 'feed')} read"

        def save() -> None:
            for feed_id in ids:
                feeds.mark_read(feed_id, True)

        # (the notice once saved: a save that fails is the one "Saving failed" notice instead)
        self.screen.navigation.marks.mark(unread, True, save, done=lambda: self.say(said, timeout=2))

    def toggle_auto_full(self, feed_id: int) -> None:
        """Fetch full texts of a feed's new teasers after each refresh (palette command)."""
        feed = self.screen.sidebar.feed(feed_id)
        if feed is not None:
            self.screen.run_worker(self._set_auto_full(feed_id, not feed.auto_full), exit_on_error=False)

    async def _set_auto_full(self, feed_id: int, on: bool) -> None:
        feeds = self.library.feeds

        def save() -> list:
            feeds.set_auto_full(feed_id, on)
            return feeds.list()

        sidebar = self.screen.sidebar
        sidebar.set_feeds(await asyncio.to_thread(save))
        feed = sidebar.feed(feed_id)
        name = clean(feed.name if feed else None, "feed")
        self.say(f"{name}: full text {'fetched automatically' if on else 'no longer fetched'}", timeout=3)

    # -- links ------------------------------------------------------------------------------

    def open_link(self) -> None:
        """The open article's web page, in the browser, after a dialog shows where it goes."""
        article_id = self.screen.article_id
        if article_id is None:
            return

        async def find() -> None:
            # A thread: the URL checker comes with the feed modules, which take a moment to import.
            url = await asyncio.to_thread(self.library.feeds.article_link, article_id)
            self.screen.post_message(LinkFound(article_id, url))

        self.screen.run_worker(find(), group="link", exclusive=True, exit_on_error=False)

    def link_found(self, message: LinkFound) -> None:
        if message.url is None:
            self.say("This article has no web link to open.", timeout=3)
        else:
            self.screen.links.confirm_open(message.url)

    # -- full text --------------------------------------------------------------------------

    def fetch_full_text(self) -> None:
        """The whole open article from its web page (for feeds that send only a teaser)."""
        article_id = self.screen.article_id
        if article_id is None:
            return
        self._busy("Fetching full text…")

        async def fetch() -> None:
            try:
                error = await self.library.feeds.full_text(article_id)
            except Exception as e:
                error = str(e) or type(e).__name__
            self.screen.post_message(FullTextFetched([article_id], error))

        self.screen.run_worker(fetch(), group="full-text", exit_on_error=False)

    def full_text_fetched(self, message: FullTextFetched) -> None:
        self.activity = "Refreshing feeds…" if self.refreshing else ""
        if message.error and not message.automatic:
            self.say(f"No full text: {clean(message.error, 'failed')}", severity="warning")
        elif not message.automatic:
            self.say("Full text fetched", timeout=2)
        self.screen.texts_changed(message.article_ids)

"""The reader's feed actions: refresh, add, read and star state, links and full texts.

A mixin of :class:`~tui.ui.screens.reader.ReaderScreen` (its bindings are declared there).
Network work runs in async workers on the app's loop (the refresher fetches with asyncio,
parses in worker processes and saves in threads); store writes run in thread workers. Workers
report back with messages. Every text from a feed reaches the screen as plain data: notices
go through ``notify(markup=False)``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work

from ..links import display_link
from ..messages import FeedsProgress, FeedsRefreshed, FullTextFetched, LinkFound
from ..views import display_name, feeds_in_view, folder_parts, key_feed_id, key_folder

if TYPE_CHECKING:
    from ...core.models import FeedOutcome, RefreshReport
    from .reader import ReaderScreen

    _Base = ReaderScreen
else:
    _Base = object

RELOAD_EVERY = 1.0
"""Seconds between article-list reloads while a long refresh brings new items."""


def _count(n: int, one: str, many: str = "") -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


class FeedActions(_Base):
    """Actions behind r, R, a, m, M, s, u, o, f and the feed commands of the palette."""

    def say(self, text: str, *, severity: str = "information", timeout: float | None = None) -> None:
        """A notice whose text may hold feed data: never parsed as markup."""
        self.notify(text, severity=severity, timeout=timeout, markup=False)  # type: ignore[arg-type]

    # -- refreshing -------------------------------------------------------------------------

    def _target_feeds(self) -> list[int]:
        """The feeds of the chosen tree node, else the feed of the open article."""
        ids = feeds_in_view(self._feeds, self.view)
        if not ids and self.article_id in self._all:
            feed_id = self._all[self.article_id].feed_id
            ids = [feed_id] if feed_id is not None else []
        return ids

    def action_refresh_feed(self) -> None:
        """Refresh the chosen feed or folder (else the open article's feed)."""
        ids = self._target_feeds()
        if not ids:
            self.say("Choose a feed or folder in the tree to refresh it (R refreshes every feed).", timeout=4)
            return
        self._start_refresh(ids)

    def action_refresh_all(self) -> None:
        """Refresh every feed."""
        if not self._feeds:
            self.say("No feeds yet: press a to add one.", timeout=4)
            return
        self._start_refresh(None)

    def _start_refresh(self, feed_ids: list[int] | None) -> None:
        if self._refreshing:
            self.say("A refresh is already running.", timeout=3)
            return
        total = len(self._feeds) if feed_ids is None else len(feed_ids)
        self._refreshing = True
        self._reload_pending = False
        self._activity = f"Refreshing {_count(total, 'feed')}…"
        progress = self.progress_bar
        progress.update(total=total, progress=0)
        self.add_class("-refreshing")
        self._update_status()
        self.run_refresh(feed_ids)

    @work(group="refresh", exclusive=True, exit_on_error=False)
    async def run_refresh(self, feed_ids: list[int] | None) -> None:
        """Refresh feeds on the app's loop; each finished feed posts :class:`FeedsProgress`."""

        def progress(done: int, total: int, outcome: FeedOutcome) -> None:
            self.post_message(FeedsProgress(done, total, outcome.name, outcome.error, len(outcome.new_ids)))

        try:
            report = await self.library.feeds.refresh(feed_ids, progress)
        except Exception as e:  # another process holds the refresh lock, the store went away...
            self.post_message(FeedsRefreshed(None, str(e) or type(e).__name__))
            return
        self.post_message(FeedsRefreshed(report))

    def on_feeds_progress(self, message: FeedsProgress) -> None:
        if not self._refreshing:
            return
        self.progress_bar.update(total=message.total, progress=message.done)
        name = display_name(message.name, "feed")
        self._activity = f"Refreshing feeds {message.done}/{message.total} · {name}"
        self._update_status()
        if message.new_items and not self._reload_pending:
            # New items show up while a long refresh goes on, at most once a second.
            self._reload_pending = True
            self.set_timer(RELOAD_EVERY, self._reload_during_refresh)

    def _reload_during_refresh(self) -> None:
        if self._refreshing and self._reload_pending:
            self._reload_pending = False
            self.reload_articles(analyse=False)

    def on_feeds_refreshed(self, message: FeedsRefreshed) -> None:
        self._refreshing = False
        self._reload_pending = False
        self._activity = ""
        self.remove_class("-refreshing")
        report = message.report
        if report is None:
            self.say(f"Refresh not started: {message.error}", severity="warning")
            self._update_status()
            return
        self.reload_articles()
        new, failed = len(report.new_ids), report.failed
        text = f"{_count(new, 'new article')} from {_count(len(report.outcomes), 'feed')}"
        if failed:
            names = ", ".join(display_name(o.name, "feed") for o in failed[:3])
            more = f" and {len(failed) - 3} more" if len(failed) > 3 else ""
            self.say(f"{text}; {_count(len(failed), 'feed')} failed: {names}{more}", severity="warning")
        else:
            self.say(text, timeout=3)
        auto = {f.id for f in self._feeds if f.auto_full}
        if any(o.feed_id in auto and o.new_ids for o in report.outcomes):
            self._activity = "Fetching full texts…"
            self._update_status()
            self.run_auto_full_text(report)

    @work(group="full-text", exit_on_error=False)
    async def run_auto_full_text(self, report: RefreshReport) -> None:
        """Full texts of new teaser items of feeds set to fetch them automatically."""
        ids = report.new_ids
        try:
            await self.library.feeds.auto_full_text(report)
        except Exception as e:
            self.post_message(FullTextFetched(ids, str(e) or type(e).__name__, automatic=True))
            return
        self.post_message(FullTextFetched(ids, automatic=True))

    # -- adding -----------------------------------------------------------------------------

    def action_add_feed(self) -> None:
        """Subscribe to a feed (a dialog asks for its address and folder)."""
        from .dialogs import AddFeedScreen  # inputs and buttons: loaded when first needed

        folders = sorted({"/".join(folder_parts(f.folder)) for f in self._feeds if f.folder})
        # Adding from a folder (or a feed in one) files the new feed there too.
        folder = key_folder(self.view)
        feed = self._feed_rows.get(key_feed_id(self.view) or -1)
        if feed is not None:
            folder = feed.folder
        self.app.push_screen(AddFeedScreen(self.library, folders, folder), self._feed_added)

    def _feed_added(self, outcome: FeedOutcome | None) -> None:
        if outcome is None:
            return
        select = f"feed:{outcome.feed_id}" if outcome.feed_id is not None else None
        self.reload_articles(select=select)
        name = display_name(outcome.name, "feed")
        self.say(f"Added {name}: {_count(outcome.items, 'article')}", timeout=4)

    # -- read and star state ----------------------------------------------------------------

    def action_toggle_read(self) -> None:
        """Mark the open article read or unread."""
        row = self._all.get(self.article_id) if self.article_id is not None else None
        if row is not None:
            self._change(row.id, read=not row.read)
            self.save_state(row.id, read=not row.read)
            self._update_status()

    def action_toggle_star(self) -> None:
        """Star or unstar the open article."""
        row = self._all.get(self.article_id) if self.article_id is not None else None
        if row is not None:
            self._change(row.id, starred=not row.starred)
            self.save_state(row.id, starred=not row.starred)
            self.say("Starred" if not row.starred else "Star removed", timeout=1.5)

    def action_mark_feed_read(self) -> None:
        """Mark every article of the chosen feed or folder (else the open article's feed) read."""
        ids = self._target_feeds()
        if not ids:
            self.say("Choose a feed or folder in the tree to mark it read.", timeout=4)
            return
        wanted = set(ids)
        for row in list(self._all.values()):
            if row.feed_id in wanted and not row.read:
                self._change(row.id, read=True, nav=False)
        self._update_nav()
        self.save_feeds_read(ids)
        names = [display_name(self._feed_rows[i].name, "feed") for i in ids if i in self._feed_rows]
        what = names[0] if len(names) == 1 else _count(len(ids), "feed")
        self.say(f"Marked {what} read", timeout=2)
        self._update_status()

    def action_toggle_unread_only(self) -> None:
        """Show only unread articles, or all of them again."""
        self.unread_only = not self.unread_only

    @work(thread=True, group="store", exit_on_error=False)
    def save_state(self, article_id: int, *, read: bool | None = None, starred: bool | None = None) -> None:
        if read is not None:
            self.library.set_read(article_id, read)
        if starred is not None:
            self.library.set_starred(article_id, starred)

    @work(thread=True, group="store", exit_on_error=False)
    def save_feeds_read(self, feed_ids: list[int]) -> None:
        for feed_id in feed_ids:
            self.library.feeds.mark_read(feed_id, True)

    # -- links ------------------------------------------------------------------------------

    def action_open_link(self) -> None:
        """Open the article's web page in the browser (after showing where it goes)."""
        if self.article_id is not None:
            self.find_link(self.article_id)

    @work(thread=True, group="link", exclusive=True, exit_on_error=False)
    def find_link(self, article_id: int) -> None:
        # A thread: the URL checker comes with the feed modules, which take a moment to import.
        self.post_message(LinkFound(article_id, self.library.feeds.article_link(article_id)))

    def on_link_found(self, message: LinkFound) -> None:
        if message.url is None:
            self.say("This article has no web link to open.", timeout=3)
            return
        from .dialogs import ConfirmOpenScreen

        host, url = display_link(message.url)

        def answered(yes: bool | None) -> None:
            if yes:
                self.open_in_browser(url)

        self.app.push_screen(ConfirmOpenScreen(host, url), answered)

    def open_in_browser(self, url: str) -> None:
        if self.app.is_web:
            self.app.open_url(url)  # the web driver only sends a message to the browser
        else:
            self._open_url_in_thread(url)

    @work(thread=True, group="link", exit_on_error=False)
    def _open_url_in_thread(self, url: str) -> None:
        # Starting a browser can take seconds (and may block on some systems).
        self.app.open_url(url)

    # -- full text --------------------------------------------------------------------------

    def action_fetch_full_text(self) -> None:
        """Fetch the whole article from its web page (for feeds that send only a teaser)."""
        if self.article_id is None:
            return
        self._activity = "Fetching full text…"
        self._update_status()
        self.run_full_text(self.article_id)

    @work(group="full-text", exit_on_error=False)
    async def run_full_text(self, article_id: int) -> None:
        try:
            error = await self.library.feeds.full_text(article_id)
        except Exception as e:
            error = str(e) or type(e).__name__
        self.post_message(FullTextFetched([article_id], error))

    def on_full_text_fetched(self, message: FullTextFetched) -> None:
        self._activity = "Refreshing feeds…" if self._refreshing else ""
        if message.error and not message.automatic:
            self.say(f"No full text: {display_name(message.error, 'failed')}", severity="warning")
        elif not message.automatic:
            self.say("Full text fetched", timeout=2)
        self.text_changed(message.article_ids)

    def toggle_auto_full(self, feed_id: int) -> None:
        """Fetch full texts of a feed's new teasers after each refresh (palette command)."""
        feed = self._feed_rows.get(feed_id)
        if feed is None:
            return
        on = not feed.auto_full
        self.library.feeds.set_auto_full(feed_id, on)
        self._set_feeds(self.library.feeds.list())
        self._update_nav()
        name = display_name(feed.name, "feed")
        self.say(f"{name}: full text {'fetched automatically' if on else 'no longer fetched'}", timeout=3)

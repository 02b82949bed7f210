"""The reader's sync with a Tiny Tiny RSS server: R syncs, marks go out in the background.

:class:`Syncing` belongs to the reader screen. Every mark made anywhere is queued by the core
at once (see ``Library.sync``); this sends the queue a moment later in a thread worker, and
every few seconds while changes wait, backing off after a failure so an offline laptop does not
keep trying. Workers report with :class:`~tui.ui.messages.SyncFinished`; the status line shows
the last sync or the error, and the server is a source in the feeds tree.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from ...core.errors import SyncError
from ..messages import SyncFinished
from ..status import count
from ..views import SERVER, NavNode
from ..views import display_name as clean

if TYPE_CHECKING:
    from ...core.models import SyncStatus
    from .reader import ReaderScreen

SEND_EVERY = 5.0  # seconds between looks at the queue of marks
RETRY_AFTER = 60.0  # seconds without background sends after one failed
SEND_DELAY = 0.5  # a mark goes out this long after it is made (a burst goes together)


class Syncing:
    """R's sync, the background send of marks, and the sync's part of the status line."""

    def __init__(self, screen: ReaderScreen) -> None:
        self.screen = screen
        self.library = screen.library
        self.status: SyncStatus | None = None
        self.running = False
        self._failed_at = float("-inf")

    @property
    def active(self) -> bool:
        """A sync server is set up."""
        return self.status is not None

    def start(self) -> None:
        """Read the server's state (a thread), then look at the queue every few seconds."""
        if self.library.scope is not None:
            return  # `newsreader PATH...`: files only
        sync, post = self.library.sync, self.screen.post_message
        self.screen.run_worker(
            lambda: post(SyncFinished(sync.status(), background=True)),
            thread=True,
            group="sync",
            exit_on_error=False,
        )
        self.screen.set_interval(SEND_EVERY, self.send)  # marks from every path (M, mark all read)
        settings = getattr(self.screen.app, "settings", None)
        if settings is not None and settings.refresh_every:  # synced as often as feeds refresh
            self.screen.set_interval(settings.refresh_every, self.sync_now)

    def refresh_all(self) -> None:
        """R: a sync with the server when one is set up, and a refresh of the feeds fetched here."""
        if not self.active:
            self.screen.feed_actions.refresh_all()
            return
        self.sync_now()
        if any(not f.synced for f in self.screen.sidebar.feeds):
            self.screen.feed_actions.refresh_all()

    def sync_now(self) -> None:
        """Sync with the server now (R)."""
        if not self.active or self.running:
            return
        self.running = True
        self.screen.refresh_status()
        sync, post = self.library.sync, self.screen.post_message

        def run() -> None:
            try:
                post(SyncFinished(sync.status(), report=sync.run()))
            except Exception as e:  # SyncError is one line; anything else is a bug, said as one
                post(SyncFinished(sync.status(), error=_line(e)))

        self.screen.run_worker(run, thread=True, group="sync-status", exit_on_error=False)

    def marked(self) -> None:
        """A mark was made here: send it shortly."""
        if self.active:
            self.screen.set_timer(SEND_DELAY, self.send)

    def send(self) -> None:
        """Send queued marks in the background (not while a sync runs, nor soon after a failure)."""
        if not self.active or self.running or time.monotonic() - self._failed_at < RETRY_AFTER:
            return
        sync, post = self.library.sync, self.screen.post_message

        def run() -> None:
            try:
                sync.push()
                post(SyncFinished(sync.status(), background=True))
            except Exception as e:
                post(SyncFinished(sync.status(), error=_line(e), background=True))

        self.screen.run_worker(run, thread=True, group="sync-send", exclusive=True, exit_on_error=False)

    def finished(self, message: SyncFinished) -> None:
        self.status = message.status
        if not message.background:
            self.running = False
        if message.error:
            self._failed_at = time.monotonic()
            if not message.background:
                self.screen.notify(f"Sync failed: {clean(message.error)}", severity="warning", markup=False)
        else:
            self._failed_at = float("-inf")
        if self.status is not None:
            self._show_server(self.status)
        report = message.report
        if report is not None:
            self.screen.reload()  # new articles, then analysed like any other
            text = f"Synced: {count(len(report.new_ids), 'new article')}"
            if report.problems:
                text += f"; {clean(report.problems[0])}"
            self.screen.notify(text, timeout=3, markup=False)
        self.screen.refresh_status()

    def _show_server(self, status: SyncStatus) -> None:
        """The server as a source in the feeds tree (its feeds under it), with its last error."""
        sidebar = self.screen.sidebar
        node = NavNode(
            SERVER, f"tt-rss · {clean(status.host)}", error=clean(status.error) if status.error else None
        )
        old = sidebar.tree_options.get("server")
        if old is None or (old.name, old.error) != (node.name, node.error):
            sidebar.tree_options = {**sidebar.tree_options, "server": node}
            sidebar.set_feeds(sidebar.feeds)

    @property
    def text(self) -> str:
        """The status line's part: the last sync or the error, changes waiting."""
        status = self.status
        if status is None:
            return ""
        if self.running:
            return "Syncing…"
        if status.error:
            return f"Sync: {clean(status.error)}"
        when = (status.last_sync or "")[11:16]
        waiting = f" · {count(status.pending, 'mark')} to send" if status.pending else ""
        return (f"Synced {when} UTC" if when else "Not synced yet (R)") + waiting


def _line(e: Exception) -> str:
    if isinstance(e, SyncError):
        return str(e)
    return f"{type(e).__name__}: {e}".splitlines()[0]

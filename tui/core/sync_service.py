"""Sync with a Tiny Tiny RSS server, for both front ends: what ``Library.sync`` hands out.

``setup`` checks a login and keeps the server and password; ``run`` syncs (subscriptions,
headlines, read and star state both ways); ``push`` sends queued marks (the app's background
send). All are synchronous network calls: a thread worker in the app. Each failure is a
:class:`~.errors.SyncError` of one line, recorded as the last error; nothing local is lost.
httpx loads on first use.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from .errors import SyncError
from .models import SyncReport, SyncStatus
from .store import ArticleRepo, Database, FeedRepo
from .store.sync import SyncRepo

if TYPE_CHECKING:  # pragma: no cover
    from .sync.client import TtrssClient

T = TypeVar("T")


class SyncService:
    """The sync server of one library (at most one), and syncing with it."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._repo = SyncRepo(db)
        self._lock = threading.Lock()  # one sync or push at a time

    def status(self) -> SyncStatus | None:
        """The server set up, its last sync and error, and the changes waiting; None when none is."""
        return self._repo.status()

    @staticmethod
    def url_problem(url: str, insecure: bool = False) -> str | None:
        """Why ``url`` cannot be a sync server (only https, or http on loopback or ``insecure``)."""
        from .sync.client import url_problem

        return url_problem(url, insecure)

    def setup(self, url: str, user: str, password: str, *, insecure: bool = False) -> str:
        """Log in to check, then keep the server and the password; where the password went."""
        from .sync.client import TtrssClient

        url = url.rstrip("/")
        problem = self.url_problem(url, insecure)
        if problem:
            raise SyncError(problem)
        with TtrssClient(url, user, password) as client:
            client.login()
            level = client.api_level()
        if level < 8:
            raise SyncError(f"{url}: tt-rss API level {level} is too old (8 or newer is needed)")
        where = self._secrets().save(url, user, password)
        self._repo.set_server(url, user, insecure)
        return where

    def run(self) -> SyncReport:
        """Sync now: send local changes, take the server's. Raises :class:`SyncError`."""
        with self._lock, self._client() as client:
            try:
                report = _one_line(client, self._syncer(client).sync)
            except SyncError as e:
                self._repo.record(str(e), synced=False)
                raise
            self._repo.record(None, synced=True)
            return report

    def push(self) -> int:
        """Send the read/star changes waiting (how many); none waiting costs no request."""
        if self._repo.status() is None or not self._repo.queued(("read", "starred")):
            return 0
        with self._lock, self._client() as client:
            try:
                return _one_line(client, self._syncer(client).push)
            except SyncError as e:
                self._repo.record(str(e), synced=False)
                raise

    def client(self) -> TtrssClient:
        """A client logged in as the library's sync user (for tests and checks); close it."""
        return self._client()

    # -- helpers --------------------------------------------------------------------------

    def _secrets(self):
        from .sync.secret import SecretStore

        return SecretStore(self._db.path.parent)

    def _client(self) -> TtrssClient:
        from .sync.client import TtrssClient

        server = self._repo.server()
        if server is None:
            raise SyncError("no sync server: run `newsreader sync setup URL --user NAME` first")
        password = self._secrets().load(server.url, server.user)
        return TtrssClient(server.url, server.user, password)

    def _syncer(self, client: TtrssClient):
        from .sync.engine import Syncer

        return Syncer(self._repo, FeedRepo(self._db), ArticleRepo(self._db), client)


def _one_line(client: TtrssClient, step: Callable[[], T]) -> T:
    """Run a sync step; an answer shaped unlike tt-rss's (a missing or odd field) is one line too."""
    try:
        return step()
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as e:  # (ids past SQLite's)
        raise SyncError(
            f"{client.host}: an answer the sync did not expect ({type(e).__name__}: {e})"[:300]
        ) from None

"""What the sync with a Tiny Tiny RSS server reports: its state and what one sync did."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """The server set up for sync, when it last synced, its last error, changes waiting."""

    url: str
    user: str
    last_sync: str | None
    error: str | None
    pending: int  # local changes queued, not yet sent

    @property
    def host(self) -> str:
        from urllib.parse import urlsplit

        return urlsplit(self.url).netloc or self.url


@dataclass(frozen=True, slots=True)
class SyncReport:
    """What one sync did (``new_ids``: articles stored from the server, to analyse)."""

    feeds_added: int = 0
    feeds_removed: int = 0
    new_ids: list[int] = field(default_factory=list)
    pushed: int = 0  # read/star changes sent
    pulled: int = 0  # read/star changes taken from the server
    conflicts: int = 0  # both sides changed: the later change won
    subscribed: int = 0  # local subscriptions sent
    unsubscribed: int = 0
    problems: list[str] = field(default_factory=list)  # one line each (a feed the server refused)

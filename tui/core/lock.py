"""A per-library lock for refreshes, so two processes never refresh the same home at once.

SQLite (WAL) already makes concurrent readers and writers safe; the lock only stops two
refreshes from fetching the same feeds twice, and names the process that holds it. The lock
file sits beside the database (:func:`lock_path`), whichever front end takes it.
"""

from __future__ import annotations

import fcntl
import os
import threading
from pathlib import Path

from .errors import Busy

LOCK_NAME = "refresh.lock"


def lock_path(database: Path) -> Path:
    """The refresh lock of the library whose database is ``database``."""
    return database.parent / LOCK_NAME


class RefreshLock:
    """An exclusive ``flock`` on a file holding the owner's pid; raises :class:`Busy` when taken."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> RefreshLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 64).decode(errors="replace").strip() or "?"
            os.close(fd)
            raise Busy(
                f"another newsreader (pid {holder}) is refreshing this library; try again when it is done"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> RefreshLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


class SharedRefreshLock:
    """A library's refresh lock shared by everything in this process: re-entrant, thread-safe.

    The file is locked by the first holder and unlocked by the last; ``path`` None (a database
    in memory) counts holders without a file.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._guard = threading.Lock()
        self._holders = 0
        self._file: RefreshLock | None = None

    def acquire(self, alone: bool = False) -> None:
        """Hold the lock; raises :class:`Busy` if another process holds it (blocking I/O), and
        with ``alone`` if anything in this process holds it too (a refresh of the app's own)."""
        with self._guard:
            if alone and self._holders:
                raise Busy("a refresh is running; try again when it is done")
            if self._holders == 0 and self.path is not None:
                self._file = RefreshLock(self.path).acquire()
            self._holders += 1

    def release(self) -> None:
        """Let go of one hold; the last one unlocks the file."""
        with self._guard:
            self._holders -= 1
            if self._holders == 0 and self._file is not None:
                self._file.release()
                self._file = None

"""Writes that arrive together land in one commit: a refresh's feeds are stored in batches.

A first refresh stores hundreds of feeds as they are parsed. One transaction each made every
commit write again the pages the previous one had just written (the stories' band index takes
random keys, so a feed's items touch most of its pages). :class:`BatchWriter` runs the writes
that queue up while one batch is being stored as the next batch, in one transaction; each write
keeps its own savepoint (see ``Database.transaction``), so one that fails undoes only itself
and its caller gets its error. A batch is capped so that other work waiting for the database (a
read mark from the app) waits for at most :data:`MAX_BATCH` writes.

Writes come one feed at a time as parsers finish, so a writer that keeps up found one waiting at
each turn and committed every feed alone (118 commits for 200 feeds), writing the same hot pages
again each time. Short of a full batch it now waits :data:`GATHER` seconds for more first, unless
no more are coming (:attr:`BatchWriter.coming`: a refresh's last feed is stored at once).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from .store import Database

T = TypeVar("T")

MAX_BATCH = 16
# Seconds a batch short of MAX_BATCH waits for more writes before it is stored: what a write's
# caller may wait extra, against a commit for every feed (storing 200 feeds one commit each cost
# 0.4 s more CPU than in batches of 16).
GATHER = 0.05


class BatchWriter:
    """Runs write functions in a thread, those queued together in one transaction."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._pending: list[tuple[Callable[[], Any], asyncio.Future[Any]]] = []
        self._task: asyncio.Task[None] | None = None
        # Writes still to come, when their caller knows (a refresh: one per feed); None: unknown.
        self.coming: int | None = None

    async def write(self, fn: Callable[[], T]) -> T:
        """``fn()`` in the next batch's transaction (its own savepoint); its result or its error."""
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._pending.append((fn, future))
        if self.coming:
            self.coming -= 1
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._drain())
        return await future

    async def _drain(self) -> None:
        while self._pending:
            if len(self._pending) < MAX_BATCH and self.coming != 0:
                await asyncio.sleep(GATHER)
            batch, self._pending = self._pending[:MAX_BATCH], self._pending[MAX_BATCH:]
            try:
                results = await asyncio.to_thread(self._store, [fn for fn, _ in batch])
            except BaseException as e:  # the commit itself failed: every write of the batch did
                for _, future in batch:
                    if not future.done():
                        future.set_exception(e if isinstance(e, Exception) else RuntimeError(str(e)))
                if not isinstance(e, Exception):
                    raise
                continue
            for (_, future), (ok, value) in zip(batch, results, strict=True):
                if future.done():  # its caller was cancelled
                    continue
                if ok:
                    future.set_result(value)
                else:
                    future.set_exception(value)

    def _store(self, fns: list[Callable[[], Any]]) -> list[tuple[bool, Any]]:
        out: list[tuple[bool, Any]] = []
        with self.db.transaction():
            for fn in fns:
                try:
                    with self.db.transaction():  # a savepoint: a failure undoes only this write
                        out.append((True, fn()))
                except Exception as e:  # noqa: BLE001 - handed to the write's caller
                    out.append((False, e))
        return out

"""BatchWriter: writes queued together land in one transaction, each in its own savepoint."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest

from tui.core import batch_writer
from tui.core.batch_writer import MAX_BATCH, BatchWriter
from tui.core.store import Database


class CountingWriter(BatchWriter):
    def __init__(self, db: Database) -> None:
        super().__init__(db)
        self.batches: list[int] = []

    def _store(self, fns):
        self.batches.append(len(fns))
        return super()._store(fns)


def put(db: Database, key: str, fail: bool = False):
    def write() -> str:
        with db.transaction() as conn:
            conn.execute("INSERT INTO meta VALUES (?, 'x')", (key,))
        if fail:
            raise ValueError(f"{key} failed")
        return key

    return write


async def test_writes_queued_together_share_a_commit_and_fail_alone(tmp_path):
    db = Database(tmp_path / "library.db")
    writer = CountingWriter(db)
    n = MAX_BATCH + 4
    results = await asyncio.gather(
        *(writer.write(put(db, f"k{i}", fail=i == 3)) for i in range(n)), return_exceptions=True
    )
    assert [str(r) for r in results] == [f"k{i}" if i != 3 else "k3 failed" for i in range(n)]
    assert isinstance(results[3], ValueError)
    assert writer.batches == [MAX_BATCH, 4]  # what arrived while one batch was stored is the next
    other = sqlite3.connect(tmp_path / "library.db")
    keys = {r[0] for r in other.execute("SELECT key FROM meta WHERE key LIKE 'k%'")}
    assert keys == {f"k{i}" for i in range(n)} - {"k3"}  # the failed write undid only itself
    other.close()
    assert await writer.write(put(db, "later")) == "later"  # a new batch after the queue emptied
    db.close()


async def test_a_failed_commit_fails_every_write_of_its_batch(tmp_path):
    db = Database(tmp_path / "library.db")
    writer = BatchWriter(db)

    def locked(fns):
        raise sqlite3.OperationalError("database is locked")

    writer._store = locked  # type: ignore[method-assign]
    with pytest.raises(sqlite3.OperationalError):
        await writer.write(put(db, "a"))
    db.close()


async def test_writes_arriving_one_at_a_time_wait_for_each_other(tmp_path, monkeypatch):
    """A refresh's feeds come one at a time as parsers finish: a batch short of MAX_BATCH waits
    GATHER seconds for more, so they share a commit instead of one each."""
    monkeypatch.setattr(batch_writer, "GATHER", 0.5)
    db = Database(tmp_path / "library.db")
    writer = CountingWriter(db)

    async def one_by_one() -> list[str]:
        waiting = []
        for i in range(5):
            waiting.append(asyncio.ensure_future(writer.write(put(db, f"k{i}"))))
            await asyncio.sleep(0.01)
        return await asyncio.gather(*waiting)

    assert await one_by_one() == [f"k{i}" for i in range(5)]
    assert writer.batches == [5]
    db.close()


async def test_once_no_more_writes_are_coming_a_short_batch_waits_no_more(tmp_path, monkeypatch):
    """A refresh says how many writes are coming (one a feed): the last is stored at once."""
    waits: list[float] = []
    real_sleep = asyncio.sleep

    async def sleep(delay: float, *args):
        waits.append(delay)
        await real_sleep(0)

    monkeypatch.setattr(asyncio, "sleep", sleep)
    db = Database(tmp_path / "library.db")
    writer = BatchWriter(db)
    writer.coming = 2
    assert await writer.write(put(db, "a")) == "a"  # one more to come: it waited for it
    assert await writer.write(put(db, "b")) == "b"  # the last: stored at once
    assert waits == [batch_writer.GATHER]
    writer.coming = None  # unknown again: a short batch waits
    assert await writer.write(put(db, "c")) == "c"
    assert waits == [batch_writer.GATHER, batch_writer.GATHER]
    db.close()

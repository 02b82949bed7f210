"""The core's helper processes never import code from the folder newsreader is run in."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.feeds_cli_support import item, nr, rss
from tests.feedserver import FeedServer, feed_server_fixture  # noqa: F401


def test_packages_in_the_current_folder_are_never_imported(feed_server: FeedServer, tmp_path: Path):
    # The fork server runs as "python -c", which puts the current folder first on sys.path: a
    # folder holding a tui/ or numpy/ had its code run by the parser processes.
    exe = Path(sys.executable).parent / "newsreader"
    if not exe.exists():
        pytest.skip("no newsreader console script beside this Python")
    trap = tmp_path / "downloads"
    for name in ("tui", "numpy", "lxml", "feedparser", "multiprocessing"):
        (trap / name).mkdir(parents=True)
        marker = trap / f"IMPORTED_{name}"
        (trap / name / "__init__.py").write_text(f"open({str(marker)!r}, 'w').close()\n")
    url = feed_server.body("/news.xml", rss("Harbour News", item("a", "Quay opens")))
    p = subprocess.run([str(exe), "add", url], cwd=trap, capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert "Traceback" not in p.stderr
    assert not sorted(m.name for m in trap.glob("IMPORTED_*"))


@pytest.mark.parametrize(("cores", "workers"), [(1, 1), (2, 1), (3, 2), (4, 2), (16, 2)])
def test_a_refresh_leaves_a_core_to_the_process_that_fetches_and_stores(monkeypatch, cores, workers):
    import os

    from tui.core.feeds import pool as feed_pool

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(cores)), raising=False)
    assert feed_pool.default_workers() == workers


@pytest.fixture
def spawns(monkeypatch) -> list[int]:
    """The thread (``threading.get_ident()``) each parser process is started from."""
    import threading
    from concurrent.futures import process

    started: list[int] = []
    spawn = process.ProcessPoolExecutor._spawn_process

    def record(executor) -> None:
        started.append(threading.get_ident())
        spawn(executor)

    monkeypatch.setattr(process.ProcessPoolExecutor, "_spawn_process", record)
    return started


def _refresh(tmp_path: Path, url: str) -> None:
    import asyncio

    from tui.core.refresh import Refresher
    from tui.core.store import ArticleRepo, Database, FeedRepo

    db = Database(tmp_path / "library.db")
    feeds = FeedRepo(db)
    feeds.add(url)
    refresher = Refresher(feeds, ArticleRepo(db), workers=1)
    try:
        asyncio.run(refresher.refresh(feeds.list()))
    finally:
        refresher.close()


def test_parser_processes_start_off_the_event_loop(spawns):
    # Starting a worker waits for the fork server to import the parser (a quarter of a second):
    # on the loop's thread, every download in flight stood still meanwhile.
    import asyncio
    import threading

    from tui.core.feeds.pool import FeedParserPool, ParseJob

    async def parse_one():
        return threading.get_ident(), await pool.parse(ParseJob(rss("Quay", item("a", "Opens")).encode()))

    with FeedParserPool(workers=1) as pool:
        loop_thread, parsed = asyncio.run(parse_one())
    assert parsed.ok and [e.title for e in parsed.entries] == ["Opens"]
    assert spawns and loop_thread not in spawns


def test_a_refresh_of_a_new_feed_starts_the_parsers_before_it_arrives(feed_server, tmp_path, spawns):
    # A never-fetched feed comes back whole: the parsers start as the request goes out. This one
    # fails, so nothing is parsed; they were started all the same.
    _refresh(tmp_path, feed_server.body("/down.xml", "gone", status=500, content_type="text/plain"))
    assert len(spawns) == 1


def test_a_refresh_of_feeds_answering_304_starts_no_parser(feed_server, tmp_path, spawns):
    url = feed_server.conditional(
        "/one.xml",
        rss("One", item("1", "First")).encode(),
        etag='"v1"',
        last_modified="Mon, 03 Mar 2025 10:00:00 GMT",
    )
    _refresh(tmp_path, url)  # first: fetched whole and parsed
    assert len(spawns) == 1
    spawns.clear()
    _refresh(tmp_path, url)  # now with its validators: 304
    assert spawns == []


def test_the_process_that_stores_never_imports_the_parser(feed_server):
    # The parser runs in its worker processes. What they send back was defined beside it, so
    # unpickling the first feed made the storing process import feedparser and lxml (0.1 s).
    url = feed_server.body("/one.xml", rss("One", item("1", "First")))
    assert nr("add", url).returncode == 0
    feed_server.body("/one.xml", rss("One", item("1", "First"), item("2", "Second")))
    code = "import sys; from tui.cli import main; main(['refresh']); print(*sorted(sys.modules))"
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert "1 new item," in p.stderr, p.stderr[-2000:]
    modules = p.stdout.split()
    assert "numpy" in modules  # its feed came back and was grouped into stories
    assert sorted(m for m in modules if m.split(".")[0] in ("feedparser", "lxml")) == []

"""Refresh under stress: kill -9 mid-refresh, two newsreaders on one home, what the refresh
command imports, and the parser pool building documents."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.feeds_cli_support import feeds_json, item, nr, opml, outline, rss
from tests.feedserver import FeedServer, feed_server_fixture, send  # noqa: F401

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")

FAST = 12  # feeds on a server that answers at once
HELD = 12  # feeds on a server that answers only when the test lets it


def version(feed: int, v: int) -> str:
    """Feed number ``feed`` at version ``v``: v2 rewrites item 0 and adds an item."""
    items = [item(f"f{feed}-i{i}", f"Feed {feed} story {i}") for i in range(3)]
    if v >= 2:
        items[0] = item(f"f{feed}-i0", f"Feed {feed} story 0 revised", "<p>A correction was added.</p>")
        items.insert(0, item(f"f{feed}-new", f"Feed {feed} fresh story"))
    return rss(f"Feed {feed:02d}", *items)


class Gate:
    """Routes whose responses wait until :meth:`open` (or the server stops)."""

    def __init__(self, server: FeedServer) -> None:
        self.server = server
        self.event = threading.Event()

    def body(self, path: str, data: str) -> str:
        raw = data.encode()

        def handle(h) -> None:
            while not self.event.wait(0.05):
                if self.server.stop.is_set():
                    return
            send(h, 200, raw, content_type="application/rss+xml")

        self.server.routes[path] = handle
        return self.server.url(path)

    def open(self) -> None:
        self.event.set()


@pytest.fixture
def servers() -> Iterator[tuple[FeedServer, FeedServer]]:
    """Two servers, so the held one's per-server limit does not hold up the fast one."""
    with FeedServer() as fast, FeedServer() as held:
        yield fast, held


def db_path(home: Path) -> Path:
    return home / "data" / "library.db"


def subscribe(tmp_path: Path, fast: FeedServer, held: FeedServer) -> tuple[list[str], list[str]]:
    """FAST + HELD feeds imported and refreshed once (version 1); their URLs."""
    fast_urls = [fast.body(f"/f{i}.xml", version(i, 1)) for i in range(FAST)]
    held_urls = [held.body(f"/h{i}.xml", version(100 + i, 1)) for i in range(HELD)]
    f = tmp_path / "subs.opml"
    f.write_text(opml(*(outline(u, f"feed {i}") for i, u in enumerate(fast_urls + held_urls))))
    assert nr("import", str(f)).returncode == 0
    p = nr("refresh")
    assert p.returncode == 0, p.stderr
    assert sum(x["items"] for x in feeds_json()) == 3 * (FAST + HELD)
    return fast_urls, held_urls


def mark_some(home: Path) -> dict[int, tuple[int, int]]:
    """Read and star some items of every feed (through the library); id -> (read, starred) as
    stored (reading an item reads the other feeds' items of its story too)."""
    from tui.core.library import Library

    with Library.open(db_path(home)) as lib:
        for n, row in enumerate(lib.articles()):
            lib.set_read(row.id, bool(n % 2))
            lib.set_starred(row.id, n % 3 == 0)
    return states_now(home)


def states_now(home: Path) -> dict[int, tuple[int, int]]:
    with sqlite3.connect(db_path(home)) as db:
        return {i: (r, s) for i, r, s in db.execute("SELECT id, read, starred FROM articles")}


def items_per_feed(home: Path) -> dict[str, int]:
    with sqlite3.connect(db_path(home), timeout=10) as db:
        return dict(
            db.execute(
                "SELECT f.url, COUNT(a.id) FROM feeds f LEFT JOIN articles a ON a.feed_id = f.id GROUP BY f.id"
            )
        )


def wait_for(condition, timeout: float = 60.0, what: str = "condition") -> None:
    """Poll ``condition`` (a bound on the wait, not a timing assertion)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.05)


def start_refresh() -> subprocess.Popen[str]:
    # Its own process group, so the test can clean up its parser workers whatever happens.
    return subprocess.Popen(
        [sys.executable, "-m", "tui", "refresh"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def group_alive(pgid: int) -> bool:
    """Whether any process of the group still runs (zombies waiting for a reaper don't count)."""
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()  # after "pid (comm)": state, ppid, pgrp, ...
        if int(fields[2]) == pgid and fields[0] not in ("Z", "X"):
            return True
    return False


def kill_group(proc: subprocess.Popen[str]) -> None:
    if group_alive(proc.pid):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    proc.wait(timeout=10)


# -- kill -9 --------------------------------------------------------------------------------


def test_kill_9_mid_refresh_loses_at_most_that_refresh(tmp_path, isolated_home, servers):
    fast, held = servers
    fast_urls, held_urls = subscribe(tmp_path, fast, held)
    states = mark_some(isolated_home)

    for i in range(FAST):
        fast.body(f"/f{i}.xml", version(i, 2))
    gate = Gate(held)
    for i in range(HELD):
        gate.body(f"/h{i}.xml", version(100 + i, 2))

    proc = start_refresh()
    try:
        # Every fast feed stored, held ones in flight: the refresh is half done when it dies.
        wait_for(lambda: all(items_per_feed(isolated_home)[u] == 4 for u in fast_urls), what="the fast feeds")
        assert proc.poll() is None
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=10) == -signal.SIGKILL
        # Its parser workers and the fork server notice and go too: nothing is left behind.
        wait_for(lambda: not group_alive(proc.pid), timeout=30, what="the refresh's workers to exit")
    finally:
        kill_group(proc)

    with sqlite3.connect(db_path(isolated_home)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    counts = items_per_feed(isolated_home)
    assert all(counts[u] == 4 for u in fast_urls)  # finished feeds kept
    assert all(counts[u] == 3 for u in held_urls)  # unfinished ones as they were
    now = states_now(isolated_home)
    assert {i: now[i] for i in states} == states  # read and star survived, updates included

    gate.open()
    p = nr("refresh")
    assert p.returncode == 0, p.stderr
    assert "0 failed" in p.stderr
    counts = items_per_feed(isolated_home)
    assert set(counts.values()) == {4}
    now = states_now(isolated_home)
    assert {i: now[i] for i in states} == states
    with sqlite3.connect(db_path(isolated_home)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        revised = db.execute("SELECT COUNT(*) FROM articles WHERE title LIKE '%revised'").fetchone()[0]
    assert revised == FAST + HELD


# -- two newsreaders on one home -------------------------------------------------------


def test_second_refresh_is_refused_naming_the_first_and_reading_still_works(tmp_path, isolated_home, servers):
    fast, held = servers
    subscribe(tmp_path, fast, held)
    gate = Gate(held)
    for i in range(HELD):
        gate.body(f"/h{i}.xml", version(100 + i, 2))

    lock = isolated_home / "data" / "refresh.lock"
    first = start_refresh()
    try:
        wait_for(
            lambda: lock.exists() and lock.read_text() == str(first.pid), what="the first refresh's lock"
        )

        second = nr("refresh")
        assert second.returncode == 1
        (line,) = [x for x in second.stderr.splitlines() if x.strip()]
        assert f"pid {first.pid}" in line
        assert "refreshing this library" in line

        also = nr("add", fast.url("/f0.xml"))
        assert also.returncode == 1 and f"pid {first.pid}" in also.stderr

        reading = nr("feeds", "--json")  # the database stays readable meanwhile
        assert reading.returncode == 0, reading.stderr
        assert len(json.loads(reading.stdout)) == FAST + HELD
        assert first.poll() is None  # and the first refresh was still running all along

        gate.open()
        out, err = first.communicate(timeout=60)
        assert first.returncode == 0, err
    finally:
        kill_group(first)

    assert lock.read_text() == ""  # released: the pid is no longer claimed
    p = nr("refresh")
    assert p.returncode == 0, p.stderr


def test_a_stale_lock_file_from_a_killed_refresh_does_not_block(tmp_path, isolated_home, servers):
    fast, held = servers
    subscribe(tmp_path, fast, held)
    lock = isolated_home / "data" / "refresh.lock"
    lock.write_text("999999")  # what a refresh killed with -9 leaves: a pid, no flock held
    p = nr("refresh")
    assert p.returncode == 0, p.stderr


# -- what the refresh command loads -------------------------------------------------------


def _refresh_imports() -> tuple[str, set[str]]:
    """``newsreader refresh`` with ``-X importtime``: its stderr and the modules it imported."""
    p = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "tui", "refresh"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert p.returncode == 0, p.stderr[-2000:]
    modules = {
        line.split("|")[-1].strip() for line in p.stderr.splitlines() if line.startswith("import time:")
    }
    return p.stderr, modules


def test_refresh_command_imports_neither_spacy_nor_textual(feed_server):
    url = feed_server.body("/one.xml", rss("One", item("1", "First"), item("2", "Second")))
    assert nr("add", url).returncode == 0
    feed_server.body("/one.xml", rss("One", item("1", "First"), item("2", "Second"), item("3", "Third")))
    stderr, modules = _refresh_imports()
    assert "1 new item," in stderr  # the parser workers ran (their imports are listed too)
    assert "feedparser" in modules and "httpx" in modules
    heavy = sorted(m for m in modules if m.split(".")[0] in ("spacy", "textual", "thinc", "torch"))
    assert heavy == []


# -- the pool builds documents ----------------------------------------------------------------


def test_pool_rows_match_item_to_document_and_travel_once():
    from tui.core.feeds import FeedParserPool, ParseJob, item_to_document, parse_feed
    from tui.core.models.stored import item_row
    from tui.core.similarity import document_sketches

    data = rss(
        "Docs",
        item("a", "Council votes", "<p>The council voted.</p><p>See <a href='https://x.example/'>x</a>.</p>"),
        item("b", "Port reopens"),
    ).encode()
    whole = parse_feed(data)
    with FeedParserPool(workers=1, timeout=20) as pool:
        (plain, with_rows) = pool.parse_many([ParseJob(data), ParseJob(data, rows=True)])
    assert plain.rows == []
    assert [e.content_blocks for e in plain.entries] == [e.content_blocks for e in whole.entries]
    docs = [item_to_document(e, "Docs") for e in whole.entries]
    assert with_rows.rows == [
        item_row(e.id, doc, e.is_teaser, sketch)
        for e, doc, sketch in zip(whole.entries, docs, document_sketches(docs), strict=True)
    ]
    assert [(e.id, e.title, e.is_teaser) for e in with_rows.entries] == [
        (e.id, e.title, e.is_teaser) for e in whole.entries
    ]
    assert all(e.content_blocks == [] and e.summary_text == "" for e in with_rows.entries)

    with FeedParserPool(workers=1, timeout=20) as pool:
        (broken,) = pool.parse_many([ParseJob(b"<html>nope</html>", rows=True)])
    assert broken.error and broken.rows == []


# -- the buffered expat driver ----------------------------------------------------------------

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def texts_to_parse() -> list[bytes]:
    long_para = "<p>" + " ".join(f"word{i} &amp; caf&#233; “quoted”" for i in range(900)) + "</p>"
    return [
        rss("Plain", item("a", "One"), item("b", "Two & three")).encode(),
        rss("Long", item("l", "Long", long_para + "\n" + long_para)).encode(),  # past expat's 8 KiB buffer
        (
            b'<?xml version="1.0"?><rss version="2.0"><channel><title>CDATA &amp; lines</title>'
            b"<item><guid>c</guid><title><![CDATA[A <b>bold</b> title]]></title><description><![CDATA[<p>one\n"
            b"two</p>\n<p>three &amp; four</p>]]></description></item></channel></rss>"
        ),
        (
            '<?xml version="1.0" encoding="iso-8859-1"?><feed xmlns="http://www.w3.org/2005/Atom">'
            "<title type='html'>Caf\xe9 &amp;lt;news&amp;gt;</title><entry><id>urn:x</id><title>T</title>"
            "<content type='xhtml'><div xmlns='http://www.w3.org/1999/xhtml'><p>x <i>y</i></p>\n<p>z</p></div>"
            "</content></entry></feed>"
        ).encode("iso-8859-1"),
    ]


def parse_both(datas: list[bytes], monkeypatch) -> tuple[list, list]:
    import xml.sax

    import feedparser.api

    from tui.core.feeds import parse_feed
    from tui.core.feeds._expat import BufferedExpatParser

    assert isinstance(xml.sax.make_parser(feedparser.api.PREFERRED_XML_PARSERS), BufferedExpatParser)
    buffered = [parse_feed(d) for d in datas]
    with monkeypatch.context() as m:
        m.setattr(feedparser.api, "PREFERRED_XML_PARSERS", ["drv_libxml2"])  # the standard reader
        standard = [parse_feed(d) for d in datas]
    return buffered, standard


def test_buffered_expat_driver_parses_exactly_as_the_standard_one(monkeypatch):
    buffered, standard = parse_both(texts_to_parse(), monkeypatch)
    assert all(p.ok for p in buffered)
    assert (
        "word899 & café" in buffered[1].entries[0].content_blocks[0][1] + buffered[1].entries[0].summary_text
    )
    assert buffered == standard


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "corpora").is_dir(), reason="needs ../shared/corpora")
def test_buffered_expat_driver_matches_the_standard_one_over_the_corpora(monkeypatch):
    files = sorted(
        p
        for name in ("feedparser-tests", "real-feeds", "hostile")
        for p in (SHARED / "corpora" / name).rglob("*")
        if p.is_file() and p.suffix.lower() not in (".md", ".csv")
    )
    assert len(files) > 200
    buffered, standard = parse_both([p.read_bytes() for p in files], monkeypatch)
    differ = [str(p) for p, a, b in zip(files, buffered, standard, strict=True) if a != b]
    assert differ == []


def test_a_refresh_with_nothing_new_imports_no_parser_and_no_numpy(feed_server):
    """A refresh of unchanged feeds (all 304s) needs neither the parser nor the stories' numpy, nor
    httpx's own command-line client (click, pygments), which ``import httpx`` brings when click is
    installed."""
    data = rss("One", item("1", "First")).encode()
    url = feed_server.conditional(
        "/one.xml", data, etag='"v1"', last_modified="Mon, 03 Mar 2025 10:00:00 GMT"
    )
    assert nr("add", url).returncode == 0
    stderr, modules = _refresh_imports()
    assert "0 new items" in stderr
    assert feed_server.requests[-1][1].get("if-none-match") == '"v1"'  # answered 304
    assert "httpx" in modules
    unneeded = ("numpy", "feedparser", "lxml", "click", "pygments")
    assert sorted(m for m in modules if m.split(".")[0] in unneeded) == []

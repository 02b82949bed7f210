"""A real Tiny Tiny RSS for the ``server`` tests: ``tests/servers/ttrss.sh`` starts it once per
session (skipping with the script's reason when it cannot), and a loopback feed server on port
80 gives it 3 feeds of 20 items, which it reaches as ``http://0.0.0.0/...`` (tt-rss fetches from
standard ports only, and not from loopback addresses by name).

The fixtures are registered once, in ``tests/conftest.py`` (imported into several test modules
they would be one session fixture each, and start the server twice).
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import httpx
import pytest

from tests.feedserver import FeedServer

SCRIPT = Path(__file__).parent / "servers" / "ttrss.sh"
STATE = Path("/run/newsreader-ttrss")
FEEDS = 3
ITEMS = 20
CATEGORY = "News"


@dataclass
class Ttrss:
    """The running server, and an admin session of the test's own to look at it."""

    url: str
    user: str
    password: str
    feed_urls: list[str] = field(default_factory=list)
    feed_ids: list[int] = field(default_factory=list)
    feeds: FeedServer | None = None  # the loopback feed server it fetches from
    _sid: str | None = None

    def api(self, op: str, **params):
        """One API call as the admin; the answer's content (the test fails on an error)."""
        if self._sid is None and op != "login":
            self._sid = self.api("login", user=self.user, password=self.password)["session_id"]
        body = {"op": op, **params}
        if self._sid:
            body["sid"] = self._sid
        answer = httpx.post(f"{self.url}/api/", json=body, timeout=30).json()
        assert answer["status"] == 0, answer
        return answer["content"]

    def article(self, remote_id: int) -> dict:
        return self.api("getArticle", article_id=str(remote_id))[0]

    def all_ids(self) -> list[int]:
        return [h["id"] for h in self.api("getHeadlines", feed_id=-4, view_mode="all_articles", limit=200)]

    def psql(self, sql: str) -> str:
        port = (STATE / "pgport").read_text().strip()
        return subprocess.run(
            [
                "runuser",
                "-u",
                "postgres",
                "--",
                "psql",
                "-q",
                "-t",
                "-A",
                "-p",
                port,
                "-d",
                "newsreader_ttrss",
                "-c",
                sql,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()

    def script(self, command: str) -> None:
        subprocess.run([str(SCRIPT), command], check=True, capture_output=True, timeout=60)


def _words(n: int, i: int, count: int) -> str:
    """Words of one item alone (items of different feeds must not make a story together)."""
    return " ".join(f"{chr(97 + n)}{chr(97 + i)}{chr(97 + k % 26)}{k}" for k in range(count))


def feed_xml(n: int) -> str:
    start = datetime(2026, 11, 20, 8, tzinfo=UTC)
    items = "".join(
        f"<item><title>Feed {n} story {i}: {_words(n, i, 6)}</title>"
        f"<link>http://example.org/{n}/{i}</link><guid>urn:sync:{n}:{i}</guid>"
        f"<pubDate>{format_datetime(start + timedelta(hours=n * 24 + i))}</pubDate>"
        f"<description>&lt;p&gt;The council of Westport said on Monday that the ferry would run again. "
        f"{_words(n, i, 60)}.&lt;/p&gt;</description></item>"
        for i in range(ITEMS)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Sync feed {n}</title>'
        f"<link>http://example.org/{n}/</link>{items}</channel></rss>"
    )


@pytest.fixture(scope="session")
def ttrss():
    """The server: started once, stopped at the end of the session."""
    if os.geteuid() != 0:
        pytest.skip("the tt-rss tests need root (apt, PostgreSQL, PHP as www-data)")
    try:
        done = subprocess.run([str(SCRIPT), "start"], capture_output=True, text=True, timeout=1200)
    except subprocess.TimeoutExpired:
        subprocess.run([str(SCRIPT), "stop"], capture_output=True)
        pytest.skip("tests/servers/ttrss.sh start took over 20 minutes")
    line = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    if done.returncode != 0 or not line.startswith("url="):
        reason = (done.stderr.strip().splitlines() or ["no reason given"])[-1]
        if "already started" not in reason:  # a server someone else started is not ours to stop
            subprocess.run([str(SCRIPT), "stop"], capture_output=True)
        pytest.skip(f"no tt-rss: {reason}")
    fields = dict(part.split("=", 1) for part in line.split())
    server = Ttrss(fields["url"], fields["user"], fields["password"])
    try:
        yield server
    finally:
        subprocess.run([str(SCRIPT), "stop"], capture_output=True, timeout=120)


@pytest.fixture(scope="session")
def ttrss_feeds(ttrss):
    """3 feeds of 20 items on the server (the first in the category "News"), fetched by tt-rss."""
    try:
        feeds = FeedServer(port=80)
    except OSError as e:
        pytest.skip(f"the feed server for tt-rss needs 127.0.0.1:80 ({e.strerror})")
    with feeds:
        ttrss.feeds = feeds
        for n in range(1, FEEDS + 2):  # one more than subscribed, for a test to subscribe to
            feeds.body(f"/sync/feed{n}.xml", feed_xml(n))
        category = int(
            ttrss.psql(
                f"INSERT INTO ttrss_feed_categories (owner_uid, title) SELECT id, '{CATEGORY}' FROM ttrss_users "
                "WHERE login = 'admin' RETURNING id"
            ).splitlines()[0]
        )
        for n in range(1, FEEDS + 1):
            url = f"http://0.0.0.0/sync/feed{n}.xml"
            status = ttrss.api("subscribeToFeed", feed_url=url, category_id=category if n == 1 else 0)[
                "status"
            ]
            ttrss.feed_urls.append(url)
            ttrss.feed_ids.append(int(status["feed_id"]))
        ttrss.script("update")  # tt-rss's own updater, once
        assert len(ttrss.all_ids()) == FEEDS * ITEMS
        yield ttrss


@pytest.fixture
def server(ttrss_feeds):
    """The server as the session made it: only its 3 feeds, every article unread and not starred.
    (Tests leave those 3 subscribed: here, one unsubscribed and subscribed again came back with no
    articles after tt-rss fetched it.)"""
    s = ttrss_feeds
    for f in s.api("getFeeds", cat_id=-3):
        if f["feed_url"] not in s.feed_urls:
            s.api("unsubscribeFeed", feed_id=f["id"])
    ids = s.all_ids()
    assert len(ids) == FEEDS * ITEMS, f"the server has {len(ids)} articles, not {FEEDS * ITEMS}"
    s.api("updateArticle", article_ids=",".join(map(str, ids)), field=2, mode=1)
    s.api("updateArticle", article_ids=",".join(map(str, ids)), field=0, mode=0)
    return s

"""Helpers for the feed command tests: ``newsreader`` in a subprocess, and feeds and OPML of our own."""

from __future__ import annotations

import json
import subprocess
import sys
from xml.sax.saxutils import escape, quoteattr

from tests.feedserver import FeedServer

FEED_KEYS = {"id", "url", "title", "folder", "items", "unread", "last_refresh", "error"}


def nr(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run ``newsreader ARGS`` with the test's environment (its NEWSREADER_HOME)."""
    return subprocess.run(
        [sys.executable, "-m", "tui", *args], capture_output=True, text=True, timeout=timeout
    )


def feeds_json() -> list[dict]:
    p = nr("feeds", "--json")
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout)


def by_url() -> dict[str, dict]:
    return {f["url"]: f for f in feeds_json()}


def err_lines(p: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in p.stderr.splitlines() if line.strip()]


def assert_clean(p: subprocess.CompletedProcess[str]) -> None:
    """No Python traceback anywhere in what the command printed."""
    assert "Traceback" not in p.stderr and "Traceback" not in p.stdout, p.stderr


def item(guid: str, title: str, body: str = "", date: str = "Mon, 03 Mar 2025 10:00:00 GMT") -> str:
    body = body or f"<p>{title} happened today, officials said, and more is expected.</p>"
    return (
        f"<item><guid isPermaLink='false'>{escape(guid)}</guid><title>{escape(title)}</title>"
        f"<link>https://news.example/{escape(guid)}</link><pubDate>{date}</pubDate>"
        f"<description>{escape(body)}</description></item>"
    )


def rss(title: str, *items: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>https://news.example/</link>{''.join(items)}</channel></rss>"
    )


def opml(*outlines: str, title: str = "subscriptions") -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?><opml version="2.0">'
        f"<head><title>{escape(title)}</title></head><body>{''.join(outlines)}</body></opml>"
    )


def outline(url: str, text: str) -> str:
    return f"<outline type='rss' text={quoteattr(text)} xmlUrl={quoteattr(url)}/>"


def folder(name: str, *children: str) -> str:
    return f"<outline text={quoteattr(name)}>{''.join(children)}</outline>"


def open_library():
    from tui.core.library import Library
    from tui.paths import database_path

    return Library.open(database_path())


def article_ids(library, feed_url: str) -> dict[str, int]:
    """title -> article id for one feed's items."""
    feed = library.feeds.find(feed_url)
    assert feed is not None
    return {r.title: r.id for r in library.articles() if r.feed_id == feed.id}


def requests_to(server: FeedServer, path: str) -> list[dict[str, str]]:
    return [headers for p, headers in server.requests if p.split("?")[0] == path]

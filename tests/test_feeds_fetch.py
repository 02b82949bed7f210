"""The fetcher against a real HTTP server on 127.0.0.1: success, validators, failures, limits."""

from __future__ import annotations

import asyncio
import gzip
import threading
import zlib
from datetime import UTC, datetime

import brotli
import pytest

from tests.feedserver import feed_server_fixture, refused_url, send  # noqa: F401 - the fixture
from tui import __version__
from tui.core.feeds import FetchRequest, fetch_many, fetch_many_sync, fetch_url
from tui.core.feeds.urls import UrlError, check_url, safe_link, url_problem

FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback</title></channel></rss>'
# Short limits keep failure tests quick; a broken limit shows up as a test-level timeout below.
FAST = {"deadline": 3.0, "connect_timeout": 1.0, "read_timeout": 0.5}


async def fetch_one(url: str, **kwargs):
    options = {**FAST, **kwargs}
    return (await asyncio.wait_for(fetch_many([FetchRequest(url)], **options), 20))[0]


async def test_fetch_returns_body_validators_and_names_newsreader(feed_server):
    url = feed_server.body(
        "/feed.xml", FEED, headers={"ETag": '"v1"', "Last-Modified": "Mon, 01 Jan 2024 00:00:00 GMT"}
    )
    r = await fetch_one(url)
    assert r.ok and r.status == 200 and r.body == FEED
    assert r.etag == '"v1"' and r.last_modified == "Mon, 01 Jan 2024 00:00:00 GMT"
    assert not r.not_modified and r.final_url == url
    assert r.headers["content-type"].startswith("application/rss+xml")
    sent = feed_server.requests[-1][1]
    assert sent["user-agent"] == f"newsreader/{__version__} (+terminal news reader)"
    assert "gzip" in sent["accept-encoding"]


async def test_conditional_get_sends_stored_validators_and_reports_not_modified(feed_server):
    lm = "Tue, 02 Jan 2024 00:00:00 GMT"
    url = feed_server.conditional("/c.xml", FEED, etag='"abc"', last_modified=lm)
    first = await fetch_one(url)
    assert first.body == FEED and first.etag == '"abc"'
    again = (
        await fetch_many([FetchRequest(url, etag=first.etag, last_modified=first.last_modified)], **FAST)
    )[0]
    assert again.ok and again.not_modified and again.status == 304 and again.body is None
    assert again.etag == '"abc"' and again.last_modified == lm
    sent = feed_server.requests[-1][1]
    assert sent["if-none-match"] == '"abc"' and sent["if-modified-since"] == lm


@pytest.mark.parametrize(
    "encoding,encode",
    [
        ("gzip", gzip.compress),
        ("deflate", zlib.compress),
        ("deflate", lambda d: zlib.compress(d)[2:-4]),
        ("br", brotli.compress),
    ],
    ids=["gzip", "deflate-zlib", "deflate-raw", "brotli"],
)
async def test_compressed_bodies_are_decoded(feed_server, encoding, encode):
    url = feed_server.body("/z.xml", encode(FEED * 50), headers={"Content-Encoding": encoding})
    r = await fetch_one(url)
    assert r.ok and r.body == FEED * 50


async def test_gzip_bomb_stops_at_the_size_cap(feed_server):
    bomb = gzip.compress(b" " * (8 * 1024 * 1024), compresslevel=9)
    url = feed_server.body("/bomb.xml", bomb, headers={"Content-Encoding": "gzip"})
    r = await fetch_one(url, max_bytes=1024 * 1024)
    assert r.body is None and "larger than 1 MiB" in r.error


async def test_plain_body_over_the_cap_is_refused(feed_server):
    url = feed_server.body("/big.xml", b"x" * 300_000)
    r = await fetch_one(url, max_bytes=100_000)
    assert r.body is None and "larger than" in r.error


@pytest.mark.parametrize("status,phrase", [(404, "Not Found"), (500, "Internal Server Error"), (410, "Gone")])
async def test_http_errors_are_reported_with_the_status(feed_server, status, phrase):
    url = feed_server.body("/e.xml", b"oops", status=status)
    r = await fetch_one(url)
    assert r.status == status and r.error == f"HTTP {status} {phrase}" and r.body is None


async def test_429_reports_retry_after_so_the_feed_can_be_skipped(feed_server):
    url = feed_server.body("/slow.xml", b"", status=429, headers={"Retry-After": "120"})
    before = datetime.now(UTC)
    r = await fetch_one(url)
    assert r.status == 429 and r.retry_after is not None
    assert r.retry_after in r.error and r.error.startswith("HTTP 429 Too Many Requests")
    when = datetime.fromisoformat(r.retry_after.replace("Z", "+00:00"))
    assert 100 <= (when - before).total_seconds() <= 130


async def test_retry_after_as_http_date_and_capped_at_a_day(feed_server):
    url = feed_server.body(
        "/date.xml", b"", status=503, headers={"Retry-After": "Fri, 31 Dec 2100 23:59:59 GMT"}
    )
    r = await fetch_one(url)
    when = datetime.fromisoformat(r.retry_after.replace("Z", "+00:00"))
    assert (when - datetime.now(UTC)).total_seconds() <= 24 * 3600 + 5


async def test_connection_refused_is_a_readable_error():
    r = await fetch_one(refused_url())
    assert r.error == "could not connect (connection refused)" and r.status is None


async def test_server_stalling_mid_body_hits_the_read_timeout(feed_server):
    r = await fetch_one(feed_server.stall("/stall.xml"), read_timeout=0.3, deadline=5)
    assert r.body is None and "stopped sending" in r.error


async def test_deadline_bounds_a_slow_drip(feed_server):
    r = await fetch_one(feed_server.stall("/drip.xml"), read_timeout=5, deadline=0.5)
    assert r.body is None and "gave up after 0.5 s" in r.error


async def test_endless_chunked_body_stops_at_the_cap(feed_server):
    r = await fetch_one(feed_server.endless("/endless.xml"), max_bytes=2 * 1024 * 1024, deadline=10)
    assert r.body is None and ("larger than 2 MiB" in r.error or "gave up" in r.error)


async def test_redirects_are_followed_and_checked(feed_server):
    target = feed_server.body("/final.xml", FEED)
    feed_server.redirect("/hop2", "/final.xml", status=308)
    url = feed_server.redirect("/hop1", feed_server.url("/hop2"), status=301)
    r = await fetch_one(url)
    assert r.ok and r.body == FEED and r.final_url == target and r.permanent_redirect


async def test_temporary_redirect_is_not_permanent(feed_server):
    feed_server.body("/final.xml", FEED)
    r = await fetch_one(feed_server.redirect("/tmp", "/final.xml", status=302))
    assert r.ok and not r.permanent_redirect


async def test_redirect_loop_is_reported(feed_server):
    feed_server.redirect("/a", "/b")
    r = await fetch_one(feed_server.redirect("/b", "/a"))
    assert r.body is None and "redirect loop" in r.error


async def test_redirect_to_a_file_url_is_refused(feed_server):
    r = await fetch_one(feed_server.redirect("/f", "file:///etc/passwd"))
    assert r.body is None and "refused" in r.error and "file:" in r.error


async def test_more_than_five_redirects_is_an_error(feed_server):
    for i in range(7):
        feed_server.redirect(f"/r{i}", f"/r{i + 1}")
    feed_server.body("/r7", FEED)
    r = await fetch_one(feed_server.url("/r0"))
    assert r.error == "too many redirects (more than 5)"
    ok = await fetch_one(feed_server.url("/r3"))  # four hops: within the limit
    assert ok.ok and ok.body == FEED


@pytest.mark.parametrize(
    "url", ["exec:rm -rf ~", "file:///etc/passwd", "javascript:alert(1)", "/etc/passwd", ""]
)
async def test_refused_urls_never_reach_the_network(feed_server, url):
    r = await fetch_one(url)
    assert r.error.startswith("refused URL:") and feed_server.requests == []


async def test_per_host_limit_holds(feed_server):
    active = 0
    peak = 0
    lock = threading.Lock()
    release = threading.Event()

    def handle(h):
        nonlocal active, peak
        with lock:
            active += 1
            peak = max(peak, active)
        release.wait(0.2)  # overlap requests so an unbounded client would exceed the limit
        with lock:
            active -= 1
        send(h, 200, FEED)

    feed_server.routes["/p.xml"] = handle
    done = []
    requests = [FetchRequest(feed_server.url(f"/p.xml?{i}")) for i in range(8)]
    results = await fetch_many(requests, per_host=2, concurrency=8, on_done=done.append, **FAST)
    assert [r.url for r in results] == [r.url for r in requests]
    assert all(r.ok for r in results) and len(done) == 8
    assert peak <= 2


async def test_cancelling_fetch_many_cancels_requests_in_flight(feed_server):
    task = asyncio.create_task(
        fetch_many([FetchRequest(feed_server.stall("/s.xml"))], read_timeout=30, deadline=60)
    )
    await asyncio.sleep(0.2)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await asyncio.wait_for(task, 5)


def test_sync_wrapper(feed_server):
    results = fetch_many_sync([FetchRequest(feed_server.body("/s.xml", FEED))], **FAST)
    assert results[0].body == FEED


async def test_fetch_url_convenience(feed_server):
    r = await fetch_url(feed_server.body("/u.xml", FEED), **FAST)
    assert r.ok and r.body == FEED


def test_check_url_accepts_web_addresses_and_normalises():
    assert check_url("  HTTPS://Example.COM/Path?q=1 ") == "https://example.com/Path?q=1"
    assert check_url("feed://example.com/rss") == "http://example.com/rss"
    assert check_url("feed:https://example.com/rss") == "https://example.com/rss"
    assert check_url("http://example.com") == "http://example.com/"


@pytest.mark.parametrize(
    "url,reason",
    [
        ("exec:~/bin/script.sh", "exec: URLs are refused"),
        ("file:///etc/passwd", "file: URLs are refused"),
        ("javascript:alert(1)", "javascript: URLs are refused"),
        ("data:text/html,x", "data: URLs are refused"),
        ("/etc/passwd", "not a web address"),
        ("--remote-debugging-port=9222", "not a web address"),
        ("http:///path", "no host"),
        ("http://example.com/a\nb", "control characters"),
        ("http://example.com:99999/", "malformed URL"),
        ("", "empty URL"),
    ],
)
def test_check_url_refuses_with_a_reason(url, reason):
    with pytest.raises(UrlError, match=reason):
        check_url(url)
    assert reason in url_problem(url)


def test_safe_link_resolves_relative_and_drops_other_schemes():
    assert safe_link("/a/b", "https://example.com/x/") == "https://example.com/a/b"
    assert safe_link("//cdn.example.com/x") == "https://cdn.example.com/x"
    assert safe_link("javascript:alert(1)", "https://example.com/") is None
    assert safe_link("file:///etc/passwd") is None
    assert safe_link(None) is None

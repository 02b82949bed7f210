"""The tt-rss client's bad answers, each one line, over a real loopback server (no tt-rss
needed): HTML instead of JSON, a 500, a timeout, nobody listening, and which addresses it takes."""

from __future__ import annotations

import json

import pytest

from tests.feedserver import feed_server_fixture, refused_url, send  # noqa: F401
from tui.core.errors import SyncError
from tui.core.library import Library
from tui.core.sync.client import TtrssClient, url_problem


def _line(e: pytest.ExceptionInfo) -> str:
    text = str(e.value)
    assert "\n" not in text and "secret" not in text
    return text


def test_html_instead_of_json(feed_server):  # noqa: F811
    feed_server.body("/api/", "<html><body>It works!</body></html>", content_type="text/html")
    with TtrssClient(feed_server.url(""), "me", "secret") as c, pytest.raises(SyncError) as e:
        c.login()
    assert "answered with HTML, not tt-rss's API" in _line(e)


def test_a_server_error(feed_server):  # noqa: F811
    feed_server.body("/api/", "oops", status=500, content_type="text/plain")
    with TtrssClient(feed_server.url(""), "me", "secret") as c, pytest.raises(SyncError) as e:
        c.login()
    assert "HTTP 500" in _line(e)


def test_a_timeout(feed_server):  # noqa: F811
    feed_server.stall("/api/")
    with TtrssClient(feed_server.url(""), "me", "secret", timeout=0.5) as c, pytest.raises(SyncError) as e:
        c.login()
    assert "no answer within" in _line(e)


def test_nobody_listening():
    with (
        TtrssClient(refused_url().removesuffix("/feed.xml"), "me", "secret") as c,
        pytest.raises(SyncError) as e,
    ):
        c.login()
    # Why, in words: the class of httpx's exception ("ConnectError") told a reader nothing.
    assert "cannot reach the server (connection refused)" in _line(e) and "Error" not in _line(e)


def test_a_host_that_does_not_exist():
    with TtrssClient("http://nosuchhost.invalid/tt-rss", "me", "secret") as c, pytest.raises(SyncError) as e:
        c.login()
    assert _line(e) == "nosuchhost.invalid: cannot reach the server (host not found)"


def test_a_session_that_stays_expired_is_one_line(feed_server):  # noqa: F811
    answers = iter(
        [{"status": 0, "content": {"session_id": "s1"}}, {"status": 1, "content": {"error": "NOT_LOGGED_IN"}}]
        * 2
    )

    def handle(h):
        send(h, 200, json.dumps(next(answers)).encode(), content_type="text/json")

    feed_server.routes["/api/"] = handle
    with TtrssClient(feed_server.url(""), "me", "secret") as c, pytest.raises(SyncError) as e:
        c.api_level()
    assert "session ends at once" in _line(e)


@pytest.mark.parametrize(
    ("url", "insecure", "ok"),
    [
        ("https://rss.example.org/tt-rss", False, True),
        ("http://127.0.0.1:8080", False, True),
        ("http://localhost/tt-rss", False, True),
        ("http://[::1]:8080", False, True),
        ("http://rss.example.org/tt-rss", False, False),
        ("http://rss.example.org/tt-rss", True, True),
        ("ftp://rss.example.org", True, False),
        ("rss.example.org", False, False),
    ],
)
def test_only_https_or_loopback_unless_insecure(url, insecure, ok):
    assert (url_problem(url, insecure) is None) == ok


def test_marks_queue_only_for_synced_articles_and_not_before_setup(tmp_path):
    with Library.open(tmp_path / "library.db") as lib:
        lib.seed(__import__("tests.conftest", fromlist=["SEEDS"]).SEEDS)
        first = lib.articles()[0].id
        lib.set_read(first)
        assert lib.sync.status() is None
        with pytest.raises(SyncError, match="sync setup"):
            lib.sync.run()
        assert lib.sync.push() == 0


def test_a_server_change_counts_halfway_between_the_last_sync_and_now():
    from tui.core.sync.engine import server_time

    assert server_time("2026-11-30T08:00:00+00:00", "2026-11-30T10:00:00.000Z") == "2026-11-30T09:00:00.000Z"
    assert server_time(None, "2026-11-30T10:00:00.000Z") == "2026-11-30T10:00:00.000Z"
    assert server_time("2026-11-30T11:00:00+00:00", "2026-11-30T10:00:00.000Z") == "2026-11-30T10:00:00.000Z"


def test_an_answer_shaped_unlike_tt_rss_is_one_line_and_recorded(feed_server, tmp_path):  # noqa: F811
    def handle(h):
        op = json.loads(h.posted)["op"]
        content = {"session_id": "s1", "level": 15} if op in ("login", "getApiLevel") else [{"id": "x"}]
        send(h, 200, json.dumps({"status": 0, "content": content}).encode(), content_type="text/json")

    feed_server.routes["/api/"] = handle
    url = feed_server.url("")
    with Library.open(tmp_path / "library.db") as lib:
        lib.sync.setup(url, "me", "secret")
        with pytest.raises(SyncError) as e:
            lib.sync.run()
        assert "an answer the sync did not expect" in _line(e)
        assert lib.sync.status().error == str(e.value)


def _fake_ttrss(feed_server, feeds: list[dict], categories: list[dict]) -> str:  # noqa: F811
    def handle(h):
        op = json.loads(h.posted)["op"]
        content = {
            "login": {"session_id": "s1"},
            "getApiLevel": {"level": 15},
            "getCategories": categories,
            "getFeeds": feeds,
        }.get(op, [])
        send(h, 200, json.dumps({"status": 0, "content": content}).encode(), content_type="text/json")

    feed_server.routes["/api/"] = handle
    return feed_server.url("")


def test_names_from_the_server_are_feed_text_and_odd_addresses_are_refused(feed_server, tmp_path):  # noqa: F811
    url = _fake_ttrss(
        feed_server,
        feeds=[
            {
                "id": 5,
                "feed_url": "https://news.example/rss",
                "title": "\x1b[7mTown\x1b[0m \u202eNews",
                "cat_id": 1,
            },
            {"id": 6, "feed_url": "javascript:alert(1)", "title": "Script", "cat_id": 1},
        ],
        categories=[{"id": 1, "title": "\x07Local\u2066"}],
    )
    with Library.open(tmp_path / "library.db") as lib:
        lib.sync.setup(url, "me", "secret")
        report = lib.sync.run()
        feeds = lib.feeds.list()
    assert [(f.url, f.title, f.folder) for f in feeds] == [
        ("https://news.example/rss", "[7mTown[0m News", "Local")
    ]
    assert any("javascript:alert(1)" in p and "not subscribed" in p for p in report.problems)


def test_an_id_past_sqlite_integers_is_one_line(feed_server, tmp_path):  # noqa: F811
    url = _fake_ttrss(
        feed_server,
        feeds=[{"id": 10**30, "feed_url": "https://news.example/rss", "cat_id": 0}],
        categories=[],
    )
    with Library.open(tmp_path / "library.db") as lib:
        lib.sync.setup(url, "me", "secret")
        with pytest.raises(SyncError) as e:
            lib.sync.run()
    assert "an answer the sync did not expect" in _line(e)

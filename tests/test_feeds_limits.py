"""``per_server_limit`` from config.toml reaches the fetcher, and ``add`` of many URLs takes the
refresh's concurrent path: a real loopback server counts the requests in flight."""

from __future__ import annotations

import threading
from pathlib import Path

from tests.feeds_cli_support import assert_clean, err_lines, feeds_json, item, nr, rss
from tests.feedserver import FeedServer, feed_server_fixture, send  # noqa: F401
from tui.core.config import DEFAULT_PER_SERVER_LIMIT


def config_file() -> Path:
    p = nr("config", "--path")
    assert p.returncode == 0, p.stderr
    path = Path(p.stdout.strip())
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def slow_feeds(server: FeedServer, n: int) -> tuple[list[str], dict[str, int]]:
    """``n`` feeds that each take 0.2 s to answer; the peak of requests in flight is counted."""
    lock = threading.Lock()
    seen = {"active": 0, "peak": 0}

    def route(i: int):
        def handle(h):
            with lock:
                seen["active"] += 1
                seen["peak"] = max(seen["peak"], seen["active"])
            threading.Event().wait(0.2)
            with lock:
                seen["active"] -= 1
            send(
                h,
                200,
                rss(f"Feed {i}", item(f"g{i}", f"Story {i}")).encode(),
                content_type="application/rss+xml",
            )

        return handle

    urls = []
    for i in range(n):
        server.routes[f"/f{i}.xml"] = route(i)
        urls.append(server.url(f"/f{i}.xml"))
    return urls, seen


def test_add_of_many_urls_runs_them_together_in_order_within_the_per_server_limit(feed_server):
    path = config_file()
    path.write_text("per_server_limit = 3\n", encoding="utf-8")
    urls, seen = slow_feeds(feed_server, 9)
    p = nr("add", *urls)
    assert_clean(p)
    assert p.returncode == 0, p.stderr
    assert p.stdout.splitlines() == [f"added Feed {i} (1 item)" for i in range(9)]
    assert seen["peak"] == 3  # concurrent, and never more than the setting
    assert sorted(f["title"] for f in feeds_json()) == sorted(f"Feed {i}" for i in range(9))


def test_refresh_keeps_the_per_server_limit_and_a_bad_value_is_one_line(feed_server):
    urls, seen = slow_feeds(feed_server, 8)
    assert nr("add", *urls).returncode == 0
    path = config_file()
    path.write_text("per_server_limit = 2\n", encoding="utf-8")
    seen["peak"] = 0
    p = nr("refresh")
    assert p.returncode == 0 and seen["peak"] == 2, p.stderr
    path.write_text("per_server_limit = 0\n", encoding="utf-8")
    p = nr("refresh")
    assert_clean(p)
    warned = [line for line in err_lines(p) if "per_server_limit" in line]
    assert len(warned) == 1 and str(path) in warned[0], p.stderr
    assert p.returncode == 0 and 2 < seen["peak"] <= DEFAULT_PER_SERVER_LIMIT

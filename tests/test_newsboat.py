"""Coming from newsboat: its ``urls`` file through ``newsreader import``, and read state from its
``cache.db`` (``--newsboat-cache``), with files of our own and a real loopback feed server."""

from __future__ import annotations

import sqlite3

from tests.feeds_cli_support import assert_clean, err_lines, feeds_json, item, nr, open_library, rss
from tests.feedserver import feed_server_fixture  # noqa: F401 - the fixture
from tui.core.feeds.newsboat import looks_like_opml, parse_urls

URLS = """\
# my feeds
https://top.example/rss
https://world.example/feed news "~World News" !hidden
  https://town.example/atom.xml "Local news" news ~Town

"query:Unread Articles:unread = \\"yes\\""
"query:Starred:flags # \\"s\\""
exec:~/bin/make-feed.sh tech
filter:~/bin/clean.py:https://filtered.example/rss
javascript:alert(1)
https://world.example/feed again
https://broken.example/rss "unbalanced
# the end
"""


def test_urls_lines_become_feeds_with_folders_and_titles_and_the_rest_is_counted():
    result = parse_urls(URLS.encode())
    assert result.error is None
    assert [(f.url, f.title, f.folder) for f in result.feeds] == [
        ("https://top.example/rss", "", None),
        ("https://world.example/feed", "World News", "news"),
        ("https://town.example/atom.xml", "Town", "Local news"),
    ]
    assert (result.queries, result.comments) == (2, 2)
    assert len(result.problems) == 5
    problems = "\n".join(result.problems)
    assert "line 8: exec:~/bin/make-feed.sh: runs a command in newsboat" in problems
    assert "line 9: filter:" in problems and "line 10: javascript:alert(1)" in problems
    assert "line 11: https://world.example/feed: duplicate" in problems
    assert "line 12: unbalanced quotes" in problems


def test_opml_and_urls_files_are_told_apart_by_their_first_bytes():
    assert looks_like_opml(b'\xef\xbb\xbf  <?xml version="1.0"?><opml/>')
    assert looks_like_opml(b"\n<opml version='2.0'></opml>")
    assert not looks_like_opml(b"https://example.com/rss tag\n")
    assert parse_urls(b"\x00\x01binary").error


def test_import_of_a_urls_file(tmp_path):
    urls = tmp_path / "urls"
    urls.write_text(URLS, encoding="utf-8")
    p = nr("import", str(urls))
    assert_clean(p)
    assert p.returncode == 1  # entries were refused, one line each
    lines = err_lines(p)
    assert len(lines) == 5 and all(line.startswith("newsreader: skipped line ") for line in lines)
    assert p.stdout == (
        "imported 3 new feeds (0 already subscribed, 5 skipped; left out 2 queries and 2 comments); "
        "run 'newsreader refresh' to fetch them\n"
    )
    assert {(f["url"], f["title"], f["folder"]) for f in feeds_json()} == {
        ("https://top.example/rss", None, None),
        ("https://world.example/feed", "World News", "news"),
        ("https://town.example/atom.xml", "Town", "Local news"),
    }
    # Again: nothing new, and the same one-line summary, with nothing new to fetch.
    p = nr("import", str(urls))
    assert p.stdout == (
        "imported 0 new feeds (3 already subscribed, 5 skipped; left out 2 queries and 2 comments)\n"
    )


def test_a_clean_urls_file_is_exit_0_and_1_feed_reads_as_one(tmp_path):
    urls = tmp_path / "urls"
    urls.write_text("https://top.example/rss\n", encoding="utf-8")
    p = nr("import", str(urls))
    assert (p.returncode, p.stderr) == (0, "")
    assert (
        p.stdout
        == "imported 1 new feed (0 already subscribed, 0 skipped); run 'newsreader refresh' to fetch it\n"
    )


# -- cache.db -------------------------------------------------------------------------------

# newsboat's own schema for the items table (src/cache.cpp), as it creates it.
RSS_ITEM = """
CREATE TABLE rss_item (
    id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, guid VARCHAR(64) NOT NULL,
    title VARCHAR(1024) NOT NULL, author VARCHAR(1024) NOT NULL, url VARCHAR(1024) NOT NULL,
    feedurl VARCHAR(1024) NOT NULL, pubDate INTEGER NOT NULL, content VARCHAR(65535) NOT NULL,
    unread INTEGER(1) NOT NULL, enclosure_url VARCHAR(1024), enclosure_type VARCHAR(1024),
    enqueued INTEGER(1) NOT NULL DEFAULT 0, flags VARCHAR(52), deleted INTEGER(1) NOT NULL DEFAULT 0,
    base VARCHAR(128) NOT NULL DEFAULT "", content_mime_type VARCHAR(255) NOT NULL DEFAULT "")
"""


def make_cache(path, rows: list[tuple[str, str, str, int]]) -> None:
    """A newsboat cache.db holding ``(feedurl, guid, url, unread)`` items."""
    db = sqlite3.connect(path)
    db.execute(RSS_ITEM)
    db.execute(
        "CREATE TABLE rss_feed (rssurl VARCHAR(1024) PRIMARY KEY NOT NULL, url VARCHAR(1024) NOT NULL, "
        "title VARCHAR(1024) NOT NULL)"
    )
    db.executemany(
        "INSERT INTO rss_item (guid, title, author, url, feedurl, pubDate, content, unread) "
        "VALUES (?, 't', '', ?, ?, 0, '', ?)",
        [(guid, url, feed, unread) for feed, guid, url, unread in rows],
    )
    db.commit()
    db.close()


def test_read_state_comes_from_the_cache_for_new_feeds(tmp_path, feed_server):
    harbour = feed_server.body(
        "/harbour.xml",
        rss("Harbour", item("a", "Quay opens"), item("b", "Vote due"), item("c", "Rain"), item("d", "Sun")),
    )
    old = feed_server.body("/old.xml", rss("Old", item("o", "Kept as it is")))
    assert nr("add", old).returncode == 0  # subscribed before: its read state is ours
    urls = tmp_path / "urls"
    urls.write_text(f"{harbour} town\n{old}\n", encoding="utf-8")
    cache = tmp_path / "cache.db"
    make_cache(
        cache,
        [
            (harbour, "a", "https://news.example/a", 0),  # read, by guid
            (harbour, "b", "https://news.example/b", 1),  # unread, by guid
            (harbour, "changed-guid", "https://news.example/c", 0),  # read, by link
            ("https://elsewhere.example/rss", "d", "https://news.example/d", 0),  # another feed's
            (old, "o", "https://news.example/o", 0),
        ],
    )
    before = cache.read_bytes()
    p = nr("import", str(urls), "--newsboat-cache", str(cache))
    assert_clean(p)
    assert p.returncode == 0, p.stderr
    out = p.stdout.splitlines()
    assert out[0] == "imported 1 new feed (1 already subscribed, 0 skipped)"
    assert out[1] == f"read state from {cache}: 3 of 4 articles found there, 2 read"
    with open_library() as library:
        read = {r.title: r.read for r in library.articles()}
    assert read == {"Quay opens": True, "Vote due": False, "Rain": True, "Sun": False, "Kept as it is": False}
    assert cache.read_bytes() == before  # newsboat's file is never written


def test_a_bad_cache_is_one_line_exit_2_and_nothing_is_imported(tmp_path):
    urls = tmp_path / "urls"
    urls.write_text("https://top.example/rss\n", encoding="utf-8")
    not_sqlite = tmp_path / "cache.db"
    not_sqlite.write_text("not a database\n")
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    for cache, why in (
        (tmp_path / "missing.db", "no such file"),
        (not_sqlite, "not a newsboat cache"),
        (other, "not a newsboat cache"),
    ):
        p = nr("import", str(urls), "--newsboat-cache", str(cache))
        assert_clean(p)
        assert p.returncode == 2
        assert err_lines(p) == [line for line in err_lines(p) if why in line] and len(err_lines(p)) == 1
        assert feeds_json() == []


def test_a_tilde_title_names_the_feed_over_its_own_title(tmp_path, feed_server):
    named = feed_server.body("/named.xml", rss("The Feed's Own Title", item("a", "Quay opens")))
    plain = feed_server.body("/plain.xml", rss("Plain Feed", item("b", "Vote due")))
    urls = tmp_path / "urls"
    urls.write_text(f'{named} news "~My Own Name"\n{plain} "~"\n', encoding="utf-8")
    assert nr("import", str(urls)).returncode == 0
    assert nr("refresh").returncode == 0
    titles = {f["url"]: f["title"] for f in feeds_json()}
    assert titles == {named: "My Own Name", plain: "Plain Feed"}  # (a bare "~" names nothing)


def test_an_import_with_read_state_during_a_refresh_subscribes_nothing(tmp_path, feed_server):
    from tui.core.lock import RefreshLock, lock_path
    from tui.paths import database_path

    harbour = feed_server.body("/harbour.xml", rss("Harbour", item("a", "Quay opens"), item("b", "Vote due")))
    urls = tmp_path / "urls"
    urls.write_text(f"{harbour} town\n", encoding="utf-8")
    cache = tmp_path / "cache.db"
    make_cache(
        cache, [(harbour, "a", "https://news.example/a", 0), (harbour, "b", "https://news.example/b", 1)]
    )
    database_path().parent.mkdir(parents=True, exist_ok=True)
    with RefreshLock(lock_path(database_path())):  # another newsreader refreshing this library
        p = nr("import", str(urls), "--newsboat-cache", str(cache))
    assert_clean(p)
    assert p.returncode == 1
    assert len(err_lines(p)) == 1 and "nothing imported" in err_lines(p)[0]
    assert feeds_json() == []  # so the same import, run again, still takes the read state
    p = nr("import", str(urls), "--newsboat-cache", str(cache))
    assert p.returncode == 0, p.stderr
    with open_library() as library:
        assert {r.title: r.read for r in library.articles()} == {"Quay opens": True, "Vote due": False}

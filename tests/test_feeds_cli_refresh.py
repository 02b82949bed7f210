"""The ``refresh`` command end to end: new and changed items, failing feeds, 429 and conditional GETs,
in a subprocess against a real loopback HTTP server, over the real library database."""

from __future__ import annotations

from tests.feeds_cli_support import (
    article_ids,
    assert_clean,
    by_url,
    err_lines,
    item,
    nr,
    open_library,
    requests_to,
    rss,
)
from tests.feedserver import FeedServer, feed_server_fixture, refused_url  # noqa: F401


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


def test_a_feed_removed_while_it_is_fetched_is_dropped_and_the_others_are_stored(feed_server):
    from tests.feedserver import send

    kept = feed_server.body("/kept.xml", rss("Kept", item("k", "Quay opens")))
    going = feed_server.body("/going.xml", rss("Going", item("g", "Old news")))
    assert nr("add", kept, going).returncode == 0
    feed_server.body("/kept.xml", rss("Kept", item("k", "Quay opens"), item("k2", "Vote due")))
    body = rss("Going", item("g", "Old news"), item("g2", "Never stored")).encode()

    def remove_then_answer(h) -> None:
        # The feed goes while the refresh waits for this answer: not by `newsreader remove`,
        # which waits for the refresh lock, but by a writer the lock does not hold back (a sync
        # unsubscribing it, an older newsreader), straight in the store.
        from tui.core.store import Database, FeedRepo
        from tui.paths import database_path

        database = Database(database_path())
        try:
            repo = FeedRepo(database)
            repo.remove(repo.find(going).id)
        finally:
            database.close()
        send(h, 200, body)

    feed_server.routes["/going.xml"] = remove_then_answer
    p = nr("refresh")
    assert_clean(p)
    assert [line for line in err_lines(p) if "removed while it was being refreshed" in line]
    with open_library() as library:
        assert [f.url for f in library.feeds.list()] == [kept]
        assert set(article_ids(library, kept)) == {"Quay opens", "Vote due"}


def test_an_entry_that_comes_back_empty_keeps_the_stored_article(feed_server):
    url = feed_server.body("/upd.xml", rss("Updates", item("u1", "Bridge reopens")))
    assert nr("add", url).returncode == 0
    feed_server.body(
        "/upd.xml",
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Updates</title>'
        "<item><guid>u1</guid><title></title><description></description></item></channel></rss>",
    )
    p = nr("refresh")
    assert_clean(p)
    with open_library() as library:
        assert list(article_ids(library, url)) == ["Bridge reopens"]
        (row,) = library.articles()
        assert "Bridge reopens happened today" in library.document(row.id).text

"""Sync against a real Tiny Tiny RSS (Debian's tt-rss, started by tests/servers/ttrss.sh)."""

from __future__ import annotations

import time

import httpx
import pytest

from tests.ttrss_server import CATEGORY, FEEDS, ITEMS
from tui.core.errors import SyncError
from tui.core.library import Library

pytestmark = pytest.mark.server


@pytest.fixture
def lib(tmp_path, server):
    """A library set up to sync with the server (nothing synced yet)."""
    with Library.open(tmp_path / "library.db") as library:
        library.sync.setup(server.url, server.user, server.password)
        yield library


def _remote_ids(lib: Library) -> dict[int, int]:
    """local article id -> the server's id, as the sync keeps them."""
    with lib.sync.client() as c:
        heads = c.headlines(content=False)
    by_link = {h["link"]: h["id"] for h in heads}
    return {r.id: by_link[lib.feeds.article_link(r.id)] for r in lib.articles()}


def test_first_sync_brings_feeds_folders_and_articles(lib, server):
    report = lib.sync.run()
    feeds = lib.feeds.list()
    assert sorted(f.url for f in feeds) == sorted(server.feed_urls)
    assert all(f.synced for f in feeds)
    assert {f.url: f.folder for f in feeds}[server.feed_urls[0]] == CATEGORY
    assert report.feeds_added == FEEDS and len(report.new_ids) == FEEDS * ITEMS
    assert len(lib.articles()) == FEEDS * ITEMS
    doc = lib.document(report.new_ids[0])
    assert "ferry would run again" in doc.text and doc.source and doc.source.startswith("Sync feed")
    assert lib.search_ids("Westport")  # searchable like any article
    first = next(f for f in feeds if f.folder == CATEGORY)
    lib.feeds.move(first.id, "Mine")  # a folder chosen here stays while the server's is unchanged
    again = lib.sync.run()
    assert again.new_ids == [] and again.feeds_added == 0
    assert lib.feeds.find(first.id).folder == "Mine"
    status = lib.sync.status()
    assert status.last_sync and status.error is None and status.pending == 0


async def test_a_local_feed_with_the_same_url_is_matched(tmp_path, server):
    with Library.open(tmp_path / "library.db") as lib:
        added, refusals = await lib.feeds.add([server.feed_urls[1]])
        assert not refusals and len(lib.articles()) == ITEMS
        lib.sync.setup(server.url, server.user, server.password)
        report = lib.sync.run()
        assert len(lib.feeds.list()) == FEEDS and report.feeds_added == FEEDS - 1
        assert len(lib.articles()) == FEEDS * ITEMS  # the 20 fetched here were matched, not doubled


def test_a_read_mark_made_here_shows_on_the_server(lib, server):
    lib.sync.run()
    remote = _remote_ids(lib)
    article = lib.articles()[0].id
    lib.set_read(article)
    lib.set_starred(article)
    assert lib.sync.status().pending == 2  # queued at once
    assert lib.sync.push() == 2
    state = server.article(remote[article])
    assert state["unread"] is False and state["marked"] is True
    assert lib.sync.status().pending == 0


def test_a_star_made_on_the_server_shows_here_after_the_next_sync(lib, server):
    lib.sync.run()
    remote = _remote_ids(lib)
    article = lib.articles()[3].id
    server.api("updateArticle", article_ids=str(remote[article]), field=0, mode=1)
    server.api("updateArticle", article_ids=str(remote[article]), field=2, mode=0)
    report = lib.sync.run()
    row = lib.article_rows([article])[0]
    assert row.starred and row.read and report.pulled == 2
    assert lib.sync.status().pending == 0  # what the server said is not sent back


def test_an_offline_change_is_sent_when_the_server_is_back(lib, server):
    lib.sync.run()
    remote = _remote_ids(lib)
    article = lib.articles()[5].id
    server.script("suspend")
    try:
        lib.set_read(article)
        with pytest.raises(SyncError) as e:
            lib.sync.run()
        assert "\n" not in str(e.value) and "cannot reach" in str(e.value)
        status = lib.sync.status()
        assert status.error == str(e.value) and status.pending == 1
    finally:
        server.script("resume")
    lib.sync.run()
    assert server.article(remote[article])["unread"] is False
    assert lib.sync.status().pending == 0 and lib.sync.status().error is None


def test_when_both_sides_changed_the_later_change_wins(lib, server):
    """tt-rss does not say when a mark was made there: it counts as halfway between the last
    sync and the one that sees it (see tui/core/sync/engine.py)."""
    lib.sync.run()
    remote = _remote_ids(lib)
    first, second = lib.articles()[1].id, lib.articles()[2].id
    # Here (offline): read, then unread again; seconds later the server gets it read: it wins.
    lib.set_read(first, True)
    lib.set_read(first, False)
    time.sleep(2)
    server.api("updateArticle", article_ids=str(remote[first]), field=2, mode=0)
    report = lib.sync.run()
    assert report.conflicts == 1
    assert lib.article_rows([first])[0].read and server.article(remote[first])["unread"] is False
    # There: starred; seconds later, here: starred and unstarred again, then sent: this side wins.
    server.api("updateArticle", article_ids=str(remote[second]), field=0, mode=1)
    time.sleep(2)
    lib.set_starred(second, True)
    lib.set_starred(second, False)
    assert lib.sync.push() == 1
    assert server.article(remote[second])["marked"] is False
    assert not lib.article_rows([second])[0].starred
    assert lib.sync.status().pending == 0


def test_subscriptions_added_and_removed_here_reach_the_server(lib, server):
    lib.sync.run()
    fourth = server.feed_urls[0].replace("feed1", f"feed{FEEDS + 1}")
    opml = lib.path.parent / "four.opml"
    opml.write_text(
        f'<?xml version="1.0"?><opml version="2.0"><body><outline type="rss" xmlUrl="{fourth}" '
        'text="Four"/></body></opml>'
    )
    lib.feeds.import_opml(opml)  # as `newsreader import` does; `add` and the app likewise
    report = lib.sync.run()
    assert (report.subscribed, report.unsubscribed, report.problems) == (1, 0, [])
    assert fourth in {f["feed_url"] for f in server.api("getFeeds", cat_id=-3)}
    assert len([r for r in lib.articles() if r.feed_title == "Sync feed 4"]) == ITEMS
    lib.feeds.remove(lib.feeds.find(fourth).id)
    report = lib.sync.run()
    assert (report.subscribed, report.unsubscribed) == (0, 1)
    assert fourth not in {f["feed_url"] for f in server.api("getFeeds", cat_id=-3)}
    assert len(lib.feeds.list()) == FEEDS


def test_a_subscription_the_server_refuses_stays_here(lib, server):
    lib.sync.run()
    missing = server.feed_urls[0].replace("feed1", "nowhere")
    opml = lib.path.parent / "gone.opml"
    opml.write_text(
        f'<?xml version="1.0"?><opml version="2.0"><body><outline xmlUrl="{missing}"/></body></opml>'
    )
    lib.feeds.import_opml(opml)
    report = lib.sync.run()
    assert len(report.problems) == 1 and "404" in report.problems[0]
    feed = lib.feeds.find(missing)
    assert feed is not None and not feed.synced
    assert lib.sync.status().pending == 0


def test_a_wrong_password_is_one_line_and_keeps_nothing(tmp_path, server):
    with Library.open(tmp_path / "library.db") as lib:
        with pytest.raises(SyncError) as e:
            lib.sync.setup(server.url, server.user, "not-the-password")
        assert str(e.value) == f"{server.url.split('//')[1]}: wrong user name or password for {server.user}"
        assert "not-the-password" not in str(e.value)
        assert lib.sync.status() is None


def test_an_expired_session_is_opened_again(lib, server):
    lib.sync.run()
    with lib.sync.client() as client:
        client.login()
        httpx.post(f"{server.url}/api/", json={"op": "logout", "sid": client.session}, timeout=10)
        assert client.api_level() == 15  # NOT_LOGGED_IN, then a new login, once


def test_the_api_turned_off_is_one_line(lib, server):
    server.psql("UPDATE ttrss_user_prefs SET value = 'false' WHERE pref_name = 'ENABLE_API_ACCESS'")
    try:
        with pytest.raises(SyncError, match="the API is off for admin"):
            lib.sync.run()
    finally:
        server.psql("UPDATE ttrss_user_prefs SET value = 'true' WHERE pref_name = 'ENABLE_API_ACCESS'")

"""The sync's queue of local changes, filled by triggers (no server needed): every path that
marks or subscribes queues, but only once a server is set up, only for what the server knows,
and never what a sync itself writes."""

from __future__ import annotations

from tui.core.library import Library
from tui.core.models import PARAGRAPH, Block, Document
from tui.core.store import ArticleRepo, Database, FeedRepo, NewItem
from tui.core.store.sync import SyncRepo


def _doc(n: int) -> Document:
    text = f"Article {n} about the number {n} and nothing else {n * 7919}."
    return Document(text=text, blocks=[Block(PARAGRAPH, 0, len(text))], title=f"Item {n}")


def test_the_queue(tmp_path):
    db = Database(tmp_path / "library.db")
    feeds, articles, sync = FeedRepo(db), ArticleRepo(db), SyncRepo(db)
    before, _ = feeds.add("https://example.org/before.xml")
    [a, b] = articles.save_feed_items(before, [NewItem("a", _doc(1)), NewItem("b", _doc(2))])
    articles.set_read(a)
    assert sync.queued(("read", "starred", "subscribe", "unsubscribe")) == []  # no server yet

    sync.set_server("https://rss.example.org", "me", insecure=False)
    sync.link_feed(before, 7)
    sync.link_articles([(a, 70, True, False)], since_id=70)  # the server knows a, not b
    articles.set_starred(a)
    articles.set_read(b)  # not on the server: nothing to send
    FeedRepo(db).mark_read(before, False)  # M, and mark all read, queue too
    new, _ = feeds.add("https://example.org/new.xml", folder="News")
    feeds.remove(before)
    queued = [
        (c.kind, c.article_id, c.value, c.url, c.folder, c.remote_id)
        for c in sync.queued(("read", "starred", "subscribe", "unsubscribe"))
    ]
    assert queued == [
        ("starred", a, 1, None, None, None),
        ("read", a, 0, None, None, None),
        ("subscribe", None, None, "https://example.org/new.xml", "News", None),
        ("unsubscribe", None, None, "https://example.org/before.xml", None, 7),
    ]
    assert all(c.at.endswith("Z") and "." in c.at for c in sync.queued(("read",)))

    # What a sync writes because the server said so is not sent back.
    sync.drop([c.id for c in sync.queued(("read", "starred", "subscribe", "unsubscribe"))])
    [c] = articles.save_feed_items(new, [NewItem("c", _doc(3))])
    sync.link_articles([(c, 71, True, True)], since_id=71)
    sync.settle([(c, "read", False)], [(c, False, True)], [])
    assert sync.status().pending == 0
    assert sync.seen()[71].starred and not sync.seen()[71].read
    db.close()


def test_a_library_without_a_server_has_no_sync(tmp_path):
    with Library.open(tmp_path / "library.db") as lib:
        assert lib.sync.status() is None and lib.sync.push() == 0
        assert all(not f.synced for f in lib.feeds.list())

"""The SQLite store and the library over it: articles, read state, analysis cache, schema versions."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import replace

import pytest

from tui.core.errors import LibraryError
from tui.core.library import Library
from tui.core.models import Analysis, Document, Entity, Quote
from tui.core.reader import parse_text
from tui.core.store import SCHEMA_VERSION, AnalysisRepo, ArticleRepo, Database, QuoteRef, content_hash
from tui.core.store.schema import MIGRATIONS

from .conftest import SEEDS


def _doc(title: str = "A headline", body: str = "A paragraph about Ada Lovelace.") -> object:
    return parse_text(f"{title}\n\n{body}\n")


def test_article_roundtrip_keeps_text_and_blocks(tmp_path):
    articles = ArticleRepo(Database(tmp_path / "lib.db"))
    doc = _doc()
    aid = articles.upsert("k1", doc)
    back = articles.document(aid)
    assert back.text == doc.text
    assert back.blocks == doc.blocks
    assert back.title == "A headline"


def test_read_and_star_state_survive_restart_and_update(tmp_path):
    path = tmp_path / "lib.db"
    with Library.open(path) as lib:
        aid = lib.add_document("k1", _doc())
        lib.set_read(aid)
        lib.set_starred(aid)
    with Library.open(path) as lib:
        # The same key updated with new text keeps its id and its states.
        assert lib.add_document("k1", _doc(body="New text about Grace Hopper.")) == aid
        row = lib.articles()[0]
        assert (row.read, row.starred) == (True, True)
        assert "Grace Hopper" in lib.document(aid).text


def test_newest_first_undated_by_added_time(tmp_path):
    articles = ArticleRepo(Database(tmp_path / "lib.db"))
    old = replace(_doc("Old"), date="2015-01-01")
    new = replace(_doc("New"), date="2017-01-01")
    articles.upsert("old", old)
    articles.upsert("new", new)
    articles.upsert("undated", _doc("Undated"))
    assert [r.title for r in articles.rows("v")] == ["Undated", "New", "Old"]


def test_analysis_cache_keyed_by_hash_and_version(tmp_path):
    analyses = AnalysisRepo(Database(tmp_path / "lib.db"))
    doc = _doc()
    h = content_hash(doc)
    a = Analysis([Entity(0, 1, "A", "PERSON", "A")], [Quote(2, 3, "x", "A", "said")], ["s."], version="v1")
    analyses.put(h, a)
    assert analyses.get(h, "v1").to_json() == a.to_json()
    assert analyses.get(h, "v2") is None
    assert analyses.quotes_by_speakers(["A"], "v1") == [QuoteRef(h, 0)]


def test_blocks_are_stored_as_json_dumps_writes_them():
    import json

    from tui.core.models import Block, Document
    from tui.core.models.stored import blocks_json

    for blocks in ([], [Block("headline", 0, 46), Block("paragraph", 48, 10**12)], [Block('o"dd\\é', 1, 2)]):
        doc = Document("text", blocks)
        assert blocks_json(doc) == json.dumps([[b.kind, b.start, b.end] for b in blocks])
        assert content_hash(doc, blocks_json(doc)) == content_hash(doc)


def test_newer_schema_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "lib.db"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE future (x)")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(LibraryError, match="newer newsreader"):
        Library.open(path)
    assert path.read_bytes() == before


def test_not_a_database_is_one_clear_error(tmp_path):
    path = tmp_path / "lib.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(LibraryError, match="not a usable newsreader database"):
        Library.open(path)


def test_migration_from_reading_slice_keeps_articles_and_state(tmp_path):
    path = tmp_path / "lib.db"
    db = sqlite3.connect(path)
    db.executescript(f"BEGIN; {MIGRATIONS[1]}; PRAGMA user_version = 1; COMMIT;")
    db.execute(
        "INSERT INTO articles (key, title, text, blocks, hash, added_at, read, starred) "
        "VALUES ('k', 'T', 'T', '[[\"headline\", 0, 1]]', 'h', '2020-01-01', 1, 1)"
    )
    db.commit()
    db.close()
    database = Database(path)
    assert database.schema_version == SCHEMA_VERSION
    row = ArticleRepo(database).rows("v")[0]
    assert (row.title, row.read, row.starred, row.feed_id) == ("T", True, True, None)
    with database.read() as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_schema_4_library_lists_from_its_index_in_the_same_order(tmp_path):
    path = tmp_path / "lib.db"
    db = sqlite3.connect(path)
    for version in (1, 2, 3, 4):
        db.executescript(f"BEGIN; {MIGRATIONS[version]}; PRAGMA user_version = {version}; COMMIT;")
    db.execute("DELETE FROM meta")  # its indexes were built
    for key, date, added in (
        ("a", "2021-05-01", "2024-01-01"),
        ("b", None, "2022-01-01"),
        ("c", "2023-01-01", "x"),
    ):
        db.execute(
            "INSERT INTO articles (key, title, date, text, blocks, hash, added_at) VALUES (?, ?, ?, 'T', '[]', ?, ?)",
            (key, key, date, key, added),
        )
    db.commit()
    db.close()
    database = Database(path)
    articles = ArticleRepo(database)
    assert [r.title for r in articles.rows("v")] == ["c", "b", "a"]
    # The copy of the sort date follows new articles and changed dates.
    new = articles.upsert("d", Document(text="D", blocks=[], title="d", date="2022-06-01"))
    with database.transaction() as db:
        db.execute("UPDATE articles SET date = '2025-01-01' WHERE key = 'a'")
        plan = " ".join(
            r[3]
            for r in db.execute(
                "EXPLAIN QUERY PLAN SELECT id, title, source, date, read, starred, feed_id, teaser, hash "
                "FROM articles a INDEXED BY articles_list WHERE listed = 1 ORDER BY a.sort_key DESC, a.id DESC"
            )
        )
    assert [r.title for r in articles.rows("v")] == ["a", "c", "d", "b"] and new
    assert "SCAN a USING COVERING INDEX articles_list" in plan and "TEMP B-TREE" not in plan


def test_seeding_happens_once(tmp_path):
    lib = Library.open(tmp_path / "lib.db")
    n = lib.seed(SEEDS)
    assert n == 16
    assert lib.seed(SEEDS) == 0
    assert len(lib.articles()) == 16


def test_open_files_scope_not_listed(tmp_path):
    lib = Library.open(tmp_path / "lib.db")
    lib.seed(SEEDS)
    f = tmp_path / "mine.txt"
    f.write_text("My headline\n\nMy paragraph.\n", encoding="utf-8")
    ids, errors = lib.open_files([str(f), str(tmp_path / "missing.txt")])
    assert len(ids) == 1 and len(errors) == 1 and "missing.txt" in errors[0]
    assert len(lib.articles()) == 16  # not added to the library listing
    scoped = Library.open(lib.path, scope=ids)
    assert [r.title for r in scoped.articles()] == ["My headline"]


@pytest.mark.slow
def test_library_analysis_is_cached_and_related_quotes_cross_articles(library):
    rows = library.articles()
    assert len(rows) == 16 and not any(r.analysed for r in rows)
    founding = next(r for r in rows if r.title.startswith("U.S., Russia"))
    a = library.analyze(founding.id)
    assert library.cached_analysis(founding.id).to_json() == a.to_json()
    assert founding.id not in library.unanalysed()
    library.analyze_many(library.unanalysed())
    related = library.related_quotes(founding.id, a)
    assert related, "the seeds share Putin, Trump and Obama across articles"
    assert all(r.article_id != founding.id for r in related)
    # The pane shows "— speaker · reason": the reason never repeats the speaker.
    assert not any(r.quote.speaker and r.quote.speaker in r.reason for r in related)


def test_a_library_in_memory_needs_no_file():
    with Library.open(":memory:") as lib:
        aid = lib.add_document("k1", _doc())
        assert [r.id for r in lib.articles()] == [aid]
        assert lib.feeds.list() == []


async def test_feed_fetches_refuse_while_another_process_refreshes(tmp_path):
    from tui.core.errors import Busy
    from tui.core.lock import RefreshLock, lock_path

    with Library.open(tmp_path / "lib.db") as lib, RefreshLock(lock_path(lib.path)):
        with pytest.raises(Busy, match=f"pid {os.getpid()}"):
            await lib.feeds.refresh()
        with pytest.raises(Busy, match="refreshing this library"):
            await lib.feeds.add(["https://example.com/feed.xml"])


def test_changes_by_another_connection_are_seen_but_not_read_marks(tmp_path):
    path = tmp_path / "lib.db"
    mine, other = Database(path), Database(path)
    try:
        assert mine.changed_elsewhere() is False  # the first look sets what is known
        ArticleRepo(other).upsert("k", Document(text="T", blocks=[], title="T"))
        assert mine.changed_elsewhere() is True and mine.changed_elsewhere() is False
        ArticleRepo(other).set_read(1)  # a read mark elsewhere is not a new article
        assert mine.changed_elsewhere() is False
        ArticleRepo(mine).upsert("k2", Document(text="U", blocks=[], title="U"))  # our own write
        assert mine.changed_elsewhere() is False
    finally:
        mine.close()
        other.close()


def test_a_refresh_elsewhere_that_fails_or_recovers_a_feed_is_seen(tmp_path):
    """A cron ``newsreader refresh`` whose feed fails (no new items) changes what the app's
    tree shows (its ! and the Failing feeds entry): the running app must load it again."""
    from tui.core.store import FeedRepo

    path = tmp_path / "lib.db"
    mine, other = Database(path), Database(path)
    try:
        feed_id, _ = FeedRepo(other).add("https://example.com/feed.xml")
        assert mine.changed_elsewhere() is False  # the first look sets what is known
        FeedRepo(other).record_refresh(feed_id, error="HTTP 404 Not Found")
        assert mine.changed_elsewhere() is True and mine.changed_elsewhere() is False
        FeedRepo(other).record_refresh(feed_id, error="HTTP 500 Internal Server Error")  # still failing
        assert mine.changed_elsewhere() is False
        FeedRepo(other).record_refresh(feed_id, error=None)  # working again
        assert mine.changed_elsewhere() is True
    finally:
        mine.close()
        other.close()


def test_a_failing_feed_keeps_when_it_last_worked(tmp_path):
    from tui.core.store import FeedRepo

    db = Database(tmp_path / "library.db")
    feeds = FeedRepo(db)
    feed_id, _ = feeds.add("https://example.com/feed.xml")
    assert feeds.find(feed_id).last_ok is None  # never refreshed
    feeds.record_refresh(feed_id, error=None)
    worked = feeds.find(feed_id).last_ok
    assert worked is not None and worked == feeds.find(feed_id).last_refresh
    feeds.record_refresh(feed_id, error="HTTP 500")
    failed = feeds.find(feed_id)
    assert failed.error == "HTTP 500" and failed.last_ok == worked
    feeds.remove(feed_id)
    assert feeds.find(feed_id) is None
    db.close()


def test_a_transaction_inside_another_is_a_savepoint(tmp_path):
    """An inner error undoes only the inner work; nothing is committed before the outer one ends."""
    db = Database(tmp_path / "library.db")
    other = sqlite3.connect(tmp_path / "library.db")
    count = "SELECT COUNT(*) FROM meta WHERE key LIKE 't%'"
    with db.transaction() as conn:
        conn.execute("INSERT INTO meta VALUES ('t1', '1')")
        with pytest.raises(ZeroDivisionError), db.transaction() as inner:
            inner.execute("INSERT INTO meta VALUES ('t2', '2')")
            raise ZeroDivisionError
        with db.transaction() as inner:
            inner.execute("INSERT INTO meta VALUES ('t3', '3')")
        assert other.execute(count).fetchone()[0] == 0  # not committed yet
    assert [r[0] for r in other.execute("SELECT key FROM meta WHERE key LIKE 't%' ORDER BY key")] == [
        "t1",
        "t3",
    ]
    with pytest.raises(ZeroDivisionError), db.transaction() as conn:
        conn.execute("INSERT INTO meta VALUES ('t4', '4')")
        with db.transaction() as inner:
            inner.execute("INSERT INTO meta VALUES ('t5', '5')")
        raise ZeroDivisionError
    assert other.execute(count).fetchone()[0] == 2  # the outer error undid the inner work too
    other.close()
    db.close()


def test_schema_9_moves_when_feeds_last_worked_out_of_meta(tmp_path):
    from tui.core.store import FeedRepo

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    for version in range(1, 9):
        conn.executescript(f"BEGIN; {MIGRATIONS[version]}; PRAGMA user_version = {version}; COMMIT;")
    conn.execute("DELETE FROM meta")
    conn.executescript(
        "INSERT INTO feeds (id, url, last_refresh, last_error, added_at) VALUES "
        "(1, 'https://a/rss', '2026-11-30T09:00:00Z', 'HTTP 500', '2026-11-01'), "
        "(2, 'https://b/rss', '2026-11-30T09:00:00Z', NULL, '2026-11-01'), "
        "(3, 'https://c/rss', NULL, 'timed out', '2026-11-01');"
        "INSERT INTO meta VALUES ('feed_ok:1', '2026-11-29T08:00:00Z');"
    )
    conn.commit()
    conn.close()
    db = Database(path)
    feeds = FeedRepo(db)
    assert [feeds.find(i).last_ok for i in (1, 2, 3)] == [
        "2026-11-29T08:00:00Z",
        "2026-11-30T09:00:00Z",
        None,
    ]
    assert db.get_meta("feed_ok:1") is None
    db.close()


def test_an_item_given_twice_in_one_save_is_stored_once(tmp_path):
    """The rows a feed's items already have are read at once, before any is written: an item
    that comes twice in one save is stored once, as its first occurrence, even when the second
    differs (it made SQLite call the database malformed: its search entry was not written yet)."""
    from tui.core.store import FeedRepo, NewItem

    db = Database(tmp_path / "library.db")
    feed, _ = FeedRepo(db).add("https://feed.example/rss")
    articles = ArticleRepo(db)
    first = parse_text("Bridge closed\n\nThe bridge was closed on Tuesday after cracks were found.")
    second = parse_text("Bridge open\n\nThe bridge opened again on Friday, three days early.")
    ids = articles.save_feed_items(feed, [NewItem("a", first), NewItem("a", first)])
    assert len(ids) == 1
    assert articles.save_feed_items(
        feed, [NewItem("b", second), NewItem("a", first), NewItem("b", second)]
    ) == [ids[0] + 1]
    with db.read() as c:
        assert c.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 2
        assert c.execute("SELECT COUNT(*) FROM story_members").fetchone()[0] == 2
    changed = parse_text("Bridge closed again\n\nThe bridge was closed again on Sunday after a storm.")
    third = parse_text("Ferry added\n\nA ferry will run while the bridge is shut, the council said.")
    assert len(articles.save_feed_items(feed, [NewItem("c", third), NewItem("c", changed)])) == 1
    with db.read() as c:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = c.execute("SELECT a.title FROM articles a WHERE a.key LIKE '%:c'").fetchall()
        assert [r[0] for r in rows] == ["Ferry added"]
        found = c.execute("SELECT COUNT(*) FROM article_fts WHERE article_fts MATCH 'ferry'").fetchone()[0]
        assert found == 1
    db.close()


def test_every_new_article_comes_with_its_sort_key(tmp_path):
    """The list is read in ``sort_key`` order: each way of inserting an article (a file or seed,
    a feed item with and without a date) gives it COALESCE(date, added_at), with no trigger to
    fill it in (schema 12), and a changed date moves it."""
    from tui.core.store import FeedRepo, NewItem

    db = Database(tmp_path / "library.db")
    feed, _ = FeedRepo(db).add("https://feed.example/rss")
    articles = ArticleRepo(db)
    dated = replace(parse_text("Harbour vote\n\nThe council voted on the harbour plan."), date="2021-03-04")
    undated = parse_text("Quay shut\n\nThe quay shut for repairs on Monday.")
    articles.upsert("file:a", dated)
    articles.upsert("file:b", undated)
    articles.save_feed_items(feed, [NewItem("c", dated), NewItem("d", undated)])
    with db.transaction() as c:
        assert not c.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles_sort_key_insert'").fetchall()
        c.execute("UPDATE articles SET date = '2020-01-01' WHERE key = 'file:b'")
        rows = c.execute("SELECT key, sort_key, COALESCE(date, added_at) FROM articles").fetchall()
    assert len(rows) == 4 and all(r[1] == r[2] for r in rows)
    assert {r[0]: r[1] for r in rows}["file:b"] == "2020-01-01"
    db.close()

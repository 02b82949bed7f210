"""The story member rows kept between feeds (``Database.members``) never differ from the table:
after this connection's own changes, another connection's commit, and rollbacks of savepoints and
of whole transactions (article ids come back after a rollback, with other rows)."""

from __future__ import annotations

import sqlite3

import pytest

from tests.test_stories import BRIDGE_A, BRIDGE_B, MACRON_CHINA
from tui.core.library import Library
from tui.core.store import ArticleRepo, Database, FeedRepo, NewItem
from tui.core.store.member_cache import read_members


@pytest.fixture
def db(tmp_path):
    db = Database(tmp_path / "library.db")
    feeds, articles = FeedRepo(db), ArticleRepo(db)
    feed_ids = [feeds.add(f"https://feed{i}.example/rss", title=f"Feed {i}")[0] for i in range(3)]
    for n, document in enumerate([BRIDGE_A, MACRON_CHINA, BRIDGE_B]):
        articles.save_feed_items(feed_ids[n], [NewItem(f"i{n}", document)])
    yield db
    db.close()


def all_ids(db: Database) -> list[int]:
    with db.read() as c:
        return [r[0] for r in c.execute("SELECT article_id FROM story_members ORDER BY 1")]


def assert_in_step(db: Database, ids: list[int]) -> None:
    with db.transaction() as c:
        assert db.members.rows(c, ids) == read_members(c, ids)


def test_rows_follow_this_connections_updates_and_deletes(db):
    ids = all_ids(db)
    assert_in_step(db, ids)
    with db.transaction() as c:
        c.execute("UPDATE story_members SET day = day + 1 WHERE article_id = ?", (ids[0],))
    assert_in_step(db, ids)
    with db.transaction() as c:
        c.execute("DELETE FROM articles WHERE id = ?", (ids[1],))  # its member row goes by cascade
    assert_in_step(db, ids)
    with db.transaction() as c:
        assert len(db.members.rows(c, ids)) == len(ids) - 1


def test_rows_follow_this_connections_replace_and_reinsert(db):
    """Grouping's own inserts are not noted (only rows that exist are kept): a row replaced
    (REPLACE deletes it first) or deleted and inserted again is read again all the same."""
    ids = all_ids(db)
    assert_in_step(db, ids)
    with db.transaction() as c:
        c.execute(
            "INSERT OR REPLACE INTO story_members (article_id, story_id, day, feed_id, bands, shingles) "
            "SELECT article_id, story_id, day + 3, feed_id, bands, shingles FROM story_members "
            "WHERE article_id = ?",
            (ids[0],),
        )
        assert db.members.rows(c, ids) == read_members(c, ids)
        # Out of its story (which goes with its last member) and into the first article's.
        row = c.execute("SELECT * FROM story_members WHERE article_id = ?", (ids[1],)).fetchone()
        story = c.execute("SELECT story_id FROM story_members WHERE article_id = ?", (ids[0],)).fetchone()[0]
        c.execute("DELETE FROM story_members WHERE article_id = ?", (ids[1],))
        c.execute(
            "INSERT INTO story_members VALUES (?, ?, ?, ?, ?, ?)", (row[0], story, row[2] + 5, *row[3:])
        )
    assert_in_step(db, ids)


def test_rows_follow_another_connections_commit(db):
    ids = all_ids(db)
    assert_in_step(db, ids)
    other = sqlite3.connect(db.path)
    with other:
        other.execute("UPDATE story_members SET day = day + 1 WHERE article_id = ?", (ids[2],))
    other.close()
    assert_in_step(db, ids)


@pytest.mark.parametrize("whole", [True, False], ids=["transaction", "savepoint"])
def test_rows_taken_in_and_then_rolled_back_are_dropped(db, whole):
    ids = all_ids(db)
    with pytest.raises(RuntimeError), db.transaction() as outer:
        if not whole:
            outer.execute("SAVEPOINT before")
        outer.execute("UPDATE story_members SET day = day + 7 WHERE article_id = ?", (ids[0],))
        db.members.rows(outer, ids)  # the changed row taken in
        if not whole:
            outer.execute("ROLLBACK TO before")
            outer.execute("RELEASE before")
            assert db.members.rows(outer, ids) == read_members(outer, ids)
        raise RuntimeError
    assert_in_step(db, ids)


@pytest.mark.parametrize("reused_by_other_text", [False, True], ids=["same-event", "other-event"])
def test_an_article_id_that_comes_back_after_a_rollback_is_not_its_former_self(
    tmp_path, reused_by_other_text
):
    """A feed's new article is grouped and its savepoint rolled back; the next article stored
    takes the same id (its story, the same story id), while the band index still knows the id by
    the first one's bands. A report of the same event, stored next or after an unrelated
    article took the id, must stay alone: the first one is gone."""
    db = Database(tmp_path / "library.db")
    feeds, articles = FeedRepo(db), ArticleRepo(db)
    feed_ids = [feeds.add(f"https://feed{i}.example/rss", title=f"Feed {i}")[0] for i in range(3)]
    gone = []
    with pytest.raises(RuntimeError), db.transaction():
        gone += articles.save_feed_items(feed_ids[0], [NewItem("a", BRIDGE_A)])
        raise RuntimeError
    stored = []
    if reused_by_other_text:
        stored += articles.save_feed_items(feed_ids[1], [NewItem("m", MACRON_CHINA)])
    stored += articles.save_feed_items(feed_ids[2], [NewItem("b", BRIDGE_B)])
    assert stored[0] == gone[0]  # the id came back
    library = Library(db)
    for aid in stored:
        assert library.story_of(aid).article_ids == (aid,)
    db.close()


def test_columns_grow_and_give_back_the_rows_they_were_given():
    """Rows added in batches past the columns' first room (1,024) come back as they went in, in
    any order asked for, shingles and all (a member of no feed included)."""
    import random

    from tui.core.store.member_cache import _Columns

    rng = random.Random(7)
    rows = [
        (
            i,
            rng.randrange(1, 500),
            2460000 + rng.randrange(30),
            None if i % 97 == 0 else rng.randrange(1, 40),
            b"".join(rng.getrandbits(64).to_bytes(8, "little") for _ in range(rng.randrange(0, 70))),
        )
        for i in range(1, 2501)
    ]
    columns = _Columns()
    firsts = [columns.append(rows[lo : lo + 700]) for lo in range(0, len(rows), 700)]
    assert firsts == [0, 700, 1400, 2100] and len(columns) == len(rows)
    order = list(range(len(rows)))
    rng.shuffle(order)
    assert columns.gather(order).rows() == [rows[k] for k in order]
    assert columns.gather([]).rows() == []

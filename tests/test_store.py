"""The SQLite store: articles, read state, analysis cache, schema versions."""

from __future__ import annotations

import sqlite3

import pytest

from tui.core.library import Library, open_files, seed_library
from tui.core.models import Analysis, Entity, Quote
from tui.core.reader import parse_text
from tui.core.store import _MIGRATIONS, SCHEMA_VERSION, Store, StoreError, content_hash

from .conftest import SEEDS


def _doc(title: str = "A headline", body: str = "A paragraph about Ada Lovelace.") -> object:
    return parse_text(f"{title}\n\n{body}\n")


def test_article_roundtrip_keeps_text_and_blocks(tmp_path):
    store = Store(tmp_path / "lib.db")
    doc = _doc()
    aid = store.upsert_article("k1", doc)
    back = store.document(aid)
    assert back.text == doc.text
    assert back.blocks == doc.blocks
    assert back.title == "A headline"


def test_read_and_star_state_survive_restart_and_update(tmp_path):
    path = tmp_path / "lib.db"
    store = Store(path)
    aid = store.upsert_article("k1", _doc())
    store.set_read(aid)
    store.set_starred(aid)
    store.close()
    store = Store(path)
    # The same key updated with new text keeps its id and its states.
    assert store.upsert_article("k1", _doc(body="New text about Grace Hopper.")) == aid
    row = store.article_rows()[0]
    assert (row["read"], row["starred"]) == (1, 1)
    assert "Grace Hopper" in store.document(aid).text


def test_newest_first_undated_by_added_time(tmp_path):
    store = Store(tmp_path / "lib.db")
    old = _doc("Old")
    old.date = "2015-01-01"
    new = _doc("New")
    new.date = "2017-01-01"
    store.upsert_article("old", old)
    store.upsert_article("new", new)
    store.upsert_article("undated", _doc("Undated"))
    assert [r["title"] for r in store.article_rows()] == ["Undated", "New", "Old"]


def test_analysis_cache_keyed_by_hash_and_version(tmp_path):
    store = Store(tmp_path / "lib.db")
    doc = _doc()
    h = content_hash(doc)
    a = Analysis([Entity(0, 1, "A", "PERSON", "A")], [Quote(2, 3, "x", "A", "said")], ["s."], version="v1")
    store.put_analysis(h, a)
    assert store.get_analysis(h, "v1").to_json() == a.to_json()
    assert store.get_analysis(h, "v2") is None
    assert store.quotes_by_speakers(["A"], "v1") == [(h, 0)]


def test_newer_schema_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "lib.db"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE future (x)")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer newsreader"):
        Store(path)
    assert path.read_bytes() == before


def test_not_a_database_is_one_clear_error(tmp_path):
    path = tmp_path / "lib.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a usable newsreader database"):
        Store(path)


def test_migration_from_reading_slice_keeps_articles_and_state(tmp_path):
    path = tmp_path / "lib.db"
    db = sqlite3.connect(path)
    db.executescript(f"BEGIN; {_MIGRATIONS[1]}; PRAGMA user_version = 1; COMMIT;")
    db.execute(
        "INSERT INTO articles (key, title, text, blocks, hash, added_at, read, starred) "
        "VALUES ('k', 'T', 'T', '[[\"headline\", 0, 1]]', 'h', '2020-01-01', 1, 1)"
    )
    db.commit()
    db.close()
    store = Store(path)
    assert store.schema_version == SCHEMA_VERSION
    row = store.article_rows()[0]
    assert (row["title"], row["read"], row["starred"], row["feed_id"]) == ("T", 1, 1, None)
    assert store._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_seeding_happens_once(tmp_path):
    store = Store(tmp_path / "lib.db")
    n = seed_library(store, SEEDS)
    assert n == 16
    assert seed_library(store, SEEDS) == 0
    assert store.count_articles() == 16


def test_open_files_scope_not_listed(tmp_path):
    store = Store(tmp_path / "lib.db")
    seed_library(store, SEEDS)
    f = tmp_path / "mine.txt"
    f.write_text("My headline\n\nMy paragraph.\n", encoding="utf-8")
    ids, errors = open_files(store, [str(f), str(tmp_path / "missing.txt")])
    assert len(ids) == 1 and len(errors) == 1 and "missing.txt" in errors[0]
    assert store.count_articles() == 16  # not added to the library listing
    lib = Library(store, scope=ids)
    assert [r.title for r in lib.articles()] == ["My headline"]


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

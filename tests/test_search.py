"""Search: the query syntax, hostile queries, filters over a real SQLite file, the index kept in
step with every change, and the migration of a library made before search existed."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from tests.helpers import make_doc
from tui.core.errors import QueryError
from tui.core.library import Library
from tui.core.models import Analysis, Entity, Quote, SearchOrder
from tui.core.query import EntityFilter, parse_query
from tui.core.store import AnalysisRepo, ArticleRepo, Database, FeedRepo, NewItem
from tui.core.store.schema import MIGRATIONS, SCHEMA_VERSION

# -- the syntax ---------------------------------------------------------------------------------


def test_words_phrases_and_filters():
    q = parse_query('ferry "old harbour" person:"Ana Ruiz" said:Ruiz feed:gazette folder:News/ is:unread')
    assert q.match == '"ferry" "old harbour"'
    assert q.entities == (EntityFilter("Ana Ruiz", ("PERSON",)),)
    assert (q.speakers, q.feeds, q.folders, q.read) == (("Ruiz",), ("gazette",), ("News",), False)
    assert parse_query("place:Lisbon org:UN group:Greens").entities == (
        EntityFilter("Lisbon", ("GPE", "LOC", "FAC")),
        EntityFilter("UN", ("ORG",)),
        EntityFilter("Greens", ("NORP",)),
    )
    assert parse_query("is:starred").starred and parse_query("is:read").read is True


def test_dates_cover_years_months_and_days():
    q = parse_query("after:2016-09 before:2017")
    assert (q.after, q.before) == ("2016-09-01", "2017-01-01")
    assert parse_query("after:2016-09-05").after == "2016-09-05"


@pytest.mark.parametrize(
    ("typed", "match"),
    [
        ('"unbalanced quote', '"unbalanced quote"'),
        ("*", ""),
        ("trump*", '"trump"*'),
        ("NEAR(a b)", '"NEAR(a" "b)"'),
        ("war AND peace OR NOT", '"war" "AND" "peace" "OR" "NOT"'),
        ("http://example.com/x", '"http://example.com/x"'),
        ("foo:bar", '"foo:bar"'),
        ('say "he said ""no"""', '"say" "he said" "no"'),
        ("'; DROP TABLE articles; --", '"DROP" "TABLE" "articles;"'),
    ],
)
def test_anything_typed_is_a_literal_search(typed, match):
    assert parse_query(typed).match == match


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("is:purple", "is: expects one of unread, read, starred"),
        ("after:someday", "after: expects a date"),
        ("before:2016-13-01", "before: expects a date"),
        ("person:", "person: needs a value"),
        ('said:""', "said: needs a value"),
    ],
)
def test_filters_that_mean_nothing_get_one_line(typed, says):
    with pytest.raises(QueryError) as err:
        parse_query(typed)
    assert str(err.value).startswith(says) and "\n" not in str(err.value)


# -- a library to search ------------------------------------------------------------------------


def _analysis(doc, version: str, people: dict[str, str], quotes: list[tuple[str, str]]) -> Analysis:
    """Mentions of ``people`` (text -> canonical) where the text has them; quotes (text, speaker)."""
    entities = []
    for text, canonical in people.items():
        start = doc.text.find(text)
        if start >= 0:
            entities.append(Entity(start, start + len(text), text, "PERSON", canonical))
    found = []
    for text, speaker in quotes:
        start = doc.text.find(text)
        found.append(Quote(start, start + len(text), text, speaker, "said"))
    return Analysis(entities, found, [], version)


@pytest.fixture
def searchable(tmp_path):
    """Three articles of our own: two from feeds (one in a folder), one local; analysed."""
    path = tmp_path / "library.db"
    db = Database(path)
    feeds, articles, analyses = FeedRepo(db), ArticleRepo(db), AnalysisRepo(db)
    gazette, _ = feeds.add("https://gazette.example/feed.xml", title="Harbour Gazette", folder="News/Town")
    radio, _ = feeds.add("https://radio.example/rss", title="Valley Radio")
    tram = make_doc(
        ("headline", "Council approves the harbour tram"),
        ("paragraph", '"It is a great day for the city," said Mayor Ana Ruiz after the vote on Tuesday.'),
    )
    ferry = make_doc(
        ("headline", "Ferry returns to the old harbour"),
        ("paragraph", "The ferry runs again. Ruiz welcomed it; Councillor Tomas Berg called it too slow."),
    )
    cafe = make_doc(("headline", "A café opens in Zürich"), ("paragraph", "The café serves crème brûlée."))
    ids = {}
    for feed_id, key, doc, date in (
        (gazette, "tram", tram, "2024-03-10"),
        (radio, "ferry", ferry, "2024-03-12"),
    ):
        doc = replace(doc, date=date, title=doc.block_text(doc.blocks[0]))
        (ids[key],) = articles.save_feed_items(feed_id, [NewItem(key, doc)])
    cafe = replace(cafe, date="2023-01-05", title="A café opens in Zürich")
    ids["cafe"] = articles.upsert("file:cafe", cafe)
    library = Library(db)
    people = {"Ana Ruiz": "Ana Ruiz", "Ruiz": "Ana Ruiz", "Tomas Berg": "Tomas Berg"}
    for key, quotes in (
        ("tram", [("It is a great day for the city,", "Ana Ruiz")]),
        ("ferry", []),
        ("cafe", []),
    ):
        doc = articles.document(ids[key])
        analyses.put(articles.hash(ids[key]), _analysis(doc, library.version, people, quotes))
    articles.set_starred(ids["ferry"])
    articles.set_read(ids["tram"])
    with library:
        yield library, ids


def found(library: Library, query: str, **kwargs) -> list[int]:
    return [h.id for h in library.search(query, **kwargs)]


def test_words_rank_title_matches_first_and_mark_the_snippet(searchable):
    library, ids = searchable
    hits = library.search("harbour")
    assert [h.id for h in hits] == [ids["tram"], ids["ferry"]] or [h.id for h in hits] == [
        ids["ferry"],
        ids["tram"],
    ]
    ferry = next(h for h in hits if h.id == ids["ferry"])
    assert all(ferry.snippet[a:b].lower() == "harbour" for a, b in ferry.marks) and ferry.marks
    assert found(library, "harbour", order=SearchOrder.DATE) == [ids["ferry"], ids["tram"]]
    assert found(library, '"old harbour"') == [ids["ferry"]]
    assert found(library, "ferr*") == [ids["ferry"]]


def test_accents_fold_both_ways(searchable):
    library, ids = searchable
    assert found(library, "cafe zurich") == [ids["cafe"]]
    assert found(library, "café") == [ids["cafe"]]


def test_feed_titles_are_searched_and_filtered(searchable):
    library, ids = searchable
    assert found(library, "valley") == [ids["ferry"]]
    assert found(library, "feed:gazette") == [ids["tram"]]
    assert found(library, "folder:News") == [ids["tram"]] == found(library, "folder:news/town")
    assert found(library, "folder:Town") == []


def test_names_match_their_short_forms(searchable):
    library, ids = searchable
    assert found(library, "person:Ruiz") == found(library, 'person:"Ana Ruiz"') != []
    assert set(found(library, "person:Ruiz")) == {ids["tram"], ids["ferry"]}
    assert found(library, "person:Berg") == [ids["ferry"]]
    assert found(library, "person:Nobody") == []
    assert found(library, "said:Ruiz") == [ids["tram"]] == found(library, 'said:"ana ruiz"')
    assert found(library, "said:Berg") == []


def test_state_and_dates(searchable):
    library, ids = searchable
    assert found(library, "is:starred") == [ids["ferry"]]
    assert set(found(library, "is:unread")) == {ids["ferry"], ids["cafe"]}
    assert found(library, "after:2024-03-11") == [ids["ferry"]]
    assert found(library, "before:2024") == [ids["cafe"]]
    assert found(library, "harbour is:unread after:2024") == [ids["ferry"]]


def test_hostile_queries_never_raise_anything_but_one_line(searchable):
    library, _ = searchable
    for typed in [
        '"',
        "*",
        "NEAR(",
        "AND",
        "OR NOT",
        "'; DROP TABLE articles; --",
        "\\",
        "%_%",
        "feed:%",
        "::",
        "a:b:c",
    ]:
        try:
            library.search(typed)
        except QueryError as e:
            assert "\n" not in str(e)
    with pytest.raises(QueryError, match="nothing to search for"):
        library.search("   ")
    assert found(library, "feed:%") == []  # % is a character here, not a wildcard


def test_the_index_follows_updates_full_texts_feed_renames_and_removals(searchable, tmp_path):
    library, ids = searchable
    db = Database(library.path)
    articles, feeds = ArticleRepo(db), FeedRepo(db)
    articles.save_full_text(
        ids["ferry"], make_doc(("paragraph", "The full story names the skipper Joana Costa."))
    )
    assert found(library, "skipper") == [ids["ferry"]]
    assert found(library, "welcomed") == []  # the teaser's words left with it
    radio = feeds.find("https://radio.example/rss")
    feeds.record_refresh(radio.id, error=None, title="Coast FM")
    assert found(library, "coast") == [ids["ferry"]] and found(library, "valley") == []
    feeds.remove(radio.id)
    assert found(library, "skipper") == [] and found(library, "coast") == []
    with db.read() as conn:
        conn.execute("INSERT INTO article_fts (article_fts) VALUES ('integrity-check')")
    db.close()


def test_a_library_from_before_search_is_indexed_once_with_progress(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    for version in (1, 2):
        conn.executescript(f"BEGIN; {MIGRATIONS[version]}; PRAGMA user_version = {version}; COMMIT;")
    for n in range(4500):
        conn.execute(
            "INSERT INTO articles (key, title, text, blocks, hash, added_at) VALUES (?, ?, ?, '[]', ?, '2020-01-01')",
            (
                f"k{n}",
                f"Article {n}",
                f"Text number {n} about the harbour" if n % 2 else f"Text {n}",
                f"h{n}",
            ),
        )
    conn.commit()
    conn.close()
    seen: list[tuple[int, int]] = []
    with Library.open(path, progress=lambda done, total: seen.append((done, total))) as library:
        assert Database(path).schema_version == SCHEMA_VERSION
        # The search index, then the stories (schema 4), each in batches.
        assert seen == [(2000, 4500), (4000, 4500), (4500, 4500)] * 2
        assert len(library.search("harbour", limit=10_000)) == 2250
    seen.clear()
    with Library.open(path, progress=lambda done, total: seen.append((done, total))) as library:
        assert seen == []  # built once
        assert len(library.search('"number 4499"')) == 1


def test_snippets_leave_out_link_numbers_and_the_list_of_links(tmp_path):
    """A teaser's snippet read "Continue reading on »[1] [1] https://medium…": the article shows
    its links' numbers and list, but in a few words of snippet they are noise."""
    from tui.core.reader.html import parse_html

    db = Database(tmp_path / "library.db")
    articles = ArticleRepo(db)
    page = """<html><head><title>Side quest</title></head><body><article><h1>Side quest: drawing</h1>
    <p>I drew a harbour <a href="https://ex.example/pic">picture</a> today.
    <a href="https://medium.example/@me/side-quest?source=rss">Continue reading on »</a></p>
    </article></body></html>"""
    article_id = articles.upsert("file:quest", parse_html(page))
    with Library(db) as library:
        for query in ("harbour", "is:unread"):
            (hit,) = library.search(query)
            assert hit.id == article_id
            assert "[1]" not in hit.snippet and "[2]" not in hit.snippet and "https" not in hit.snippet
            assert "picture today. Continue reading on »" in hit.snippet, hit.snippet
            assert all(hit.snippet[a:b].lower() == "harbour" for a, b in hit.marks)

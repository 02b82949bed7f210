"""Stories: our own pairs of articles grouped (or kept apart) as they are stored, the migration of a
schema-3 library, and ``newsreader stories`` in a subprocess. Real SQLite files in tmp_path."""

from __future__ import annotations

import json
import sqlite3
import struct
from dataclasses import replace

import pytest

from tests.test_cli import run
from tui.core import similarity
from tui.core.library import Library
from tui.core.models import Block, Document
from tui.core.store import ArticleRepo, Database, FeedRepo, NewItem
from tui.core.store.schema import MIGRATIONS, SCHEMA_VERSION
from tui.paths import database_path


def doc(title: str, body: str, date: str) -> Document:
    text = f"{title}\n\n{body}"
    blocks = [Block("headline", 0, len(title)), Block("paragraph", len(title) + 2, len(text))]
    return Document(text=text, blocks=blocks, title=title, date=date)


# The same report rewritten by two outlets: other words, the same facts, figures and quote.
BRIDGE_A = doc(
    "Rail bridge over the Elbe closed after cracks found in main girder",
    "Engineers closed the 120-year-old rail bridge over the Elbe at Dresden on Tuesday after an "
    "inspection found cracks up to 40 centimetres long in its main steel girder. About 300 trains a "
    'day will be diverted through Riesa for at least six weeks, Deutsche Bahn said. "Safety comes '
    'first, and the bridge will stay shut until every girder has been checked," a spokeswoman said.',
    "2024-05-14T09:00:00+00:00",
)
BRIDGE_B = doc(
    "Dresden's Elbe rail bridge shut as inspectors find girder cracks",
    "Deutsche Bahn shut the 120-year-old rail bridge over the Elbe at Dresden on Tuesday, after "
    "inspectors found cracks up to 40 centimetres long in the main steel girder. Some 300 trains a day "
    'are being diverted through Riesa for at least six weeks. "Safety comes first, and the bridge will '
    'stay shut until every girder has been checked," a company spokeswoman told reporters.',
    "2024-05-14T13:30:00+00:00",
)
# Wire copy, word for word, in three feeds (one feed gives it its own headline).
WIRE = (
    "Central bank raises interest rates by half a point to fight inflation",
    "The central bank raised its main interest rate by half a percentage point to 4.75 percent on "
    "Thursday, its sharpest increase in two decades, as consumer prices rose 7.9 percent in the year "
    "to March. Governor Elena Marsh said further increases could not be ruled out if wage growth "
    "stayed strong, and markets now expect the rate to peak near 5.25 percent by the autumn.",
)
# Two different events about the same famous person, on the same days.
MACRON_PENSIONS = doc(
    "Macron pushes pension reform through parliament without a vote",
    "President Emmanuel Macron used a special constitutional power on Thursday to force his plan to "
    "raise the retirement age from 62 to 64 through the National Assembly without a vote, angering "
    "unions who called new strikes. Opposition lawmakers booed Prime Minister Élisabeth Borne as she "
    "announced the move and said they would table a motion of no confidence in the government.",
    "2023-03-16T15:00:00+00:00",
)
MACRON_CHINA = doc(
    "Macron meets Xi in Beijing and urges China to help end the war in Ukraine",
    "President Emmanuel Macron arrived in Beijing on Thursday for a three-day state visit and asked "
    "President Xi Jinping to use his influence with Russia to bring an end to the war in Ukraine. The "
    "French president, travelling with 50 business leaders, also signed agreements on aviation, "
    "nuclear energy and pork exports, and will meet students in Guangzhou before he leaves on Saturday.",
    "2023-03-16T18:00:00+00:00",
)


@pytest.fixture
def store(tmp_path):
    """A database with four feeds, and a function saving a document as a feed's new item."""
    db = Database(tmp_path / "library.db")
    feeds, articles = FeedRepo(db), ArticleRepo(db)
    feed_ids = [feeds.add(f"https://feed{i}.example/rss", title=f"Feed {i}")[0] for i in range(4)]

    def save(feed: int, key: str, document: Document) -> int:
        (aid,) = articles.save_feed_items(feed_ids[feed], [NewItem(key, document)])
        return aid

    yield Library(db), save, articles
    db.close()


def test_the_same_report_rewritten_by_two_outlets_is_one_story(store):
    library, save, _ = store
    a, b = save(0, "a", BRIDGE_A), save(1, "b", BRIDGE_B)
    (story,) = library.stories()
    assert story.article_ids == (b, a)  # newest first
    assert story.title == BRIDGE_A.title  # the earliest headline
    assert library.story_of(a) == library.story_of(b) == library.story(story.id) == story


def test_identical_wire_copy_in_three_feeds_is_one_story(store):
    library, save, _ = store
    title, body = WIRE
    ids = [
        save(0, "w", doc(title, body, "2024-03-21T12:00:00+00:00")),
        save(1, "w", doc(title, body, "2024-03-21T12:05:00+00:00")),
        save(2, "w", doc("Rates up half a point", body, "2024-03-21T12:20:00+00:00")),
    ]
    (story,) = library.stories()
    assert story.article_ids == tuple(reversed(ids)) and story.title == title


def test_different_events_about_the_same_famous_person_stay_apart(store):
    library, save, _ = store
    pensions, china = save(0, "p", MACRON_PENSIONS), save(1, "c", MACRON_CHINA)
    assert library.stories() == []
    assert library.story_of(pensions).article_ids == (pensions,)
    assert library.story_of(china).article_ids == (china,)
    assert library.story_of(pensions).id != library.story_of(china).id


def test_the_same_event_a_month_apart_is_not_grouped(store):
    library, save, _ = store
    save(0, "a", BRIDGE_A)
    save(1, "b", replace(BRIDGE_B, date="2024-06-14T13:30:00+00:00"))
    save(2, "c", replace(BRIDGE_A, date="2024-06-13T13:30:00+00:00"))
    (story,) = library.stories()  # only the two in June
    assert len(story.article_ids) == 2


def test_a_feed_is_not_grouped_with_itself_and_a_changed_article_is_grouped_again(store):
    library, save, articles = store
    save(0, "a", BRIDGE_A)
    save(0, "b", BRIDGE_B)
    assert library.stories() == []
    changed = save(1, "x", MACRON_CHINA)
    articles.save_feed_items(2, [NewItem("x", BRIDGE_B)])  # the item's text changed in its feed
    assert [len(s.article_ids) for s in library.stories()] == [2]
    assert changed in library.stories()[0].article_ids


def test_the_threshold_sits_between_our_pairs():
    def score(a: Document, b: Document) -> float:
        sets = [similarity.shingles(d.title, similarity.lead(d.text, d.blocks)) for d in (a, b)]
        return similarity.same_event(*sets)

    assert score(BRIDGE_A, BRIDGE_B) >= similarity.SAME_EVENT
    assert score(MACRON_PENSIONS, MACRON_CHINA) < similarity.SAME_EVENT / 2


@pytest.mark.parametrize("start", [3, 6])
def test_an_older_library_is_grouped_once_with_progress(tmp_path, start):
    """Schema 4 brought stories; schema 7 changed their band keys, so it groups everything again."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    for version in range(1, start + 1):
        conn.executescript(f"BEGIN; {MIGRATIONS[version]}; PRAGMA user_version = {version}; COMMIT;")
    conn.execute("DELETE FROM meta")  # its search index was built
    conn.execute("INSERT INTO feeds (url, title, added_at) VALUES ('https://a/rss', 'A', '2024-01-01')")
    conn.execute("INSERT INTO feeds (url, title, added_at) VALUES ('https://b/rss', 'B', '2024-01-01')")

    def insert(key: str, d: Document, feed_id: int | None) -> None:
        blocks = json.dumps([[b.kind, b.start, b.end] for b in d.blocks])
        conn.execute(
            "INSERT INTO articles (key, title, date, text, blocks, hash, added_at, feed_id) "
            "VALUES (?, ?, ?, ?, ?, ?, '2024-06-01', ?)",
            (key, d.title, d.date, d.text, blocks, key, feed_id),
        )

    insert("bridge-a", BRIDGE_A, 1)
    for n in range(2500):
        insert(f"k{n}", doc(f"Note {n}", f"Entry {n}.", "2024-01-01"), None)  # too short to group
    insert("bridge-b", BRIDGE_B, 2)
    insert("macron-a", MACRON_PENSIONS, 1)
    insert("macron-b", MACRON_CHINA, 2)
    conn.commit()
    conn.close()
    seen: list[tuple[int, int]] = []
    with Library.open(path, progress=lambda done, total: seen.append((done, total))) as library:
        assert Database(path).schema_version == SCHEMA_VERSION
        assert seen == [(2000, 2504), (2504, 2504)]
        (story,) = library.stories()
        assert story.article_ids == (2502, 1) and story.title == BRIDGE_A.title
        assert len(library.stories(min_size=1)) == 2503
    seen.clear()
    with Library.open(path, progress=lambda done, total: seen.append((done, total))) as library:
        assert seen == [] and len(library.stories()) == 1  # grouped once


def test_stories_cli_json_lines_and_people(tmp_path):
    r = run("stories", "--json")
    assert (r.returncode, r.stdout, r.stderr) == (0, "", "")
    r = run("stories")  # a person gets a line, not nothing at all
    assert (r.returncode, r.stderr) == (0, "") and r.stdout.startswith("no stories yet:")
    with Library.open(database_path()) as library:
        title, body = WIRE
        library.add_document("file:w1", doc(title, body, "2024-03-21"))
        library.add_document("file:w2", replace(doc(title, body, "2024-03-22"), source="Wire"))
        library.add_document("file:a", BRIDGE_A)
        library.add_document("file:b", BRIDGE_B)
        library.add_document("file:m", MACRON_CHINA)
        expected = [s.to_json() for s in library.stories()]
    r = run("stories", "--json")
    assert r.returncode == 0 and r.stderr == ""
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    assert lines == expected and len(lines) == 2
    for line in lines:
        assert set(line) == {"id", "title", "articles"}
        assert isinstance(line["id"], int) and isinstance(line["title"], str)
        assert len(line["articles"]) == 2 and all(isinstance(i, int) for i in line["articles"])
    assert [line["title"] for line in lines] == [BRIDGE_A.title, WIRE[0]]  # newest story first
    r = run("stories", env={"COLUMNS": "200"})
    assert r.returncode == 0 and r.stderr == ""
    assert BRIDGE_A.title in r.stdout and BRIDGE_B.title in r.stdout and "2024-05-14" in r.stdout
    # A file once opened on its own (newsreader PATH: not listed) is no other source of a story.
    with Library.open(database_path()) as library:
        library.add_document("file:m-copy", MACRON_CHINA, listed=False)
        assert [s.to_json() for s in library.stories()] == expected
    assert "Wire · 2024-03-22" in r.stdout and MACRON_CHINA.title not in r.stdout
    # At 80 columns a source's long title goes on under it, indented, never at the left edge.
    r = run("stories", env={"COLUMNS": "80"})
    titles = {BRIDGE_A.title, WIRE[0]}
    out = r.stdout.splitlines()
    assert all(line.startswith("  ") or line in titles or not line for line in out), out
    assert max(len(line) for line in out) <= 80 and any(line.startswith("    ") for line in out)


def test_a_sketch_made_beside_the_document_is_the_one_made_from_the_stored_text(store):
    """Refresh sends each item's sketch from the parser worker; the store would make the same."""
    library, save, articles = store
    given = similarity.document_sketches([BRIDGE_A])[0]
    assert len(given.band_keys()) == similarity.BANDS
    (a,) = articles.save_feed_items(1, [NewItem("a", BRIDGE_A, sketch=given)])
    b = save(1, "b", BRIDGE_B)
    with articles.db.read() as db:
        rows = {
            r[0]: (r[1], r[2]) for r in db.execute("SELECT article_id, bands, shingles FROM story_members")
        }
    made = similarity.document_sketches([BRIDGE_B])[0]
    assert rows[b] == (
        struct.pack(f"<{similarity.BANDS}q", *made.band_keys()),
        struct.pack(f"<{len(made.shingle_set())}Q", *sorted(made.shingle_set())),
    )
    assert rows[a][1] == given.shingles
    assert library.story_of(a) == library.story_of(b)


def test_an_article_stored_by_another_connection_is_found(tmp_path, store):
    """The band index is per connection: another process's commit makes it read the bands again."""
    library, save, _ = store
    save(0, "x", replace(MACRON_CHINA, date=BRIDGE_A.date))  # this connection reads those days
    other = Database(tmp_path / "library.db")
    feed_id = FeedRepo(other).find("https://feed1.example/rss").id
    (a,) = ArticleRepo(other).save_feed_items(feed_id, [NewItem("a", BRIDGE_A)])
    other.close()
    b = save(2, "b", BRIDGE_B)
    assert library.story_of(a).article_ids == (b, a)


def test_days_beyond_those_read_so_far_are_read_when_needed(tmp_path, store):
    library, save, _ = store
    other = Database(tmp_path / "library.db")  # May, stored before this connection read anything
    feed_id = FeedRepo(other).find("https://feed1.example/rss").id
    (a,) = ArticleRepo(other).save_feed_items(feed_id, [NewItem("a", BRIDGE_A)])
    other.close()
    save(0, "j", replace(BRIDGE_A, date="2024-06-13T13:30:00+00:00"))  # the index reads June
    b = save(2, "b", BRIDGE_B)  # and May once it is needed
    assert library.story_of(a).article_ids == (b, a)


def test_the_band_index_holds_a_bounded_span_of_days(tmp_path, store):
    from tui.core.store.band_index import MAX_SPAN_DAYS

    library, save, articles = store
    a = save(0, "a", BRIDGE_A)  # May 2024
    save(1, "x", replace(MACRON_CHINA, date="2025-05-14T09:00:00+00:00"))  # a year later
    span = articles.db.bands._span
    assert span[1] - span[0] <= MAX_SPAN_DAYS
    b = save(2, "b", BRIDGE_B)  # May 2024 again: read again, found
    assert library.story_of(a).article_ids == (b, a)

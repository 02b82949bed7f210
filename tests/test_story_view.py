"""The story view and reading a story once: our own reports of one event by three outlets, their
analyses written by hand (what the model would give is not what is tested here), in a real SQLite
file. Rows carry their story, marking one source read marks the story, counts count it once."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.test_stories import BRIDGE_A, BRIDGE_B, MACRON_CHINA, WIRE, doc
from tui.core.library import Library
from tui.core.models import Analysis, Document, Quote
from tui.core.store import AnalysisRepo, ArticleRepo, Database, FeedRepo, NewItem
from tui.core.story_view import same_words, speaker_names, words
from tui.ui.views import build_nav, one_per_story

SAFETY = "Safety comes first, and the bridge will stay shut until every girder has been checked,"


def quote(d: Document, text: str, speaker: str | None) -> Quote:
    start = d.text.index(text)
    return Quote(start, start + len(text), text, speaker, "said")


def analysis(library: Library, quotes: list[Quote], summary: list[str]) -> Analysis:
    return Analysis(entities=[], quotes=quotes, summary=summary, version=library.version)


@pytest.fixture
def outlets(tmp_path):
    """Three feeds in one folder; ``save(feed, key, doc, analysis)`` stores an item (and its analysis)."""
    db = Database(tmp_path / "library.db")
    feeds, articles, analyses = FeedRepo(db), ArticleRepo(db), AnalysisRepo(db)
    names = ["Dresden Daily", "Rail Weekly", "Wire Service"]
    ids = [feeds.add(f"https://{n.split()[0].lower()}.example/rss", title=n, folder="News")[0] for n in names]
    library = Library(db)

    def save(feed: int, key: str, d: Document, a: Analysis | None = None) -> int:
        (aid,) = articles.save_feed_items(ids[feed], [NewItem(key, replace(d, source=names[feed]))])
        if a is not None:
            analyses.put(articles.hash(aid), a)
        return aid

    yield library, save
    db.close()


def bridge_pair(library: Library, save) -> tuple[int, int]:
    a = save(
        0,
        "a",
        BRIDGE_A,
        analysis(
            library,
            [quote(BRIDGE_A, SAFETY, "a spokeswoman")],
            [
                BRIDGE_A.text[BRIDGE_A.text.index("Engineers") : BRIDGE_A.text.index("girder.") + 7],
                "About 300 trains a day will be diverted through Riesa for at least six weeks, Deutsche Bahn said.",
            ],
        ),
    )
    b = save(
        1,
        "b",
        BRIDGE_B,
        analysis(
            library,
            [quote(BRIDGE_B, SAFETY, "Deutsche Bahn")],
            [
                BRIDGE_B.text[BRIDGE_B.text.index("Deutsche Bahn shut") : BRIDGE_B.text.index("girder.") + 7],
                "Some 300 trains a day are being diverted through Riesa for at least six weeks.",
            ],
        ),
    )
    return a, b


def test_a_story_view_names_every_source_gathers_quotes_and_repeats_no_sentence(outlets):
    library, save = outlets
    a, b = bridge_pair(library, save)
    c = save(2, "c", replace(BRIDGE_B, date="2024-05-14T15:00:00+00:00"))  # word for word: analysed once
    later = BRIDGE_B.text[len(BRIDGE_B.title) + 2 :] + " Services resume in July."
    d = save(2, "d", doc(BRIDGE_B.title, later, "2024-05-14T16:00:00+00:00"))  # not analysed yet
    story = library.story_of(a)
    view = library.story_view(story.id)
    assert [r.id for r in view.sources] == [d, c, b, a] and view.title == BRIDGE_A.title
    assert view.waiting == (d,)
    # The same words carried by three outlets are one quote naming them all, at the first report,
    # credited to whom most of them credit it.
    ((speaker, quotes),) = [(g.speaker, g.quotes) for g in view.speakers]
    assert len(quotes) == 1 and quotes[0].outlets == ("Dresden Daily", "Rail Weekly", "Wire Service")
    assert quotes[0].article_id == a and BRIDGE_A.text[quotes[0].start : quotes[0].end] == SAFETY
    assert speaker == "Deutsche Bahn"
    # One summary: the two reports say the same two things, so two bullets, each found in its article.
    assert len(view.summary) == 2
    for bullet in view.summary:
        text = library.document(bullet.article_id).text
        assert text[bullet.start : bullet.end] == bullet.text
    assert not same_words(words(view.summary[0].text), words(view.summary[1].text))


def test_short_forms_of_a_speaker_join_the_full_name_unless_two_people_share_it():
    assert speaker_names({"Elena Marsh", "Marsh", "Ana Ruiz"}) == {
        "Elena Marsh": "Elena Marsh",
        "Marsh": "Elena Marsh",
        "Ana Ruiz": "Ana Ruiz",
    }
    assert speaker_names({"Elena Marsh", "John Marsh", "Marsh"})["Marsh"] == "Marsh"


def test_rows_carry_their_story_and_reading_one_source_reads_the_story(outlets):
    library, save = outlets
    a, b = bridge_pair(library, save)
    other = save(0, "m", MACRON_CHINA)
    rows = {r.id: r for r in library.articles()}
    assert rows[a].story == rows[b].story is not None and rows[a].sources == rows[b].sources == 1
    assert rows[other].story is None and rows[other].sources == 0
    assert {r.id: (r.story, r.sources) for r in library.articles(limit=2)} == {
        i: (rows[i].story, rows[i].sources) for i in (a, b)
    }
    assert library.set_read(b) == [b, a]
    assert [r.read for r in library.article_rows([a, b, other])] == [True, True, False]
    assert library.set_read(a, False) == [a, b]
    assert library.set_read(other) == [other]


def test_wire_copy_in_three_feeds_counts_once_and_is_listed_once(outlets):
    library, save = outlets
    title, body = WIRE
    wire = [save(f, "w", doc(title, body, f"2024-03-21T12:0{f}:00+00:00")) for f in range(3)]
    alone = save(0, "m", MACRON_CHINA)
    rows = library.articles()
    shown, stand_ins = one_per_story(rows)
    assert [r.id for r in shown] == [wire[2], alone] and stand_ins == {wire[1]: wire[2], wire[0]: wire[2]}
    assert shown[0].sources == 2
    nodes = {n.name: n for top in build_nav(rows, library.feeds.list()) for n in top.walk()}
    assert (nodes["All articles"].unread, nodes["News"].unread) == (2, 2)
    assert [nodes[n].unread for n in ("Dresden Daily", "Rail Weekly", "Wire Service")] == [2, 1, 1]
    library.set_read(wire[0])
    nodes = {n.name: n for top in build_nav(library.articles(), library.feeds.list()) for n in top.walk()}
    assert (nodes["All articles"].unread, nodes["Wire Service"].unread) == (1, 0)


def test_an_unknown_story_has_no_view(outlets):
    library, _ = outlets
    assert library.story_view(12345) is None

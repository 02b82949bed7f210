"""Wire copy on entity pages: the same text from several outlets is one article on the page (in
its newest source, the others counted), and each of its quotes one quote; another outlet's own
report stays an article of its own. Also in `who` and its JSON."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from tests.helpers import make_doc
from tests.test_cli import run
from tests.test_entity_pages import _mentions, _quote
from tui.core.library import Library
from tui.core.models import Analysis
from tui.core.store import AnalysisRepo, ArticleRepo, Database, FeedRepo, NewItem

OUTLETS = ["Dresden Daily", "Rail Weekly", "Wire Service"]
WIRE = '"The bridge opens in May," said Ana Ruiz, the city engineer, on Monday.'
OWN = "Ana Ruiz walked the new bridge with reporters before it opened to trains."
NAMES = {"Ana Ruiz": ("Ana Ruiz", "PERSON")}


def _library(path) -> Library:
    db = Database(path)
    feeds, articles, analyses = FeedRepo(db), ArticleRepo(db), AnalysisRepo(db)
    library = Library(db)
    ids = [feeds.add(f"https://{n.split()[0].lower()}.example/rss", title=n)[0] for n in OUTLETS]
    for k, (feed, body) in enumerate([(0, WIRE), (1, WIRE), (2, WIRE), (1, OWN)]):
        d = replace(make_doc(("paragraph", body)), title=f"t{k}", date=f"2024-03-2{k}", source=OUTLETS[feed])
        (aid,) = articles.save_feed_items(ids[feed], [NewItem(f"k{k}", d)])
        text = articles.document(aid).text
        quotes = [_quote(text, "The bridge opens in May,", "Ana Ruiz")] if body == WIRE else []
        analyses.put(articles.hash(aid), Analysis(_mentions(text, NAMES), quotes, [], library.version))
    return library


def test_the_same_text_from_three_outlets_is_one_article_and_one_quote(tmp_path):
    with _library(tmp_path / "library.db") as library:
        page = library.entity("Ana Ruiz")
        assert [(a.title, a.source, a.copies) for a in page.articles] == [
            ("t3", "Rail Weekly", 0),
            ("t2", "Wire Service", 2),
        ]
        assert [(q.text, q.source, q.copies) for q in page.said] == [
            ("The bridge opens in May,", "Wire Service", 2)
        ]
        assert page.timeline == (("2024-03-22", 1), ("2024-03-23", 1))


def test_who_names_the_source_and_the_copies(isolated_home):
    from tui.paths import database_path

    _library(database_path()).close()
    r = run("who", "Ana Ruiz", env={"COLUMNS": "120"})
    assert r.returncode == 0, r.stderr
    assert "t2 · Wire Service (+2 sources)" in r.stdout and "t3 · Rail Weekly" in r.stdout
    page = json.loads(run("who", "Ana Ruiz", "--json").stdout)
    assert [a["copies"] for a in page["articles"]] == [0, 2] and page["said"][0]["copies"] == 2


@pytest.mark.parametrize("size", [(140, 40), (80, 24)])
async def test_the_page_shows_where_each_article_was_read_and_its_copies(tmp_path, size):
    """(At 80 columns a column has room for the day and the copies, not the outlet: the day alone
    then, as in the article list, and no row of two lines of date.)"""
    from tests.app_feeds_support import RecordingApp
    from tests.test_app import wait_for
    from tui.ui.screens.entity import EntityScreen, PageList

    library = _library(tmp_path / "library.db")
    app = RecordingApp(library)
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: app.screen.query("#nav"), "the reader")
        app.screen.pages.open_entity("Ana Ruiz", "PERSON")
        await wait_for(pilot, lambda: isinstance(app.screen, EntityScreen) and app.screen.page, "the page")
        await pilot.pause()
        articles = app.screen.query_one("#entity-articles", PageList)
        shown = [" ".join(str(articles.get_option_at_index(n).prompt).split()) for n in range(2)]
        if size[0] >= 140:
            assert "Rail Weekly" in shown[0] and "Wire Service +2 sources" in shown[1], shown
        else:
            assert "Weekly" not in shown[0] and "2024 +2 sources t2" in shown[1], shown
        said = app.screen.query_one("#entity-said", PageList)
        quote = " ".join(str(said.get_option_at_index(0).prompt).split())
        assert ("+2 sources" if size[0] >= 140 else "+2") in quote, quote
    library.close()


def test_a_pages_other_forms_are_names_not_the_same_name_with_an_article_or_a_possessive(tmp_path):
    db = Database(tmp_path / "library.db")
    articles, analyses = ArticleRepo(db), AnalysisRepo(db)
    library = Library(db)
    names = {
        "the Harbour Board's": ("Harbour Board", "ORG"),
        "the Harbour Board": ("Harbour Board", "ORG"),
        "the Board": ("Harbour Board", "ORG"),
    }
    body = "The plan was the Harbour Board's, and the Harbour Board agreed. Later the Board met."
    aid = articles.upsert("a", replace(make_doc(("paragraph", body)), title="a"))
    text = articles.document(aid).text
    analyses.put(articles.hash(aid), Analysis(_mentions(text, names), [], [], library.version))
    with library:
        assert library.entity("Harbour Board").aliases == ("Board",)


def test_a_quote_in_an_article_naming_a_place_two_ways_is_one_quote_with_no_copies(tmp_path):
    """An article that says "United States" and "U.S." matches the page twice: its quote about the
    place is listed once, and no other source is counted for it."""
    db = Database(tmp_path / "library.db")
    articles, analyses = ArticleRepo(db), AnalysisRepo(db)
    library = Library(db)
    names = {
        "United States": ("United States", "GPE"),
        "U.S.": ("U.S.", "GPE"),
        "Ana Ruiz": ("Ana Ruiz", "PERSON"),
    }
    body = '"The United States will help," said Ana Ruiz, and the U.S. did.'
    aid = articles.upsert("a", replace(make_doc(("paragraph", body)), title="a"))
    text = articles.document(aid).text
    quotes = [_quote(text, "The United States will help,", "Ana Ruiz")]
    analyses.put(articles.hash(aid), Analysis(_mentions(text, names), quotes, [], library.version))
    with library:
        about = library.entity("United States").said_about
        assert [(q.text, q.copies) for q in about] == [("The United States will help,", 0)]

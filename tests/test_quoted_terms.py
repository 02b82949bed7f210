"""A few words in quotation marks that no person named in the article is said to have said
("green threads", a scare quote, a command, 'It calls the "element" method') are quoted terms, not
speech: the Quotes pane names them on one line instead of listing each as a quote, the counts and the
body's quote marks leave them out, and they are never offered as related quotes or as what someone
said or what was said about them. ``analyze --json`` keeps every quotation as the analysis found it."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from textual.app import App, ComposeResult

from tests.helpers import make_doc
from tests.test_cli import run
from tests.test_entity_pages import _mentions
from tui.core.library import Library
from tui.core.models import Analysis, Entity, Quote
from tui.core.store import AnalysisRepo, ArticleRepo, Database
from tui.ui.widgets.quotes import QuotesPane, terms_line
from tui.ui.widgets.wrapped_list import Note

SPEECH = Quote(0, 30, "We will open the pier in May,", "Ana Ruiz", "said")
TERM = Quote(40, 53, "green  threads", None, None)
SCARE = Quote(60, 65, "fixed", None, None)
LONG = Quote(70, 110, "nobody will pay a cent more for it", None, None)  # four words or more: speech
SHORT_BY_HER = Quote(120, 131, "Absolutely right.", "Ana Ruiz", "said")  # a person said it: speech
SHORT_BY_A_THING = Quote(140, 147, "element", "Nokogiri", "calls")  # a library "calls" a method
PEOPLE = [Entity(200, 208, "Ana Ruiz", "PERSON", "Ana Ruiz"), Entity(210, 218, "Nokogiri", "ORG", "Nokogiri")]


def test_short_quotations_no_person_said_are_terms():
    quotes = [SPEECH, TERM, SCARE, LONG, SHORT_BY_HER, SHORT_BY_A_THING, replace(TERM, start=90)]
    analysis = Analysis(PEOPLE, quotes, [], "v")
    assert analysis.speech == [SPEECH, LONG, SHORT_BY_HER]
    assert analysis.terms == ["green threads", "fixed", "element"]
    assert analysis.is_term(SHORT_BY_A_THING) and not analysis.is_term(SHORT_BY_HER)


def test_words_said_elsewhere_in_the_article_are_no_term():
    """A standfirst's ‘new American moment’, unattributed, is the words the president is quoted
    saying in the text: the quote is listed, and the terms line does not name the same words again."""
    said = Quote(10, 31, "new American moment", "Donald Trump", "promised")
    echo = Quote(40, 61, "New American moment.", None, None)
    analysis = Analysis([Entity(0, 6, "Trump", "PERSON", "Donald Trump")], [echo, said, SCARE], [], "v")
    assert analysis.speech == [said] and analysis.terms == ["fixed"]


def test_the_terms_line_names_each_term_and_counts_the_rest():
    assert terms_line([]) == ""
    assert terms_line(["now", "green threads"]) == "Also in quotation marks: “now” · “green threads”"
    many = [f"term {n}" for n in range(15)]
    assert terms_line(many).endswith("“term 11” and 3 more")


class _PaneApp(App):
    def compose(self) -> ComposeResult:
        yield QuotesPane(id="quotes")


async def test_the_pane_lists_speech_and_names_terms_on_one_line():
    app = _PaneApp()
    async with app.run_test(size=(80, 30)) as pilot:
        pane = app.query_one(QuotesPane)
        analysis = Analysis(PEOPLE, [SPEECH, TERM, SCARE, LONG], [], "v")
        pane.show_quotes(analysis.speech, analysis.terms)
        await pilot.pause()
        assert pane.quotes == [SPEECH, LONG]
        notes = [pane.item_of(o.id or "") for o in pane.options if o.disabled]
        assert Note("Also in quotation marks: “green threads” · “fixed”") in notes
        pane.show_quotes([], ["green threads"])
        await pilot.pause()
        shown = [str(pane.item_of(o.id or "")) for o in pane.options]
        assert any("No direct quotes" in s for s in shown)
        assert not any(isinstance(pane.item_of(o.id or ""), Quote) for o in pane.options)


def test_terms_are_no_related_quotes_and_nothing_said_by_or_about_anyone(tmp_path):
    db = Database(tmp_path / "library.db")
    articles, analyses = ArticleRepo(db), AnalysisRepo(db)
    library = Library(db)
    names = {
        "Ana Ruiz": ("Ana Ruiz", "PERSON"),
        "Ruiz": ("Ana Ruiz", "PERSON"),
        "Porto Board": ("Porto Board", "ORG"),
    }
    texts = {
        "pier": 'Ana Ruiz opened the pier. "The pier is open to all," Ruiz said.',
        "cafe": 'Ana Ruiz came by. The "Ruiz rules" sign and "Ruiz said so, friends" are all over the cafe. '
        'The Porto Board calls it "Ruiz time" now.',
    }
    ids, docs = {}, {}
    for key, body in texts.items():
        ids[key] = articles.upsert(key, replace(make_doc(("paragraph", body)), title=key))
        docs[key] = articles.document(ids[key])
    pier_text, cafe_text = docs["pier"].text, docs["cafe"].text

    def quote(text: str, words: str, speaker: str | None) -> Quote:
        start = text.index(words)
        return Quote(start, start + len(words), words, speaker, "said" if speaker else None)

    pier = Analysis(
        _mentions(pier_text, names),
        [quote(pier_text, "The pier is open to all,", "Ana Ruiz")],
        [],
        library.version,
    )
    cafe_quotes = [
        quote(cafe_text, "Ruiz rules", None),
        quote(cafe_text, "Ruiz said so, friends", None),
        quote(cafe_text, "Ruiz time", "Porto Board"),  # a name the board uses, not what it said
    ]
    cafe = Analysis(_mentions(cafe_text, names), cafe_quotes, [], library.version)
    analyses.put(articles.hash(ids["pier"]), pier)
    analyses.put(articles.hash(ids["cafe"]), cafe)
    with library:
        related = [r.quote.text for r in library.related_quotes(ids["pier"], pier)]
        assert related == ["Ruiz said so, friends"]  # four words: speech; "Ruiz rules" is a term
        page = library.entity("Ana Ruiz")
        assert [q.text for q in page.said_about] == ["Ruiz said so, friends"]
        assert library.entity("Porto Board").said == ()


@pytest.mark.slow
def test_the_report_names_terms_and_the_json_keeps_every_quotation(tmp_path):
    story = tmp_path / "threads.txt"
    story.write_text(
        'Go and threads\n\nThe runtime schedules so-called "green threads" on a few system threads. Mayor Ana '
        'Ruiz said, "We will open the pier in May, and everyone is welcome."\n',
        encoding="utf-8",
    )
    report = run("analyze", str(story))
    assert report.returncode == 0, report.stderr
    assert "Also in quotation marks: “green threads”" in report.stdout
    assert "“green threads” —" not in report.stdout
    lines = run("analyze", "--json", str(story)).stdout.splitlines()
    assert "green threads" in [q["text"] for q in json.loads(lines[0])["quotes"]]

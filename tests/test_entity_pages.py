"""Entity pages: one person across the library (articles, what they said, what was said about
them, who is named alongside), the `who` command's contract, and pages over analyses stored
before quote texts were indexed."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from tests.helpers import make_doc
from tests.test_cli import run
from tui.core.library import Library
from tui.core.models import Analysis, Entity, Quote
from tui.core.store import AnalysisRepo, ArticleRepo, Database

TRAM = (
    '"It is a great day for the city," said Mayor Ana Ruiz. Councillor Tomas Berg of Porto Vale '
    'disagreed: "Ruiz is rushing this," Berg said.'
)
FERRY = '"The ferry is back," said Ruiz in Porto Vale on Monday.'
MARKET = "The market in Lisbon opens on Saturdays, Tomas Berg said."


def _mentions(text: str, names: dict[str, tuple[str, str]]) -> list[Entity]:
    out = []
    for form, (canonical, label) in names.items():
        start = 0
        while (start := text.find(form, start)) >= 0:
            if not any(e.start <= start < e.end for e in out):
                out.append(Entity(start, start + len(form), form, label, canonical))
            start += len(form)
    return out


NAMES = {
    "Mayor Ana Ruiz": ("Ana Ruiz", "PERSON"),
    "Ruiz": ("Ana Ruiz", "PERSON"),
    "Tomas Berg": ("Tomas Berg", "PERSON"),
    "Berg": ("Tomas Berg", "PERSON"),
    "Porto Vale": ("Porto Vale", "GPE"),
    "Lisbon": ("Lisbon", "GPE"),
}


def _quote(text: str, quoted: str, speaker: str) -> Quote:
    start = text.find(quoted)
    return Quote(start, start + len(quoted), quoted, speaker, "said")


@pytest.fixture
def people(tmp_path):
    db = Database(tmp_path / "library.db")
    articles, analyses = ArticleRepo(db), AnalysisRepo(db)
    library = Library(db)
    ids = {}
    for key, body, date, quotes in (
        (
            "tram",
            TRAM,
            "2024-03-10",
            [("It is a great day for the city,", "Ana Ruiz"), ("Ruiz is rushing this,", "Tomas Berg")],
        ),
        ("ferry", FERRY, "2024-03-12", [("The ferry is back,", "Ana Ruiz")]),
        ("market", MARKET, "2024-03-12", []),
    ):
        doc = replace(make_doc(("paragraph", body)), title=key.title(), date=date)
        ids[key] = articles.upsert(key, doc)
        doc = articles.document(ids[key])
        analysis = Analysis(
            _mentions(doc.text, NAMES), [_quote(doc.text, q, s) for q, s in quotes], [], library.version
        )
        analyses.put(articles.hash(ids[key]), analysis)
    with library:
        yield library, ids


def test_a_page_gathers_the_person_across_articles(people):
    library, ids = people
    page = library.entity("Ruiz")  # a short form finds the full name
    assert page is not None and (page.name, page.label) == ("Ana Ruiz", "PERSON")
    assert set(page.aliases) == {"Mayor Ana Ruiz", "Ruiz"}
    assert [a.id for a in page.articles] == [ids["ferry"], ids["tram"]]  # newest first
    tram = library.document(ids["tram"])
    first = next(a for a in page.articles if a.id == ids["tram"])
    assert tram.text[first.start :].startswith("Mayor Ana Ruiz")  # opening goes to the first mention
    assert [q.text for q in page.said] == ["The ferry is back,", "It is a great day for the city,"]
    for q in page.said:
        assert library.document(q.article_id).text[q.start : q.end] == q.text
    assert [(q.text, q.speaker) for q in page.said_about] == [("Ruiz is rushing this,", "Tomas Berg")]
    assert [(n.name, n.count) for n in page.neighbours] == [("Porto Vale", 2), ("Tomas Berg", 1)]
    assert page.timeline == (("2024-03-10", 1), ("2024-03-12", 1))


def test_the_json_page_is_the_contract(people):
    library, ids = people
    data = library.entity("Tomas Berg").to_json()
    assert set(data) == {"name", "label", "aliases", "articles", "said", "said_about", "with"}
    assert [a["id"] for a in data["articles"]] == [ids["market"], ids["tram"]]
    assert set(data["articles"][0]) == {"id", "title", "date", "source", "copies"}
    assert data["said"] == [
        {
            "article_id": ids["tram"],
            "text": "Ruiz is rushing this,",
            "date": "2024-03-10",
            "source": None,
            "copies": 0,
        }
    ]
    assert data["said_about"] == []  # Ana Ruiz's quote there does not name him
    assert {"name": "Ana Ruiz", "label": "PERSON", "count": 1} in data["with"]


def test_names_lookup_suggestions_and_the_palette(people):
    library, _ = people
    assert library.entity("Nobody Here") is None
    assert library.closest_entities("Ana Ruis") == ["Ana Ruiz"]
    assert ("Porto Vale", "GPE") in library.entities_like("port")


def test_analyses_stored_before_quote_texts_were_indexed(people):
    library, ids = people
    db = Database(library.path)
    with db.transaction() as conn:
        conn.execute("UPDATE quote_index SET text = NULL, qstart = NULL, qend = NULL")
    db.close()
    page = library.entity("Ana Ruiz")
    assert [q.text for q in page.said] == ["The ferry is back,", "It is a great day for the city,"]
    assert all(q.start is not None for q in page.said)


def test_who_on_the_command_line(isolated_home):
    from tests.seed_analyses import install
    from tui.paths import database_path, seeds_dir

    with Library.open(database_path()) as library:
        library.seed(seeds_dir())
        install(library)
    r = run("who", "Obama", "--json")
    assert r.returncode == 0 and r.stderr == ""
    page = json.loads(r.stdout)
    assert page["name"] == "Barack Obama" and page["label"] == "PERSON" and page["articles"] and page["said"]
    r = run("who", "Obma")
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.count("\n") == 1 and "did you mean Barack Obama" in r.stderr
    r = run("who", "Putin")
    assert r.returncode == 0 and "Vladimir Putin" in r.stdout and "What they said" in r.stdout
    # At 80 columns a long title or quote wraps under its own indent, never at the left edge
    # (where it read as a line of its own).
    r = run("who", "Obama", env={"COLUMNS": "80"})
    body = r.stdout.split("\n\n", 1)[1].splitlines()
    titles = {"Articles", "What they said", "Said about them", "Named alongside"}
    assert all(line.startswith("  ") or line in titles or not line for line in body), body
    assert max(len(line) for line in body) <= 80 and len(body) > 12
    # A place is not quoted: its page counts what was said in its name, and is said "about it".
    r = run("who", "United States", env={"COLUMNS": "80"})
    assert r.returncode == 0 and r.stdout.startswith("United States")
    assert "quoted" not in r.stdout and "in its name" in r.stdout.splitlines()[2]
    assert "Said about it" in r.stdout and "Said about them" not in r.stdout


def test_a_name_typed_means_the_entity_most_articles_name(tmp_path):
    """The exact name wins unless a name holding it is named in many more articles: "Vale" tagged an
    organisation once means Porto Vale, named in four; "Lisbon" stays the exact place."""
    db = Database(tmp_path / "library.db")
    articles, analyses = ArticleRepo(db), AnalysisRepo(db)
    library = Library(db)
    names = {"Porto Vale": ("Porto Vale", "GPE"), "Lisbon Vale": ("Lisbon Vale", "GPE")}
    bodies = [f"Porto Vale opens pier {n}." for n in range(4)] + [
        "Vale said no.",
        "Lisbon Vale wins.",
        "Lisbon rests.",
    ]
    for i, body in enumerate(bodies):
        key = f"a{i}"
        own = {"Vale": ("Vale", "ORG")} if body.startswith("Vale") else {}
        if body == "Lisbon rests.":
            own = {"Lisbon": ("Lisbon", "GPE")}
        aid = articles.upsert(key, replace(make_doc(("paragraph", body)), title=key))
        doc = articles.document(aid)
        analyses.put(
            articles.hash(aid), Analysis(_mentions(doc.text, {**names, **own}), [], [], library.version)
        )
    with library:
        assert library.entity("Vale").name == "Porto Vale"
        assert library.entity("Lisbon").name == "Lisbon"


def test_a_person_page_gathers_the_articles_that_give_only_the_family_name(tmp_path):
    """'Obama' alone, in articles that never say 'Barack', is Barack Obama's when the library names
    nobody else Obama (on his page, for `who Obama` and in a person: search, so in following him);
    'Reyes' stays its own page when two people share it."""
    db = Database(tmp_path / "library.db")
    articles, analyses = ArticleRepo(db), AnalysisRepo(db)
    library = Library(db)
    bodies = {
        "a": ("Ana Ruiz opened the pier.", {"Ana Ruiz": ("Ana Ruiz", "PERSON")}, []),
        "b": ("Ana Ruiz spoke again.", {"Ana Ruiz": ("Ana Ruiz", "PERSON")}, []),
        "c": (
            '"The pier is ours," Ruiz said.',
            {"Ruiz": ("Ruiz", "PERSON")},
            [("The pier is ours,", "Ruiz")],
        ),
        "d": (
            "Tom Reyes and Luis Reyes met Reyes.",
            {
                "Tom Reyes": ("Tom Reyes", "PERSON"),
                "Luis Reyes": ("Luis Reyes", "PERSON"),
                "Reyes": ("Reyes", "PERSON"),
            },
            [],
        ),
    }
    for key, (body, names, quotes) in bodies.items():
        aid = articles.upsert(key, replace(make_doc(("paragraph", body)), title=key))
        text = articles.document(aid).text
        found = [_quote(text, q, s) for q, s in quotes]
        analyses.put(articles.hash(aid), Analysis(_mentions(text, names), found, [], library.version))
    with library:
        page = library.entity("Ana Ruiz")
        assert sorted(a.title for a in page.articles) == ["a", "b", "c"]
        assert [q.text for q in page.said] == ["The pier is ours,"]
        assert library.entity("Ruiz").name == "Ana Ruiz"
        assert library.entity("Reyes").name == "Reyes"
        assert [a.title for a in library.entity("Tom Reyes").articles] == ["d"]
        # following her (a saved search person:"Ana Ruiz") lists the same articles
        assert sorted(h.title for h in library.search('person:"Ana Ruiz"')) == ["a", "b", "c"]


def test_a_name_and_its_initials_are_one_page(tmp_path):
    """'U.S.' and 'US' alone are the United States' when the library holds no other place with those
    initials: on its page (and not beside itself), for `who U.S.`, in a place: search, and beside
    another name once; 'AP' stays its own when two organisations spell it."""
    db = Database(tmp_path / "library.db")
    articles, analyses = ArticleRepo(db), AnalysisRepo(db)
    library = Library(db)
    gpe = {"United States": ("United States", "GPE"), "Porto Vale": ("Porto Vale", "GPE")}
    bodies = {
        "a": ("The United States and Porto Vale signed.", gpe),
        "b": ("The U.S. and Porto Vale met.", {"U.S.": ("U.S.", "GPE"), **gpe}),
        "c": ("US troops left.", {"US": ("US", "GPE")}),
        "d": (
            "Ana Ruiz of Porto Vale went to the U.S. and the United States Congress.",
            {
                "U.S.": ("U.S.", "GPE"),
                "Porto Vale": ("Porto Vale", "GPE"),
                "United States Congress": ("United States Congress", "ORG"),
            },
        ),
        "f": ("The United States, the U.S. and Porto Vale.", {"U.S.": ("U.S.", "GPE"), **gpe}),
        "e": (
            "Associated Press and Apex Partners and AP.",
            {
                "Associated Press": ("Associated Press", "ORG"),
                "Apex Partners": ("Apex Partners", "ORG"),
                "AP": ("AP", "ORG"),
            },
        ),
    }
    for key, (body, names) in bodies.items():
        aid = articles.upsert(key, replace(make_doc(("paragraph", body)), title=key))
        text = articles.document(aid).text
        analyses.put(articles.hash(aid), Analysis(_mentions(text, names), [], [], library.version))
    with library:
        page = library.entity("United States")
        assert sorted(a.title for a in page.articles) == ["a", "b", "c", "d", "f"]
        assert {"U.S.", "US"} <= set(page.aliases)
        # (an article naming it both ways counts once for the names alongside)
        assert [(n.name, n.count) for n in page.neighbours if n.name == "Porto Vale"] == [("Porto Vale", 4)]
        assert all(n.name not in ("U.S.", "US") for n in page.neighbours)
        assert library.entity("U.S.").name == "United States"
        assert library.entity("US").name == "United States"
        assert sorted(h.title for h in library.search('place:"United States"')) == ["a", "b", "c", "d", "f"]
        beside = [(n.name, n.count) for n in library.entity("Porto Vale").neighbours if n.label == "GPE"]
        assert beside == [("United States", 4)]  # a and f, and b and d by its initials
        assert library.entity("AP").name == "AP"
        assert [a.title for a in library.entity("Associated Press").articles] == ["e"]


def test_who_wraps_a_long_title_under_the_title_not_where_an_article_starts(isolated_home):
    """At 80 columns a title's second line began at the articles' own indent, where it read as
    an article of its own (with no date); it goes on under the title, a quote under the quote."""
    import re

    from tests.seed_analyses import install
    from tui.paths import database_path, seeds_dir

    with Library.open(database_path()) as library:
        library.seed(seeds_dir())
        install(library)
    r = run("who", "Obama", env={"COLUMNS": "80"})
    sections = r.stdout.split("\n\n")
    articles = next(s for s in sections if s.startswith("Articles\n")).splitlines()[1:]
    assert any(line.startswith(" " * 14) for line in articles), articles  # one title wraps
    assert all(re.match(r"  \d{4}-\d\d-\d\d  \S", line) or line.startswith(" " * 14) for line in articles)
    said = next(s for s in sections if s.startswith("What they said\n")).splitlines()[1:]
    assert all(line.startswith("  “") or line.startswith("    ") for line in said), said
    assert max(len(line) for section in sections for line in section.splitlines()) <= 80

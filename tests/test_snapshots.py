"""Snapshot tests of the canonical screens (pytest-textual-snapshot).

Deterministic: a fixed terminal size, an isolated NEWSREADER_HOME, no clock anywhere in the UI,
and a library of our own short articles whose analyses are stored up front (real Store and
Library, nothing left to analyse). The analyses are written here rather than computed so the
snapshots change when the UI changes, not whenever the analyser improves. Update with
``pytest tests/test_snapshots.py --snapshot-update`` and look at the SVGs before committing.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from tests.test_app import finish_workers
from tui.core.config import Settings
from tui.core.library import Library
from tui.core.models import Analysis, Block, Document, Entity, Quote
from tui.core.store import AnalysisRepo, ArticleRepo, Database, FeedRepo, NewItem
from tui.paths import database_path
from tui.ui.app import NewsApp

# Read as soon as opened (the old default): a 2 s timer must not race the snapshot.
ON_OPEN = Settings(mark_read_after=0.0)

SIZE = (140, 40)

# (kind, text) blocks of our own example articles, newest first.
TRAM = [
    ("headline", "Harbour city approves new tram line after two years of debate"),
    ("standfirst", "Council votes 9 to 4 for the €120 million plan"),
    ("standfirst", "Construction is due to start in the spring of 2025"),
    (
        "paragraph",
        "The city council of Porto Vale approved a new tram line on Tuesday, ending two years of "
        "argument over its route and its cost.",
    ),
    (
        "paragraph",
        '"This is the biggest investment in public transport in a generation," said Mayor Ana Ruiz '
        "after the vote. The line will link the harbour to the university, a trip that now takes "
        "40 minutes by bus.",
    ),
    ("caption", "Mayor Ana Ruiz speaks to reporters outside the town hall."),
    ("credit", "Photo: Example Agency"),
    ("promo", "Sign up for our morning newsletter"),
    ("subhead", "Opposition warns of delays"),
    (
        "paragraph",
        'Councillor Tomas Berg of the Green Party called the plan "too slow and too expensive" and '
        "asked for an independent review before any contract is signed.",
    ),
    (
        "paragraph",
        "The European Investment Bank has offered a loan covering 40% of the cost, according to "
        "the council's finance office.",
    ),
]
CAMPUS = [
    ("headline", "University plans a new gate for the tram stop"),
    (
        "paragraph",
        'The University of Porto Vale will open a new gate beside the planned tram stop. "Students '
        'should not have to walk around the whole campus," said Ana Ruiz on Wednesday.',
    ),
]
MARKUP = [
    ("headline", "[bold]Markup[/b] in a [@click=app.quit]headline[/] stays text"),
    ("paragraph", "Square brackets such as [red]this[/red] are shown as written."),
]

ENTITIES = {
    "Porto Vale": "GPE",
    "Tuesday": "DATE",
    "Wednesday": "DATE",
    "two years": "DATE",
    "Ana Ruiz": "PERSON",
    "Tomas Berg": "PERSON",
    "the Green Party": "ORG",
    "Example Agency": "ORG",
    "The European Investment Bank": "ORG",
    "The University of Porto Vale": "ORG",
    "40 minutes": "TIME",
    "40%": "PERCENT",
    "€120 million": "MONEY",
    "the spring of 2025": "DATE",
}


def _document(blocks: list[tuple[str, str]], **meta: str) -> Document:
    text, out, pos = "", [], 0
    for kind, body in blocks:
        if text:
            text += "\n\n"
            pos += 2
        out.append(Block(kind, pos, pos + len(body)))
        text += body
        pos += len(body)
    return Document(text=text, blocks=out, title=blocks[0][1], **meta)


def _analysis(doc: Document, version: str, quotes: list[tuple[str, str]], summary: list[str]) -> Analysis:
    entities = []
    for name, label in ENTITIES.items():
        start = doc.text.find(name)
        while start >= 0:
            # "Porto Vale" inside "The University of Porto Vale" belongs to the longer name.
            inside = any(e.start <= start < e.end for e in entities)
            if not inside:
                entities.append(Entity(start, start + len(name), name, label, name))
            start = doc.text.find(name, start + 1)
    entities.sort(key=lambda e: e.start)
    found = []
    for text, speaker in quotes:
        start = doc.text.index(text)
        found.append(Quote(start, start + len(text), text, speaker or None, "said" if speaker else None))
    return Analysis(entities=entities, quotes=found, summary=summary, version=version)


@pytest.fixture
def example_library(isolated_home):
    path = database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    library = Library.open(path)
    store = Database(path)
    analyses = AnalysisRepo(store)
    articles = [
        (
            "example:markup",
            _document(MARKUP, source="[i]Example Feed[/i]", date="2024-03-10"),
            [],
            ["Square brackets such as [red]this[/red] are shown as written."],
        ),
        (
            "example:campus",
            _document(CAMPUS, source="Campus News", date="2024-03-15T09:30:00"),
            [("Students should not have to walk around the whole campus,", "Ana Ruiz")],
            ["The University of Porto Vale will open a new gate beside the planned tram stop."],
        ),
        (
            "example:tram",
            _document(
                TRAM,
                source="The Example Herald",
                date="2024-03-16",
                attribution="Example article written for newsreader's tests; free to reuse (CC0).",
            ),
            [
                ("This is the biggest investment in public transport in a generation,", "Ana Ruiz"),
                ("too slow and too expensive", "Tomas Berg"),
            ],
            [
                "The city council of Porto Vale approved a new tram line on Tuesday, ending two years "
                "of argument over its route and its cost.",
                'Councillor Tomas Berg of the Green Party called the plan "too slow and too expensive" '
                "and asked for an independent review before any contract is signed.",
            ],
        ),
    ]
    for key, doc, quotes, summary in articles:
        article_id = library.add_document(key, doc)
        analyses.put(ArticleRepo(store).hash(article_id), _analysis(doc, library.version, quotes, summary))
    store.close()
    assert library.unanalysed() == []
    with library:
        yield library


FERRY = [
    ("headline", "Ferry service returns to the old harbour"),
    ("paragraph", "The ferry between the two piers of Porto Vale runs again from Tuesday."),
]
MARKET = [
    ("headline", "Harbour market opens on Saturdays"),
    ("paragraph", "Fishermen will sell their catch on the quay every Saturday morning."),
]
TREES = [
    ("headline", "Volunteers plant forty trees along the north path"),
    ("paragraph", "The community garden planted forty oak and lime trees on Tuesday."),
]


@pytest.fixture
def feeds_library(example_library):
    """The example library plus feeds: two in a folder, one loose whose last refresh failed."""
    library, store = example_library, Database(example_library.path)
    feeds, articles, analyses = FeedRepo(store), ArticleRepo(store), AnalysisRepo(store)
    town, _ = feeds.add("https://example.com/harbour.xml", title="Harbour Gazette", folder="Town")
    garden, _ = feeds.add("https://example.com/garden.xml", title="Garden Club", folder="Town")
    broken, _ = feeds.add("https://example.com/broken.xml", title="[b]Broken[/b] Feed")
    for feed_id, items in (
        (town, [("f1", FERRY, "2024-03-18"), ("f2", MARKET, "2024-03-17")]),
        (garden, [("t1", TREES, "2024-03-12")]),
    ):
        new = [
            NewItem(
                guid,
                _document(
                    blocks, source=feeds.find(feed_id).title, date=day, url=f"https://example.com/{guid}"
                ),
            )
            for guid, blocks, day in items
        ]
        for article_id in articles.save_feed_items(feed_id, new, fetched_at="2024-03-18T08:00:00+00:00"):
            doc = articles.document(article_id)
            analyses.put(
                articles.hash(article_id),
                _analysis(doc, library.version, [], [doc.block_text(doc.blocks[1])]),
            )
    feeds.record_refresh(broken, error="HTTP 500 Internal Server Error")
    store.close()
    assert library.unanalysed() == []
    return library


async def _settled(pilot: Pilot) -> None:
    """Until no worker runs: the library loaded, the article read, its related quotes found."""
    app = pilot.app
    for _ in range(200):
        await finish_workers(app)
        await pilot.pause()
        if not any(w.is_running for w in app.workers):
            return


def test_main_screen(snap_compare, example_library):
    assert snap_compare(NewsApp(example_library, settings=ON_OPEN), terminal_size=SIZE, run_before=_settled)


def test_main_screen_reading(snap_compare, example_library):
    """Body focused, the third entity mention marked."""

    async def read(pilot: Pilot) -> None:
        await _settled(pilot)
        await pilot.press("tab", "right_square_bracket", "right_square_bracket", "right_square_bracket")
        await pilot.pause()

    assert snap_compare(NewsApp(example_library, settings=ON_OPEN), terminal_size=SIZE, run_before=read)


def test_main_screen_highlighting_off(snap_compare, example_library):
    async def off(pilot: Pilot) -> None:
        await _settled(pilot)
        await pilot.press("h")
        await pilot.pause()

    assert snap_compare(NewsApp(example_library, settings=ON_OPEN), terminal_size=SIZE, run_before=off)


def test_markup_article(snap_compare, example_library):
    markup = next(r.id for r in example_library.articles() if r.title.startswith("[bold]"))

    async def settle(pilot: Pilot) -> None:
        await _settled(pilot)

    app = NewsApp(example_library, settings=ON_OPEN, open_article=markup)
    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


def test_help_screen(snap_compare, example_library):
    async def help_(pilot: Pilot) -> None:
        await _settled(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(NewsApp(example_library, settings=ON_OPEN), terminal_size=SIZE, run_before=help_)


def test_main_screen_narrow(snap_compare, example_library):
    """An 80x24 terminal: quotes and summary move under the article."""
    assert snap_compare(
        NewsApp(example_library, settings=ON_OPEN), terminal_size=(80, 24), run_before=_settled
    )


def test_feeds_screen(snap_compare, feeds_library):
    """The tree with a folder, unread counts and a failed feed; the failed feed chosen."""

    async def choose_broken(pilot: Pilot) -> None:
        await _settled(pilot)
        await pilot.press("shift+tab", "G")
        await _settled(pilot)

    assert snap_compare(
        NewsApp(feeds_library, settings=ON_OPEN), terminal_size=SIZE, run_before=choose_broken
    )


def test_add_feed_dialog(snap_compare, feeds_library):
    """The add dialog refusing a non-web address as it is typed."""

    async def add(pilot: Pilot) -> None:
        await _settled(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"ftp://example.com/feed")
        await pilot.pause()

    assert snap_compare(NewsApp(feeds_library, settings=ON_OPEN), terminal_size=SIZE, run_before=add)


def test_open_link_dialog(snap_compare, feeds_library):
    async def open_link(pilot: Pilot) -> None:
        await _settled(pilot)
        await pilot.press("o")
        await finish_workers(pilot.app)
        await pilot.pause()

    assert snap_compare(NewsApp(feeds_library, settings=ON_OPEN), terminal_size=SIZE, run_before=open_link)

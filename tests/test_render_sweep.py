"""Render sweep: every feed of the shared corpora, parsed, stored and drawn by the real widgets,
puts no terminal control character on the screen (ESC, C0, DEL, C1, bidi overrides).

Each file of ``corpora/real-feeds`` and ``corpora/hostile`` goes through ``parse_feed`` and into a
real library (one subscription per file, its error kept when it failed); then the feeds tree,
the article list, every article body and each feed error in the status line are rendered line by
line in ``app.run_test``, with screenshots exported along the way. Skipped without ../shared.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.strip import Strip
from textual.widget import Widget

from tui.core.feeds import item_to_document, parse_feed
from tui.core.library import Library
from tui.core.store import ArticleRepo, Database, FeedRepo, NewItem
from tui.ui.app import NewsApp
from tui.ui.status import AnalysisState, StatusLine, status_line
from tui.ui.views import build_nav, feed_key
from tui.ui.widgets.article_body import ArticleBody
from tui.ui.widgets.article_list import ArticleList
from tui.ui.widgets.feed_tree import FeedTree
from tui.ui.widgets.status import StatusText

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPORA = [SHARED / "corpora" / "real-feeds", SHARED / "corpora" / "hostile"]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not all(c.is_dir() for c in CORPORA), reason="needs ../shared/corpora"),
]

# What must never reach the terminal: C0 (a strip has no newlines or tabs either), DEL, C1,
# and the bidi embedding/override/isolate marks that reorder what follows them.
BAD = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
SCREENSHOT_EVERY = 250


class SweepApp(App[None]):
    """The reader's own widgets and stylesheets, without the analysis around them."""

    CSS_PATH = NewsApp.CSS_PATH

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            with Vertical(id="nav"):
                yield FeedTree(id="feeds")
                yield ArticleList(id="articles")
            yield ArticleBody(id="body")
        yield StatusText(id="status")


def corpus_files() -> list[Path]:
    return sorted(p for c in CORPORA for p in c.rglob("*") if p.is_file())


def build_library(path: Path) -> tuple[Library, int]:
    """One subscription per corpus file with its parsed items stored; (library, files)."""
    database = Database(path)
    feeds, articles = FeedRepo(database), ArticleRepo(database)
    files = corpus_files()
    for n, file in enumerate(files):
        url = f"https://feeds.example/{n}/{file.name}"
        parsed = parse_feed(file.read_bytes(), url=url)
        feed_id, _ = feeds.add(url)
        items = [
            NewItem(it.id, item_to_document(it, parsed.title or url), it.is_teaser) for it in parsed.entries
        ]
        articles.save_feed_items(feed_id, items)
        feeds.record_refresh(feed_id, error=parsed.error, warning=parsed.warning, title=parsed.title or None)
    database.close()
    return Library.open(path), len(files)


def pages(widget: Widget, total: int) -> Iterator[Strip]:
    """Every line of a line-API widget's ``total`` content rows, a screenful at a time."""
    height = max(widget.size.height, 1)
    for top in range(0, total, height):
        widget.set_scroll(None, top)  # what the scrollbar would do, without waiting for a frame
        for y in range(min(height, total - top)):
            yield widget.render_line(y)
    widget.set_scroll(None, 0)


def assert_clean(strips: Iterator[Strip], what: str) -> int:
    n = 0
    for strip in strips:
        text = "".join(segment.text for segment in strip)
        bad = BAD.search(text)
        assert bad is None, f"{what}: {bad.group()!r} on screen in {text!r}"
        n += 1
    return n


async def test_every_corpus_title_and_body_renders_without_control_characters(tmp_path):
    library, n_files = build_library(tmp_path / "library.db")
    with library:
        rows, feeds = library.articles(), library.feeds.list()
        assert len(feeds) == n_files and len(rows) > 1000
        assert any(f.error for f in feeds), "the hostile corpus has feeds that fail"
        app = SweepApp()
        async with app.run_test(size=(160, 50)) as pilot:
            tree = app.query_one(FeedTree)
            tree.set_nodes(build_nav(rows, feeds))
            await pilot.pause()
            lines = assert_clean(pages(tree, tree.last_line + 1), "feeds tree")
            assert lines >= len(feeds)
            for feed in feeds:
                node = tree.nav[feed_key(feed.id)]
                assert BAD.search(node.name) is None and BAD.search(node.error or "") is None

            articles = app.query_one(ArticleList)
            articles.set_rows(rows)
            await pilot.pause()
            assert_clean(pages(articles, articles.virtual_size.height), "article list")

            status = app.query_one(StatusText)
            for feed in feeds:
                if feed.error:
                    facts = {"articles": 1, "unread": 1, "analysis": AnalysisState()}
                    status.line = status_line(feed_error=feed.error, **facts)
                    assert isinstance(status.line, StatusLine)
                    await pilot.pause(0)
                    assert_clean(iter([status.render_line(0)]), f"status of {feed.url}")

            body = app.query_one(ArticleBody)
            shown = 0
            for n, row in enumerate(rows):
                body.show(row.id, library.document(row.id), None)
                shown += assert_clean(pages(body, body.virtual_size.height), f"article {row.title!r}")
                if n % SCREENSHOT_EVERY == 0:
                    await pilot.pause()
                    screen = app.export_screenshot()
                    bad = BAD.search(screen.replace("\n", "").replace("\t", ""))
                    assert bad is None, f"{bad.group()!r} in the exported screen at {row.title!r}"
            assert shown > len(rows)

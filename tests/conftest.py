"""Shared fixtures: an isolated NEWSREADER_HOME, a library over a real SQLite file, the model."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.ttrss_server import server, ttrss, ttrss_feeds  # noqa: F401 - the tt-rss fixtures, once

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    """Every test gets its own NEWSREADER_HOME: nothing touches the user's files."""
    home = tmp_path / "home"
    monkeypatch.setenv("NEWSREADER_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def analyzer():
    """The real spaCy pipeline, shared by the whole session; the model loads on first use, so
    tests that never analyse anything never load it."""
    from tui.core.analysis import Analyzer

    return Analyzer()


@pytest.fixture(scope="module")
def quotes(analyzer):
    """Analyse ``text`` and return its quotes, checking every offset on the way (the quote and
    speaker tests)."""
    from tui.core.models import Quote
    from tui.core.reader import parse_text

    def run(text: str) -> list[Quote]:
        doc = parse_text(text)
        found = analyzer.analyze(doc).quotes
        for q in found:
            assert q.text == doc.text[q.start : q.end]
            assert q.text == q.text.strip()
            assert "\n" not in q.text
        return found

    return run


@pytest.fixture(scope="session")
def _analysed_db(tmp_path_factory, analyzer):
    """A library database with every seed analysed, built once and copied per test.

    The analyses are the real pipeline's, saved in tests/data (``python -m tests.seed_analyses``),
    so building this needs no model unless a seed changed since they were saved.
    """
    from tests.seed_analyses import install
    from tui.core.library import Library

    path = tmp_path_factory.mktemp("analysed") / "library.db"
    # Closing the last connection checkpoints the write-ahead log into the file copied below.
    with Library.open(path, analyzer=analyzer) as lib:
        lib.seed(SEEDS)
        stale = install(lib)
        lib.analyze_many(stale)
    return path


@pytest.fixture
def library(isolated_home, analyzer):
    """A freshly seeded library over a real SQLite file in the test's home; nothing analysed yet."""
    from tui.factory import make_library

    lib, _ = make_library(analyzer=analyzer)
    with lib:
        yield lib


@pytest.fixture
def analysed_library(isolated_home, analyzer, _analysed_db):
    """A seeded library with every article's analysis cached (copy of a session-built database);
    the model loads only if a test brings new text to analyse."""
    from tui.core.library import Library
    from tui.paths import database_path

    dest = database_path()
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(_analysed_db, dest)
    with Library.open(dest, analyzer=analyzer) as lib:
        yield lib

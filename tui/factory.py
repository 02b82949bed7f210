"""Build the services and the app: one place used by the CLI, the tests and the benches."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .core.errors import LibraryError
from .core.library import Library
from .paths import database_path, seeds_dir

if TYPE_CHECKING:  # pragma: no cover
    from .core.library import Analyzer


def make_library(
    paths: Sequence[str] = (),
    *,
    db: Path | None = None,
    analyzer: Analyzer | None = None,
    index_later: bool = False,
) -> tuple[Library, list[str]]:
    """The user's library (seeded on first run), or a view of exactly ``paths``.

    Returns the library and the error lines for paths that could not be read. ``index_later``:
    a library from before search or stories is indexed by :meth:`Library.finish_indexing`, not
    here (the app does it after its first paint, showing how far it is).
    Raises :class:`LibraryError` for an unusable database.
    """
    library = Library.open(db or database_path(), analyzer=analyzer, index_later=index_later)
    library.seed(seeds_dir())
    if not paths:
        return library, []
    ids, errors = library.open_files(paths)
    library.scope = ids
    return library, errors


def run_app(paths: Sequence[str] = ()) -> int:
    """Run the app; 2 when nothing given on the command line could be read."""
    try:
        library, errors = make_library(paths, index_later=True)
    except LibraryError as e:
        print(f"newsreader: {e}", file=sys.stderr)
        return 2
    for line in errors:
        print(f"newsreader: {line}", file=sys.stderr)
    if paths and not library.scope:
        print("newsreader: nothing to read", file=sys.stderr)
        return 2
    from .core.config import load_settings
    from .core.ui_state import UiStateFile
    from .paths import config_path, state_path
    from .ui.app import NewsApp

    settings, problems = load_settings(config_path())
    library.feeds.set_per_server_limit(settings.per_server_limit)
    open_article = library.scope[0] if library.scope else None
    NewsApp(
        library,
        open_article=open_article,
        settings=settings,
        settings_problems=problems,
        state_file=UiStateFile(state_path()),
    ).run()
    return 0

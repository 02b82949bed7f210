"""What every command of the command line shares: one-line errors, and opening the library.

Opening a library made before search existed builds its search index once; the progress of
that goes to stderr, on one line rewritten in place when stderr is a terminal.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .core.library import Library


def err(message: str) -> None:
    """One line on stderr, prefixed with the program's name."""
    print(f"newsreader: {message}", file=sys.stderr)


def count(n: int, singular: str, plural: str | None = None) -> str:
    """``n`` and the word it counts: "1 item", "2 items", "0 items"."""
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


def index_progress(done: int, total: int) -> None:
    """Report an existing library being indexed (search index, stories) when it is first opened."""
    tty = sys.stderr.isatty()
    if done >= total:
        print(
            f"{chr(13) if tty else ''}newsreader: library indexed ({count(total, 'article')})",
            file=sys.stderr,
        )
    elif tty:
        print(
            f"\rnewsreader: indexing the library for search and stories… {done}/{total}",
            end="",
            file=sys.stderr,
            flush=True,
        )
    else:
        print(f"newsreader: indexing the library for search and stories… {done}/{total}", file=sys.stderr)


CLI_CACHE_MIB = 8


def run_library_command(fn: Callable[[Library, argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Open the user's library, run ``fn`` over it, close it; 2 when the database is unusable."""
    from .core.errors import LibraryError
    from .core.library import Library
    from .paths import database_path

    try:
        # A command reads or writes most pages once: a small page cache (the app keeps 128 MiB).
        library = Library.open(database_path(), progress=index_progress, cache_mib=CLI_CACHE_MIB)
    except LibraryError as e:
        err(str(e))
        return 2
    with library:
        try:
            return fn(library, args)
        except sqlite3.Error as e:  # (the core's own failures are reported by each command)
            err(database_failure(e))
            return 1


def database_failure(e: sqlite3.Error) -> str:
    """One line for a database error in the middle of a command."""
    text = str(e)
    if "locked" in text or "busy" in text:
        return "the library is busy: another newsreader is writing to it; try again in a moment"
    return f"the library's database failed: {text}"

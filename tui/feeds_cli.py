"""Feed subcommands: add, remove, feeds, import (OPML or newsboat), export, refresh.

Each refusal or failure is one line on stderr; ``add``/``import`` exit 1 when anything was
refused, ``refresh`` exits 0 when it ran (failed feeds are reported and stored, not fatal).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .cli_support import count, err, run_library_command

if TYPE_CHECKING:  # pragma: no cover
    from .core.library import Library
    from .core.models import FeedRow, RefreshReport


def add_feed_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("add", help="subscribe to feeds (each URL is fetched and checked)")
    p.add_argument("urls", nargs="+", metavar="URL")
    p.add_argument("--folder", metavar="F", help="folder to file the feeds under (a/b for nested)")
    p.set_defaults(func=cmd_add)

    p = sub.add_parser("remove", help="unsubscribe from a feed (its items go too)")
    p.add_argument("feed", metavar="URL|ID")
    p.set_defaults(func=cmd_remove)

    p = sub.add_parser("feeds", help="list subscriptions with items, unread, last refresh and error")
    p.add_argument("--json", action="store_true", help="a JSON array, one object per feed")
    p.set_defaults(func=cmd_feeds)

    p = sub.add_parser(
        "import", help="subscribe to the feeds of an OPML file or a newsboat urls file (folders kept)"
    )
    p.add_argument("file", metavar="FILE", help="OPML, or newsboat's urls file (its tags become folders)")
    p.add_argument(
        "--newsboat-cache",
        metavar="PATH",
        help="newsboat's cache.db: fetch the new feeds now and take their read/unread state from it",
    )
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export", help="write subscriptions as OPML 2.0 (stdout without FILE or with -)")
    p.add_argument("file", nargs="?", metavar="FILE")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("refresh", help="fetch new items of all feeds, or of the given ones")
    p.add_argument("urls", nargs="*", metavar="URL")
    p.set_defaults(func=cmd_refresh)


def cmd_add(args: argparse.Namespace) -> int:
    return run_library_command(_add, args)


def _use_settings(library: Library) -> None:
    """What ``config.toml`` says about fetching (``per_server_limit``); each problem one line."""
    from .core.config import load_settings
    from .paths import config_path

    settings, problems = load_settings(config_path())
    for line in problems:
        err(line)
    library.feeds.set_per_server_limit(settings.per_server_limit)


def _add(library: Library, args: argparse.Namespace) -> int:
    from .core.errors import Busy

    _use_settings(library)
    try:
        import asyncio

        added, refusals = asyncio.run(library.feeds.add(args.urls, folder=args.folder))
    except Busy as e:
        err(str(e))
        return 1
    for o in added:
        if o.already_subscribed:
            folder = f", in {args.folder}" if args.folder else ""
            print(f"already subscribed: {o.name} ({count(o.items, 'item')}{folder})")
            continue
        print(f"added {o.name} ({count(o.items, 'item')})")
        if o.warning:
            err(f"warning: {o.url}: {o.warning}")
    for line in refusals:  # (each starts with the URL given: show an empty one as '')
        err(f"refused ''{line}" if line.startswith(": ") else f"refused {line}")
    return 1 if refusals else 0


def cmd_remove(args: argparse.Namespace) -> int:
    return run_library_command(_remove, args)


def _remove(library: Library, args: argparse.Namespace) -> int:
    from .core.errors import Busy

    feed = library.feeds.find(args.feed)
    if feed is None:
        err(f"{args.feed}: no such feed (see 'newsreader feeds')")
        return 1
    try:  # not while another refresh runs (remove takes the refresh lock)
        library.feeds.remove(feed.id)
    except Busy as e:
        err(f"{e}; nothing removed")
        return 1
    print(f"removed {feed.name} ({count(feed.items, 'item')})")
    return 0


def cmd_feeds(args: argparse.Namespace) -> int:
    return run_library_command(_feeds, args)


def _feeds(library: Library, args: argparse.Namespace) -> int:
    rows = library.feeds.list()
    if args.json:
        print(json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=1))
        return 0
    if not rows:
        print("no feeds yet: newsreader add URL, or newsreader import FILE.opml")
        return 0
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, header_style="bold")
    for col in ("id", "title", "folder", "items", "unread", "last refresh", "error"):
        table.add_column(
            col,
            justify="right" if col in ("id", "items", "unread") else "left",
            no_wrap=col not in ("title", "folder", "error"),  # (numbers and times are not cut)
            # A word too long for the column goes on below rather than end in "…": at 80 columns
            # a folder "Blogs/Personal" read "Blogs/Perso…", what it was lost.
            overflow="fold",
        )
    for r in rows:
        table.add_row(
            str(r.id),
            Text(r.name),
            Text(r.folder or ""),
            str(r.items),
            str(r.unread),
            _when(r.last_refresh),
            Text(r.error or "", style="red"),
        )
    Console().print(table)
    return 0


def _when(stamp: str | None) -> str:
    """A refresh time as the table shows it: local time to the minute ("2026-12-01 15:38"); the
    whole stamp with its offset did not fit 80 columns (``--json`` keeps it whole)."""
    if not stamp:
        return "never"
    from datetime import datetime

    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp


def cmd_import(args: argparse.Namespace) -> int:
    return run_library_command(_import, args)


def _import(library: Library, args: argparse.Namespace) -> int:
    from .core.errors import Busy, NewsboatCacheError

    cache = args.newsboat_cache
    if cache:
        try:  # before anything is subscribed: a wrong path costs nothing
            library.feeds.check_newsboat_cache(cache)
        except NewsboatCacheError as e:
            err(str(e))
            return 2
        try:  # the feeds it adds are fetched at once: not while another refresh runs
            with library.feeds.refresh_lock_held():
                return _import_file(library, args)
        except Busy as e:
            err(f"{e}; nothing imported")
            return 1
    return _import_file(library, args)


def _import_file(library: Library, args: argparse.Namespace) -> int:
    from .core.errors import NewsboatCacheError

    cache = args.newsboat_cache
    result = library.feeds.import_file(args.file)
    if result.error:
        # Errors about the file (missing, unreadable) name it already; those about its content don't.
        named = result.error.startswith(f"{Path(args.file)}:")
        err(result.error if named else f"{args.file}: {result.error}")
        return 1
    if not (result.created or result.existing or result.problems):
        err(f"{args.file}: no feeds in it; nothing imported")
        return 1
    for line in result.problems:
        err(f"skipped {line}")
    # newsboat's saved searches and comments are not feeds: counted, so nothing goes unmentioned.
    left_out = [
        count(n, one, many)
        for n, one, many in ((result.queries, "query", "queries"), (result.comments, "comment", None))
        if n
    ]
    print(
        f"imported {count(result.created, 'new feed')} ({result.existing} already subscribed, "
        f"{len(result.problems)} skipped{'; left out ' + ' and '.join(left_out) if left_out else ''})"
        # (the hint only when there is something new to fetch)
        + (
            ""
            if cache or not result.created
            else f"; run 'newsreader refresh' to fetch {'it' if result.created == 1 else 'them'}"
        )
    )
    status = 1 if result.problems else 0
    if cache and result.feed_ids:
        rows = [r for r in library.feeds.list() if r.id in set(result.feed_ids)]
        refreshed = _fetch(library, rows)
        if isinstance(refreshed, int):
            return refreshed
        try:
            state = library.feeds.read_state_from_newsboat(cache, result.feed_ids)
        except NewsboatCacheError as e:  # gone or replaced since it was checked
            err(str(e))
            return 2
        print(
            f"read state from {cache}: {state.matched} of {count(state.articles, 'article')} found "
            f"there, {state.read} read"
        )
    elif cache:
        err(f"{cache}: no new feeds, so no read state taken (only feeds this import adds get it)")
    return status


def cmd_export(args: argparse.Namespace) -> int:
    return run_library_command(_export, args)


def _export(library: Library, args: argparse.Namespace) -> int:
    text = library.feeds.export_opml()
    if not args.file or args.file == "-":  # (- is standard output, as for most commands)
        sys.stdout.write(text)
        return 0
    try:
        Path(args.file).write_text(text, encoding="utf-8")
    except OSError as e:
        err(f"{args.file}: cannot write ({e.strerror})")
        return 1
    return 0


def cmd_refresh(args: argparse.Namespace) -> int:
    return run_library_command(_refresh, args)


def _refresh(library: Library, args: argparse.Namespace) -> int:
    rows = library.feeds.list()
    if args.urls:
        wanted = []
        for u in args.urls:
            row = library.feeds.find(u)
            if row is None:
                err(f"{u}: not subscribed (newsreader add {u})")
                return 1
            wanted.append(row)
        rows = wanted
    if not rows:
        err("no feeds to refresh: newsreader add URL, or newsreader import FILE.opml")
        return 0
    refreshed = _fetch(library, rows)
    return refreshed if isinstance(refreshed, int) else 0


def _fetch(library: Library, rows: list[FeedRow]) -> RefreshReport | int:
    """Refresh ``rows`` with a progress bar on stderr, then report failures and a summary line;
    the report, or the exit status when the refresh could not run or was interrupted."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .core.errors import Busy

    _use_settings(library)
    console = Console(stderr=True)
    try:
        with Progress(
            TextColumn("refreshing"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        ) as bar:
            task = bar.add_task("feeds", total=len(rows))
            import asyncio

            report = asyncio.run(
                library.feeds.refresh(
                    [r.id for r in rows], lambda done, total, o: bar.update(task, completed=done)
                )
            )
    except Busy as e:
        err(str(e))
        return 1
    except KeyboardInterrupt:
        err("refresh interrupted; feeds already fetched are saved")
        return 130
    for o in report.failed:
        err(f"{o.name}: {o.error}")
    new = len(report.new_ids)
    print(
        f"refreshed {count(len(report.outcomes), 'feed')} in {report.elapsed:.1f} s: {count(new, 'new item')}, "
        f"{len(report.failed)} failed",
        file=sys.stderr,
    )
    return report

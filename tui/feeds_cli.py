"""Feed subcommands: add, remove, feeds, import, export, refresh.

Each refusal or failure is one line on stderr; ``add``/``import`` exit 1 when anything was
refused, ``refresh`` exits 0 when it ran (failed feeds are reported and stored, not fatal).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path


def _err(message: str) -> None:
    print(f"newsreader: {message}", file=sys.stderr)


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

    p = sub.add_parser("import", help="subscribe to the feeds of an OPML file (folders kept)")
    p.add_argument("file", metavar="FILE.opml")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export", help="write subscriptions as OPML 2.0 (stdout without FILE)")
    p.add_argument("file", nargs="?", metavar="FILE")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("refresh", help="fetch new items of all feeds, or of the given ones")
    p.add_argument("urls", nargs="*", metavar="URL")
    p.set_defaults(func=cmd_refresh)


def _store():
    from .core.store import Store
    from .paths import database_path

    return Store(database_path())


def _run_store_command(fn, args) -> int:
    from .core.store import StoreError

    try:
        store = _store()
    except StoreError as e:
        _err(str(e))
        return 2
    try:
        return fn(store, args)
    finally:
        store.close()


def cmd_add(args: argparse.Namespace) -> int:
    return _run_store_command(_add, args)


def _add(store, args) -> int:
    from .core.lock import Busy, RefreshLock
    from .core.refresh import Refresher
    from .paths import data_dir

    try:
        lock = RefreshLock(data_dir() / "refresh.lock").acquire()
    except Busy as e:
        _err(str(e))
        return 1
    refresher = Refresher(store)
    try:
        added, refusals = asyncio.run(refresher.add(args.urls, folder=args.folder))
    finally:
        refresher.close()
        lock.release()
    for o in added:
        print(f"added {o.name} ({o.items} items)")
        if o.warning:
            _err(f"warning: {o.url}: {o.warning}")
    for line in refusals:
        _err(f"refused {line}")
    return 1 if refusals else 0


def cmd_remove(args: argparse.Namespace) -> int:
    return _run_store_command(_remove, args)


def _remove(store, args) -> int:
    from .core.feedstore import FeedStore

    feeds = FeedStore(store)
    feed = feeds.find(args.feed)
    if feed is None:
        _err(f"{args.feed}: no such feed (see 'newsreader feeds')")
        return 1
    feeds.remove(feed.id)
    print(f"removed {feed.name} ({feed.items} items)")
    return 0


def cmd_feeds(args: argparse.Namespace) -> int:
    return _run_store_command(_feeds, args)


def _feeds(store, args) -> int:
    from .core.feedstore import FeedStore

    rows = FeedStore(store).feeds()
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
        table.add_column(col, justify="right" if col in ("id", "items", "unread") else "left")
    for r in rows:
        table.add_row(
            str(r.id),
            Text(r.name),
            Text(r.folder or ""),
            str(r.items),
            str(r.unread),
            r.last_refresh or "never",
            Text(r.error or "", style="red"),
        )
    Console().print(table)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from .core.feeds import read_opml

    result = read_opml(args.file)
    if result.error:
        # Errors about the file (missing, unreadable) name it already; those about its content don't.
        named = result.error.startswith(f"{Path(args.file)}:")
        _err(result.error if named else f"{args.file}: {result.error}")
        return 1
    return _run_store_command(lambda store, a: _import(store, result), args)


def _import(store, result) -> int:
    from .core.feedstore import FeedStore

    feeds = FeedStore(store)
    created = 0
    for f in result.feeds:
        _id, new = feeds.add(f.url, title=f.title or None, folder=f.folder, html_url=f.html_url)
        created += new
    for line in result.problems:
        _err(f"skipped {line}")
    print(
        f"imported {created} new feeds ({len(result.feeds) - created} already subscribed, "
        f"{len(result.problems)} skipped); run 'newsreader refresh' to fetch them"
    )
    return 1 if result.problems else 0


def cmd_export(args: argparse.Namespace) -> int:
    return _run_store_command(_export, args)


def _export(store, args) -> int:
    from .core.feeds import OpmlFeed, export_opml
    from .core.feedstore import FeedStore

    text = export_opml(OpmlFeed(r.url, r.title or "", r.folder, r.html_url) for r in FeedStore(store).feeds())
    if not args.file:
        sys.stdout.write(text)
        return 0
    try:
        Path(args.file).write_text(text, encoding="utf-8")
    except OSError as e:
        _err(f"{args.file}: cannot write ({e.strerror})")
        return 1
    return 0


def cmd_refresh(args: argparse.Namespace) -> int:
    return _run_store_command(_refresh, args)


def _refresh(store, args) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .core.feedstore import FeedStore
    from .core.lock import Busy, RefreshLock
    from .core.refresh import Refresher
    from .paths import data_dir

    feeds = FeedStore(store)
    rows = feeds.feeds()
    if args.urls:
        wanted = []
        for u in args.urls:
            row = feeds.find(u)
            if row is None:
                _err(f"{u}: not subscribed (newsreader add {u})")
                return 1
            wanted.append(row)
        rows = wanted
    if not rows:
        _err("no feeds to refresh: newsreader add URL, or newsreader import FILE.opml")
        return 0
    try:
        lock = RefreshLock(data_dir() / "refresh.lock").acquire()
    except Busy as e:
        _err(str(e))
        return 1
    console = Console(stderr=True)
    refresher = Refresher(store)
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
            report = asyncio.run(
                refresher.refresh(rows, lambda done, total, o: bar.update(task, completed=done))
            )
    except KeyboardInterrupt:
        _err("refresh interrupted; feeds already fetched are saved")
        return 130
    finally:
        refresher.close()
        lock.release()
    for o in report.failed:
        _err(f"{o.name}: {o.error}")
    new = len(report.new_ids)
    print(
        f"refreshed {len(report.outcomes)} feeds in {report.elapsed:.1f} s: {new} new items, "
        f"{len(report.failed)} failed",
        file=sys.stderr,
    )
    return 0

"""``newsreader sync``: set up a Tiny Tiny RSS server, sync with it, show its state.

The password is asked with ``getpass`` (never echoed, never on the command line) or read from
standard input with ``--password-stdin``; it is never printed. Every failure is one line on
stderr: exit 1 when a sync failed (nothing local is lost; queued changes wait), 2 for a setup
that cannot be used.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from .cli_support import count, err, run_library_command

if TYPE_CHECKING:  # pragma: no cover
    from .core.library import Library
    from .core.models import SyncReport


def add_sync_command(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "sync",
        help="sync subscriptions and read/star state with a Tiny Tiny RSS server (setup first)",
        description="Without a subcommand: sync now. `sync setup URL --user NAME` first.",
    )
    p.set_defaults(func=cmd_sync)
    inner = p.add_subparsers(dest="sync_command", metavar="SUBCOMMAND")
    s = inner.add_parser("setup", help="the server to sync with: asks the password, checks the login")
    s.add_argument("url", metavar="URL", help="the tt-rss address, such as https://example.org/tt-rss")
    s.add_argument("--user", required=True, metavar="NAME")
    s.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    s.add_argument("--insecure", action="store_true", help="allow plain http to a server not on this machine")
    s.set_defaults(func=cmd_setup)
    s = inner.add_parser("status", help="the server, the last sync and its error, changes waiting")
    s.set_defaults(func=cmd_status)


def cmd_sync(args: argparse.Namespace) -> int:
    return run_library_command(_sync, args)


def cmd_setup(args: argparse.Namespace) -> int:
    return run_library_command(_setup, args)


def cmd_status(args: argparse.Namespace) -> int:
    return run_library_command(_status, args)


def _setup(library: Library, args: argparse.Namespace) -> int:
    from .core.errors import SyncError

    url = args.url.rstrip("/")
    problem = library.sync.url_problem(url, args.insecure)
    if problem:
        err(problem)
        return 2
    if args.insecure and url.startswith("http:"):
        err(f"warning: {url} is plain http: the password and your reading cross the network unencrypted")
    password = _read_password(args)
    if not password:
        err("no password given")
        return 2
    try:
        where = library.sync.setup(url, args.user, password, insecure=args.insecure)
    except SyncError as e:
        err(str(e))
        return 2
    print(f"logged in to {url} as {args.user}; the password is kept in {where}")
    print("run `newsreader sync` to sync now (the app's R does too)")
    return 0


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    import getpass

    try:
        return getpass.getpass(f"password for {args.user} at {args.url}: ")
    except EOFError:
        return ""


def _sync(library: Library, args: argparse.Namespace) -> int:
    from .core.errors import SyncError

    status = library.sync.status()
    if status is None:
        err("no sync server: run `newsreader sync setup URL --user NAME` first")
        return 2
    try:
        report = library.sync.run()
    except SyncError as e:
        err(str(e))
        waiting = library.sync.status()
        if waiting is not None and waiting.pending:
            err(f"{count(waiting.pending, 'local change')} kept for the next sync")
        return 1
    for line in report.problems:
        err(line)
    print(f"synced with {status.host}: {summary(report)}")
    return 0


def summary(report: SyncReport) -> str:
    """What a sync did, in one line."""
    parts = [count(len(report.new_ids), "new article")]
    if report.feeds_added or report.feeds_removed:
        parts.append(f"feeds +{report.feeds_added} -{report.feeds_removed}")
    if report.subscribed or report.unsubscribed:
        parts.append(f"subscriptions sent +{report.subscribed} -{report.unsubscribed}")
    parts.append(f"{count(report.pushed, 'mark')} sent, {report.pulled} taken")
    if report.conflicts:
        parts.append(f"{count(report.conflicts, 'conflict')} (the later change won)")
    return ", ".join(parts)


def _status(library: Library, args: argparse.Namespace) -> int:
    status = library.sync.status()
    if status is None:
        print("no sync server (newsreader sync setup URL --user NAME)")
        return 0
    print(f"server: {status.url}")
    print(f"user: {status.user}")
    print(f"last sync: {status.last_sync or 'never'}")
    print(f"changes waiting: {status.pending}")
    if status.error:
        print(f"last error: {status.error}")
    return 0

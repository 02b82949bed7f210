"""The ``newsreader`` command line: the app, ``analyze`` and the feed commands.

Heavy imports (spaCy, Textual) happen inside the commands that need them, so ``--help`` and
``--version`` are instant and the app paints before the model loads.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_NOTHING_READ = 2


def _err(message: str) -> None:
    print(f"newsreader: {message}", file=sys.stderr)


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsreader",
        description="A terminal news reader: who is in a story, who said what, and the gist.",
        epilog=(
            "Run without arguments to open your library (seeded with sample articles on first run), "
            "or give article files (.txt, .md, .html) or folders to read just those."
        ),
    )
    parser.add_argument("--version", action="version", version=f"newsreader {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser(
        "analyze", help="analyse articles without the UI (no PATH: the library's unanalysed ones)"
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders")
    p.add_argument("--json", action="store_true", help="one JSON object per file (JSON Lines)")

    from .config_cli import add_config_command
    from .feeds_cli import add_feed_commands
    from .library_cli import add_library_commands
    from .serve_cli import add_serve_command
    from .sync_cli import add_sync_command

    add_feed_commands(sub)
    add_library_commands(sub)
    add_config_command(sub)
    add_serve_command(sub)
    add_sync_command(sub)
    return parser


def cmd_analyze(args: argparse.Namespace) -> int:
    from .core.errors import ModelUnavailable
    from .core.library import analyze_documents, read_documents

    if not args.paths:
        from .library_cli import analyze_library

        return analyze_library(args)

    docs, problems = read_documents(args.paths)
    for line in problems:
        _err(line)
    if not docs:
        _err("nothing to analyse")
        return EXIT_NOTHING_READ
    try:
        results = analyze_documents(docs)
        if args.json:
            from .report import write_json_lines

            write_json_lines(docs, results, sys.stdout)
        else:
            from .report import print_report

            print_report(docs, results)
    except ModelUnavailable as e:
        _err(str(e))
        return EXIT_NOTHING_READ
    except BrokenPipeError:  # `newsreader analyze ... | head`
        sys.stderr.close()
        return EXIT_OK
    return EXIT_OK


def cmd_app(paths: Sequence[str]) -> int:
    from .factory import run_app

    return run_app(paths)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = _build_parser()
    commands = {
        "analyze",
        "add",
        "remove",
        "feeds",
        "import",
        "export",
        "refresh",
        "search",
        "who",
        "stories",
        "config",
        "serve",
        "sync",
    }
    app_over_paths = bool(argv) and argv[0] not in commands and not argv[0].startswith("-")
    args = None if app_over_paths else parser.parse_args(argv)  # --help/--version exit here
    from .paths import home_problem

    problem = home_problem()
    if problem:
        _err(problem)
        return EXIT_NOTHING_READ
    if args is None:
        # `newsreader PATH...`: the app over exactly these articles.
        return cmd_app(argv)
    try:
        if args.command is None:
            return cmd_app([])
        if args.command == "analyze":
            return cmd_analyze(args)
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `newsreader feeds --json | head`: the reader left, nothing to report
        _quiet_stdout()
        return 0
    except OSError as e:  # `newsreader feeds > /dev/full`: the output could not be written
        _quiet_stdout()
        _err(f"stopped: {e.strerror or e}" + (f" ({e.filename})" if e.filename else ""))
        return 1


def _quiet_stdout() -> None:
    """Point standard output at /dev/null, so the interpreter's final flush stays quiet."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def run() -> None:
    """The ``newsreader`` program: :func:`main`, then exit with its status.

    What the command leaves behind is freed as the process ends, and the interpreter's last
    garbage collections would walk all of it first: frozen, they skip it (a first refresh of
    200 feeds spent 0.14 s between its last line and its exit, now 0.06 s). Only here, not in
    :func:`main`, which tests call in a process that goes on; likewise the cap on malloc's arenas
    (see :func:`~tui.core.collector.few_malloc_arenas`), set before any thread starts.
    """
    import gc

    from .core.collector import few_malloc_arenas

    few_malloc_arenas()
    code = main()
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()

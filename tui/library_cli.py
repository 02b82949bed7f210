"""Commands over the whole library: ``search``, ``who``, ``stories``, and ``analyze`` with no paths.

``newsreader search QUERY [--json] [--limit N] [--sort rank|date]`` prints the matching
articles best first (or newest first): for people, a title, source and date, and a snippet with
the matched words in bold; with ``--json``, one object per article (JSON Lines, a public
contract). Nothing matching is exit 0 with no output; a query that cannot be run is one line on
stderr and exit 2.

``newsreader stories [--json]`` lists the stories of two or more articles, newest first: each
story's title, then its articles' sources, dates and titles; with ``--json``, one
``{"id", "title", "articles"}`` object per story (JSON Lines, a public contract). No stories is
exit 0 with no output.
"""

from __future__ import annotations

import argparse
import json
import sys

from .cli_support import count, err, run_library_command

EXIT_BAD_QUERY = 2


MAX_LIMIT = 100_000


def add_library_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "search",
        help='find articles: words, "phrases", person:/org:/place:/group:, said:, feed:, folder:, '
        "is:unread|read|starred, after:/before:DATE",
    )
    p.add_argument("query", nargs="+", metavar="QUERY", help="what to look for (words are joined by spaces)")
    p.add_argument("--json", action="store_true", help="one JSON object per article (JSON Lines)")
    p.add_argument("--limit", type=_positive, default=50, metavar="N", help="at most N articles (default 50)")
    p.add_argument(
        "--sort", choices=("rank", "date"), default="rank", help="best match first, or newest first"
    )
    p.set_defaults(func=cmd_search)

    p = sub.add_parser(
        "who", help="a person, organisation or place across the library: articles, quotes, company"
    )
    p.add_argument(
        "name", nargs="+", metavar="NAME", help='a name or part of one ("Obama" finds "Barack Obama")'
    )
    p.add_argument("--json", action="store_true", help="the page as one JSON object")
    p.set_defaults(func=cmd_who)

    p = sub.add_parser("stories", help="articles about the same event from different feeds, grouped")
    p.add_argument("--json", action="store_true", help="one JSON object per story (JSON Lines)")
    p.set_defaults(func=cmd_stories)


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 1 <= n <= MAX_LIMIT:
        raise argparse.ArgumentTypeError(f"must be from 1 to {MAX_LIMIT:,}")
    return n


def cmd_search(args: argparse.Namespace) -> int:
    from .core.errors import QueryError
    from .core.models import SearchOrder

    def search(library, args: argparse.Namespace) -> int:
        try:
            hits = library.search(" ".join(args.query), order=SearchOrder(args.sort), limit=args.limit)
        except QueryError as e:
            err(str(e))
            return EXIT_BAD_QUERY
        if args.json:
            for hit in hits:
                sys.stdout.write(json.dumps(hit.to_json(), ensure_ascii=False) + "\n")
            return 0
        if hits:
            _print_hits(hits)
        return 0

    return run_library_command(search, args)


def _print_hits(hits) -> None:
    from .core.sanitize import clean_line

    if not sys.stdout.isatty():  # a pipe or a file: plain lines, one write, no styling to do
        lines = []
        for hit in hits:
            meta = " · ".join(p for p in (hit.source, (hit.date or "")[:10], f"#{hit.id}") if p)
            lines += [
                clean_line(hit.title) or "Untitled",
                f"  {clean_line(meta)}",
                f"  {clean_line(hit.snippet)}",
                "",
            ]
        sys.stdout.write("".join(f"{line}\n" for line in lines))
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False)
    for hit in hits:
        console.print(Text(clean_line(hit.title) or "Untitled", style="bold"))
        meta = " · ".join(p for p in (hit.source, (hit.date or "")[:10], f"#{hit.id}") if p)
        console.print(Text(f"  {clean_line(meta)}", style="dim"))
        snippet = Text(hit.snippet)
        for start, end in hit.marks:
            snippet.stylize("bold yellow", start, end)
        # Under its own indent: at the left edge, a snippet's second line read as the next title.
        for indent, part in _hanging(console, snippet, "  ", "  "):
            console.print(Text.assemble(indent, part), soft_wrap=True)
        console.print()


def cmd_who(args: argparse.Namespace) -> int:
    def who(library, args: argparse.Namespace) -> int:
        name = " ".join(args.name)
        page = library.entity(name)
        if page is None:
            close = library.closest_entities(name)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            err(f"no person, organisation or place called {name!r} in your library{hint}")
            return EXIT_BAD_QUERY
        if args.json:
            sys.stdout.write(json.dumps(page.to_json(), ensure_ascii=False) + "\n")
        else:
            _print_page(page)
        return 0

    return run_library_command(who, args)


def _print_page(page) -> None:
    from rich.console import Console
    from rich.text import Text

    from .core.models import PLACE_LABELS
    from .core.sanitize import clean_line

    console = Console(highlight=False)
    console.print(Text(clean_line(page.name), style="bold"), Text(f" {page.label}", style="dim"))
    if page.aliases:
        console.print(Text("also: " + ", ".join(clean_line(a) for a in page.aliases[:8]), style="dim"))
    console.print(
        Text(
            f"named in {count(len(page.articles), 'article')}, "
            + (  # a place is not quoted: what is said in its name is
                f"{count(len(page.said), 'quote')} {page.words.said_count}"
                if page.label in PLACE_LABELS
                else f"quoted {count(len(page.said), 'time')}"
            ),
            style="dim",
        )
    )
    sections = (
        (
            "Articles",
            [f"{(a.date or '')[:10]}  {clean_line(a.title)}{_sources(a)}" for a in page.articles[:10]],
        ),
        (
            page.words.said,
            [f"“{clean_line(q.text)}” ({clean_line(q.article_title)}){_sources(q)}" for q in page.said[:8]],
        ),
        (
            page.words.about,
            [
                f"“{clean_line(q.text)}” — {clean_line(q.speaker or 'unattributed')}"
                for q in page.said_about[:8]
            ],
        ),
        (
            "Named alongside",
            [", ".join(f"{clean_line(n.name)} ({n.count})" for n in page.neighbours)]
            if page.neighbours
            else [],
        ),
    )
    for title, lines in sections:
        if lines:
            console.print()
            console.print(Text(title, style="bold underline"))
            # Wrapped lines go on under the title or the quote, deeper than the next line starts:
            # at the lines' own indent a title's second line read as an article of its own.
            rest = " " * 14 if title == "Articles" else "    "
            for line in lines:
                for indent, part in _hanging(console, line, "  ", rest):
                    console.print(Text.assemble(indent, part), soft_wrap=True)


def _sources(item) -> str:
    """Where an article or a quote was read, and how many other sources carry the same text."""
    from .core.sanitize import clean_line

    where = f" · {clean_line(item.source)}" if item.source else ""
    return f"{where} (+{count(item.copies, 'source')})" if item.copies else where


def _hanging(console, line, first: str, rest: str):
    """``line`` (a string or rich Text) wrapped to the console: ``(indent, text)`` pairs,
    ``first`` then ``rest``."""
    from rich.text import Text

    text = Text(line) if isinstance(line, str) else line
    width = max(console.width, 40)
    head, *more = text.wrap(console, width - len(first))
    cut = len(head.plain)
    head.rstrip()
    yield first, head
    if more:
        tail = text[cut:]
        tail = tail[len(tail.plain) - len(tail.plain.lstrip()) :]
        for part in tail.wrap(console, width - len(rest)):
            part.rstrip()
            yield rest, part


ANALYSE_BATCH = 8
"""Articles given to the model at a time by ``newsreader analyze`` over the library, in-process."""

POOL_BATCH = 2
"""Articles given to an analysis process at a time (see ``bench/analysis_pool.py``)."""


def analyze_library(args: argparse.Namespace) -> int:
    """Analyse every article of the library without a current analysis, newest and unread first,
    on every core, with progress on stderr (for scripts and cron); what was done is kept, so an
    interrupted run goes on where it stopped the next time."""
    import time

    from .core.errors import AnalysisCrashed, ModelUnavailable
    from .core.scheduler import AnalysisJob

    def analyse(library, args: argparse.Namespace) -> int:
        rows = [r for r in library.articles() if not r.analysed]
        todo = [r.id for r in sorted(rows, key=lambda r: r.read)]  # unread first, each newest first
        if not todo:
            err("every article is analysed")
            return 0
        t0, done = time.perf_counter(), 0
        tty = sys.stderr.isatty()
        jobs = [AnalysisJob(aid, False, n, len(todo)) for n, aid in enumerate(todo, 1)]
        batch = ANALYSE_BATCH if library.analysis_processes == 1 else POOL_BATCH
        try:
            # One chunk waits in line beyond one per process: no process waits for this one.
            for _job, _analysis in library.analyze_jobs(jobs, batch, ahead=1):
                done += 1
                if tty or done % ANALYSE_BATCH == 0 or done == len(todo):
                    line = f"newsreader: analysed {done}/{len(todo)} articles"
                    print(f"\r{line}" if tty else line, end="" if tty else "\n", file=sys.stderr, flush=True)
        except (ModelUnavailable, AnalysisCrashed) as e:
            if tty and done:
                print(file=sys.stderr)
            err(str(e))
            return 2
        if tty:
            print(file=sys.stderr)
        err(f"analysed {count(done, 'article')} in {time.perf_counter() - t0:.1f} s")
        return 0

    return run_library_command(analyse, args)


def cmd_stories(args: argparse.Namespace) -> int:
    def stories(library, args: argparse.Namespace) -> int:
        found = library.stories()
        if args.json:
            for story in found:
                sys.stdout.write(json.dumps(story.to_json(), ensure_ascii=False) + "\n")
        elif found:
            _print_stories(library, found)
        else:  # (for a person; --json stays empty for scripts)
            print("no stories yet: a story is one event reported by two feeds or more")
        return 0

    return run_library_command(stories, args)


def _print_stories(library, stories) -> None:
    from rich.console import Console
    from rich.text import Text

    from .core.sanitize import clean_line

    console = Console(highlight=False)
    for story in stories:
        console.print(Text(clean_line(story.title) or "Untitled", style="bold"))
        for row in library.article_rows(story.article_ids):
            source = clean_line(row.feed_title or row.source or "")
            meta = " · ".join(p for p in (source, (row.date or "")[:10], f"#{row.id}") if p)
            line = Text.assemble((meta, "dim"), " ", clean_line(row.title))
            # A long title goes on under its source, indented: at the edge it read as a line of its own.
            for n, part in enumerate(line.wrap(console, max(console.width - 4, 20))):
                part.rstrip()
                console.print(Text.assemble("    " if n else "  ", part), soft_wrap=True)
        console.print()

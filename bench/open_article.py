"""Opening an article whose analysis is cached: from the request to the body's lines rendered.

    python bench/open_article.py [--rounds N]

Builds a library of the seeds with every analysis cached (in a temporary NEWSREADER_HOME),
runs the real app headless at 140x40 and opens each article in turn, timing
``ReaderScreen.open_article`` (its thread worker included) plus rendering every visible line of the body, quotes and summary.
The first round includes building each article's text; later rounds hit the screen's caches.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time


async def run(rounds: int) -> None:
    from tui.factory import make_library
    from tui.ui.app import NewsApp

    lib, _ = make_library()
    t = time.perf_counter()
    lib.analyze_many(lib.unanalysed())
    print(f"(set-up: analysed {len(lib.articles())} seed articles in {time.perf_counter() - t:.1f} s)")
    app = NewsApp(lib)
    async with app.run_test(size=(140, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
        screen = app.screen
        ids = [r.id for r in lib.articles()]
        for rnd in range(rounds):
            times = []
            for aid in ids:
                t = time.perf_counter()
                worker = screen.open_article(aid)  # the text is read in a thread unless cached
                if worker is not None:
                    await worker.wait()
                for pane in (screen.body, screen.quotes, screen.summary):
                    for y in range(pane.size.height):
                        pane.render_line(y)
                times.append((time.perf_counter() - t) * 1000)
                await pilot.pause()
            label = "first open (cold caches)" if rnd == 0 else f"round {rnd + 1} (warm)"
            print(
                f"open cached article, {label}: median {statistics.median(times):.1f} ms, "
                f"max {max(times):.1f} ms over {len(times)} articles"
            )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=2)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as home:
        os.environ["NEWSREADER_HOME"] = home
        asyncio.run(run(a.rounds))


if __name__ == "__main__":
    main()

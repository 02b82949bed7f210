"""Memory of the running app on a library of 50,000 feed articles, the model loaded.

    python bench/memory.py [--articles 50000] [--keep PATH]

Runs the real app headless (``App.run_test``, 140x40) over the library bench/search.py builds
(and keeps), waits until every row is loaded, then reads the process's resident memory
(``/proc/self/status``: VmRSS, anonymous and file-backed) at four moments: the list loaded;
after searches that touch much of the library; after entity pages of the most named people;
after loading the spaCy model in this process and analysing 20 articles with it (the worst
case: the app analyses outside its process when it can). Target: ≤ 300 MB throughout.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from search_library import ensure_library  # noqa: E402


def memory(library) -> str:
    status = Path("/proc/self/status").read_text()
    mb = {
        k: int(re.search(rf"{k}:\s+(\d+)", status).group(1)) / 1024 for k in ("VmRSS", "RssAnon", "RssFile")
    }
    model = "model loaded" if library.model_loaded else "no model"
    return f"{mb['VmRSS']:.0f} MB (anonymous {mb['RssAnon']:.0f}, file {mb['RssFile']:.0f}; {model})"


async def measure(db_path: Path) -> None:
    from tui.core.library import Library
    from tui.ui.app import NewsApp
    from tui.ui.screens.reader import ReaderScreen

    library = Library.open(db_path)
    total = len(library.articles())
    app = NewsApp(library)
    async with app.run_test(size=(140, 40)) as pilot:
        for _ in range(1200):
            await pilot.pause(0.05)
            screen = app.screen
            if isinstance(screen, ReaderScreen) and len(screen.sidebar.rows) >= total and not screen.loading:
                break
        await pilot.pause(0.5)
        print(f"list of {total} articles loaded:       {memory(library)}")
        for query in ("said", "president", "elect*", '"prime minister"', "government is:unread"):
            library.search(query)
        print(f"after 5 searches:                   {memory(library)}")
        for name, _label in library.entities_like("S", 6):
            library.entity(name)
        print(f"after 6 entity pages:               {memory(library)}")
        docs = [library.document(r.id) for r in library.articles(limit=20)]
        list(library.analyzer.analyze_many(docs))
        print(f"model loaded here, 20 analysed:     {memory(library)}")
    library.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=50_000)
    ap.add_argument("--keep", type=Path, help="NEWSREADER_HOME of bench/search.py's library")
    args = ap.parse_args()
    home = args.keep or Path(tempfile.gettempdir()) / f"newsreader-bench-search-{args.articles}"
    db_path, how = ensure_library(home, args.articles, rebuild=False)
    print(f"library: {home} ({how})")
    asyncio.run(measure(db_path))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Make README's screenshot with the app itself: the founding article, analysed, at 140x40.

python bench/screenshot.py [OUT.svg] [--png OUT.png]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


async def shoot(out: Path) -> None:
    from tui.factory import make_library
    from tui.ui.app import NewsApp

    lib, _ = make_library()
    lib.analyze_many(lib.unanalysed())
    founding = next(r.id for r in lib.articles() if r.title.startswith("U.S., Russia"))
    app = NewsApp(lib, open_article=founding)
    async with app.run_test(size=(140, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        app.save_screenshot(filename=out.name, path=str(out.parent))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", nargs="?", type=Path, default=HERE / "screenshot.svg")
    ap.add_argument("--png", type=Path)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as home:
        os.environ["NEWSREADER_HOME"] = home
        asyncio.run(shoot(a.out.resolve()))
    print(f"wrote {a.out}")
    if a.png:
        import cairosvg

        cairosvg.svg2png(url=str(a.out), write_to=str(a.png))
        print(f"wrote {a.png}")


if __name__ == "__main__":
    main()

"""Time and peak memory of analysing one long text (1 MB and 8 MB by default).

    python bench/long_inputs.py [--sizes 1 8] [--one-line] [--bare] [--keep DIR]

The text is real news: paragraphs of the seed articles drawn in a fixed random order until the
size is reached (``--one-line`` joins them with spaces: one block, the reader's worst case). Each
size runs in a fresh process through ``newsreader analyze --json``'s own path (read the file,
analyse it); the figures are that process's CPU seconds (user + system: steadier than the wall
clock on a shared machine), wall seconds and peak resident memory, model included. A process
that only loads the model is measured first, for the baseline; ``--bare`` also times bare
``nlp.pipe`` over the same lines. Target (issue 9): cost linear in length (similar seconds per MB
at 1 and 8 MB), at most 500 MB for 8 MB.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make_text(megabytes: float, one_line: bool = False, seed: int = 9) -> str:
    """About ``megabytes`` MB of seed paragraphs in a fixed random order."""
    paras = [
        p.strip()
        for path in sorted((ROOT / "seeds").glob("*.txt"))
        for p in path.read_text(encoding="utf-8").split("\n\n")
        if len(p.strip()) > 40
    ]
    rng = random.Random(seed)
    size = int(megabytes * 1_000_000)
    out: list[str] = []
    n = 0
    while n < size:
        out.append(rng.choice(paras))
        n += len(out[-1]) + 2
    sep = " " if one_line else "\n\n"
    return sep.join(out) + "\n"


def child(path: str, bare: bool = False) -> None:
    """Analyse one file (or only load the model when ``path`` is empty); print figures as JSON.
    ``bare``: only run ``nlp.pipe`` over the file's lines instead, one Doc at a time."""
    sys.path.insert(0, str(ROOT))
    from tui.core.analysis import Analyzer
    from tui.core.reader import read_file

    analyzer = Analyzer()
    nlp = analyzer.nlp  # the model loads before the clock starts
    t0, c0 = time.perf_counter(), time.process_time()
    entities = quotes = 0
    if path and bare:
        lines = (line for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip())
        for _doc in nlp.pipe(lines, batch_size=64):
            pass
    elif path:
        analysis = analyzer.analyze(read_file(path))
        entities, quotes = len(analysis.entities), len(analysis.quotes)
    print(
        json.dumps(
            {
                "wall": time.perf_counter() - t0,
                "cpu": time.process_time() - c0,
                "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "entities": entities,
                "quotes": quotes,
            }
        )
    )


def run(path: str, bare: bool = False) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", path, *(["--bare"] if bare else [])],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=float, nargs="+", default=[1.0, 8.0], help="sizes in MB")
    ap.add_argument("--one-line", action="store_true", help="the text as one line (one block)")
    ap.add_argument("--keep", help="write the texts into this folder and keep them")
    ap.add_argument("--bare", action="store_true", help="also time bare nlp.pipe over the same lines")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child is not None:
        child(a.child, a.bare)
        return
    folder = Path(a.keep or tempfile.mkdtemp())
    folder.mkdir(parents=True, exist_ok=True)
    base = run("")
    print(f"model loaded, nothing analysed: peak RSS {base['rss_mb']:.0f} MB")
    shape = "one line" if a.one_line else "paragraphs"
    for mb in a.sizes:
        path = folder / f"long_{mb:g}mb{'_oneline' if a.one_line else ''}.txt"
        path.write_text(make_text(mb, a.one_line), encoding="utf-8")
        r = run(str(path))
        chars = len(path.read_text(encoding="utf-8"))
        print(
            f"{chars / 1e6:5.2f} MB ({shape}): cpu {r['cpu']:6.1f} s ({r['cpu'] / (chars / 1e6):5.1f} s/MB)"
            f"  wall {r['wall']:6.1f} s  peak RSS {r['rss_mb']:5.0f} MB"
            f"  ({r['entities']} mentions, {r['quotes']} quotes)"
        )
        if a.bare and not a.one_line:
            b = run(str(path), bare=True)
            print(
                f"{'':17} bare nlp.pipe over its lines: cpu {b['cpu']:6.1f} s  peak RSS {b['rss_mb']:5.0f} MB"
                f"  (analysis = {r['cpu'] / b['cpu']:.2f}x its CPU time)"
            )
        if not a.keep:
            path.unlink()


if __name__ == "__main__":
    main()

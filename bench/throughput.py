"""Analysis throughput (words/s) beside bare ``nlp.pipe`` of the same model on the same texts.

    python bench/throughput.py [--docs N] [--rounds R]

Both run in this process on the same loaded model, alternating, best of R rounds each.
Also times ``newsreader analyze --json`` over 200 files in a subprocess (model load included).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import news_texts  # noqa: E402

from tui.core.analysis import Analyzer  # noqa: E402
from tui.core.reader import parse_text  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=100)
    ap.add_argument("--rounds", type=int, default=2)
    a = ap.parse_args()
    texts, source = news_texts(a.docs)
    words = sum(len(t.split()) for t in texts)
    analyzer = Analyzer()
    nlp = analyzer.nlp
    docs = [parse_text(t) for t in texts]
    list(nlp.pipe(texts[:5]))  # warm up
    bare, ours = [], []
    for _ in range(a.rounds):
        t = time.perf_counter()
        for _d in nlp.pipe(texts, batch_size=64):
            pass
        bare.append(time.perf_counter() - t)
        t = time.perf_counter()
        for _r in analyzer.analyze_many(docs):
            pass
        ours.append(time.perf_counter() - t)
    b, o = min(bare), min(ours)
    print(
        f"texts: {source}, {len(texts)} docs, {words} words, model {nlp.meta['name']} {nlp.meta['version']}"
    )
    print(f"bare nlp.pipe        {words / b:9.0f} words/s  ({b:.2f} s)")
    print(
        f"newsreader analysis  {words / o:9.0f} words/s  ({o:.2f} s)  = {100 * b / o:.0f}% of bare nlp.pipe"
    )

    files, _ = news_texts(200)
    d = Path(tempfile.mkdtemp())
    try:
        paths = []
        for i, text in enumerate(files):
            p = d / f"doc{i:03d}.txt"
            p.write_text(text, encoding="utf-8")
            paths.append(str(p))
        exe = shutil.which("newsreader") or sys.executable + " -m tui"
        t = time.perf_counter()
        r = subprocess.run([*exe.split(), "analyze", "--json", *paths], capture_output=True, text=True)
        el = time.perf_counter() - t
        n = len(r.stdout.splitlines())
        w = sum(len(x.split()) for x in files)
        print(
            f"newsreader analyze --json, 200 files ({w / 200:.0f} words avg): {el:.1f} s, {n} results, rc={r.returncode}"
        )
    finally:
        shutil.rmtree(d)


if __name__ == "__main__":
    main()

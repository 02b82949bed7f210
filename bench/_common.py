"""Shared bits of the bench scripts: where ../shared is, and texts to measure on."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def news_texts(n: int) -> tuple[list[str], str]:
    """``n`` news texts: CNN/DM dev articles when ../shared is here, else the seeds repeated."""
    cnndm = SHARED / "eval" / "cnndm-dev.jsonl"
    if cnndm.exists():
        rows = [json.loads(line) for line in cnndm.open(encoding="utf-8")]
        texts = [
            f"Article {i + 1}\n\n" + "\n\n".join(s.strip() for s in r["article_lines"] if s.strip()) + "\n"
            for i, r in enumerate(rows)
        ]
        source = f"{len(rows)} CNN/DailyMail dev articles"
    else:
        texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
        source = f"{len(texts)} seed articles"
    out = [texts[i % len(texts)] for i in range(n)]
    return out, source


def python_speed() -> str:
    """This interpreter, and the CPU time of a fixed pure-Python loop on it.

    Figures of Python code follow the interpreter's build and the machine's speed of the hour: on
    one machine on 2026-12-01, Debian's optimised CPython 3.11 ran this loop 1.3 to 1.6 times as
    fast as a plain source build of 3.11 (pyenv's), and the source build took 1.66 s at 04:31 and
    0.84 s at 05:10. Printed beside the figures so that runs can be compared.
    """
    import platform
    import sys
    import time

    t = time.process_time()
    s = 0
    for i in range(10_000_000):
        s += i * i % 7
    return f"Python {platform.python_version()} ({sys.executable}): a 10M-step loop in {time.process_time() - t:.2f} s CPU"

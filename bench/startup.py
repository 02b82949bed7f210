"""Cold start to first paint: process start until the sidebar's first title is on the terminal.

    python bench/startup.py [--runs N] [--articles 5000]

Runs the installed ``newsreader`` in a pseudo-terminal (140x40) with a fresh NEWSREADER_HOME,
reads what it writes, and stops the clock when the newest article's title appears. Measured for
the seeded library and for a library of N articles (built once before timing).
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from dataclasses import replace
from pathlib import Path

ANSI = re.compile(
    r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[PX^_][^\x1b]*\x1b\\|\x1b."
)


def first_paint(home: Path, needle: str, timeout: float = 20.0) -> float:
    exe = shutil.which("newsreader") or sys.executable
    argv = [exe] if exe.endswith("newsreader") else [exe, "-m", "tui"]
    env = {
        **os.environ,
        "NEWSREADER_HOME": str(home),
        "TERM": "xterm-256color",
        "COLUMNS": "140",
        "LINES": "40",
    }
    t0 = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # child
        os.execvpe(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 140, 0, 0))
    buf = b""
    try:
        while time.perf_counter() - t0 < timeout:
            r, _, _ = select.select([fd], [], [], 0.05)
            if not r:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            buf += chunk
            if needle in ANSI.sub("", buf.decode("utf-8", "replace")):
                return time.perf_counter() - t0
        raise SystemExit(
            f"no first paint within {timeout} s; screen text: {ANSI.sub('', buf.decode('utf-8', 'replace'))[-500:]!r}"
        )
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


def build_library(home: Path, n: int) -> str:
    """A library of ``n`` articles made from the seeds (varied titles and dates); returns the newest title."""
    os.environ["NEWSREADER_HOME"] = str(home)
    from tui.core.reader import read_file
    from tui.factory import make_library

    lib, _ = make_library()
    seeds = [read_file(p) for p in sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))]
    with lib:
        for i in range(n - len(seeds)):
            seed = seeds[i % len(seeds)]
            doc = replace(
                seed,
                title=f"Library article {i:05d}: {seed.title}"[:200],
                date=f"20{10 + i % 10:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}",
            )
            lib.add_document(f"bench:{i}", doc)
    return newest_title(home)


def newest_title(home: Path) -> str:
    os.environ["NEWSREADER_HOME"] = str(home)
    from tui.factory import make_library

    lib, _ = make_library()
    with lib:
        title = lib.articles()[0].title
    return title[:20]  # what fits on the first of a row's two title lines


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--articles", type=int, default=5000)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        seeded = Path(d) / "seeded"
        needle = newest_title(seeded)  # seeds the library, as a first run would
        first_paint(seeded, needle)  # warm the OS file cache
        times = [first_paint(seeded, needle) for _ in range(a.runs)]
        print(
            f"first paint, seeded library (16 articles): median {statistics.median(times):.3f} s, "
            f"best {min(times):.3f} s over {a.runs} runs"
        )
        big = Path(d) / "big"
        needle = build_library(big, a.articles)
        first_paint(big, needle)
        times = [first_paint(big, needle) for _ in range(a.runs)]
        print(
            f"first paint, {a.articles}-article library: median {statistics.median(times):.3f} s, "
            f"best {min(times):.3f} s over {a.runs} runs"
        )


if __name__ == "__main__":
    main()

"""The app while it analyses the library: how fast it answers a resize, and its memory.

    python bench/analysis_ui.py [--docs N] [--resizes K] [--processes P]

Runs ``newsreader`` in a pseudo-terminal: first over the analysed seeds (nothing to analyse: the
baseline), then over a fresh library of N news articles, once with
``NEWSREADER_ANALYSIS_PROCESSES=1`` (the model in the app's process, as before the pool) and
once with P processes (default: one per core). When the status line says the background pass
runs, it resizes the terminal K times (0.5 s apart, one row taller each time, from 30 rows) and
times each resize until the app has drawn the new bottom row (a row it never drew before, so
no progress update can be mistaken for the repaint). Meanwhile it samples VmRSS and Pss (smaps_rollup) of the app's process
and of every process it started. Then it types ``q`` and times the exit (closing the library
stops the analysis processes without waiting for their jobs).
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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT  # noqa: E402
from analysis_pool import build_library, descendants, memory  # noqa: E402

ANSI = re.compile(
    r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[PX^_][^\x1b]*\x1b\\|\x1b."
)
FIRST_ROWS = 30


class App:
    """``newsreader`` in a pseudo-terminal, read as it writes."""

    def __init__(self, home: Path, processes: int) -> None:
        env = {
            **os.environ,
            "NEWSREADER_HOME": str(home),
            "NEWSREADER_ANALYSIS_PROCESSES": str(processes),
            "PYTHONPATH": str(ROOT),
            "TERM": "xterm-256color",
        }
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # child
            os.execvpe(sys.executable, [sys.executable, "-m", "tui"], env)
        self.resize(FIRST_ROWS, 140)
        self.text = ""
        self.raw = b""  # since the last resize
        self.peaks: dict[int, tuple[int, int, str]] = {}

    def resize(self, rows: int, cols: int) -> None:
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

    def read(self, seconds: float) -> int:
        """Read for up to ``seconds``; the bytes read."""
        n = 0
        end = time.perf_counter() + seconds
        while (left := end - time.perf_counter()) > 0:
            r, _, _ = select.select([self.fd], [], [], min(left, 0.05))
            if r:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    break
                n += len(chunk)
                self.raw += chunk
                self.text = (self.text + ANSI.sub("", chunk.decode("utf-8", "replace")))[-20000:]
            self.sample()
        return n

    def wait_for(self, needle: str, timeout: float) -> None:
        end = time.perf_counter() + timeout
        while needle not in self.text:
            if time.perf_counter() > end:
                raise SystemExit(f"{needle!r} never appeared; screen: {self.text[-400:]!r}")
            self.read(0.1)

    def time_resize(self, rows: int, cols: int, timeout: float = 10.0) -> float:
        """Seconds from resizing to ``rows`` (more than ever before) until row ``rows`` is drawn."""
        self.read(0.05)  # drain what was already written
        self.raw = b""
        t0 = time.perf_counter()
        self.resize(rows, cols)
        bottom = f"\x1b[{rows};".encode()
        while bottom not in self.raw and time.perf_counter() - t0 < timeout:
            self.read(0.002)
        return time.perf_counter() - t0

    _last_sample = 0.0

    def sample(self) -> None:
        now = time.perf_counter()
        if now - self._last_sample < 0.1:
            return
        self._last_sample = now
        for pid, role in {self.pid: "app (UI)", **descendants(self.pid)}.items():
            m = memory(pid)
            if m is not None:
                old = self.peaks.get(pid, (0, 0, ""))
                self.peaks[pid] = (max(old[0], m[0]), max(old[1], m[1]), role)

    def quit(self) -> float:
        """Type ``q``; seconds until the app's process has ended."""
        t0 = time.perf_counter()
        os.write(self.fd, b"q")
        while time.perf_counter() - t0 < 15:
            done, _ = os.waitpid(self.pid, os.WNOHANG)
            if done:
                return time.perf_counter() - t0
            self.read(0.02)
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        return float("inf")


def idle(d: Path, resizes: int) -> None:
    """The same resizes in the app with nothing left to analyse (the seeds, analysed first)."""
    import subprocess

    from tui.core.library import Library
    from tui.paths import seeds_dir

    home = d / "home-idle"
    with Library.open(home / "data" / "library.db", processes=1) as library:
        library.seed(seeds_dir())
    env = {**os.environ, "NEWSREADER_HOME": str(home), "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-m", "tui", "analyze"], env=env, check=True, capture_output=True)
    app = App(home, 1)
    try:
        app.wait_for("All articles analysed", 60)
        app.read(1.0)
        times = []
        for i in range(resizes):
            times.append(app.time_resize(FIRST_ROWS + 1 + i, 140 - 20 * (i % 2)))
            app.read(0.5)
        app.quit()
    finally:
        os.close(app.fd)
    print(
        f"nothing to analyse: resize to repaint median {statistics.median(times) * 1000:.0f} ms, "
        f"max {max(times) * 1000:.0f} ms; app VmRSS {max(r for r, _, _ in app.peaks.values()) / 1024:.0f} MB"
    )


def run(template: Path, d: Path, processes: int, resizes: int) -> None:
    home = d / f"home-{processes}"
    (home / "data").mkdir(parents=True)
    shutil.copy(template, home / "data" / "library.db")
    app = App(home, processes)
    try:
        app.wait_for("Analysing library", 60)
        app.read(1.0)
        times = []
        for i in range(resizes):
            times.append(app.time_resize(FIRST_ROWS + 1 + i, 140 - 20 * (i % 2)))
            app.read(0.5)
        running = "Analysing library" in app.text[-3000:]
        exit_time = app.quit()
    finally:
        os.close(app.fd)
    print(f"{processes} analysis process(es){'' if processes > 1 else ' (the model in the app)'}:")
    print(
        f"  resize to repaint during the pass: median {statistics.median(times) * 1000:.0f} ms, "
        f"max {max(times) * 1000:.0f} ms over {resizes} resizes (pass still running after: {running})"
    )
    print(f"  'q' to exit: {exit_time:.2f} s")
    print("  peak VmRSS / Pss (MB):")
    for pid, (rss, pss, role) in sorted(app.peaks.items()):
        print(f"    {role:17} pid {pid:7}  {rss / 1024:6.0f} / {pss / 1024:6.0f}")
    total = sum(pss for _, pss, _ in app.peaks.values())
    print(f"    sum of peak Pss: {total / 1024:.0f} MB")


def main() -> None:
    from tui.core.analysis.pool import analysis_processes

    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=100)
    ap.add_argument("--resizes", type=int, default=8)
    ap.add_argument("--processes", type=int, default=analysis_processes({}))
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        template = Path(d) / "template.db"
        source = build_library(template, a.docs)
        print(f"{a.docs} articles ({source}), {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}")
        idle(Path(d), a.resizes)
        for processes in (1, a.processes):
            run(template, Path(d), processes, a.resizes)


if __name__ == "__main__":
    main()

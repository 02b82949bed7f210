"""The app while it analyses the library: how fast it answers a resize, and its memory.

    python bench/analysis_ui.py [--docs N] [--resizes K] [--processes P]

Runs ``newsreader`` in a pseudo-terminal over a fresh library of N news articles, once with
``NEWSREADER_ANALYSIS_PROCESSES=1`` (the model in the app's process, as before the pool) and
once with P processes (default: one per core). When the status line says the background pass
runs, it resizes the terminal K times (0.5 s apart, between 140x40 and 120x36) and times each
resize until the app has repainted (the first REPAINT bytes written after it; a status line
update is far smaller). Meanwhile it samples VmRSS and Pss (smaps_rollup) of the app's process
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
SIZES = ((40, 140), (36, 120))
REPAINT = 4000  # bytes: a repaint of the whole screen is well over this, a status update well under


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
        self.resize(*SIZES[0])
        self.text = ""
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
        self.read(0.05)  # drain what was already written
        t0 = time.perf_counter()
        self.resize(rows, cols)
        got = 0
        while got < REPAINT and time.perf_counter() - t0 < timeout:
            got += self.read(0.005)
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
            times.append(app.time_resize(*SIZES[(i + 1) % 2]))
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
        for processes in (1, a.processes):
            run(template, Path(d), processes, a.resizes)


if __name__ == "__main__":
    main()

"""Analysing a library: one process (today's pass) beside the process pool, same articles, same run.

    python bench/analysis_pool.py [--docs N] [--rounds R] [--processes P]

Builds a library of N news articles (CNN/DailyMail dev texts from ../shared, else the seeds),
then times ``newsreader analyze`` (no paths) over a fresh copy of it in a subprocess, with
``NEWSREADER_ANALYSIS_PROCESSES=1`` (the model in the command's own process, batches of 8: the
path every pass took before the pool) and with P processes (default: one per core), alternating,
R rounds each. Wall time includes starting Python and loading the model(s). Prints articles per
second for both, their ratio, whether every stored analysis is byte-identical, and the peak
memory (VmRSS, and Pss from smaps_rollup) of the command's process and of each process it
started, sampled from /proc every 0.1 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, news_texts  # noqa: E402

sys.path.insert(0, str(ROOT))


def build_library(db: Path, n: int) -> str:
    """A library of ``n`` distinct articles at ``db``; says where the texts came from."""
    from tui.core.library import Library
    from tui.core.reader import parse_text

    texts, source = news_texts(n)
    with Library.open(db, processes=1) as library:
        for i, text in enumerate(texts):
            # Texts repeat when n exceeds the corpus: a last line keeps every article distinct.
            library.add_document(f"bench:{i}", parse_text(text + f"\nCopy {i}.\n"))
    return source


def descendants(pid: int) -> dict[int, str]:
    """Every descendant of ``pid`` with its role: the fork server's children are the workers."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            parents.setdefault(ppid, []).append(int(entry))
    out: dict[int, str] = {}
    for child in parents.get(pid, []):
        cmd = _cmdline(child)
        out[child] = (
            "fork server" if "forkserver" in cmd else "resource tracker" if "tracker" in cmd else "worker"
        )
        for grandchild in parents.get(child, []):
            out[grandchild] = "worker"
    return out


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def memory(pid: int) -> tuple[int, int, float] | None:
    """(VmRSS kB, Pss kB, CPU seconds so far) of a live process."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    rss = next((int(x.split()[1]) for x in status.splitlines() if x.startswith("VmRSS:")), 0)
    pss = next((int(x.split()[1]) for x in rollup.splitlines() if x.startswith("Pss:")), 0)
    return rss, pss, (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")


def run_analyze(home: Path, processes: int) -> tuple[float, str, dict[int, tuple[int, int, float, str]]]:
    """(wall seconds, last stderr line, peak memory per process) of one ``newsreader analyze``."""
    env = {
        **os.environ,
        "NEWSREADER_HOME": str(home),
        "NEWSREADER_ANALYSIS_PROCESSES": str(processes),
        "PYTHONPATH": str(ROOT),
    }
    peaks: dict[int, tuple[int, int, float, str]] = {}
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", "analyze"], env=env, stderr=subprocess.PIPE, text=True, cwd=ROOT
    )
    while proc.poll() is None:
        for pid, role in {proc.pid: "command", **descendants(proc.pid)}.items():
            m = memory(pid)
            if m is not None:
                old = peaks.get(pid, (0, 0, 0.0, ""))
                peaks[pid] = (max(old[0], m[0]), max(old[1], m[1]), max(old[2], m[2]), role)
        time.sleep(0.1)
    wall = time.perf_counter() - t0
    err = proc.stderr.read() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"newsreader analyze failed ({proc.returncode}): {err}")
    return wall, err.strip().splitlines()[-1], peaks


def stored(db: Path) -> list[tuple[str, str, str]]:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT hash, version, data FROM analyses ORDER BY hash, version").fetchall()
    finally:
        con.close()


def main() -> None:
    from tui.core.analysis.pool import analysis_processes

    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=100)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--processes", type=int, default=analysis_processes({}))
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        template = Path(d) / "template.db"
        source = build_library(template, a.docs)
        times: dict[int, list[float]] = {1: [], a.processes: []}
        results: dict[int, list[tuple[str, str, str]]] = {}
        peaks: dict[int, dict[int, tuple[int, int, float, str]]] = {}
        for r in range(a.rounds):
            for processes in (1, a.processes):
                home = Path(d) / f"home-{processes}-{r}"
                (home / "data").mkdir(parents=True)
                shutil.copy(template, home / "data" / "library.db")
                wall, line, peak = run_analyze(home, processes)
                times[processes].append(wall)
                results.setdefault(processes, stored(home / "data" / "library.db"))
                peaks.setdefault(processes, peak)
                print(f"  round {r + 1}, {processes} process(es): {wall:.1f} s wall ({line})", flush=True)
        one, many = min(times[1]), min(times[a.processes])
        load = os.getloadavg()[0]
        print(f"{a.docs} articles ({source}), {os.cpu_count()} cores, best of {a.rounds} rounds each:")
        print(
            f"(1-minute load average at the end: {load:.2f}; other work on the machine slows the pool first)"
        )
        print(f"one process (today's pass)  {a.docs / one:6.2f} articles/s  ({one:.1f} s)")
        print(f"pool of {a.processes} processes        {a.docs / many:6.2f} articles/s  ({many:.1f} s)")
        print(f"speed-up {one / many:.2f}x")
        same = results[1] == results[a.processes] and len(results[1]) == a.docs
        print(f"identical analyses: {same} ({len(results[1])} and {len(results[a.processes])} stored)")
        for processes in (1, a.processes):
            print(f"with {processes} process(es), peak VmRSS / Pss (MB) and CPU seconds, first round:")
            for pid, (rss, pss, cpu, role) in sorted(peaks[processes].items()):
                print(f"  {role:17} pid {pid:7}  {rss / 1024:6.0f} / {pss / 1024:6.0f} MB  {cpu:6.1f} s CPU")


if __name__ == "__main__":
    main()

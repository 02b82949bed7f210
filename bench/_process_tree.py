"""Measuring a command and its whole process tree: wall time, CPU, peak memory (bench/refresh.py).

``CPU s`` is the user + system time of the command's whole process tree (parser workers
included). ``max RSS`` is the largest single process of the tree, from the rusage the kernel
reports when the command is reaped (``wait4``); ``tree PSS`` is the peak of the whole tree's
proportional set size, sampled every 50 ms.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass

_PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


@dataclass
class Run:
    tool: str
    label: str
    wall: float
    max_rss_mb: float
    tree_pss_mb: float
    cpu_s: float
    served_200: int
    served_304: int
    items: int | None = None
    rc: int = 0


# -- measuring one command --------------------------------------------------------------


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for tid in tasks:
        try:
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                out.extend(int(c) for c in f.read().split())
        except OSError:
            pass
    return out


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


_TICK = os.sysconf("SC_CLK_TCK")


def _cpu_s(pid: int) -> float:
    """User + system CPU seconds of one process so far."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / _TICK


def _tree(root: int) -> list[int]:
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        if pid not in out:
            out.append(pid)
            todo.extend(_children(pid))
    return out


def measure(
    argv: list[str], env: dict[str, str], timeout: float = 300.0
) -> tuple[float, float, float, float, int, str]:
    """Run ``argv``: (wall s, max RSS MB, peak tree PSS MB, tree CPU s, exit code, stderr tail)."""
    err = tempfile.TemporaryFile()
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=err)
    peak = 0
    cpu: dict[int, float] = {}  # pid -> CPU seconds when last seen
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.05):
            pids = _tree(proc.pid)
            peak = max(peak, sum(_pss_kb(p) for p in pids))
            for p in pids:
                cpu[p] = max(cpu.get(p, 0.0), _cpu_s(p))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        _pid, status, usage = os.wait4(proc.pid, 0)
    finally:
        done.set()
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    sampler.join()
    err.seek(0)
    tail = err.read().decode("utf-8", "replace").strip().splitlines()[-3:]
    # The command's CPU with what it reaped (wait4), or, when more, what the samples saw of
    # every process of its tree (parser workers it does not reap; their last 50 ms may be missed).
    own = usage.ru_utime + usage.ru_stime
    total = max(own, sum(cpu.values()))
    # Linux reports ru_maxrss in KiB.
    return wall, usage.ru_maxrss / 1024, peak / 1024, total, proc.returncode, " | ".join(tail)

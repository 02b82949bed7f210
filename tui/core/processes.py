"""What the core's worker processes share: how they start, and how they stay out of the way.

Feed parsing (``feeds/pool.py``) and analysis (``analysis/pool.py``) run in worker processes.
They start with ``forkserver`` (``spawn`` where unavailable), never by forking a process that
runs UI and worker threads. Each worker writes nothing to the terminal the app draws on,
ignores Ctrl-C (the parent decides what to do), and ends when the process that started it
ends, even by ``kill -9``.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import select
import signal
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from multiprocessing.context import BaseContext

# One fork server serves every pool of the process, so its preload list is the union of what
# each pool asked for; it applies only if the server has not started yet.
_preload: list[str] = ["__main__"]


def worker_context(preload: Iterable[str] = ()) -> BaseContext:
    """The start method for worker processes; ``preload`` modules are imported once by the fork
    server, and workers fork from it with them ready."""
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" not in methods:
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    _preload.extend(m for m in preload if m not in _preload)
    ctx.set_forkserver_preload(list(_preload))
    _start_fork_server()
    return ctx


def _start_fork_server() -> None:
    """Start the fork server (once), never importing from the current directory (see
    :func:`_safe_path`)."""
    from multiprocessing import forkserver

    with _safe_path():
        forkserver.ensure_running()


@contextlib.contextmanager
def _safe_path() -> Iterator[None]:
    """``PYTHONSAFEPATH`` set while a helper process of multiprocessing starts.

    The fork server and the resource tracker run as ``python -c ...``, which puts the current
    directory first on ``sys.path``, and the fork server imports its preloads before the parent's
    path could apply (Python 3.11 ignores the path it is handed): ``newsreader`` run in a folder
    holding a ``tui/``, ``numpy/`` or ``multiprocessing/`` would run that code.
    """
    saved = os.environ.get("PYTHONSAFEPATH")
    os.environ["PYTHONSAFEPATH"] = "1"
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("PYTHONSAFEPATH", None)
        else:
            os.environ["PYTHONSAFEPATH"] = saved


def quiet_worker(parent: int | None = None) -> None:
    """Start-up of a worker process: no Ctrl-C, no output, and gone when ``parent`` is."""
    # Ctrl-C goes to the whole process group; the parent decides what to do, not the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A worker shares the terminal the app is drawing on: nothing it might print (a library's
    # warning) may reach it. Results and failures travel back through the pool, not stdio.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)
    if parent is not None and os.name == "posix":
        exit_with(parent)


def exit_with(parent: int) -> None:
    """End this worker when ``parent`` ends, however it ends (``kill -9`` included).

    A pool worker would otherwise outlive a killed parent for good: it waits on a queue whose
    write end it holds itself, and it keeps the fork server (and that the resource tracker)
    alive too.
    """
    try:
        fd: int | None = os.pidfd_open(parent)
    except ProcessLookupError:
        os._exit(1)
    except (AttributeError, OSError):  # pidfd is Linux 5.3+; elsewhere, look once a second
        fd = None

    def watch() -> None:
        if fd is not None:
            select.select([fd], [], [])  # readable when the parent has exited
        else:
            while True:
                time.sleep(1.0)
                try:
                    os.kill(parent, 0)
                except ProcessLookupError:
                    break
                except PermissionError:
                    pass  # alive, just not ours to signal
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with the process's real stderr.

    A full-screen UI replaces ``sys.stderr`` with a capture whose ``fileno()`` is -1; the
    tracker, which a pool starts on first use, would then fail to spawn ("bad value(s) in
    fds_to_keep") and every feed would fail to parse, every analysis fail. Started once, it
    serves every pool. Call it before a pool starts its first process.
    """
    from multiprocessing import resource_tracker

    try:
        usable = sys.stderr.fileno() >= 0
    except Exception:  # noqa: BLE001 - no descriptor at all: the tracker does without one
        usable = True
    if usable or sys.__stderr__ is None:
        with _safe_path():
            resource_tracker.ensure_running()
        return
    captured, sys.stderr = sys.stderr, sys.__stderr__
    try:
        with _safe_path():
            resource_tracker.ensure_running()
    finally:
        sys.stderr = captured

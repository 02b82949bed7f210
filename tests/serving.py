"""``newsreader serve`` started for a test: a real process on a free port of 127.0.0.1."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

STOP_WITHIN = 15  # seconds; open sessions are told to quit, where aiohttp alone would wait a minute


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_cli(home: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """``python -m tui ARGS`` over ``home``, to completion."""
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "NEWSREADER_HOME": str(home)},
        stdin=subprocess.DEVNULL,
    )


@contextlib.contextmanager
def served(home: Path, *args: str, timeout: float = 30) -> Iterator[str]:
    """Run ``newsreader serve`` over ``home`` on a free port; yields the page's address.

    Waits until the port accepts connections; the server (and the app processes of its
    sessions) is stopped with SIGTERM on the way out, as Ctrl+C would, and must stop promptly.
    """
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", "serve", "--port", str(port), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NEWSREADER_HOME": str(home)},
        stdin=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise AssertionError(f"serve exited with {proc.returncode}: {proc.stderr.read()}")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                break
            if time.monotonic() > deadline:
                raise AssertionError(f"serve did not listen on port {port} within {timeout} s")
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=STOP_WITHIN)
            stopped = True
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            stopped = False
        proc.stderr.close()
    assert stopped, f"serve did not stop within {STOP_WITHIN} s of SIGTERM"

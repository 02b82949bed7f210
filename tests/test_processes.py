"""The core's helper processes never import code from the folder newsreader is run in."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.feedserver import FeedServer, feed_server_fixture  # noqa: F401
from tests.test_feeds_cli import item, rss


def test_packages_in_the_current_folder_are_never_imported(feed_server: FeedServer, tmp_path: Path):
    # The fork server runs as "python -c", which puts the current folder first on sys.path: a
    # folder holding a tui/ or numpy/ had its code run by the parser processes.
    exe = Path(sys.executable).parent / "newsreader"
    if not exe.exists():
        pytest.skip("no newsreader console script beside this Python")
    trap = tmp_path / "downloads"
    for name in ("tui", "numpy", "lxml", "feedparser", "multiprocessing"):
        (trap / name).mkdir(parents=True)
        marker = trap / f"IMPORTED_{name}"
        (trap / name / "__init__.py").write_text(f"open({str(marker)!r}, 'w').close()\n")
    url = feed_server.body("/news.xml", rss("Harbour News", item("a", "Quay opens")))
    p = subprocess.run([str(exe), "add", url], cwd=trap, capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert "Traceback" not in p.stderr
    assert not sorted(m.name for m in trap.glob("IMPORTED_*"))


@pytest.mark.parametrize(("cores", "workers"), [(1, 1), (2, 1), (3, 2), (4, 2), (16, 2)])
def test_a_refresh_leaves_a_core_to_the_process_that_fetches_and_stores(monkeypatch, cores, workers):
    import os

    from tui.core.feeds import pool as feed_pool

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(cores)), raising=False)
    assert feed_pool.default_workers() == workers

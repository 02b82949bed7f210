"""Bad input found by a hostile review: each is one line on stderr and a non-zero exit, never a
traceback (a full disk under the output, numbers too large for SQLite, a config nested too deeply)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def run(home: Path, *args: str, stdout=subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
        env={**os.environ, "NEWSREADER_HOME": str(home)},
        stdin=subprocess.DEVNULL,
    )


def one_line(p: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in p.stderr, p.stderr
    lines = [line for line in p.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, p.stderr
    return lines[0]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("args", [["feeds"], ["feeds", "--json"], ["config", "--path"]])
def test_output_to_a_full_disk_is_one_line(tmp_path, args):
    with open("/dev/full", "w") as full:
        p = run(tmp_path, *args, stdout=full)
    assert p.returncode == 1
    assert "No space left on device" in one_line(p)


def test_an_id_too_large_for_sqlite_is_no_such_feed(tmp_path):
    p = run(tmp_path, "remove", "9" * 30)
    assert p.returncode == 1
    assert "no such feed" in one_line(p)


def test_a_search_limit_too_large_is_a_usage_error(tmp_path):
    p = run(tmp_path, "search", "--limit", "9" * 20, "ferry")
    assert p.returncode == 2 and "Traceback" not in p.stderr
    assert "--limit: must be from 1 to" in p.stderr


def test_a_config_nested_too_deeply_is_one_line_and_the_defaults(tmp_path):
    config = Path(run(tmp_path, "config", "--path").stdout.strip())
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("a = " + "[" * 1000 + "]" * 1000 + "\n")
    p = run(tmp_path, "config")
    assert "not valid TOML" in one_line(p)
    assert "theme = textual-dark" in p.stdout


def test_a_huge_number_of_analysis_processes_is_capped():
    from tui.core.analysis.pool import ENV, MAX_PROCESSES, analysis_processes

    assert analysis_processes({ENV: "9" * 12}) == MAX_PROCESSES


def test_an_import_of_a_file_without_feeds_or_of_a_folder_as_cache_says_so(tmp_path):
    empty = tmp_path / "empty.opml"
    empty.write_text("")
    p = run(tmp_path / "home", "import", str(empty))
    assert p.returncode == 1
    assert "no feeds in it" in one_line(p)
    urls = tmp_path / "urls"
    urls.write_text("https://news.example/rss\n")
    p = run(tmp_path / "home", "import", str(urls), "--newsboat-cache", str(tmp_path))
    assert p.returncode == 2
    assert "a folder, not a file" in one_line(p)


def test_an_empty_address_is_named_as_such(tmp_path):
    """`newsreader add ''` said "refused : empty URL", the address before the colon missing."""
    p = run(tmp_path, "add", "")
    assert p.returncode == 1 and one_line(p) == "newsreader: refused '': empty URL"


def test_the_feeds_table_cuts_no_folder_at_80_columns(tmp_path):
    """`newsreader feeds` at 80 columns showed a folder "Blogs/Personal" as "Blogs/Perso…"."""
    home = tmp_path / "home"
    env = {**os.environ, "NEWSREADER_HOME": str(home), "COLUMNS": "80"}
    feeds = tmp_path / "urls"
    feeds.write_text(
        "https://one.example/rss Blogs/Personal/Writing\nhttps://two.example/rss Technology/Programming\n"
    )
    subprocess.run(
        [sys.executable, "-m", "tui", "import", str(feeds)], env=env, capture_output=True, timeout=60
    )
    p = subprocess.run(
        [sys.executable, "-m", "tui", "feeds"], env=env, capture_output=True, text=True, timeout=60
    )
    assert p.returncode == 0 and "Blogs/" in p.stdout and "Technology" in p.stdout
    assert "…" not in p.stdout, p.stdout

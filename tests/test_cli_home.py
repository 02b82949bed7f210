"""``NEWSREADER_HOME`` that cannot hold newsreader's files: one line and exit 2 for every command.

CI runs as root, where a folder's mode does not stop writes, so the unusable homes here are a
file, a path under a file, and a home whose ``data`` is a file. A library another process is
writing to is one line too (exit 1), and loses nothing.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

COMMANDS = [
    [],
    ["some-article.txt"],
    ["analyze"],
    ["analyze", "some-article.txt"],
    ["add", "https://news.example/feed"],
    ["remove", "1"],
    ["feeds"],
    ["feeds", "--json"],
    ["import", "subscriptions.opml"],
    ["export"],
    ["refresh"],
    ["search", "ferry"],
    ["who", "Obama"],
    ["stories"],
    ["serve"],
    ["config", "--path"],
    ["config", "--init"],
]


def run(home: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NEWSREADER_HOME": home},
        stdin=subprocess.DEVNULL,
    )


def unusable_homes(tmp_path) -> dict[str, str]:
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder\n")
    data_is_file = tmp_path / "home"
    data_is_file.mkdir()
    (data_is_file / "data").write_text("not a folder\n")
    return {
        "a file": str(a_file),
        "under a file": str(a_file / "home"),
        "data is a file": str(data_is_file),
    }


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a) or "app")
def test_an_unusable_home_is_one_line_and_exit_2(tmp_path, args):
    for kind, home in unusable_homes(tmp_path).items():
        p = run(home, *args)
        lines = [line for line in p.stderr.splitlines() if line.strip()]
        assert p.returncode == 2, (kind, p.stderr)
        assert "Traceback" not in p.stderr, (kind, p.stderr)
        assert len(lines) == 1 and lines[0].startswith("newsreader: NEWSREADER_HOME="), (kind, lines)
        assert p.stdout == ""
    assert (tmp_path / "a-file").read_text() == "not a folder\n"  # nothing written over it


def test_version_and_help_still_work_with_an_unusable_home(tmp_path):
    home = unusable_homes(tmp_path)["a file"]
    assert run(home, "--version").returncode == 0
    assert run(home, "--help").returncode == 0


def test_the_core_refuses_a_database_under_a_file_in_one_line(tmp_path):
    from tui.core.errors import LibraryError
    from tui.core.library import Library

    (tmp_path / "f").write_text("")
    with pytest.raises(LibraryError) as e:
        Library.open(tmp_path / "f" / "data" / "library.db")
    assert "\n" not in str(e.value) and "cannot create" in str(e.value)


def test_a_library_another_process_is_writing_is_one_line_and_exit_1(tmp_path, monkeypatch, capsys):
    import sqlite3

    from tui import cli
    from tui.core.store import database
    from tui.paths import database_path

    monkeypatch.setenv("NEWSREADER_HOME", str(tmp_path / "home"))
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<opml version="2.0"><body><outline text="News" xmlUrl="https://news.example/feed"/></body></opml>'
    )
    assert cli.main(["import", str(opml)]) == 0
    monkeypatch.setattr(database, "BUSY_TIMEOUT", 0.2)
    writer = sqlite3.connect(database_path())
    writer.execute("BEGIN IMMEDIATE")  # another process in the middle of a write
    try:
        capsys.readouterr()
        code = cli.main(["remove", "1"])
    finally:
        writer.rollback()
        writer.close()
    err = capsys.readouterr().err
    assert code == 1
    assert err.strip().count("\n") == 0 and "Traceback" not in err
    assert "busy" in err
    assert cli.main(["feeds", "--json"]) == 0
    assert "news.example" in capsys.readouterr().out  # nothing lost

"""The command line: analyze (JSON contract and report), bad inputs, --version/--help, the app's bad paths."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tui import __version__

from .conftest import SEEDS

FOUNDING = SEEDS / "000_5d177d52626f6432.txt"


def run(*args: str, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
    )


def test_version_and_help():
    r = run("--version")
    assert r.returncode == 0 and r.stdout.strip() == f"newsreader {__version__}"
    r = run("--help")
    assert r.returncode == 0 and "analyze" in r.stdout


@pytest.mark.slow
def test_analyze_json_contract_on_seeds(tmp_path):
    files = [FOUNDING, *sorted(SEEDS.glob("wikinews_*.txt"))[:2]]
    r = run("analyze", "--json", *map(str, files))
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert len(lines) == 3
    for path, line in zip(files, lines, strict=True):
        obj = json.loads(line)
        assert set(obj) == {"path", "title", "text", "entities", "quotes", "summary", "language"}
        assert obj["path"] == str(path) and obj["language"] == "en"
        raw = path.read_text(encoding="utf-8").replace("\r\n", "\n")
        assert obj["text"] == raw
        for e in obj["entities"]:
            assert obj["text"][e["start"] : e["end"]] == e["text"]
            assert e["label"].isupper() and e["canonical"]
        for q in obj["quotes"]:
            assert obj["text"][q["start"] : q["end"]] == q["text"]
            assert obj["text"][q["start"] - 1] in "\"“‘'\n" or q["start"] == 0
        assert 3 <= len(obj["summary"]) <= 5
        assert all(s in obj["text"] for s in obj["summary"])
    first = json.loads(lines[0])
    assert first["title"].startswith("U.S., Russia in")


@pytest.mark.slow
def test_analyze_report_is_readable():
    r = run("analyze", str(FOUNDING))
    assert r.returncode == 0, r.stderr
    for heading in ("Entities", "Quotes", "Summary", "PERSON"):
        assert heading in r.stdout


def _bad_inputs(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blank.txt").write_text("  \n\n \n")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (tmp_path / "emptydir").mkdir()
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:
        f.truncate(20 * 1024 * 1024)
    return {
        "missing": str(tmp_path / "nope.txt"),
        "emptydir": str(tmp_path / "emptydir"),
        "empty": str(tmp_path / "empty.txt"),
        "blank": str(tmp_path / "blank.txt"),
        "binary": str(tmp_path / "binary.txt"),
        "big": str(big),
    }


@pytest.mark.parametrize("case", ["missing", "emptydir", "empty", "blank", "binary", "big"])
def test_analyze_bad_input_one_line_exit_2(tmp_path, case):
    path = _bad_inputs(tmp_path)[case]
    r = run("analyze", "--json", path)
    assert r.returncode == 2
    assert r.stdout == ""
    assert "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert lines[0].startswith("newsreader: ") and os.path.basename(path) in lines[0]


@pytest.mark.slow
def test_analyze_mixed_good_and_bad_keeps_going(tmp_path):
    paths = _bad_inputs(tmp_path)
    r = run("analyze", "--json", paths["missing"], str(FOUNDING), paths["binary"])
    assert r.returncode == 0
    assert len(r.stdout.splitlines()) == 1
    assert len(r.stderr.strip().splitlines()) == 2 and "Traceback" not in r.stderr


def test_analyze_cp1252_warns_and_decodes(tmp_path):
    f = tmp_path / "latin.txt"
    f.write_bytes(
        "Café owners in Zürich\n\nThe café “opened” on Monday, said Renée Dupont.\n".encode("cp1252")
    )
    r = run("analyze", "--json", str(f))
    assert r.returncode == 0
    assert "cp1252" in r.stderr
    assert "Zürich" in json.loads(r.stdout)["text"]


def test_analyze_keeps_markup_literal_and_strips_escapes(tmp_path):
    f = tmp_path / "hostile.txt"
    f.write_text("[bold]Headline[/b] \x1b]0;pwned\x07\n\nClick [@click=app.quit]here[/] \x1b[31mred.\n")
    r = run("analyze", "--json", str(f))
    obj = json.loads(r.stdout)
    assert "[bold]Headline[/b]" in obj["title"]
    assert "[@click=app.quit]" in obj["text"]
    assert "\x1b" not in r.stdout and "\x07" not in obj["text"]
    r = run("analyze", str(f))
    assert "\x1b]0;" not in r.stdout and "[@click=app.quit]" in r.stdout


@pytest.mark.parametrize("case", ["missing", "emptydir", "binary"])
def test_app_with_unreadable_paths_exits_2_before_starting(tmp_path, case):
    path = _bad_inputs(tmp_path)[case]
    r = run(path, timeout=60)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr and "nothing to read" in r.stderr


def test_newer_database_refused_by_the_app(tmp_path, isolated_home):
    import sqlite3

    from tui.core.store import SCHEMA_VERSION
    from tui.paths import database_path

    db = database_path()
    db.parent.mkdir(parents=True)
    con = sqlite3.connect(db)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    con.commit()
    con.close()
    r = run(timeout=60)
    assert r.returncode == 2 and "newer newsreader" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.slow
@pytest.mark.parametrize("processes", ["1", "2"])
def test_analyze_without_paths_analyses_the_library(isolated_home, analyzer, processes):
    from tui.core.library import Library
    from tui.paths import database_path, seeds_dir

    with Library.open(database_path()) as library:
        library.seed(seeds_dir())
        assert len(library.unanalysed()) == 16
    env = {"NEWSREADER_ANALYSIS_PROCESSES": processes}
    r = run("analyze", env=env)
    assert r.returncode == 0 and r.stdout == ""
    assert r.stderr.splitlines()[-2] == "newsreader: analysed 16/16 articles"
    assert r.stderr.splitlines()[-1].startswith("newsreader: analysed 16 articles in ")
    with Library.open(database_path()) as library:
        assert library.unanalysed() == []
        # The same analyses as the model gives in this process, whichever process made them.
        for row in library.articles():
            assert library.cached_analysis(row.id) == analyzer.analyze(library.document(row.id))
    r = run("analyze", env=env)
    assert (r.returncode, r.stderr) == (0, "newsreader: every article is analysed\n")

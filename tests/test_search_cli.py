"""``newsreader search``: the JSON Lines contract, ordering and limits, and every bad query as
one line on stderr with exit 2, in subprocesses over a seeded, analysed library."""

from __future__ import annotations

import json

import pytest

from tests.seed_analyses import install
from tests.test_cli import run
from tui.core.library import Library
from tui.paths import database_path, seeds_dir

KEYS = {
    "id": int,
    "title": str,
    "source": (str, type(None)),
    "date": (str, type(None)),
    "url": (str, type(None)),
    "snippet": str,
}


@pytest.fixture
def seeded(isolated_home):
    with Library.open(database_path()) as library:
        library.seed(seeds_dir())
        install(library)
        yield library


def lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


def test_json_lines_contract_best_first(seeded):
    r = run("search", "trump", "--json")
    assert r.returncode == 0 and r.stderr == ""
    hits = lines(r.stdout)
    assert len(hits) >= 3
    for hit in hits:
        assert set(hit) == set(KEYS) and all(isinstance(hit[k], t) for k, t in KEYS.items())
    # Best first: the articles with Trump in the title come before those that only mention him.
    titled = [("Trump" in h["title"]) for h in hits]
    assert titled == sorted(titled, reverse=True)
    assert [h["id"] for h in hits] == [h.id for h in seeded.search("trump")]


def test_sort_by_date_limit_and_filters(seeded):
    hits = lines(run("search", "trump", "--json", "--sort", "date").stdout)
    dates = [h["date"] for h in hits]
    assert dates == sorted(dates, reverse=True)
    assert len(lines(run("search", "trump", "--json", "--limit", "2").stdout)) == 2
    obama = lines(run("search", "person:Obama", "--json").stdout)
    assert obama and all(isinstance(h["snippet"], str) and h["snippet"] for h in obama)
    phrase = lines(run("search", '"fifteen states"', "--json").stdout)
    assert [h["title"][:14] for h in phrase] == ["Fifteen states"]


def test_nothing_found_is_silent_success(seeded):
    r = run("search", "zzqqxxnothing", "--json")
    assert (r.returncode, r.stdout, r.stderr) == (0, "", "")
    r = run("search", "zzqqxxnothing")
    assert (r.returncode, r.stdout) == (0, "")


@pytest.mark.parametrize("query", ["is:purple", "after:someday", "person:", "   "])
def test_unusable_queries_are_one_line_and_exit_2(seeded, query):
    r = run("search", query, "--json")
    assert r.returncode == 2 and r.stdout == ""
    assert len(r.stderr.splitlines()) == 1 and r.stderr.startswith("newsreader: ")


@pytest.mark.parametrize(
    "query", ['"', "*", "NEAR(", "AND OR NOT", "'; DROP TABLE articles; --", "a:b:c", "%"]
)
def test_hostile_queries_never_trace(seeded, query):
    r = run("search", query, "--json")
    assert r.returncode in (0, 2) and "Traceback" not in r.stderr
    assert len(r.stderr.splitlines()) <= 1


def test_the_report_for_people_marks_the_words(seeded):
    r = run("search", "putin")
    assert r.returncode == 0 and "Putin calls US troops in Poland" in r.stdout


def test_on_a_terminal_a_long_snippet_goes_on_under_its_indent(monkeypatch, capsys):
    """On an 80-column terminal a snippet's second line began at the left edge, where the hits'
    titles begin: it read as the next hit."""
    import re
    import sys

    from tui.core.models import SearchHit
    from tui.library_cli import _print_hits

    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    words = "Despite the White House's initial assertion that the director was dismissed over the case, " * 2
    hits = [
        SearchHit(1, "Changing position", "Wikinews", "2017-05-13", None, words, ((8, 13),)),
        SearchHit(2, "Second hit", "Wikinews", "2017-05-12", None, "Short.", ()),
    ]
    _print_hits(hits)
    out = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in capsys.readouterr().out.splitlines()]
    assert out[0] == "Changing position" and out[1].startswith("  Wikinews")
    first_hit = out[: out.index("")]
    assert len(first_hit) > 3 and all(line.startswith("  ") for line in first_hit[1:]), first_hit
    assert max(len(line) for line in out) <= 80
    assert "Second hit" in out

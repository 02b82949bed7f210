"""Sidecars: ``X.json`` beside ``X.txt`` is taken only when it has nothing but a sidecar's keys."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tui.core.reader import read_file, read_paths

from .conftest import SEEDS
from .test_reader import write

ARTICLE = "Headline From The File\n\nA paragraph of text for the test, long enough to read.\n"

# What `newsreader analyze --json story.txt > story.json` writes.
ANALYSIS = {
    "path": "story.txt",
    "title": "Headline From The File",
    "text": ARTICLE,
    "entities": [],
    "quotes": [],
    "summary": ["A paragraph of text for the test, long enough to read."],
}


def test_a_sidecar_with_every_key_is_taken(tmp_path):
    write(tmp_path, "story.txt", ARTICLE)
    sidecar = {
        "title": "Sidecar Title",
        "source": "Eastside Weekly",
        "date": "2020-01-02",
        "attribution": "CC BY 4.0, Eastside Weekly",
        "url": "https://news.example/story",
    }
    write(tmp_path, "story.json", json.dumps(sidecar))
    doc = read_file(tmp_path / "story.txt")
    assert (doc.title, doc.source, doc.date, doc.attribution, doc.url) == tuple(sidecar.values())
    assert doc.warnings == []


def test_analyze_json_output_is_not_a_sidecar(tmp_path):
    write(tmp_path, "story.txt", ARTICLE)
    write(tmp_path, "story.json", json.dumps({**ANALYSIS, "title": "Something Else"}))
    doc = read_file(tmp_path / "story.txt")
    assert doc.title == "Headline From The File"
    (warning,) = doc.warnings
    assert warning.startswith(f"{tmp_path / 'story.json'}: not a sidecar, ignored")
    assert "entities" in warning and "title, source, date, attribution, url" in warning


def test_other_keys_and_values_that_are_not_text_make_it_not_a_sidecar(tmp_path):
    for i, data in enumerate(
        [
            {"title": "Sidecar Title", "source_url": "https://news.example/x"},
            {"title": 12},
            ["title", "Sidecar Title"],
        ]
    ):
        write(tmp_path, f"s{i}.txt", ARTICLE)
        write(tmp_path, f"s{i}.json", json.dumps(data))
        doc = read_file(tmp_path / f"s{i}.txt")
        assert doc.title == "Headline From The File", data
        assert len(doc.warnings) == 1 and "not a sidecar, ignored" in doc.warnings[0], data
    # null values and missing keys are fine: the file's own metadata stays.
    write(tmp_path, "n.txt", ARTICLE)
    write(tmp_path, "n.json", '{"title": null, "date": "2021-05-06"}')
    doc = read_file(tmp_path / "n.txt")
    assert (doc.title, doc.date, doc.warnings) == ("Headline From The File", "2021-05-06", [])


def test_an_ignored_sidecar_is_one_problem_line_per_file(tmp_path):
    write(tmp_path, "story.txt", ARTICLE)
    write(tmp_path, "story.json", json.dumps(ANALYSIS))
    docs, problems = read_paths([tmp_path])
    assert len(docs) == 1
    assert len(problems) == 1 and problems[0].startswith("warning: ") and "story.json" in problems[0]


def test_every_seed_sidecar_is_a_sidecar():
    for path in sorted(SEEDS.glob("*.txt")):
        assert path.with_suffix(".json").is_file(), path.name
        assert read_file(path).warnings == [], path.name


@pytest.mark.slow
def test_analyze_json_written_beside_the_article_is_warned_about_once_and_changes_nothing(tmp_path):
    story = write(tmp_path, "story.txt", ARTICLE)

    def analyze() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "tui", "analyze", "--json", str(story)],
            capture_output=True,
            text=True,
            timeout=300,
            env={**os.environ},
        )

    first = analyze()
    assert first.returncode == 0 and first.stderr == "", first.stderr
    (tmp_path / "story.json").write_text(first.stdout, encoding="utf-8")
    second = analyze()
    assert second.returncode == 0
    assert json.loads(second.stdout)["title"] == json.loads(first.stdout)["title"]
    (line,) = second.stderr.splitlines()
    assert line.startswith("newsreader: warning: ") and "story.json: not a sidecar, ignored" in line

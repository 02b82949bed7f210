"""Languages: only English is analysed; other languages are detected, kept and shown as such.

The sentences are our own (not from any evaluation set). Detection tests need no model; the
pipeline, CLI and app tests run the real spaCy pipeline (a German or Urdu text never reaches it).
"""

from __future__ import annotations

import json

import pytest

from tests.test_app import SIZE, wait_for
from tui.core.analysis.language import detect_language
from tui.core.models import Analysis
from tui.core.reader import parse_text

GERMAN = (
    "Neue Radwege für Leipzig\n"
    "Die Stadtverwaltung von Leipzig hat am Dienstag beschlossen, im kommenden Frühjahr drei neue "
    "Radwege entlang der Weißen Elster zu bauen. Der Oberbürgermeister sagte, man wolle damit den "
    "Verkehr in der Innenstadt entlasten und die Luft sauberer machen.\n"
    "„Wir haben lange genug gewartet“, sagte eine Sprecherin des Fahrradclubs. Vier Menschen "
    "protestierten trotzdem vor dem Rathaus gegen die Pläne.\n"
)
URDU = (
    "اسلام آباد میں نئی بس سروس\n"
    "وزیر اعظم نے بدھ کے روز اسلام آباد میں ایک تقریب سے خطاب کرتے ہوئے کہا کہ حکومت اگلے سال "
    "تعلیم اور صحت پر زیادہ رقم خرچ کرے گی۔ انہوں نے بتایا کہ شہر میں نئی بس سروس بھی شروع کی جائے گی۔\n"
)
ENGLISH = (
    "Harbour wall repaired\n"
    "The council in Porto Vale finished repairing the old harbour wall on Monday, the mayor, "
    "Ana Ribeiro, said.\n"
)


# -- detection (no model) --------------------------------------------------------------------------


def test_german_and_urdu_articles_are_told_from_english():
    assert detect_language(GERMAN) == "de"
    assert detect_language(URDU) == "ur"
    assert detect_language(ENGLISH) == "en"


def test_a_short_urdu_headline_is_recognised_by_its_script():
    assert detect_language("وزیر اعظم نے نئی بس سروس کا افتتاح کیا") == "ur"


# An English report that is mostly names: the clubs' names must not make it Polish.
RESULTS = (
    "FOOTBALL - POLISH LEAGUE RESULTS\nWARSAW 2026-03-14\nResults of Polish league matches played "
    "on Saturday, with the standings after them:\n"
    "Wisła Kraków 2 Lechia Gdańsk 1\nŚląsk Wrocław 0 Zagłębie Lubin 0\nGórnik Zabrze 3 Piast Gliwice 1\n"
    "Jagiellonia Białystok 1 Pogoń Szczecin 1\nKorona Kielce 2 Widzew Łódź 2\nRaków Częstochowa 4 Stal Mielec 0\n"
    "Standings (played, won, drawn, lost, goals for, goals against, points):\n"
    "Raków Częstochowa 20 14 4 2 38 14 46\nJagiellonia Białystok 20 12 5 3 35 18 41\n"
    "Śląsk Wrocław 20 11 6 3 30 16 39\nPogoń Szczecin 20 10 6 4 33 20 36\n"
)


def test_an_english_report_made_mostly_of_foreign_names_is_english():
    assert detect_language(RESULTS) == "en"
    assert detect_language(GERMAN) == "de"  # German keeps its articles and verbs without its nouns


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Item 1",
        "Enhancing quantum sensing",  # a headline some detectors call Latin
        "Otitis Externa\nDr. Alex Saxby: Otitis Externa",
        "v3.9.0\n3.9.0",
        "Gentomaten bei Lidl",  # too short to refuse English on: English is the default
        "\ud800 lone surrogate and \x00 controls in a sentence of English words for the detector",
    ],
)
def test_short_or_odd_texts_default_to_english(text):
    assert detect_language(text) == "en"


def test_the_language_is_kept_with_the_analysis_and_old_caches_read_as_english():
    german = Analysis([], [], [], version="9", language="de")
    data = german.to_json()
    assert data["language"] == "de"
    assert Analysis.from_json(data, "9") == german
    assert not german.analysed and german.skipped_note == "not analysed: German"
    old = Analysis.from_json({"entities": [], "quotes": [], "summary": []}, "8")
    assert old.language == "en" and old.analysed and old.skipped_note == ""
    assert Analysis([], [], [], language="ur").skipped_note == "not analysed: Urdu"


# -- the pipeline, the command line and the app (real model) --------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(("text", "code"), [(GERMAN, "de"), (URDU, "ur")])
def test_other_languages_get_no_invented_analysis(analyzer, text, code):
    german, english = analyzer.analyze_many([parse_text(text), parse_text(ENGLISH)])
    assert german.language == code
    assert (german.entities, german.quotes, german.summary) == ([], [], [])
    assert english.language == "en" and "Porto Vale" in {e.text for e in english.entities}


@pytest.mark.slow
def test_analyze_json_gives_the_language_of_every_article(tmp_path, capsys):
    from tui.cli import main

    (tmp_path / "a_de.txt").write_text(GERMAN, encoding="utf-8")
    (tmp_path / "b_en.txt").write_text(ENGLISH, encoding="utf-8")
    assert main(["analyze", "--json", str(tmp_path)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["path"].rsplit("/", 1)[-1], r["language"]) for r in rows] == [
        ("a_de.txt", "de"),
        ("b_en.txt", "en"),
    ]
    assert (rows[0]["entities"], rows[0]["quotes"], rows[0]["summary"]) == ([], [], [])
    assert rows[1]["entities"]


@pytest.mark.slow
async def test_the_app_says_a_german_article_is_not_analysed(tmp_path, analyzer):
    from tui.factory import make_library
    from tui.ui.app import NewsApp

    path = tmp_path / "leipzig.txt"
    path.write_text(GERMAN, encoding="utf-8")
    library, errors = make_library([str(path)], analyzer=analyzer)
    assert not errors
    with library:
        app = NewsApp(library)
        async with app.run_test(size=SIZE) as pilot:
            screen = app.screen
            await wait_for(pilot, lambda: screen.analysis is not None, "the article's analysis", 3000)
            await pilot.pause()
            assert screen.body.border_subtitle == "not analysed: German"
            assert screen.body.entities == []
            assert screen.quotes.state == "pending" and screen.quotes.quotes == []
            assert screen.summary.bullets is None and screen.summary.note == "Not analysed: German."

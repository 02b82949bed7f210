"""Pronoun speakers resolved to the right person, end to end through the real spaCy pipeline, on
sentences of our own.

A name opening a sentence before an aside that reports someone else ("Doe, claiming that Mayor
Smith wanted ..., said he would ...") is that sentence's subject even where the parser hangs it on
the aside's clause: the "he" after it is Doe, not the person the aside names.
"""

from __future__ import annotations

import pytest

from tests.test_quotes_speakers import speaker_of

pytestmark = pytest.mark.slow  # the real spaCy pipeline


@pytest.mark.parametrize(
    ("name", "verb"),
    [
        ("Lang", "alleging"),  # (the name parsed as a loose word under the aside's clause)
        ("Okafor", "believing"),  # (parsed as a second subject of the aside's clause)
    ],
)
def test_he_after_a_subject_whose_aside_names_someone_else(quotes, name, verb):
    text = (
        "School fight\n\nThe fight began, as such fights often do, in the office of Dennis "
        f'{name}, who said in March that the schools "cannot wait." {name}, later {verb} - again '
        "wrongly - that Senator Pike wanted to close 300 schools, said he would sue the board, which "
        'he claims is "mostly cowards" and perhaps part of a plot. (On Friday he said he would '
        '"take it to every court.")\n'
    )
    found = quotes(text)
    assert speaker_of(found, "mostly cowards") == f"Dennis {name}"
    assert speaker_of(found, "take it to every court") == f"Dennis {name}"

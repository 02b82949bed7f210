"""What enters the system is cleaned the same way however the cleaning is arranged."""

from __future__ import annotations

import random
import sys

from tui.core.sanitize import _STRIP, clean_line, clean_text, strip_controls

ALPHABET = "ab \r\n\t\x0b\x0c\x1c\x1f\x85\x00\x7f\u200b\u202e\xa0\u2028é"


def test_one_line_cleaning_is_clean_text_with_whitespace_collapsed():
    """clean_line and the HTML walker's blocks skip the newline normalisation: split() cannot tell."""
    rng = random.Random(1)
    for _ in range(20_000):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 12)))
        want = " ".join(clean_text(text).split())
        assert clean_line(text) == want
        assert " ".join(strip_controls(text).split()) == want


def _slow(text: str) -> tuple[str, str, str]:
    """clean_text, strip_controls and clean_line as the pattern makes them, never skipped."""
    stripped = _STRIP.sub("", text)
    return (
        _STRIP.sub("", text.replace("\r\n", "\n").replace("\r", "\n")),
        stripped,
        " ".join(stripped.split()),
    )


def test_printable_text_has_nothing_to_strip_and_no_whitespace_but_spaces():
    """What lets the cleaning skip printable text: over every character, those stripped and every
    whitespace character but the space are not printable."""
    every = [chr(c) for c in range(sys.maxunicode + 1)]
    assert not [c for c in every if c.isprintable() and _STRIP.match(c)]
    assert [c for c in every if c.isprintable() and c.isspace()] == [" "]
    assert not "\r".isprintable()


def test_the_shortcuts_for_printable_text_change_nothing():
    rng = random.Random(2)
    alphabet = ALPHABET + "  xyz.,'"
    texts = ["", " ", "a", "a b", "a  b", " a", "a ", "Plain headline, nothing odd", "tab\there"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(20_000)]
    for text in texts:
        assert (clean_text(text), strip_controls(text), clean_line(text)) == _slow(text)

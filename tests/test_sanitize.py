"""What enters the system is cleaned the same way however the cleaning is arranged."""

from __future__ import annotations

import random

from tui.core.sanitize import clean_line, clean_text, strip_controls

ALPHABET = "ab \r\n\t\x0b\x0c\x1c\x1f\x85\x00\x7f\u200b\u202e\xa0\u2028é"


def test_one_line_cleaning_is_clean_text_with_whitespace_collapsed():
    """clean_line and the HTML walker's blocks skip the newline normalisation: split() cannot tell."""
    rng = random.Random(1)
    for _ in range(20_000):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 12)))
        want = " ".join(clean_text(text).split())
        assert clean_line(text) == want
        assert " ".join(strip_controls(text).split()) == want

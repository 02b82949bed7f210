"""Strip what must never reach the terminal from text entering the system.

C0 controls (except newline and tab), DEL, C1 controls and the bidi override/isolate and
zero-width formatting characters are removed; CR and CRLF become newlines.
"""

from __future__ import annotations

import re

_BIDI_AND_FORMAT = "\u061c\u200b\u200c\u200d\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
_STRIP = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI_AND_FORMAT}]")


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# Every character stripped here, CR and every whitespace character but the space are not
# printable (str.isprintable: Unicode's "Other" and "Separator" categories): text that is
# printable has nothing to strip, and its only whitespace is spaces. The usual text is, and
# isprintable() is twice as fast as the search for those characters (tests/test_sanitize.py).


def clean_text(text: str) -> str:
    """Newlines normalised to ``\\n``; control, bidi and zero-width characters removed."""
    if text.isprintable():
        return text
    return _STRIP.sub("", normalise_newlines(text))


def strip_controls(text: str) -> str:
    """:func:`clean_text` without the newline normalisation, for text about to be split on whitespace."""
    if text.isprintable():
        return text
    return _STRIP.sub("", text)


def clean_line(text: str) -> str:
    """Like :func:`clean_text` for one-line fields (titles): whitespace runs become one space."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text  # nothing to strip, and its spaces are single and inside it
    # CR and CRLF are whitespace to split() as the newline they would become: only the strip matters.
    return " ".join(_STRIP.sub("", text).split())

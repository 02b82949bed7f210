"""Which language an article is written in, so that only English goes through the English model.

The detector is CLD2 (``pycld2``): its tables are compiled into the package, it reads a news
article in well under a millisecond and it says "unknown" rather than guess on a few words. It is
still asked only for a verdict against English, and cautiously: headlines and teasers are short,
and an English one taken for Latin or Yoruba would lose its analysis. So a text is English unless
CLD2 finds another language for most of it and, in a Latin script, the text has enough letters for
that to mean something (scripts such as Arabic, Cyrillic or Han are told apart from English by
their letters alone), and only if the text's common words, read without its names and figures,
do not say English (a results table of Polish clubs in an English report). Measured on the seeds and ``shared/corpora/real-feeds`` items by
``bench/language.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

ENGLISH = "en"
# Only the opening of a long article is read: a language does not change half way through a page.
SAMPLE_CHARS = 20_000
# Fewer letters than this and the text is taken for English whatever the detector says.
MIN_LETTERS = 12
# A Latin-script text needs this many letters for a verdict against English ...
MIN_LATIN_LETTERS = 50
# ... and this many when CLD2 itself does not call its verdict reliable.
UNRELIABLE_LETTERS = 100
# The other language must cover at least this share (per cent) of the text.
MIN_PERCENT = 50
# Without its names, a text CLD2 gave another language is English only if this much of it is.
COMMON_PERCENT = 80
# CLD2 keeps some withdrawn ISO 639-1 codes.
_RENAMED = {"iw": "he", "jw": "jv", "in": "id", "mo": "ro"}
_LAST_LATIN = "\u024f"
# Runs of letters and runs of digits: CJK text has no spaces between its words.
_RUN = re.compile(r"[^\W\d_]+|\d+")


def detect_language(text: str) -> str:
    """The ISO 639-1 code of ``text``'s language (639-3 where a language has none); "en" when unsure."""
    sample = text[:SAMPLE_CHARS]
    found = _cld2(sample)
    if found is None:
        return ENGLISH
    code, percent, reliable = found
    code = _RENAMED.get(code, code.split("-")[0])
    if code in (ENGLISH, "un", "xx") or percent < MIN_PERCENT:
        return ENGLISH
    # Letters are counted only now, for the few texts that are not plainly English.
    letters = [ch for ch in sample if ch.isalpha()]
    if len(letters) < MIN_LETTERS:
        return ENGLISH
    latin = sum(ch <= _LAST_LATIN for ch in letters)
    if latin * 2 > len(letters) and (
        len(letters) < MIN_LATIN_LETTERS or (not reliable and len(letters) < UNRELIABLE_LETTERS)
    ):
        return ENGLISH
    # Names and figures look alike in every language: a results table of Serbian clubs in an
    # English report reads as Serbian. The verdict stands only if the common words agree.
    common = _without_names(sample)
    verdict = _cld2(common) if sum(ch.isalpha() for ch in common) >= MIN_LATIN_LETTERS else None
    if verdict is not None and verdict[0] == ENGLISH and verdict[1] >= COMMON_PERCENT and verdict[2]:
        return ENGLISH
    return code


def _without_names(text: str) -> str:
    """``text`` without words that start with a capital letter and without figures: what is left
    are a language's common words (German loses its nouns, but not its articles and verbs)."""
    return _RUN.sub(_common, text)


def _common(run: re.Match[str]) -> str:
    first = run.group()[0]
    return " " if first.isupper() or first.isdigit() else run.group()


def _cld2(sample: str) -> tuple[str, int, bool] | None:
    """CLD2's top language, its share of the text in per cent and whether CLD2 calls it reliable."""
    import pycld2

    for attempt in _attempts(sample):
        try:
            reliable, _bytes, details = pycld2.detect(attempt, bestEffort=True)
        except (pycld2.error, ValueError):  # it refuses unpaired surrogates and some controls
            continue
        if details:
            _name, code, percent, _score = details[0]
            return code, int(percent), bool(reliable)
    return None


def _attempts(sample: str) -> Iterator[str]:
    """The text as it is, then (only if CLD2 refused it or found nothing) its printable part."""
    yield sample
    yield _printable(sample)


def _printable(text: str) -> str:
    return "".join(ch if ch.isprintable() else " " for ch in text.encode("utf-8", "ignore").decode("utf-8"))

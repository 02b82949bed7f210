"""What looks quoted but is no quotation: quoted titles and names, nicknames between a first and a
last name, symbols, and words shown on a thing (a sign, a T-shirt) rather than spoken.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .quotes_names import CODE, DISPLAY_NOUNS
from .quotes_offsets import tokens_within
from .quotes_people import RELATIVE

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

    from .quotes_verbs import Cue

# Words between a sign or a shirt and the quote on it ("a T-shirt reading", "that said", "with the words").
_DISPLAY_LINKS = frozenset(
    "read reading reads say saying says said that which with the words emblazoned bearing".split()
)
_SMALL_WORDS = frozenset("a an the of and or in on at to for with by from as vs. vs de la".split())


def on_display(sdoc: Doc, start: int) -> bool:
    """Whether the words before the opening mark put the quote on a thing: "a T-shirt reading",
    "signs that said", "a banner with the words"."""
    lo = max(0, start - 200)  # six words back, without reading the block from its start
    before = _words_of_sentence(tokens_within(sdoc, lo, start))
    if len(before) < 6 and lo:
        before = _words_of_sentence(tokens_within(sdoc, 0, start))
    for k, t in enumerate(before):
        if t.lemma_.lower() in DISPLAY_NOUNS or t.lower_ in DISPLAY_NOUNS:
            rest = before[k + 1 :]
            return len(rest) <= 3 and all(
                r.lower_ in _DISPLAY_LINKS or r.lemma_ in _DISPLAY_LINKS for r in rest
            )
    return False


def _words_of_sentence(tokens: list[Token]) -> list[Token]:
    """The last six words of ``tokens`` after the last full stop: a thing named in the sentence
    before ("... pressing the button. 'Trump is ...'") shows nothing of the quote."""
    cut = max((k for k, t in enumerate(tokens) if t.text in (".", "!", "?")), default=-1)
    return [t for t in tokens[cut + 1 :] if not t.is_punct][-6:]


def displayed(cue: Cue) -> bool:
    """Whether the cue's subject is a thing that shows words (a sign, a T-shirt), not a speaker."""
    subj = cue.subject
    if subj is None:
        return False
    if subj.lower_ in RELATIVE and subj.head.dep_ == "relcl":
        subj = subj.head.head  # "a sign that read ..."
    return subj.lemma_.lower() in DISPLAY_NOUNS or subj.lower_ in DISPLAY_NOUNS


_HAS_WORD = re.compile(r"[^\W\d_]{2}")


def has_word(text: str) -> bool:
    """Whether ``text`` holds a word at all: quoted symbols, variables and code ("x", "/W",
    "github.com/acme/uuid", "snake_case") are no speech."""
    text = text.strip()
    if CODE.fullmatch(text) and any(c.islower() for c in text):
        return False
    return bool(_HAS_WORD.search(text))


def word_count(text: str) -> int:
    return len(text.split())


def is_nickname(text: str, start: int, end: int) -> bool:
    """A quoted nickname between a first and a last name: Marcia "Cia" Price."""
    words = text[start:end].split()
    if not 1 <= len(words) <= 2 or not all(w[:1].isupper() for w in words):
        return False
    before = text[max(0, start - 30) : start - 1].rpartition("\n")[2].split()
    after = text[end + 1 : end + 30].partition("\n")[0].split()
    if not before or not after:
        return False
    first, last = before[-1], after[0]
    return first[:1].isupper() and first[-1:].isalpha() and last[:1].isupper() and last[-1:].isalpha()


def is_title(text: str) -> bool:
    """A quoted title or name ("One Hundred Years of Solitude"): every word capitalised, no sentence."""
    words = text.rstrip(".,").split()
    if len(words) < 2 or len(words) > 10 or text[-1] in "?!":
        return False
    return all(w[0].isupper() or w.lower() in _SMALL_WORDS or not w[0].isalpha() for w in words)


# A quotation this short inside a quoted passage is a term its writer marked, unless it is a sentence.
_FRAGMENT_WORDS = 4
_SENTENCE_END = re.compile(r"[.!?][\"'’”)]*$")


def is_fragment(text: str) -> bool:
    """Fewer than four words and no sentence of their own ("undue burden", "dishonest."), where
    "Absolutely right." is one: a capital first and a full stop, question or exclamation mark last."""
    if word_count(text) >= _FRAGMENT_WORDS:
        return False
    return not (text[:1].isupper() and _SENTENCE_END.search(text))


# After a cited work's title on its line: a web address, "(2013)", or an outlet and a date
# (", Business Insider, September 2017."); what a reporting verb follows is a quote all the same.
_URL = re.compile(r"https?://|www\.")
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Sept?\.)"
_CITED = re.compile(
    r"[\"”’'»]?[,.]?[\"”’'»]?\s*(?:\(\d{4}\)|(?:[A-Z][\w.&'’-]*\s){0,5}[A-Z][\w.&'’-]*,?\s+"
    rf"{_MONTH}(?:\s+\d{{1,2}},)?\s+\d{{4}}|{_MONTH}\s+\d{{4}})"
)
_REPORTED = re.compile(r"\b(?:said|says|told|wrote|writes|added|asked|according)\b")
# Titles are short; a long passage before an address is an excerpt of someone's writing.
_TITLE_WORDS = 25


def is_citation(text: str, start: int, end: int) -> bool:
    """A cited work's title, not speech: 'Russ Cox, “RE2: a principled approach,” March 2010.
    https://...', 'Source: “How Many Users Does Twitter Have?” The Motley Fool, April 2017.', a
    poster's “No to Schengen” (2005): quoted words that a date or a web address follows on their line."""
    if word_count(text[start:end]) > _TITLE_WORDS:
        return False
    after = text[end : end + 120].split("\n", 1)[0]
    if _URL.search(after, 0, 70) and not _REPORTED.search(after, 0, 70):
        return True
    return _CITED.match(after) is not None


def named_or_cited(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a quoted title or name, a nickname or a cited work: no speech."""
    return is_title(text[start:end]) or is_nickname(text, start, end) or is_citation(text, start, end)

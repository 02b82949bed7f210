"""Case restoration for ALL-CAPS lines (wire headlines, datelines) before the model sees them.

The small English model relies heavily on capitalisation: on "LEICESTERSHIRE TAKE OVER AT TOP" it
tags nearly everything or nothing. Such lines are rewritten in a likely mixed case, letter for
letter, so every offset stays valid: a word takes the form it has elsewhere in the same article
("Leicestershire", "victory"); unseen function words and common verbs/adjectives go to lower case,
acronym-like words keep their capitals, anything else becomes Title case.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from .ner_places import is_country

# Letter runs: the unit of a casing decision ("U.S.-RUSSIA" -> "U", "S", "RUSSIA").
_WORD = re.compile(r"[^\W\d_]+")
# Clitic letters after an apostrophe: "SHEARER'S" -> "Shearer's", "DON'T" -> "don't".
_CLITICS = frozenset({"s", "t", "d", "m", "ll", "re", "ve"})
_VOWELS = frozenset("aeiouy")
# A wire headline's topic label: "SOCCER - ", "AMERICAN FOOTBALL - ".
_SLUG = re.compile(r"^[^\W\d_]+(?: [^\W\d_]+)? - ")
# Calendar names are proper nouns but read as ordinary words to the lemmatizer tables ("august").
_CALENDAR = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)


def is_caps_line(text: str) -> bool:
    """True for a line written in capitals ("SOCCER - JAPAN WIN", "LONDON 1996-08-30")."""
    words = [w for w in _WORD.findall(text) if len(w) > 1]
    if not words:
        return False
    upper = sum(1 for w in words if w.isupper())
    if upper < len(words) * 0.8:
        return False
    # One capitalised acronym in a lower-case line is not a caps line; a lone long word is (datelines).
    return upper >= 2 or any(len(w) >= 4 for w in words if w.isupper())


class CaseModel:
    """How the words of one article are cased outside its ALL-CAPS lines."""

    def __init__(
        self, common_words: frozenset[str] = frozenset(), dictionary: frozenset[str] = frozenset()
    ) -> None:
        self.common_words = common_words
        self.dictionary = dictionary
        self._forms: dict[str, Counter[str]] = {}
        # Capitalised word pairs ("New York"): the pair wins over the words' own forms ("new").
        self._pairs: set[tuple[str, str]] = set()

    def learn(self, text: str) -> None:
        """Count the forms of the words in a normally cased text (sentence starts count less)."""
        prev: re.Match[str] | None = None
        for m in _WORD.finditer(text):
            w = m.group()
            if prev is not None and prev.end() + 1 == m.start() and text[prev.end()] == " ":
                p = prev.group()
                if p[:1].isupper() and w[:1].isupper():
                    self._pairs.add((p.lower(), w.lower()))
            prev = m
            i = m.start()
            if w.isupper() and len(w) > 1:
                # An acronym in normally cased text ("NBA") stays one in a caps line.
                self._forms.setdefault(w.lower(), Counter())[w] += 3
                continue
            before = text[max(0, i - 3) : i].rstrip(" \"'“‘(")
            weight = 1 if (i == 0 or not before or before[-1] in ".!?:") else 3
            self._forms.setdefault(w.lower(), Counter())[w] += weight

    def restore(self, text: str) -> str:
        """Return ``text`` with a likely casing; same length, letter for letter."""
        out = list(text)
        matches = list(_WORD.finditer(text))
        forms = [
            self._form(m.group(), i == 0, m.start() > 0 and text[m.start() - 1] in "'’")
            for i, m in enumerate(matches)
        ]
        for i in range(len(matches) - 1):
            a, b = matches[i], matches[i + 1]
            if (a.group().lower(), b.group().lower()) in self._pairs and text[a.end() : b.start()] == " ":
                forms[i] = _title(forms[i])
                forms[i + 1] = _title(forms[i + 1])
        slug = _SLUG.match(text)
        if slug and all(self._dictionary_word(m.group()) for m in matches if m.end() <= slug.end()):
            # "SOCCER - ROTOR FANS ...": a topic label, not a name; lower case keeps it out of the NER.
            forms = [f.lower() if m.end() <= slug.end() else f for m, f in zip(matches, forms, strict=True)]
        for m, form in zip(matches, forms, strict=True):
            if form != m.group() and len(form) == len(m.group()):
                out[m.start() : m.end()] = form
        return "".join(out)

    def _dictionary_word(self, word: str) -> bool:
        low = word.lower()
        return (low in self.dictionary or self._common(low)) and not is_country(low)

    def _common(self, low: str) -> bool:
        """An ordinary word, allowing the regular inflections ("wins", "beaten", "leading")."""
        common = self.common_words
        if low in common:
            return True
        for suffix, repl in (
            ("s", ""),
            ("es", ""),
            ("ed", ""),
            ("ed", "e"),
            ("ing", ""),
            ("ing", "e"),
            ("en", ""),
        ):
            if low.endswith(suffix) and len(low) > len(suffix) + 2 and low[: -len(suffix)] + repl in common:
                return True
        return False

    def _form(self, word: str, first: bool, after_apostrophe: bool) -> str:
        if not word.isupper():
            return word
        low = word.lower()
        if len(low) != len(word):  # e.g. "İ": lowering would shift offsets
            return word
        if after_apostrophe and low in _CLITICS:
            return low
        if len(word) == 1:
            return word
        seen = self._forms.get(low)
        if low in _CALENDAR:
            form = low.capitalize()
        elif seen:
            form = seen.most_common(1)[0][0]
        elif low in STOP_WORDS or self._common(low):
            form = low
        elif not (_VOWELS & set(low)):
            return word  # initials and acronyms ("J", "NFL", "BBC") keep their capitals
        else:
            form = low.capitalize()
        if first and form[:1].islower():
            form = form[:1].upper() + form[1:]
        return form


def _title(form: str) -> str:
    return form if len(form) < 2 or form.isupper() else form[:1].upper() + form[1:]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Ordinary English words from the model's own lemmatizer tables (no extra download)."""

    # Verbs, adjectives, adverbs: words that are almost never names.
    common: frozenset[str] = frozenset()
    # Nouns, which include place and family names ("london", "kent"): a weaker signal.
    nouns: frozenset[str] = frozenset()


def lexicon_of(nlp: object) -> Lexicon:
    """The :class:`Lexicon` of a loaded spaCy pipeline (empty if it has no lemmatizer tables)."""
    try:
        lookups = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
        index = lookups.get_table("lemma_index")
    except (KeyError, AttributeError, ValueError):
        return Lexicon()
    common: set[str] = set()
    for pos in ("verb", "adj", "adv"):
        if pos in index:
            common.update(w for w in index[pos] if w.isalpha())
    nouns = frozenset(w for w in index["noun"] if w.isalpha()) if "noun" in index else frozenset()
    return Lexicon(frozenset(common), nouns)


def restore_blocks(texts: Iterable[str], lexicon: Lexicon) -> list[str]:
    """The texts of one article's blocks, ALL-CAPS ones case-restored from the others."""
    texts = list(texts)
    caps = [is_caps_line(t) for t in texts]
    if not any(caps):
        return texts
    model = CaseModel(lexicon.common, lexicon.nouns)
    for t, c in zip(texts, caps, strict=True):
        if not c:
            model.learn(t)
    return [model.restore(t) if c else t for t, c in zip(texts, caps, strict=True)]

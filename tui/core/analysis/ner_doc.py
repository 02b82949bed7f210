"""Document-level consistency of entity mentions: one type per name, short forms linked, gaps filled.

The model labels each block on its own, so a name may be a PERSON in one paragraph and an ORG in
the next, and a surname alone ("Lavrov") loses the evidence of the full name ("Sergei Lavrov").
Here every mention of the same name votes for one label, short forms inherit the label and the
canonical name of the full form they abbreviate, and unlabelled repeats of a known name are added.
Everything is linear in the number of mentions plus one regex scan per block.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from spacy.lang.en.stop_words import STOP_WORDS

from ..models import ACRONYM_SKIP, Entity
from .ner_spans import NAME_LABELS, Mention

_ARTICLE = re.compile(r"^(?:the|The|THE)\s+")
# A signature's dash the model keeps in the span ("-- Augustus" under an epigraph).
_DASH = re.compile(r"^(?:--|[-–—―])\s*")
_POSSESSIVE = re.compile(r"\s*['’][sS]?$")
_SPACES = re.compile(r"\s+")
# Words that begin a surname of several words ("Marine Le Pen" -> "Le Pen", "Bill de Blasio" ->
# "de Blasio", "Ursula von der Leyen" -> "von der Leyen"): the short form keeps them.
_SURNAME_PARTICLES = frozenset(
    "le la de du des del della di da dos van von der den ter al el bin ibn".split()
)


def surface(text: str) -> str:
    """A mention's name as shown: no leading dash or article, no possessive, single spaces."""
    text = _SPACES.sub(" ", text.strip())
    text = _POSSESSIVE.sub("", _DASH.sub("", text))
    stripped = _ARTICLE.sub("", text)
    return stripped or text


def name_key(text: str) -> str:
    return surface(text).casefold()


@dataclass(slots=True)
class _Name:
    """All mentions of one name (same key) in a document."""

    key: str
    votes: Counter[str] = field(default_factory=Counter)
    forms: Counter[str] = field(default_factory=Counter)
    positions: list[int] = field(default_factory=list)
    blocks: list[int] = field(default_factory=list)
    label: str = ""
    canonical: str = ""
    full: _Name | None = None  # the longer name this one abbreviates

    @property
    def words(self) -> list[str]:
        return self.key.split()


def _best_form(forms: Counter[str]) -> str:
    """The usual spelling, preferring normal case over ALL CAPS."""
    ranked = sorted(forms.items(), key=lambda kv: (not kv[0].isupper(), kv[1], len(kv[0])), reverse=True)
    return ranked[0][0]


def _short_keys(name: _Name) -> list[str]:
    """Keys of the short forms a full name may appear as later in the article."""
    words = name.words
    if len(words) < 2:
        return []
    if name.label == "PERSON":
        last = words[-1]
        keys = [last]
        first = next((i for i in range(1, len(words) - 1) if words[i] in _SURNAME_PARTICLES), None)
        if first is not None:
            keys.append(" ".join(words[first:]))
        if "-" in last:  # "Bashar al-Assad" -> "Assad"
            keys.append(last.rsplit("-", 1)[1])
        return [k for k in keys if len(k) > 1]
    if name.label in ("ORG", "FAC", "EVENT", "LAW"):
        initials = [w[0] for w in surface(name.canonical).split() if w.lower() not in ACRONYM_SKIP]
        if len(initials) >= 2:
            return ["".join(initials).casefold()]
    return []


def resolve(texts: list[str], mentions: list[Mention]) -> tuple[list[str], list[str]]:
    """One label and one canonical name per mention (parallel lists) from the document's votes."""
    names: dict[str, _Name] = {}
    keys: list[str | None] = []
    for text, m in zip(texts, mentions, strict=True):
        if m.label not in NAME_LABELS:
            keys.append(None)
            continue
        key = name_key(text)
        name = names.get(key)
        if name is None:
            name = names[key] = _Name(key)
        name.votes[m.label] += m.weight
        name.forms[surface(text)] += 1
        name.positions.append(m.start)
        name.blocks.append(m.block)
        keys.append(key)

    for name in names.values():
        name.label = name.votes.most_common(1)[0][0]
        name.canonical = _best_form(name.forms)

    # Short forms: a single word (or acronym) that is the tail of a longer name of the article.
    fulls: dict[str, list[_Name]] = defaultdict(list)
    for name in names.values():
        for k in _short_keys(name):
            if k != name.key:
                fulls[k].append(name)
    for key, candidates in fulls.items():
        short = names.get(key)
        if short is None:
            continue
        full = max(candidates, key=lambda n: (_weight(n, names), -n.positions[0]))
        if full.label == "PERSON" or short.votes[full.label] > 0 or len(candidates) == 1:
            short.full = full

    labels: list[str] = []
    canon: list[str] = []
    for text, m, key in zip(texts, mentions, keys, strict=True):
        if key is None:
            labels.append(m.label)
            canon.append(_SPACES.sub(" ", text.strip()))
            continue
        name = names[key]
        if name.full is not None:
            full = _nearest_full(name, m.start, m.block, fulls[key])
            labels.append(full.label)
            canon.append(full.canonical)
        else:
            labels.append(name.label)
            canon.append(name.canonical)
    return labels, canon


def _weight(full: _Name, names: dict[str, _Name]) -> float:
    """How much an article is about a full name: its mentions plus those of its given name alone
    ("Hillary" counts for "Hillary Clinton", not for "Bill Clinton")."""
    weight = sum(full.votes.values())
    given = names.get(full.words[0]) if full.label == "PERSON" else None
    if given is not None and given.label == "PERSON" and given is not full:
        weight += sum(given.votes.values())
    return weight


def _nearest_full(short: _Name, pos: int, block: int, candidates: list[_Name]) -> _Name:
    """The full name a short form at ``pos`` stands for: one named earlier in the same block ("Heidi
    Cruz ... Cruz said"), else the article's main bearer of it, since news text names a second
    person of the same surname in full or by given name, not by the bare surname."""
    if len(candidates) == 1:
        return candidates[0]
    best, best_pos = short.full, -1
    for cand in candidates:
        i = bisect.bisect_right(cand.positions, pos) - 1
        if i >= 0 and cand.blocks[i] == block and cand.positions[i] > best_pos:
            best, best_pos = cand, cand.positions[i]
    assert best is not None
    return best


def propagation_pattern(forms: list[str]) -> re.Pattern[str] | None:
    """A regex finding the given names at word boundaries, longest first."""
    usable = sorted(
        {f for f in forms if len(f) > 1 and any(c.isupper() for c in f)},
        key=len,
        reverse=True,
    )
    if not usable:
        return None
    return re.compile(r"(?<![\w\-.@])(?:" + "|".join(map(re.escape, usable)) + r")(?![\w\-@]|\.\w)")


def risky(form: str, common_words: frozenset[str]) -> bool:
    """A one-word name that is also an ordinary word ("Such", "Will", "Young") is not searched for."""
    if " " in form:
        return False
    low = form.lower()
    return low in STOP_WORDS or low in common_words


def uncovered(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when ``[start, end)`` overlaps none of the sorted, disjoint ``spans``."""
    i = bisect.bisect_right(spans, (start, float("inf")))
    if i > 0 and spans[i - 1][1] > start:
        return False
    return not (i < len(spans) and spans[i][0] < end)


def is_acronym(text: str, canonical: str) -> bool:
    """Whether ``text`` is an acronym of the longer ``canonical`` ("IMF", "International Monetary Fund")."""
    letters = text.replace(".", "").replace("&", "")
    return (
        2 <= len(letters) <= 6
        and letters.isalpha()
        and letters.isupper()
        and " " in canonical
        and letters[0] == canonical[0]
    )


def show_acronyms(ents: list[Entity]) -> list[Entity]:
    """Speakers named by an acronym in the text keep it beside the expanded name ("International
    Monetary Fund (IMF)"): the reader sees the form the article uses, and one name for both."""
    short: dict[str, str] = {}
    for e in ents:
        form = surface(e.text)
        if form != e.canonical and is_acronym(form, e.canonical):
            short.setdefault(e.canonical, form)
    if not short:
        return ents
    return [
        replace(e, canonical=f"{e.canonical} ({short[e.canonical]})") if e.canonical in short else e
        for e in ents
    ]

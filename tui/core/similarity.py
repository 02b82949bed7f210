"""Near-duplicate text for stories: word-pair shingles of a headline and lead, and MinHash bands.

An article is reduced to the set of its *shingles*: pairs of adjacent words of its headline and
the first :data:`LEAD_WORDS` words of its body, case-folded and without accents, leaving out pairs
made only of common words ("of the", "said on"), which say nothing about the event. Two articles
are about the same event when the Jaccard similarity of their sets reaches :data:`SAME_EVENT`.

Why that threshold (measured with bench/stories.py --pairs over 1,024 real articles, PolNeAR and
CNN/DailyMail, and on our own pairs in tests/test_stories.py): the same report rewritten by another
outlet shares 0.20-0.44 of its pairs (a poll story 0.20, a Supreme Court column 0.33, a golf
feature 0.34), identical wire copy ~1.0. Of 99,260 pairs of different articles that share a
person's name, 99.9% share <= 0.07; the worst different events are two campaign stories listing
the same five candidates (0.15) and one hacker's plea and his sentencing months later (0.19, which
the 3-day window keeps apart anyway): a shared name is one or two pairs out of ~80, the stock
phrases around it a few more. 0.2 is the lowest value no pair of different events reached, bar
copied boilerplate: two items of AP's live blog opening with the same "The Latest on the 2016
campaign..." paragraph (0.40). That is why articles of the same feed are never compared; the same
boilerplate carried by two outlets' feeds would still be grouped (a known limit).

MinHash only finds candidates cheaply. :data:`HASHES` min-hashes are cut into :data:`BANDS` bands
of :data:`ROWS` rows; articles sharing any band are compared exactly. With two rows a band, a pair
at Jaccard 0.2 shares a band with probability 1 - (1 - 0.2**2)**32 = 0.73, at 0.3 0.95, at 0.5
~1.0, while unrelated articles (<= 0.02) almost never do.
"""

from __future__ import annotations

import functools
import hashlib
import re
import struct
import unicodedata
from collections.abc import Iterable
from typing import Any

from .models import CAPTION, CREDIT, HEADLINE, MEDIA, PROMO, Block

LEAD_WORDS = 60
SAME_EVENT = 0.2
MIN_SHINGLES = 6  # fewer than this (a bare headline) is too little to tell two events apart
ROWS = 2
BANDS = 32
HASHES = ROWS * BANDS

_MASK = (1 << 61) - 1  # a Mersenne prime: (a * x + b) mod p is a cheap family of permutations
_PARAMS = [
    (int.from_bytes(hashlib.blake2b(f"a{i}".encode(), digest_size=8).digest()) % _MASK | 1,
     int.from_bytes(hashlib.blake2b(f"b{i}".encode(), digest_size=8).digest()) % _MASK)
    for i in range(HASHES)
]  # fmt: skip
_WORD = re.compile(r"\w+")
_SKIP_KINDS = frozenset({HEADLINE, CAPTION, CREDIT, MEDIA, PROMO})
_STOP = frozenset(
    """a about after again against all also an and any are as at be been before being but by can
    could did do does for from had has have he her here his how i if in into is it its just last
    me more most my new no not now of on one or other our out over said says she so than that the
    their them then there these they this those through to told two up us was we were what when
    where which while who will with would year years you your monday tuesday wednesday thursday
    friday saturday sunday""".split()
)


def _words(text: str) -> list[str]:
    folded = text.casefold()
    if not folded.isascii():  # accents off, character by character, only where there are any
        folded = unicodedata.normalize("NFKD", folded)
        folded = "".join(c for c in folded if not unicodedata.combining(c))
    return _WORD.findall(folded)


def lead(text: str, blocks: Iterable[Block]) -> str:
    """The first :data:`LEAD_WORDS` words of the body (no headline, captions or credits)."""
    words: list[str] = []
    body = [b for b in blocks if b.kind not in _SKIP_KINDS]
    for part in (text[b.start : b.end] for b in body) if body else [text]:
        words.extend(part.split())
        if len(words) >= LEAD_WORDS:
            break
    return " ".join(words[:LEAD_WORDS])


def shingles(title: str, lead_text: str) -> frozenset[str]:
    """Adjacent word pairs of the headline and of the lead (not across them), minus stop pairs."""
    out: set[str] = set()
    for part in (title, lead_text):
        words = _words(part)
        for a, b in zip(words, words[1:], strict=False):
            if a not in _STOP or b not in _STOP:
                out.add(f"{a} {b}")
    return frozenset(out)


def jaccard(a: frozenset[Any], b: frozenset[Any]) -> float:
    """|a ∩ b| / |a ∪ b| (0 for two empty sets)."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def same_event(a: frozenset[Any], b: frozenset[Any]) -> float:
    """The Jaccard similarity when both sets are big enough to judge, else 0."""
    if len(a) < MIN_SHINGLES or len(b) < MIN_SHINGLES:
        return 0.0
    return jaccard(a, b)


def hashed(items: Iterable[str]) -> frozenset[int]:
    """Each shingle as a 61-bit number (stable across processes: no ``hash()``).

    Stories keep these, not the words: comparing two articles is then a set operation on small
    ints, and a candidate's set is read back from SQLite instead of recomputed from its text.
    """
    return frozenset(
        int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest()) % _MASK for s in items
    )


def signature(items: frozenset[str]) -> list[int]:
    """:data:`HASHES` min-hashes of a shingle set (stable across processes: no ``hash()``).

    Each is ``min((a * h + b) % _MASK for h in hashes)``; computed with numpy in 64-bit lanes
    (:func:`_min_hashes`), the same numbers at a sixth of the time of Python's big integers,
    which made this most of a first refresh's CPU (a test keeps the two equal).
    """
    return signature_of(hashed(items))


def signature_of(hashes: frozenset[int]) -> list[int]:
    """:func:`signature` of shingles already :func:`hashed`."""
    return signatures_of([hashes])[0]


def signatures_of(sets: list[frozenset[int]]) -> list[list[int]]:
    """:func:`signature_of` of many sets in one pass (a feed's items at once): the numpy work is
    done over all their shingles together and cut back per set, which for sets of ~50 shingles
    costs a fifth of one call each."""
    import numpy as np  # only when articles are grouped: not on every command's import path

    flat = [h for s in sets for h in sorted(s)]
    if not flat:
        return [[] for _ in sets]
    starts, at = [], 0
    for s in sets:
        starts.append(at)
        at += len(s)
    nonempty = [i for i, s in enumerate(sets) if s]
    mins = np.minimum.reduceat(_min_hash_matrix(flat), [starts[i] for i in nonempty], axis=1)
    out: list[list[int]] = [[] for _ in sets]
    for col, i in enumerate(nonempty):
        out[i] = [int(v) for v in mins[:, col]]
    return out


def _min_hashes(hs: list[int]) -> list[int]:
    """``[min((a * h + b) % p for h in hs) for a, b in _PARAMS]`` for ``h < p = 2**61 - 1``."""
    return [int(v) for v in _min_hash_matrix(hs).min(axis=1)]


def _min_hash_matrix(hs: list[int]) -> Any:
    """``(a * h + b) % p`` for every parameter pair (rows) and every ``h`` (columns).

    a * h needs 122 bits: a and h are split into 32-bit halves, the four partial products fit in
    64 bits, and 2**61 = 1 (mod p) folds them back: 2**64 = 8, mid * 2**32 = (mid >> 29) +
    (mid mod 2**29) * 2**32, low = (low >> 61) + (low mod 2**61). Every sum stays below 2**64.
    """
    import numpy as np

    u = np.uint64
    p = u(_MASK)
    a_hi, a_lo, b = _lanes()
    x = np.array(hs, dtype=np.uint64)[None, :]
    x_hi, x_lo = x >> u(32), x & u(0xFFFFFFFF)
    mid = a_hi * x_lo + a_lo * x_hi
    low = a_lo * x_lo
    total = (
        (a_hi * x_hi) * u(8)
        + (mid >> u(29))
        + ((mid & u((1 << 29) - 1)) << u(32))
        + (low >> u(61))
        + (low & p)
        + b
    )
    total = (total & p) + (total >> u(61))
    total = (total & p) + (total >> u(61))
    return np.where(total >= p, total - p, total)


@functools.cache
def _lanes() -> tuple[Any, Any, Any]:
    """The hash parameters as numpy columns: a's high and low 32 bits, and b."""
    import numpy as np

    a = np.array([a % _MASK for a, _ in _PARAMS], dtype=np.uint64)[:, None]
    b = np.array([b for _, b in _PARAMS], dtype=np.uint64)[:, None]
    return a >> np.uint64(32), a & np.uint64(0xFFFFFFFF), b


def reference_signature(items: frozenset[str]) -> list[int]:
    """:func:`signature` the slow, obvious way (for tests)."""
    hs = [int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest()) for s in items]
    if not hs:
        return []
    return [min((a * h + b) % _MASK for h in hs) for a, b in _PARAMS]


def band_keys(sig: list[int]) -> list[int]:
    """One signed 64-bit key per band (band number and its rows hashed together), for SQLite."""
    keys = []
    for i in range(0, len(sig), ROWS):
        raw = struct.pack(f"<H{ROWS}Q", i // ROWS, *sig[i : i + ROWS])
        keys.append(int.from_bytes(hashlib.blake2b(raw, digest_size=8).digest(), signed=True))
    return keys

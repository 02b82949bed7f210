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
~1.0, while an unrelated one (<= 0.02) does with probability ~0.013: rare for a pair, but a
first refresh puts 10,000 articles in one 3-day window, so a new article meets dozens of
candidates. Hence the candidates' shingles are kept hashed beside their bands and compared all at
once (store/stories.py), and each article's sketch is made where it is parsed (:func:`sketches`).
"""

from __future__ import annotations

import functools
import hashlib
import re
import struct
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .models import CAPTION, CREDIT, HEADLINE, MEDIA, PROMO, Block, Document

LEAD_WORDS = 60
SAME_EVENT = 0.2
MIN_SHINGLES = 6  # fewer than this (a bare headline) is too little to tell two events apart
ROWS = 2
BANDS = 32
HASHES = ROWS * BANDS

_U64 = (1 << 64) - 1


def _param(name: str) -> int:
    return int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8).digest())


# Multiply-shift hashing: h -> ((a * h + b) mod 2**64) >> 32, with ``a`` odd. The shingles' own
# hashes are already uniform, so each pair orders them as a random permutation would, at three
# numpy operations a value (a prime-field family costs about twenty).
_PARAMS = [(_param(f"ms-a{i}") | 1, _param(f"ms-b{i}")) for i in range(HASHES)]
# Each band's key: its two 32-bit rows side by side, xor a constant of the band's own.
_BAND_SALT = [_param(f"band{i}") for i in range(BANDS)]
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


# ASCII text's words without the regex: upper case folded, every byte \w does not match made a
# space, then split (the same words as ``_words``, as UTF-8 bytes).
_ASCII_WORDS = bytes(
    c + 32 if 65 <= c <= 90 else c if chr(c).isascii() and (chr(c).isalnum() or c == 95) else 32
    for c in range(256)
)


def _word_bytes(text: str) -> list[bytes]:
    """``_words(text)``, each as UTF-8 bytes."""
    if text.isascii():
        return text.encode().translate(_ASCII_WORDS).split()
    return [w.encode() for w in _words(text)]


def lead(text: str, blocks: Iterable[Block]) -> str:
    """The first :data:`LEAD_WORDS` words of the body (no headline, captions or credits)."""
    words: list[str] = []
    body = [b for b in blocks if b.kind not in _SKIP_KINDS]
    for part in (text[b.start : b.end] for b in body) if body else [text]:
        # Only the words still wanted are split off (a long paragraph's rest stays one string).
        need = LEAD_WORDS - len(words)
        found = part.split(None, need)
        words.extend(found[:need])
        if len(found) >= need:
            break
    return " ".join(words)


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
    """Each shingle ("word word") as a 64-bit number, stable across processes (no ``hash()``).

    Stories keep these, not the words: comparing two articles is then a set operation on ints,
    and a candidate's set is read back from SQLite instead of recomputed from its text.
    """
    return frozenset(_pair(a, b) for a, _, b in (item.partition(" ") for item in items))


def shingle_hashes(title: str, lead_text: str) -> frozenset[int]:
    """``hashed(shingles(title, lead_text))`` without making the strings."""
    out: set[int] = set()
    for part in (title, lead_text):
        words = _words(part)
        for a, b in zip(words, words[1:], strict=False):
            if a not in _STOP or b not in _STOP:
                out.add(_pair(a, b))
    return frozenset(out)


_word_hashes: dict[str, int] = {}
_byte_hashes: dict[bytes, int] = {}  # the same hashes by the words' UTF-8 (what sketches look up)


def _word(word: str) -> int:
    h = _word_hashes.get(word)
    if h is None:
        if len(_word_hashes) > 200_000:  # a long-running process reading many languages
            _word_hashes.clear()
        h = _word_hashes[word] = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest())
    return h


def _byte_word(word: bytes) -> int:
    """:func:`_word` of a word given as its UTF-8."""
    h = _byte_hashes.get(word)
    if h is None:
        if len(_byte_hashes) > 200_000:
            _byte_hashes.clear()
        h = _byte_hashes[word] = int.from_bytes(hashlib.blake2b(word, digest_size=8).digest())
    return h


# The first word's hash is multiplied by this (odd: a bijection modulo 2**64) before the second's
# is mixed in, so a pair is ordered ("New York" is not "York New").
_PAIR_MIX = 0x9E3779B97F4A7C15


def _pair(a: str, b: str) -> int:
    """Two words' hashes mixed in order (see :data:`_PAIR_MIX`)."""
    return ((_word(a) * _PAIR_MIX) & _U64) ^ _word(b)


def signature(items: frozenset[str]) -> list[int]:
    """:data:`HASHES` 32-bit min-hashes of a shingle set (stable across processes)."""
    return signature_of(hashed(items))


def signature_of(hashes: frozenset[int]) -> list[int]:
    """:func:`signature` of shingles already :func:`hashed`."""
    return [int(v) for v in signatures_of([hashes])[0]]


def signatures_of(sets: list[frozenset[int]]) -> Any:
    """The signatures of many sets as one numpy array, a row each (zeros for an empty set).

    All the sets' hashes go through the :data:`HASHES` functions in one array and the minimum is
    taken per set (``minimum.reduceat``): a feed's items cost one pass, not one each.
    """
    import numpy as np  # only when articles are grouped: not on every command's import path

    out = np.zeros((len(sets), HASHES), dtype=np.uint64)
    nonempty = [i for i, st in enumerate(sets) if st]
    if not nonempty:
        return out
    flat = np.fromiter((h for i in nonempty for h in sets[i]), dtype=np.uint64)
    out[nonempty] = _min_hashes(flat, np.cumsum([0] + [len(sets[i]) for i in nonempty[:-1]]))
    return out


def _min_hashes(flat: Any, starts: Any) -> Any:
    """The signatures of the sets laid end to end in ``flat`` (uint64), each from its start on."""
    import numpy as np

    a, b = _lanes()
    with np.errstate(over="ignore"):  # arithmetic modulo 2**64 is the point
        # In place: one array of HASHES rows, not three (a feed's is ~1 MB, fresh pages each time).
        values = a * flat[None, :]
        values += b
        values >>= np.uint64(32)
    return np.minimum.reduceat(values, starts, axis=1).T


def band_keys_of(signatures: Any) -> list[list[int]]:
    """One signed 64-bit key per band of each signature (a row of :func:`signatures_of`): equal
    only for the same band with the same rows (the salt keeps bands apart), for SQLite."""
    import numpy as np

    rows = signatures.reshape(len(signatures), BANDS, ROWS)
    keys = (rows[:, :, 0] << np.uint64(32)) | rows[:, :, 1]
    keys ^= np.array(_BAND_SALT, dtype=np.uint64)[None, :]
    return keys.view(np.int64).tolist()


def packed_band_keys_of(signatures: Any) -> list[bytes]:
    """:func:`band_keys_of` packed as ``story_members.bands`` keeps them (little-endian int64s)."""
    import numpy as np

    rows = signatures.reshape(len(signatures), BANDS, ROWS)
    keys = (rows[:, :, 0] << np.uint64(32)) | rows[:, :, 1]
    keys ^= np.array(_BAND_SALT, dtype=np.uint64)[None, :]
    flat = keys.astype("<u8").tobytes()
    size = 8 * BANDS
    return [flat[i : i + size] for i in range(0, len(flat), size)]


@functools.cache
def _lanes() -> tuple[Any, Any]:
    """The hash parameters as numpy columns."""
    import numpy as np

    a = np.array([a for a, _ in _PARAMS], dtype=np.uint64)[:, None]
    b = np.array([b for _, b in _PARAMS], dtype=np.uint64)[:, None]
    return a, b


@functools.cache
def _stop_hashes() -> Any:
    """The hashes of the stop words, sorted (a word is a stop word when its hash is one of them)."""
    import numpy as np

    return np.array(sorted(_word(w) for w in _STOP), dtype=np.uint64)


@dataclass(frozen=True, slots=True)
class Sketch:
    """What grouping needs of an article: its hashed shingles and band keys (none when too short
    to judge). Made where the article is made (a feed's parser worker) so the process that
    stores it only compares. The shingles are packed as ``story_members`` keeps them (sorted
    little-endian uint64s): a few bytes to send between processes and nothing to build; so are
    the band keys (little-endian int64s, as ``story_members.bands``; empty when not judged)."""

    shingles: bytes
    bands: bytes

    def __reduce__(self) -> tuple:
        return Sketch, (self.shingles, self.bands)  # cheaper to unpickle than dataclasses' __setstate__

    def band_keys(self) -> list[int]:
        """The band keys as numbers."""
        return list(struct.unpack(f"<{len(self.bands) // 8}q", self.bands))

    def shingle_set(self) -> frozenset[int]:
        return frozenset(struct.unpack(f"<{len(self.shingles) // 8}Q", self.shingles))


def sketches(articles: Sequence[tuple[str, str, Iterable[Block]]]) -> list[Sketch]:
    """The :class:`Sketch` of each (headline, text, blocks), all of them in a few numpy passes.

    The word pairs of every article are mixed together (``_pair`` in uint64 arithmetic), sorted
    and made distinct per article by one sort, and the MinHash is taken of all at once: the
    shingles and bands :func:`shingle_hashes` and :func:`signatures_of` give article by article,
    without a Python set or int made of each shingle.
    """
    import numpy as np

    # Every article's headline and lead, word by word, in one list: a pair is two neighbours of
    # the same part (``ends`` marks where each part's words end); hashes and stop words are then
    # looked up for the whole feed at once.
    words: list[bytes] = []
    part_ends: list[int] = []
    owners: list[int] = []  # the article of each part
    for i, (title, text, blocks) in enumerate(articles):
        for part in (title, lead(text, blocks)):
            found = _word_bytes(part)
            if len(found) >= 2:
                words += found
                part_ends.append(len(words))
                owners.append(i)
    hs = list(map(_byte_hashes.get, words))
    if None in hs:
        hs = [_byte_word(w) for w in words]
    hashes = np.array(hs, dtype=np.uint64)
    with np.errstate(over="ignore"):  # arithmetic modulo 2**64 is the point
        values = hashes[:-1] * np.uint64(_PAIR_MIX)  # as _pair does
    values ^= hashes[1:]
    stops = _stop_hashes()
    stop = stops.take(stops.searchsorted(hashes), mode="clip") == hashes
    kept = ~(stop[:-1] & stop[1:])
    kept[np.array(part_ends[:-1], dtype=np.int64) - 1] = False  # no pair across two parts
    lengths = np.diff(np.array([0, *part_ends], dtype=np.int64))
    who = np.repeat(np.array(owners, dtype=np.int64), lengths)[:-1]
    values, who = values[kept], who[kept]
    order = np.lexsort((values, who))  # by article, then by value
    values, who = values[order], who[order]
    distinct = np.ones(len(values), dtype=bool)
    distinct[1:] = (values[1:] != values[:-1]) | (who[1:] != who[:-1])
    values, who = values[distinct], who[distinct]
    counts = np.bincount(who, minlength=len(articles))
    ends = np.cumsum(counts).tolist()
    packed = values.astype("<u8").tobytes()
    judged = counts >= MIN_SHINGLES
    bands: dict[int, bytes] = {}
    if judged.any():
        sizes = counts[judged]
        rows = np.zeros((len(sizes), HASHES), dtype=np.uint64)
        rows[:] = _min_hashes(values[np.repeat(judged, counts)], np.cumsum(sizes) - sizes)
        bands = dict(zip(np.flatnonzero(judged).tolist(), packed_band_keys_of(rows), strict=True))
    return [
        Sketch(packed[8 * (end - count) : 8 * end], bands.get(i, b""))
        for i, (end, count) in enumerate(zip(ends, counts.tolist(), strict=True))
    ]


def document_sketches(docs: Sequence[Document]) -> list[Sketch]:
    """:func:`sketches` of documents as they will be stored (an empty headline is stored as
    "(untitled)", which makes no word pair either)."""
    return sketches([(d.title, d.text, d.blocks) for d in docs])


def reference_signature(items: frozenset[str]) -> list[int]:
    """:func:`signature` the slow, obvious way (for tests)."""
    hs = hashed(items)
    if not hs:
        return [0] * HASHES
    return [min((((a * h + b) & _U64) >> 32) for h in hs) for a, b in _PARAMS]


def reference_band_keys(sig: list[int]) -> list[int]:
    """:func:`band_keys_of` of one signature, the obvious way (for tests)."""
    out = []
    for band in range(BANDS):
        key = (sig[band * ROWS] << 32 | sig[band * ROWS + 1]) ^ _BAND_SALT[band]
        out.append(key - (1 << 64) if key >= 1 << 63 else key)
    return out

"""The stories' MinHash: numpy's 64-bit lanes give exactly the obvious big-integer numbers."""

from __future__ import annotations

import random

from tui.core import similarity


def test_signature_equals_the_obvious_big_integer_one():
    rng = random.Random(7)
    for n in (0, 1, 2, 7, 80, 400):
        for _ in range(40):
            items = frozenset(f"{rng.random()} {rng.randrange(10**12)}" for _ in range(n))
            assert similarity.signature(items) == similarity.reference_signature(items)


def test_signatures_of_many_sets_at_once_are_each_ones_own():
    rng = random.Random(11)
    sets = [similarity.hashed(f"{rng.random()} {k}" for k in range(n)) for n in (5, 0, 1, 60, 0, 33, 2)]
    together = similarity.signatures_of(sets)
    assert [[int(v) for v in row] for row in together] == [similarity.signature_of(s) for s in sets]
    assert similarity.signatures_of([]).shape == (0, similarity.HASHES)


def test_band_keys_equal_the_obvious_ones_and_keep_bands_apart():
    rng = random.Random(3)
    sets = [similarity.hashed(f"{rng.random()}" for _ in range(40)) for _ in range(20)]
    keys = similarity.band_keys_of(similarity.signatures_of(sets))
    for s, row in zip(sets, keys, strict=True):
        assert row == similarity.reference_band_keys(similarity.signature_of(s))
        assert len(set(row)) == similarity.BANDS
        assert all(-(1 << 63) <= k < 1 << 63 for k in row)


def test_similar_sets_share_bands_and_unrelated_ones_do_not():
    rng = random.Random(5)
    base = [f"w{rng.random()}" for _ in range(60)]
    near = base[:54] + [f"x{rng.random()}" for _ in range(6)]  # Jaccard 54/66 = 0.82
    other = [f"y{rng.random()}" for _ in range(60)]
    a, b, c = (set(r) for r in similarity.band_keys_of(similarity.signatures_of(
        [similarity.hashed(x) for x in (base, near, other)])))  # fmt: skip
    assert len(a & b) >= 8 and not a & c


def test_shingle_hashes_are_the_hashed_shingles():
    title, lead = "Rail bridge over the Elbe closed", "Engineers closed the old bridge at Dresden on Tuesday."
    assert similarity.shingle_hashes(title, lead) == similarity.hashed(similarity.shingles(title, lead))
    assert len(similarity.shingle_hashes(title, lead)) == len(similarity.shingles(title, lead))

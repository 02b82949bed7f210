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


def test_sketches_of_many_articles_are_each_ones_own():
    """sketches() hashes, sorts and bands a feed's articles together: article by article gives the same."""
    import struct

    from tui.core.models import Block

    def one_by_one(articles):
        sets = [similarity.shingle_hashes(t, similarity.lead(x, b)) for t, x, b in articles]
        judged = [i for i, st in enumerate(sets) if len(st) >= similarity.MIN_SHINGLES]
        rows = similarity.signatures_of([sets[i] for i in judged])
        bands = dict(zip(judged, similarity.band_keys_of(rows), strict=True))
        return [
            similarity.Sketch(
                struct.pack(f"<{len(st)}Q", *sorted(st)),
                struct.pack(f"<{len(bands.get(i, []))}q", *bands.get(i, [])),
            )
            for i, st in enumerate(sets)
        ]

    rng = random.Random(3)
    words = (
        "the of and a said Zürich café naïve Straße ÉCOLE bridge council vote harbour x y 1 2 mayor".split()
    )
    for _ in range(300):
        articles = []
        for _ in range(rng.randint(0, 6)):
            title = " ".join(rng.choice(words) for _ in range(rng.randint(0, 8)))
            text = title + "\n\n" + " ".join(rng.choice(words) for _ in range(rng.randint(0, 90)))
            blocks = [Block("headline", 0, len(title)), Block("paragraph", len(title) + 2, len(text))]
            articles.append((title, text, blocks))
        assert similarity.sketches(articles) == one_by_one(articles)

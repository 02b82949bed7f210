"""The stories' MinHash: numpy's 64-bit lanes give exactly the big-integer numbers."""

from __future__ import annotations

import random

from tui.core import similarity
from tui.core.similarity import _MASK, _PARAMS, _min_hashes


def test_signature_equals_the_obvious_big_integer_one():
    rng = random.Random(7)
    for n in (0, 1, 2, 7, 80, 400):
        for _ in range(40):
            items = frozenset(f"{rng.random()} {rng.randrange(10**12)}" for _ in range(n))
            assert similarity.signature(items) == similarity.reference_signature(items)


def test_min_hashes_at_the_edges_of_the_field():
    edges = [0, 1, 2, _MASK - 1, _MASK - 2, (1 << 32) - 1, 1 << 32, 1 << 60, _MASK // 2]
    assert _min_hashes(edges) == [min((a * h + b) % _MASK for h in edges) for a, b in _PARAMS]
    for h in edges:
        assert _min_hashes([h]) == [(a * h + b) % _MASK for a, b in _PARAMS]


def test_signatures_of_many_sets_at_once_are_each_ones_own():
    rng = random.Random(11)
    sets = [similarity.hashed(f"{rng.random()} {k}" for k in range(n)) for n in (5, 0, 1, 60, 0, 33, 2)]
    assert similarity.signatures_of(sets) == [similarity.signature_of(s) for s in sets]
    assert similarity.signatures_of([]) == [] and similarity.signatures_of([frozenset()]) == [[]]

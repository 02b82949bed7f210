"""The band index's search (``_Sorted.find``), which searches again only keys held more than once,
against two full searches (where each key's run starts and ends) as it was made before."""

from __future__ import annotations

import numpy as np

from tui.core.store.band_index import _Sorted


def _two_searches(keys: np.ndarray, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    starts = np.searchsorted(keys, wanted, "left")
    counts = np.searchsorted(keys, wanted, "right") - starts
    owners = np.repeat(np.arange(len(wanted)), counts)
    offsets = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    return owners, np.repeat(starts, counts) + offsets


def test_find_gives_what_two_full_searches_give():
    rng = np.random.default_rng(1)
    for _ in range(500):
        n = int(rng.integers(1, 300))
        scale = int(rng.choice([1, 10**15]))
        held = (rng.integers(-5, 5, size=n) * scale).astype(np.int64)
        index = _Sorted()
        index.add(held, np.arange(n, dtype=np.int64), np.zeros(n, dtype=np.int64))
        for _ in range(3):  # and after more are added in between
            extra = (rng.integers(-6, 6, size=int(rng.integers(0, 40))) * scale).astype(np.int64)
            index.add(extra, np.arange(len(extra), dtype=np.int64), np.zeros(len(extra), dtype=np.int64))
            wanted = np.concatenate([rng.choice(held, size=int(rng.integers(0, 50))), extra])
            wanted = np.sort(np.concatenate([wanted, rng.integers(-7, 7, size=20) * scale])).astype(np.int64)
            assert index.keys is not None
            got, expected = index.find(wanted), _two_searches(index.keys, wanted)
            assert got[0].tolist() == expected[0].tolist() and got[1].tolist() == expected[1].tolist()

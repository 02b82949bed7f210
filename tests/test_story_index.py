"""The story index against brute force: grouping finds what comparing every pair finds, a feed's
articles compared at once find what one by one finds, and shared shingles are counted exactly."""

from __future__ import annotations

import struct

import pytest

from tests.test_stories import doc
from tui.core import similarity
from tui.core.store import ArticleRepo, Database, FeedRepo, NewItem


def _reference_stories(arts):
    """Stories by brute force, in storing order: each article against every earlier one of
    another feed within the window that shares a band key (what the band index must find)."""
    from tui.core.store.stories import WINDOW_DAYS

    story, placed = {}, []
    for aid, feed, day, sk in arts:
        best, best_score = None, -1.0
        for oid, ofeed, oday, osk in placed:
            if (
                ofeed == feed
                or abs(oday - day) > WINDOW_DAYS
                or not set(sk.band_keys()) & set(osk.band_keys())
            ):
                continue
            mine, theirs = sk.shingle_set(), osk.shingle_set()
            if min(len(mine), len(theirs)) < similarity.MIN_SHINGLES:
                continue
            score = similarity.jaccard(mine, theirs)
            if score >= best_score:  # the last of equals: the newest
                best, best_score = oid, score
        story[aid] = story[best] if best is not None and best_score >= similarity.SAME_EVENT else aid
        if sk.bands:
            placed.append((aid, feed, day, sk))
    groups = {}
    for aid, root in story.items():
        groups.setdefault(root, set()).add(aid)
    return {frozenset(g) for g in groups.values()}


@pytest.mark.parametrize("spread", [0, 400], ids=["a-week", "over-a-year"])
def test_grouping_finds_what_a_brute_force_search_finds(tmp_path, spread):
    """Many near-copies over four feeds, stored feed by feed and then grouped again all at once
    (articles of one call matching each other): the same stories as brute force. The events fall
    in one week, or over a year (each feed's articles then span more days than the band index
    keeps: a new feed's back catalogue)."""
    import random
    from datetime import date, timedelta

    rng = random.Random(5)
    vocab = [f"w{i}" for i in range(150)]
    events = [[rng.choice(vocab) for _ in range(60)] for _ in range(12)]
    event_day = {id(e): rng.randint(0, spread) for e in events}
    db = Database(tmp_path / "library.db")
    feeds, articles = FeedRepo(db), ArticleRepo(db)
    feed_ids = [feeds.add(f"https://f{i}.example/rss")[0] for i in range(4)]
    stored = []
    for n in range(8):
        fid = feed_ids[n % 4]
        batch = []
        for k in range(15):
            event = rng.choice(events)
            words = [w if rng.random() > 0.35 else rng.choice(vocab) for w in event]
            title = " ".join(words[:6])
            day = date(2024, 5, 10) + timedelta(days=event_day[id(event)] + rng.randint(0, 7))
            batch.append(NewItem(f"{n}-{k}", doc(title, " ".join(words) + ".", f"{day}T12:00:00+00:00")))
        ids = articles.save_feed_items(fid, batch)
        sketches = similarity.document_sketches([it.doc for it in batch])
        days = [date.fromisoformat(it.doc.date[:10]).toordinal() for it in batch]
        stored += list(zip(ids, [fid] * len(ids), days, sketches, strict=True))

    def stories():
        with db.read() as c:
            rows = c.execute("SELECT story_id, article_id FROM story_members").fetchall()
        groups = {}
        for sid, aid in rows:
            groups.setdefault(sid, set()).add(aid)
        return {frozenset(g) for g in groups.values()}

    expected = _reference_stories(stored)
    assert sum(len(g) > 1 for g in expected) >= 5  # a test with stories to find
    assert stories() == expected
    from tui.core.store.stories import group_articles

    with db.transaction() as c:
        group_articles(c, [aid for aid, *_ in stored], index=db.bands)
    assert stories() == _reference_stories(stored)
    db.close()


def test_a_feeds_articles_compared_together_find_what_one_by_one_finds():
    """``best_stories`` of a refresh's feed at once against each article alone (``_best_story``):
    the candidates of one article never count for another. (The scores themselves are checked
    against brute force by the tests above.)"""
    import random

    from tui.core.store import stories
    from tui.core.store.story_scores import Members, best_stories

    rng = random.Random(5)

    def pack(values: set[int]) -> bytes:
        return struct.pack(f"<{len(values)}Q", *sorted(values))

    matched = 0
    for _ in range(400):
        words = [rng.getrandbits(64) for _ in range(rng.choice([10, 40, 200]))]
        arts, pools = [], []
        for a in range(rng.randint(1, 6)):
            mine = set(rng.sample(words, rng.randint(1, min(len(words), 30))))
            arts.append(
                stories._Article(
                    1000 + a,
                    rng.choice([1, 2]),
                    rng.randint(0, 8),
                    similarity.Sketch(pack(mine), struct.pack("<q", 1)),
                )
            )
            pool = []
            for j in range(rng.randint(0, 8)):
                size = rng.randint(1, min(len(words), 30))
                shingles = set(rng.sample(words, size)) if rng.random() < 0.9 else set(sorted(mine)[:size])
                if rng.random() < 0.05:
                    shingles = set()  # a member whose text was too short: anywhere, last too
                pool.append(
                    (
                        j * 7 + a,
                        rng.randint(1, 5),
                        rng.randint(0, 8),
                        rng.choice([1, 2, 3, None]),
                        pack(shingles),
                    )
                )
            pools.append(sorted(pool))
        one = {art.id: stories._best_story(art, pool) for art, pool in zip(arts, pools, strict=True)}
        rows = [m for pool in pools for m in pool]
        owners = [k for k, pool in enumerate(pools) for _ in pool]
        assert best_stories(arts, owners, range(len(rows)), Members.of(rows), stories.WINDOW_DAYS) == one
        assert one == {art.id: _reference_best(art, pool) for art, pool in zip(arts, pools, strict=True)}
        matched += sum(story is not None for story in one.values())
    assert matched > 100


def _reference_best(art, pool) -> int | None:
    """The story an article joins, in plain Python: the last of the candidates (of other feeds,
    in the window) with the top score, if that reaches the threshold."""
    from tui.core.store.stories import WINDOW_DAYS

    def unpack(packed: bytes) -> set[int]:
        return set(struct.unpack(f"<{len(packed) // 8}Q", packed))

    mine = unpack(art.sketch.shingles)
    scored = []
    for _, story, day, feed, packed in pool:
        if (art.feed_id is not None and feed == art.feed_id) or abs(day - art.day) > WINDOW_DAYS:
            continue
        theirs = unpack(packed)
        shared = len(mine & theirs)
        union = len(mine) + len(theirs) - shared
        scored.append((shared / max(union, 1) if len(theirs) >= similarity.MIN_SHINGLES else 0.0, story))
    if not scored:
        return None
    top = max(score for score, _ in scored)
    return [story for score, story in scored if score == top][-1] if top >= similarity.SAME_EVENT else None


def test_shared_shingles_are_counted_exactly_whichever_way_they_are_found(monkeypatch):
    """The table of low bits, the key of article and high bits, the search article by article
    (when two shingles of an article share their high bits), in chunks of articles: all count
    the same shared shingles as sets do."""
    import random

    import numpy as np

    from tui.core.store import story_scores

    rng = random.Random(7)
    for chunk in (1, 3, 1024):
        monkeypatch.setattr(story_scores, "_CHUNK", chunk)
        for collide in (False, True):
            words = [rng.getrandbits(64) for _ in range(300)]
            if collide:  # two words that differ in their lowest bits only
                words[1] = words[0] ^ 1
            else:  # a word with the low bits of another's near miss: the table lets the near miss by
                words[1] = (words[1] & ~0xFFFFF) | ((words[0] ^ 1) & 0xFFFFF)
            mine = [sorted(set(rng.sample(words, rng.randint(0, 40))) | {words[0], words[1]})]
            mine += [sorted(set(rng.sample(words, rng.randint(0, 40)))) for _ in range(6)]
            owners = sorted(rng.randrange(len(mine)) for _ in range(2000))
            values = [rng.choice(words) if rng.random() < 0.9 else rng.getrandbits(64) for _ in owners]
            values[:50] = [words[0] ^ 1] * 50  # the near miss, for the first articles
            packed = [struct.pack(f"<{len(m)}Q", *m) for m in mine]
            hits = _hits(packed, np.array(values, dtype=np.uint64), np.array(owners, dtype=np.int64))
            assert hits.tolist() == [v in set(mine[o]) for o, v in zip(owners, values, strict=True)]


def test_shared_counts_per_candidate_are_the_hits_counted(monkeypatch):
    """_shared counts each candidate's shingles found among its article's (empty candidates,
    chunks of articles and the search article by article included) as the hits of _hits add up."""
    import random

    import numpy as np

    from tui.core.store import story_scores

    rng = random.Random(8)
    for chunk in (1, 3, 1024):
        monkeypatch.setattr(story_scores, "_CHUNK", chunk)
        for collide in (False, True):
            words = [rng.getrandbits(64) for _ in range(200)]
            if collide:
                words[1] = words[0] ^ 1
            mine = [
                sorted(set(rng.sample(words, rng.randint(0, 30))) | {words[0], words[1]}) for _ in range(7)
            ]
            owners = np.array(sorted(rng.randrange(len(mine)) for _ in range(300)), dtype=np.int64)
            sizes = np.array([rng.choice([0, 0, 1, 5, 20, 40]) for _ in owners], dtype=np.int64)
            values = np.array(
                [
                    rng.choice(words) if rng.random() < 0.7 else rng.getrandbits(64)
                    for _ in range(int(sizes.sum()))
                ],
                dtype=np.uint64,
            )
            firsts = np.cumsum(sizes) - sizes
            packed = [struct.pack(f"<{len(m)}Q", *m) for m in mine]
            hits = _hits(packed, values, np.repeat(owners, sizes))
            expected = [
                int(hits[f : f + n].sum()) for f, n in zip(firsts.tolist(), sizes.tolist(), strict=True)
            ]
            assert story_scores._shared(packed, values, owners, sizes, firsts).tolist() == expected
            assert expected == [
                sum(int(v) in set(mine[o]) for v in values[f : f + n])
                for o, f, n in zip(owners.tolist(), firsts.tolist(), sizes.tolist(), strict=True)
            ]


def _hits(mine, values, owners):
    """Whether each of ``values`` is one of the shingles ``mine[owners[k]]``, a chunk of articles
    at a time, through the search ``_shared`` uses (each value a candidate of its own)."""
    import numpy as np

    from tui.core.store import story_scores

    hits = np.zeros(len(values), dtype=bool)
    for lo in range(0, len(mine), story_scores._CHUNK):
        part = mine[lo : lo + story_scores._CHUNK]
        a, b = (int(x) for x in owners.searchsorted([lo, lo + len(part)]))
        ones = np.ones(b - a, dtype=np.int64)
        hits[a + story_scores._hit_positions(part, values[a:b], owners[a:b] - lo, ones)] = True
    return hits

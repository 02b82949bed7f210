"""Stories: articles about the same event from different feeds, grouped as they are stored.

Every stored article joins a story, alone or with others: :func:`group_articles` runs inside the
transaction that stores the articles (``ArticleRepo``), so a story is never out of step with its
articles. An article's MinHash band keys are kept with it and indexed in memory
(:mod:`.band_index`); a new article is compared exactly (see :mod:`..similarity`) only with the
articles that share a band with it within :data:`WINDOW_DAYS` days, never with the whole library,
and joins the story of the best one that reaches :data:`~..similarity.SAME_EVENT` (it never merges
two stories: a chain of loose matches would glue different events together). Articles of the same feed are not compared: a feed's own
boilerplate intro is not an event.

A story's title is the headline of its earliest article (the first report, usually the wire's or
the outlet that broke it); its article ids are newest first.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import TYPE_CHECKING

from .. import similarity
from ..models import Block, Story
from .band_index import BandIndex
from .member_cache import MemberCache, read_members
from .story_scores import Member, Members, best_stories

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

    from .database import Database

WINDOW_DAYS = 3

_DAY = "CAST(COALESCE(julianday(a.date), julianday(a.added_at), 0) AS INTEGER)"


@dataclass(frozen=True, slots=True)
class _Article:
    id: int
    feed_id: int | None
    day: int
    sketch: similarity.Sketch


def _load(
    db: sqlite3.Connection, ids: Sequence[int], given: Mapping[int, similarity.Sketch]
) -> dict[int, _Article]:
    """The articles with their sketches: given ones as they are, the others made from the text."""
    out: dict[int, _Article] = {}
    for chunk in range(0, len(ids), 500):
        part = list(ids[chunk : chunk + 500])
        marks = ",".join("?" * len(part))
        rows = db.execute(
            f"SELECT a.id, a.feed_id, {_DAY} AS day FROM articles a WHERE a.id IN ({marks})", part
        )
        places = {r["id"]: (r["feed_id"], r["day"]) for r in rows}
        todo = [i for i in part if i in places and i not in given]
        made: dict[int, similarity.Sketch] = {}
        if todo:
            texts = db.execute(
                f"SELECT id, title, text, blocks FROM articles WHERE id IN ({','.join('?' * len(todo))})",
                todo,
            ).fetchall()
            made = dict(
                zip(
                    (r["id"] for r in texts),
                    similarity.sketches(
                        [(r["title"], r["text"], [Block(*b) for b in json.loads(r["blocks"])]) for r in texts]
                    ),
                    strict=True,
                )
            )
        for i in part:
            if i in places:
                out[i] = _Article(i, *places[i], given[i] if i in given else made[i])
    return out


def _forget(db: sqlite3.Connection, ids: Sequence[int]) -> None:
    """Take articles out of their stories (before grouping them again)."""
    for chunk in range(0, len(ids), 500):
        part = ids[chunk : chunk + 500]
        db.execute(f"DELETE FROM story_members WHERE article_id IN ({','.join('?' * len(part))})", part)


def group_articles(
    db: sqlite3.Connection,
    article_ids: Sequence[int],
    sketches: Mapping[int, similarity.Sketch] | None = None,
    *,
    index: BandIndex,
    cache: MemberCache | None = None,
) -> None:
    """Put each article (new or changed) into the story of its closest match, or a story of its own.

    Runs in the caller's transaction; articles of one batch can match each other. ``sketches``
    are the articles' own when their maker had them (see :func:`~..similarity.sketches`); the
    others are made here from the stored text. An article too short to judge gets a story of its
    own and no bands. ``index`` is the connection's band index (``Database.bands``), ``cache``
    its member rows (``Database.members``; without it they are read from the table).
    """
    if not article_ids:
        return
    known = list(_load(db, list(dict.fromkeys(article_ids)), sketches or {}).values())
    _forget(db, [art.id for art in known])
    judged = [art for art in known if art.sketch.bands]
    owners, ids = index.lookup(
        db, [art.sketch.bands for art in judged], [art.day for art in judged], WINDOW_DAYS
    )
    wanted = sorted(set(ids.tolist()))
    # Articles of several feeds (grouping a whole library again) may match each other: the
    # earlier ones of this call are not in the index yet. One feed's articles are never compared.
    mixed = len({art.feed_id for art in judged}) > 1 or any(art.feed_id is None for art in judged)
    if mixed:
        rows = cache.rows(db, wanted) if cache is not None else read_members(db, wanted)
        _place_one_by_one(db, known, _pools(judged, owners, ids, rows))
    else:
        # One feed's articles (a refresh) depend only on what was stored before: all compared at
        # once, and their rows written at once.
        members = cache.members(db, wanted) if cache is not None else Members.of(read_members(db, wanted))
        best = _best_of_feed(judged, owners, ids, members)
        alone = [art for art in known if best.get(art.id) is None]
        new = dict(zip((art.id for art in alone), _new_stories(db, len(alone)), strict=True))
        placed = [
            (
                art.id,
                new[art.id] if art.id in new else best[art.id],
                art.day,
                art.feed_id,
                art.sketch.shingles,
            )
            for art in known
        ]
        db.executemany(
            _INSERT_MEMBER,
            [(*m[:4], art.sketch.bands, m[4]) for art, m in zip(known, placed, strict=True)],
        )
        if cache is not None:
            cache.written(db, placed)
    index.add([art.id for art in judged], [art.day for art in judged], [art.sketch.bands for art in judged])


_by_id = itemgetter(0)
_INSERT_MEMBER = "INSERT INTO story_members (article_id, story_id, day, feed_id, bands, shingles) VALUES (?, ?, ?, ?, ?, ?)"


def _new_stories(db: sqlite3.Connection, count: int) -> list[int]:
    """The ids of ``count`` new stories, in the order they were made (as one insert each would)."""
    if not count:
        return []
    rows = db.execute(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
        "INSERT INTO stories (id) SELECT NULL FROM n RETURNING id",
        (count,),
    ).fetchall()
    return sorted(r[0] for r in rows)  # RETURNING promises no order; the ids rise as they are made


def _place_one_by_one(
    db: sqlite3.Connection, known: Sequence[_Article], pools: dict[int, list[Member]]
) -> None:
    """Put articles of several feeds into stories in order, each compared with what is stored
    (``pools``, its candidates by article id) and with the earlier ones of the same call."""
    earlier: dict[int, list[Member]] = {}
    for art in known:
        keys = art.sketch.band_keys()
        story_id = None
        if keys:
            pool = pools[art.id]
            pool.extend({m[0]: m for k in keys for m in earlier.get(k, ())}.values())
            pool.sort(key=_by_id)
            story_id = _best_story(art, pool)
        if story_id is None:
            story_id = int(db.execute("INSERT INTO stories DEFAULT VALUES").lastrowid or 0)
        db.execute(
            _INSERT_MEMBER, (art.id, story_id, art.day, art.feed_id, art.sketch.bands, art.sketch.shingles)
        )
        if keys:
            member = (art.id, story_id, art.day, art.feed_id, art.sketch.shingles)
            for k in keys:
                earlier.setdefault(k, []).append(member)


def _best_of_feed(
    judged: Sequence[_Article], owners: np.ndarray, ids: np.ndarray, members: Members
) -> dict[int, int | None]:
    """The story each article joins (or None): its candidates (``ids`` of ``judged[owners]``)
    that have a member row (``members``, by ascending id), compared all at once."""
    at = members.ids.searchsorted(ids)
    stored = (members.ids.take(at, mode="clip") == ids) if len(members.ids) else (at < 0)
    return best_stories(judged, owners[stored], at[stored], members, WINDOW_DAYS)


def _pools(
    judged: Sequence[_Article], owners: np.ndarray, ids: np.ndarray, rows: Sequence[Member]
) -> dict[int, list[Member]]:
    """Each article's candidates that have a member row, by article id."""
    by_id = {m[0]: m for m in rows}
    bounds = owners.searchsorted(range(len(judged) + 1)).tolist()
    return {
        art.id: [by_id[i] for i in ids[bounds[k] : bounds[k + 1]].tolist() if i in by_id]
        for k, art in enumerate(judged)
    }


def _best_story(art: _Article, pool: Sequence[Member]) -> int | None:
    """The story ``art`` joins of those of ``pool`` (sorted by id), or None."""
    return best_stories([art], [0] * len(pool), range(len(pool)), Members.of(pool), WINDOW_DAYS)[art.id]


class StoryRepo:
    """Stories of a :class:`Database`, read as :class:`~..models.Story`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def stories(self, min_size: int = 2) -> list[Story]:
        """Stories of at least ``min_size`` listed articles (as the reader's list counts them: a
        file once opened with ``newsreader PATH`` is no other source), newest article first."""
        with self.db.read() as db:
            rows = db.execute(
                "SELECT m.story_id, a.id, a.title, a.sort_date FROM story_members m "
                "JOIN articles a ON a.id = m.article_id WHERE a.listed = 1 AND m.story_id IN ("
                "  SELECT s.story_id FROM story_members s JOIN articles b ON b.id = s.article_id "
                "  WHERE b.listed = 1 GROUP BY s.story_id HAVING COUNT(*) >= ?) "
                "ORDER BY a.sort_date DESC, a.id DESC",
                (min_size,),
            ).fetchall()
        return _assemble(rows)

    def story(self, story_id: int) -> Story | None:
        """One story by id, or None."""
        with self.db.read() as db:
            rows = db.execute(
                "SELECT m.story_id, a.id, a.title, a.sort_date FROM story_members m "
                "JOIN articles a ON a.id = m.article_id WHERE m.story_id = ? "
                "ORDER BY a.sort_date DESC, a.id DESC",
                (story_id,),
            ).fetchall()
        found = _assemble(rows)
        return found[0] if found else None

    def story_of(self, article_id: int) -> Story | None:
        """The story an article is in (perhaps alone), or None for an unknown article."""
        with self.db.read() as db:
            row = db.execute(
                "SELECT story_id FROM story_members WHERE article_id = ?", (article_id,)
            ).fetchone()
        return self.story(row[0]) if row else None


def _assemble(rows: Sequence[sqlite3.Row]) -> list[Story]:
    """Stories from member rows sorted newest first, in the order of their newest article."""
    ids: dict[int, list[int]] = {}
    first: dict[int, tuple[str, int, str]] = {}  # story -> (date, id, title) of its earliest
    for r in rows:
        sid = r["story_id"]
        ids.setdefault(sid, []).append(r["id"])
        key = (r["sort_date"] or "", r["id"], r["title"])
        if sid not in first or key[:2] < first[sid][:2]:
            first[sid] = key
    return [Story(sid, first[sid][2], tuple(members)) for sid, members in ids.items()]

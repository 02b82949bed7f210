"""Stories: articles about the same event from different feeds, grouped as they are stored.

Every stored article joins a story, alone or with others: :func:`group_articles` runs inside the
transaction that stores the articles (``ArticleRepo``), so a story is never out of step with its
articles. An article's MinHash band keys go into ``story_bands`` with its day; a new article is
compared exactly (see :mod:`..similarity`) only with the articles that share a band with it within
:data:`WINDOW_DAYS` days, never with the whole library, and joins the story of the best one that
reaches :data:`~..similarity.SAME_EVENT` (it never merges two stories: a chain of loose matches
would glue different events together). Articles of the same feed are not compared: a feed's own
boilerplate intro is not an event.

A story's title is the headline of its earliest article (the first report, usually the wire's or
the outlet that broke it); its article ids are newest first.
"""

from __future__ import annotations

import json
import sqlite3
import struct
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import similarity
from ..models import Block, Story

if TYPE_CHECKING:  # pragma: no cover
    from .database import Database

WINDOW_DAYS = 3

_DAY = "CAST(COALESCE(julianday(a.date), julianday(a.added_at), 0) AS INTEGER)"


@dataclass(frozen=True, slots=True)
class _Article:
    id: int
    feed_id: int | None
    day: int
    sketch: similarity.Sketch


def _pack(values: Sequence[int], code: str = "q") -> bytes:
    return struct.pack(f"<{len(values)}{code}", *values)


def _unpack(blob: bytes, code: str = "q") -> tuple[int, ...]:
    return struct.unpack(f"<{len(blob) // 8}{code}", blob)


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


def _forget(db: sqlite3.Connection, article_id: int) -> None:
    """Take an article out of its story and the band index (before grouping it again)."""
    row = db.execute("SELECT day, bands FROM story_members WHERE article_id = ?", (article_id,)).fetchone()
    if row is None:
        return
    db.executemany(
        "DELETE FROM story_bands WHERE band = ? AND day = ? AND article_id = ?",
        [(k, row["day"], article_id) for k in _unpack(row["bands"])],
    )
    db.execute("DELETE FROM story_members WHERE article_id = ?", (article_id,))


def group_articles(
    db: sqlite3.Connection,
    article_ids: Sequence[int],
    sketches: Mapping[int, similarity.Sketch] | None = None,
) -> None:
    """Put each article (new or changed) into the story of its closest match, or a story of its own.

    Runs in the caller's transaction; articles of one batch can match each other. ``sketches``
    are the articles' own when their maker had them (see :func:`~..similarity.sketches`); the
    others are made here from the stored text. An article too short to judge gets a story of its
    own and no bands.
    """
    if not article_ids:
        return
    known = _load(db, list(dict.fromkeys(article_ids)), sketches or {})
    for art in known.values():
        _forget(db, art.id)
        keys = art.sketch.bands
        story_id = _best_story(db, art, keys) if keys else None
        if story_id is None:
            story_id = int(db.execute("INSERT INTO stories DEFAULT VALUES").lastrowid or 0)
        db.execute(
            "INSERT INTO story_members (article_id, story_id, day, feed_id, bands, shingles) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (art.id, story_id, art.day, art.feed_id, _pack(keys), _pack(sorted(art.sketch.shingles), "Q")),
        )
        db.executemany(
            "INSERT OR IGNORE INTO story_bands (band, day, article_id) VALUES (?, ?, ?)",
            [(k, art.day, art.id) for k in keys],
        )


def _candidates(db: sqlite3.Connection, art: _Article, keys: list[int]) -> list[tuple[int, bytes]]:
    """(story id, packed hashed shingles) of the articles of other feeds that share a band with
    ``art`` in its window, in the order of their ids."""
    cur = db.cursor()
    cur.row_factory = None  # plain tuples: a busy library gives each new article dozens of rows
    # The band index alone first (small rows, no DISTINCT over shingles), then each member once.
    ids = cur.execute(
        f"SELECT DISTINCT article_id FROM story_bands WHERE band IN ({','.join('?' * len(keys))}) "
        "AND day BETWEEN ? AND ?",
        (*keys, art.day - WINDOW_DAYS, art.day + WINDOW_DAYS),
    ).fetchall()
    ids = [i for (i,) in ids if i != art.id]
    if not ids:
        return []
    rows = cur.execute(
        "SELECT article_id, story_id, day, feed_id, shingles FROM story_members "
        f"WHERE article_id IN ({','.join('?' * len(ids))}) ORDER BY article_id",
        ids,
    ).fetchall()
    return [
        (story_id, blob)
        for _, story_id, day, feed_id, blob in rows
        if not (art.feed_id is not None and feed_id == art.feed_id)
        and abs(day - art.day) <= WINDOW_DAYS  # else a stale band row of a reused id
    ]


def _best_story(db: sqlite3.Connection, art: _Article, keys: list[int]) -> int | None:
    """The story of the most similar candidate that reaches the threshold, or None.

    The exact Jaccard similarity of every candidate at once, in numpy: the shingles of all of
    them in one array, each looked up in ``art``'s sorted ones, the hits summed per candidate.
    """
    found = _candidates(db, art, keys)
    if not found:
        return None
    import numpy as np

    sizes = np.array([len(blob) // 8 for _, blob in found])
    values = np.frombuffer(b"".join(blob for _, blob in found), dtype="<u8")
    mine = np.array(sorted(art.sketch.shingles), dtype=np.uint64)
    at = np.minimum(np.searchsorted(mine, values), len(mine) - 1)
    hits = (mine[at] == values).astype(np.int64)
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    shared = np.where(sizes > 0, np.add.reduceat(hits, starts), 0) if len(values) else 0 * sizes
    union = len(mine) + sizes - shared
    scores = np.where(sizes >= similarity.MIN_SHINGLES, shared / np.maximum(union, 1), 0.0)
    best = len(found) - 1 - int(np.argmax(scores[::-1]))  # the last of equals: the newest article
    return found[best][0] if scores[best] >= similarity.SAME_EVENT else None


class StoryRepo:
    """Stories of a :class:`Database`, read as :class:`~..models.Story`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def stories(self, min_size: int = 2) -> list[Story]:
        """Stories of at least ``min_size`` articles, the one with the newest article first."""
        with self.db.read() as db:
            rows = db.execute(
                "SELECT m.story_id, a.id, a.title, a.sort_date FROM story_members m "
                "JOIN articles a ON a.id = m.article_id WHERE m.story_id IN ("
                "  SELECT story_id FROM story_members GROUP BY story_id HAVING COUNT(*) >= ?) "
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

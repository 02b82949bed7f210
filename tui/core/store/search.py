"""Search over the library: the full-text index, entity and speaker filters, feeds, state, dates.

:class:`SearchRepo` turns a parsed :class:`~tui.core.query.SearchQuery` into one SQL statement:
``article_fts MATCH`` ranked by bm25 (title counts most, then the feed's title, then the text)
when there are words, else the filters alone, newest first. Names in filters are looked up in
the entity names' own index, so "Obama" finds "Barack Obama".
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence

from ..errors import QueryError
from ..models import SavedSearch, SearchHit, SearchOrder
from ..query import SearchQuery
from .acronyms import acronyms, expansions
from .database import Database, now_iso

# bm25 weights of the index's columns: title, body, feed title.
WEIGHTS = (8.0, 1.0, 2.0)
SNIPPET_WORDS = 24
LEAD_CHARS = 220
# Snippet markers: control characters never survive into stored text, so they cannot collide.
OPEN, CLOSE = "\x02", "\x03"
SPEAKER_LABELS = ("PERSON", "ORG", "NORP", "GPE")
NEWEST = "a.sort_date DESC, a.id DESC"
_SNIPPET = f"snippet(article_fts, 1, '{OPEN}', '{CLOSE}', '…', {SNIPPET_WORDS})"

_WORDS = re.compile(r"\w+")


def _phrase(name: str) -> str | None:
    words = _WORDS.findall(name)
    return '"' + " ".join(words) + '"' if words else None


# A link's number after its text ("the report[2]") and the list of links at the end ("[2] https://…"):
# the article shows them, but in a snippet of a few words they read as noise ("Continue reading
# on »[1] [1] https://medium…").
_LINK_MARKS = re.compile(f"\\[\\d{{1,4}}\\](?: https?://[^\\s{OPEN}{CLOSE}]*)?")


def _marked(snippet: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The snippet on one line without its markers (nor link marks), and the spans they marked."""
    plain: list[str] = []
    marks: list[tuple[int, int]] = []
    length, start = 0, None
    # The markers are not whitespace, so folding whitespace first keeps them where they are.
    for part in re.split(f"([{OPEN}{CLOSE}])", " ".join(_LINK_MARKS.sub("", snippet).split())):
        if part == OPEN:
            start = length
        elif part == CLOSE:
            if start is not None and length > start:
                marks.append((start, length))
            start = None
        else:
            plain.append(part)
            length += len(part)
    return "".join(plain), tuple(marks)


def _lead(title: str, body: str) -> str:
    """The opening words of an article (its headline, when the text repeats it, left out)."""
    body = body.strip()
    if title and body.startswith(title):
        body = body[len(title) :]
    text = " ".join(_LINK_MARKS.sub("", body).split())
    if len(text) <= LEAD_CHARS:
        return text
    cut = text.rfind(" ", 0, LEAD_CHARS)
    return text[: cut if cut > 0 else LEAD_CHARS] + "…"


class SearchRepo:
    """Searches of a :class:`Database`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def names(self, name: str, labels: Sequence[str]) -> list[str]:
        """Canonical names of ``labels`` that are ``name`` or contain its words in order, and a
        person's family name alone when the library names nobody else by it (see :func:`bearers`)."""
        marks = ",".join("?" * len(labels))
        phrase = _phrase(name)
        with self.db.read() as db:
            found = {
                r[0]
                for r in db.execute(
                    f"SELECT canonical FROM entity_names WHERE canonical = ? COLLATE NOCASE AND label IN ({marks})",
                    (name, *labels),
                )
            }
            if phrase:
                found.update(
                    r[0]
                    for r in db.execute(
                        "SELECT n.canonical FROM entity_names_fts JOIN entity_names n ON n.id = entity_names_fts.rowid "
                        f"WHERE entity_names_fts MATCH ? AND n.label IN ({marks})",
                        (phrase, *labels),
                    )
                )
            if "PERSON" in labels and len(found) <= _FAMILY_LOOKUPS:
                # a person's family name alone, when the library names nobody else by it
                found.update(
                    f.split()[-1] for f in list(found) if " " in f and bearers(db, f.split()[-1]) == [f]
                )
            if len(found) <= _FAMILY_LOOKUPS:  # and a name by its initials ("U.S."), either way
                for label in (lb for lb in labels if lb != "PERSON"):
                    for f in list(found):
                        found.update(acronyms(db, f, label))
                        full = expansions(db, f, label)
                        if len(full) == 1:
                            found.update([*full, *acronyms(db, full[0], label)])
        return sorted(found)

    def ids(self, query: SearchQuery, version: str) -> list[int]:
        """Every article matching ``query``, newest first (for counts and saved searches)."""
        filters = self._filters(query, version)
        if filters is None:
            return []
        where, params = filters
        if query.match:
            sql = (
                "SELECT a.id FROM article_fts JOIN articles a ON a.id = article_fts.rowid "
                f"LEFT JOIN feeds f ON f.id = a.feed_id WHERE article_fts MATCH ? AND {where} "
                "ORDER BY a.sort_date DESC, a.id DESC"
            )
            params = [query.match, *params]
        else:
            sql = (
                f"SELECT a.id FROM articles a LEFT JOIN feeds f ON f.id = a.feed_id WHERE {where} "
                "ORDER BY a.sort_date DESC, a.id DESC"
            )
        return [r[0] for r in self._run(query, sql, params)]

    def _run(self, query: SearchQuery, sql: str, params: list[object]) -> list[sqlite3.Row]:
        try:
            with self.db.read() as db:
                return db.execute(sql, params).fetchall()
        except sqlite3.OperationalError as e:  # every term is quoted, so this should not happen
            raise QueryError(f"cannot search for {query.text!r} ({e})") from None

    def search(self, query: SearchQuery, version: str, order: SearchOrder, limit: int) -> list[SearchHit]:
        """The articles matching ``query``, best first (or newest first), at most ``limit``."""
        filters = self._filters(query, version)
        if filters is None:
            return []
        where, params = filters
        if not query.match:
            return self._filtered(query, where, params, limit)
        if order == SearchOrder.RANK and not params:
            return self._ranked(query, limit)
        if order == SearchOrder.DATE and '"*' not in query.match:
            return self._newest(query, where, params, limit)
        # Ranked with filters, or newest first for a prefix: one statement over the join.
        weights = ", ".join(str(w) for w in WEIGHTS)
        rank = f"bm25(article_fts, {weights}), " if order == SearchOrder.RANK else ""
        sql = (
            f"SELECT a.id, a.title, a.source, a.date, a.url, {_SNIPPET} "
            "FROM article_fts JOIN articles a ON a.id = article_fts.rowid "
            "LEFT JOIN feeds f ON f.id = a.feed_id "
            f"WHERE article_fts MATCH ? AND {where} ORDER BY {rank}{NEWEST} LIMIT ?"
        )
        rows = self._run(query, sql, [query.match, *params, limit])
        return [SearchHit(r[0], r[1], r[2], r[3], r[4], *_marked(r[5] or "")) for r in rows]

    def _ranked(self, query: SearchQuery, limit: int) -> list[SearchHit]:
        """Best first with no filter: ranked inside the index, then only the top rows are read
        (joining every match to its article row costs more than ranking them all)."""
        weights = ", ".join(str(w) for w in WEIGHTS)
        sql = (
            f"SELECT rowid, {_SNIPPET}, bm25(article_fts, {weights}) AS score FROM article_fts "
            "WHERE article_fts MATCH ? AND rowid NOT IN (SELECT id FROM articles WHERE listed = 0) "
            "ORDER BY score, rowid DESC LIMIT ?"
        )
        top = self._run(query, sql, [query.match, limit])
        return self._hits(query, [(r[0], r[1]) for r in top])

    def _newest(self, query: SearchQuery, where: str, params: list[object], limit: int) -> list[SearchHit]:
        """Newest first: the date index is walked and each article tested against the matches;
        snippets only for the articles shown."""
        sql = (
            "SELECT a.id FROM articles a LEFT JOIN feeds f ON f.id = a.feed_id "
            f"WHERE {where} AND a.id IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?) "
            f"ORDER BY {NEWEST} LIMIT ?"
        )
        ids = [r[0] for r in self._run(query, sql, [*params, query.match, limit])]
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        snippets = dict(
            (r[0], r[1])
            for r in self._run(
                query,
                f"SELECT rowid, {_SNIPPET} FROM article_fts WHERE article_fts MATCH ? AND rowid IN ({marks})",
                [query.match, *ids],
            )
        )
        return self._hits(query, [(i, snippets.get(i, "")) for i in ids])

    def _hits(self, query: SearchQuery, found: list[tuple[int, str]]) -> list[SearchHit]:
        """Hits for (article id, marked snippet) pairs, in that order."""
        if not found:
            return []
        marks = ",".join("?" * len(found))
        rows = {
            r[0]: r
            for r in self._run(
                query,
                f"SELECT id, title, source, date, url FROM articles WHERE id IN ({marks})",
                [i for i, _ in found],
            )
        }
        return [
            SearchHit(r[0], r[1], r[2], r[3], r[4], *_marked(snippet or ""))
            for i, snippet in found
            if (r := rows.get(i)) is not None
        ]

    def _filtered(self, query: SearchQuery, where: str, params: list[object], limit: int) -> list[SearchHit]:
        """Filters alone: newest first, each with its opening words."""
        sql = (
            "SELECT a.id, a.title, a.source, a.date, a.url, "
            f"substr(COALESCE(a.full_text, a.text), 1, {LEAD_CHARS * 2}) AS lead "
            "FROM articles a LEFT JOIN feeds f ON f.id = a.feed_id "
            f"WHERE {where} ORDER BY {NEWEST} LIMIT ?"
        )
        rows = self._run(query, sql, [*params, limit])
        return [SearchHit(r[0], r[1], r[2], r[3], r[4], _lead(r[1], r[5] or "")) for r in rows]

    def _filters(self, query: SearchQuery, version: str) -> tuple[str, list[object]] | None:
        """The WHERE clause of the filters and its parameters; None when a name matches nothing."""
        where = ["a.listed = 1"]
        params: list[object] = []
        for entity in query.entities:
            names = self.names(entity.name, entity.labels)
            if not names:
                return None
            marks = ",".join("?" * len(names))
            labels = ",".join("?" * len(entity.labels))
            where.append(
                "a.hash IN (SELECT hash FROM entity_index WHERE version = ? "
                f"AND label IN ({labels}) AND canonical IN ({marks}))"
            )
            params += [version, *entity.labels, *names]
        for speaker in query.speakers:
            names = [speaker, *self.names(speaker, SPEAKER_LABELS)]
            marks = ",".join("?" * len(names))
            where.append(
                "a.hash IN (SELECT hash FROM quote_index WHERE version = ? "
                f"AND speaker COLLATE NOCASE IN ({marks}))"
            )
            params += [version, *names]
        for feed in query.feeds:  # a feed's title or address, or the publisher of a local article
            where.append(
                "(f.title LIKE ? ESCAPE '\\' OR f.url LIKE ? ESCAPE '\\' OR a.source LIKE ? ESCAPE '\\')"
            )
            params += [like_contains(feed)] * 3
        for folder in query.folders:
            where.append("(f.folder LIKE ? ESCAPE '\\' OR f.folder LIKE ? ESCAPE '\\')")
            params += [like_escape(folder), like_escape(folder) + "/%"]
        if query.read is not None:
            where.append("a.read = ?")
            params.append(int(query.read))
        if query.starred:
            where.append("a.starred = 1")
        if query.after:
            where.append("a.sort_date >= ?")
            params.append(query.after)
        if query.before:
            where.append("a.sort_date < ?")
            params.append(query.before)
        return " AND ".join(where), params

    # -- saved searches ---------------------------------------------------------------------

    def saved(self) -> list[SavedSearch]:
        with self.db.read() as db:
            rows = db.execute(
                "SELECT id, name, query FROM saved_searches ORDER BY name COLLATE NOCASE"
            ).fetchall()
        return [SavedSearch(r[0], r[1], r[2]) for r in rows]

    def save(self, name: str, query: str) -> SavedSearch:
        """Keep a search (the same query again keeps the one there, renamed)."""
        with self.db.transaction() as db:
            db.execute(
                "INSERT INTO saved_searches (name, query, added_at) VALUES (?, ?, ?) "
                "ON CONFLICT (query) DO UPDATE SET name = excluded.name",
                (name, query, now_iso()),
            )
            r = db.execute("SELECT id, name, query FROM saved_searches WHERE query = ?", (query,)).fetchone()
        return SavedSearch(r[0], r[1], r[2])

    def forget(self, saved_id: int) -> None:
        with self.db.transaction() as db:
            db.execute("DELETE FROM saved_searches WHERE id = ?", (saved_id,))


# Names whose family names ``names`` looks up (each lookup reads the names table once).
_FAMILY_LOOKUPS = 20


def like_escape(text: str) -> str:
    """``text`` as a literal inside a LIKE pattern (with ``ESCAPE '\\'``)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def like_contains(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere."""
    return f"%{like_escape(text)}%"


def bearers(db: sqlite3.Connection, family: str) -> list[str]:
    """The full names of people the library knows by ``family`` as their last word, when it also
    names someone by that word alone ("Obama": ["Barack Obama"]; "Clinton": Hillary and Bill)."""
    if (
        " " in family
        or not db.execute(
            "SELECT 1 FROM entity_names WHERE canonical = ? AND label = 'PERSON'", (family,)
        ).fetchone()
    ):
        return []
    rows = db.execute(
        "SELECT canonical FROM entity_names WHERE label = 'PERSON' AND canonical LIKE ? ESCAPE '\\'",
        ("% " + like_escape(family),),
    )
    return sorted({r[0] for r in rows if r[0].split()[-1] == family})

"""Cached analyses, keyed by content hash and analyzer version, with their search indexes.

Beside each analysis, the speakers of its quotes and the entities it mentions are indexed, so
related quotes are a lookup rather than a scan of every stored analysis.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from ..models import Analysis
from .database import Database


@dataclass(frozen=True, slots=True)
class QuoteRef:
    """Quote number ``index`` of the analysis of the text with hash ``hash``."""

    hash: str
    index: int


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """An article's id and title."""

    id: int
    title: str


class AnalysisRepo:
    """Analyses of a :class:`Database`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, hash_: str, version: str) -> Analysis | None:
        with self.db.read() as db:
            row = db.execute(
                "SELECT data FROM analyses WHERE hash = ? AND version = ?", (hash_, version)
            ).fetchone()
        return Analysis.from_json(json.loads(row[0]), version) if row else None

    def put(self, hash_: str, analysis: Analysis) -> None:
        """Store an analysis (replacing one of the same version) and index it."""
        version = analysis.version
        counts = analysis.entity_counts()
        with self.db.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO analyses (hash, version, data) VALUES (?, ?, ?)",
                (hash_, version, json.dumps(analysis.to_json(), ensure_ascii=False)),
            )
            db.execute("DELETE FROM quote_index WHERE hash = ? AND version = ?", (hash_, version))
            db.execute("DELETE FROM entity_index WHERE hash = ? AND version = ?", (hash_, version))
            db.executemany(
                "INSERT INTO quote_index (hash, version, idx, speaker, text, qstart, qend) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (hash_, version, i, q.speaker, q.text, q.start, q.end)
                    for i, q in enumerate(analysis.quotes)
                ],
            )
            forms: dict[tuple[str, str], list[str]] = {}
            first: dict[tuple[str, str], tuple[int, int]] = {}
            for e in sorted(analysis.entities, key=lambda e: e.start):
                key = (e.canonical, e.label)
                first.setdefault(key, (e.start, e.end))
                if e.text not in forms.setdefault(key, []):
                    forms[key].append(e.text)
            rows = [
                (hash_, version, c, lab, n, json.dumps(forms[(c, lab)], ensure_ascii=False), *first[(c, lab)])
                for (c, lab), n in counts.items()
            ]
            db.executemany(
                "INSERT INTO entity_index (hash, version, canonical, label, mentions, forms, first, first_end) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            db.executemany(
                "INSERT OR IGNORE INTO entity_names (canonical, label) VALUES (?, ?)", list(counts)
            )

    def quotes_by_speakers(self, speakers: Iterable[str], version: str) -> list[QuoteRef]:
        """Cached quotes whose speaker is one of ``speakers``."""
        names = list(speakers)
        if not names:
            return []
        marks = ",".join("?" * len(names))
        with self.db.read() as db:
            return [
                QuoteRef(r[0], r[1])
                for r in db.execute(
                    f"SELECT hash, idx FROM quote_index WHERE version = ? AND speaker IN ({marks})",
                    (version, *names),
                )
            ]

    def hashes_mentioning(self, names: Iterable[str], version: str) -> dict[str, set[str]]:
        """hash -> the given entity names its analysis mentions."""
        names = list(names)
        if not names:
            return {}
        marks = ",".join("?" * len(names))
        out: dict[str, set[str]] = {}
        with self.db.read() as db:
            for h, c in db.execute(
                f"SELECT hash, canonical FROM entity_index WHERE version = ? AND canonical IN ({marks})",
                (version, *names),
            ):
                out.setdefault(h, set()).add(c)
        return out

    def articles_by_hash(self, hashes: Iterable[str]) -> dict[str, ArticleRef]:
        """hash -> the article with that text (the newest when several share it)."""
        hashes = list(hashes)
        if not hashes:
            return {}
        marks = ",".join("?" * len(hashes))
        with self.db.read() as db:
            rows = db.execute(
                f"SELECT hash, id, title FROM articles WHERE hash IN ({marks}) ORDER BY id", hashes
            ).fetchall()
        return {r[0]: ArticleRef(r[1], r[2]) for r in rows}

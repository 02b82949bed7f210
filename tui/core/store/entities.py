"""Entities across the library: finding one by name, and everything its page shows.

The page is a handful of indexed queries: the articles that name the entity (``entity_index``
joined to the articles by content hash), its quotes (``quote_index`` by speaker), quotes by
others in those articles that name it, and the entities named alongside. Quote texts of
analyses stored before schema 3 are read from the analyses themselves.
"""

from __future__ import annotations

import difflib
import json
import re
import sqlite3
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from ..models import EntityArticle, EntityPage, EntityQuote, Neighbour, is_term
from .acronyms import acronyms, full_name
from .analyses import AnalysisRepo
from .database import Database
from .search import bearers, like_contains

# Entities that have pages (and that count as "named alongside").
PAGE_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT")
NEIGHBOURS = 12

_WORDS = re.compile(r"\w+")
# What a mention's form has around the name: a leading article, a possessive ending.
_AROUND_NAME = re.compile(r"^(?:the|The|THE)\s+|\s*['’][sS]?$")
# How many times more articles a longer name needs to win over the exact name typed.
_EXACT_ODDS = 3


class EntityRepo:
    """Entity pages of a :class:`Database`."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._analyses = AnalysisRepo(db)

    # -- names ------------------------------------------------------------------------------

    def find(self, name: str, version: str) -> tuple[str, str] | None:
        """(canonical, label) of the entity a name means: the exact name, unless a name that holds
        its words is named in many more articles ("Trump" tagged an organisation twice against
        "Donald Trump" in fifty); else the name holding its words named in the most articles."""
        words = _WORDS.findall(name)
        if not words:
            return None
        marks = ",".join("?" * len(PAGE_LABELS))
        with self.db.read() as db:
            exact = [
                tuple(r)
                for r in db.execute(
                    f"SELECT canonical, label FROM entity_names WHERE canonical = ? COLLATE NOCASE AND label IN ({marks})",
                    (name.strip(), *PAGE_LABELS),
                )
            ]
            holding = [
                tuple(r)
                for r in db.execute(
                    "SELECT n.canonical, n.label FROM entity_names_fts JOIN entity_names n ON n.id = entity_names_fts.rowid "
                    f"WHERE entity_names_fts MATCH ? AND n.label IN ({marks})",
                    ('"' + " ".join(words) + '"', *PAGE_LABELS),
                )
            ]

            def count(row: tuple[str, str]) -> int:
                return db.execute(
                    "SELECT COUNT(*) FROM entity_index WHERE canonical = ? AND label = ? AND version = ?",
                    (*row, version),
                ).fetchone()[0]

            best_exact = max(((count(r), r) for r in exact), default=(0, None))
            best_held = max(((count(r), r) for r in holding if r not in exact), default=(0, None))
        if best_exact[0] and best_exact[0] * _EXACT_ODDS >= best_held[0]:
            best = best_exact[1]
        else:
            best = best_held[1] if best_held[0] else None
        if best is not None and best[1] == "PERSON" and " " not in best[0]:
            with self.db.read() as db:
                full = bearers(db, best[0])
            if len(full) == 1:
                return (full[0], "PERSON")  # "Obama" alone is Barack Obama's page
        elif best is not None:
            with self.db.read() as db:
                return (full_name(db, *best), best[1])  # "U.S." is the United States' page
        return best

    def like(self, text: str, limit: int = 20) -> list[tuple[str, str]]:
        """(canonical, label) of entities whose names have words starting as typed (the palette)."""
        words = _WORDS.findall(text)
        if not words:
            return []
        query = " ".join(f'"{w}"*' for w in words)
        marks = ",".join("?" * len(PAGE_LABELS))
        with self.db.read() as db:
            return [
                (r[0], r[1])
                for r in db.execute(
                    "SELECT n.canonical, n.label FROM entity_names_fts JOIN entity_names n ON n.id = entity_names_fts.rowid "
                    f"WHERE entity_names_fts MATCH ? AND n.label IN ({marks}) ORDER BY rank LIMIT ?",
                    (query, *PAGE_LABELS, limit),
                )
            ]

    def closest(self, name: str, n: int = 3) -> list[str]:
        """Names close to a misspelt one (for "no such entity; did you mean …")."""
        prefixes = [w[:2] for w in _WORDS.findall(name) if len(w) >= 2]
        if not prefixes:
            return []
        with self.db.read() as db:
            names = {
                r[0]
                for r in db.execute(
                    "SELECT n.canonical FROM entity_names_fts JOIN entity_names n ON n.id = entity_names_fts.rowid "
                    "WHERE entity_names_fts MATCH ? LIMIT 2000",
                    (" OR ".join(f'"{p}"*' for p in prefixes),),
                )
            }
        wanted = name.lower()

        def likeness(candidate: str) -> float:
            # Against the whole name and each of its words: "Trmup" is close to "Donald Trump".
            forms = [candidate, *candidate.split()]
            return max(difflib.SequenceMatcher(None, wanted, f.lower()).ratio() for f in forms)

        scored = sorted(((likeness(c), c) for c in names), key=lambda sc: (-sc[0], sc[1]))
        return [c for score, c in scored[:n] if score >= 0.6]

    # -- the page ---------------------------------------------------------------------------

    def page(self, canonical: str, label: str, version: str) -> EntityPage:
        with self.db.read() as db:
            # A person's page gathers the articles that name them by family name alone too, when
            # the library names nobody else by it ("Obama" in articles that never say "Barack");
            # another's, those that name it by its initials alone ("U.S." for the United States).
            canonical = full_name(db, canonical, label)
            last = canonical.split()[-1]
            if label == "PERSON":
                own = [canonical, last] if bearers(db, last) == [canonical] else [canonical]
            else:
                own = [canonical, *acronyms(db, canonical, label)]
            one = ",".join("?" * len(own))
            key = (*own, label, version)
            named = db.execute(
                # CROSS JOIN keeps this order: from the entity's index rows to their articles
                # (SQLite would otherwise walk every article by date and look each one up).
                "SELECT a.id, a.title, a.date, ei.first, ei.forms, ei.first_end, a.source, a.hash FROM entity_index ei "
                "CROSS JOIN articles a ON a.hash = ei.hash "
                f"WHERE ei.canonical IN ({one}) AND ei.label = ? AND ei.version = ? AND a.listed = 1 "
                "ORDER BY a.sort_date DESC, a.id DESC",
                key,
            ).fetchall()
            said = db.execute(
                "SELECT a.id, a.title, a.date, q.text, q.speaker, q.qstart, q.qend, q.hash, q.idx, a.source "
                "FROM quote_index q CROSS JOIN articles a ON a.hash = q.hash "
                f"WHERE q.speaker IN ({one}) AND q.version = ? AND a.listed = 1 ORDER BY a.sort_date DESC, a.id DESC",
                (*own, version),
            ).fetchall()
            # Quotes by others in those articles that name the entity (its name or its surname).
            names = [canonical, *(w for w in canonical.split() if len(w) > 3)][:3]
            named_in = " OR ".join("q.text LIKE ? ESCAPE '\\'" for _ in names)
            about = db.execute(
                "SELECT a.id, a.title, a.date, q.text, q.speaker, q.qstart, q.qend, q.hash, q.idx, a.source "
                "FROM entity_index ei CROSS JOIN quote_index q ON q.hash = ei.hash AND q.version = ei.version "
                "CROSS JOIN articles a ON a.hash = q.hash "
                f"WHERE ei.canonical IN ({one}) AND ei.label = ? AND ei.version = ? AND a.listed = 1 "
                f"AND (q.speaker IS NULL OR q.speaker NOT IN ({one})) AND (q.text IS NULL OR {named_in}) "
                "ORDER BY a.sort_date DESC, a.id DESC",
                (*key, *own, *(like_contains(n) for n in names)),
            ).fetchall()
            beside = _neighbours(db, own, label, version)
        forms: Counter[str] = Counter()
        # Most articles name an entity the same ways: each distinct list is parsed once.
        # A form is shown as a name: "the U.S." is "U.S.", "Apple's" is "Apple" (so no other form).
        for raw, n in Counter(r[4] for r in named if r[4]).items():
            for f in {_as_name(f) for f in json.loads(raw)}:
                if f != canonical and f:
                    forms[f] += n
        articles = _unique(named)
        days = Counter(a.date[:10] for a in articles if a.date)
        people = set(own) if label == "PERSON" else set()
        return EntityPage(
            name=canonical,
            label=label,
            aliases=tuple(f for f, _ in forms.most_common()),
            articles=articles,
            # A few words credited to anything but a person are a term it uses, not what it said.
            said=tuple(q for q in self._quotes(said, version) if not is_term(q.text, q.speaker, people)),
            said_about=tuple(
                q
                for q in self._quotes(about, version)
                if not is_term(q.text, q.speaker) and any(n.lower() in q.text.lower() for n in names)
            ),
            neighbours=beside,
            timeline=tuple(sorted(days.items())),
        )

    def _quotes(self, rows: Sequence, version: str) -> list[EntityQuote]:
        """Quotes from index rows; rows of older analyses (no text) are read from the analysis. A
        quote several sources carry in the same text (wire copy) comes once, in its newest source,
        the others counted as ``copies``."""
        out: list[EntityQuote] = []
        cache: dict[str, list] = {}
        where: dict[tuple[str, int], int] = {}
        seen: set[tuple[int, int]] = set()  # (article, quote): a row again for another form of the name
        for r in rows:
            if (r[0], r[8]) in seen:
                continue
            seen.add((r[0], r[8]))
            if (r[7], r[8]) in where:
                k = where[(r[7], r[8])]
                out[k] = replace(out[k], copies=out[k].copies + 1)
                continue
            text, start, end = r[3], r[5], r[6]
            if text is None:
                if r[7] not in cache:
                    analysis = self._analyses.get(r[7], version)
                    cache[r[7]] = analysis.quotes if analysis else []
                quotes = cache[r[7]]
                if r[8] >= len(quotes):
                    continue
                q = quotes[r[8]]
                text, start, end = q.text, q.start, q.end
            where[(r[7], r[8])] = len(out)
            out.append(EntityQuote(r[0], r[1], r[2], text, r[4], start, end, r[9]))
        return out


def _as_name(form: str) -> str:
    """A mention's form as a name: no leading article or possessive, single spaces."""
    return _AROUND_NAME.sub("", " ".join(form.split()))


def _unique(rows: Sequence) -> tuple[EntityArticle, ...]:
    """One row per article (an article named twice under one text hash is listed once), and one
    per text: the same wire copy from other outlets is folded into its newest row as ``copies``."""
    seen: set[int] = set()
    by_text: dict[str, int] = {}
    out: list[EntityArticle] = []
    for r in rows:
        if r[0] in seen:
            continue
        seen.add(r[0])
        first = by_text.get(r[7])
        if first is not None:
            out[first] = replace(out[first], copies=out[first].copies + 1)
            continue
        by_text[r[7]] = len(out)
        out.append(EntityArticle(r[0], r[1], r[2], r[3], r[5], r[6]))
    return tuple(out)


def _neighbours(db: sqlite3.Connection, own: list[str], label: str, version: str) -> tuple[Neighbour, ...]:
    """The names most often named alongside, each once: a name by its initials counts as its full
    name ("U.S." beside "United States"), in as many articles as name it either way."""
    one = ",".join("?" * len(own))
    marks = ",".join("?" * len(PAGE_LABELS))
    rows = db.execute(
        "SELECT o.canonical, o.label, COUNT(DISTINCT o.hash) AS n FROM entity_index ei "
        "JOIN entity_index o ON o.hash = ei.hash AND o.version = ei.version "
        f"WHERE ei.canonical IN ({one}) AND ei.label = ? AND ei.version = ? "
        f"AND NOT (o.canonical IN ({one}) AND o.label = ?) AND o.label IN ({marks}) "
        "GROUP BY o.canonical, o.label ORDER BY n DESC, o.canonical LIMIT ?",
        (*own, label, version, *own, label, *PAGE_LABELS, NEIGHBOURS),
    ).fetchall()
    out: dict[tuple[str, str], int] = {}
    for name, kind, n in rows:
        full = full_name(db, name, kind)
        if full == name:
            out.setdefault((name, kind), n)  # (its initials' row, when first, counted both ways)
            continue
        forms = [full, *acronyms(db, full, kind)]
        forms_marks = ",".join("?" * len(forms))
        out[(full, kind)] = db.execute(
            "SELECT COUNT(DISTINCT o.hash) FROM entity_index ei "
            "JOIN entity_index o ON o.hash = ei.hash AND o.version = ei.version "
            f"WHERE ei.canonical IN ({one}) AND ei.label = ? AND ei.version = ? "
            f"AND o.canonical IN ({forms_marks}) AND o.label = ?",
            (*own, label, version, *forms, kind),
        ).fetchone()[0]
    ranked = sorted(out.items(), key=lambda kv: (-kv[1], kv[0][0]))
    return tuple(Neighbour(name, kind, n) for (name, kind), n in ranked)

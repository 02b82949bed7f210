"""The library service the app talks to: articles, read state, cached analysis, related quotes.

Everything here is synchronous and thread-safe. ``analyze`` runs the model and belongs in a
worker; every other method is a short SQLite query.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .analysis.version import ANALYZER_VERSION
from .models import Analysis, Document, Quote
from .reader import ReadError, expand_paths, read_file
from .store import Store

if TYPE_CHECKING:  # pragma: no cover
    from .analysis import Analyzer


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """One sidebar row."""

    id: int
    title: str
    source: str | None
    date: str | None
    read: bool
    starred: bool
    feed_id: int | None
    feed_title: str | None
    folder: str | None
    analysed: bool


@dataclass(frozen=True, slots=True)
class RelatedQuote:
    """A quote from another article, and why it is related."""

    article_id: int
    article_title: str
    quote: Quote
    reason: str


# Entity types whose names make two articles "about the same thing".
_TOPIC_LABELS = ("PERSON", "ORG", "GPE", "NORP", "EVENT", "LOC", "FAC")


class Library:
    """Articles in a :class:`Store`, analysed by an :class:`Analyzer`.

    ``scope`` limits the view to those article ids (``newsreader PATH...``); related quotes
    still come from the whole library.
    """

    def __init__(self, store: Store, analyzer: Analyzer | None = None, scope: Sequence[int] | None = None):
        self.store = store
        self._analyzer = analyzer
        self.scope = list(scope) if scope is not None else None
        self._model_lock = threading.Lock()

    # -- reading --------------------------------------------------------------------------

    @property
    def analyzer(self) -> Analyzer:
        """Created on first use, in the worker that needs it: importing spaCy takes ~1 s."""
        with self._model_lock:
            if self._analyzer is None:
                from .analysis import Analyzer

                self._analyzer = Analyzer()
            return self._analyzer

    @property
    def model_loaded(self) -> bool:
        return self._analyzer is not None and self._analyzer.loaded

    @property
    def version(self) -> str:
        return ANALYZER_VERSION if self._analyzer is None else self._analyzer.version

    def articles(self) -> list[ArticleRow]:
        rows = self.store.article_rows(self.scope)
        done = self.store.analysed_hashes(self.version)
        return [
            ArticleRow(
                id=r["id"],
                title=r["title"],
                source=r["source"],
                date=r["date"],
                read=bool(r["read"]),
                starred=bool(r["starred"]),
                feed_id=r["feed_id"],
                feed_title=r["feed_title"],
                folder=r["folder"],
                analysed=r["hash"] in done,
            )
            for r in rows
        ]

    def document(self, article_id: int) -> Document:
        return self.store.document(article_id)

    def cached_analysis(self, article_id: int) -> Analysis | None:
        return self.store.get_analysis(self.store.article_hash(article_id), self.version)

    def unanalysed(self) -> list[int]:
        """Ids (newest first) of articles in view without a current analysis."""
        done = self.store.analysed_hashes(self.version)
        return [r["id"] for r in self.store.article_rows(self.scope) if r["hash"] not in done]

    def set_read(self, article_id: int, read: bool = True) -> None:
        self.store.set_read(article_id, read)

    def set_starred(self, article_id: int, starred: bool = True) -> None:
        self.store.set_starred(article_id, starred)

    # -- analysis -------------------------------------------------------------------------

    def analyze(self, article_id: int) -> Analysis:
        """The article's analysis, from the cache or computed now (slow: workers only)."""
        return self.analyze_many([article_id])[0]

    def analyze_many(self, article_ids: Iterable[int]) -> list[Analysis]:
        """Analyse several articles in one batch through the model; cached ones are not rerun."""
        ids = list(article_ids)
        out: dict[int, Analysis] = {}
        todo: list[tuple[int, str, Document]] = []
        for aid in ids:
            h = self.store.article_hash(aid)
            cached = self.store.get_analysis(h, self.version)
            if cached is not None:
                out[aid] = cached
            else:
                todo.append((aid, h, self.store.document(aid)))
        if todo:
            # One model, one thread at a time: spaCy pipelines are not meant to be shared across threads.
            analyzer = self.analyzer
            with self._model_lock:
                results = list(analyzer.analyze_many([d for _, _, d in todo]))
            for (aid, h, _), analysis in zip(todo, results, strict=True):
                self.store.put_analysis(h, analysis)
                out[aid] = analysis
        return [out[aid] for aid in ids]

    def related_quotes(self, article_id: int, analysis: Analysis, limit: int = 20) -> list[RelatedQuote]:
        """Quotes elsewhere in the library by this article's speakers or about its main entities."""
        own = self.store.article_hash(article_id)
        speakers = {q.speaker for q in analysis.quotes if q.speaker}
        counts = analysis.entity_counts()
        main = [
            name
            for (name, label), _n in sorted(counts.items(), key=lambda kv: -kv[1])
            if label in _TOPIC_LABELS
        ][:6]
        people = [n for (n, label) in counts if label == "PERSON" and n in main]
        by_speaker = self.store.quotes_by_speakers(speakers | set(people), self.version)
        mentioning = self.store.hashes_mentioning(main, self.version)
        hashes = {h for h, _ in by_speaker} | set(mentioning)
        hashes.discard(own)
        titles = self.store.articles_by_hash(hashes)
        out: list[RelatedQuote] = []
        seen: set[tuple[str, int]] = set()
        cache: dict[str, Analysis | None] = {}

        def quotes_of(h: str) -> list[Quote]:
            if h not in cache:
                cache[h] = self.store.get_analysis(h, self.version)
            a = cache[h]
            return a.quotes if a else []

        for h, idx in by_speaker:
            if h not in titles or (h, idx) in seen:
                continue
            qs = quotes_of(h)
            if idx < len(qs):
                seen.add((h, idx))
                q = qs[idx]
                reason = "same speaker" if q.speaker in speakers else f"by {q.speaker}"
                out.append(RelatedQuote(titles[h][0], titles[h][1], q, reason))
        for h, names in mentioning.items():
            if h not in titles:
                continue
            for idx, q in enumerate(quotes_of(h)):
                if (h, idx) in seen:
                    continue
                about = next((n for n in main if n in names and _mentions(q.text, n)), None)
                if about:
                    seen.add((h, idx))
                    out.append(RelatedQuote(titles[h][0], titles[h][1], q, f"about {about}"))
        return out[:limit]

    # -- adding ---------------------------------------------------------------------------

    def add_document(self, key: str, doc: Document, *, listed: bool = True) -> int:
        return self.store.upsert_article(key, doc, listed=listed)


def _mentions(text: str, name: str) -> bool:
    """Does ``text`` mention ``name`` (full name or its last word)?"""
    if name in text:
        return True
    last = name.split()[-1]
    return len(last) > 3 and last in text


def seed_library(store: Store, seeds: Path) -> int:
    """Import the shipped sample articles once (first run); returns how many were added."""
    if store.get_meta("seeded"):
        return 0
    n = 0
    # Sample articles are the .txt files; their .json sidecars and notes ride along.
    for item in sorted(seeds.glob("*.txt")):
        try:
            doc = read_file(item)
        except ReadError:
            continue
        store.upsert_article(f"seed:{item.name}", doc)
        n += 1
    store.set_meta("seeded", "1")
    return n


def open_files(store: Store, paths: Sequence[str]) -> tuple[list[int], list[str]]:
    """Add files for ``newsreader PATH...`` (not listed in the library); (ids, error lines)."""
    ids: list[int] = []
    errors: list[str] = []
    for item in expand_paths(paths):
        if isinstance(item, ReadError):
            errors.append(str(item))
            continue
        try:
            doc = read_file(item)
        except ReadError as e:
            errors.append(str(e))
            continue
        errors.extend(f"warning: {w}" for w in doc.warnings)
        ids.append(store.upsert_article(f"file:{item.resolve()}", doc, listed=False))
    return ids, errors

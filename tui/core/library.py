"""The library, the one face of the core that the command line and the app both call.

:class:`Library` holds the articles, their read state, cached analyses and related quotes, and
hands out :class:`~.feed_service.FeedService` as ``library.feeds`` for everything feed-related
and :class:`~.sync_service.SyncService` as ``library.sync`` for the sync server.
Everything here is synchronous and thread-safe; the ``analyze`` methods wait for the model (in
worker processes, see :mod:`.analysis_service`) and belong in a worker, every other method is
a short SQLite query. :func:`read_documents` and
:func:`analyze_documents` serve ``newsreader analyze``, which needs no library. Nothing heavy is
imported here: the model, feedparser and httpx load on first use.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from .analysis.version import ANALYZER_VERSION
from .errors import QueryError
from .feed_service import FeedService
from .indexing_service import IndexingService
from .models import (
    Analysis,
    ArticleRow,
    Document,
    EntityPage,
    RelatedQuote,
    SavedSearch,
    SearchHit,
    SearchOrder,
    Story,
)
from .query import parse_query
from .reader import ReadError, read_file, read_paths
from .related import find_related_quotes
from .scheduler import AnalysisJob
from .store import AnalysisRepo, ArticleRepo, Database, EntityRepo, Progress, SearchRepo, StoryRepo
from .sync_service import SyncService

if TYPE_CHECKING:  # pragma: no cover
    from .analysis import Analyzer
    from .analysis_service import AnalysisService
    from .story_view import StoryView


# Entity types whose names make two articles "about the same thing".


class Library:
    """Articles in a library database, analysed in worker processes; feeds in ``feeds``.

    ``scope`` limits the view to those article ids (``newsreader PATH...``); related quotes still
    come from the whole library. ``processes`` analyse at once (default: one per core, see
    :func:`~.analysis.pool.analysis_processes`); with 1, or with an ``analyzer`` given and no
    ``processes``, the model runs in this process. Use :meth:`open`; as a context manager it closes.
    """

    def __init__(
        self,
        database: Database,
        analyzer: Analyzer | None = None,
        scope: Sequence[int] | None = None,
        processes: int | None = None,
    ) -> None:
        self._db = database
        self._articles = ArticleRepo(database)
        self._analyses = AnalysisRepo(database)
        self._search = SearchRepo(database)
        self._entities = EntityRepo(database)
        self._stories = StoryRepo(database)
        self.scope = list(scope) if scope is not None else None
        # The analysis service (its pool's imports) comes on first use: `newsreader search` needs none.
        self._analyzer_given, self._processes = analyzer, processes
        self._service: AnalysisService | None = None
        if analyzer is not None:
            self._analysis  # noqa: B018 - made now: the version is the given analyzer's
        self.feeds = FeedService(database)
        self.sync = SyncService(database)  # a Tiny Tiny RSS server, when one is set up
        self.indexing = IndexingService(database)  # what a library opened with index_later has left

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        analyzer: Analyzer | None = None,
        scope: Sequence[int] | None = None,
        progress: Progress | None = None,
        processes: int | None = None,
        cache_mib: int = 128,
        index_later: bool = False,
    ) -> Library:
        """The library in the database at ``path`` (``":memory:"`` for a throwaway one).

        ``progress(done, total)`` hears of a long first step, indexing a library from before search
        or stories (with ``index_later``, left to ``library.indexing``). ``cache_mib``: SQLite's page
        cache (a one-shot command needs less). Raises :class:`~.errors.LibraryError` for an unusable one.
        """
        database = Database(path, progress, cache_mib=cache_mib, index_later=index_later)
        return cls(database, analyzer, scope, processes)

    @property
    def path(self) -> Path:
        """The database file."""
        return self._db.path

    def close(self) -> None:
        """Stop the feed parser and analysis processes (if any were started), without waiting
        for an analysis in progress; the library stays usable."""
        if self._service is not None:
            self._service.close()
        self.feeds.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        """:meth:`close`, then close the database."""
        self.close()
        self._db.close()

    # -- reading --------------------------------------------------------------------------

    @property
    def _analysis(self) -> AnalysisService:
        if self._service is None:
            from .analysis.pool import analysis_processes
            from .analysis_service import AnalysisService

            default = 1 if self._analyzer_given is not None else analysis_processes()
            processes = default if self._processes is None else self._processes
            self._service = AnalysisService(self._articles, self._analyses, self._analyzer_given, processes)
        return self._service

    @property
    def analyzer(self) -> Analyzer:
        """The model in this process, created on first use, in the worker that needs it
        (importing spaCy takes ~1 s)."""
        return self._analysis.analyzer

    @property
    def model_loaded(self) -> bool:
        """Is the model ready (in this process, or in an analysis process that has answered)?"""
        return self._service is not None and self._service.model_loaded

    @property
    def version(self) -> str:
        return ANALYZER_VERSION if self._service is None else self._service.version

    @property
    def analysis_processes(self) -> int:
        """Processes that analyse (1: the model runs in this process)."""
        return self._analysis.processes

    def articles(self, limit: int | None = None) -> list[ArticleRow]:
        """Rows of the articles in view, newest first (the newest ``limit`` when given)."""
        return self._articles.rows(self.version, self.scope, limit)

    def search(self, text: str, *, order: SearchOrder = SearchOrder.RANK, limit: int = 50) -> list[SearchHit]:
        """The listed articles matching a query as the reader typed it (see :mod:`.query`), best
        match first or newest first. Raises :class:`QueryError` (one line) for a query that
        cannot be run, such as an empty one or ``is:purple``."""
        query = parse_query(text)
        if query.empty:
            raise QueryError(
                'nothing to search for: type words, "a phrase" or a filter like person:"Ana Ruiz"'
            )
        return self._search.search(query, self.version, order, limit)

    def entity(self, name: str) -> EntityPage | None:
        """The page of the entity a name means ("Obama" finds "Barack Obama"), or None."""
        found = self._entities.find(name, self.version)
        return self._entities.page(*found, self.version) if found else None

    def find_entity(self, name: str) -> tuple[str, str] | None:
        """(canonical name, label) of the entity a name means, or None."""
        return self._entities.find(name, self.version)

    def entity_page(self, canonical: str, label: str) -> EntityPage:
        """The page of one entity, by its canonical name and label."""
        return self._entities.page(canonical, label, self.version)

    def entities_like(self, text: str, limit: int = 20) -> list[tuple[str, str]]:
        """(name, label) of entities whose names start as typed, across the library."""
        return self._entities.like(text, limit)

    def closest_entities(self, name: str) -> list[str]:
        """Names close to one that matched nothing."""
        return self._entities.closest(name)

    def search_ids(self, text: str) -> list[int]:
        """Every listed article matching a query, newest first (raises :class:`QueryError`)."""
        query = parse_query(text)
        return [] if query.empty else self._search.ids(query, self.version)

    def saved_searches(self) -> list[SavedSearch]:
        """The searches kept as views, by name."""
        return self._search.saved()

    def save_search(self, name: str, query: str) -> SavedSearch:
        """Keep a search as a view (checked first: raises :class:`QueryError`)."""
        if parse_query(query).empty:
            raise QueryError("nothing to save: the search is empty")
        return self._search.save(name, query)

    def forget_search(self, saved_id: int) -> None:
        self._search.forget(saved_id)

    def stories(self, min_size: int = 2) -> list[Story]:
        """Stories of ``min_size`` articles or more (one event, several feeds), newest first."""
        return self._stories.stories(min_size)

    def story(self, story_id: int) -> Story | None:
        """One story by id (article ids newest first), or None."""
        return self._stories.story(story_id)

    def story_of(self, article_id: int) -> Story | None:
        """The story an article belongs to (of one when nothing matched it); None if unknown."""
        return self._stories.story_of(article_id)

    def story_view(self, story_id: int) -> StoryView | None:
        """A story seen whole: its sources, who said what across them, one summary (from cached
        analyses: ``waiting`` lists the sources still to analyse); None for an unknown story."""
        from .story_view import read_story_view

        return read_story_view(
            self._stories.story(story_id), self.article_rows, self.document, self.cached_analysis
        )

    def article_rows(self, article_ids: Sequence[int]) -> list[ArticleRow]:
        """Rows of exactly these articles, newest first (a story's sources, say)."""
        return self._articles.rows(self.version, article_ids)

    def document(self, article_id: int) -> Document:
        return self._articles.document(article_id)

    def cached_analysis(self, article_id: int) -> Analysis | None:
        return self._analyses.get(self._articles.hash(article_id), self.version)

    def unanalysed(self) -> list[int]:
        """Ids (newest first) of articles in view without a current analysis."""
        return [r.id for r in self.articles() if not r.analysed]

    def changed_elsewhere(self) -> bool:
        """Did another process add or remove feeds or articles, or fail or mend a feed, since the last call?"""
        return self._db.changed_elsewhere()

    def set_read(self, article_id: int, read: bool = True) -> list[int]:
        """Mark an article read (or unread) with its story's other listed articles; the ids, its first."""
        return self._articles.set_read(article_id, read)

    def set_read_many(self, article_ids: Iterable[int], read: bool = True) -> None:
        """Mark these articles read (or unread) at once, as they are: an undone mark of thousands."""
        self._articles.set_read_many(article_ids, read)

    def set_starred(self, article_id: int, starred: bool = True) -> None:
        self._articles.set_starred(article_id, starred)

    # -- analysis -------------------------------------------------------------------------

    def analyze(self, article_id: int) -> Analysis:
        """The article's analysis, from the cache or computed now (slow: workers only)."""
        return self.analyze_many([article_id])[0]

    def analyze_many(self, article_ids: Iterable[int]) -> list[Analysis]:
        """Analyse several articles, spread over the analysis processes; cached ones are not rerun."""
        return self._analysis.analyze_many(article_ids)

    def analyze_jobs(
        self, jobs: Iterable[AnalysisJob], batch: int = 1, ahead: int = 0
    ) -> Iterator[tuple[AnalysisJob, Analysis]]:
        """Each job with its analysis as soon as it is ready, taking jobs only as processes come
        free (``iter(queue.next, None)`` keeps the queue's order live); see
        :meth:`.analysis_service.AnalysisService.run`."""
        return self._analysis.run(jobs, batch, ahead)

    def related_quotes(self, article_id: int, analysis: Analysis, limit: int = 20) -> list[RelatedQuote]:
        """Quotes elsewhere in the library by this article's speakers or about its main entities."""
        own = self._articles.hash(article_id)
        return find_related_quotes(self._analyses, own, analysis, self.version, limit)

    # -- adding ---------------------------------------------------------------------------

    def add_document(self, key: str, doc: Document, *, listed: bool = True) -> int:
        """Add (or update, by ``key``) an article; its id. Read and star state survive updates."""
        return self._articles.upsert(key, doc, listed=listed)

    def seed(self, seeds_dir: Path) -> int:
        """Import the shipped sample articles once (first run); returns how many were added."""
        return _seed(self._db, self._articles, seeds_dir)

    def open_files(self, paths: Sequence[str]) -> tuple[list[int], list[str]]:
        """Add files for ``newsreader PATH...`` (not listed in the library); (ids, problem lines)."""
        docs, problems = read_paths(paths)
        ids = [self._articles.upsert(f"file:{Path(d.path or '').resolve()}", d, listed=False) for d in docs]
        return ids, problems


def _seed(db: Database, articles: ArticleRepo, seeds_dir: Path) -> int:
    if db.get_meta("seeded"):
        return 0
    n = 0
    # Sample articles are the .txt files; their .json sidecars and notes ride along.
    for item in sorted(seeds_dir.glob("*.txt")):
        try:
            doc = read_file(item)
        except ReadError:
            continue
        articles.upsert(f"seed:{item.name}", doc)
        n += 1
    db.set_meta("seeded", "1")
    return n


# -- ``newsreader analyze``: documents straight from files, no library ----------------------------


def read_documents(paths: Sequence[str]) -> tuple[list[Document], list[str]]:
    """Read every path (files or folders); (documents, one problem line per failure)."""
    return read_paths(paths)


def analyze_documents(docs: Sequence[Document]) -> Iterator[Analysis]:
    """Analyse ``docs`` in order, each as it is ready; raises ``ModelUnavailable`` without a model."""
    from .analysis import Analyzer

    yield from Analyzer().analyze_many(list(docs))

"""App-wide messages: what the analysis and feed workers report back to the UI thread.

Dataclasses (Textual's ``Message.__post_init__`` initialises the message), one a report.
Messages that belong to one widget are nested in it instead (``Sidebar.ArticleChosen``).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from ..core.models import Analysis, RefreshReport, RelatedQuote, SearchHit, SyncReport, SyncStatus
from ..core.ui_state import UiState


@dataclass
class Analysed(Message):
    """An article has its analysis: the one on screen (``foreground``), or the background
    pass's ``done``-th of ``total``."""

    article_id: int
    analysis: Analysis
    foreground: bool
    done: int = 0
    total: int = 0


@dataclass
class AnalysisFailed(Message):
    """Analysing an article failed (e.g. no model installed); ``error`` is one readable line."""

    article_id: int
    error: str


@dataclass
class LibraryAnalysed(Message):
    """The analysis queue is empty (or stopped): ``total`` articles were analysed in the background."""

    total: int


@dataclass
class RelatedQuotesReady(Message):
    """Quotes elsewhere in the library related to the open article."""

    article_id: int
    related: list[RelatedQuote]


@dataclass
class FeedsProgress(Message):
    """One more feed of a refresh is done (``done`` of ``total``); only the latest one matters."""

    done: int
    total: int
    name: str
    error: str | None
    new_items: int

    def can_replace(self, message: Message) -> bool:
        # A newer count supersedes this one, unless this one brought new items to show.
        return isinstance(message, FeedsProgress) and not self.new_items


@dataclass
class LibraryIndexing(Message):
    """A library from before search or stories is being indexed: ``done`` of ``total`` articles
    (``done == total``: finished); only the latest count matters."""

    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, LibraryIndexing) and self.done < self.total


@dataclass
class FeedsRefreshed(Message):
    """A refresh finished (``report``) or could not start (``error``, e.g. another refresh runs)."""

    report: RefreshReport | None
    error: str | None = None


@dataclass
class FullTextFetched(Message):
    """Full texts were fetched for ``article_ids``; ``error`` is one line when one failed."""

    article_ids: list[int]
    error: str | None = None
    automatic: bool = False


@dataclass
class LinkFound(Message):
    """The web address of an article to open (None: it has no http/https link)."""

    article_id: int
    url: str | None


@dataclass
class SearchFound(Message):
    """A search ran: its articles, best first (or newest first); ``error`` is one line when it
    could not run."""

    query: str
    hits: list[SearchHit]
    error: str | None = None


@dataclass
class UiStateChanged(Message):
    """What the app remembers between runs changed (a folder closed, the sidebar resized): the
    app saves ``state`` in a thread. Only the newest of several queued ones needs saving."""

    state: UiState

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, UiStateChanged)


@dataclass
class SyncFinished(Message):
    """A sync (or a background send of marks, ``background``) ended: what it did (``report``),
    or why it failed (``error``, one line); ``status`` is the server's state after it."""

    status: SyncStatus | None
    report: SyncReport | None = None
    error: str | None = None
    background: bool = False

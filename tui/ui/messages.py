"""App-wide messages: what the analysis and feed workers report back to the UI thread."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from ..core.models import Analysis, ArticleRow, FeedRow, RefreshReport, RelatedQuote


class AnalysisReady(Message):
    """The open article (or one the user asked for) has its analysis."""

    def __init__(self, article_id: int, analysis: Analysis) -> None:
        super().__init__()
        self.article_id = article_id
        self.analysis = analysis


class AnalysisFailed(Message):
    """Analysing an article failed (e.g. no model installed); ``error`` is one readable line."""

    def __init__(self, article_id: int, error: str, *, background: bool = False) -> None:
        super().__init__()
        self.article_id = article_id
        self.error = error
        self.background = background


class LibraryProgress(Message):
    """The background pass analysed one more article (``done`` of ``total``)."""

    def __init__(self, article_id: int, analysis: Analysis, done: int, total: int) -> None:
        super().__init__()
        self.article_id = article_id
        self.analysis = analysis
        self.done = done
        self.total = total


class LibraryAnalysed(Message):
    """The background pass finished: every article in view has an analysis."""

    def __init__(self, total: int) -> None:
        super().__init__()
        self.total = total


class RelatedQuotesReady(Message):
    """Quotes elsewhere in the library related to the open article."""

    def __init__(self, article_id: int, related: list[RelatedQuote]) -> None:
        super().__init__()
        self.article_id = article_id
        self.related = related


class FeedsProgress(Message):
    """One more feed of a refresh is done (``done`` of ``total``); only the latest one matters."""

    def __init__(self, done: int, total: int, name: str, error: str | None, new_items: int) -> None:
        super().__init__()
        self.done = done
        self.total = total
        self.name = name
        self.error = error
        self.new_items = new_items

    def can_replace(self, message: Message) -> bool:
        # A newer count supersedes this one, unless this one brought new items to show.
        return isinstance(message, FeedsProgress) and not self.new_items


class FeedsRefreshed(Message):
    """A refresh finished (``report``) or could not start (``error``, e.g. another refresh runs)."""

    def __init__(self, report: RefreshReport | None, error: str | None = None) -> None:
        super().__init__()
        self.report = report
        self.error = error


class FullTextFetched(Message):
    """Full texts were fetched for ``article_ids``; ``error`` is one line when one failed."""

    def __init__(self, article_ids: list[int], error: str | None = None, *, automatic: bool = False) -> None:
        super().__init__()
        self.article_ids = article_ids
        self.error = error
        self.automatic = automatic


class LinkFound(Message):
    """The web address of an article to open (None: it has no http/https link)."""

    def __init__(self, article_id: int, url: str | None) -> None:
        super().__init__()
        self.article_id = article_id
        self.url = url


class ArticlesLoaded(Message):
    """Fresh rows and feeds from the store (``seq`` orders reloads; what to do once shown)."""

    def __init__(
        self,
        seq: int,
        rows: list[ArticleRow],
        feeds: list[FeedRow],
        *,
        analyse: bool,
        open_first: bool,
        reopen: int | None,
        select: str | None,
    ) -> None:
        super().__init__()
        self.seq = seq
        self.rows = rows
        self.feeds = feeds
        self.analyse = analyse
        self.open_first = open_first
        self.reopen = reopen
        self.select = select

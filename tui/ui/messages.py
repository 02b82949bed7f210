"""App-wide messages: what the analysis workers report back to the UI thread."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from ..core.library import RelatedQuote
    from ..core.models import Analysis


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

"""The article on screen: opening it off the event loop, its panes, its state and related quotes.

:class:`Reading` belongs to the reader screen. It reads an article's text and cached analysis
in a thread (unless it has them from before), shows the body, quotes and summary, asks the
analysis queue for what is missing, marks the article read, and finds related quotes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Container
from typing import TYPE_CHECKING

from textual.cache import LRUCache
from textual.timer import Timer
from textual.worker import Worker

from ...core.models import STANDFIRST, Analysis, Document
from ..format import sentence
from ..messages import Analysed, RelatedQuotesReady
from ..views import story_siblings

if TYPE_CHECKING:
    from .reader import ReaderScreen


GONE = "The article was removed with its feed."


class Reading:
    """The open article of a reader screen."""

    def __init__(self, screen: ReaderScreen) -> None:
        self.screen = screen
        self.library = screen.library
        self.article_id: int | None = None
        self.document: Document | None = None
        self.analysis: Analysis | None = None
        self._documents: LRUCache[int, Document] = LRUCache(64)
        self._analyses: LRUCache[int, Analysis] = LRUCache(256)
        self.read_timer = ReadTimer(self)
        self.quote_mark: tuple[int, int] | None = None

    # -- opening ----------------------------------------------------------------------------

    def open(
        self, article_id: int, *, mark: tuple[int, int] | None = None, focus_body: bool = False
    ) -> Worker[None] | None:
        """Show an article; returns the worker reading it (None when it was shown at once)."""
        if article_id == self.article_id:
            self._after_open(mark, focus_body)
            return None
        doc = self._documents.get(article_id)
        if doc is not None and article_id in self._analyses:
            self._show(article_id, doc, self._analyses[article_id], mark, focus_body)
            return None
        return self.screen.run_worker(
            self._read(article_id, mark, focus_body), group="open", exclusive=True, exit_on_error=False
        )

    async def _read(self, article_id: int, mark: tuple[int, int] | None, focus_body: bool) -> None:
        doc = self._documents.get(article_id)
        library = self.library
        try:
            if doc is None:
                doc, analysis = await asyncio.to_thread(
                    lambda: (library.document(article_id), library.cached_analysis(article_id))
                )
            else:
                analysis = await asyncio.to_thread(library.cached_analysis, article_id)
        except KeyError:  # it went (its feed was removed) before it could be read
            return
        self._documents[article_id] = doc
        if analysis is not None:
            self._analyses[article_id] = analysis
        self._show(article_id, doc, analysis, mark, focus_body)

    def _show(
        self,
        article_id: int,
        doc: Document,
        analysis: Analysis | None,
        mark: tuple[int, int] | None,
        focus_body: bool,
    ) -> None:
        screen = self.screen
        self.article_id, self.document, self.analysis = article_id, doc, analysis
        screen.pages.shown(article_id)
        screen.sidebar.select_article(article_id)
        self.show_panes()
        if analysis is None:
            screen.analysis_runner.want(article_id)
        else:
            self.load_related()
        self.read_timer.start(article_id)
        self._after_open(mark, focus_body)
        screen.refresh_status()

    def keep_unread(self, article_ids: list[int]) -> None:
        """U made these unread: the open one among them stays so while it stays open."""
        self.read_timer.keep_unread(article_ids)

    def _after_open(self, mark: tuple[int, int] | None, focus_body: bool) -> None:
        body = self.screen.body
        self.quote_mark = mark  # a quote followed here is marked in the Quotes pane once it shows
        if mark is not None:
            body.mark_range(*mark)
            self.screen.quotes.select_quote(*mark)
        if focus_body:
            body.focus()

    def forget(self, article_ids: list[int]) -> None:
        """These articles got a new text: read them again when next opened."""
        for article_id in article_ids:
            self._documents.discard(article_id)
            self._analyses.discard(article_id)
            self.screen.body.forget(article_id)
        if self.article_id in article_ids:
            self.article_id = None  # the body is built again

    def loaded(self, rows: Container[int]) -> None:
        """The library's rows were loaded again: an open article that left them (its feed was
        removed, here or by another process) leaves the panes, where its keys would do nothing,
        and related quotes of articles that left are looked for again."""
        if self.article_id is None:
            return
        if self.article_id not in rows:
            self.article_id = self.document = self.analysis = self.quote_mark = None
            screen = self.screen
            screen.article_view.clear()
            screen.quotes.show_pending(GONE)
            screen.quotes.border_subtitle = ""
            screen.summary.show(None, [], GONE)
        elif any(r.article_id not in rows for r in self.screen.quotes.related or []):
            self.load_related()

    # -- what is shown ----------------------------------------------------------------------

    def show_panes(self) -> None:
        """The body, quotes and summary of the open article, as far as its analysis goes."""
        doc, analysis, article_id, screen = self.document, self.analysis, self.article_id, self.screen
        if doc is None or article_id is None:
            return
        error = screen.analysis_runner.error
        row = screen.sidebar.rows.get(article_id)
        teaser = bool(row and row.teaser)
        screen.article_view.show(article_id, doc, analysis, teaser=teaser, unavailable=error is not None)
        publisher = [doc.block_text(b) for b in doc.blocks_of(STANDFIRST)]
        if analysis is None or not analysis.analysed:
            # An article in another language is shown without analysis, saying why.
            note = (error or "Analysing…") if analysis is None else sentence(analysis.skipped_note)
            screen.quotes.show_pending(note)
            screen.summary.show(None, publisher, note)
        else:
            screen.quotes.show_quotes(analysis.speech, analysis.terms)
            screen.summary.show(analysis.summary, publisher)
        screen.quotes.border_subtitle = (
            "" if analysis is None or not analysis.analysed else str(len(analysis.speech))
        )

    def analysed(self, message: Analysed) -> None:
        """An analysis arrived: kept, and shown when it is the open article's."""
        self._analyses[message.article_id] = message.analysis
        if message.article_id == self.article_id and self.analysis is None:
            self.analysis = message.analysis
            self.show_panes()
            if self.quote_mark is not None:
                self.screen.quotes.select_quote(*self.quote_mark)
            self.load_related()

    def load_related(self) -> None:
        """Look for quotes elsewhere in the library related to the open article (in a thread)."""
        article_id, analysis = self.article_id, self.analysis
        if article_id is None or analysis is None or not analysis.analysed:
            return
        library, post = self.library, self.screen.post_message

        def find() -> None:
            post(RelatedQuotesReady(article_id, library.related_quotes(article_id, analysis)))

        self.screen.run_worker(find, thread=True, group="related", exclusive=True, exit_on_error=False)

    def related_ready(self, message: RelatedQuotesReady) -> None:
        if message.article_id == self.article_id:
            self.screen.quotes.show_related(message.related)

    def set_state(
        self, article_id: int, *, read: bool | None = None, starred: bool | None = None, remember: bool = True
    ) -> None:
        """Mark an article read or starred on screen now, and in the library in a thread; a
        mark-read is ``remember``ed for U (undo)."""
        changes = {k: v for k, v in (("read", read), ("starred", starred)) if v is not None}
        library, sidebar, app = self.library, self.screen.sidebar, self.screen.app
        # A story is read once: its other sources with it (a star is the article's own).
        shown = [article_id, *(story_siblings(sidebar.rows, article_id) if starred is None else [])]
        sidebar.change_many(shown, **changes)
        if read and remember:
            self.screen.navigation.marked_read(shown)

        def save() -> None:
            try:
                if read is not None:  # the other sources of its story are marked with it
                    for other in library.set_read(article_id, read)[1:]:
                        app.call_from_thread(sidebar.edits.saved, other, {"read": read})
                if starred is not None:
                    library.set_starred(article_id, starred)
            except Exception:  # (the screen shows what the library still has; a notice says why)
                app.call_from_thread(sidebar.change_many, shown, **{k: not v for k, v in changes.items()})
                raise
            app.call_from_thread(sidebar.edits.saved, article_id, changes)
            app.call_from_thread(self.screen.syncing.marked)

        self.screen.run_worker(save, thread=True, group="store", exit_on_error=False)
        self.screen.refresh_status()

    def toggle(self, *, read: bool = False, starred: bool = False) -> None:
        """Flip the open article's read (``read=True``) or starred (``starred=True``) state."""
        sidebar = self.screen.sidebar
        row = sidebar.rows.get(self.article_id) if self.article_id is not None else None
        if row is None:
            return
        if read:
            self.set_state(row.id, read=not row.read)
        if starred:
            self.set_state(row.id, starred=not row.starred)
            self.screen.notify("Starred" if not row.starred else "Star removed", timeout=1.5)

    def mark(self, text: str) -> None:
        """Mark a summary bullet's sentence in the body (a tidied bullet: by its opening words)."""
        if self.document is None:
            return
        full = self.document.text
        start = full.find(text)
        if start < 0:
            start = full.find(text[:40])
        if start >= 0:
            self.screen.body.mark_range(start, min(start + len(text), len(full)))


class ReadTimer:
    """When the open article counts as read (the ``mark_read`` setting): at once, after it has been
    open a while (skimming past it leaves it unread), or never. The article U made unread while it
    was open is not marked again until another has been open: a reload or a new text that shows
    it again is no new opening."""

    def __init__(self, reading: Reading) -> None:
        self.reading = reading
        self._timer: Timer | None = None
        self._kept_unread: int | None = None

    def keep_unread(self, article_ids: list[int]) -> None:
        if self.reading.article_id in article_ids:
            self._kept_unread = self.reading.article_id
            self._stop()

    def start(self, article_id: int) -> None:
        """``article_id`` is shown: mark it read when the setting says."""
        self._stop()
        if article_id == self._kept_unread:
            return
        self._kept_unread = None
        screen = self.reading.screen
        settings = getattr(screen.app, "settings", None)
        after = settings.mark_read_after if settings is not None else 0.0
        if after is None:
            return
        if after <= 0:
            self._mark_if_open(article_id)
        else:
            self._timer = screen.set_timer(after, lambda: self._mark_if_open(article_id))

    def _stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _mark_if_open(self, article_id: int) -> None:
        self._timer = None
        reading = self.reading
        row = reading.screen.sidebar.rows.get(article_id)
        if article_id == reading.article_id != self._kept_unread and row is not None and not row.read:
            reading.set_state(article_id, read=True)

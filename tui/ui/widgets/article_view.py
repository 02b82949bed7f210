"""The article view: the body with entities highlighted, and the colour legend under it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive

from ...core.models import Analysis, Document
from ..format import sentence
from ..keys import key_hint
from ..status import count
from .article_body import ArticleBody
from .legend import EntityLegend


class ArticleView(Vertical):
    """One article: :meth:`show` it, with its analysis when there is one; ``highlight`` colours it."""

    highlight: reactive[bool] = reactive(True)
    """Entity highlighting in the body (view state)."""

    def compose(self) -> ComposeResult:
        yield ArticleBody(id="body")
        yield EntityLegend(id="legend")

    def on_mount(self) -> None:
        self.body.border_title = "Article"

    @property
    def body(self) -> ArticleBody:
        return self.query_one(ArticleBody)

    def watch_highlight(self, highlight: bool) -> None:
        self.body.highlight = highlight
        self.query_one(EntityLegend).highlight = highlight

    def jump(self, *, forward: bool) -> None:
        """Mark the next (previous) entity mention and focus the article, so Enter opens the
        marked name's page whichever pane ] was pressed in; say why when there is none."""
        if self.body.jump_entity(forward) is not None:
            self.body.focus()
        else:
            analysis = self.body.analysis
            if analysis is None:
                note = "Entities appear when the analysis is done."
            elif not analysis.analysed:
                note = sentence(analysis.skipped_note)
            else:
                note = "No entities in this article."
            self.notify(note, timeout=2)

    def mark_first(self, canonical: str) -> None:
        """Mark the first mention of an entity of the article on show."""
        mention = next((e for e in self.body.entities if e.canonical == canonical), None)
        if mention is not None:
            self.body.mark_range(mention.start, mention.end)

    def show(
        self,
        article_id: int,
        document: Document,
        analysis: Analysis | None,
        *,
        teaser: bool = False,
        unavailable: bool = False,
    ) -> None:
        """Show an article (from the top when it is another one); the border says how far its
        analysis is (``unavailable``: it cannot be analysed) and whether it is a feed's teaser."""
        body = self.body
        if article_id == body.article_id and body.document is document:
            body.set_analysis(analysis)
        else:
            body.show(article_id, document, analysis)
        body.border_title = (
            f"Article · teaser ({key_hint(self.app, 'article.full-text', 'f')} fetches the full text)"
            if teaser
            else "Article"
        )
        if analysis is None:
            body.border_subtitle = "unavailable" if unavailable else "analysing…"
            return
        if not analysis.analysed:
            body.border_subtitle = analysis.skipped_note
            return
        people = len({e.canonical for e in analysis.entities if e.label == "PERSON"})
        body.border_subtitle = " · ".join(
            (
                count(len(analysis.entities), "mention"),
                count(people, "person", "people"),
                count(len(analysis.quotes), "quote"),
            )
        )

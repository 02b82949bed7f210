"""The article view: the body with entities highlighted, and the colour legend under it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive

from ...core.models import Analysis, Document
from ..format import entity_group, fit_label, sentence
from ..keys import key_hint
from ..status import count
from .article_body import ArticleBody
from .legend import EntityLegend


class ArticleView(Vertical):
    """One article: :meth:`show` it, with its analysis when there is one; ``highlight`` colours it.

    The legend shows only under an article with entities highlighted from its analysis. The body's
    border title and subtitle are each a list of wordings, longest first: the longest that fits
    the pane's width is shown (a narrow pane drops parts rather than cut one mid-word).
    """

    highlight: reactive[bool] = reactive(True)
    """Entity highlighting in the body (view state)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._titles: tuple[str, ...] = ("Article",)
        self._subtitles: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        yield ArticleBody(id="body")
        yield EntityLegend(id="legend")

    def on_mount(self) -> None:
        self.body.border_title = "Article"
        self.query_one(EntityLegend).display = False  # until an analysed article is shown

    @property
    def body(self) -> ArticleBody:
        return self.query_one(ArticleBody)

    def watch_highlight(self, highlight: bool) -> None:
        self.body.highlight = highlight
        self.query_one(EntityLegend).highlight = highlight

    def on_resize(self) -> None:
        self._fit_labels()

    def _fit_labels(self) -> None:
        body = self.body
        width = body.outer_size.width or self.size.width
        body.border_title = fit_label(self._titles, width)
        body.border_subtitle = fit_label(self._subtitles, width)

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

    def clear(self) -> None:
        """No article on show: an empty body, no legend, no counts."""
        self.body.clear()
        self.query_one(EntityLegend).display = False
        self._titles, self._subtitles = ("Article",), ()
        self._fit_labels()

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
        self.query_one(EntityLegend).display = highlighted(analysis)
        self._titles = teaser_titles(key_hint(self.app, "article.full-text", "f")) if teaser else ("Article",)
        self._subtitles = analysis_subtitles(analysis, unavailable)
        self._fit_labels()


def highlighted(analysis: Analysis | None) -> bool:
    """Has the article entities the body colours (an analysis done, in English, that found some)?"""
    return bool(
        analysis is not None
        and analysis.analysed
        and any(entity_group(e.label) is not None for e in analysis.entities)
    )


def teaser_titles(key: str) -> tuple[str, ...]:
    """The body's title for a feed's teaser, longest first."""
    return (
        f"Article · teaser ({key} fetches the full text)",
        f"Article · teaser ({key}: full text)",
        f"Teaser ({key}: full text)",
        "Article · teaser",
        "Teaser",
    )


def analysis_subtitles(analysis: Analysis | None, unavailable: bool = False) -> tuple[str, ...]:
    """How far the article's analysis is, longest wording first: the counts drop from the end."""
    if analysis is None:
        return ("unavailable",) if unavailable else ("analysing…",)
    if not analysis.analysed:
        return (analysis.skipped_note, "not analysed")
    people = len({e.canonical for e in analysis.entities if e.label == "PERSON"})
    parts = (
        count(len(analysis.entities), "mention"),
        count(people, "person", "people"),
        count(len(analysis.speech), "quote"),
    )
    return (" · ".join(parts), " · ".join(parts[:2]), parts[0])

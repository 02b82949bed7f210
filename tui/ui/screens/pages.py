"""Entity pages and stories opened from the reader, and the way back to them.

:class:`Pages` belongs to the reader screen. It shows an entity's page or a story's view over the
reader and opens the article chosen there; Esc in the reader (:class:`GoesBack`) then shows that
page again where it was left, until another article is opened.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from .loading import Then

if TYPE_CHECKING:
    from ..widgets.wrapped_list import ListPlace
    from .entity import PagePlace
    from .reader import ReaderScreen


class Pages:
    """The pages a reader screen opens over itself."""

    def __init__(self, screen: ReaderScreen) -> None:
        self.screen = screen
        # The article opened from an entity page or a story's view, and how to show that again.
        self._came_from: tuple[int, Callable[[], None]] | None = None

    # -- back to a page ---------------------------------------------------------------------

    def can_go_back(self) -> bool:
        """Whether the open article came from an entity page or a story's view (Esc: back to it)."""
        return self._came_from is not None and self._came_from[0] == self.screen.article_id

    def go_back(self) -> None:
        if self._came_from is not None and self.can_go_back():
            reopen = self._came_from[1]
            self._came_from = None
            reopen()

    def shown(self, article_id: int) -> None:
        """An article is on show: another than the one chosen on a page has no page to go back to."""
        if self._came_from is not None and self._came_from[0] != article_id:
            self._came_from = None
        self.screen.refresh_bindings()

    def _opened(self, article_id: int, mark: tuple[int, int] | None, reopen: Callable[[], None]) -> None:
        self.screen.sidebar.make_listed(article_id)
        self.screen.open_article(article_id, mark=mark, focus_body=True)
        self._came_from = (article_id, reopen)
        self.screen.refresh_bindings()

    # -- entity pages -----------------------------------------------------------------------

    def open_entity(self, name: str, label: str, place: PagePlace | None = None) -> None:
        """Show an entity's page; coming back may open an article at a mention or a quote."""
        from .entity import EntityScreen, PageResult

        def closed(result: PageResult | None) -> None:
            if result is None:
                return
            if result.followed:
                self.screen.reload(Then(open_first=False, analyse=False))
            if result.article_id is not None:
                self._opened(
                    result.article_id, result.mark, partial(self.open_entity, name, label, result.place)
                )

        self.screen.app.push_screen(EntityScreen(self.screen.library, name, label, place), closed)

    # -- stories ----------------------------------------------------------------------------

    def open_story(self, story_id: int, line: ListPlace | None = None) -> None:
        """Show a story's view; coming back may open one of its articles (at a quote)."""
        from .story import StoryResult, StoryScreen

        def closed(result: StoryResult | None) -> None:
            if result is not None and result.article_id is not None:
                self._opened(result.article_id, result.mark, partial(self.open_story, story_id, result.line))

        self.screen.app.push_screen(StoryScreen(self.screen.library, story_id, line), closed)

    def show_story(self) -> None:
        """The story of the open article, when other sources report it."""
        article_id = self.screen.article_id
        row = self.screen.sidebar.rows.get(article_id) if article_id is not None else None
        story = row.story if row is not None else None
        if story is None:
            self.screen.notify("No other source in the library reports this article", timeout=2)
        else:
            self.open_story(story)


class GoesBack:
    """The reader's Esc: back to the entity page or story the open article was chosen on."""

    pages: Pages

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":  # only for an article opened from an entity page or a story's view
            return self.pages.can_go_back()
        return super().check_action(action, parameters)  # type: ignore[misc]

    def action_back(self) -> None:
        self.pages.go_back()

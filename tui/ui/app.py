"""The newsreader app: services come in through the constructor; the reader screen does the rest."""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.binding import Binding, Keymap
from textual.screen import Screen

from ..core.config import ConfigWriteError, Settings, save_value
from ..core.ui_state import StateWriteError, UiState, UiStateFile
from ..paths import styles_dir
from .keys import Section, class_bindings, priority_keys, section
from .messages import UiStateChanged
from .screens.entity import EntityScreen, PageList
from .screens.help import HelpScreen
from .screens.reader import ReaderScreen
from .screens.scope import LIBRARY_ACTIONS
from .screens.story import StoryList, StoryScreen
from .settings import apply_settings
from .widgets.article_body import ArticleBody
from .widgets.article_list import ArticleList
from .widgets.feed_tree import FeedTree
from .widgets.panes import ReaderPanes
from .widgets.quotes import QuotesPane
from .widgets.sidebar import Sidebar
from .widgets.summary import SummaryPane
from .worker_errors import ReportsWorkerErrors

if TYPE_CHECKING:
    from ..core.library import Library

STYLESHEETS = (
    "app.tcss",
    "reader.tcss",
    "entities.tcss",
    "help.tcss",
    "dialogs.tcss",
    "entity.tcss",
    "story.tcss",
)


class NewsApp(ReportsWorkerErrors, App[None]):
    """A terminal news reader: who is in a story, who said what, and the gist."""

    TITLE = "newsreader"
    CSS_PATH = [str(styles_dir() / name) for name in STYLESHEETS]

    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Keys", id="app.help"),
        # Shown by the footer on its right, like every Textual app's palette key.
        Binding("ctrl+p", "command_palette", "Commands", show=False, priority=True, id="app.command-palette"),
    ]

    def __init__(
        self,
        library: Library,
        *,
        open_article: int | None = None,
        settings: Settings | None = None,
        settings_problems: Sequence[str] = (),
        state_file: UiStateFile | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.library = library
        self.open_article = open_article
        self.settings = settings or Settings()
        self._settings_problems = list(settings_problems)
        self._saved_theme = self.settings.theme  # what config.toml says: no need to write it back
        self._settings_applied = False  # the themes set while starting are not the user's choice
        self._theme_write = threading.Lock()
        self.keymap: dict[str, str] = {}
        # What the last run left (closed folders, the sidebar's width); None: nothing remembered.
        self.state_file = state_file
        self.ui_state, state_problems = state_file.load() if state_file is not None else (UiState(), [])
        self._settings_problems += state_problems
        self._state_write = threading.Lock()

    def get_default_screen(self) -> Screen[Any]:
        return ReaderScreen(self.library, self.open_article)

    def on_mount(self) -> None:
        apply_settings(self, self.settings, self._settings_problems)
        self._settings_applied = True

    def watch_theme(self, theme: str) -> None:
        """Save a theme chosen in the palette to config.toml (other keys and comments kept)."""
        if self.settings.path is None or theme == self._saved_theme or not self._settings_applied:
            return
        self._saved_theme = theme
        self.run_worker(
            self._save_theme, name="save-theme", group="settings", thread=True, exit_on_error=False
        )

    def _save_theme(self) -> None:
        assert self.settings.path is not None
        try:
            # One write at a time, each of the latest choice: quick changes end with the last one saved.
            with self._theme_write:
                save_value(self.settings.path, "theme", self._saved_theme)
        except ConfigWriteError as e:
            self.call_from_thread(
                self.notify, f"theme not saved: {e}", title="Settings", severity="warning", markup=False
            )

    def on_ui_state_changed(self, message: UiStateChanged) -> None:
        self.ui_state = message.state
        if self.state_file is not None:
            self.run_worker(
                self._save_state, name="save-state", group="settings", thread=True, exit_on_error=False
            )

    def _save_state(self) -> None:
        assert self.state_file is not None
        try:
            with self._state_write:  # one write at a time, each of the newest state
                self.state_file.save(self.ui_state)
        except StateWriteError as e:
            self.call_from_thread(
                self.notify, f"layout not saved: {e}", title="Settings", severity="warning", markup=False
            )

    def on_unmount(self) -> None:
        # The feed parser's worker processes (started by the first refresh) end with the app.
        self.library.close()

    # Keep a copy of the keymap so the help screen can show remapped keys.
    def set_keymap(self, keymap: Keymap) -> None:
        self.keymap = dict(keymap)
        super().set_keymap(keymap)

    def update_keymap(self, keymap: Keymap) -> None:
        self.keymap = {**self.keymap, **keymap}
        super().update_keymap(keymap)

    def help_sections(self, keymap: Mapping[str, str] | None = None) -> list[list[Section]]:
        """The key table, in columns, generated from the bindings of each pane."""
        keymap = self.keymap if keymap is None else keymap
        screen_keys = priority_keys(ReaderScreen, keymap)
        grouped = ("feeds.", "article.", "search.")
        # Over files (newsreader PATH...) there is no feeds tree and no library search: their keys
        # only say why they do nothing, so the help leaves them out.
        files = self.library.scope is not None
        off = LIBRARY_ACTIONS | {"leave_search"} if files else frozenset()
        everywhere = section(
            self, "Everywhere", [type(self), ReaderScreen, ReaderPanes], keymap, skip=grouped, off=off
        )
        feeds = section(self, "Feeds", [ReaderScreen], keymap, only=("feeds.",), off=off)
        state = section(self, "Open article", [ReaderScreen], keymap, only=("article.",), off=off)
        search = section(self, "Search", [ReaderScreen, Sidebar], keymap, only=("search.",), off=off)
        tree = [] if files else [section(self, "Feeds tree", [FeedTree], keymap, screen_keys)]
        panes = [
            section(self, "Article list", [ArticleList], keymap, screen_keys),
            section(self, "Article", [ArticleBody], keymap, screen_keys),
            section(self, "Quotes", [QuotesPane], keymap, screen_keys),
            section(self, "Summary", [SummaryPane], keymap, screen_keys),
        ]
        columns = [[everywhere, feeds, state], [*tree, panes[0], search], panes[1:]]
        return [[s for s in column if s[1]] for column in columns]  # (a section left with no keys goes)

    def page_sections(
        self, screen: Screen[Any], keymap: Mapping[str, str] | None = None
    ) -> list[list[Section]]:
        """The key table of an entity or story page: its own keys and its lists', not the reader's."""
        keymap = self.keymap if keymap is None else keymap
        lists = PageList if isinstance(screen, EntityScreen) else StoryList
        title = "Entity page" if isinstance(screen, EntityScreen) else "Story"
        own = frozenset(b.key for b in class_bindings(type(screen), keymap))  # (q goes back here)
        everywhere = section(self, "Everywhere", [type(self)], keymap, own)
        return [
            [everywhere, section(self, title, [type(screen)], keymap)],
            [section(self, "Lists", [lists], keymap)],
        ]

    def action_help(self) -> None:
        """Show every key (of the page on screen, when it is an entity or story page)."""
        if isinstance(self.screen, EntityScreen | StoryScreen):
            self.push_screen(HelpScreen(self.page_sections(self.screen), [("Tab", "moves between lists")]))
        elif not isinstance(self.screen, HelpScreen):
            notes = [
                ("●", "unread"),
                ("★", "starred"),
                ("◌", "not analysed yet"),
                *([("!", "feed failed to refresh")] if self.library.scope is None else []),
                ("Tab", "moves between panes"),
            ]
            self.push_screen(HelpScreen(self.help_sections(), notes))

"""Command palette providers, one per domain: articles, entities, feeds and the reader's commands.

Every prompt is built as ``Content`` from plain text (the fuzzy matcher's own ``highlight``
parses markup, which a headline like ``[@click=app.quit]`` must never reach).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.markup import escape
from textual.style import Style

from ..core.query import parse_query
from .format import GROUP_NAMES, entity_group
from .keys import bound_keys
from .screens.scope import offered
from .views import display_name

if TYPE_CHECKING:
    from ..core.library import Library
    from ..core.models import Analysis
    from .screens.feed_actions import FeedActions
    from .screens.reading import Reading
    from .screens.searching import Searching
    from .widgets.article_body import ArticleBody
    from .widgets.article_view import ArticleView
    from .widgets.sidebar import Sidebar


@runtime_checkable
class Reader(Protocol):
    """What the palette asks of the screen it opens on (the reader screen has all of it)."""

    library: Library
    sidebar: Sidebar
    reading: Reading
    body: ArticleBody
    article_view: ArticleView
    analysis: Analysis | None
    feed_actions: FeedActions
    searching: Searching

    def stop_background(self) -> None: ...


def _hint(keys: dict[str, str], text: str, binding_id: str) -> str:
    """A command's help naming its key as bound now (``[keys]`` may rebind it): "Star it (s)"."""
    key = keys.get(binding_id)
    return f"{text} ({key})" if key else text


def _highlighted(matcher: Matcher, candidate: str) -> Content:
    content = Content(candidate)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    for offset in offsets:
        if not candidate[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class _ReaderProvider(Provider):
    _keys: dict[str, str] | None = None

    @property
    def keys(self) -> dict[str, str]:
        """Each binding id of the app and the screen's panes to its key now (once per opening)."""
        if self._keys is None:
            self._keys = bound_keys(self.app, [self.app, self.screen, *self.screen.walk_children()])
        return self._keys

    def _action(self, name: str) -> Callable[[], object]:
        """Run one of the screen's actions, as its key would."""
        return partial(self.screen.run_action, name)

    @property
    def reader(self) -> Reader | None:
        return self.screen if isinstance(self.screen, Reader) else None


def _has_words(words: list[str], folded: str) -> bool:
    return all(w in folded for w in words)


def _word_match(query: str, title: str, style: Style) -> tuple[float, Content] | None:
    """Score and highlight ``title`` when it contains every word of ``query`` (any order).

    Plain substring tests: Textual's fuzzy matcher tries every alignment of the query, which
    takes seconds (and gigabytes) for a long query over thousands of long titles.
    """
    words = query.lower().split()
    folded = title.lower()
    if not words or not _has_words(words, folded):
        return None
    content = Content(title)
    if len(folded) == len(title):  # lower() kept the offsets (it does, but for a few letters)
        for w in words:
            start = folded.find(w)
            content = content.stylize(style, start, start + len(w))
    phrase = " ".join(words)
    # The whole phrase first, at the start best; then the tighter titles.
    score = 0.5 * len(phrase) / max(len(title), 1)
    if phrase in folded:
        score += 0.25 + (0.25 if folded.startswith(phrase) else 0.0)
    return score, content


class ArticleCommands(_ReaderProvider):
    """Open an article by the words of its title (every word typed, in any order)."""

    DISCOVER = 30
    """Articles offered before anything is typed: the newest of the list."""

    LIMIT = 200
    """Most hits offered for one query (the palette has to lay each one out)."""

    async def startup(self) -> None:
        reader = self.reader
        # The current view's articles first, then the rest of the library.
        listed = list(reader.sidebar.listed.values()) if reader is not None else []
        seen = {row.id for row in listed}
        rest = (
            [row for row in reader.sidebar.rows.values() if row.id not in seen] if reader is not None else []
        )
        self._titles = [(row.title or "Untitled", row.id) for row in listed + rest]

    def _open(self, article_id: int) -> None:
        if self.reader is not None:
            self.reader.sidebar.show_article(article_id)

    async def discover(self) -> Hits:
        for title, article_id in self._titles[: self.DISCOVER]:
            yield DiscoveryHit(
                Content(title), partial(self._open, article_id), text=title, help="Open article"
            )

    async def search(self, query: str) -> Hits:
        style = self.matcher(query).match_style
        found = 0
        for n, (title, article_id) in enumerate(self._titles):
            if n % 500 == 499:
                await asyncio.sleep(0)  # a long list: let keys and the next query in
            match = _word_match(query, title, style)
            if match is None:
                continue
            score, content = match
            yield Hit(score, content, partial(self._open, article_id), text=title, help="Open article")
            found += 1
            if found >= self.LIMIT:
                return


# Labels of the entities that have pages (the article's dates and amounts do not).
PAGE_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"})


class EntityCommands(_ReaderProvider):
    """Go to an entity's page: the open article's names first, then any name in the library."""

    LIBRARY_HITS = 20

    def _candidates(self) -> list[tuple[str, str, int]]:
        reader = self.reader
        if reader is None or reader.analysis is None:
            return []
        counts: dict[tuple[str, str], int] = {}
        for e in reader.body.entities:
            if e.label in PAGE_LABELS:
                counts[(e.canonical, e.label)] = counts.get((e.canonical, e.label), 0) + 1
        return sorted(((name, label, n) for (name, label), n in counts.items()), key=lambda c: -c[2])

    def _go(self, name: str, label: str) -> None:
        if self.reader is not None:
            self.reader.pages.open_entity(name, label)

    @staticmethod
    def _help(label: str, n: int | None = None) -> str:
        group = GROUP_NAMES.get(entity_group(label) or "", label)
        return f"{group} · {n} mention{'s' * (n != 1)} here" if n else f"{group} · in your library"

    async def discover(self) -> Hits:
        reader = self.reader
        searched = reader.sidebar.search_query if reader is not None else None
        if reader is not None and searched:
            # The people, organisations and places a search on show filters by come first.
            for wanted in parse_query(searched).entities:
                found = await asyncio.to_thread(reader.library.find_entity, wanted.name)
                if found is not None:
                    text = f"Go to {found[0]}"
                    yield DiscoveryHit(
                        Content(text), partial(self._go, *found), text=text, help="In the search on show"
                    )
        for name, label, n in self._candidates():
            text = f"Go to {name}"
            yield DiscoveryHit(
                Content(text), partial(self._go, name, label), text=text, help=escape(self._help(label, n))
            )

    async def search(self, query: str) -> Hits:
        reader = self.reader
        if reader is None:
            return
        matcher = self.matcher(query)
        seen: set[tuple[str, str]] = set()
        for name, label, n in self._candidates():
            text = f"Go to {name}"
            score = matcher.match(text)
            if score > 0:
                seen.add((name, label))
                yield Hit(
                    score,
                    _highlighted(matcher, text),
                    partial(self._go, name, label),
                    text=text,
                    help=escape(self._help(label, n)),
                )
        words = query.lower().removeprefix("go to").strip()
        if len(words) < 2:
            return
        # The whole library's names, from their index (off the event loop).
        found = await asyncio.to_thread(reader.library.entities_like, words, self.LIBRARY_HITS)
        for name, label in found:
            if (name, label) in seen:
                continue
            text = f"Go to {name}"
            score = max(matcher.match(text), 0.3)
            yield Hit(
                score,
                Content(text),
                partial(self._go, name, label),
                text=text,
                help=escape(self._help(label)),
            )


Command = tuple[str, Callable[[], object], str]

# (title, action, help, binding id): the help names the key the binding has now (its BINDINGS
# entry, or [keys]), so the key is written in one place.
FEED_ACTIONS = (
    ("Refresh all feeds", "refresh_all", "Fetch new articles of every feed", "feeds.refresh-all"),
    ("Refresh this feed", "refresh_feed", "The feed or folder chosen in the tree", "feeds.refresh"),
    ("Add a feed", "add_feed", "Subscribe to a feed by its address", "feeds.add"),
    ("Mark feed read", "mark_feed_read", "Every article of the chosen feed", "feeds.mark-read"),
    ("Rename feed or folder", "feed_edit('rename')", "The one chosen in the tree", "feeds.rename"),
    ("Move feed to a folder", "feed_edit('move')", "The feed chosen in the tree", "feeds.move"),
    ("Remove feed", "feed_edit('remove')", "Unsubscribe, after asking", "feeds.remove"),
    ("Failing feeds", "failing_feeds", "Their errors: retry, open the site, remove", "feeds.failing"),
    ("Toggle unread only", "toggle_unread_only", "Hide read articles in any view", "feeds.unread-only"),
    ("Toggle read", "toggle_read", "Mark the open article read or unread", "article.toggle-read"),
    ("Toggle star", "toggle_star", "Star or unstar the open article", "article.star"),
    ("Open in browser", "open_link", "The open article's web page", "article.open-link"),
    ("Fetch full text", "fetch_full_text", "The whole article from its web page", "article.full-text"),
)
READER_ACTIONS = (
    (
        "Toggle entity highlighting",
        "toggle_highlight",
        "Colour people, places, organisations…",
        "reader.highlight",
    ),
    ("Next entity mention", "entity(True)", "Mark the next highlighted name", "reader.next-entity"),
    (
        "Previous entity mention",
        "entity(False)",
        "Mark the previous highlighted name",
        "reader.previous-entity",
    ),
    (
        "Story: every source of this article",
        "show_story",
        "Headlines, who said what across outlets, one summary",
        "article.story",
    ),
)


class FeedCommands(_ReaderProvider):
    """Feed actions, and each feed's automatic full-text switch."""

    def _actions(self) -> list[Command]:
        reader = self.reader
        if reader is None:
            return []
        commands = [
            (title, self._action(action), _hint(self.keys, *help_)) for title, action, *help_ in FEED_ACTIONS
        ]
        return [
            *commands,
            ("Stop background analysis", reader.stop_background, "Until the next refresh or restart"),
        ]

    def _per_feed(self) -> list[Command]:
        reader = self.reader
        if reader is None or reader.library.scope is not None:
            return []
        return [
            (
                f"Full text automatically: {display_name(feed.name, 'feed')}",
                partial(reader.feed_actions.toggle_auto_full, feed.id),
                f"Now {'on' if feed.auto_full else 'off'}: fetch each new teaser's web page after a refresh",
            )
            for feed in reader.sidebar.feeds
        ] + [
            (
                f"Forget saved search: {display_name(saved.name, 'search')}",
                partial(reader.searching.forget, saved.id),
                f"Take it out of the feeds tree (the query: {display_name(saved.query, '')})",
            )
            for saved in reader.sidebar.searches.saved
        ]

    def _offered(self) -> list[Command]:
        """The actions, less the library's over files only (``newsreader PATH...``)."""
        reader = self.reader
        return [
            c
            for c in self._actions()
            if reader is None
            or not isinstance(c[1], partial)
            or offered(reader.library, c[1].args[0].split("(")[0])
        ]

    async def discover(self) -> Hits:
        for title, command, help_text in self._offered() + self._per_feed():
            yield DiscoveryHit(Content(title), command, text=title, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        words = query.lower().split()
        # With hundreds of feeds, only per-feed titles holding every word typed are fuzzy-matched.
        per_feed = [c for c in self._per_feed() if _has_words(words, c[0].lower())]
        for title, command, help_text in self._offered() + per_feed:
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, _highlighted(matcher, title), command, text=title, help=escape(help_text))


class ReaderCommands(_ReaderProvider):
    """The reader's own actions."""

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        reader = self.reader
        if reader is None:
            return []
        commands = [
            (title, self._action(action), _hint(self.keys, *help_))
            for title, action, *help_ in READER_ACTIONS
        ]
        return [
            *commands,
            ("Show keys", self._show_keys, _hint(self.keys, "Every key of the reader", "app.help")),
        ]

    def _show_keys(self) -> None:
        self.app.call_later(self.app.run_action, "help")

    async def discover(self) -> Hits:
        for title, command, help_text in self._commands():
            yield DiscoveryHit(title, command, text=title, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, command, help_text in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, _highlighted(matcher, title), command, text=title, help=escape(help_text))

"""Command palette providers, one per domain: articles, entities, feeds and the reader's commands.

Every prompt is built as ``Content`` from plain text (the fuzzy matcher's own ``highlight``
parses markup, which a headline like ``[@click=app.quit]`` must never reach).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.markup import escape

from .format import GROUP_NAMES, entity_group, format_date
from .views import display_name

if TYPE_CHECKING:
    from .screens.reader import ReaderScreen


def _highlighted(matcher: Matcher, candidate: str) -> Content:
    content = Content(candidate)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    for offset in offsets:
        if not candidate[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class _ReaderProvider(Provider):
    @property
    def reader(self) -> ReaderScreen | None:
        from .screens.reader import ReaderScreen

        return self.screen if isinstance(self.screen, ReaderScreen) else None


class ArticleCommands(_ReaderProvider):
    """Open an article by its title."""

    def _candidates(self) -> list[tuple[str, int, str]]:
        reader = self.reader
        if reader is None:
            return []
        return [
            (row.title or "Untitled", row.id, " · ".join(p for p in (row.source, format_date(row.date)) if p))
            for row in reader.sidebar.rows.values()
        ]

    def _open(self, article_id: int) -> None:
        if self.reader is not None:
            self.reader.open_article(article_id, focus_body=True)

    async def discover(self) -> Hits:
        for title, article_id, _meta in self._candidates():
            yield DiscoveryHit(
                Content(title), partial(self._open, article_id), text=title, help="Open article"
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, article_id, _meta in self._candidates():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    _highlighted(matcher, title),
                    partial(self._open, article_id),
                    text=title,
                    help="Open article",
                )


class EntityCommands(_ReaderProvider):
    """Go to an entity of the open article (its first mention)."""

    def _candidates(self) -> list[tuple[str, str, int]]:
        reader = self.reader
        if reader is None or reader.analysis is None:
            return []
        counts: dict[str, tuple[str, int]] = {}
        for e in reader.body.entities:
            label, n = counts.get(e.canonical, (e.label, 0))
            counts[e.canonical] = (label, n + 1)
        return sorted(((name, label, n) for name, (label, n) in counts.items()), key=lambda c: -c[2])

    def _go(self, canonical: str) -> None:
        if self.reader is not None:
            self.reader.jump_to_entity(canonical)

    @staticmethod
    def _help(label: str, n: int) -> str:
        group = GROUP_NAMES.get(entity_group(label) or "", label)
        return f"{group} · {n} mention{'s' * (n != 1)}"

    async def discover(self) -> Hits:
        for name, label, n in self._candidates():
            yield DiscoveryHit(
                Content(f"Go to {name}"),
                partial(self._go, name),
                text=f"Go to {name}",
                help=escape(self._help(label, n)),
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, label, n in self._candidates():
            text = f"Go to {name}"
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    _highlighted(matcher, text),
                    partial(self._go, name),
                    text=text,
                    help=escape(self._help(label, n)),
                )


class FeedCommands(_ReaderProvider):
    """Feed actions, and each feed's automatic full-text switch."""

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        reader = self.reader
        if reader is None:
            return []
        commands: list[tuple[str, Callable[[], object], str]] = [
            ("Refresh all feeds", reader.action_refresh_all, "Fetch new articles of every feed (R)"),
            ("Refresh this feed", reader.action_refresh_feed, "The feed or folder chosen in the tree (r)"),
            ("Add a feed", reader.action_add_feed, "Subscribe to a feed by its address (a)"),
            ("Mark feed read", reader.action_mark_feed_read, "Every article of the chosen feed (M)"),
            ("Toggle unread only", reader.action_toggle_unread_only, "Hide read articles in any view (u)"),
            ("Toggle read", reader.action_toggle_read, "Mark the open article read or unread (m)"),
            ("Toggle star", reader.action_toggle_star, "Star or unstar the open article (s)"),
            ("Open in browser", reader.action_open_link, "The open article's web page (o)"),
            ("Fetch full text", reader.action_fetch_full_text, "The whole article from its web page (f)"),
            ("Stop background analysis", reader.stop_background, "Until the next refresh or restart"),
        ]
        for feed in reader._feeds:
            name = display_name(feed.name, "feed")
            state = "on" if feed.auto_full else "off"
            commands.append(
                (
                    f"Full text automatically: {name}",
                    partial(reader.toggle_auto_full, feed.id),
                    f"Now {state}: fetch each new teaser's web page after a refresh",
                )
            )
        return commands

    async def discover(self) -> Hits:
        for title, command, help_text in self._commands():
            yield DiscoveryHit(Content(title), command, text=title, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, command, help_text in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, _highlighted(matcher, title), command, text=title, help=escape(help_text))


class ReaderCommands(_ReaderProvider):
    """The reader's own actions."""

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        reader = self.reader
        if reader is None:
            return []
        return [
            (
                "Toggle entity highlighting",
                reader.action_toggle_highlight,
                "Colour people, places, organisations… (h)",
            ),
            ("Next entity mention", reader.action_next_entity, "Mark the next highlighted name (])"),
            (
                "Previous entity mention",
                reader.action_previous_entity,
                "Mark the previous highlighted name ([)",
            ),
            ("Show keys", self._show_keys, "Every key of the reader (?)"),
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

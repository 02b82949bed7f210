"""The library's rows: articles, feeds, refresh outcomes, and the views that list them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from .documents import Quote

# -- the library's rows: what lists, trees and the command line show ----------------------------


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """One sidebar row."""

    id: int
    title: str
    source: str | None
    date: str | None
    read: bool
    starred: bool
    feed_id: int | None
    feed_title: str | None
    folder: str | None
    analysed: bool
    teaser: bool = False
    story: int | None = None  # its story, when other listed articles report the same event
    sources: int = 0  # how many other listed articles that story has


@dataclass(frozen=True, slots=True)
class RelatedQuote:
    """A quote from another article, and why it is related."""

    article_id: int
    article_title: str
    quote: Quote
    reason: str


@dataclass(frozen=True, slots=True)
class FeedRow:
    """A subscription and its state, as ``newsreader feeds`` shows it."""

    id: int
    url: str
    title: str | None
    folder: str | None
    html_url: str | None
    items: int
    unread: int
    last_refresh: str | None
    error: str | None
    warning: str | None
    etag: str | None
    last_modified: str | None
    retry_after: str | None
    auto_full: bool
    last_ok: str | None = None
    """When the last refresh without an error was (None: never, or not known)."""
    synced: bool = False  # the feed comes from the sync server (which fetches it)

    @property
    def name(self) -> str:
        return self.title or self.url

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "url": self.url,
            "title": self.title,
            "folder": self.folder,
            "items": self.items,
            "unread": self.unread,
            "last_refresh": self.last_refresh,
            "error": self.error,
        }


@dataclass(frozen=True, slots=True)
class FeedOutcome:
    """What one feed's refresh did."""

    url: str
    feed_id: int | None = None
    title: str | None = None
    new_ids: list[int] = field(default_factory=list)
    items: int = 0
    not_modified: bool = False
    error: str | None = None
    warning: str | None = None
    already_subscribed: bool = False  # ``add`` of a feed subscribed before: nothing was fetched
    moved_to: str | None = None  # ... and filed in the folder ``add`` gave, not its own before

    @property
    def name(self) -> str:
        return self.title or self.url


@dataclass(frozen=True, slots=True)
class RefreshReport:
    """What a refresh did: one outcome per feed, in the order asked, and how long it took."""

    outcomes: list[FeedOutcome]
    elapsed: float

    @property
    def new_ids(self) -> list[int]:
        return [i for o in self.outcomes for i in o.new_ids]

    @property
    def failed(self) -> list[FeedOutcome]:
        return [o for o in self.outcomes if o.error]


@dataclass(frozen=True, slots=True)
class OpmlImport:
    """What importing an OPML or newsboat urls file did (``feed_ids``: the feeds it created; lines
    of a urls file left out counted in ``queries``/``comments``); ``error``: the file is unusable."""

    created: int = 0
    existing: int = 0
    problems: tuple[str, ...] = ()
    error: str | None = None
    feed_ids: tuple[int, ...] = ()
    queries: int = 0
    comments: int = 0


Progress = Callable[[int, int, FeedOutcome], object]


class ViewKind(StrEnum):
    """What a node of the feeds tree lists."""

    ALL = "all"
    UNREAD = "unread"
    STARRED = "starred"
    LOCAL = "local"  # articles from files, not feeds
    FEED = "feed"
    FOLDER = "folder"
    SEARCH = "search"  # the articles a query finds
    FAILING = "failing"  # not a list: choosing it opens the failing feeds
    SERVER = "server"  # the feeds of the sync server (Tiny Tiny RSS)


@dataclass(frozen=True, slots=True)
class ViewKey:
    """A view of the library: one of the fixed views, a feed (``feed_id``), a folder (``a/b``) or
    a search (``query``, as typed)."""

    kind: ViewKind
    feed_id: int | None = None
    folder: str | None = None
    query: str | None = None

    @classmethod
    def of_feed(cls, feed_id: int) -> ViewKey:
        return cls(ViewKind.FEED, feed_id=feed_id)

    @classmethod
    def of_folder(cls, path: str) -> ViewKey:
        return cls(ViewKind.FOLDER, folder=path)

    @classmethod
    def of_search(cls, query: str) -> ViewKey:
        return cls(ViewKind.SEARCH, query=query)

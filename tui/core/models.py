"""Frozen dataclasses (and enums) shared by the core and the UI.

Offsets everywhere are character offsets into ``Document.text``: a block, an entity mention
and a quote all point into the same string, so the UI can highlight and scroll without
re-deriving anything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

# Block kinds produced by the text reader.
HEADLINE = "headline"
STANDFIRST = "standfirst"  # a publisher's summary bullet under the headline
PARAGRAPH = "paragraph"
SUBHEAD = "subhead"  # a section heading inside the body
CAPTION = "caption"  # a photo caption
CREDIT = "credit"  # "Photographer: ...", "Photo: ...", "(Reuters)" style credits
MEDIA = "media"  # a video/audio title or other embedded-media label
PROMO = "promo"  # boilerplate: "Read more", "QuickTake ...", newsletter/terminal plugs
LIST_ITEM = "list_item"  # a bullet inside the body (HTML <li>, markdown "- ")
DATELINE = "dateline"  # "LONDON 1996-08-30" style lines

# Kinds whose text is analysed for entities (everything the reader keeps as content).
ENTITY_KINDS = frozenset({HEADLINE, STANDFIRST, PARAGRAPH, SUBHEAD, CAPTION, LIST_ITEM, DATELINE, MEDIA})
# Kinds that carry quotations worth extracting.
QUOTE_KINDS = frozenset({PARAGRAPH, LIST_ITEM, STANDFIRST})
# Kinds whose sentences may become summary bullets.
SUMMARY_KINDS = frozenset({PARAGRAPH, LIST_ITEM})


@dataclass(frozen=True, slots=True)
class Block:
    """One structural unit of an article: ``text[start:end]`` with a kind."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Document:
    """An article as read from a file or a feed: the text and its structure."""

    text: str
    blocks: list[Block]
    title: str = ""
    path: str | None = None
    source: str | None = None  # publisher or feed title
    date: str | None = None  # ISO 8601 date or datetime
    url: str | None = None
    attribution: str | None = None  # licence/credit line to show with the article
    warnings: list[str] = field(default_factory=list)

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]

    def blocks_of(self, *kinds: str) -> list[Block]:
        return [b for b in self.blocks if b.kind in kinds]


@dataclass(frozen=True, slots=True)
class Entity:
    """One entity mention; ``canonical`` is the name shared by all mentions of the same entity."""

    start: int
    end: int
    text: str
    label: str  # OntoNotes label: PERSON, ORG, GPE, LOC, NORP, FAC, EVENT, DATE, MONEY, ...
    canonical: str


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation: ``start``/``end`` cover the content without the quotation marks."""

    start: int
    end: int
    text: str
    speaker: str | None  # canonical entity name, or the speaker phrase when not an entity
    cue: str | None  # the reporting verb or phrase ("said", "according to")


@dataclass(frozen=True, slots=True)
class Analysis:
    """The result of analysing one document."""

    entities: list[Entity]
    quotes: list[Quote]
    summary: list[str]
    version: str = ""

    def entity_counts(self) -> dict[tuple[str, str], int]:
        """Mentions per (canonical, label)."""
        counts: dict[tuple[str, str], int] = {}
        for e in self.entities:
            key = (e.canonical, e.label)
            counts[key] = counts.get(key, 0) + 1
        return counts

    def to_json(self) -> dict:
        return {
            "entities": [
                {"start": e.start, "end": e.end, "text": e.text, "label": e.label, "canonical": e.canonical}
                for e in self.entities
            ],
            "quotes": [
                {"start": q.start, "end": q.end, "text": q.text, "speaker": q.speaker, "cue": q.cue}
                for q in self.quotes
            ],
            "summary": list(self.summary),
        }

    @classmethod
    def from_json(cls, data: dict, version: str = "") -> Analysis:
        return cls(
            entities=[Entity(**e) for e in data.get("entities", [])],
            quotes=[Quote(**q) for q in data.get("quotes", [])],
            summary=list(data.get("summary", [])),
            version=version,
        )


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


class SearchOrder(StrEnum):
    """How search results are ordered: best match first, or newest first."""

    RANK = "rank"
    DATE = "date"


@dataclass(frozen=True, slots=True)
class SearchHit:
    """An article a search found, with a short plain-text snippet and where the words matched in it."""

    id: int
    title: str
    source: str | None
    date: str | None
    url: str | None
    snippet: str
    marks: tuple[tuple[int, int], ...] = ()  # (start, end) of each matched word in ``snippet``

    def to_json(self) -> dict:
        """The ``newsreader search --json`` object (a public contract)."""
        return {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "date": self.date,
            "url": self.url,
            "snippet": self.snippet,
        }


@dataclass(frozen=True, slots=True)
class SavedSearch:
    """A search kept as a view of the feeds tree (newsboat's query feeds)."""

    id: int
    name: str
    query: str


# -- entity pages -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EntityArticle:
    """An article that names an entity; ``start``/``end`` locate the first mention."""

    id: int
    title: str
    date: str | None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class EntityQuote:
    """A quote in an article, by ``speaker``; ``start``/``end`` locate it in the article's text."""

    article_id: int
    article_title: str
    date: str | None
    text: str
    speaker: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Neighbour:
    """An entity named in ``count`` of the same articles."""

    name: str
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class EntityPage:
    """A person, organisation or place across the whole library."""

    name: str
    label: str
    aliases: tuple[str, ...]  # other forms seen in the text ("Obama", "President Obama")
    articles: tuple[EntityArticle, ...]  # newest first
    said: tuple[EntityQuote, ...]  # their quotes, newest first
    said_about: tuple[EntityQuote, ...]  # quotes by others that name them, newest first
    neighbours: tuple[Neighbour, ...]  # the entities most often named alongside
    timeline: tuple[tuple[str, int], ...]  # (day, articles that day), oldest first

    def to_json(self) -> dict:
        """The ``newsreader who --json`` object (a public contract)."""
        return {
            "name": self.name,
            "label": self.label,
            "aliases": list(self.aliases),
            "articles": [{"id": a.id, "title": a.title, "date": a.date} for a in self.articles],
            "said": [{"article_id": q.article_id, "text": q.text, "date": q.date} for q in self.said],
            "said_about": [
                {"article_id": q.article_id, "text": q.text, "speaker": q.speaker} for q in self.said_about
            ],
            "with": [{"name": n.name, "label": n.label, "count": n.count} for n in self.neighbours],
        }


@dataclass(frozen=True, slots=True)
class Story:
    """Articles about the same event from different feeds (see ``Library.stories``).

    ``title`` is the headline of the story's earliest article (the first report);
    ``article_ids`` are newest first.
    """

    id: int
    title: str
    article_ids: tuple[int, ...]

    def to_json(self) -> dict:
        """The public JSON shape of ``newsreader stories --json``."""
        return {"id": self.id, "title": self.title, "articles": list(self.article_ids)}

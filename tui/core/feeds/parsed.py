"""What a parsed feed is: the objects a parser process sends back (:class:`ParsedFeed`, its
:class:`FeedItem` entries and their :class:`Enclosure` files).

Apart from the parser (``parse.py``, ``items.py``): the process that fetches and stores
unpickles these by the thousand, and their module is what it imports for them. Where they
lived beside the parser, the first feed back made that process import feedparser and lxml,
which it never runs (0.1 s of its CPU).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..models import enclosure_detail
from ..sanitize import clean_text


@dataclass(frozen=True, slots=True)
class Enclosure:
    """A file attached to an entry (RSS ``<enclosure>``, Atom ``rel=enclosure``, ``media:content``)."""

    url: str
    type: str = ""  # media type, lower case: "audio/mpeg"
    size: int | None = None  # bytes, when the feed says

    def __reduce__(self) -> tuple:
        return Enclosure, (self.url, self.type, self.size)

    @property
    def detail(self) -> str:
        """``"audio/mpeg, 24.3 MB"`` (what is known of it)."""
        return enclosure_detail(self.type, self.size)


@dataclass(slots=True)
class FeedItem:
    """One entry of a feed, as text. ``published`` is ISO 8601 (UTC) or None when unknown."""

    id: str
    title: str
    link: str | None
    published: str | None
    author: str | None
    summary_blocks: list[tuple[str, str]]  # the entry's summary/description
    content_blocks: list[tuple[str, str]] = field(default_factory=list)  # the body: content, else summary
    links: list[str] = field(default_factory=list)  # http(s) links found in the body
    is_teaser: bool = False
    enclosures: list[Enclosure] = field(default_factory=list)
    has_content: bool = False  # the feed gives the entry's full content (the body is that)
    link_texts: list[str] = field(default_factory=list)  # each link's own text, "" for none

    def __reduce__(self) -> tuple:
        # A constructor call unpickles faster than dataclasses' slotted __setstate__ (see Block).
        return FeedItem, (
            self.id,
            self.title,
            self.link,
            self.published,
            self.author,
            self.summary_blocks,
            self.content_blocks,
            self.links,
            self.is_teaser,
            self.enclosures,
            self.has_content,
            self.link_texts,
        )

    # The texts are made when asked for: a refresh stores the blocks and never reads them.
    @property
    def summary_text(self) -> str:
        """The entry's summary/description as text."""
        return _text(self.summary_blocks)

    @property
    def content_text(self) -> str:
        """The entry's full content as text, "" when the feed has none."""
        return _text(self.content_blocks) if self.has_content else ""

    @property
    def body_text(self) -> str:
        """The best text for reading: the content, else the summary."""
        return self.content_text or self.summary_text


@dataclass(slots=True)
class ParsedFeed:
    """A parsed feed. ``error`` set means nothing usable was found; ``warning`` means degraded."""

    title: str = ""
    link: str | None = None
    entries: list[FeedItem] = field(default_factory=list)
    warning: str | None = None
    error: str | None = None
    format: str = ""  # feedparser's version ("rss20", "atom10", ...) or "json"
    alternates: list[str] = field(default_factory=list)  # feeds an HTML page links to
    # One models.stored.ItemRow per entry when the pool was asked for them (``ParseJob(rows=True)``).
    rows: list[Any] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None


def _text(blocks: list[tuple[str, str]]) -> str:
    from .html_text import blocks_to_text  # lxml: only where text is asked for

    return clean_text(blocks_to_text(blocks))

"""Feeds: fetching, parsing, HTML to text, full text and OPML (Textual-free, no storage).

Typical refresh: ``fetch_many`` the subscriptions (with stored ETag/Last-Modified), hand each
result with a body to a :class:`FeedParserPool` (``ParseJob.from_fetch``), store the
:class:`ParsedFeed` entries; ``item_to_document`` gives the article to read and analyse.
"""

from __future__ import annotations

from .document import blocks_to_document, item_to_document
from .fetch import (
    DEFAULT_MAX_BYTES,
    USER_AGENT,
    FetchRequest,
    FetchResult,
    fetch_many,
    fetch_many_sync,
    fetch_url,
)
from .fulltext import FullText, extract_full_text, fetch_full_text
from .html_text import HtmlText, blocks_to_text, html_to_text, text_to_blocks
from .items import FeedItem
from .opml import OpmlFeed, OpmlImport, export_opml, parse_opml, read_opml
from .parse import ParsedFeed, find_feed_links, parse_feed
from .pool import FeedParserPool, ParseJob, parse_many
from .urls import UrlError, check_url, safe_link, url_problem

__all__ = [
    "DEFAULT_MAX_BYTES",
    "USER_AGENT",
    "FeedItem",
    "FeedParserPool",
    "FetchRequest",
    "FetchResult",
    "FullText",
    "HtmlText",
    "OpmlFeed",
    "OpmlImport",
    "ParseJob",
    "ParsedFeed",
    "UrlError",
    "blocks_to_document",
    "blocks_to_text",
    "check_url",
    "export_opml",
    "extract_full_text",
    "fetch_full_text",
    "fetch_many",
    "fetch_many_sync",
    "fetch_url",
    "find_feed_links",
    "html_to_text",
    "item_to_document",
    "parse_feed",
    "parse_many",
    "parse_opml",
    "read_opml",
    "safe_link",
    "text_to_blocks",
    "url_problem",
]

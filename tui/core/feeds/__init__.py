"""Feeds: fetching, parsing, HTML to text, full text and OPML (Textual-free, no storage).

Typical refresh: ``fetch_many`` the subscriptions (with stored ETag/Last-Modified), hand each
result with a body to a :class:`FeedParserPool` (``ParseJob.from_fetch``), store the
:class:`ParsedFeed` entries; ``item_to_document`` gives the article to read and analyse.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# Where each public name lives. Submodules load on first use (PEP 562): ``newsreader refresh``
# needs the fetcher at once but the parser only in its worker processes, and feedparser, lxml
# and the reader's block rules would otherwise cost every command ~0.1 s of imports.
_HOME = {
    "blocks_to_document": "document",
    "item_to_document": "document",
    "DEFAULT_MAX_BYTES": "fetch",
    "USER_AGENT": "fetch",
    "FetchOptions": "fetch",
    "FetchRequest": "fetch",
    "FetchResult": "fetch",
    "fetch_many": "fetch",
    "fetch_many_sync": "fetch",
    "fetch_url": "fetch",
    "FullText": "fulltext",
    "extract_full_text": "fulltext",
    "fetch_full_text": "fulltext",
    "HtmlText": "html_text",
    "blocks_to_text": "html_text",
    "html_to_text": "html_text",
    "text_to_blocks": "html_text",
    "FeedItem": "parsed",
    "OpmlFeed": "opml",
    "OpmlImport": "opml",
    "export_opml": "opml",
    "parse_opml": "opml",
    "read_opml": "opml",
    "ParsedFeed": "parsed",
    "find_feed_links": "parse",
    "parse_feed": "parse",
    "FeedParserPool": "pool",
    "ParseJob": "pool",
    "parse_many": "pool",
    "UrlError": "urls",
    "check_url": "urls",
    "safe_link": "urls",
    "url_problem": "urls",
}


def __getattr__(name: str) -> object:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # once loaded, a plain attribute
    return value


if TYPE_CHECKING:
    from .document import blocks_to_document, item_to_document
    from .fetch import (
        DEFAULT_MAX_BYTES,
        USER_AGENT,
        FetchOptions,
        FetchRequest,
        FetchResult,
        fetch_many,
        fetch_many_sync,
        fetch_url,
    )
    from .fulltext import FullText, extract_full_text, fetch_full_text
    from .html_text import HtmlText, blocks_to_text, html_to_text, text_to_blocks
    from .opml import OpmlFeed, OpmlImport, export_opml, parse_opml, read_opml
    from .parse import find_feed_links, parse_feed
    from .parsed import FeedItem, ParsedFeed
    from .pool import FeedParserPool, ParseJob, parse_many
    from .urls import UrlError, check_url, safe_link, url_problem

__all__ = [
    "DEFAULT_MAX_BYTES",
    "USER_AGENT",
    "FeedItem",
    "FeedParserPool",
    "FetchOptions",
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

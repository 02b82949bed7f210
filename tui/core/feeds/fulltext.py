"""The full article behind a teaser: fetch the page, extract its main text with trafilatura.

trafilatura returns the article as simple HTML (headings, paragraphs, lists, links), which
:func:`html_to_text` turns into the same ``(kind, text)`` blocks as feed content. Extraction
runs in a thread (``asyncio.to_thread``), never on the event loop.
"""

from __future__ import annotations

import asyncio
import codecs
import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

from ..models import HEADLINE, SUBHEAD
from ..sanitize import clean_line
from .fetch import HTML_ACCEPT, FetchOptions, fetch_url
from .html_text import blocks_to_text, html_to_text
from .urls import UrlError, check_url

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE
)
_HTML_TYPES = ("text/html", "application/xhtml+xml", "")


@dataclass(slots=True)
class FullText:
    """An extracted article: blocks as in :class:`~.html_text.HtmlText`; ``error`` when none was found."""

    url: str
    final_url: str | None = None
    blocks: list[tuple[str, str]] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    error: str | None = None
    link_texts: list[str] = field(default_factory=list)  # each link's own text, "" for none

    @property
    def text(self) -> str:
        return blocks_to_text(self.blocks, self.links)

    @property
    def ok(self) -> bool:
        return self.error is None


async def fetch_full_text(url: str, options: FetchOptions | None = None, **changes: Any) -> FullText:
    """Fetch ``url`` (http/https only) and extract its article text; failures are ``error``.

    ``options`` and ``changes`` as for :func:`fetch_many`; the page is asked for as HTML.
    """
    try:
        url = check_url(url)
    except UrlError as e:
        return FullText(url=str(url), error=f"refused URL: {e}")
    result = await fetch_url(
        url, dataclasses.replace(options or FetchOptions(), accept=HTML_ACCEPT), **changes
    )
    if result.error or result.body is None:
        return FullText(url=url, final_url=result.final_url, error=result.error or "the page was empty")
    media_type = result.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type not in _HTML_TYPES:
        return FullText(url=url, final_url=result.final_url, error=f"not a web page ({media_type[:60]})")
    full = await asyncio.to_thread(
        extract_full_text, result.body, result.headers.get("content-type"), result.final_url
    )
    full.url = url
    return full


def extract_full_text(page: bytes | str, content_type: str | None = None, url: str | None = None) -> FullText:
    """The main text of an HTML page, or an ``error`` saying why there is none; never raises."""
    import trafilatura  # heavy (about half a second): loaded on first use, not with the package

    html = page if isinstance(page, str) else decode_html(page, content_type)
    try:
        extracted = trafilatura.extract(
            html,
            url=url,
            output_format="html",
            include_links=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
        )
    except Exception as e:  # noqa: BLE001 - a page that breaks the extractor is that page's failure
        return FullText(
            url=url or "", final_url=url, error=f"could not extract the article ({type(e).__name__})"
        )
    if not extracted:
        return FullText(url=url or "", final_url=url, error="no article text found on the page")
    found = html_to_text(extracted, url)
    blocks = list(found.blocks)
    # The extracted article usually opens with its own <h1>: that is the headline, not a subhead.
    if blocks and blocks[0][0] == SUBHEAD:
        blocks[0] = (HEADLINE, blocks[0][1])
    if not blocks:
        return FullText(url=url or "", final_url=url, error="no article text found on the page")
    return FullText(
        url=url or "", final_url=url, blocks=blocks, links=found.links, link_texts=found.link_texts
    )


def decode_html(data: bytes, content_type: str | None = None) -> str:
    """Bytes of a page as text: the header's charset, else a ``<meta charset>``, else UTF-8/cp1252."""
    for candidate in (_header_charset(content_type), _meta_charset(data)):
        if candidate:
            try:
                return data.decode(codecs.lookup(candidate).name, "replace")
            except LookupError:
                continue
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def _header_charset(content_type: str | None) -> str | None:
    if not content_type:
        return None
    for part in content_type.split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset":
            return clean_line(value.strip().strip("\"'"))[:40] or None
    return None


def _meta_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:8192])
    return m.group(1).decode("ascii") if m else None

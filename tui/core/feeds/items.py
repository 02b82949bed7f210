"""Feed entries as plain dataclasses: sanitised, size-capped text, stable ids, teaser flag.

Both the RSS/Atom adapter (feedparser) and the JSON Feed reader fill a :class:`RawEntry`;
:func:`build_item` turns it into a :class:`FeedItem` the same way for both.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from ..models import BLOCKQUOTE, CODE, LIST_ITEM, PARAGRAPH
from ..sanitize import clean_line
from .html_text import HtmlText, html_to_text, text_to_blocks
from .parsed import Enclosure, FeedItem
from .urls import safe_link

MAX_TITLE_CHARS = 500
MAX_AUTHOR_CHARS = 200
MAX_ID_CHARS = 512
MAX_ENTRIES = 5000
MAX_ENCLOSURES = 20
TEASER_WORDS = 80
# Publishers' clocks and time zones drift; a date further ahead than this is not believed.
MAX_FUTURE = timedelta(days=2)
# Dates before the web are placeholders (the Unix epoch, year 1), not publication dates.
MIN_DATE = datetime(1990, 1, 1, tzinfo=UTC)

# How teasers end: an ellipsis, or an invitation to read on at the source.
_TEASER_END = re.compile(
    r"(?:…|\.\.\.|\[\s*(?:…|\.\.\.)\s*\]|\b(?:read more|read on|continue reading|keep reading|"
    r"read the (?:full|rest of the|whole) (?:story|article|post))\b)[\s\W]*$",
    re.IGNORECASE,
)
_BODY_KINDS = frozenset({PARAGRAPH, LIST_ITEM, BLOCKQUOTE, CODE})  # what counts as the article's words
_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")
_IS_HTML: dict[str, bool] = {}  # media types seen, and whether they are HTML (a feed has one or two)


@dataclass(slots=True)
class RawEntry:
    """What a format adapter extracts from one entry, before cleaning."""

    id: str | None = None
    title: str | None = None
    title_is_html: bool = False
    link: str | None = None
    date: datetime | None = None
    author: str | None = None
    summary: tuple[str, str] | None = None  # (value, media type)
    contents: list[tuple[str, str]] = field(default_factory=list)
    # (url, type, length) as the feed gives them: enclosures first, then media:content.
    enclosures: list[tuple[str, str, str]] = field(default_factory=list)


def clean_title(value: object, is_html: bool = False) -> str:
    """One line, no control characters, at most :data:`MAX_TITLE_CHARS` characters."""
    if not isinstance(value, str) or not value:
        return ""
    value = value[: MAX_TITLE_CHARS * 20]  # nothing longer can survive the cap anyway
    if is_html and ("<" in value or "&" in value):
        value = " ".join(t for _, t in html_to_text(value).blocks)
    return cap(clean_line(value), MAX_TITLE_CHARS)


def cap(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def iso_date(when: datetime | None, now: datetime | None = None) -> str | None:
    """ISO 8601 in UTC, or None for no date or one implausibly far in the future."""
    if when is None:
        return None
    try:
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        when = when.astimezone(UTC)
        if when > (now or datetime.now(UTC)) + MAX_FUTURE or when < MIN_DATE:
            return None
        return when.replace(microsecond=0).isoformat().replace("+00:00", "Z")
    except (ValueError, OverflowError):
        return None


def body_to_text(value: str, media_type: str, base: str | None) -> HtmlText:
    if not value:
        return HtmlText()
    html = _IS_HTML.get(media_type)
    if html is None:
        html = any(t in (media_type or "").lower() for t in _HTML_TYPES)
        if len(_IS_HTML) < 100:
            _IS_HTML[media_type] = html
    if html or (not media_type and "<" in value):
        return html_to_text(value, base)
    return HtmlText(blocks=text_to_blocks(value))


def stable_id(raw: RawEntry, title: str, link: str | None) -> str:
    """The guid, else the link, else a hash of title and date; long ids are hashed."""
    ident = clean_line(raw.id) if isinstance(raw.id, str) else ""
    ident = ident or (link or "")
    if not ident:
        basis = f"{title}\n{raw.date.isoformat() if raw.date else ''}"
        if not title and raw.summary:
            basis += "\n" + raw.summary[0][:2000]
        return "sha256:" + hashlib.sha256(basis.encode("utf-8", "replace")).hexdigest()[:32]
    if len(ident) > MAX_ID_CHARS:
        return "sha256:" + hashlib.sha256(ident.encode("utf-8", "replace")).hexdigest()[:32]
    return ident


_MEDIA_TYPE = re.compile(r"[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}")


def enclosures(raw: list[tuple[str, str, str]], base: str | None) -> list[Enclosure]:
    """Distinct http(s) enclosures, at most :data:`MAX_ENCLOSURES`; a type or size that is not one is left out."""
    out: list[Enclosure] = []
    seen: set[str] = set()
    for url, media_type, length in raw:
        link = safe_link(url, base) if isinstance(url, str) else None
        if not link or link in seen or len(out) >= MAX_ENCLOSURES:
            continue
        seen.add(link)
        media = media_type.strip().lower() if isinstance(media_type, str) else ""
        size = length.strip() if isinstance(length, str) else ""
        out.append(
            Enclosure(
                link,
                media if _MEDIA_TYPE.fullmatch(media) else "",
                int(size) if size.isascii() and size.isdigit() and 0 < int(size) < 10**15 else None,
            )
        )
    return out


def is_teaser(blocks: list[tuple[str, str]]) -> bool:
    """Short, or ends with an ellipsis or "Read more": the feed carries a teaser, not the article."""
    words = 0
    for kind, text in blocks:
        if kind in _BODY_KINDS:
            # Enough to tell: words past the count still wanted stay unsplit (one more piece).
            words += len(text.split(None, TEASER_WORDS - words))
            if words >= TEASER_WORDS:
                break
    if words < TEASER_WORDS:
        return True
    return bool(_TEASER_END.search(blocks[-1][1][-80:])) if blocks else True


def build_item(raw: RawEntry, base: str | None) -> FeedItem:
    title = clean_title(raw.title, raw.title_is_html)
    link = safe_link(raw.link, base)
    summary = body_to_text(*raw.summary, base) if raw.summary else HtmlText()
    content = HtmlText()
    for value, media_type in raw.contents:
        candidate = body_to_text(value, media_type, base)
        if sum(len(t) for _, t in candidate.blocks) > sum(len(t) for _, t in content.blocks):
            content = candidate
    body = content if content.blocks else summary
    author = clean_line(raw.author) if isinstance(raw.author, str) else ""
    return FeedItem(
        id=stable_id(raw, title, link),
        title=title,
        link=link,
        published=iso_date(raw.date),
        author=cap(author, MAX_AUTHOR_CHARS) or None,
        summary_blocks=summary.blocks,
        content_blocks=body.blocks,
        links=body.links,
        link_texts=body.link_texts,
        is_teaser=is_teaser(body.blocks),
        enclosures=enclosures(raw.enclosures, base),
        has_content=bool(content.blocks),
    )


def dedupe(pairs: list[tuple[FeedItem, bool]]) -> tuple[list[FeedItem], int]:
    """Items with one entry per id kept, and how many were dropped.

    ``pairs`` holds each item with "its id is the feed's own guid". Entries with the same guid
    are one entry. Entries without a guid that share a link but differ in title are distinct
    (some feeds point every entry at their home page), so their ids get a title hash.
    """
    titles: dict[str, set[str]] = {}
    for item, has_guid in pairs:
        if not has_guid:
            titles.setdefault(item.id, set()).add(item.title)
    seen: set[str] = set()
    kept: list[FeedItem] = []
    for item, has_guid in pairs:
        if not has_guid and len(titles[item.id]) > 1:
            basis = f"{item.title}\n{item.published or ''}".encode("utf-8", "replace")
            item.id = f"{item.id}#{hashlib.sha256(basis).hexdigest()[:12]}"
        if item.id in seen:
            continue
        seen.add(item.id)
        kept.append(item)
    return kept, len(pairs) - len(kept)

"""JSON Feed 1.0/1.1 (https://jsonfeed.org) -> :class:`RawEntry` list; feedparser 6 reads no JSON."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from .items import RawEntry


class NotJsonFeed(ValueError):
    """JSON that is not a JSON Feed (or not JSON at all); the message says which."""


def looks_like_json(data: bytes) -> bool:
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head[:1] == b"{"


def read_json_feed(data: bytes) -> tuple[dict[str, Any], list[RawEntry]]:
    """The top-level object and its items; :class:`NotJsonFeed` when it is not a JSON Feed."""
    try:
        # strict=False: raw control characters inside strings occur in the wild (they are cleaned later).
        doc = json.loads(data.decode("utf-8-sig", "replace"), strict=False)
    except RecursionError:
        raise NotJsonFeed("JSON nested too deeply") from None
    except ValueError as e:
        raise NotJsonFeed(f"invalid JSON ({e})") from None
    if not isinstance(doc, dict):
        raise NotJsonFeed("JSON, but not a JSON Feed")
    items = doc.get("items")
    version = doc.get("version")
    # Some publishers write http:// in the version or leave it out; the items list decides.
    if not (isinstance(version, str) and "jsonfeed.org/version/" in version) and (
        version is not None or not isinstance(items, list)
    ):
        raise NotJsonFeed("JSON, but not a JSON Feed")
    if not isinstance(items, list):
        raise NotJsonFeed("JSON Feed without an items list")
    return doc, [_entry(it) for it in items if isinstance(it, dict)]


def _str(value: object) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _date(value: object) -> datetime | None:
    if not isinstance(value, str) or len(value) > 64:
        return None
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        return None


def _author(item: dict[str, Any]) -> str | None:
    authors = item.get("authors")
    candidates = authors if isinstance(authors, list) else [item.get("author")]
    names = [a.get("name") for a in candidates if isinstance(a, dict) and isinstance(a.get("name"), str)]
    return ", ".join(names) or None


def _entry(item: dict[str, Any]) -> RawEntry:
    contents = []
    if isinstance(item.get("content_html"), str):
        contents.append((item["content_html"], "text/html"))
    if isinstance(item.get("content_text"), str):
        contents.append((item["content_text"], "text/plain"))
    summary = item.get("summary")
    return RawEntry(
        id=_str(item.get("id")),
        title=_str(item.get("title")),
        title_is_html=False,
        link=_str(item.get("url")) or _str(item.get("external_url")),
        date=_date(item.get("date_published")) or _date(item.get("date_modified")),
        author=_author(item),
        summary=(summary, "text/plain") if isinstance(summary, str) else None,
        contents=contents,
        enclosures=_attachments(item.get("attachments")),
    )


def _attachments(value: Any) -> list[tuple[str, str, str]]:
    """JSON Feed ``attachments`` (url, mime_type, size_in_bytes) as enclosures."""
    out = []
    for a in value if isinstance(value, list) else []:
        if isinstance(a, dict) and isinstance(a.get("url"), str):
            size = a.get("size_in_bytes")
            length = str(size) if isinstance(size, int) and not isinstance(size, bool) else ""
            out.append((a["url"], _str(a.get("mime_type")) or "", length))
    return out

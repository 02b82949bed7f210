"""newsboat's files: its ``urls`` subscription list, and read state from its ``cache.db``.

A ``urls`` line is a feed URL, then optional tags, words or quoted strings (``"two words"``,
``\\"`` inside). A tag ``~Title`` names the feed, a tag starting with ``!`` hides it in newsboat;
the first other tag becomes the feed's folder. ``query:`` lines (newsboat's saved searches,
quoted as a whole) and ``#`` comment lines are left out and counted; ``exec:`` and ``filter:``
feeds run a command in newsboat and are refused, one line each, like any bad URL.

``cache.db`` is newsboat's SQLite cache; its ``rss_item`` table has per item ``guid``, ``url``,
``feedurl`` and ``unread``. It is opened read-only and never changed.
"""

from __future__ import annotations

import functools
import shlex
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import NewsboatCacheError
from ..sanitize import clean_line
from .items import cap
from .opml import MAX_FEEDS, MAX_FOLDER_CHARS, MAX_OPML_BYTES, MAX_TITLE_CHARS, OpmlFeed
from .urls import UrlError, check_url

_COMMAND_SCHEMES = ("exec:", "filter:")


@dataclass(slots=True)
class UrlsFile:
    """What a newsboat ``urls`` file gave: feeds, one line per refused entry, counts left out."""

    feeds: list[OpmlFeed] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    queries: int = 0
    comments: int = 0
    error: str | None = None


def looks_like_opml(data: bytes) -> bool:
    """OPML (XML) starts with ``<`` once a byte-order mark and white space are skipped."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n")
    return head.startswith(b"<")


def parse_urls(data: bytes) -> UrlsFile:
    """Feeds from the text of a newsboat ``urls`` file; never raises for bad input."""
    if b"\x00" in data[:8192]:
        return UrlsFile(error="not an OPML file or a newsboat urls file (binary data)")
    text = data.decode("utf-8-sig", "replace")
    out = UrlsFile()
    seen: set[str] = set()
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            out.comments += 1
            continue
        try:
            tokens = shlex.split(line, comments=False, posix=True)
        except ValueError:
            out.problems.append(f"line {n}: unbalanced quotes")
            continue
        if not tokens:
            continue
        url, tags = tokens[0], tokens[1:]
        if url.startswith("query:"):
            out.queries += 1
            continue
        shown = f"line {n}: {cap(clean_line(url), 100)}"
        if url.startswith(_COMMAND_SCHEMES):
            out.problems.append(f"{shown}: runs a command in newsboat; not imported")
            continue
        try:
            url = check_url(url)
        except UrlError as e:
            out.problems.append(f"{shown}: {e}")
            continue
        if url in seen:
            out.problems.append(f"{shown}: duplicate of an earlier line")
            continue
        if len(out.feeds) >= MAX_FEEDS:
            out.problems.append(f"line {n}: more than {MAX_FEEDS} feeds; the rest were skipped")
            break
        seen.add(url)
        title = next((t[1:] for t in tags if t.startswith("~")), "")
        folder = next((t for t in tags if t.strip() and not t.startswith(("~", "!"))), "")
        out.feeds.append(
            OpmlFeed(
                url=url,
                title=cap(clean_line(title), MAX_TITLE_CHARS),
                folder=cap(clean_line(folder), MAX_FOLDER_CHARS) or None,
                named=bool(clean_line(title)),
            )
        )
    return out


def read_urls(path: str | Path) -> UrlsFile:
    """:func:`parse_urls` on a file, with unreadable or oversized files as the error."""
    p = Path(path)
    try:
        if p.stat().st_size > MAX_OPML_BYTES:
            return UrlsFile(error=f"{p}: too large for a subscription list (the limit is 16 MiB)")
        return parse_urls(p.read_bytes())
    except FileNotFoundError:
        return UrlsFile(error=f"{p}: no such file")
    except OSError as e:
        return UrlsFile(error=f"{p}: cannot read ({e.strerror or type(e).__name__})")


@dataclass(frozen=True, slots=True)
class CacheItem:
    """One item of newsboat's cache: its feed, guid and link, and whether it is unread."""

    feed_url: str
    guid: str
    url: str
    unread: bool


def read_cache(path: str | Path, feed_urls: set[str]) -> dict[str, list[CacheItem]]:
    """The items in newsboat's ``cache.db`` at ``path`` (opened read-only) of each of
    ``feed_urls``, by that URL; raises :class:`~..errors.NewsboatCacheError` for a file that is not such a cache."""
    p = Path(path)
    if not p.is_file():
        raise NewsboatCacheError(f"{p}: {'a folder, not a file' if p.is_dir() else 'no such file'}")
    try:
        # mode=ro: never written, not even a journal.
        db = sqlite3.connect(f"{p.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as e:
        raise NewsboatCacheError(f"{p}: cannot open ({e})") from None
    try:
        columns = {r[1] for r in db.execute("PRAGMA table_info(rss_item)")}
        if not {"guid", "url", "feedurl", "unread"} <= columns:
            raise NewsboatCacheError(
                f"{p}: not a newsboat cache (no rss_item table with guid, url, feedurl, unread)"
            )
        rows = db.execute("SELECT feedurl, guid, url, unread FROM rss_item").fetchall() if feed_urls else []
    except sqlite3.DatabaseError as e:
        raise NewsboatCacheError(f"{p}: not a newsboat cache ({e})") from None
    finally:
        db.close()
    ours = {_same(u): u for u in feed_urls}
    found: dict[str, list[CacheItem]] = {u: [] for u in feed_urls}
    for feed, guid, url, unread in rows:
        mine = ours.get(_same(feed)) if isinstance(feed, str) else None
        if mine is not None:
            found[mine].append(CacheItem(feed, str(guid or ""), str(url or ""), bool(unread)))
    return found


@dataclass(frozen=True, slots=True)
class ReadStateImport:
    """What taking read state from newsboat's cache did: articles matched, and marked read."""

    articles: int
    matched: int
    read: int


@functools.lru_cache(maxsize=4096)
def _same(url: str) -> str:
    """A feed URL as newsboat and newsreader may each have written it (checked, or as given)."""
    try:
        return check_url(url)
    except UrlError:
        return url

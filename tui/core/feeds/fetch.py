"""Fetch feeds over HTTP: bounded concurrency, checked redirects, conditional GET, size caps.

Every hop of a redirect is checked (http/https only, at most ``max_redirects``, loops reported).
Bodies are decoded here, in bounded pieces, so a gzip bomb stops at ``max_bytes`` instead of
being inflated first. Each feed has connect and read timeouts and a total deadline; one feed's
failure is its :class:`FetchResult`'s ``error``, never an exception.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import inspect
import socket
import ssl
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import urljoin

from ... import __version__
from ..lean_httpx import httpx
from ..sanitize import clean_line
from .decode import ACCEPT_ENCODING, DecodeError, make_decoder
from .urls import UrlError, check_url

USER_AGENT = f"newsreader/{__version__} (+terminal news reader)"
DEFAULT_MAX_BYTES = 16 * 1024 * 1024
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml, "
    "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5"
)
HTML_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
# A server cannot push a feed out of the refresh cycle for more than a day.
MAX_RETRY_AFTER = timedelta(days=1)
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_MAX_VALIDATOR = 1024


@dataclass(frozen=True, slots=True)
class FetchRequest:
    """One URL to fetch, with the validators stored from the last successful fetch."""

    url: str
    etag: str | None = None
    last_modified: str | None = None


@dataclass(slots=True)
class FetchResult:
    """What happened to one request. ``error`` is None on success (including 304)."""

    url: str  # as requested
    final_url: str | None = None  # after redirects
    status: int | None = None
    body: bytes | None = None  # decoded bytes; None on error or 304
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names, cleaned values
    etag: str | None = None  # validators to store for the next conditional GET
    last_modified: str | None = None
    not_modified: bool = False
    error: str | None = None
    elapsed: float = 0.0
    retry_after: str | None = None  # ISO 8601 UTC: don't fetch again before this (429/503)
    permanent_redirect: bool = False  # every hop was 301/308: the subscription URL may be updated

    @property
    def ok(self) -> bool:
        return self.error is None


class _FetchFailed(Exception):
    """A failure with its readable message (and the HTTP status when there was one)."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """How to fetch: limits, timeouts and headers (the defaults suit one-off fetches)."""

    concurrency: int = 16  # requests in flight overall
    # Requests in flight per server (host and port): the top of what polite clients use (browsers
    # 6, newsboat's reload-threads 8 on one server), so 200 feeds on one server take half the time
    # they took at 4.
    per_host: int = 8
    deadline: float = 60.0  # seconds per request, waiting for a slot excluded
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    max_bytes: int = DEFAULT_MAX_BYTES
    max_redirects: int = 5
    accept: str = FEED_ACCEPT
    user_agent: str = USER_AGENT


async def fetch_many(
    requests: Sequence[FetchRequest],
    options: FetchOptions | None = None,
    *,
    on_done: Callable[[FetchResult], object | Awaitable[object]] | None = None,
    **changes: Any,
) -> list[FetchResult]:
    """Fetch every request; results come back in request order, ``on_done`` sees each as it ends.

    ``options`` (with any field changed by keyword, e.g. ``deadline=5``) sets the limits: at
    most ``concurrency`` requests run at once and at most ``per_host`` per server (host and
    port); ``deadline`` bounds each request (waiting for a slot excluded). Cancelling the
    calling task cancels every request in flight.
    """
    opts = dataclasses.replace(options or FetchOptions(), **changes)
    concurrency, per_host = opts.concurrency, opts.per_host
    overall = asyncio.Semaphore(max(1, concurrency))
    hosts: dict[str, asyncio.Semaphore] = {}
    results: list[FetchResult | None] = [None] * len(requests)
    timeout = httpx.Timeout(
        connect=opts.connect_timeout, read=opts.read_timeout, write=opts.read_timeout, pool=None
    )
    # One client (connection pool) per server, sharing one TLS context: httpcore scans every
    # connection of its pool, idle ones with system calls, each time a request starts or ends,
    # so one pool holding the connections of all servers costs O(servers) per request (most of
    # a 200-feed refresh's CPU in the parent). Keep-alive still works within each server.
    limits = httpx.Limits(max_connections=max(1, per_host), max_keepalive_connections=max(1, per_host))
    tls: list[ssl.SSLContext] = []

    async with contextlib.AsyncExitStack() as stack:
        clients: dict[str, httpx.AsyncClient] = {}

        async def client_for(host: str) -> httpx.AsyncClient:
            client = clients.get(host)
            if client is None:
                if not tls:
                    tls.append(httpx.create_ssl_context())
                client = httpx.AsyncClient(
                    verify=tls[0],
                    timeout=timeout,
                    limits=limits,
                    follow_redirects=False,
                    headers={"User-Agent": opts.user_agent},
                )
                clients[host] = await stack.enter_async_context(client)
            return client

        async def run(i: int, req: FetchRequest) -> None:
            host = _host_key(req.url)
            sem = hosts.setdefault(host, asyncio.Semaphore(max(1, per_host)))
            async with overall, sem:
                result = await _fetch(await client_for(host), req, opts)
            results[i] = result
            if on_done is not None:
                ret = on_done(result)
                if inspect.isawaitable(ret):
                    await ret

        async with asyncio.TaskGroup() as tg:
            for i, req in enumerate(requests):
                tg.create_task(run(i, req))
    return [r for r in results if r is not None]


def fetch_many_sync(
    requests: Sequence[FetchRequest], options: FetchOptions | None = None, **changes: Any
) -> list[FetchResult]:
    """:func:`fetch_many` from synchronous code (the CLI); not for use inside a running loop."""
    return asyncio.run(fetch_many(requests, options, **changes))


async def fetch_url(url: str, options: FetchOptions | None = None, **changes: Any) -> FetchResult:
    """Fetch one URL (same options as :func:`fetch_many`)."""
    return (await fetch_many([FetchRequest(url)], options, **changes))[0]


def _host_key(url: str) -> str:
    """The server a request goes to: host and port, as browsers count connections per origin."""
    try:
        u = httpx.URL(check_url(url))
    except (UrlError, httpx.InvalidURL):
        return ""
    return f"{u.host}:{u.port or (443 if u.scheme == 'https' else 80)}"


async def _fetch(client: httpx.AsyncClient, req: FetchRequest, opts: FetchOptions) -> FetchResult:
    start = time.monotonic()
    result = FetchResult(url=req.url)
    try:
        async with asyncio.timeout(opts.deadline):
            await _fetch_into(client, req, opts, result)
    except _FetchFailed as e:
        result.error = str(e)
        result.status = e.status if e.status is not None else result.status
        result.body = None
    except TimeoutError:
        result.error = f"gave up after {opts.deadline:g} s (the feed's time limit)"
        result.body = None
    except Exception as e:  # noqa: BLE001 - one feed's failure must never stop the others
        result.error = _describe(e, opts)
        result.body = None
    result.elapsed = time.monotonic() - start
    return result


async def _fetch_into(
    client: httpx.AsyncClient, req: FetchRequest, opts: FetchOptions, result: FetchResult
) -> None:
    try:
        url = check_url(req.url)
    except UrlError as e:
        raise _FetchFailed(f"refused URL: {e}") from None
    headers = {"Accept": opts.accept, "Accept-Encoding": ACCEPT_ENCODING}
    if req.etag:
        headers["If-None-Match"] = req.etag
    if req.last_modified:
        headers["If-Modified-Since"] = req.last_modified
    seen = {url}
    hops = 0
    permanent = True
    while True:
        async with client.stream("GET", url, headers=headers) as resp:
            status = resp.status_code
            result.final_url = url
            result.status = status
            location = resp.headers.get("location")
            if status in _REDIRECTS and location:
                hops += 1
                if hops > opts.max_redirects:
                    raise _FetchFailed(f"too many redirects (more than {opts.max_redirects})", status)
                try:
                    target = check_url(urljoin(url, location.strip()))
                except (UrlError, ValueError) as e:
                    raise _FetchFailed(f"redirected to a refused URL: {e}", status) from None
                if target in seen:
                    raise _FetchFailed(f"redirect loop (back to {target[:200]})", status)
                seen.add(target)
                permanent = permanent and status in (301, 308)
                url = target
                continue
            result.headers = {k.lower(): clean_line(v)[:2048] for k, v in resp.headers.items()}
            result.permanent_redirect = hops > 0 and permanent
            if status == 304:
                result.not_modified = True
                result.etag = _validator(resp.headers.get("etag")) or req.etag
                result.last_modified = _validator(resp.headers.get("last-modified")) or req.last_modified
                return
            if status in (429, 503):
                when = _retry_after(resp.headers.get("retry-after"))
                result.retry_after = when.isoformat().replace("+00:00", "Z") if when else None
                wait = f"; retry after {result.retry_after}" if when else ""
                raise _FetchFailed(f"HTTP {status} {_phrase(status)}{wait}", status)
            if not 200 <= status < 300:
                raise _FetchFailed(f"HTTP {status} {_phrase(status)}".rstrip(), status)
            result.body = await _read_body(resp, opts.max_bytes)
            result.etag = _validator(resp.headers.get("etag"))
            result.last_modified = _validator(resp.headers.get("last-modified"))
            return


async def _read_body(resp: httpx.Response, max_bytes: int) -> bytes:
    """The decoded body, refusing (not truncating) one larger than ``max_bytes``."""
    encoding = resp.headers.get("content-encoding")
    try:
        decoder = make_decoder(encoding)
    except DecodeError as e:
        raise _FetchFailed(str(e), resp.status_code) from None
    too_large = _FetchFailed(f"response larger than {_size(max_bytes)} (stopped reading)", resp.status_code)
    length = resp.headers.get("content-length", "")
    if encoding is None and length.isdigit() and int(length) > max_bytes:
        raise too_large
    out = bytearray()
    raw_total = 0
    try:
        async for raw in resp.aiter_raw():
            raw_total += len(raw)
            if raw_total > max_bytes:  # also bounds input that a decoder swallows without output
                raise too_large
            for piece in decoder.feed(raw):
                out += piece
                if len(out) > max_bytes:
                    raise too_large
        for piece in decoder.finish():
            out += piece
            if len(out) > max_bytes:
                raise too_large
    except DecodeError as e:
        raise _FetchFailed(f"could not decode the {encoding} response ({e})", resp.status_code) from None
    return bytes(out)


def _validator(value: str | None) -> str | None:
    """An ETag/Last-Modified value safe to store and send back; None when absent or unusable."""
    if not value:
        return None
    cleaned = clean_line(value)
    return cleaned if cleaned and len(cleaned) <= _MAX_VALIDATOR else None


def _retry_after(value: str | None, now: datetime | None = None) -> datetime | None:
    """The UTC time a Retry-After header (seconds or HTTP date) points to, capped at a day."""
    if not value:
        return None
    now = now or datetime.now(UTC)
    value = value.strip()
    when: datetime | None
    if value.isdigit():
        when = now + timedelta(seconds=min(int(value[:12]), MAX_RETRY_AFTER.total_seconds()))
    else:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
    when = min(max(when, now), now + MAX_RETRY_AFTER)
    return when.astimezone(UTC).replace(microsecond=0)


def _phrase(status: int) -> str:
    # The server's own reason phrase is untrusted text; use the standard one.
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):g} MiB" if n >= 1024 * 1024 else f"{n / 1024:g} KiB"


def _describe(e: Exception, opts: FetchOptions) -> str:
    """One readable line for a transport failure."""
    detail = clean_line(str(e))[:200]
    if isinstance(e, httpx.ConnectTimeout):
        return f"could not connect within {opts.connect_timeout:g} s"
    if isinstance(e, httpx.ReadTimeout):
        return f"the server stopped sending (nothing for {opts.read_timeout:g} s)"
    if isinstance(e, httpx.TimeoutException):
        return "timed out"
    if isinstance(e, httpx.ConnectError):
        reason = unreachable_reason(e)
        tls = reason.removeprefix("TLS error: ")
        return f"TLS error ({tls})" if tls != reason else f"could not connect ({reason})"
    if isinstance(e, httpx.RemoteProtocolError):
        return f"bad HTTP response ({detail or 'connection closed early'})"
    if isinstance(e, httpx.NetworkError):
        return f"connection failed ({detail or type(e).__name__})"
    if isinstance(e, httpx.InvalidURL | httpx.UnsupportedProtocol):
        return f"invalid URL ({detail})"
    return f"unexpected error: {type(e).__name__}: {detail}"


def unreachable_reason(e: Exception) -> str:
    """Why a server could not be reached, in a few words ("connection refused", "host not found")."""
    cause = _os_cause(e)
    if isinstance(cause, socket.gaierror):
        return "host not found"
    if isinstance(cause, ssl.SSLError):
        return f"TLS error: {clean_line(str(cause))[:200]}"
    if isinstance(cause, ConnectionRefusedError):
        return "connection refused"
    if cause is not None and cause.strerror:
        return cause.strerror.lower()
    return clean_line(str(e))[:200] or type(e).__name__


def _os_cause(e: BaseException) -> OSError | None:
    """The innermost OSError behind an httpx error (httpx wraps the socket's own error)."""
    found: OSError | None = None
    seen: set[int] = set()
    cur: BaseException | None = e
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        if isinstance(cur, OSError):
            found = cur
        cur = cur.__cause__ or cur.__context__
    return found

"""A client of Tiny Tiny RSS's JSON API (``URL/api/``), as Debian's tt-rss 21 speaks it (level 15).

Every failure is a :class:`~tui.core.errors.SyncError` with one line saying what went wrong:
unreachable, a timeout, an HTTP error, HTML instead of JSON, a wrong password, the API turned
off. A session that has expired (``NOT_LOGGED_IN``) is opened again once. The password is
held only by the client object and never put in a message.
"""

from __future__ import annotations

import ipaddress
from typing import Any
from urllib.parse import urlsplit

from ..errors import SyncError
from ..feeds.fetch import unreachable_reason
from ..lean_httpx import httpx

TIMEOUT = 20.0
PAGE = 200  # tt-rss answers at most 200 headlines per request


def url_problem(url: str, insecure: bool = False) -> str | None:
    """Why ``url`` cannot be a sync server (one line), or None. Only https, or http on loopback
    or with ``insecure`` (the password would cross the network in clear)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"{url}: not a web address (give the tt-rss address, such as https://example.org/tt-rss)"
    if parts.scheme == "http" and not insecure and not is_loopback(parts.hostname):
        return f"{url}: plain http would send the password in clear; use https, or --insecure to accept that"
    return None


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class TtrssClient:
    """One login session with a tt-rss server; ``call(op, **params)`` returns the answer's content."""

    def __init__(self, url: str, user: str, password: str, timeout: float = TIMEOUT) -> None:
        self.url = url.rstrip("/")
        self.user = user
        self._password = password
        self._sid: str | None = None
        self._http = httpx.Client(timeout=timeout, follow_redirects=True)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> TtrssClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the API --------------------------------------------------------------------------

    def login(self) -> None:
        content = self._post({"op": "login", "user": self.user, "password": self._password})
        sid = content.get("session_id") if isinstance(content, dict) else None
        if not isinstance(sid, str) or not sid:
            raise SyncError(f"{self.host}: the login answer carries no session")
        self._sid = sid

    def call(self, op: str, **params: Any) -> Any:
        """Run one API operation (logging in first, and again once if the session expired)."""
        if self._sid is None:
            self.login()
        try:
            return self._post({"op": op, "sid": self._sid, **params})
        except _NotLoggedIn:
            self.login()
            try:
                return self._post({"op": op, "sid": self._sid, **params})
            except _NotLoggedIn:
                raise SyncError(f"{self.host}: the session ends at once after logging in") from None

    @property
    def session(self) -> str | None:
        """The session id (tests end it on the server to see it re-opened)."""
        return self._sid

    def api_level(self) -> int:
        content = self.call("getApiLevel")
        return int(content.get("level", 0)) if isinstance(content, dict) else 0

    def categories(self) -> dict[int, str]:
        content = self._list(self.call("getCategories", include_empty=True))
        return {int(c["id"]): str(c.get("title") or "") for c in content if int(c.get("id", 0)) > 0}

    def feeds(self) -> list[dict]:
        return self._list(self.call("getFeeds", cat_id=-3))

    def headlines(
        self, *, since_id: int = 0, view_mode: str = "all_articles", feed_id: int = -4, content: bool = True
    ) -> list[dict]:
        """Every headline of a view, a page at a time (with content when asked)."""
        out: list[dict] = []
        while True:
            page = self._list(
                self.call(
                    "getHeadlines",
                    feed_id=feed_id,
                    view_mode=view_mode,
                    show_content=content,
                    since_id=since_id,
                    limit=PAGE,
                    skip=len(out),
                    order_by="date_reverse",
                )
            )
            out.extend(h for h in page if isinstance(h, dict) and "id" in h)
            if len(page) < PAGE:
                return out

    def update_articles(self, ids: list[int], field: int, on: bool) -> None:
        """Set a field (0 starred, 2 unread) of these articles on or off."""
        for start in range(0, len(ids), PAGE):
            chunk = ",".join(str(i) for i in ids[start : start + PAGE])
            self.call("updateArticle", article_ids=chunk, field=field, mode=int(on))

    def article_states(self, ids: list[int]) -> dict[int, tuple[bool, bool]]:
        """remote id -> (read, starred) now, for a few articles."""
        out: dict[int, tuple[bool, bool]] = {}
        for start in range(0, len(ids), PAGE):
            chunk = ",".join(str(i) for i in ids[start : start + PAGE])
            for a in self._list(self.call("getArticle", article_id=chunk)):
                out[int(a["id"])] = (not a.get("unread"), bool(a.get("marked")))
        return out

    def subscribe(self, url: str, category: int = 0) -> tuple[int | None, str | None]:
        """Subscribe: (the feed's id when the server says, None when it refused and why)."""
        content = self.call("subscribeToFeed", feed_url=url, category_id=category)
        status = content.get("status") if isinstance(content, dict) else None
        if not isinstance(status, dict):
            return None, f"{url}: the server did not say whether it subscribed"
        if status.get("code") not in (0, 1):  # 0: subscribed already, 1: subscribed
            why = str(status.get("message") or f"code {status.get('code')}")
            return None, f"{url}: the server could not subscribe ({why[:200]})"
        feed_id = status.get("feed_id")
        return (int(feed_id) if feed_id else None), None

    def unsubscribe(self, feed_id: int) -> None:
        try:
            self.call("unsubscribeFeed", feed_id=feed_id)
        except SyncError as e:
            if "FEED_NOT_FOUND" not in str(e):  # gone already: what was asked
                raise

    def update_feed(self, feed_id: int) -> None:
        """Ask the server to fetch a feed now."""
        self.call("updateFeed", feed_id=feed_id)

    # -- transport ------------------------------------------------------------------------

    @property
    def host(self) -> str:
        return urlsplit(self.url).netloc or self.url

    def _post(self, body: dict) -> Any:
        host = self.host
        try:
            r = self._http.post(f"{self.url}/api/", json=body)
        except httpx.TimeoutException:
            raise SyncError(f"{host}: no answer within {self._http.timeout.read:.0f} s") from None
        except httpx.HTTPError as e:
            raise SyncError(f"{host}: cannot reach the server ({unreachable_reason(e)})") from None
        if r.status_code >= 400:
            raise SyncError(f"{host}: the server answered HTTP {r.status_code} ({r.reason_phrase})")
        try:
            answer = r.json()
        except ValueError:
            kind = (
                "HTML"
                if "html" in r.headers.get("content-type", "").lower() or r.text.lstrip().startswith("<")
                else "something else"
            )
            raise SyncError(
                f"{host}: answered with {kind}, not tt-rss's API (is {self.url} the tt-rss address?)"
            ) from None
        if not isinstance(answer, dict) or "status" not in answer:
            raise SyncError(f"{host}: the answer is not tt-rss's API (is {self.url} the tt-rss address?)")
        content = answer.get("content")
        if answer["status"] != 0:
            error = content.get("error") if isinstance(content, dict) else None
            if error == "NOT_LOGGED_IN" and body.get("op") != "login":
                raise _NotLoggedIn
            raise SyncError(_error_line(host, self.user, str(error or "an unknown error")))
        return content

    @staticmethod
    def _list(content: Any) -> list:
        return content if isinstance(content, list) else []


class _NotLoggedIn(Exception):
    pass


def _error_line(host: str, user: str, error: str) -> str:
    if error == "LOGIN_ERROR":
        return f"{host}: wrong user name or password for {user}"
    if error == "API_DISABLED":
        return f'{host}: the API is off for {user} (turn on "Enable API" in tt-rss\'s preferences)'
    if error == "NOT_LOGGED_IN":
        return f"{host}: not logged in (the session could not be opened)"
    return f"{host}: the server refused ({error})"

"""Which URLs newsreader will fetch or show as links: http and https with a host, nothing else.

Feeds and OPML files are untrusted: a subscription list may carry ``exec:`` (newsboat runs it),
``file:`` (a local file), ``javascript:`` or a bare path. Those are refused with a reason a
person can read, never followed.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit, urlunsplit

ALLOWED_SCHEMES = frozenset({"http", "https"})
MAX_URL_LENGTH = 4096

# A scheme worth naming in a message; anything else is described, not echoed.
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]{0,30}):")
# Whitespace and control characters never belong inside a URL (a newline could forge log lines).
_BAD_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# The usual link: a lower-case http(s) scheme, a host of letters, digits, dots and hyphens (no
# user, port or brackets), then printable ASCII only (nothing to trim, encode or refuse).
# check_url gives it as urlsplit and urlunsplit would, without them: a feed's items each have a
# link or two, and those two were a tenth of a parser worker's time.
_PLAIN = re.compile(r"(https?)://([A-Za-z0-9.-]+)([/?#][\x21-\x7e]*)?\Z")


class UrlError(ValueError):
    """A URL newsreader refuses; ``str(err)`` is one readable line."""


def check_url(url: object) -> str:
    """The URL normalised (trimmed, scheme and host lower-cased), or :class:`UrlError` with the reason.

    ``feed://host/path`` and ``feed:https://...`` (old subscribe links) become http(s) URLs.
    """
    m = _PLAIN.match(url) if isinstance(url, str) and len(url) <= MAX_URL_LENGTH else None
    if m is None:
        return _checked(url)
    scheme, host, rest = m.groups()
    # As urlsplit cuts it: the fragment at the first "#", then the query at the first "?".
    rest, _, fragment = (rest or "").partition("#")
    path, _, query = rest.partition("?")
    out = f"{scheme}://{host.lower()}{path or '/'}"
    if query:  # urlunsplit drops an empty query or fragment with its "?" or "#"
        out = f"{out}?{query}"
    return f"{out}#{fragment}" if fragment else out


def _checked(url: object) -> str:
    """:func:`check_url` by urlsplit and urlunsplit, for any URL."""
    if not isinstance(url, str):
        raise UrlError("not a URL")
    text = url.strip()
    if not text:
        raise UrlError("empty URL")
    if len(text) > MAX_URL_LENGTH:
        raise UrlError(f"URL too long ({len(text)} characters; the limit is {MAX_URL_LENGTH})")
    if _BAD_CHARS.search(text):
        raise UrlError("URL contains control characters or line breaks")
    # Publishers do put raw spaces in URLs; encoding them is what a browser would do.
    text = text.replace(" ", "%20")
    lowered = text.lower()
    if lowered.startswith("feed:"):
        rest = text[5:]
        text = rest if rest.lower().startswith(("http://", "https://")) else "http:" + rest
    m = _SCHEME.match(text)
    if not m:
        raise UrlError(f"not a web address: {_preview(text)} (it must start with http:// or https://)")
    scheme = m.group(1).lower()
    if scheme not in ALLOWED_SCHEMES:
        raise UrlError(f"{scheme}: URLs are refused (only http and https are allowed)")
    try:
        parts = urlsplit(text)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for an out-of-range port
    except ValueError as e:
        raise UrlError(f"malformed URL: {e}") from None
    if not host:
        raise UrlError(f"URL has no host: {_preview(text)}")
    netloc = parts.netloc
    at = netloc.rfind("@") + 1
    netloc = netloc[:at] + netloc[at:].lower()
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, parts.fragment))


def url_problem(url: object) -> str | None:
    """Why ``url`` is refused, or None when it is a usable http(s) URL."""
    try:
        check_url(url)
    except UrlError as e:
        return str(e)
    return None


def is_fetchable(url: object) -> bool:
    return url_problem(url) is None


def safe_link(url: object, base: str | None = None) -> str | None:
    """A link from feed content made absolute against ``base``; None unless it is http(s).

    Links are data to show and open on request; anything that is not a web address is dropped
    rather than shown, so a ``javascript:`` or ``file:`` link can never be activated.
    """
    if not isinstance(url, str):
        return None
    text = url.strip()
    if not text or len(text) > MAX_URL_LENGTH:
        return None
    if text.startswith("//") and not base:
        text = "https:" + text
    elif base and not _SCHEME.match(text):
        try:
            text = urljoin(base, text)
        except ValueError:
            return None
    try:
        return check_url(text)
    except UrlError:
        return None


def _preview(text: str, limit: int = 60) -> str:
    """A short, printable excerpt of a refused value for messages."""
    shown = _BAD_CHARS.sub("?", text)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"

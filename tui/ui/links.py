"""Links as the confirm dialog shows them: the real host, and an address with nothing hidden.

Pure (no Textual). A link from a feed may use look-alike Unicode in its host or bidi and
zero-width characters in its path; the dialog shows, and the browser is given, the ASCII form
(IDNA host, percent-encoded path), so what is opened is exactly what was shown.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit, urlunsplit

# Characters a URL may carry as they are (RFC 3986 reserved and unreserved, and '%' of escapes).
_SAFE = "/:@!$&'()*+,;=-._~%?#[]"


def ascii_host(host: str) -> str:
    """``bücher.example`` -> ``xn--bcher-kva.example``; undecodable hosts are percent-encoded."""
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return quote(host, safe="-.")


def display_link(url: str) -> tuple[str, str]:
    """``(host, url)``: the host a browser would contact and the URL in unambiguous ASCII."""
    parts = urlsplit(url)
    host = ascii_host(parts.hostname or "")
    netloc = host
    if parts.port is not None:
        netloc = f"{host}:{parts.port}"
    if parts.username is not None or parts.password is not None:
        # Credentials before an '@' are how links fake a host ("bank.com@evil.example"): kept
        # in the address, but the host shown on its own is the real one.
        user = quote(parts.username or "", safe="")
        password = f":{quote(parts.password, safe='')}" if parts.password is not None else ""
        netloc = f"{user}{password}@{netloc}"
    shown = urlunsplit(
        (
            parts.scheme,
            netloc,
            quote(parts.path, safe=_SAFE),
            quote(parts.query, safe=_SAFE),
            quote(parts.fragment, safe=_SAFE),
        )
    )
    return host, shown

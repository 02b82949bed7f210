"""check_url's shortcut for the usual link gives what urlsplit and urlunsplit give, or the same error.

The shortcut (``_PLAIN``) skips urlsplit for a lower-case http(s) URL with a plain host and
printable ASCII after it; everything else takes the full path (``_checked``). Both are run over
every URL in the shared corpora and over made-up URLs on and just past the shortcut's edge.
"""

from __future__ import annotations

import itertools
import re

import pytest

from tests.conftest import SHARED
from tui.core.feeds.urls import _PLAIN, UrlError, _checked, check_url

CORPORA = SHARED / "corpora"

_HOSTS = ["example.com", "EXAMPLE.com", "a-b.c", "1.2.3.4", "x", "a..b", "-", "user@h.com", "u:p@H.com"]
_HOSTS += ["h.com:8080", "h.com:", "h.com:99999", "h.com:x", "[::1]", "[::1]:80", "[::1", "bücher.de"]
_HOSTS += ["h%41.com", "", "h_c.com", "h.com.", "H.COM@x"]
_RESTS = ["", "/", "/a/b", "?", "#", "?#", "/?", "/#", "?q=1", "#f", "/p?q#f", "/p?#f", "/p?q#", "/p#f?q"]
_RESTS += ["/p#a#b", "/p??q", "/a b", "/a%20b", "/%zz", "/ü", "/a\tb", "/a\nb", "/\\x", "/p?q=a b"]
_RESTS += ["/p ", "/\x7f", "/\x85", "/\u00a0", "/p\u2028", ";x", "/a;b?c=d&e=f#g"]
_SCHEMES = ["http://", "https://", "HTTP://", "Https://", "ftp://", "feed://", "feed:https://", "http:/"]
_SCHEMES += ["http:", "", "javascript:", " http://", "\u00a0https://"]


def outcome(fn, url):
    try:
        return fn(url)
    except UrlError as e:
        return ("refused", str(e))


def made_up() -> list[str]:
    urls = [s + h + r for s, h, r in itertools.product(_SCHEMES, _HOSTS, _RESTS)]
    return urls + [u + " " for u in urls[::7]] + ["https://h.com/" + "a" * 4100, "http://h.com/" + "a" * 4070]


def corpus_urls() -> list[str]:
    if not CORPORA.is_dir():
        return []
    found: set[str] = set()
    for p in sorted(CORPORA.rglob("*")):
        if p.is_file():
            text = p.read_bytes().decode("utf-8", "replace")
            found.update(re.findall(r"""[A-Za-z]{2,8}:[^\s"'<>]{1,300}""", text))
    return sorted(found)


def test_the_shortcut_agrees_with_urlsplit_on_made_up_urls():
    urls = made_up()
    assert [outcome(check_url, u) for u in urls] == [outcome(_checked, u) for u in urls]
    assert sum(1 for u in urls if _PLAIN.match(u)) > 100  # the shortcut was taken, often


def test_the_shortcut_agrees_with_urlsplit_over_the_corpora():
    urls = corpus_urls()
    if not urls:
        pytest.skip(f"{CORPORA} is not here")
    assert [outcome(check_url, u) for u in urls] == [outcome(_checked, u) for u in urls]
    assert sum(1 for u in urls if _PLAIN.match(u)) > 1000


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://Example.COM", "https://example.com/"),
        ("http://h.com/p?#", "http://h.com/p"),
        ("http://h.com?q", "http://h.com/?q"),
        ("http://h.com#f?q", "http://h.com/#f?q"),
        ("http://h.com/p#a#b", "http://h.com/p#a#b"),
    ],
)
def test_the_shortcut_normalises_like_the_full_path(url, expected):
    assert _PLAIN.match(url)
    assert check_url(url) == expected == _checked(url)

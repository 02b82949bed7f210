"""Parts of the fast path made cheaper, against what they replace (feedparser's own calls)."""

from __future__ import annotations

import random

import feedparser.urls
import lxml.etree

from tui.core.feeds import fast_entry
from tui.core.feeds.fast_entry import join_uri, key_of


def test_join_uri_is_feedparsers_urljoin_without_a_base():
    values = ["", "x", "/a/b", "http://example.org/a", "http:///example.org", "https:////x//y", "feed://x"]
    values += ["HTTP://X", "a+b-c.d:///p", "1http:///x", "http:/x", "mailto:x@y", " http:///x", "http://"]
    rng = random.Random(11)
    for _ in range(3000):
        values.append("".join(rng.choice("h:/tpsa.+-1 ?#&x") for _ in range(rng.randint(0, 14))))
    assert [join_uri(v) for v in values] == [feedparser.urls._urljoin("", v) for v in values]


def _old_key_of(el) -> str:
    ns, _, local = el.tag[1:].rpartition("}") if el.tag[0] == "{" else ("", "", el.tag)
    local = local.lower()
    if not ns:
        return local
    lower = ns.lower()
    if "backend.userland.com/rss" in lower:
        lower = "http://backend.userland.com/rss"
    prefix = fast_entry._KNOWN_NS[lower] if lower in fast_entry._KNOWN_NS else (el.prefix or "")
    return f"{prefix}_{local}" if prefix else local


def test_keys_are_the_same_when_kept_and_a_prefix_of_the_documents_own_is_not_kept():
    doc = (
        b'<r xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:a="urn:x" xmlns:b="urn:x"'
        b' xmlns:u="http://backend.userland.com/rss2"><Title/><dc:Creator/><a:thing/><b:thing/>'
        b'<u:item/><media:content xmlns:media="http://search.yahoo.com/mrss/"/><c:d xmlns:c="urn:y"/></r>'
    )
    root = lxml.etree.fromstring(doc)
    for _ in range(2):  # the second time from what was kept
        assert [key_of(el) for el in root] == [_old_key_of(el) for el in root]
    assert [key_of(el) for el in root][2:4] == ["a_thing", "b_thing"]


def _obvious_teaser(blocks: list[tuple[str, str]]) -> bool:
    from tui.core.feeds.items import _BODY_KINDS, _TEASER_END, TEASER_WORDS

    words = sum(len(text.split()) for kind, text in blocks if kind in _BODY_KINDS)
    if words < TEASER_WORDS:
        return True
    return bool(_TEASER_END.search(blocks[-1][1][-80:]))


def test_teasers_are_told_as_by_counting_every_word():
    from tui.core.feeds.items import is_teaser

    rng = random.Random(4)
    for _ in range(3000):
        blocks = [
            (
                rng.choice(["paragraph", "list_item", "headline", "link", "blockquote"]),
                " ".join(
                    rng.choice(["w", "word", "…", "Read more", " ", "\n"]) for _ in range(rng.randint(0, 60))
                ),
            )
            for _ in range(rng.randint(0, 5))
        ]
        assert is_teaser(blocks) == _obvious_teaser(blocks)

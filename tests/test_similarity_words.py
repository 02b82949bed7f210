"""The sketches' words and leads, made faster, against the obvious way over real and own texts.

:func:`similarity._word_bytes` splits ASCII text by a byte table instead of the ``\\w+`` regex, and
:func:`similarity.lead` splits off only the words it still needs: both must give exactly what the
obvious code gives (the regex's ``_words``; ``lead`` as it was, kept here) for every item of the shared corpora and texts of our own.
"""

from __future__ import annotations

import random

import pytest

from tests.conftest import SHARED
from tui.core import similarity
from tui.core.feeds.document import item_to_document
from tui.core.feeds.parse import parse_feed

_NOT_FEEDS = (".md", ".py", ".csv", ".gz", ".json", ".opml")


def _obvious_lead(text, blocks) -> str:
    words: list[str] = []
    body = [b for b in blocks if b.kind not in similarity._SKIP_KINDS]
    for part in (text[b.start : b.end] for b in body) if body else [text]:
        words.extend(part.split())
        if len(words) >= similarity.LEAD_WORDS:
            break
    return " ".join(words[: similarity.LEAD_WORDS])


def _own_texts() -> list[str]:
    rng = random.Random(5)
    alphabet = [chr(c) for c in range(128)] + list("éÉßŞİıﬁ½²٣ _\u00a0\u2003\u200bК字")
    out = ["", " ", "a", "Rail bridge over the Elbe closed", "ÉCOLE Straße naïve", "x_y 1,000 U.S. it's"]
    out += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80))) for _ in range(2000)]
    return out


def _corpus_documents():
    corpora = SHARED / "corpora"
    if not corpora.is_dir():
        return []
    docs = []
    for path in sorted(corpora.rglob("*")):
        if path.is_file() and path.suffix.lower() not in _NOT_FEEDS:
            parsed = parse_feed(path.read_bytes(), url="https://example.org/feed")
            docs += [item_to_document(it, parsed.title) for it in parsed.entries]
    return docs


def test_words_of_our_own_texts_are_the_regexs():
    for text in _own_texts():
        assert similarity._word_bytes(text) == [w.encode() for w in similarity._words(text)], repr(text)


@pytest.mark.slow
def test_words_and_leads_of_every_corpus_item_are_the_obvious_ones():
    docs = _corpus_documents()
    if not docs:
        pytest.skip("the shared corpora are not here")
    for doc in docs:
        lead = similarity.lead(doc.text, doc.blocks)
        assert lead == _obvious_lead(doc.text, doc.blocks)
        for part in (doc.title, lead, doc.text):
            assert similarity._word_bytes(part) == [w.encode() for w in similarity._words(part)]


def test_leads_of_our_own_are_the_obvious_ones():
    from tui.core.models import Block

    rng = random.Random(9)
    for _ in range(500):
        paragraphs = [" ".join("w" * rng.randint(1, 3) for _ in range(rng.randint(0, 70))) for _ in range(4)]
        text, blocks, pos = "", [], 0
        for k, p in enumerate(paragraphs):
            kind = rng.choice(["paragraph", "headline", "caption", "list_item"])
            text += ("\n\n" if k else "") + p
            pos = len(text) - len(p)
            blocks.append(Block(kind, pos, len(text)))
        assert similarity.lead(text, blocks) == _obvious_lead(text, blocks)
        assert similarity.lead(text, []) == _obvious_lead(text, [])

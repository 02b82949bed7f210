"""Bullet summaries: three whole sentences of the article, chosen for news.

Only sentences of body paragraphs and list items count (never the headline, the publisher's
standfirst, captions, credits, promos or subheads), and only those that pass the tests of
:mod:`.summary_quality` (whole sentences; no caption, credit or promo left in the body text; no
bare quotation; no question or fragment). A sentence broken by a paragraph break (the first part
without a full stop, the rest starting in lower case) is joined back first.

Each sentence gets a score with few parts, each a general trait of news writing: a lead prior
that decays with its position (news puts the facts first), plus a little for the entities it
names (the analysis's own entities: concrete sentences carry the story) and for figures, minus a
little for length, since long sentences dilute a short summary. The best three are returned in
article order, cleaned of datelines such as "(CNN)" and of stray whitespace. Articles with fewer
good sentences are filled up with whole sentences that are not news (a bare quote, a question);
an article of five sentences or more is filled up to three with anything, page furniture last.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..models import LIST_ITEM, SUMMARY_KINDS, Document, Entity, Quote
from .doc_text import block_text, shown_form
from .summary_quality import (
    MIN_TOKENS,
    continues,
    ends_open,
    is_aside,
    is_bare_quote,
    is_furniture,
    is_sponsors_lead,
    is_statement,
    is_whole,
)

if TYPE_CHECKING:  # pragma: no cover
    from .pipeline import Paragraph

BULLETS = 3
MAX_BULLETS = 5
# Articles of this many sentences always get BULLETS bullets; shorter ones only good sentences.
FILL_SENTENCES = 5
# Only the opening of a long article is scored: the lead prior makes later sentences lose anyway,
# and it bounds the work on very long inputs.
CANDIDATES = 30
# Weights of the sentence score (see the module docstring).
POSITION_DECAY = 0.2
ENTITY_BONUS = 0.3
ENTITY_CAP = 3
FIGURE_BONUS = 0.1
LENGTH_PENALTY = 0.2 / 30  # per word
# Lines ending in a colon with this many words or fewer are labels (see _is_label).
LABEL_WORDS = 6

# "(CNN)", "LONDON (Reuters) -", "(The Hollywood Reporter) --" at the start of an article.
_SOURCE_TAG = re.compile(r"^(?:[A-Z][A-Z .,'/-]{1,40}\s*)?\([A-Z][\w .&'-]{0,40}\)\s*(?:--|[-–—])?\s*")
_LEADING_JUNK = re.compile(r"^[\s•·▪‣◦●○■□►▶*◆◇→»|–—-]+")
# An update's stamp before the news it brings: "Updated 11/28/17: The fifth beta is out."
_UPDATE_STAMP = re.compile(r"^update[ds]?\b[^:!?]{0,40}:\s+(?=[A-Z0-9\"“‘'])", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_DIGIT = re.compile(r"\d")

# Fallback order when too few sentences are good: a bare quote or a short sentence reads better
# than a fragment, and page furniture comes last.
_GOOD, _WEAK, _FRAGMENT, _FURNITURE = range(4)


@dataclass(slots=True)
class _Candidate:
    index: int
    text: str
    start: int  # document offsets of the sentence as written
    end: int
    tokens: int  # spaCy tokens, for the minimum length
    open_end: bool  # last sentence of its block, without final punctuation
    last: bool  # last sentence of its block
    statement: bool
    nested: bool = False  # an item of a list inside a list item
    aside: bool = False  # a sentence of a paragraph wholly in brackets
    score: float = 0.0
    tier: int = _GOOD


def summarise(
    doc: Document, paras: list[Paragraph], entities: list[Entity], quotes: list[Quote]
) -> list[str]:
    """Three to five clean sentences of ``doc`` (fewer only if the article has fewer)."""
    cands = _candidates(doc, paras)
    starts = sorted(e.start for e in entities)
    quoted = sorted((q.start, q.end) for q in quotes)
    for cand in cands:
        raw = doc.text[cand.start : cand.end]
        cand.tier = _tier(cand, raw, quoted)
        named = bisect_left(starts, cand.end) - bisect_left(starts, cand.start)
        cand.score = _score(cand, named)
    good = sorted((c for c in cands if c.tier == _GOOD), key=lambda c: -c.score)
    chosen = good[:BULLETS]
    if len(chosen) < BULLETS:
        # Whole sentences that are not news may fill up; fragments and page furniture only when an
        # article of FILL_SENTENCES or more would otherwise have fewer than three bullets.
        worst = _FURNITURE if len(cands) >= FILL_SENTENCES else _WEAK
        # (a list's own items before the items of lists inside them: a show's topics, not its links)
        rest = sorted(
            (c for c in cands if _GOOD < c.tier <= worst),
            key=lambda c: (c.tier == _FURNITURE, c.nested, c.tier, c.index),
        )
        chosen += rest[: BULLETS - len(chosen)]
    chosen.sort(key=lambda c: c.index)
    return [c.text for c in chosen[:MAX_BULLETS]]


def _candidates(doc: Document, paras: list[Paragraph]) -> list[_Candidate]:
    """The first :data:`CANDIDATES` distinct body sentences, broken ones joined back."""
    out: list[_Candidate] = []
    seen: set[str] = set()
    sponsors = False  # inside the list under "Sponsored by:"
    for block, sdoc in paras:
        sponsors = sponsors and block.kind == LIST_ITEM
        if block.kind not in SUMMARY_KINDS or sponsors:
            if out:
                out[-1].open_end = False  # never join across a caption or a heading
            continue
        if is_sponsors_lead(doc.text[block.start : block.end]):
            sponsors = True  # (a podcast's notes: "Sponsored by:" and a list of taglines and codes)
            continue
        sents = list(sdoc.sents)
        whole = block_text(sdoc)
        aside = len(sents) > 1 and is_aside(whole.strip())  # ("(This definition is my riff ... video.)")
        numbers: list[int] | None = None
        for n, sent in enumerate(sents):
            # (sent.text, without joining its tokens; typographic apostrophes and dashes as written)
            raw = shown_form(
                whole[sent.start_char : sent.end_char],
                doc.text[block.start + sent.start_char : block.start + sent.end_char],
            )
            text = clean_sentence(raw, first=not out)
            if not any(ch.isalnum() for ch in text):
                continue  # (a permalink's "★" or "∞": no words at all)
            last = n == len(sents) - 1
            start = block.start + sent.start_char
            prev = out[-1] if out else None
            if n == 0 and prev is not None and prev.open_end and continues(prev.text, text):
                prev.text = f"{prev.text} {text}"
                prev.end, prev.tokens, prev.last = start + len(raw), prev.tokens + len(sent), last
                prev.open_end = last and ends_open(text)
                prev.statement = prev.tokens >= MIN_TOKENS and not prev.text.endswith(("?", ":"))
                continue
            if len(out) >= CANDIDATES:
                return out
            if text.casefold() in seen:
                continue
            seen.add(text.casefold())
            cand = _Candidate(len(out), text, start, start + len(raw), len(sent), False, last, False)
            cand.nested = block.kind == LIST_ITEM and _nested(doc.text, block.start)
            cand.aside = aside
            cand.open_end = last and ends_open(text)
            if numbers is None:
                numbers = sdoc.to_array("LIKE_NUM").tolist()
            cand.statement = is_statement(sent, text, numbers)
            out.append(cand)
    return out


def _tier(cand: _Candidate, raw: str, quoted: list[tuple[int, int]]) -> int:
    if cand.aside or is_furniture(cand.text) or _is_label(cand.text):
        return _FURNITURE
    if not is_whole(cand.text):
        return _FRAGMENT
    if not cand.statement or is_bare_quote(raw, cand.start, quoted):
        return _WEAK
    return _GOOD


def _nested(text: str, start: int) -> bool:
    """Is the list item at ``start`` (after its bullet) indented under another one?"""
    line = text.rfind("\n", 0, start) + 1
    return text[line : line + 1] == " "


def _is_label(text: str) -> bool:
    """A few words ending in a colon head what follows ("Follow up:", "Standard Ebooks:"): no gist."""
    return text.endswith(":") and len(text.split()) <= LABEL_WORDS


def _score(cand: _Candidate, named: int) -> float:
    figures = _DIGIT.search(cand.text) is not None
    return (
        math.exp(-POSITION_DECAY * cand.index)
        + ENTITY_BONUS * min(named, ENTITY_CAP) / ENTITY_CAP
        + FIGURE_BONUS * figures
        - LENGTH_PENALTY * len(cand.text.split())
    )


def clean_sentence(text: str, first: bool = False) -> str:
    """Whitespace collapsed, leading bullets and an update's stamp gone; the article's first
    sentence loses its dateline."""
    text = _SPACES.sub(" ", text).strip()
    text = _LEADING_JUNK.sub("", text)
    text = _UPDATE_STAMP.sub("", text, count=1)
    if first:
        stripped = _SOURCE_TAG.sub("", text, count=1)
        if len(stripped) >= 20:
            text = stripped
    return text

"""Bullet summaries: three sentences of the article, chosen for news.

Only sentences of body paragraphs and list items count (never the headline, the publisher's
standfirst, captions, credits, promos or subheads). Each sentence gets a score: a lead prior that
decays with its position (news puts the facts first), plus a little for concrete content (named
entities, figures) and minus a little for length, since long sentences dilute a short summary.
Bare quotations (also the continuation of a quote split over sentences), questions and fragments
are kept out unless nothing else is left. The best three
are returned in article order, cleaned of datelines such as "(CNN)" and of stray whitespace.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..models import SUMMARY_KINDS, Document, Entity, Quote

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span

    from .pipeline import Paragraph

BULLETS = 3
MAX_BULLETS = 5
# Only the opening of a long article is scored: the lead prior makes later sentences lose anyway.
CANDIDATES = 30
# Weights of the sentence score (see the module docstring).
POSITION_DECAY = 0.15
FIGURE_BONUS = 0.1
ENTITY_BONUS = 0.25
LENGTH_PENALTY = 0.2 / 30  # per word
MIN_TOKENS = 8
QUOTED_SHARE = 0.5

# Labels that make a sentence concrete; counts and ordinals are too common to tell anything.
_CONTENT_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
    | {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY"}
)
_OPEN_QUOTES = ('"', "“", "'", "‘", "«")
_CLOSE_CHARS = "\"”’'»)] "
# "(CNN)", "LONDON (Reuters) -", "(The Hollywood Reporter) --" at the start of an article.
_SOURCE_TAG = re.compile(r"^(?:[A-Z][A-Z .,'/-]{1,40}\s*)?\([A-Z][\w .&'-]{0,40}\)\s*(?:--|[-–—])?\s*")
_LEADING_JUNK = re.compile(r"^[\s•·▪‣◦●○■□►▶*◆◇→»|–—-]+")
_SPACES = re.compile(r"\s+")


@dataclass(slots=True)
class _Candidate:
    index: int
    text: str
    score: float


def summarise(
    doc: Document, paras: list[Paragraph], entities: list[Entity], quotes: list[Quote]
) -> list[str]:
    """Three to five clean sentences of ``doc`` (fewer only if the article has fewer)."""
    good: list[_Candidate] = []
    poor: list[_Candidate] = []
    seen: set[str] = set()
    quoted = sorted((q.start, q.end) for q in quotes)
    index = 0
    for block, sdoc in paras:
        if block.kind not in SUMMARY_KINDS:
            continue
        for sent in sdoc.sents:
            if index >= CANDIDATES:
                break
            text = clean_sentence(sent.text, first=index == 0)
            if not text or text.casefold() in seen:
                continue
            seen.add(text.casefold())
            cand = _Candidate(index, text, _score(sent, text, index))
            start = block.start + sent.start_char
            news = _is_news_sentence(sent, text) and not _mostly_quoted(quoted, start, start + len(sent.text))
            (good if news else poor).append(cand)
            index += 1
    chosen = sorted(good, key=lambda c: -c.score)[:BULLETS]
    if len(chosen) < BULLETS:
        chosen += sorted(poor, key=lambda c: c.index)[: BULLETS - len(chosen)]
    chosen.sort(key=lambda c: c.index)
    return [c.text for c in chosen[:MAX_BULLETS]]


def _score(sent: Span, text: str, index: int) -> float:
    entities = sum(1 for e in sent.ents if e.label_ in _CONTENT_LABELS)
    figures = any(c.isdigit() for c in text)
    return (
        math.exp(-POSITION_DECAY * index)
        + FIGURE_BONUS * figures
        + ENTITY_BONUS * min(entities, 3) / 3
        - LENGTH_PENALTY * len(text.split())
    )


def _is_news_sentence(sent: Span, text: str) -> bool:
    """A statement that stands on its own: not a bare quotation, a question or a fragment."""
    if len(sent) < MIN_TOKENS:
        return False
    if text.startswith(_OPEN_QUOTES):
        return False
    if text.rstrip(_CLOSE_CHARS).endswith(("?", ":")):
        return False  # a question, or a lead-in to a list or table
    # Words rather than a row of figures ("Oakfield 5 3 0 2 9 7 9").
    figures = sum(1 for t in sent if t.like_num)
    return figures * 3 <= len(sent)


def _mostly_quoted(quoted: list[tuple[int, int]], start: int, end: int) -> bool:
    """Most of the sentence lies inside quotation marks (a quote's continuation, without context)."""
    inside = sum(max(0, min(end, qe) - max(start, qs)) for qs, qe in quoted if qs < end and qe > start)
    return inside > QUOTED_SHARE * max(1, end - start)


def clean_sentence(text: str, first: bool = False) -> str:
    """Whitespace collapsed, leading bullets gone; the article's first sentence loses its dateline."""
    text = _SPACES.sub(" ", text).strip()
    text = _LEADING_JUNK.sub("", text)
    if first:
        stripped = _SOURCE_TAG.sub("", text, count=1)
        if len(stripped) >= 20:
            text = stripped
    return text

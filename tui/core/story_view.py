"""A story seen whole: every source, who said what across them, and one summary of all.

:func:`build_story_view` works on plain data (the sources' rows, documents and cached analyses),
so the library reads them and this module only decides. Quotes are grouped by speaker (a short
form such as "Marsh" joins "Elena Marsh") and the same words carried by several outlets become
one quote with every outlet named. The summary takes the sources' bullets in turn, best source
first, and drops a bullet that says again what an earlier one said.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .models import Analysis, ArticleRow, Document, Story

SUMMARY_BULLETS = 5
# Two sentences (or quotes) say the same when this share of the shorter one's words is in the other.
SAME_WORDS = 0.6
_WORD = re.compile(r"[^\W_]+")
_SMALL = frozenset(
    "a an the of to in on at for and or but by with from as is was are were be been it its that this "
    "he she they his her their said says".split()
)


@dataclass(frozen=True, slots=True)
class StoryQuote:
    """Words of one speaker, as carried by one or more outlets (``article_id`` is the first's)."""

    text: str
    outlets: tuple[str, ...]
    article_id: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class SpeakerQuotes:
    """What one speaker said across the story (``speaker`` None: unattributed quotes)."""

    speaker: str | None
    quotes: tuple[StoryQuote, ...]


@dataclass(frozen=True, slots=True)
class StoryBullet:
    """A summary sentence and the source it was taken from (``start``/``end`` in its text)."""

    text: str
    outlet: str
    article_id: int
    start: int | None
    end: int | None


@dataclass(frozen=True, slots=True)
class StoryView:
    """Everything the story view shows; ``waiting`` are the sources not analysed yet."""

    id: int
    title: str
    sources: tuple[ArticleRow, ...]  # newest first
    speakers: tuple[SpeakerQuotes, ...]  # most quoted first, unattributed last
    summary: tuple[StoryBullet, ...]
    waiting: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Source:
    """One article of a story with what is known of it."""

    row: ArticleRow
    document: Document
    analysis: Analysis | None


def outlet(row: ArticleRow) -> str:
    """The name a source goes by: its publisher, else its feed, else its title."""
    return (row.source or row.feed_title or row.title or "?").strip()


def words(text: str) -> frozenset[str]:
    """The content words of a text, folded (for comparing two sentences or quotes)."""
    return frozenset(w for w in (m.casefold() for m in _WORD.findall(text)) if w not in _SMALL)


def same_words(a: frozenset[str], b: frozenset[str]) -> bool:
    """Do two texts say the same (most words of the shorter one in the other)?"""
    if min(len(a), len(b)) < 4:  # too few words to tell a rewording from another sentence
        return a == b
    return len(a & b) / min(len(a), len(b)) >= SAME_WORDS


def read_story_view(
    story: Story | None,
    rows: Callable[[Sequence[int]], list[ArticleRow]],
    document: Callable[[int], Document],
    analysis: Callable[[int], Analysis | None],
) -> StoryView | None:
    """The view of ``story`` (None: None), its sources read through the library's functions."""
    if story is None:
        return None
    sources = [Source(row, document(row.id), analysis(row.id)) for row in rows(story.article_ids)]
    return build_story_view(story.id, story.title, sources)


def build_story_view(story_id: int, title: str, sources: Sequence[Source]) -> StoryView:
    """The story view of ``sources`` (newest first)."""
    return StoryView(
        id=story_id,
        title=title,
        sources=tuple(s.row for s in sources),
        speakers=tuple(_speakers(sources)),
        summary=tuple(_summary(sources)),
        waiting=tuple(s.row.id for s in sources if s.analysis is None),
    )


def _ends_with(name: str, short: str) -> bool:
    """Is ``short`` a shorter form of ``name`` by its last words ("Marsh" of "Elena Marsh")?"""
    long_words, short_words = name.casefold().split(), short.casefold().split()
    return len(long_words) > len(short_words) and long_words[-len(short_words) :] == short_words


def speaker_names(speakers: set[str]) -> dict[str, str]:
    """Each speaker's group name: the one longer name it is a short form of, else itself (a
    short form of two different people, such as two Marshes, stays apart)."""
    out: dict[str, str] = {}
    for name in speakers:
        longer = {other for other in speakers if name.split() and _ends_with(other, name)}
        widest = {n for n in longer if not any(_ends_with(o, n) for o in longer)}
        out[name] = widest.pop() if len(widest) == 1 else name
    return out


@dataclass(slots=True)
class _Said:
    """One quote as it is being gathered: its words, the first report of it, who was credited."""

    words: frozenset[str]
    quote: StoryQuote
    speakers: list[str]


def _speakers(sources: Sequence[Source]) -> list[SpeakerQuotes]:
    """Quotes gathered across the sources, the same words once, grouped by speaker; a quote goes
    to the speaker most outlets credit it to (the first report's on a tie)."""
    analysed = [s for s in reversed(sources) if s.analysis is not None]  # oldest first
    names = speaker_names({q.speaker for s in analysed if s.analysis for q in s.analysis.quotes if q.speaker})
    gathered: list[_Said] = []
    for source in analysed:
        assert source.analysis is not None
        name = outlet(source.row)
        for q in source.analysis.speech:
            said = words(q.text)
            speaker = [names.get(q.speaker, q.speaker)] if q.speaker else []
            same = next((g for g in gathered if same_words(said, g.words)), None)
            if same is None:
                gathered.append(
                    _Said(said, StoryQuote(q.text, (name,), source.row.id, q.start, q.end), speaker)
                )
                continue
            same.speakers += speaker
            if name not in same.quote.outlets:
                same.quote = _with_outlet(same.quote, name)
    groups: dict[str | None, list[StoryQuote]] = {}
    for g in gathered:
        credited = Counter(g.speakers).most_common(1)[0][0] if g.speakers else None
        groups.setdefault(credited, []).append(g.quote)
    out = [
        SpeakerQuotes(speaker, tuple(sorted(quotes, key=lambda q: -len(q.outlets))))
        for speaker, quotes in groups.items()
    ]
    out.sort(key=lambda g: (g.speaker is None, -sum(len(q.outlets) for q in g.quotes), g.speaker or ""))
    return out


def _with_outlet(quote: StoryQuote, name: str) -> StoryQuote:
    return StoryQuote(quote.text, (*quote.outlets, name), quote.article_id, quote.start, quote.end)


def _summary(sources: Sequence[Source]) -> list[StoryBullet]:
    """Bullets taken in turn from the sources with the fullest summaries, none said twice."""
    analysed = [s for s in sources if s.analysis is not None and s.analysis.summary]
    analysed.sort(key=lambda s: -len(s.document.text))  # the fullest report leads
    chosen: list[tuple[frozenset[str], StoryBullet]] = []
    depth = max((len(s.analysis.summary) for s in analysed if s.analysis), default=0)
    for rank in range(depth):
        for source in analysed:
            assert source.analysis is not None
            if rank >= len(source.analysis.summary) or len(chosen) >= SUMMARY_BULLETS:
                continue
            text = source.analysis.summary[rank]
            said = words(text)
            if any(same_words(said, other) for other, _ in chosen):
                continue
            start = source.document.text.find(text)
            span = (start, start + len(text)) if start >= 0 else (None, None)
            chosen.append((said, StoryBullet(text, outlet(source.row), source.row.id, *span)))
    return [b for _, b in chosen]

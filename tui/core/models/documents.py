"""Documents and what the analysis finds in them: blocks, entities, quotes, summaries.

Offsets everywhere are character offsets into ``Document.text``: a block, an entity mention
and a quote all point into the same string, so the UI can highlight and scroll without
re-deriving anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .languages import ENGLISH, language_name

# Block kinds produced by the text reader.
HEADLINE = "headline"
STANDFIRST = "standfirst"  # a publisher's summary bullet under the headline
PARAGRAPH = "paragraph"
SUBHEAD = "subhead"  # a section heading inside the body
CAPTION = "caption"  # a photo caption
CREDIT = "credit"  # "Photographer: ...", "Photo: ...", "(Reuters)" style credits
MEDIA = "media"  # a video/audio title or other embedded-media label
PROMO = "promo"  # boilerplate: "Read more", "QuickTake ...", newsletter/terminal plugs
LIST_ITEM = "list_item"  # a bullet inside the body (HTML <li>, markdown "- ")
DATELINE = "dateline"  # "LONDON 1996-08-30" style lines
CODE = "code"  # preformatted text (<pre>, fenced code): its lines and indentation kept, never analysed
BLOCKQUOTE = "blockquote"  # words quoted from elsewhere, set apart from the author's own
IMAGE = "image"  # "[image: alt]" where the article shows a picture
LINK = "link"  # "[n] url": one of the article's links, listed at its end
ENCLOSURE = "enclosure"  # "[n] url (type, size)": a podcast episode, an image attached to a feed item

# Kinds whose text is analysed for entities (everything the reader keeps as content).
ENTITY_KINDS = frozenset(
    {HEADLINE, STANDFIRST, PARAGRAPH, SUBHEAD, CAPTION, LIST_ITEM, DATELINE, MEDIA, BLOCKQUOTE}
)
# Kinds that carry quotations worth extracting. A blockquote is itself no quote (it quotes someone
# without quotation marks or a reporting verb) nor a summary line, but the quotations inside it are
# quotes: a linkblog's passage from a news report carries that report's quotes and speakers.
QUOTE_KINDS = frozenset({PARAGRAPH, LIST_ITEM, STANDFIRST, BLOCKQUOTE})
# Kinds whose sentences may become summary bullets.
SUMMARY_KINDS = frozenset({PARAGRAPH, LIST_ITEM})


@dataclass(frozen=True, slots=True)
class Block:
    """One structural unit of an article: ``text[start:end]`` with a kind.

    ``label`` is a :data:`LINK` block's own text, what the reader saw in the article ("the
    report"): plain text, "" when the link had none (and in rows stored before links kept it).
    """

    kind: str
    start: int
    end: int
    label: str = ""

    def __reduce__(self) -> tuple:
        # A plain constructor call: dataclasses' slotted __setstate__ looks up the fields for every
        # block, which was a tenth of the parent's CPU when a refresh's documents came back.
        if self.label:
            return Block, (self.kind, self.start, self.end, self.label)
        return Block, (self.kind, self.start, self.end)


@dataclass(frozen=True, slots=True)
class Document:
    """An article as read from a file or a feed: the text and its structure."""

    text: str
    blocks: list[Block]
    title: str = ""
    path: str | None = None
    source: str | None = None  # publisher or feed title
    date: str | None = None  # ISO 8601 date or datetime
    url: str | None = None
    attribution: str | None = None  # licence/credit line to show with the article
    warnings: list[str] = field(default_factory=list)

    def __reduce__(self) -> tuple:
        return Document, (
            self.text,
            self.blocks,
            self.title,
            self.path,
            self.source,
            self.date,
            self.url,
            self.attribution,
            self.warnings,
        )

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]

    def blocks_of(self, *kinds: str) -> list[Block]:
        return [b for b in self.blocks if b.kind in kinds]


@dataclass(frozen=True, slots=True)
class Entity:
    """One entity mention; ``canonical`` is the name shared by all mentions of the same entity."""

    start: int
    end: int
    text: str
    label: str  # OntoNotes label: PERSON, ORG, GPE, LOC, NORP, FAC, EVENT, DATE, MONEY, ...
    canonical: str


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation: ``start``/``end`` cover the content without the quotation marks."""

    start: int
    end: int
    text: str
    speaker: str | None  # canonical entity name, or the speaker phrase when not an entity
    cue: str | None  # the reporting verb or phrase ("said", "according to")


# Quotations of at most this many words are quoted terms unless a person named in the article
# said them (see is_term).
TERM_WORDS = 3


def is_term(text: str | None, speaker: str | None, people: frozenset[str] | set[str] = frozenset()) -> bool:
    """Are these a few words in quotation marks that no person of ``people`` (the canonical names
    of the article's people) is said to have said: a scare quote, a name for something, a command
    ("green threads", 'It calls the "element" method', 'what the docs call "flaky"')? They are
    shown as quoted terms, not listed as speech."""
    return len((text or "").split()) <= TERM_WORDS and (speaker is None or speaker not in people)


def quote_words(text: str) -> tuple[str, ...]:
    """A quotation's words, whatever its case, punctuation and spacing (for telling the same words
    again: a quote repeated in the article, or reported by another outlet)."""
    return tuple(re.findall(r"\w+", text.casefold()))


def terms_line(terms: list[str], more: int = 0) -> str:
    """The line that names quoted terms: "Also in quotation marks: “now” · “green threads”", and
    "and N more" for ``more`` left out; "" for none."""
    if not terms:
        return ""
    rest = f" and {more} more" if more else ""
    return "Also in quotation marks: " + " · ".join(f"“{t}”" for t in terms) + rest


@dataclass(frozen=True, slots=True)
class Analysis:
    """The result of analysing one document. ``language`` is its ISO 639-1 code: only English is
    analysed, so another language comes with no entities, quotes or summary."""

    entities: list[Entity]
    quotes: list[Quote]
    summary: list[str]
    version: str = ""
    language: str = ENGLISH

    @property
    def speech(self) -> list[Quote]:
        """The quotes that are speech: all but the quoted terms (:func:`is_term`)."""
        return [q for q, term in zip(self.quotes, self.term_marks(), strict=True) if not term]

    @property
    def terms(self) -> list[str]:
        """The quoted terms, each once, in order, with single spaces; not the words of a quote the
        article gives as speech elsewhere (a standfirst's ‘new American moment’ is the
        president's “new American moment” in the text)."""
        marks = self.term_marks()
        said = {quote_words(q.text) for q, term in zip(self.quotes, marks, strict=True) if not term}
        terms = (
            " ".join(q.text.split())
            for q, term in zip(self.quotes, marks, strict=True)
            if term and quote_words(q.text) not in said
        )
        return list(dict.fromkeys(t for t in terms if t))

    def is_term(self, quote: Quote) -> bool:
        return is_term(quote.text, quote.speaker, self._people())

    def _people(self) -> set[str]:
        return {e.canonical for e in self.entities if e.label == "PERSON"}

    def term_marks(self) -> list[bool]:
        """For each quote, in order, whether it is a quoted term (the article's people found once)."""
        people = self._people()
        return [is_term(q.text, q.speaker, people) for q in self.quotes]

    @property
    def analysed(self) -> bool:
        """Was the text analysed (English), rather than skipped for its language?"""
        return self.language == ENGLISH

    @property
    def skipped_note(self) -> str:
        """What to show for a skipped article ("not analysed: German"); empty for an analysed one."""
        return "" if self.analysed else f"not analysed: {language_name(self.language)}"

    def entity_counts(self) -> dict[tuple[str, str], int]:
        """Mentions per (canonical, label)."""
        counts: dict[tuple[str, str], int] = {}
        for e in self.entities:
            key = (e.canonical, e.label)
            counts[key] = counts.get(key, 0) + 1
        return counts

    def to_json(self) -> dict:
        return {
            "entities": [
                {"start": e.start, "end": e.end, "text": e.text, "label": e.label, "canonical": e.canonical}
                for e in self.entities
            ],
            "quotes": [
                {"start": q.start, "end": q.end, "text": q.text, "speaker": q.speaker, "cue": q.cue}
                for q in self.quotes
            ],
            "summary": list(self.summary),
            "language": self.language,
        }

    @classmethod
    def from_json(cls, data: dict, version: str = "") -> Analysis:
        return cls(
            entities=[Entity(**e) for e in data.get("entities", [])],
            quotes=[Quote(**q) for q in data.get("quotes", [])],
            summary=list(data.get("summary", [])),
            version=version,
            language=str(data.get("language") or ENGLISH),
        )

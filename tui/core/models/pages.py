"""Search hits, saved searches, entity pages and stories."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class SearchOrder(StrEnum):
    """How search results are ordered: best match first, or newest first."""

    RANK = "rank"
    DATE = "date"


@dataclass(frozen=True, slots=True)
class SearchHit:
    """An article a search found, with a short plain-text snippet and where the words matched in it."""

    id: int
    title: str
    source: str | None
    date: str | None
    url: str | None
    snippet: str
    marks: tuple[tuple[int, int], ...] = ()  # (start, end) of each matched word in ``snippet``

    def to_json(self) -> dict:
        """The ``newsreader search --json`` object (a public contract)."""
        return {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "date": self.date,
            "url": self.url,
            "snippet": self.snippet,
        }


@dataclass(frozen=True, slots=True)
class SavedSearch:
    """A search kept as a view of the feeds tree (newsboat's query feeds)."""

    id: int
    name: str
    query: str


# -- entity pages -------------------------------------------------------------------------------

# Words an acronym leaves out ("Democratic National Committee" -> "DNC", "Bank of England" -> "BOE"):
# the analysis links an article's acronyms to its full names with them, the library its pages.
ACRONYM_SKIP = frozenset({"of", "and", "the", "for", "&", "in", "on", "de", "du", "la"})


@dataclass(frozen=True, slots=True)
class EntityArticle:
    """An article that names an entity; ``start``/``end`` locate the first mention."""

    id: int
    title: str
    date: str | None
    start: int | None = None
    end: int | None = None
    source: str | None = None  # the outlet or feed
    copies: int = 0  # other sources that carry the same text (wire copy), folded into this row


@dataclass(frozen=True, slots=True)
class EntityQuote:
    """A quote in an article, by ``speaker``; ``start``/``end`` locate it in the article's text."""

    article_id: int
    article_title: str
    date: str | None
    text: str
    speaker: str | None
    start: int
    end: int
    source: str | None = None  # the outlet or feed
    copies: int = 0  # other sources that carry the same text, folded into this quote


@dataclass(frozen=True, slots=True)
class Neighbour:
    """An entity named in ``count`` of the same articles."""

    name: str
    label: str
    count: int


PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


@dataclass(frozen=True, slots=True)
class PageWords:
    """How an entity's page speaks of it, by its type. A person or a group is "them"; an
    organisation is "it" and says things; a place does not speak: the quotes credited to its name
    ("Russia said …") are statements made in its name, by its government."""

    them: str  # "them" / "it"
    said: str  # the title of the quotes whose speaker is the entity
    said_count: str  # after "3 quotes": "by them", "in its name"
    no_said: str  # the note of that list when empty
    about: str  # the title of the quotes by others that name the entity


def page_words(label: str) -> PageWords:
    """The words of the page of an entity labelled ``label`` (an OntoNotes label)."""
    if label in PLACE_LABELS:
        return PageWords(
            "it", "Said in its name", "in its name", "Nothing said in its name.", "Said about it"
        )
    if label == "ORG":
        return PageWords("it", "What it said", "by it", "No quotes by it.", "Said about it")
    return PageWords("them", "What they said", "by them", "No quotes by them.", "Said about them")


@dataclass(frozen=True, slots=True)
class EntityPage:
    """A person, organisation or place across the whole library."""

    name: str
    label: str
    aliases: tuple[str, ...]  # other forms seen in the text ("Obama", "President Obama")
    articles: tuple[EntityArticle, ...]  # newest first
    said: tuple[EntityQuote, ...]  # quotes whose speaker is the entity's name, newest first
    said_about: tuple[EntityQuote, ...]  # quotes by others that name them, newest first
    neighbours: tuple[Neighbour, ...]  # the entities most often named alongside
    timeline: tuple[tuple[str, int], ...]  # (day, articles that day), oldest first

    @property
    def words(self) -> PageWords:
        """How the page speaks of the entity (see :func:`page_words`)."""
        return page_words(self.label)

    def to_json(self) -> dict:
        """The ``newsreader who --json`` object (a public contract)."""
        return {
            "name": self.name,
            "label": self.label,
            "aliases": list(self.aliases),
            "articles": [
                {"id": a.id, "title": a.title, "date": a.date, "source": a.source, "copies": a.copies}
                for a in self.articles
            ],
            "said": [
                {
                    "article_id": q.article_id,
                    "text": q.text,
                    "date": q.date,
                    "source": q.source,
                    "copies": q.copies,
                }
                for q in self.said
            ],
            "said_about": [
                {
                    "article_id": q.article_id,
                    "text": q.text,
                    "speaker": q.speaker,
                    "source": q.source,
                    "copies": q.copies,
                }
                for q in self.said_about
            ],
            "with": [{"name": n.name, "label": n.label, "count": n.count} for n in self.neighbours],
        }


@dataclass(frozen=True, slots=True)
class Story:
    """Articles about the same event from different feeds (see ``Library.stories``).

    ``title`` is the headline of the story's earliest article (the first report);
    ``article_ids`` are newest first.
    """

    id: int
    title: str
    article_ids: tuple[int, ...]

    def to_json(self) -> dict:
        """The public JSON shape of ``newsreader stories --json``."""
        return {"id": self.id, "title": self.title, "articles": list(self.article_ids)}

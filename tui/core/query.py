"""Search queries as the reader types them, parsed into words, phrases and filters.

``ferry "old harbour" person:"Ana Ruiz" said:Ruiz feed:gazette folder:News is:unread
after:2016-09-01 before:2017`` — free words and quoted phrases are matched in the full-text
index (title, text and feed title); ``field:value`` terms filter. Whatever is typed is a query:
an unbalanced quote closes at the end, ``*`` only ever makes a prefix of the word it ends,
``AND``/``OR``/``NOT``/``NEAR(`` are words like any other, and an unknown ``field:`` is searched
as the words it is made of. Only a filter that cannot mean anything (``is:purple``,
``after:someday``, ``person:`` with no name) is refused, with one line saying why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .errors import QueryError

# Entity filters and the spaCy (OntoNotes) labels each stands for.
ENTITY_FIELDS: dict[str, tuple[str, ...]] = {
    "person": ("PERSON",),
    "org": ("ORG",),
    "place": ("GPE", "LOC", "FAC"),
    "group": ("NORP",),
}
FIELDS = frozenset({*ENTITY_FIELDS, "said", "feed", "folder", "is", "after", "before"})
IS_VALUES = ("unread", "read", "starred")

_FIELD = re.compile(r"([A-Za-z]+):")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class EntityFilter:
    """Articles that mention an entity of one of ``labels`` named ``name`` (or a longer form of it)."""

    name: str
    labels: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A parsed query. ``match`` is the full-text expression (empty: filters only)."""

    text: str
    match: str = ""
    entities: tuple[EntityFilter, ...] = ()
    speakers: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    folders: tuple[str, ...] = ()
    read: bool | None = None
    starred: bool | None = None
    after: str | None = None  # ISO date, inclusive
    before: str | None = None  # ISO date, exclusive

    @property
    def empty(self) -> bool:
        """Nothing to search for and nothing to filter by."""
        return self == SearchQuery(self.text)


def _fts_term(text: str, prefix: bool = False) -> str | None:
    """One FTS5 string (a word or a phrase), quoted so nothing in it is syntax; None when it
    holds no word at all (punctuation only)."""
    if not _WORD.search(text):
        return None
    return '"' + text.replace('"', '""') + '"' + ("*" if prefix else "")


def _iso_date(field: str, value: str) -> str:
    """``2016``, ``2016-09`` or ``2016-09-01`` as the first day it covers."""
    parts = value.split("-")
    try:
        if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts):
            raise ValueError
        y, m, d = (
            int(parts[0]),
            int(parts[1]) if len(parts) > 1 else 1,
            int(parts[2]) if len(parts) > 2 else 1,
        )
        return date(y, m, d).isoformat()
    except ValueError:
        raise QueryError(
            f"{field}: expects a date like 2016-09-01 (or 2016-09, or 2016), not {value!r}"
        ) from None


def _tokens(text: str) -> list[tuple[str | None, str, bool]]:
    """(field or None, value, quoted) for each term; quotes close at the end when unbalanced."""
    out: list[tuple[str | None, str, bool]] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        field = None
        m = _FIELD.match(text, i)
        if m and m.group(1).lower() in FIELDS:
            field = m.group(1).lower()
            i = m.end()
        if i < n and text[i] == '"':
            end = text.find('"', i + 1)
            end = n if end < 0 else end
            out.append((field, text[i + 1 : end], True))
            i = end + 1
            continue
        j = i
        while j < n and not text[j].isspace():
            j += 1
        out.append((field, text[i:j], False))
        i = j
    return out


def parse_query(text: str) -> SearchQuery:
    """Parse what the reader typed; raises :class:`QueryError` for a filter that means nothing."""
    terms: list[str] = []
    entities: list[EntityFilter] = []
    speakers: list[str] = []
    feeds: list[str] = []
    folders: list[str] = []
    flags: dict[str, bool] = {}
    dates: dict[str, str] = {}
    for field, value, quoted in _tokens(text):
        value = value.strip()
        if field is None:
            prefix = not quoted and value.endswith("*")
            term = _fts_term(value.rstrip("*") if prefix else value, prefix and len(value) > 1)
            if term:
                terms.append(term)
            continue
        if not value:
            raise QueryError(f'{field}: needs a value, like {field}:"{_EXAMPLES.get(field, "Ana Ruiz")}"')
        if field in ENTITY_FIELDS:
            entities.append(EntityFilter(value, ENTITY_FIELDS[field]))
        elif field == "said":
            speakers.append(value)
        elif field == "feed":
            feeds.append(value)
        elif field == "folder":
            folders.append(value.strip("/"))
        elif field == "is":
            what = value.lower()
            if what not in IS_VALUES:
                raise QueryError(f"is: expects one of {', '.join(IS_VALUES)}, not {value!r}")
            if what == "starred":
                flags["starred"] = True
            else:
                flags["read"] = what == "read"
        else:  # after, before
            dates[field] = _iso_date(field, value)
    return SearchQuery(
        text=text,
        match=" ".join(terms),
        entities=tuple(entities),
        speakers=tuple(speakers),
        feeds=tuple(feeds),
        folders=tuple(folders),
        read=flags.get("read"),
        starred=flags.get("starred"),
        after=dates.get("after"),
        before=dates.get("before"),
    )


_EXAMPLES = {
    "said": "Ana Ruiz",
    "feed": "Harbour Gazette",
    "folder": "News",
    "is": "unread",
    "after": "2016-09-01",
    "before": "2016-09-01",
}

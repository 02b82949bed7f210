"""Sidecar metadata: ``X.json`` beside ``X.txt`` gives its title, source, date, attribution and url.

A sidecar is a JSON object with only those keys (:data:`SIDECAR_KEYS`), each a string or null;
anything else beside an article is not a sidecar (``analyze --json X.txt > X.json`` writes an
object with ``text``, ``entities``... that must not rename the article) and is ignored with one
warning saying why. A broken sidecar is a warning, never a failure: the article itself is still
readable.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from ..models import Document
from ..sanitize import clean_line

MAX_SIDECAR_BYTES = 1024 * 1024
# Host labels that say nothing about the publisher ("en.wikinews.org", "www.example.com").
_HOST_NOISE = frozenset({"www", "m", "mobile", "amp", "en", "edition", "news", "web"})
# Second-level labels under a country code ("bbc.co.uk", "abc.net.au").
_SECOND_LEVEL = frozenset({"co", "com", "net", "org", "gov", "ac", "edu", "ne", "or"})


def source_from_url(url: str) -> str | None:
    """A publisher name from a URL's host: "https://en.wikinews.org/..." -> "Wikinews"."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return None
    labels = [label for label in host.split(".") if label]
    if len(labels) < 2:
        return None
    labels = labels[:-1]  # the top-level domain
    if len(labels) >= 2 and labels[-1] in _SECOND_LEVEL:
        labels = labels[:-1]
    names = [label for label in labels if label not in _HOST_NOISE]
    if not names:
        return None
    name = names[-1]
    # Short names are usually initials (BBC, CNN, NPR); longer ones read as words.
    return name.upper() if len(name) <= 3 else name.capitalize()


SIDECAR_KEYS = ("title", "source", "date", "attribution", "url")
"""The keys a sidecar may have; an object with any other key is not a sidecar."""


def _field(data: dict, key: str) -> str | None:
    value = data.get(key)
    return clean_line(value) if isinstance(value, str) and value.strip() else None


def _warn(doc: Document, warning: str) -> Document:
    return replace(doc, warnings=[*doc.warnings, warning])


def sidecar_problem(data: object) -> str | None:
    """Why ``data`` (parsed JSON) is not a sidecar, in a few words; None when it is one."""
    if not isinstance(data, dict):
        return "not a JSON object"
    unknown = sorted(str(k) for k in data if k not in SIDECAR_KEYS)
    if unknown:
        shown = ", ".join(unknown[:5]) + (", …" if len(unknown) > 5 else "")
        return f"unexpected keys {shown}; a sidecar has only {', '.join(SIDECAR_KEYS)}"
    wrong = [k for k in SIDECAR_KEYS if data.get(k) is not None and not isinstance(data[k], str)]
    if wrong:
        return f"{', '.join(wrong)} not text"
    return None


def apply_sidecar(doc: Document, article: Path) -> Document:
    """``doc`` filled from ``article``'s sidecar JSON when there is one (a warning for one ignored)."""
    sidecar = article.with_suffix(".json")
    try:
        if not sidecar.is_file():
            return doc
        if sidecar.stat().st_size > MAX_SIDECAR_BYTES:
            return _warn(doc, f"{sidecar}: sidecar too large, ignored")
        data = json.loads(sidecar.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError) as e:
        reason = e.strerror if isinstance(e, OSError) and e.strerror else type(e).__name__
        return _warn(doc, f"{sidecar}: sidecar ignored ({reason})")
    problem = sidecar_problem(data)
    if problem:
        return _warn(doc, f"{sidecar}: not a sidecar, ignored ({problem})")
    url = _field(data, "url") or doc.url
    source = _field(data, "source")
    if source and source.startswith(("http://", "https://")):
        url = url or source
        source = None
    if source is None and url:
        source = source_from_url(url)
    return replace(
        doc,
        title=_field(data, "title") or doc.title,
        date=_field(data, "date") or doc.date,
        url=url,
        attribution=_field(data, "attribution") or doc.attribution,
        source=source or doc.source,
    )

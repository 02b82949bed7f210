"""Sidecar metadata: ``X.json`` beside ``X.txt`` gives title, date, source, url and attribution.

The keys follow the seeds' sidecars (``title``, ``date``, ``source_url``, ``attribution``,
``licence``); ``source``/``url``/``publisher`` are accepted too. A broken sidecar is a warning,
never a failure: the article itself is still readable.
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


def _field(data: dict, *keys: str) -> str | None:
    for key in keys:
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            return clean_line(value)
    return None


def _warn(doc: Document, warning: str) -> Document:
    return replace(doc, warnings=[*doc.warnings, warning])


def apply_sidecar(doc: Document, article: Path) -> Document:
    """``doc`` filled from ``article``'s sidecar JSON when there is one (a warning for a broken one)."""
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
    if not isinstance(data, dict):
        return _warn(doc, f"{sidecar}: sidecar ignored (not a JSON object)")
    url = _field(data, "source_url", "url", "link") or doc.url
    source = _field(data, "source", "publisher", "site_name")
    if source and source.startswith(("http://", "https://")):
        url = url or source
        source = None
    if source is None and url:
        source = source_from_url(url)
    return replace(
        doc,
        title=_field(data, "title", "headline") or doc.title,
        date=_field(data, "date", "published", "date_published") or doc.date,
        url=url,
        attribution=_field(data, "attribution", "credit") or doc.attribution,
        source=source or doc.source,
    )

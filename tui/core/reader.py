"""Read article files (.txt, .md, .html) into :class:`Document` objects.

Baseline structure: the first line is the headline, every other non-empty line a paragraph.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from .models import HEADLINE, PARAGRAPH, Block, Document
from .sanitize import clean_text

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
MAX_BYTES = 8 * 1024 * 1024


class ReadError(Exception):
    """A file that cannot be read as an article; ``str(err)`` is one readable line."""


def parse_text(text: str, title: str | None = None) -> Document:
    text = clean_text(text)
    blocks: list[Block] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + line.index(stripped)
            kind = HEADLINE if not blocks else PARAGRAPH
            blocks.append(Block(kind, start, start + len(stripped)))
        pos += len(line) + 1
    head = text[blocks[0].start : blocks[0].end] if blocks else ""
    return Document(text=text, blocks=blocks, title=title or head)


def read_file(path: str | Path) -> Document:
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise ReadError(f"{p}: no such file") from None
    except OSError as e:
        raise ReadError(f"{p}: cannot read ({e.strerror})") from None
    if not data.strip():
        raise ReadError(f"{p}: empty file")
    if len(data) > MAX_BYTES:
        raise ReadError(f"{p}: too large ({len(data) // (1024 * 1024)} MB; the limit is 8 MB)")
    if b"\x00" in data[:8192]:
        raise ReadError(f"{p}: binary file, not an article")
    warnings = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        warnings.append(f"{p}: not UTF-8, decoded as cp1252")
    doc = parse_text(text)
    doc.path = str(p)
    doc.warnings.extend(warnings)
    return doc


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path | ReadError]:
    """Files named directly, and article files inside folders (sorted); errors are yielded."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in ARTICLE_SUFFIXES)
            if not found:
                yield ReadError(f"{p}: no articles in this folder (.txt, .md, .html)")
            yield from found
        elif p.exists():
            yield p
        else:
            yield ReadError(f"{p}: no such file or folder")

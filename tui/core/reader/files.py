"""Read article files (.txt, .md, .html) and folders of them into :class:`Document` objects.

Reading is defensive: every way a file can be wrong (missing, a folder, empty, binary, too
large, unreadable, undecodable) raises :class:`ReadError` whose message is one line starting
with the path, so callers can print it as is. The size is checked with ``stat`` before any byte
is read. Structure detection lives in :mod:`.text` (plain text), :mod:`.markdown` and
:mod:`.html`; sidecar metadata (``X.json`` beside ``X.txt``) in :mod:`.sidecar`.
"""

from __future__ import annotations

import codecs
import stat
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from ..models import Document
from ..sanitize import clean_line, clean_text
from .sidecar import apply_sidecar
from .text import structure

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
MAX_BYTES = 8 * 1024 * 1024  # 8 MB: far above any article, small enough to parse in a blink
_SNIFF = 8192  # bytes looked at to tell text from binary
# Control bytes other than tab, newline, form feed and carriage return: a few in a text file are
# damage, more than this share means the file is not text at all.
_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in (0x09, 0x0A, 0x0C, 0x0D))
_MAX_CONTROL_SHARE = 0.05


class ReadError(Exception):
    """A file that cannot be read as an article; ``str(err)`` is one readable line."""


def parse_text(text: str, title: str | None = None) -> Document:
    """A plain-text article: cleaned text with headline, paragraph, caption... blocks."""
    s = structure(clean_text(text))
    return Document(
        text=s.text,
        blocks=s.blocks,
        title=clean_line(title) if title else s.title,
        source=s.source,
        date=s.date,
    )


def parse_markdown(text: str, title: str | None = None) -> Document:
    """A Markdown article: syntax stripped, blocks joined by blank lines."""
    from .markdown import parse_markdown as parse

    doc = parse(clean_text(text))
    return replace(doc, title=clean_line(title)) if title else doc


def parse_html(text: str, title: str | None = None) -> Document:
    """An HTML page or fragment: title, headings, paragraphs, lists and captions; page chrome dropped."""
    from .html import parse_html as parse

    doc = parse(text)
    return replace(doc, title=clean_line(title)) if title else doc


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html"))


def read_file(path: str | Path) -> Document:
    """Read one article file; raises :class:`ReadError` (one line, starting with the path)."""
    p = Path(path)
    data = _read_bytes(p)
    text, warnings = _decode(p, data)
    if not text.strip():
        raise ReadError(f"{p}: empty file (only whitespace)")
    suffix = p.suffix.lower()
    try:
        if suffix in HTML_SUFFIXES or (suffix not in MARKDOWN_SUFFIXES and _looks_like_html(text)):
            doc = parse_html(text)
        elif suffix in MARKDOWN_SUFFIXES:
            doc = parse_markdown(text)
        else:
            doc = parse_text(text)
    except RecursionError:  # absurdly nested markup
        raise ReadError(f"{p}: too deeply nested to read") from None
    if not doc.blocks:
        raise ReadError(f"{p}: no article text found")
    doc = replace(doc, path=str(p), warnings=[*warnings, *doc.warnings])
    return apply_sidecar(doc, p)


def _read_bytes(p: Path) -> bytes:
    try:
        st = p.stat()
    except FileNotFoundError:
        raise ReadError(f"{p}: no such file or folder") from None
    except PermissionError:
        raise ReadError(f"{p}: permission denied") from None
    except OSError as e:
        raise ReadError(f"{p}: cannot read ({e.strerror or e})") from None
    if stat.S_ISDIR(st.st_mode):
        raise ReadError(f"{p}: is a folder, not a file")
    if not stat.S_ISREG(st.st_mode):
        # A FIFO or device would block or never end.
        raise ReadError(f"{p}: not a regular file")
    if st.st_size > MAX_BYTES:
        raise ReadError(f"{p}: too large ({_megabytes(st.st_size)}; the limit is {_megabytes(MAX_BYTES)})")
    if st.st_size == 0:
        raise ReadError(f"{p}: empty file")
    try:
        with p.open("rb") as f:
            data = f.read(MAX_BYTES + 1)  # the file may have grown since stat
    except PermissionError:
        raise ReadError(f"{p}: permission denied") from None
    except OSError as e:
        raise ReadError(f"{p}: cannot read ({e.strerror or e})") from None
    if len(data) > MAX_BYTES:
        raise ReadError(f"{p}: too large (over {_megabytes(MAX_BYTES)})")
    return data


def _megabytes(size: int) -> str:
    mb = size / (1024 * 1024)
    return f"{mb:.0f} MB" if mb >= 10 or mb == int(mb) else f"{mb:.1f} MB"


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _decode(p: Path, data: bytes) -> tuple[str, list[str]]:
    """Text of the file and decoding warnings; binary or undecodable data raises ReadError."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), []
            except UnicodeDecodeError:
                raise ReadError(
                    f"{p}: starts with a {encoding.upper()} mark but is not valid {encoding.upper()}"
                ) from None
    sample = data[:_SNIFF]
    if b"\x00" in sample:
        guessed = _utf16_without_bom(sample)
        if guessed:
            try:
                return data.decode(guessed), [f"{p}: no byte-order mark, decoded as {guessed.upper()}"]
            except UnicodeDecodeError:
                pass
        raise ReadError(f"{p}: binary file, not an article")
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > _MAX_CONTROL_SHARE * len(sample):
        raise ReadError(f"{p}: binary file, not an article")
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    # Legacy Windows text is the common case; the few bytes cp1252 leaves undefined become U+FFFD.
    text = data.decode("cp1252", errors="replace")
    if text.count("\ufffd") > 0.05 * len(text):
        raise ReadError(f"{p}: binary file, not an article")
    return text, [f"{p}: not UTF-8, decoded as cp1252"]


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 text without a BOM has NUL in every other byte for ASCII: pick the byte order."""
    even, odd = sample[0::2], sample[1::2]
    if not even or not odd:
        return None
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path | ReadError]:
    """Files named directly, and article files inside folders (sorted); errors are yielded."""
    for raw in paths:
        p = Path(raw)
        try:
            is_dir = p.is_dir()
            exists = is_dir or p.exists()
        except OSError as e:
            yield ReadError(f"{p}: cannot read ({e.strerror or e})")
            continue
        if is_dir:
            try:
                found = sorted(
                    f
                    for f in p.rglob("*")
                    if f.suffix.lower() in ARTICLE_SUFFIXES
                    and not any(part.startswith(".") for part in f.relative_to(p).parts)
                    and f.is_file()
                )
            except OSError as e:
                yield ReadError(f"{p}: cannot list folder ({e.strerror or e})")
                continue
            if not found:
                yield ReadError(f"{p}: no articles in this folder (.txt, .md, .html)")
            yield from found
        elif exists:
            yield p
        else:
            yield ReadError(f"{p}: no such file or folder")


def read_paths(paths: Iterable[str | Path]) -> tuple[list[Document], list[str]]:
    """Read every article under ``paths``: the documents, and one line per problem or warning."""
    docs: list[Document] = []
    problems: list[str] = []
    for item in expand_paths(paths):
        if isinstance(item, ReadError):
            problems.append(str(item))
            continue
        try:
            doc = read_file(item)
        except ReadError as e:
            problems.append(str(e))
            continue
        problems.extend(f"warning: {w}" for w in doc.warnings)
        docs.append(doc)
    return docs, problems

"""Article files (.txt, .md, .html) read into :class:`~tui.core.models.Document` objects.

``files`` reads and decodes files and folders; the structure of each kind of article comes
from ``text`` (plain text, with the line tests of ``lines``), ``markdown`` and ``html``, which
share ``blocks`` to label markup blocks; ``sidecar`` reads the ``X.json`` beside ``X.txt``.
``html_walk`` is the HTML walker shared with feed items (:mod:`tui.core.feeds.html_text`).
Markdown and HTML load their parsers (markdown-it, lxml) only when a file of that kind is read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# The public names live in ``files``, loaded on first use (PEP 562): feed parsing imports
# ``html_walk`` and ``blocks`` from this package and needs none of the file reading.
_FILES_NAMES = frozenset({"MAX_BYTES", "ReadError", "expand_paths", "parse_text", "read_file", "read_paths"})


def __getattr__(name: str) -> object:
    if name not in _FILES_NAMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from . import files

    value = getattr(files, name)
    globals()[name] = value  # once loaded, a plain attribute
    return value


if TYPE_CHECKING:
    from .files import MAX_BYTES, ReadError, expand_paths, parse_text, read_file, read_paths

__all__ = ["MAX_BYTES", "ReadError", "expand_paths", "parse_text", "read_file", "read_paths"]

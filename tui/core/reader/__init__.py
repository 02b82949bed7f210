"""Article files (.txt, .md, .html) read into :class:`~tui.core.models.Document` objects.

``files`` reads and decodes files and folders; the structure of each kind of article comes
from ``text`` (plain text, with the line tests of ``lines``), ``markdown`` and ``html``, which
share ``blocks`` to label markup blocks; ``sidecar`` reads the ``X.json`` beside ``X.txt``.
Markdown and HTML load their parsers (markdown-it, lxml) only when a file of that kind is read.
"""

from __future__ import annotations

from .files import MAX_BYTES, ReadError, expand_paths, parse_text, read_file, read_paths

__all__ = ["MAX_BYTES", "ReadError", "expand_paths", "parse_text", "read_file", "read_paths"]

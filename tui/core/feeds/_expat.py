"""feedparser's SAX parser: the standard expat reader with character data buffered.

Unbuffered, expat reports text in pieces (one per line and per entity), and feedparser handles
each piece in Python; an HTML description escaped as ``&lt;p&gt;...`` comes in dozens. Buffered,
each run of text is one call. SAX lets a parser split text as it likes, so the parse is the same.
Registered with feedparser by :mod:`.parse` (``PREFERRED_XML_PARSERS``).
"""

from __future__ import annotations

from xml.sax.expatreader import ExpatParser


class BufferedExpatParser(ExpatParser):
    def reset(self) -> None:
        super().reset()
        self._parser.buffer_text = True


def create_parser(*args: object, **kwargs: object) -> BufferedExpatParser:
    """The SAX driver entry point (``xml.sax.make_parser`` calls it)."""
    return BufferedExpatParser(*args, **kwargs)  # type: ignore[arg-type]

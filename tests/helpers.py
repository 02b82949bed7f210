"""Small builders shared by the tests."""

from __future__ import annotations

from tui.core.models import Block, Document


def make_doc(*parts: tuple[str, str]) -> Document:
    """A document with explicit blocks: (kind, text) pairs separated by blank lines."""
    text = ""
    blocks = []
    for kind, part in parts:
        if text:
            text += "\n\n"
        blocks.append(Block(kind, len(text), len(text) + len(part)))
        text += part
    return Document(text=text, blocks=blocks)


def shown_lines(widget) -> list[str]:
    """The rows a widget draws (padding included), as plain text without trailing spaces."""
    from textual.geometry import Region

    width, height = widget.outer_size
    return [strip.text.rstrip() for strip in widget.render_lines(Region(0, 0, width, height))]

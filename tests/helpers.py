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

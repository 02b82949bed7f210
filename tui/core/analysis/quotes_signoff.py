"""A pull quote signed on its own last line, inside the closing mark.

Some sites set a quotation apart as a box whose last line names who said it, before the mark closes:

    "We will lose two branches and most of the evening hours.
    Maria Lopez, Friends of the Library."

The quotation-mark pass reads the two lines as one quote run over two blocks (``quotes_marks``), so the
signature line would become a quote of its own and the words above it would have no cue. The line is
a signature when it is short, has no finite verb, follows a finished sentence, and names a person at
the end of its first part ("Former NAACP president Jane Doe", "Jane Doe, Friends of the Library"):
that person said the words above, and the line itself is no quote.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .quotes_marks import MARK_CHARS
from .quotes_offsets import tokens_within

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from .quotes_marks import Span
    from .quotes_people import People

# A signature is a name, a title and a body at most: longer lines are words of the quote.
_MAX_WORDS = 12
_MARKS = MARK_CHARS + " "
# Characters a signature never holds: a question, a cry, a clause break or a quotation of its own.
_NOT_SIGNED = frozenset('?!:;"“”')


def signer(text: str, above: Span, line: Span, sdoc: Doc, off: int, people: People) -> str | None:
    """The person who signs the quote run ``above`` -> ``line`` on the last line ``line`` (document
    offsets; ``sdoc`` is the line's block, starting at ``off``), or None when the line is not a
    signature."""
    raw = text[line.start : line.end]
    words = raw.strip()
    if not words or not words[0].isupper() or _NOT_SIGNED & set(words) or len(words.split()) > _MAX_WORDS:
        return None
    if line.block != above.block + 1 or not line.closed or above.closed:
        return None
    if text[above.start : above.end].rstrip(_MARKS)[-1:] not in (".", "!", "?"):
        return None  # (a line break inside a sentence: the line goes on with the words)
    inside = tokens_within(sdoc, line.start - off, line.end - off)
    if any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in inside):
        return None  # a clause: the quote goes on
    head = words.split(",", 1)[0].rstrip(". ")
    start = line.start + len(raw) - len(raw.lstrip())
    end = start + len(head)
    ent = people.entity_at(start, end)
    if ent is None or ent.label != "PERSON" or ent.start < start or ent.end != end:
        return None  # (the name must close the first part: "Former mayor Jane Doe", "Jane Doe, ...")
    return ent.canonical

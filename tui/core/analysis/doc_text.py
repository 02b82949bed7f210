"""A block Doc's text without spaCy joining its tokens again at every ``Doc.text``.

The analysis reads each block's text many times (quotes for each mark, entities, tables); the
pipeline keeps the text each Doc was made from in the Doc's ``user_data``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

_TEXT = "newsreader.text"
# Characters the model never saw in training, read as the one it knows in their place (same length,
# so offsets hold): the horizontal bar some sites use for a dash ("the flood ― much like ... ― Doe
# cast") is tagged a verb, and the parse of its whole sentence goes wrong.
_MODEL_FORMS = str.maketrans({"―": "—"})


def model_form(text: str) -> str:
    """``text`` as the model is given it: the same length, unfamiliar characters replaced."""
    return text.translate(_MODEL_FORMS)


def remember_text(sdoc: Doc, text: str) -> None:
    """Keep the text a Doc was made from (the same as ``sdoc.text``, without joining the tokens)."""
    sdoc.user_data[_TEXT] = (len(sdoc), text)


def block_text(sdoc: Doc) -> str:
    """``sdoc.text``, made once: spaCy joins the tokens' texts again at every access."""
    cached = sdoc.user_data.get(_TEXT)
    if cached is None or cached[0] != len(sdoc):
        cached = sdoc.user_data[_TEXT] = (len(sdoc), sdoc.text)
    return cached[1]

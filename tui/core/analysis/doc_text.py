"""A block Doc's text without spaCy joining its tokens again at every ``Doc.text``.

The analysis reads each block's text many times (quotes for each mark, entities, tables); the
pipeline keeps the text each Doc was made from in the Doc's ``user_data``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

_TEXT = "newsreader.text"
# Characters the model never saw in training, read as the one it knows in their place (same length,
# so offsets hold): the horizontal bar some sites use for a dash ("the flood ― much like ... ― Doe
# cast") is tagged a verb, and the parse of its whole sentence goes wrong.
_MODEL_FORMS = str.maketrans({"―": "—"})
# A typographic apostrophe in a contraction ("it’s", "don’t", "we’re"), which the model tags as a
# modal in "it’s still the device" where it knows "it's" as the verb be: the plain one. Possessives
# ("Clinton’s") keep theirs, which the model leaves outside a name, and so does a closing single
# quotation mark ("the ‘story’ of").
_APOSTROPHE = re.compile(
    r"(?<=n)’(?=t\b)|(?<=[^\W\d_])’(?=(?:re|m|ve|ll|d)\b)"
    r"|\b(?:it|that|there|here|what|who|he|she|where|how|let)’(?=s\b)",
    re.IGNORECASE,
)


def model_form(text: str) -> str:
    """``text`` as the model is given it: the same length, unfamiliar characters replaced."""
    text = text.translate(_MODEL_FORMS)
    return _APOSTROPHE.sub(_plain, text) if "’" in text else text


def _plain(m: re.Match[str]) -> str:
    return m.group().replace("’", "'")


def shown_form(model: str, original: str) -> str:
    """A piece of a block's model text (case restored in a capitals line) with the characters
    :func:`model_form` replaced put back as the original has them, for text that is shown."""
    if model == original:
        return model
    return "".join(o if m != o and o in "’―" else m for m, o in zip(model, original, strict=True))


def remember_text(sdoc: Doc, text: str) -> None:
    """Keep the text a Doc was made from (the same as ``sdoc.text``, without joining the tokens)."""
    sdoc.user_data[_TEXT] = (len(sdoc), text)


def block_text(sdoc: Doc) -> str:
    """``sdoc.text``, made once: spaCy joins the tokens' texts again at every access."""
    cached = sdoc.user_data.get(_TEXT)
    if cached is None or cached[0] != len(sdoc):
        cached = sdoc.user_data[_TEXT] = (len(sdoc), sdoc.text)
    return cached[1]

"""Names in a Title Case headline, held to what the article's body names.

In a headline set in Title Case ("Nokia Strikes Supplier Deal With ST-Ericsson") every word looks
like a name to the small model, which runs the name on into the verb and the words after it
("Nokia Strikes Supplier", "Gigya Launches Platform"). Such a phrase then heads the people and
organisation pages, and the body's own "Nokia" is linked to it as its short form. The body is set in
ordinary case and names the same names: a headline mention is kept as far as the body has its words,
cut back word by word from the end to the longest start the body names ("Nokia"), or for a person to
the longest start ending in a name the body gives alone ("Donald Trump Vows" over a body that says
"Trump"). When the body names no start of it, or there is no body, nothing tells the model's reading
wrong and it stays; headlines in sentence case are left as the model read them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..models import HEADLINE
from .ner_spans import Mention

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from .pipeline import Paragraph

_MIN_WORDS = 5  # shorter headlines ("Toyota Recalls Cars") say too little about their casing
_TITLE_SHARE = 0.8  # of the headline's longer words, the share that must open with a capital
_POSSESSIVE = ("'s", "’s", "'", "’")


def title_case(text: str) -> bool:
    """Whether a headline capitalises its words as titles do, not only its names."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text) if len(w) > 3]
    if len(text.split()) < _MIN_WORDS or not words or sum(w.isupper() for w in words) * 2 > len(words):
        return False  # (a line in capitals is read on a guessed casing elsewhere: ner_case)
    return sum(w[0].isupper() for w in words) >= _TITLE_SHARE * len(words)


def held_to_body(text: str, paras: list[Paragraph], mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with those of Title Case headlines cut to what the body names (see above)."""
    heads = {
        k
        for k, (block, _sdoc) in enumerate(paras)
        if block.kind == HEADLINE and title_case(text[block.start : block.end])
    }
    if not heads:
        return mentions
    body = "\n".join(text[b.start : b.end] for b, _sdoc in paras if b.kind != HEADLINE)
    if not body.strip():
        return mentions
    out: list[Mention] = []
    for m in mentions:
        if m.block not in heads:
            out.append(m)
            continue
        out.append(_named_start(paras[m.block][1], paras[m.block][0].start, m, body) or m)
    return out


def _named_start(sdoc: Doc, off: int, m: Mention, body: str) -> Mention | None:
    """The longest start of ``m`` that the body names (whole words), or None when it names none
    (a dateline's "Xinhua News Agency, Beijing": nothing to judge the model's reading by)."""
    for te in range(m.te, m.ts, -1):
        last = sdoc[te - 1]
        if last.text in _POSSESSIVE or not last.text[:1].isalnum():
            continue  # (never end on "'s" or a dash: "Angie's List Sets" is cut to "Angie's List")
        span = sdoc[m.ts : te]
        if re.search(rf"(?<![\w-]){re.escape(span.text)}(?![\w-])", body):
            if te == m.te:
                return m
            start, end = off + span.start_char, off + span.end_char
            return Mention(start, end, m.label, m.block, te - m.ts, m.weight, m.ts, te)
    if m.label == "PERSON":
        # A person the body names by surname alone: the headline's name ends at that surname
        # ("Donald Trump Vows to 'Open Up' Libel Laws" over a body that says "Trump").
        for te in range(m.te - 1, m.ts + 1, -1):
            last = sdoc[te - 1]
            if (
                last.text[:1].isupper()
                and not last.is_stop
                and re.search(rf"(?<![\w-]){re.escape(last.text)}(?![\w-])", body)
            ):
                span = sdoc[m.ts : te]
                start, end = off + span.start_char, off + span.end_char
                return Mention(start, end, m.label, m.block, te - m.ts, m.weight, m.ts, te)
    return None

"""The person or body the sentence before a quote is about, for a quote without a cue of its own
("Howard went on. / '...'", "Doe spoke to the board. 'We are not finished,' ...")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .doc_text import block_text
from .quotes_above import speaking_subjects
from .quotes_asides import speaker_in_apposition
from .quotes_marks import MARK_CHARS
from .quotes_offsets import token_before
from .quotes_verbs import SUBJECT_DEPS, is_reporting
from .quotes_weak import WEAK_LABELS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from .quotes_people import People


def previous_subject(sdoc: Doc, off: int, start: int, people: People) -> str | None:
    """The person or body the sentence just before a quote (in the same block) is about."""
    text = block_text(sdoc)
    i = start - 1
    while i >= 0 and (text[i].isspace() or text[i] in MARK_CHARS):
        i -= 1
    if i < 0 or text[i] not in ".!?":
        return None
    last = token_before(sdoc, i + 1)
    if last is None:
        return None
    root = last.sent.root
    subj = next((c for c in root.children if c.dep_ in SUBJECT_DEPS), None)
    if subj is None or subj.lower_ == "it":
        # "Doe wrote in a column that the delegates ... may reconsider." read as "[Doe wrote ...] may
        # reconsider": the reporting clause the sentence opens with is still its main one (also over
        # an "it" the misparse made the subject: "Doe announced the suit against X, it's ...").
        said = next(
            (c for c in root.children if c.dep_ == "ccomp" and c.i < root.i and is_reporting(c)), None
        )
        opener = next((c for c in said.children if c.dep_ == "nsubj"), None) if said is not None else None
        subj = opener if opener is not None and opener.left_edge.i == last.sent.start else subj
    subj = (speaker_in_apposition(subj, root) or subj) if subj is not None else None
    found = people.speaker(off, subj) if subj is not None and not people.in_quote(off + subj.idx) else None
    if found is None or found.name is None or found.label not in WEAK_LABELS:
        # (a sentence about something else with one person speaking in it: "..., since Doe spoke only
        # in bromides during the interview.")
        named = {
            people.speaker(off, s) for s in speaking_subjects(last.sent) if not people.in_quote(off + s.idx)
        }
        found = named.pop() if len(named) == 1 else None
    return (
        found.shown if found is not None and found.name is not None and found.label in WEAK_LABELS else None
    )

"""The reporting verb of a quotation and its subject, read from the dependency parse of the block.

Three places are looked at, in an order that depends on the punctuation around the quote:
- after the closing mark, up to the end of the sentence: ``"...," Obama said`` / ``said Obama`` /
  ``"...," according to X``; the words between the mark and the verb must be the verb's subject;
- before the opening mark when it follows a colon or comma: ``Obama told reporters: "..."``;
- up the dependency tree from the quoted words, for a quote inside a sentence:
  ``Obama said the two still had "grave differences"``.
The subject of a verb with none of its own (``adding``, ``saying``) is its governing verb's subject.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

_VERBS_FILE = Path(__file__).with_name("reporting_verbs.txt")
# Speech verbs missing from the GenderGapTracker list (lemmas).
_EXTRA_LEMMAS = (
    "ask urge recall concede contend counter stress emphasize emphasise complain vow promise observe "
    "remark quip joke boast allege charge caution repeat reiterate answer wonder plead demand shout yell "
    "whisper call acknowledge lament muse recount maintain agree post deny retort scoff declare confide "
    "speculate summarize summarise opine protest snap tease chide criticise dub label brand blast slam "
    "praise hail accuse question object insist explain tell add say learn quote predict write reveal "
    "recommend pledge threaten plead cry read rule chant"
)
# Verbs in the list that mostly govern things other than speech: not enough to attribute a quote
# sitting inside their clause ("released its 'Super Plan'"), though fine right next to a quote.
_WEAK_LEMMAS = frozenset(
    "accept continue ensure convince demonstrate find persist present release illustrate highlight "
    "think reckon rave preach point read learn".split()
)
# Verbs whose object is the listener, never the speaker ("told Obama").
_LISTENER_LEMMAS = frozenset(
    "tell inform remind assure reassure warn advise convince notify ask urge".split()
)
_SENTENCE_END = frozenset({".", "?", "!", ";"})
_QUOTE_CHARS = frozenset("\"“”‘’'„«»")
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_DASHES = frozenset("—―–")


@cache
def reporting_forms() -> frozenset[str]:
    """Reporting verb forms and lemmas (the shipped list plus a few speech verbs)."""
    lines = _VERBS_FILE.read_text(encoding="utf-8").splitlines()
    forms = {w.strip().lower() for w in lines if w.strip() and not w.startswith("#")}
    return frozenset(forms | set(_EXTRA_LEMMAS.split()))


def is_reporting(tok: Token, strict: bool = False) -> bool:
    """Whether ``tok`` is a reporting verb (``strict``: one that attributes the clause under it)."""
    if not tok.tag_.startswith("VB") or tok.dep_ == "amod":
        return False
    if tok.i and tok.doc[tok.i - 1].text in ("-", "so-"):
        return False  # "so-called", "self-described": an adjective, not a speech act
    forms = reporting_forms()
    if tok.lower_ not in forms and tok.lemma_.lower() not in forms:
        return False
    if strict and tok.lemma_.lower() in _WEAK_LEMMAS:
        return tok.lemma_.lower() == "point" and any(c.dep_ == "prt" for c in tok.children)
    return True


@dataclass(frozen=True, slots=True)
class Cue:
    """A reporting verb (or "according to") for a quote, and the token naming the speaker."""

    text: str
    pos: int  # block-relative character offset of the cue
    subject: Token | None
    weak: bool = False  # not a reporting verb: the clause's subject is only a likely speaker


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The subject of ``verb``, borrowed from the governing verb or noun when it has none."""
    subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
    if subjects:
        # A quoted title can be misparsed as a second subject ("said on 'Fox and Friends'"), and a
        # borrowed subject must not come from inside a quotation.
        free = next((c for c in subjects if not _quoted(c)), None)
        return free if free is not None or depth else subjects[0]
    if depth > 3 or verb.head is verb:
        return None
    if verb.dep_ in ("advcl", "xcomp", "conj", "pcomp", "prep", "pobj") and verb.head.pos_ in (
        "VERB",
        "AUX",
        "ADP",
    ):
        return subject_of(verb.head, depth + 1)
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head  # "a statement saying ...", "the official who spoke ..."
    return None


def _quoted(tok: Token) -> bool:
    """Whether ``tok`` sits between double quotation marks in its block (an odd number before it)."""
    marks = sum(1 for t in tok.doc[: tok.i] if t.text[:1] in '"“”' or t.text[-1:] in '"“”')
    return marks % 2 == 1


def cue_text(verb: Token) -> str:
    if verb.lower_ == "according":
        return verb.doc[verb.i : verb.i + 2].text
    parts = [verb] + [c for c in verb.children if c.dep_ == "prt" and c.i == verb.i + 1]
    return verb.doc[parts[0].i : parts[-1].i + 1].text


def _according(tok: Token) -> Token | None:
    """The speaker of "according to X" starting at ``tok``, when it is that phrase."""
    doc = tok.doc
    if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
        return None
    for child in doc[tok.i + 1].children:
        if child.dep_ == "pobj":
            return child
    nxt = doc[tok.i + 2] if tok.i + 2 < len(doc) else None
    return nxt


def _cue(verb: Token, subject: Token | None) -> Cue:
    return Cue(cue_text(verb), verb.idx, subject)


def find_cue(sdoc: Doc, start: int, end: int, lo: int, hi: int) -> Cue | None:
    """The cue of the quote whose content is ``sdoc.text[start:end]`` (block-relative offsets).

    ``lo``/``hi`` bound the search: the end of the previous quote and the start of the next one in
    the same block, so a cue is never taken from across another quotation.
    """
    text = sdoc.text
    inside = [t for t in sdoc if t.idx >= start and t.idx + len(t.text) <= end]
    if not inside:
        return None
    before_ch = _prev_char(text, start - 1, lo)
    after_ok = _after_allowed(text, start, end)
    order = []
    if before_ch == ":":
        order.append("before")
    if after_ok:
        order.append("after")
    order.append("tree")
    if before_ch in (",", "—", "–", "-") or before_ch.isalpha():
        order.append("before")
    order.append("according")
    dash = _dash_name(sdoc, end, hi)
    if dash is not None:
        return dash
    for how in order:
        if how == "after":
            hit = _after(sdoc, start, end, hi)
        elif how == "before":
            hit = _before(sdoc, inside[0], start, lo)
        elif how == "tree":
            hit = _tree(inside)
        else:
            hit = _according_in(inside)
        if hit is not None:
            return hit
    return None


def _prev_char(text: str, i: int, lo: int) -> str:
    """The first non-space character before the opening mark at ``i`` (the mark itself skipped)."""
    i -= 1
    while i >= lo and (text[i].isspace() or text[i] in _QUOTE_CHARS):
        i -= 1
    return text[i] if i >= lo else ""


def _after_allowed(text: str, start: int, end: int) -> bool:
    """A quote ending a sentence with a full stop is followed by a new sentence, not by its cue,
    unless the next word is lowercase (``"...." he said``)."""
    last = text[end - 1] if end > start else ""
    if last != ".":
        return True
    j = end + 1
    while j < len(text) and not text[j].isalpha():
        j += 1
    return j < len(text) and text[j].islower()


def _after(sdoc: Doc, start: int, end: int, hi: int) -> Cue | None:
    window: list[Token] = []
    for t in sdoc:
        if t.idx <= end or t.text in _QUOTE_CHARS and t.idx == end:
            continue
        if t.idx >= hi or t.text in _SENTENCE_END or len(window) >= 15:
            break
        window.append(t)
    for k, t in enumerate(window):
        speaker = _according(t)
        if speaker is not None:
            return _cue(t, speaker) if all(p.is_punct for p in window[:k]) else None
        if not is_reporting(t):
            continue
        pre = [p for p in window[:k] if not p.is_punct and p.text not in _QUOTE_CHARS]
        subj = subject_of(t)
        if subj is not None and subj.idx < start:
            return None  # "the report 'clearly' suggests": the quote is inside the verb's clause
        if subj is not None and subj.idx < end:
            subj = None  # the parser took the quoted words for the subject
        allowed = {s.i for s in subj.subtree} if subj is not None else set()
        if all(p.i in allowed or p.pos_ in ("ADV", "AUX") or p.dep_ in ("aux", "neg") for p in pre):
            if subj is None and not pre:
                subj = _inverted_subject(t, window[k + 1 :])
            return _cue(t, subj)
        nominal = [p for p in pre if p.pos_ in ("PROPN", "NOUN", "PRON")]
        if (
            subj is None
            and nominal
            and all(p.pos_ in ("PROPN", "NOUN", "PRON", "DET", "ADJ", "NUM", "ADP", "PART") for p in pre)
        ):
            # A misparse left the verb without its subject: the name before any aside.
            head = window[:k]
            cut = next((i for i, p in enumerate(head) if p.text in ("(", ",", "—") and i), len(head))
            names = [p for p in head[:cut] if p.pos_ in ("PROPN", "NOUN", "PRON")] or nominal
            return _cue(t, names[-1])
        return None
    return None


def _dash_name(sdoc: Doc, end: int, hi: int) -> Cue | None:
    """A byline-style attribution right after the closing mark: ``"..." — Jane Doe``."""
    text = sdoc.text
    j = end
    while j < hi and (text[j].isspace() or text[j] in _QUOTE_CHARS):
        j += 1
    if j >= hi or text[j] not in _DASHES:
        return None
    dash = j
    j += 1
    while j < hi and text[j].isspace():
        j += 1
    # Read characters, not tokens: the tokenizer may glue the dash to the closing mark.
    name = next((t for t in sdoc if t.idx >= j), None)
    if name is None or name.idx >= hi or name.pos_ != "PROPN":
        return None
    while name.head.i > name.i and name.head.pos_ == "PROPN":
        name = name.head
    return Cue(text[dash], dash, name)


def _inverted_subject(verb: Token, rest: list[Token]) -> Token | None:
    """``"...," said Obama``: the name after the verb when the parser did not make it the subject."""
    if verb.lemma_.lower() in _LISTENER_LEMMAS:
        return None
    for t in rest:
        if t.pos_ in ("PROPN", "NOUN"):
            while t.dep_ in ("compound", "flat") and t.head.i > t.i:
                t = t.head
            return t
        if t.pos_ not in ("DET", "ADJ", "ADV"):
            return None
    return None


def _before(sdoc: Doc, first: Token, start: int, lo: int) -> Cue | None:
    anchor = first.i - 1
    while anchor >= 0 and sdoc[anchor].text in _QUOTE_CHARS:
        anchor -= 1
    if anchor < 0:
        return None
    sent: Span = sdoc[anchor].sent
    lower = max(lo, sent.start_char)
    window = [t for t in sdoc[sent.start : anchor + 1] if t.idx >= lower]
    if not window:
        return None
    for k in range(len(window) - 1, -1, -1):
        t = window[k]
        if len(window) - k > 12:
            break
        speaker = _according(t)
        if speaker is not None:
            return _cue(t, speaker)
        if is_reporting(t):
            between = window[k + 1 :]
            if any(b.tag_ in ("VBD", "VBZ", "VBP") and b.dep_ not in ("aux", "auxpass") for b in between):
                return None
            subj = subject_of(t)
            if subj is None:
                subj = _inverted_subject(t, between)  # "Said Ellis: ..."
            if subj is None and t.tag_ == "VBG":
                # "Smith said, adding: ..." parsed loosely: the subject of the speech verb before it.
                subj = next(
                    (subject_of(v) for v in reversed(window[:k]) if is_reporting(v) and subject_of(v)), None
                )
            return _cue(t, subj)
    return None


def _tree(inside: list[Token]) -> Cue | None:
    """A reporting verb governing the quoted words, found by walking up from them."""
    ids = {t.i for t in inside}
    for tok in inside:
        if tok.head.i in ids or tok.head is tok:
            continue
        h = tok.head
        found: list[Cue] = []
        for _ in range(8):
            if h.i in ids:
                break
            if is_reporting(h, strict=True):
                found.append(_cue(h, subject_of(h)))
            speaker = _according(h)
            if speaker is not None:
                found.append(_cue(h, speaker))
            if h.head is h:
                break
            h = h.head
        if found:
            # The outermost reporting clause is the source of the whole account: in "Smith said the
            # report 'clearly suggests' fraud" the words are Smith's, not the report's.
            return found[-1]
    return None


def _according_in(inside: list[Token]) -> Cue | None:
    """An "according to X" anywhere in the quote's sentence."""
    ids = {t.i for t in inside}
    for t in inside[0].sent:
        if t.i in ids:
            continue
        speaker = _according(t)
        if speaker is not None:
            return _cue(t, speaker)
    return None


def governing_subject(sdoc: Doc, start: int, end: int) -> Cue | None:
    """The nearest verb above the quoted words that has a subject outside the quote, as a weak cue."""
    inside = [t for t in sdoc if t.idx >= start and t.idx + len(t.text) <= end]
    ids = {t.i for t in inside}
    for tok in inside:
        if tok.head.i in ids or tok.head is tok:
            continue
        h = tok.head
        for _ in range(6):
            if h.i in ids:
                break
            if h.pos_ in ("VERB", "AUX"):
                subj = next((c for c in h.children if c.dep_ == "nsubj" and c.i not in ids), None)
                if subj is not None:
                    return Cue(h.text, h.idx, subj, weak=True)
            if h.head is h:
                break
            h = h.head
        return None
    return None


def colon_subject(sdoc: Doc, start: int) -> Cue | None:
    """``Smith has a new message: "..."``: the subject of the clause the colon ends, as a weak cue."""
    text = sdoc.text
    i = start - 1
    while i >= 0 and (text[i].isspace() or text[i] in _QUOTE_CHARS):
        i -= 1
    if i < 0 or text[i] != ":":
        return None
    before = [t for t in sdoc if t.idx + len(t.text) <= i]
    if not before:
        return None
    h = before[-1]
    for _ in range(6):
        if h.pos_ in ("VERB", "AUX"):
            subj = next((c for c in h.children if c.dep_ == "nsubj" and not _quoted(c)), None)
            if subj is not None:
                return Cue(h.text, h.idx, subj, weak=True)
        if h.head is h:
            break
        h = h.head
    return None

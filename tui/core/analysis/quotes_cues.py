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

from typing import TYPE_CHECKING

from .quotes_verbs import (
    LISTENER_LEMMAS,
    Cue,
    cue_text,
    fallback_subject,
    is_reporting,
    quoted,
    speech_owner,
    subject_of,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

# Entity types that are never a speaker after an inverted verb.
_NOT_SPEAKERS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})
_SENTENCE_END = frozenset({".", "?", "!", ";"})
_QUOTE_CHARS = frozenset("\"“”‘’'„«»")
_DASHES = frozenset("—―–")
# Relations joining a clause to a sibling or a circumstance, not to a verb reporting it.
_SIDE_CLAUSES = frozenset({"advcl", "conj", "parataxis"})


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
    after_ok = _after_allowed(text, start, end) or _bare_attribution(sdoc, end, hi)
    order = []
    if before_ch == ":" or _verb_before_comma(sdoc, start, lo):
        order.append("before")
    if after_ok:
        order.append("after")
    if before_ch == ",":
        order.append("before")
    order.append("tree")
    if before_ch in ("—", "–", "-") or before_ch.isalpha():
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
            if hit.subject is None:
                verb = next((t for t in sdoc if t.idx == hit.pos), None)
                if verb is not None:
                    hit = Cue(hit.text, hit.pos, fallback_subject(verb, start, end))
            return hit
    return None


def _verb_before_comma(sdoc: Doc, start: int, lo: int) -> bool:
    """Whether the opening mark follows "<reporting verb>," ("Smith said, '...'", "saying, '...'")."""
    prev = [t for t in sdoc if lo <= t.idx and t.idx + len(t.text) <= start and t.text not in _QUOTE_CHARS]
    return len(prev) >= 2 and prev[-1].text == "," and is_reporting(prev[-2])


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


def _bare_attribution(sdoc: Doc, end: int, hi: int) -> bool:
    """Whether the sentence after a quote that ends in a full stop is only its attribution, written
    as a sentence of its own ('"... missing." Trump said.', "Smith said on Tuesday.")."""
    rest = [t for t in sdoc if end < t.idx < hi and t.text not in _QUOTE_CHARS]
    stop = next((k for k, t in enumerate(rest) if t.text in _SENTENCE_END), None)
    if stop is None or not 2 <= stop <= 8:
        return False
    words = rest[:stop]
    verbs = [t for t in words if t.pos_ in ("VERB", "AUX")]
    return (
        len(verbs) == 1
        and is_reporting(verbs[0])
        and not any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in verbs[0].children)
    )


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
        # ("as" opens "as Smith put it" / "as the report said").
        if all(
            p.i in allowed or p.pos_ in ("ADV", "AUX") or p.dep_ in ("aux", "neg") or _as_mark(p, t)
            for p in pre
        ):
            if subj is None and not pre:
                subj = _inverted_subject(t, window[k + 1 :])
            elif subj is None and all(p.is_alpha and p.text[:1].isupper() for p in pre):
                subj = pre[-1]  # a name the tagger took for an auxiliary: '"...," Will wrote'
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


def _as_mark(tok: Token, verb: Token) -> bool:
    return tok.dep_ == "mark" and tok.lower_ == "as" and tok.head.i == verb.i


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
    if verb.lemma_.lower() in LISTENER_LEMMAS:
        return None
    for t in rest:
        if t.ent_type_ in _NOT_SPEAKERS:
            return None  # "said Thursday morning on ...": no speaker after the verb
        if t.pos_ in ("PROPN", "NOUN") or t.ent_type_ in ("PERSON", "ORG") or _capitalised(t):
            # (a name the tagger took for an adverb still counts: '"...," said Skelly')
            while t.dep_ in ("compound", "flat") and t.head.i > t.i:
                t = t.head
            return t
        if t.pos_ not in ("DET", "ADJ", "ADV"):
            return None
    return None


def _capitalised(t: Token) -> bool:
    """A capitalised word inside a sentence, whatever the tagger made of it: likely a name."""
    return t.is_alpha and t.text[:1].isupper() and not t.is_sent_start and t.pos_ in ("ADV", "ADJ", "AUX")


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
                if subj is not None and not all(b.is_punct for b in between if b.i > subj.i):
                    subj = None  # "suggesting a few questions, including, '...'": no speaker
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
        if tok.head.i in ids or tok.head.i == tok.i:
            continue
        h = tok.head
        found: list[Cue] = []
        for _ in range(8):
            if h.i in ids:
                break
            if is_reporting(h, strict=True):
                found.append(_cue(h, subject_of(h)))
                if h.dep_ == "acl" and h.head.pos_ == "PROPN":
                    break  # "footage of Smith saying '...'": Smith's words, whatever shows them
                if h.dep_ in _SIDE_CLAUSES and _own_subject(h):
                    # A clause beside the one above, not reported by it: in "Rubio suggested X,
                    # while Cruz said that '...'" the words are Cruz's.
                    break
            owner = speech_owner(h)
            if owner is not None:
                found.append(Cue(h.text, h.idx, owner))
            speaker = _according(h)
            if speaker is not None:
                found.append(_cue(h, speaker))
            if h.head.i == h.i:
                break
            h = h.head
        if found:
            # The outermost reporting clause is the source of the whole account: in "Smith said the
            # report 'clearly suggests' fraud" the words are Smith's, not the report's.
            return found[-1]
    return None


def _own_subject(verb: Token) -> bool:
    """Whether ``verb`` has a subject of its own that is a name or a noun (not a relative pronoun)."""
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("PROPN", "NOUN", "PRON") and not quoted(c)
        for c in verb.children
    )


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
    """The subjects of the verbs above the quoted words, nearest first, as a weak cue."""
    inside = [t for t in sdoc if t.idx >= start and t.idx + len(t.text) <= end]
    ids = {t.i for t in inside}
    tok = next((t for t in inside if t.head.i not in ids and t.head.i != t.i), None)
    if tok is None:
        return None
    found: list[tuple[Token, Token]] = []  # (verb, subject)
    h = tok.head
    for _ in range(12):
        if h.i in ids:
            break
        if h.dep_ == "acl" and h.head.pos_ == "PROPN" and h.head.i not in ids:
            found.append((h, h.head))  # "Jane Doe, a lawyer, compared ..."
        elif h.pos_ in ("VERB", "AUX"):
            subj = next(
                (c for c in h.children if c.dep_ == "nsubj" and c.i not in ids and not quoted(c)), None
            )
            # A relative clause's subject is the noun it describes ("a coach who is 'working
            # the referees'"): the speaker is the subject further up.
            if subj is not None and subj.lower_ not in ("who", "that", "which"):
                found.append((h, subj))
        if h.head.i == h.i:
            # A sentence the parser built on a name ("Smith openly admires ..." misread): the name
            # it starts with. (The caller keeps it only if it is a known name: "Trump" may be
            # tagged a verb.)
            named = h.pos_ == "PROPN" or h.text[:1].isupper()
            if named and h.i < inside[0].i and h.i == h.sent.start and not found:
                found.append((h, h))
            break
        h = h.head
    if not found:
        return None
    verb, subj = found[0]
    return Cue(verb.text, verb.idx, subj, weak=True, further=tuple(s for _v, s in found[1:]))


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
    first: Cue | None = None
    for _ in range(8):
        if h.pos_ in ("VERB", "AUX"):
            subj = next((c for c in h.children if c.dep_ == "nsubj" and not quoted(c)), None)
            if subj is not None:
                if is_reporting(h, strict=True):
                    # The reporting clause, however deep the colon sits in what is reported: "He told
                    # a writer he did not think Smith would last:" introduces his words, not Smith's.
                    return Cue(h.text, h.idx, subj)
                first = first or Cue(h.text, h.idx, subj, weak=True)
        if h.head.i == h.i:
            break
        h = h.head
    return first

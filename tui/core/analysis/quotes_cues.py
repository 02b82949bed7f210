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

from .doc_text import block_text
from .quotes_after import (
    QUOTE_CHARS,
    according,
    after_allowed,
    after_cue,
    bare_attribution,
    dash_name,
    inverted_subject,
    make_cue,
)
from .quotes_asides import according_in, as_noted, aside_then_subject, dashed_aside
from .quotes_clauses import absolute, after_quote, hypothetical, own_account, reports_elsewhere, unsaid
from .quotes_governing import amount_taken, judged_as, owned_words
from .quotes_offsets import token_at, tokens_within
from .quotes_participles import named_doer
from .quotes_relative import describes_quote
from .quotes_sides import beside, opens_next, reports_own
from .quotes_verbs import (
    LISTENER_LEMMAS,
    SPEECH_NOUNS,
    Cue,
    fallback_subject,
    is_reporting,
    quoted,
    speech_owner,
    subject_of,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

_SUBJECTS = ("nsubj", "nsubjpass")
_WH_WORDS = frozenset("what which that who whoever whatever".split())
# Relations joining a clause to a sibling or a circumstance, not to a verb reporting it.
_SIDE_CLAUSES = frozenset({"advcl", "conj", "parataxis"})


def find_cue(sdoc: Doc, start: int, end: int, lo: int, hi: int) -> Cue | None:
    """The cue of the quote whose content is ``sdoc.text[start:end]`` (block-relative offsets).

    ``lo``/``hi`` bound the search: the end of the previous quote and the start of the next one in
    the same block, so a cue is never taken from across another quotation.
    """
    text = block_text(sdoc)
    inside = tokens_within(sdoc, start, end)
    if not inside:
        return None
    owner = owned_words(inside)  # 'writing on Trump's "..." campaign promise': Trump's words
    if owner is not None:
        return owner
    before_ch = _prev_char(text, start - 1, lo)
    after_ok = after_allowed(sdoc, start, end, hi) or bare_attribution(sdoc, end, hi)
    order = []
    if before_ch == ":" or _verb_before_comma(sdoc, start, lo):
        order.append("before")
    if after_ok and before_ch.isalpha() and _reported_before(inside, start):
        # A quote inside a clause someone reports ("After Doe said students might do better at
        # 'less advanced schools,' Smith said: ...") is that reporter's, not the next speaker's.
        order.append("tree")
    if after_ok:
        order.append("after")
    if before_ch == ",":
        order.append("before")
    order.append("tree")
    if before_ch in ("—", "–", "-") or before_ch.isalpha():
        order.append("before")
    order.append("as")
    order.append("according")
    dash = dash_name(sdoc, end, hi) or dashed_aside(sdoc, start, end, lo, hi) or judged_as(inside)
    if dash is not None:
        return dash
    for how in order:
        if how == "after":
            hit = after_cue(sdoc, start, end, hi)
            if hit is not None and before_ch == "," and (opens_next(sdoc, hit, hi) or reports_own(sdoc, hit)):
                hit = (
                    _before(sdoc, inside[0], start, lo) or hit
                )  # ("Doe replies with, '...' Lee writes, '...'")
        elif how == "before":
            hit = _before(sdoc, inside[0], start, lo)
        elif how == "tree":
            hit = _tree(inside)
        elif how == "as":
            hit = as_noted(inside, start)
        else:
            hit = according_in(inside)
        if hit is not None and describes_quote(hit, start, end):
            continue  # what the quoted thing does ("... for records' that would answer ..."): go on
        if hit is not None:
            if hit.subject is None:
                verb = token_at(sdoc, hit.pos)
                if verb is not None:
                    hit = Cue(hit.text, hit.pos, fallback_subject(verb, start, end) or named_doer(verb))
            return hit
    return None


def _reported_before(inside: list[Token], start: int) -> bool:
    """Whether the tree above the quote reaches a reporting verb before it with a subject of its own."""
    hit = _tree(inside)
    if hit is None or hit.subject is None or hit.pos >= start or hit.subject.idx >= start:
        return False
    # (a finite verb with a subject of its own that speaks: not "Doe cannot say that ...", nor
    # "In declaring Doe's words ...")
    verb = next((t for t in inside[0].doc if t.idx == hit.pos), None)
    return (
        verb is not None
        and verb.tag_ in ("VBD", "VBZ", "VBP")
        and hit.subject.head.i == verb.i
        and not hypothetical(verb)
        and not any(c.dep_ == "neg" for c in verb.children)
    )


def _verb_before_comma(sdoc: Doc, start: int, lo: int) -> bool:
    """Whether the opening mark follows "<reporting verb>," ("Smith said, '...'", "saying, '...'")."""
    prev = [t for t in tokens_within(sdoc, lo, start) if t.text not in QUOTE_CHARS]
    return len(prev) >= 2 and prev[-1].text == "," and is_reporting(prev[-2])


def _prev_char(text: str, i: int, lo: int) -> str:
    """The first non-space character before the opening mark at ``i`` (the mark itself skipped)."""
    i -= 1
    while i >= lo and (text[i].isspace() or text[i] in QUOTE_CHARS):
        i -= 1
    return text[i] if i >= lo else ""


def _before(sdoc: Doc, first: Token, start: int, lo: int) -> Cue | None:
    anchor = first.i - 1
    while anchor >= 0 and sdoc[anchor].text in QUOTE_CHARS:
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
        speaker = according(t)
        if speaker is not None:
            return make_cue(t, speaker)
        if t.lemma_ == "quote" and any(c.lower_ == "i" for c in t.children):
            continue  # "Trump said, and I quote, '...'": the aside only vouches for the words
        if is_reporting(t):
            if reports_elsewhere(t, first) or amount_taken(t, first):
                return None  # (a relative clause on the way: "... a rival who promised X: '...'")
            between = window[k + 1 :]
            own = aside_then_subject(t, between)
            if own is not None:
                return Cue(own.head.text, own.head.idx, own)
            if any(
                b.tag_ in ("VBD", "VBZ", "VBP") and b.dep_ not in ("aux", "auxpass") and b.lemma_ != "quote"
                for b in between
            ):
                return None
            subj = subject_of(t)
            if not is_reporting(t, strict=True) and t.dep_ == "ccomp":
                # A thought someone else imagines or reports: in "Doe imagined Smith was thinking:
                # '...'" the words are Doe's.
                outer = next((c for c in t.head.children if c.dep_ == "nsubj" and not quoted(c)), None)
                subj = outer or subj
            if subj is None and t.lemma_.lower() not in LISTENER_LEMMAS:
                subj = inverted_subject(t, between)  # "Said Ellis: ..." (not "asked the boy: ...")
                if subj is not None and not all(b.is_punct for b in between if b.i > subj.i):
                    subj = None  # "suggesting a few questions, including, '...'": no speaker
            if subj is None and t.tag_ == "VBG":
                # "Smith said, adding: ..." parsed loosely: the subject of the speech verb before it.
                subj = next(
                    (subject_of(v) for v in reversed(window[:k]) if is_reporting(v) and subject_of(v)), None
                )
            return make_cue(t, subj)
    return None


def _tree(inside: list[Token]) -> Cue | None:
    """A reporting verb governing the quoted words, found by walking up from them."""
    ids = {t.i for t in inside}
    for tok in inside:
        if tok.head.i in ids or tok.head.i == tok.i:
            continue
        h, below = tok.head, tok
        found: list[Cue] = []
        for _ in range(8):
            if h.i in ids:
                break
            # (a speech verb inside another quotation, which a misparse may hang the sentence on,
            # reports nothing of this one)
            if is_reporting(h, strict=True) and not (found and unsaid(h)) and not quoted(h):
                if beside(below, ids):
                    break  # reached through a clause of its own ("..., and officials called it '...'")
                # (An outer verb that says nothing was said does not take the words over: in "Doe
                # cannot say that, Smith added, saying it is 'up to the court'" they are Smith's.)
                found.append(make_cue(h, subject_of(h)))
                if h.dep_ == "acl" and h.head.pos_ == "PROPN":
                    break  # "footage of Smith saying '...'": Smith's words, whatever shows them
                if h.dep_ in _SIDE_CLAUSES and _own_subject(h) and not _infinitive(h) or own_account(h):
                    # A clause beside the one above, not reported by it: in "Rubio suggested X,
                    # while Cruz said that '...'" the words are Cruz's (and one describing a noun:
                    # "the plan, which Cruz said was '...'").
                    break
            owner = speech_owner(h)
            if owner is not None:
                found.append(Cue(h.text, h.idx, owner))
            aside = _parenthetical(h, ids)
            if aside is not None:
                found.append(aside)  # "the two nations, Lee said, have a 'golden opportunity'"
            speaker = according(h)
            if speaker is not None:
                found.append(make_cue(h, speaker))
            for c in h.children if hypothetical(h) else ():
                # "according to Doe, the media would call him a 'chicken'": Doe tells what others
                # would say. (In "according to the Post, Smith called it 'a mess'" the words are
                # still Smith's.)
                if c.lower_ == "according" and c.i not in ids and (speaker := according(c)) is not None:
                    found.append(make_cue(c, speaker))
            if h.head.i == h.i or found and absolute(h):
                break  # (the top, or "with Doe taking to the radio to call it '...'": Doe's words)
            h, below = h.head, h
        if found:
            # The outermost reporting clause is the source of the whole account: in "Smith said the
            # report 'clearly suggests' fraud" the words are Smith's, not the report's.
            return found[-1]
    return None


def _parenthetical(h: Token, ids: set[int]) -> Cue | None:
    """A reporting verb with its own subject set in the clause as an aside ("X, Lee said, is ...")."""
    for c in h.children:
        if c.dep_ == "parataxis" and c.i not in ids and is_reporting(c, strict=True) and not quoted(c):
            if after_quote(c):
                continue  # the cue of the quotation before it
            subj = next((s for s in c.children if s.dep_ == "nsubj"), None)
            if subj is not None:
                return make_cue(c, subj)
    return None


def _infinitive(verb: Token) -> bool:
    """ "for the party to respond": what someone asks another to say, not a clause of its own."""
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _own_subject(verb: Token) -> bool:
    """Whether ``verb`` has a subject of its own that is a name or a noun (not a relative pronoun)."""
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("PROPN", "NOUN", "PRON") and not quoted(c)
        for c in verb.children
    )


def colon_subject(sdoc: Doc, start: int) -> Cue | None:
    """``Smith has a new message: "..."``: the subject of the clause the colon ends, as a weak cue
    (or the comma after a statement that clause issues)."""
    text = block_text(sdoc)
    i = start - 1
    while i >= 0 and (text[i].isspace() or text[i] in QUOTE_CHARS):
        i -= 1
    # (a dash after a whole clause introduces like a colon: "Doe also defended the curfew -- '...'")
    dash = i > 0 and (text[i] in "—–" or text[i - 1 : i + 1] == "--") and text[i + 1 : i + 2].isspace()
    if i < 0 or text[i] not in ":," and not dash:
        return None
    before = tokens_within(sdoc, 0, i)
    if not before or text[i] == "," and not _text_handed_out(before[-1], text, start):
        return None
    here = _here_is(before)
    if here is not None:
        return here
    h = before[-1]
    first: Cue | None = None
    inner = False  # whether ``first`` is the subject of a clause another one reports or imagines
    outer: list[Token] = []  # subjects further up, for when ``first`` names no one
    for _ in range(8):
        if h.pos_ in ("VERB", "AUX"):
            # (a subject before the quote: the parser may hang the sentence on the quote's verb)
            # (a passive subject too: "Doe is shown lecturing:", "Doe was quoted as saying:")
            subj = next(
                (c for c in h.children if c.dep_ in _SUBJECTS and c.idx < start and not quoted(c)),
                None,
            )
            if subj is not None and subj.lower_ in _WH_WORDS:
                subj = None  # "apologised for what happened:": "what" is no one; go on up
            if subj is not None and not (dash and h.idx > i):
                if is_reporting(h, strict=True):
                    # The reporting clause, however deep the colon sits in what is reported: "He told
                    # a writer he did not think Smith would last:" introduces his words, not Smith's.
                    return Cue(h.text, h.idx, subj)
                if first is None or inner:
                    # (the outer subject: "Doe imagined Smith was thinking:" introduces Doe's words)
                    first = Cue(h.text, h.idx, subj, weak=True)
                else:
                    # ("Doe spoke, as is his custom, via Twitter:": not the custom, Doe)
                    outer.append(subj)
                inner = h.dep_ == "ccomp"
        if h.head.i == h.i:
            break
        h = h.head
    last = before[-1]
    if last.ent_type_ == "PERSON" and last.dep_ == "dobj" and text[i] == ":":
        outer.append(last)  # "The surge doesn't surprise pollster Jane Doe:": she, if the subject is no one
    if first is not None and outer:
        return Cue(first.text, first.pos, first.subject, weak=True, further=tuple(outer))
    return first


def _text_handed_out(noun: Token, text: str, start: int) -> bool:
    """``Doe issued a statement, "We ..."``: a comma after a statement the clause puts out opens its
    words as a colon would."""
    return noun.lemma_.lower() in SPEECH_NOUNS and noun.dep_ == "dobj" and text[start : start + 1].isupper()


def _here_is(before: list[Token]) -> Cue | None:
    """``Here's Smith in 1992: "..."``, ``Here is how Smith put it:``: the one presented speaks."""
    sent = [t for t in before if t.sent.start == before[-1].sent.start and not t.is_punct]
    if len(sent) < 3 or sent[0].lower_ != "here" or sent[1].lower_ not in ("'s", "’s", "is", "was"):
        return None
    for t in sent[2:]:
        if t.lower_ in ("how", "what"):
            continue
        if t.pos_ in ("PROPN", "PRON") or t.ent_type_ == "PERSON":
            while t.dep_ in ("compound", "flat") and t.head.i > t.i:
                t = t.head
            return Cue(sent[1].text, sent[1].idx, t, weak=True)
        return None
    return None


def said_after(sdoc: Doc, start: int, end: int, lo: int, hi: int) -> bool:
    """Does a reporting verb after the quote ``sdoc.text[start:end]`` name who speaks ('"...," said
    Jane Doe')? Then it does, not a label before the quote: "Mangaluru: '...' said Shri M S", a
    dateline with a colon, is no speaker's label."""
    cue = find_cue(sdoc, start, end, lo, hi)
    return (
        cue is not None
        and not cue.weak
        and cue.pos >= end
        and cue.subject is not None
        and cue.subject.pos_ == "PROPN"
    )

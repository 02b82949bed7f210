"""Cues after a quotation's closing mark: ``"...," Obama said`` / ``said Obama`` / ``"...," according
to X`` / ``"..." — Jane Doe``, and the helpers the other cue finders share ("according to X", the
name after an inverted verb).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .doc_text import block_text
from .quotes_offsets import token_from, tokens_starting
from .quotes_ownwords import reports_own_words
from .quotes_phrases import past_dashes
from .quotes_verbs import Cue, cue_text, is_reporting, reporting_forms, subject_of

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

# Entity types that are never a speaker after an inverted verb.
_NOT_SPEAKERS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})
_SENTENCE_END = frozenset({".", "?", "!", ";"})
QUOTE_CHARS = frozenset("\"“”‘’'„«»")
_DASHES = frozenset("—―–")
# What a quotation "came" as: '"No," came the reply from Doe'.
_CALLS = frozenset("reply answer response retort shout cry chant call yell scream voice word".split())


def according(tok: Token) -> Token | None:
    """The speaker of "according to X" starting at ``tok``, when it is that phrase."""
    doc = tok.doc
    if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
        return None
    for child in doc[tok.i + 1].children:
        if child.dep_ == "pobj":
            return child
    nxt = doc[tok.i + 2] if tok.i + 2 < len(doc) else None
    return nxt


def make_cue(verb: Token, subject: Token | None) -> Cue:
    return Cue(cue_text(verb), verb.idx, past_dashes(subject) if subject is not None else None)


def after_allowed(sdoc: Doc, start: int, end: int, hi: int) -> bool:
    """A quote ending a sentence with a full stop is followed by a new sentence, not by its cue,
    unless the next word is lowercase (``"...." he said``); one ending on "?" or "!" is followed by
    a new sentence when its reporting verb reports words of its own (``quotes_ownwords``)."""
    text = block_text(sdoc)
    last = text[end - 1] if end > start else ""
    if last in "?!":
        return not reports_own_words(sdoc, end, hi)
    if last != ".":
        return last == "," or not reports_own_words(sdoc, end, hi, unpunctuated=True)
    j = end + 1
    while j < len(text) and not text[j].isalpha():
        j += 1
    return j < len(text) and text[j].islower()


def bare_attribution(sdoc: Doc, end: int, hi: int) -> bool:
    """Whether the sentence after a quote that ends in a full stop is only its attribution, written
    as a sentence of its own ('"... missing." Trump said.', "Smith said on Tuesday.")."""
    rest = [t for t in tokens_starting(sdoc, end + 1, hi) if t.text not in QUOTE_CHARS]
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


def after_cue(sdoc: Doc, start: int, end: int, hi: int) -> Cue | None:
    # A quote closed on a comma (or ? !) inside its sentence is followed by its attribution.
    comma_close = end > start and block_text(sdoc)[end - 1] in ",?!"
    window: list[Token] = []
    for t in tokens_starting(sdoc, end, len(block_text(sdoc))):
        if t.idx <= end or t.text in QUOTE_CHARS and t.idx == end or t.is_space:
            continue  # (a no-break space is a token of its own: '"...,"\xa0added Gowdy')
        if t.idx >= hi or t.text in _SENTENCE_END or len(window) >= 15:
            break
        window.append(t)
    came = _came_from(window) if comma_close else None
    if came is not None:
        return came
    for k, t in enumerate(window):
        speaker = according(t)
        if speaker is not None:
            return make_cue(t, speaker) if all(p.is_punct for p in window[:k]) else None
        if not is_reporting(t):
            if comma_close and _mistagged_cue(t, window[:k], window[k + 1 :]):
                return make_cue(t, inverted_subject(t, window[k + 1 :]))
            continue
        pre = [p for p in window[:k] if not p.is_punct and p.text not in QUOTE_CHARS]
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
                subj = inverted_subject(t, window[k + 1 :])
            elif subj is None and all(p.is_alpha and p.text[:1].isupper() for p in pre):
                subj = pre[-1]  # a name the tagger took for an auxiliary: '"...," Will wrote'
            return make_cue(t, subj)
        nominal = [p for p in pre if p.pos_ in ("PROPN", "NOUN", "PRON")]
        # (a relative clause may describe the name: '"...," Jane Doe, the lawyer who took the case said')
        described = {t.i for p in pre if p.dep_ == "relcl" for t in p.subtree}
        if (
            subj is None
            and nominal
            and all(
                p.i in described or p.pos_ in ("PROPN", "NOUN", "PRON", "DET", "ADJ", "NUM", "ADP", "PART")
                for p in pre
            )
        ):
            # A misparse left the verb without its subject: the name before any aside.
            head = window[:k]
            cut = next((i for i, p in enumerate(head) if p.text in ("(", ",", "—") and i), len(head))
            names = [p for p in head[:cut] if p.pos_ in ("PROPN", "NOUN", "PRON")] or nominal
            return make_cue(t, names[-1])
        return None
    if not comma_close:
        return None
    return _any_verb_cue(window, start, end) or _inverted_any_verb(window, start) or _noun_verb(window, start)


def _came_from(window: list[Token]) -> Cue | None:
    """'"...," came the reply from Jane Doe' / 'came shouts from the crowd': whoever it came from."""
    if len(window) < 4 or window[0].lemma_ != "come":
        return None
    k = 2 if window[1].pos_ == "DET" else 1
    if window[k].lemma_.lower() not in _CALLS or " ".join(t.lower_ for t in window[k + 1 : k + 2]) != "from":
        return None
    source = next((c for c in window[k + 1].children if c.dep_ == "pobj"), None)
    return Cue(window[0].text, window[0].idx, source) if source is not None else None


def _any_verb_cue(window: list[Token], start: int, end: int) -> Cue | None:
    """'"...," Hannity started.': a quotation that opens its sentence and closes on a comma, then
    only a subject and an intransitive verb to the sentence's end, is that subject's, whatever the
    verb. (Not '... said he would "protect them," the crowd applauded': the words are inside a
    clause of their own.)"""
    verbs = [t for t in window if t.pos_ in ("VERB", "AUX")]
    if len(verbs) != 1 or verbs[0].dep_ != "ROOT" or window[-1].i + 1 >= len(window[-1].doc):
        return None
    verb = verbs[0]
    if any(t.is_alpha for t in verb.doc[verb.sent.start : verb.i] if t.idx < start):
        return None
    if verb.doc[window[-1].i + 1].text not in _SENTENCE_END:
        return None  # the sentence goes on: not an attribution alone
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    # (The quoted clause itself may hang on the verb: '"It is over," the crowd cheered'.)
    objects = [
        c for c in verb.children if c.dep_ in ("dobj", "ccomp", "xcomp", "attr", "acomp") and c.idx >= end
    ]
    if subj is None or objects:
        return None
    words = [t for t in window if not t.is_punct and t.text not in QUOTE_CHARS]
    allowed = {t.i for t in subj.subtree} | {verb.i}
    if words[0].i != subj.left_edge.i or any(t.i not in allowed and t.pos_ != "ADV" for t in words):
        return None
    return make_cue(verb, subj)


def _inverted_any_verb(window: list[Token], start: int) -> Cue | None:
    """'"...?" reacted Trump.': a quotation that opens its sentence, then only a verb in the past
    (or present) and a name to the sentence's end, is the name's, whatever the verb: English puts
    the verb first there only for words said."""
    words = [t for t in window if not t.is_punct and t.text not in QUOTE_CHARS]
    if len(words) < 2 or window[-1].i + 1 >= len(window[-1].doc):
        return None
    verb, name = words[0], words[1:]
    if verb.tag_ not in ("VBD", "VBZ") or not verb.text.islower() or len(name) > 4:
        return None
    if not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in name):
        return None
    if verb.doc[window[-1].i + 1].text not in _SENTENCE_END:
        return None
    sent = verb.doc[verb.sent.start : verb.i]
    if any(t.is_alpha and t.idx < start for t in sent):
        return None
    return make_cue(verb, name[-1])


def _noun_verb(window: list[Token], start: int) -> Cue | None:
    """'"...," the editorial read.': a quotation that opens its sentence, then only "the" (or "a",
    "his" ...), a word and a speech verb to the sentence's end that the parser read as one noun
    phrase ("the editorial read" as a kind of read) is that phrase's."""
    words = [t for t in window if not t.is_punct and t.text not in QUOTE_CHARS]
    if len(words) > 3:
        return _noun_verb_on(words, start)
    if len(words) != 3 or window[-1].i + 1 >= len(window[-1].doc):
        return None
    det, subj, verb = words
    if det.pos_ not in ("DET", "PRON") or not det.text.islower() or not subj.text.islower():
        return None
    if verb.pos_ in ("VERB", "AUX") or verb.lower_ not in reporting_forms():
        return None  # (a verb the parser saw is the other cue finders' business)
    if verb.doc[window[-1].i + 1].text not in _SENTENCE_END:
        return None
    if any(t.is_alpha and t.idx < start for t in verb.doc[verb.sent.start : verb.i]):
        return None
    return make_cue(verb, subj)


def _noun_verb_on(words: list[Token], start: int) -> Cue | None:
    """'"...," the Saudis state in the white paper, ...', '"...," a voice-over in the ad states.': as
    ``_noun_verb``, a speech verb the parser read as a noun, after a short noun phrase (maybe
    with a phrase of place), at the end of the sentence or before a phrase of its own ("in ...")."""
    det = words[0]
    k = next((i for i, t in enumerate(words) if i > 1 and t.lower_ in reporting_forms()), 0)
    if not k or k > 6 or det.pos_ != "DET" or not det.text.islower():
        return None
    verb, phrase, rest = words[k], words[1:k], words[k + 1 :]
    if verb.pos_ in ("VERB", "AUX") or rest and rest[0].pos_ != "ADP":
        return None
    if not all(t.pos_ in ("NOUN", "PROPN", "ADJ", "ADP", "DET") for t in phrase) or phrase[0].pos_ == "ADP":
        return None
    if any(t.is_alpha and t.idx < start for t in verb.doc[verb.sent.start : verb.i]):
        return None
    nouns = [t for t in phrase if t.pos_ in ("NOUN", "PROPN")]
    cut = next((i for i, t in enumerate(phrase) if t.pos_ == "ADP"), len(phrase))
    head = [t for t in phrase[:cut] if t.pos_ in ("NOUN", "PROPN")]
    return make_cue(verb, head[-1]) if head and nouns else None


def _as_mark(tok: Token, verb: Token) -> bool:
    return tok.dep_ == "mark" and tok.lower_ == "as" and tok.head.i == verb.i


def dash_name(sdoc: Doc, end: int, hi: int) -> Cue | None:
    """A byline-style attribution right after the closing mark: ``"..." — Jane Doe``."""
    text = block_text(sdoc)
    j = end
    while j < hi and (text[j].isspace() or text[j] in QUOTE_CHARS):
        j += 1
    if j >= hi or text[j] not in _DASHES:
        return None
    dash = j
    j += 1
    while j < hi and text[j].isspace():
        j += 1
    # Read characters, not tokens: the tokenizer may glue the dash to the closing mark.
    name = token_from(sdoc, j)
    if name is None or name.idx >= hi or name.pos_ != "PROPN":
        return None
    while name.head.i > name.i and name.head.pos_ == "PROPN":
        name = name.head
    return Cue(text[dash], dash, name)


def inverted_subject(verb: Token, rest: list[Token]) -> Token | None:
    """``"...," said Obama``: the name after the verb when the parser did not make it the subject.
    Right after a quotation any verb inverts ('"...?" asked the boy'); callers looking at a verb
    before one leave out those whose object is the listener ("asked the boy: ...")."""
    for t in rest:
        if t.ent_type_ in _NOT_SPEAKERS:
            return None  # "said Thursday morning on ...": no speaker after the verb
        if t.lower_ in ("another", "someone", "somebody") and t.dep_ in ("nsubj", "dobj", "attr"):
            return t  # '"...," tweeted another': shown as written
        if t.pos_ in ("PROPN", "NOUN") or t.ent_type_ in ("PERSON", "ORG") or _capitalised(t):
            # (a name the tagger took for an adverb still counts: '"...," said Skelly')
            # (a possessor is not the speaker: '"...," opined Cleveland's Plain Dealer')
            while t.dep_ in ("compound", "flat", "poss") and t.head.i > t.i:
                t = t.head
            return t
        if t.pos_ not in ("DET", "ADJ", "ADV", "NUM") and t.dep_ != "amod":
            return None  # (a participle describing the speaker is fine: "said retired surgeon Ben Doe")
    return None


def _capitalised(t: Token) -> bool:
    """A capitalised word inside a sentence, whatever the tagger made of it: likely a name."""
    return t.is_alpha and t.text[:1].isupper() and not t.is_sent_start and t.pos_ in ("ADV", "ADJ", "AUX")


def _mistagged_cue(tok: Token, pre: list[Token], rest: list[Token]) -> bool:
    """A speech verb right after a quote, before the speaker's name, that the tagger read as an
    adjective or a noun: '"...," tweeted council spokesman Alan Price'."""
    word = tok.lower_
    if tok.tag_.startswith("VB") and tok.dep_ != "amod" or word not in reporting_forms():
        return False
    if not word.endswith(("ed", "s")) or any(not p.is_punct and p.text not in QUOTE_CHARS for p in pre):
        return False
    return bool(rest) and (rest[0].pos_ == "PROPN" or rest[0].ent_type_ in ("PERSON", "ORG"))

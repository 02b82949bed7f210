"""The weak cue of a quote inside a sentence with no reporting verb above it: the subjects of the
verbs above the quoted words, nearest first.

A verb of judging above the quote ("mocked", "portraying", "summed up ... as") makes its subject
the first of them: in "Doe tried to turn the tables, portraying Roe as a hypocrite because she had
taken 'about $20,000'" and "Doe mocked Roe's claims that they were allies, as 'pure theater'" the
quoted words are Doe's, though the parser hangs them on a clause about Roe below the judging verb.
(The figure there is no cue of "accepted" either: ``amount_taken``.) A reporting clause that a colon
ends before the quote's clause comes after the subjects above the quote ("Doe argued that ...: the
posts were the rants of a 'radio clown'": the posts name no one, Doe does).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .quotes_offsets import tokens_within
from .quotes_verbs import Cue, is_reporting, quoted

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

_AMOUNTS = frozenset({"MONEY", "CARDINAL", "PERCENT", "QUANTITY"})

# Verbs whose subject characterises someone or something in words of their own (not in the list of
# reporting verbs, which the strong cues already follow).
JUDGING = frozenset(
    "portray depict cast characterize characterise paint frame sum dismiss deride mock ridicule "
    "lampoon label brand slam blast denounce decry condemn lambaste skewer hail laud tout".split()
)


# Nouns for words someone said, which their owner's possessive names ('Romney's "47 percent" comment').
_SAYINGS = frozenset(
    "promise pledge vow comment remark line slogan claim warning quip boast mantra catchphrase refrain "
    "tweet statement phrase retort assertion insult jab".split()
)


def owned_words(inside: list[Token]) -> Cue | None:
    """The owner of quoted words a possessive gives them: 'Obama's "if you like your plan, you can
    keep it" promise', 'Trump's "Look at my supporter" line' (one word may stand before the noun:
    'campaign promise')."""
    sdoc = inside[0].doc
    i = inside[0].i - 1
    while i > 0 and sdoc[i].is_quote:
        i -= 1
    # (the tagger may read a possessive next to a quotation mark as one: "Trump’s “...")
    if i < 1 or (sdoc[i].tag_ != "POS" and sdoc[i].lower_ not in ("'s", "’s")) or sdoc[i - 1].pos_ != "PROPN":
        return None
    k = inside[-1].i + 1
    while k < len(sdoc) and (sdoc[k].is_quote or sdoc[k].text == ","):
        k += 1
    for noun in sdoc[k : k + 2]:
        if noun.lemma_.lower() in _SAYINGS and noun.pos_ == "NOUN":
            return Cue(noun.text, noun.idx, sdoc[i - 1], weak=True)
    return None


def governing_subject(sdoc: Doc, start: int, end: int) -> Cue | None:
    """The subjects of the verbs above the quoted words, nearest first, as a weak cue."""
    inside = tokens_within(sdoc, start, end)
    ids = {t.i for t in inside}
    tok = next((t for t in inside if t.head.i not in ids and t.head.i != t.i), None)
    if tok is None:
        return None
    found: list[tuple[Token, Token]] = []  # (verb, subject)
    judge = None  # where in ``found`` the subject of the first judging verb goes
    h = tok.head
    for _ in range(12):
        if h.i in ids:
            break
        if judge is None and h.pos_ == "VERB" and h.lemma_.lower() in JUDGING:
            judge = len(found)  # (its own subject, or for a participle its governing verb's)
        if h.dep_ == "acl" and h.head.pos_ == "PROPN" and h.head.i not in ids:
            found.append((h, h.head))  # "Jane Doe, a lawyer, compared ..."
        elif h.pos_ in ("VERB", "AUX"):
            # (of two subjects, one is a misparse, most often a dateline: "PARIS (AP) — The council
            # released a statement, offering '...'": the one nearest the verb is its own)
            subj = min(
                (c for c in h.children if c.dep_ == "nsubj" and c.i not in ids and not quoted(c)),
                key=lambda c: abs(c.i - h.i),
                default=None,
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
            found += _colon_reporter(h, inside[0])
            break
        h = h.head
    opener = _opening_name(inside[0])
    if opener is not None and all(s.i != opener[1].i for _v, s in found):
        found.append(opener)  # last: only when no subject above the quote is a name
    if not found:
        return None
    if judge is not None and 0 < judge < len(found):
        found.insert(0, found.pop(judge))
    verb, subj = found[0]
    return Cue(verb.text, verb.idx, subj, weak=True, further=tuple(s for _v, s in found[1:]))


def _opening_name(first: Token) -> tuple[Token, Token] | None:
    """(verb, name) of a clause that opens with a name and a verb in the past the parser read as
    an adjective ("In March, Trump blasted Disney for its '...'", with "blasted Disney" made a
    noun phrase): the name is the one acting, though the tree hangs the sentence elsewhere."""
    sent = first.sent
    for t in first.doc[sent.start : first.i]:
        if t.dep_ != "amod" or t.tag_ not in ("VBD", "VBN") or not t.text.islower() or not t.i:
            continue
        name = t.doc[t.i - 1]
        before = t.doc[name.i - 1] if name.i > sent.start else None
        if name.pos_ == "PROPN" and (before is None or before.text == ","):
            return t, name
    return None


def _colon_reporter(root: Token, first: Token) -> list[tuple[Token, Token]]:
    """(verb, subject) of a reporting clause that a colon ends before the quote's clause, which the
    parser hangs on that clause's verb ("Doe argued that the posts were jokes: they were the rants of
    a 'radio clown'" is Doe's account): after the subjects above the quote, which may name no one."""
    for c in root.children:
        if c.dep_ not in ("ccomp", "parataxis") or c.i >= root.i or not is_reporting(c, strict=True):
            continue
        colon = next((t for t in root.doc[c.right_edge.i : root.i] if t.text == ":"), None)
        subj = next((g for g in c.children if g.dep_ == "nsubj" and not quoted(g)), None)
        if colon is not None and subj is not None and colon.i < first.i:
            return [(c, subj)]
    return []


def amount_taken(verb: Token, first: Token) -> bool:
    """Whether the quoted words starting at ``first`` are an amount that ``verb``, a verb that
    mostly governs things ("accepted", "released"), takes as its object: in "she had accepted
    'about $20,000'" the figure is the words of whoever reports it, not hers."""
    if is_reporting(verb, strict=True):
        return False
    top = next((t for t in first.sent if t.i >= first.i and t.head.i == verb.i and t.dep_ == "dobj"), None)
    return top is not None and top.ent_type_ in _AMOUNTS


def judged_as(inside: list[Token]) -> Cue | None:
    """The judging verb an "as '...'" phrase belongs to when the parser hung it on a clause below
    that verb: in "Doe mocked Roe's claims that they were allies, as 'pure theater'" the phrase is
    Doe's verdict, not the claim of "they"."""
    ids = {t.i for t in inside}
    top = next((t for t in inside if t.head.i not in ids and t.head.i != t.i), None)
    if top is None or top.dep_ != "pobj" or top.head.lower_ != "as" or top.head.dep_ != "prep":
        return None
    below = top.head.head
    if below.lemma_.lower() in JUDGING:
        return None  # (its own: "Doe dismissed the plan as '...'")
    h = below
    for _ in range(6):
        if h.head.i == h.i:
            return None
        h = h.head
        if h.pos_ == "VERB" and h.lemma_.lower() in JUDGING:
            subj = next((c for c in h.children if c.dep_ == "nsubj" and not quoted(c)), None)
            return Cue(h.text, h.idx, subj) if subj is not None else None
    return None

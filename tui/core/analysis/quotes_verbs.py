"""Reporting verbs and who does the reporting: the word lists and the parse-tree walks shared by
the cue finders (``quotes_cues``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

_VERBS_FILE = Path(__file__).with_name("reporting_verbs.txt")
# Speech verbs missing from the GenderGapTracker list (lemmas).
_EXTRA_LEMMAS = (
    "ask urge recall concede contend counter stress emphasize emphasise complain vow promise observe "
    "remark quip joke boast allege charge caution repeat reiterate answer wonder plead demand shout yell "
    "whisper call acknowledge lament muse recount maintain agree post deny retort scoff declare confide "
    "speculate summarize summarise opine protest snap tease chide criticise dub label brand blast slam "
    "praise hail accuse question object insist explain tell add say learn quote predict write reveal "
    "recommend pledge threaten plead cry read rule chant elaborate brag gripe grouse "
    # The manner of saying: '"Go back," Smith barked', '"This is fantastic!" beamed Doe'.
    "bark exhort interject gush sneer snarl growl thunder fume chuckle beam"
)
# Verbs in the list that mostly govern things other than speech: not enough to attribute a quote
# sitting inside their clause ("released its 'Super Plan'"), though fine right next to a quote.
_WEAK_LEMMAS = frozenset(
    "accept continue ensure convince demonstrate find persist present release illustrate highlight "
    "think reckon rave preach point read learn".split()
)
# Verbs whose object is the listener, never the speaker ("told Obama").
LISTENER_LEMMAS = frozenset("tell inform remind assure reassure warn advise convince notify ask urge".split())
SUBJECT_DEPS = ("nsubj", "nsubjpass")
# Verbs of an event moving someone to act: "prompted Doe to say" is Doe speaking.
_CAUSING_LEMMAS = frozenset("prompt lead force cause push inspire drive spur compel provoke move".split())
# Verbs of sending a message to someone: "emailed supporters saying ..." is the sender speaking.
_SENDING_LEMMAS = frozenset("email e-mail send text message mail tweet write".split())
# Nouns for things said: their possessor is the speaker of a quote inside them ("Smith's claim that").
SPEECH_NOUNS = frozenset(
    "claim statement remark comment word assertion promise pledge prediction warning argument insistence "
    "suggestion accusation charge description message vow boast admission answer response reply quip "
    "tweet post letter speech testimony declaration announcement contention complaint allegation "
    "conclusion assessment ruling verdict "  # (what an official or a court pronounces: "Doe's conclusion")
    # (and the lines someone is known by: "Doe's campaign slogan is '...'", "Doe's dictum was, '...'")
    "slogan catchphrase phrase dictum motto mantra refrain maxim".split()
)
# Written or recorded things that carry someone's words: "issued a statement calling ...".
TEXT_NOUNS = SPEECH_NOUNS | frozenset(
    "report memo release ad advertisement video language note footnote email document filing resolution "
    "website".split()
)


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
        return _as_put_it(tok) or _answer_back(tok) or not strict and _speaks_on(tok)
    if strict and tok.lemma_.lower() in _WEAK_LEMMAS:
        return tok.lemma_.lower() == "point" and any(c.dep_ == "prt" for c in tok.children)
    return True


def _answer_back(tok: Token) -> bool:
    """A retort: '"...," Smith shot back', "fired back", "hit back"."""
    if tok.lemma_.lower() not in ("shoot", "fire", "hit") or tok.i + 1 >= len(tok.doc):
        return False
    after = tok.doc[tok.i + 1]  # (not a walk over every child: a verb heading a long clause has many)
    return after.lower_ == "back" and after.head.i == tok.i and after.dep_ in ("prt", "advmod")


# Phrasal verbs that, next to a quotation, say that someone spoke: '"...," Smith went on', "chimed in".
_SPEAKING_PARTICLES = {"go": "on", "chime": "in", "cut": "in", "pipe": "up", "weigh": "in", "jump": "in"}


def _speaks_on(tok: Token) -> bool:
    """'"...," Smith went on', "Doe chimed in": the verb and its particle right after it."""
    particle = _SPEAKING_PARTICLES.get(tok.lemma_.lower())
    if particle is None or tok.i + 1 >= len(tok.doc):
        return False
    after = tok.doc[tok.i + 1]
    return after.lower_ == particle and after.head.i == tok.i and after.dep_ in ("prt", "advmod")


def _as_put_it(tok: Token) -> bool:
    """The idiom "as the memo put it": a speech act, though "put" alone is not one."""
    if tok.lemma_.lower() != "put":
        return False
    kids = {(c.dep_, c.lower_) for c in tok.children}
    return ("dobj", "it") in kids and ("mark", "as") in kids


@dataclass(frozen=True, slots=True)
class Cue:
    """A reporting verb (or "according to") for a quote, and the token naming the speaker."""

    text: str
    pos: int  # block-relative character offset of the cue
    subject: Token | None
    weak: bool = False  # not a reporting verb: the clause's subject is only a likely speaker
    further: tuple[Token, ...] = ()  # weak cues: subjects of the clauses further up, nearest first


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The subject of ``verb``, borrowed from the governing verb or noun when it has none."""
    agent = None if depth else _agent(verb)
    if agent is not None:
        return agent  # "was called 'a trap' by Jane Doe": the agent speaks, not the passive subject
    # (A dash the tagger took for a noun is no subject: "... public ― Smith boasted".)
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and any(ch.isalnum() for ch in c.text)]
    if subjects:
        # A quoted title can be misparsed as a second subject ("said on 'Fox and Friends'"), and a
        # borrowed subject must not come from inside a quotation.
        # Two subjects only come from a misparse: the one nearest the verb is likelier its own.
        free = min((c for c in subjects if not quoted(c)), key=lambda c: abs(c.i - verb.i), default=None)
        if free is None and not depth and subjects[0].i < verb.i:
            return subjects[0]  # the quoted words themselves, which callers check for
        return free
    if verb.tag_ in ("VBD", "VBZ") and verb.i:
        # A finite verb has a subject: a name the parser hung on it as a compound ('"...," Pratt
        # joked' read as one noun phrase "Pratt joked") is that subject.
        prev = verb.doc[verb.i - 1]
        if prev.head.i == verb.i and prev.dep_ in ("compound", "npadvmod") and prev.pos_ == "PROPN":
            if not quoted(prev):
                return prev
    if not depth and verb.tag_ == "VBG" and verb.i:
        # "footage of Jane Doe saying ...": the name right before a participle is who speaks.
        prev = verb.doc[verb.i - 1]
        if prev.pos_ == "PROPN" and prev.ent_type_ in ("PERSON", "ORG", "") and not quoted(prev):
            return prev
    if depth > 3 or verb.head.i == verb.i:
        return None
    caused = _caused_speaker(verb)
    if caused is not None:
        return caused
    if verb.dep_ in ("advcl", "xcomp", "conj", "pcomp", "prep", "pobj") and verb.head.pos_ in (
        "VERB",
        "AUX",
        "ADP",
    ):
        head = verb.head
        # "Doe wrote the agents knew it, saying '...'": a speech verb hung on the reported clause
        # speaks for the one who reports it, not for the clause's own subject.
        # (Never up into the quotation: a misparse may hang the whole sentence on the quoted verb.)
        # (Also through the verbs a reported clause chains: "a strategist said Doe will have to
        # choose a side, saying '...'": the strategist's words, not Doe's.)
        while is_reporting(verb):
            top = head
            while top.dep_ == "xcomp" and top.head.pos_ in ("VERB", "AUX"):
                top = top.head
            if quoted(top.head) or not (
                top.dep_ == "ccomp"
                and is_reporting(top.head)
                # (a participle, whatever takes the clause: "Francis made clear that the meeting
                # was not political, saying ..." is Francis speaking, not the meeting)
                or verb.tag_ == "VBG"
                and _complement(top)
                and top.head.pos_ in ("VERB", "AUX", "ADJ")
            ):
                break
            head = top.head
            while (
                head.pos_ == "ADJ"
                and head.dep_ in ("ccomp", "acomp", "oprd")
                and head.head.pos_ in ("VERB", "AUX")
            ):
                head = head.head  # "made clear that ...", "is sure that ..."
        return subject_of(head, depth + 1)
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN"):
        head = _message_to(verb.head) or verb.head
        # "the council issued a statement calling ...": the text's issuer, when the clause names one.
        if head.lemma_.lower() in TEXT_NOUNS and head.dep_ in ("dobj", "pobj"):
            issuer = clause_subject(head)
            if issuer is not None and issuer.lemma_.lower() not in TEXT_NOUNS:
                return issuer
        if head.pos_ == "NOUN" and head.lemma_.lower() not in TEXT_NOUNS and verb.doc[verb.i - 1].text == ",":
            # A participle after a comma, far from a noun that says nothing ("Doe rejected the
            # notion that ..., saying ..."): it goes with the clause, whose subject speaks.
            doer = clause_subject(head)
            if doer is not None and not quoted(doer):
                return doer
        if head.dep_ in ("dobj", "dative") and head.head.lemma_.lower() in _SENDING_LEMMAS:
            # "Doe emailed supporters saying ...": the sender's words, not the readers'.
            sender = subject_of(head.head, depth + 1)
            if sender is not None:
                return sender
        return head  # "a statement saying ...", "the official who spoke ..."
    if (
        verb.dep_ == "acl"
        and verb.head.pos_ in ("NOUN", "PROPN")
        and (verb.tag_ == "VBD" or verb.tag_ == "VBN" and verb.head.dep_ == "ROOT")
        and _next_to(verb.head, verb)
    ):
        # A sentence misread as a noun phrase ("A man in the back yelled '...'" as "a man [who was]
        # yelled", "Doe, an ally, called it '...'" with a finite verb as a modifier): its noun speaks.
        return verb.head
    return None


def _caused_speaker(verb: Token) -> Token | None:
    """ "The delay led Mayor Doe to declare ...", "That prompted Doe to ... call it '...'": the one an
    event moves to speak speaks, not the event. (Not "urged Doe to call it '...'": those words are
    the urger's.)"""
    inf = verb.head if verb.dep_ == "conj" and verb.head.dep_ == "xcomp" else verb
    if inf.dep_ != "xcomp" or inf.head.lemma_.lower() not in _CAUSING_LEMMAS:
        return None
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in inf.children):
        return None
    obj = next((c for c in inf.head.children if c.dep_ == "dobj" and c.i < inf.i), None)
    return obj if obj is not None and not quoted(obj) else None


def _message_to(noun: Token) -> Token | None:
    """The message sent to ``noun`` when a participle hangs on its readers ("sent an email to
    supporters saying ...", "a letter to donors stating ..."): the message says it, not them."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "to":
        return None
    above = noun.head.head
    if above.lemma_.lower() in TEXT_NOUNS:
        return above
    return next((c for c in above.children if c.dep_ == "dobj" and c.lemma_.lower() in TEXT_NOUNS), None)


def _complement(clause: Token) -> bool:
    """A "that" clause taken by the word above it (not a clause of time or cause: "when ...")."""
    return (
        clause.dep_ == "ccomp"
        or clause.dep_ == "advcl"
        and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
    )


def _next_to(noun: Token, verb: Token) -> bool:
    """Whether only punctuation, adverbs and the noun's own asides ("Doe, an ally,") stand between
    them (not "Bannon, who Beck called": that verb has a subject the parser lost)."""
    aside = {t.i for c in noun.children if c.dep_ in ("appos", "amod") and c.i < verb.i for t in c.subtree}
    return all(t.is_punct or t.i in aside or t.pos_ == "ADV" for t in noun.doc[noun.i + 1 : verb.i])


def _agent(verb: Token) -> Token | None:
    """The "by" phrase of a passive reporting verb ("has been described as '...' by Jane Doe")."""
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    # (or a passive participle on a noun: "measures added by Republicans", "a plan called 'X' by Doe")
    passive = (
        passive
        or verb.tag_ == "VBN"
        and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
    )
    if not passive or not is_reporting(verb):
        return None
    # (The parser often hangs the "by" on the quoted words: "described as 'a disaster' by Doe".)
    for c in verb.subtree:
        if c.i > verb.i and (c.dep_ == "agent" or c.lower_ == "by" and c.dep_ == "prep") and not quoted(c):
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and (c.dep_ == "agent" or obj.pos_ == "PROPN"):
                return obj
    return None


def clause_subject(tok: Token) -> Token | None:
    """The subject of the nearest verb above ``tok`` that has one outside quotation marks."""
    h = tok.head
    for _ in range(8):
        if h.pos_ in ("VERB", "AUX"):
            subj = next((c for c in h.children if c.dep_ == "nsubj" and not quoted(c)), None)
            if subj is not None:
                return subj
        if h.head.i == h.i:
            return None
        h = h.head
    return None


def quoted(tok: Token) -> bool:
    """Whether ``tok`` sits between double quotation marks in its block (an odd number before it)."""
    marks = sum(1 for t in tok.doc[: tok.i] if t.text[:1] in '"“”' or t.text[-1:] in '"“”')
    return marks % 2 == 1


def cue_text(verb: Token) -> str:
    if verb.lower_ == "according":
        return verb.doc[verb.i : verb.i + 2].text
    parts = [verb] + [
        c for c in verb.children if c.i == verb.i + 1 and (c.dep_ == "prt" or c.lower_ == "back")
    ]
    return verb.doc[parts[0].i : parts[-1].i + 1].text


def fallback_subject(verb: Token, start: int, end: int) -> Token | None:
    """A speaker for a reporting verb the parse left without a subject (block offsets of the quote).

    The small model often loses the subject of a participle or of a verb after a long aside
    ("Smith said, suggesting ...", "Jane Doe, the head of X, told ..."): the subject of an earlier
    reporting verb in the sentence, else the nearest person named before the verb.
    """
    if not verb.tag_.startswith("VB"):
        return None
    # "said Skelly" with the name tagged an adverb (read again for a later quote in the sentence)
    after = verb.doc[verb.i + 1] if verb.i + 1 < verb.sent.end and verb.tag_ == "VBD" else None
    if after is not None and after.head.i == verb.i and after.dep_ in ("advmod", "npadvmod"):
        if (
            after.is_alpha
            and after.text[:1].isupper()
            and after.ent_type_ in ("", "PERSON")
            and not quoted(after)
        ):
            return after
    if verb.tag_ == "VBN" and not _active_participle(verb):
        return None
    if verb.tag_ == "VB" and not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None  # an imperative or a bare infinitive: nobody in particular
    sent = verb.sent
    before_verb = verb.doc[verb.i - 1] if verb.i > sent.start else None
    if verb.tag_ in ("VBD", "VBZ", "VBP") and before_verb is not None:
        # "In an interview with hosts A and B, the candidate stated ...", "..., a White House official
        # who spoke anonymously said ...": the parser hung the noun phrase ending right before the verb
        # on a name before it as an appositive; that phrase is the verb's subject.
        np = (
            next((a for a in before_verb.ancestors if a.dep_ == "appos"), None)
            if before_verb.dep_ != "appos"
            else before_verb
        )
        if (
            np is not None
            and np.pos_ in ("NOUN", "PROPN")
            and np.right_edge.i == verb.i - 1
            and not quoted(np)
        ):
            if not start <= np.idx < end and np.left_edge.i > 0 and verb.doc[np.left_edge.i - 1].text == ",":
                return np
    lo = sent.start
    if verb.tag_ == "VBG" and all(t.is_punct or t.pos_ == "CCONJ" for t in verb.doc[sent.start : verb.i]):
        # A sentence opening on the participle ("Doe stated that ... . Adding, '...'") goes on from
        # the sentence before.
        lo = verb.doc[sent.start - 1].sent.start if sent.start else sent.start
    before = [t for t in verb.doc[lo : verb.i] if not start <= t.idx < end and not quoted(t)]
    for t in reversed(before):
        if is_reporting(t) and not any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children):
            subj = subject_of(t)
            if subj is not None and not start <= subj.idx < end and not quoted(subj):
                return subj
    for clause in verb.lefts:
        # "One attendee, who like others spoke on condition of anonymity, said ...": the parser made
        # the subject's own clause a complement of the verb; its subject speaks.
        subj = (
            next((c for c in clause.children if c.dep_ == "nsubj"), None) if clause.dep_ == "ccomp" else None
        )
        if (
            subj is not None
            and subj.pos_ in ("NOUN", "PROPN")
            and not start <= subj.idx < end
            and not quoted(subj)
        ):
            return subj
    root = sent.root
    if root.i < verb.i and root.pos_ in ("PROPN", "NOUN") and root.text[:1].isupper() and not quoted(root):
        # A sentence the parser built on the name that opens it ("Doe, who served ..., called it
        # 'childish'", "Trump defended the plan, calling it ..."): that name is the subject.
        if not start <= root.idx < end:
            return root
    for t in reversed(before):
        if t.ent_type_ == "PERSON":
            while t.head.i > t.i and t.head.ent_type_ == "PERSON" and t.dep_ in ("compound", "flat"):
                t = t.head
            return t
    return None


def _active_participle(verb: Token) -> bool:
    """A past form after a comma with an object of its own ("Doe, a former aide, called the plan
    'a joke'" parsed as a participle on "aide"): a finite verb the parser lost, not a passive."""
    return (
        verb.dep_ == "acl"
        and verb.i > 0
        and verb.doc[verb.i - 1].text == ","
        and any(c.dep_ in ("dobj", "oprd") for c in verb.children)
    )


def speech_owner(noun: Token) -> Token | None:
    """The possessor of a speech noun, "Smith's claim that ...", "in Smith's words"."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in SPEECH_NOUNS:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN")), None)
    return owner if owner is not None and not quoted(owner) else None

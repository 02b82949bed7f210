"""What a pronoun speaker may mean: the mentions "he", "she", "it" and "they" can refer to.

"He"/"she" means a person: a name, a lone surname the small model tagged as a body, or a speaker the
text only describes ("A reporter for the agency called it chaos. '...,' he said"). "It" means a body
or a text that speaks or is the subject of a clause ("The lawsuit contends ... It goes on to fault
...", "The email includes a photo ... it reads"); "they" a body, a people or a plural group. An
interrogative phrase ("What father wouldn't love that?") refers to nobody. The gender of a full
name is its own or, failing that, its family name's, unless another full name in the text shares
that family name ("Ghazala Khan" says nothing of "Khizr Khan"). "As for X, he ..." is X.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING

from .quotes_names import BODY_NOUNS, FEMALE, MALE, PERSON_GENDER, TEXT_BODIES
from .quotes_people_index import SPEAKER, Mention, PeopleIndex
from .quotes_phrases import noun_phrase
from .quotes_verbs import TEXT_NOUNS, is_reporting

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

    from ..models import Entity
    from .pipeline import Paragraph

# Head nouns of descriptions of a person: "the Republican candidate said", "a reporter for X asked".
PERSON_NOUNS = frozenset(PERSON_GENDER) | frozenset(
    (
        "official spokesperson candidate nominee senator governor president mayor reporter correspondent "
        "journalist lawyer attorney aide adviser advisor director leader secretary minister judge witness "
        "resident voter supporter activist protester organizer manager strategist pollster analyst expert "
        "professor economist historian author writer columnist editor commentator host anchor officer "
        "agent detective sheriff chief commander general ambassador diplomat lawmaker legislator "
        "representative delegate donor executive founder owner student teacher doctor veteran worker "
        "person friend neighbor member staffer operative consultant prosecutor defendant plaintiff "
        "victim survivor soldier captain sergeant pastor priest rabbi imam bishop source insider "
        "chairperson speaker politician"
    ).split()
)
# Texts that speak as "it": "The lawsuit contends ... It goes on to say ...".
_TEXTS = TEXT_NOUNS | frozenset(
    "lawsuit suit complaint motion brief ruling indictment bill petition platform book editorial column "
    "piece article op-ed essay story survey study analysis affidavit constitution sign banner placard "
    "poster".split()
)
# Words after the head of a description: "a reporter for the agency", "the official in charge".
_AFTER_HEAD = frozenset("for of at with from in to on who that which and ,".split())
_QUESTION_WORDS = frozenset("what which whose".split())
# Where words are heard or seen, never who says them: "on camera, who ...", "in the video, who ...".
_MEDIA = frozenset(
    "camera video tape footage recording livestream broadcast phone radio television tv podcast air".split()
)
_NOT_NAMES = frozenset("The A An My His Her Our Their What Which".split())
# Titles and callings a text uses for a person it has just named ("Obama ... the president said").
_EPITHETS = frozenset(
    (
        "president senator governor secretary candidate nominee mayor congressman congresswoman "
        "lawmaker billionaire businessman businesswoman mogul tycoon magnate chairman chairwoman "
        "minister ambassador premier chancellor actor actress singer neurosurgeon surgeon general"
    ).split()
)
_ASKING = frozenset("ask asks asked asking question questions questioned questioning".split())


def head_word(phrase: str) -> str:
    """The head noun of a noun phrase shown as a speaker: "reporter" in "A reporter for AFP"."""
    words: list[str] = []
    for w in phrase.split():
        if w.lower() in _AFTER_HEAD:
            break
        words.append(w)
    return words[-1].lower().strip(",.") if words else ""


class Referents(PeopleIndex):
    """The kinds of mention each pronoun may mean, over the document's record of people."""

    def __init__(self, entities: list[Entity], paras: list[Paragraph], quoted: list[tuple[int, int]]) -> None:
        self.askers: set[int] = set()  # where the speakers who put a question to someone are
        super().__init__(entities, paras, quoted)

    def _plain_subject(self, off: int, tok: Token, sent: int) -> None:
        """A subject that is a text ("The email includes a photo of Doe. At the bottom it reads
        '...'") is a mention too: "it" may go on with what it says."""
        before = len(self.mentions)
        super()._plain_subject(off, tok, sent)
        if len(self.mentions) == before and tok.lemma_.lower() in _TEXTS and tok.tag_ == "NN":
            self.mentions.append(Mention(off + tok.idx, noun_phrase(tok), "NP", 1, sent=sent))

    def fits(self, word: str) -> Callable[[Mention], bool] | None:
        """Whether a mention may be what pronoun ``word`` refers to; None for other pronouns."""
        want = MALE if word == "he" else FEMALE if word == "she" else None
        if want is not None:
            return lambda m: (
                not _question(m)
                and (
                    _person(m)
                    and m.name not in self.places
                    and not self.family(m)
                    and self.gender_of(m.name) in (want, None)
                    or _described_person(m, want)
                    and m.pos not in self.askers
                )
            )
        if word == "it":
            return lambda m: (
                (m.label in ("ORG", "GPE", "NORP", "FAC") or _body(m) or _text(m)) and not m.plural
            )
        if word == "they":
            # (loosely a body, "the company ... they", but never one text: "they think" is no article)
            return lambda m: (
                m.label in ("ORG", "NORP", "GPE")
                or (m.label == "NP" and m.plural)
                or _body(m)
                and not _one_text(m)
            )
        return None

    def family(self, m: Mention) -> bool:
        """Whether ``m`` is a family, "the Clintons", "the Does'": a known family name made plural."""
        return m.plural and " " not in m.name and m.name[-1:] == "s" and bool(self.surname(m.name[:-1]))

    def add_speaker(
        self, pos: int, name: str, label: str, plural: bool = False, asking: bool = False
    ) -> None:
        """A resolved speaker; ``asking`` when what they said is a question to someone."""
        super().add_speaker(pos, name, label, plural)
        if asking:
            self.askers.add(pos)

    def topic_of(self, off: int, tok: Token) -> tuple[str, str] | None:
        """The person "As for X," makes the topic of the clause whose subject pronoun is ``tok``:
        "As for Trump, he said he was not worried" is Trump."""
        want = MALE if tok.lower_ == "he" else FEMALE if tok.lower_ == "she" else None
        if want is None or tok.dep_ != "nsubj":
            return None
        for c in tok.head.children:
            if c.i >= tok.i or c.lower_ != "as" or c.dep_ != "prep":
                continue
            for g in c.children:
                obj = next((o for o in g.children if o.dep_ == "pobj"), None) if g.lower_ == "for" else None
                ent = self.token_entity(off, obj) if obj is not None else None
                if (
                    ent is not None
                    and ent.label == "PERSON"
                    and self.gender_of(ent.canonical) in (want, None)
                ):
                    return ent.canonical, "PERSON"
        return None

    def epithet_of(self, off: int, tok: Token) -> str | None:
        """The person a definite title refers back to ("Clinton spoke on Monday. The former
        secretary of state said ..."): the one person the sentence before and this one so far name.
        Two people there, or none, and the title may mean either or someone new: no guess."""
        if not _epithet(tok):
            return None
        pos = off + tok.idx
        own = self.sentence_of(pos)
        i = bisect_left(self._sent_starts, own)
        want = PERSON_GENDER.get(tok.lower_) or _own_gender(tok)
        names: set[str] = set()
        seen: list[Mention] = []
        end = self.mentions_before(pos)
        # (a sentence before that names nobody, in the text's own words, is passed over once: a cheer
        # cut off by a mark, 'to chants of "Go!', says nothing of who the title means)
        for back in (1, 2):
            lo = self._sent_starts[i - back] if i >= back else own
            for m in reversed(self.mentions[max(0, end - 30) : end]):
                if m.pos < lo:
                    break
                if m.label == "PERSON" and m.name[:1].isupper() and m.name.split()[0] not in _NOT_NAMES:
                    names.add(m.name)  # (a name, not a person the text describes: "My father")
                    seen.append(m)
            # (but words quoted there are someone's, who may be anyone: '"You?" Doe asked. "Me,
            # yes. I am," the senator said' is not Doe)
            if names or self._names_anyone(lo, own) or self.in_quote(lo) or self.in_quote(lo + 1):
                break
        if len(names) > 1 and want is not None:
            # (of two people, the one whose sex the title's own clause tells: "Clinton attacked
            # Trump. The former secretary began her speech ..." is Clinton)
            names = {n for n in names if self.gender_of(n) == want}
        mains = {m.name for m in seen if m.main}
        if (
            len(names) > 1
            and len(mains) == 1
            and all(m.main or _aside(tok.doc, m.pos - off) for m in seen)
            and not self._named_after(off, tok)
        ):
            # (of a sentence's subject and people it only talks about in passing, the subject:
            # "Doe took the stage, mocking Smith. '...,' the former president said" is Doe; but
            # "Doe toured the plant with Smith. The former governor said" may be either)
            names = mains
        if len(names) != 1:
            return None
        name = names.pop()
        return name if want is None or self.gender_of(name) in (want, None) else None

    def _named_after(self, off: int, tok: Token) -> bool:
        """Whether the title's phrase goes on to a name after a comma ("the ambassador at the time,
        John Doe"): it is who the title means, whoever the sentence before is about."""
        after = tok.doc[tok.i + 1 : tok.i + 6]
        comma = next((t for t in after if t.text == ","), None)
        nxt = tok.doc[comma.i + 1] if comma is not None and comma.i + 1 < len(tok.doc) else None
        return nxt is not None and (ent := self.token_entity(off, nxt)) is not None and ent.label == "PERSON"

    def _names_anyone(self, lo: int, hi: int) -> bool:
        """Whether the text between ``lo`` and ``hi`` mentions any possible speaker."""
        return any(lo <= m.pos < hi for m in self.mentions[max(0, self.mentions_before(hi) - 30) :])

    def who_host(self, off: int, who: Token) -> Token:
        """The person a "who" clause is about. The parser may hang it on the medium next to them
        ("Bundy says to Santilli on camera, who responds"): "who" is a person, the nearest one named
        before that medium in the sentence. (Only media: people are called by too many nouns to
        tell them from things, "a campaign surrogate who said", "critics who say".)"""
        clause = relative_clause(who)
        host = clause.head if clause is not None else who.head.head
        if host.pos_ != "NOUN" or host.ent_type_ or host.lemma_.lower() not in _MEDIA:
            return host
        for t in reversed(who.doc[max(host.sent.start, host.i - 8) : host.i]):
            ent = self.token_entity(off, t)
            if ent is not None and ent.label == "PERSON":
                return t
        return host

    def talked_about(self, m: Mention, want: str, own: int) -> bool:
        """Whether ``m`` sits in a sentence whose main subject is "he"/"she" (of gender ``want``) as
        someone that sentence talks about: not its main subject nor a named speaker. In an earlier
        sentence ("He dismisses reports that Hill took money") that is anyone else; in the pronoun's
        own sentence only people merely mentioned, as a subject there may well be who it means
        ("Park scolded him: '...,' she said")."""
        if (m.sent, want) not in self.pronoun_subjects:
            return False
        if m.sent == own:
            return not (m.rank and not m.introduced)
        return not (m.main or m.rank == SPEAKER and m.label != "NP")

    def sentence_of(self, pos: int) -> int:
        """The document offset of the sentence holding ``pos``."""
        i = bisect_left(self._sent_starts, pos + 1) - 1
        return self._sent_starts[i] if i >= 0 else -1

    def gender_of(self, name: str) -> str | None:
        if name and name not in self.gender and len(self._families.get(name.split()[-1], ())) > 1:
            return None  # (the family name's votes may be a relative's: "Ghazala Khan" ... "Khizr Khan")
        return super().gender_of(name)

    @cached_property
    def _families(self) -> dict[str, set[str]]:
        """Family name -> the full names of people in the text that end in it."""
        out: dict[str, set[str]] = {}
        for e in self.ents:
            if e.label == "PERSON" and " " in e.canonical:
                out.setdefault(e.canonical.split()[-1], set()).add(e.canonical)
        return out


def _aside(doc: Doc, idx: int) -> bool:
    """Whether the person named at character ``idx`` of ``doc`` is only talked about in passing: a
    possessive ("Smith's plan") or in a participle clause ("..., mocking Smith")."""
    span = doc.char_span(idx, idx + 1, alignment_mode="expand") if 0 <= idx < len(doc.text) else None
    if span is None or not len(span):
        return False
    tok = span[0]
    if tok.dep_ == "poss":
        return True
    for _ in range(6):
        if tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.tag_ == "VBG" and tok.dep_ in ("advcl", "acl"):
            return True
    return False


def _epithet(tok: Token) -> bool:
    """A definite title standing for a person named before: "the senator", "the former secretary
    of state" (not "the prime minister's spokesman", someone else)."""
    return (
        (tok.pos_ == "NOUN" and tok.tag_ == "NN" and tok.lemma_.lower() in _EPITHETS or _member(tok))
        and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
        and not any(c.dep_ == "poss" for c in tok.children)
    )


def _own_gender(tok: Token) -> str | None:
    """The sex a possessive in the title's own clause tells of it: "The senator began her speech"."""
    for obj in (c for c in tok.head.children if c.dep_ == "dobj") if tok.dep_ == "nsubj" else ():
        for g in obj.children:
            if g.dep_ == "poss" and g.lower_ in ("her", "his"):
                return FEMALE if g.lower_ == "her" else MALE
    return None


def _member(tok: Token) -> bool:
    """A singular member of a party or people used as a title: "the Utah Republican", "the Texan"."""
    return tok.ent_type_ == "NORP" and tok.tag_ == "NNP" and tok.pos_ == "PROPN"


def reported_within(verb: Token | None) -> bool:
    """Whether reporting verb ``verb`` sits in what another reporting verb before it reports ("Doe
    noted that Smith has admitted ...", "Doe said he hopes to see Smith claiming ..."), not beside
    it ("Doe said A and Smith warned B") nor under a source named after it ("Smith slammed the
    plan, the Herald reported": Smith is who the text is about)."""
    tok = verb
    for _ in range(8):
        # (an aside is no report: "states are called in order, he noted" tells what he said)
        if tok is None or tok.dep_ in ("conj", "parataxis", "ROOT") or tok.head.i == tok.i:
            return False
        tok = tok.head
        if is_reporting(tok, strict=True) and not any(
            c.dep_ in ("auxpass", "nsubjpass") for c in tok.children
        ):
            return tok.i < verb.i
    return False


def asks(cue: str, verb: Token | None = None) -> bool:
    """Whether a cue is a question put to someone ("A reporter asked Doe how ... He replied"): its
    speaker is not who answers. Not one asked ("Asked about it, Doe said", "when asked ..."): a
    participle with no agent is said of whoever was asked."""
    if verb is not None and verb.tag_ == "VBN" and not any(c.dep_ == "agent" for c in verb.children):
        return False
    return cue.split()[0].lower() in _ASKING


def _question(m: Mention) -> bool:
    return m.name.split()[0].lower() in _QUESTION_WORDS


def _described_person(m: Mention, want: str) -> bool:
    """A speaker the text names only by a description of a person: "a reporter for the agency"."""
    if m.label != "NP" or m.rank != SPEAKER or m.plural:
        return False
    head = head_word(m.name)
    return head in PERSON_NOUNS and PERSON_GENDER.get(head, want) == want


def _person(m: Mention) -> bool:
    return m.label == "PERSON" or _mistagged_person(m)


def _mistagged_person(m: Mention) -> bool:
    """A lone surname the small model tagged an organisation or a place ("Fiorina said" as ORG)
    that is the main subject of its sentence, or (a place) that spoke: "he"/"she" may mean it,
    unless the text uses it as a place ("in Russia")."""
    return (
        (m.label == "ORG" and m.main or m.label == "GPE" and m.rank == SPEAKER)
        and " " not in m.name
        and m.name[:1].isupper()
        # (an Irish or an Italian name too: "O'Dwyer", "D'Souza")
        and (m.name[1:].islower() or m.name[1:2] in "'’" and m.name[2:3].isupper() and m.name[3:].islower())
    )


def _body(m: Mention) -> bool:
    """A plain noun phrase naming a body or a text ("the article", "Smith's campaign")."""
    return m.label == "NP" and m.name.split()[-1].lower().rstrip("s") in BODY_NOUNS


def _one_text(m: Mention) -> bool:
    """A single text or page ("an article", "a website"), which "they" never means."""
    return not m.plural and m.name.split()[-1].lower() in TEXT_BODIES


def _text(m: Mention) -> bool:
    """A text that spoke ("The lawsuit contends ...") or that does something ("The email includes
    ..."): "it" may go on with what it says."""
    return m.label == "NP" and m.rank >= 1 and head_word(m.name) in _TEXTS


def relative_clause(rel: Token) -> Token | None:
    """The relative clause relative pronoun ``rel`` is the subject of, through the clauses joined to
    it ("a teacher who is running and who worked the crowd, praising ...": both are about the
    teacher), or None when it heads no relative clause."""
    clause = rel.head
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    return clause if clause.dep_ == "relcl" else None

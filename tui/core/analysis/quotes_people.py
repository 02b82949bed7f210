"""Who a speaker is: entity names for speaker tokens, and pronoun speakers resolved to people.

A speaker token (the subject of a reporting verb) becomes the canonical name of the PERSON/ORG entity
it belongs to, or of a name attached to it ("the secretary, Jane Doe"); a pronoun ("he", "she", "it")
becomes the most recent earlier subject or speaker of a compatible kind and gender; anything else is
the noun phrase itself ("a U.S. official"). Gender comes from the text only: courtesy titles
(Mr/Mrs/Ms), gendered role nouns next to the name (spokeswoman, chairman) and the pronouns that follow
a person who is the only person in a sentence.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from ..models import Entity
from .ner_doc import show_acronyms
from .quotes_names import (
    BODY_NOUNS,
    FEMALE,
    FEMALE_NAMES,
    MALE,
    MALE_NAMES,
    PERSON_GENDER,
    PRONOUN_GENDER,
    ROLE_GENDER,
    TITLES,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

    from .pipeline import Paragraph

SPEAKER_LABELS = ("PERSON", "ORG", "GPE", "NORP", "FAC")
_LABEL_RANK = {label: i for i, label in enumerate(SPEAKER_LABELS)}
# Abbreviated titles and the role nouns they stand for.
_ROLE_ABBREVIATIONS = {
    "sen": ("senator",),
    "rep": ("representative", "congressman", "congresswoman", "lawmaker"),
    "gov": ("governor",),
    "pres": ("president",),
    "gen": ("general",),
    "sec": ("secretary",),
    "dr": ("doctor",),
    "prof": ("professor",),
    "lt": ("lieutenant",),
    "col": ("colonel",),
    "adm": ("admiral",),
    "atty": ("attorney",),
}
RELATIVE = frozenset({"who", "that", "which", "whom"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
SPEAKER = 2  # the rank of a resolved speaker among mentions
# The noun phrase of a speaker stops before these: clauses and asides hanging off the head noun.
_NP_STOP_DEPS = frozenset({"relcl", "acl", "appos", "punct", "advcl", "cc", "conj", "parataxis"})


class Speaker(NamedTuple):
    """Who a subject names: ``name`` for linking and pronouns, ``shown`` for the reader."""

    name: str | None
    label: str
    shown: str | None


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of a possible speaker at character ``pos`` of the document."""

    pos: int
    name: str
    label: str  # entity label, or "NP" for a plain noun phrase
    rank: int  # salience: SPEAKER a resolved speaker, 1 a subject (or introduced), 0 other
    plural: bool = False
    sent: int = -1  # document offset of the mention's sentence


class People:
    """Entity lookup, gender evidence and the running record of subjects and speakers in a document."""

    def __init__(self, entities: list[Entity], paras: list[Paragraph], quoted: list[tuple[int, int]]) -> None:
        self.ents = show_acronyms(
            sorted((e for e in entities if e.label in SPEAKER_LABELS), key=lambda e: e.start)
        )
        self._starts = [e.start for e in self.ents]
        # Family name -> person, for bare surnames the model did not tag ("Ham said" after "Norman Ham").
        self.surnames: dict[str, str] = {}
        for e in self.ents:
            if e.label == "PERSON" and " " in e.canonical:
                self.surnames.setdefault(e.canonical.split()[-1], e.canonical)
        self._quoted = sorted(quoted)
        self._quoted_starts = [a for a, _b in self._quoted]
        self.gender: dict[str, dict[str, int]] = {}
        self.roles: dict[str, set[str]] = {}  # canonical name -> role nouns seen with it
        self.mentions: list[Mention] = []
        self._sent_starts: list[int] = []
        for block, sdoc in paras:
            self._scan(block.start, sdoc)
        self.mentions.sort(key=lambda m: m.pos)

    def surname(self, word: str) -> str | None:
        """The known person whose family name is ``word`` (any case), if exactly one."""
        last = word.split()[-1].lower()
        hits = {name for key, name in self.surnames.items() if key.lower() == last}
        return hits.pop() if len(hits) == 1 else None

    def in_quote(self, pos: int) -> bool:
        i = bisect_left(self._quoted_starts, pos + 1) - 1
        return i >= 0 and self._quoted[i][0] <= pos < self._quoted[i][1]

    # -- entities -------------------------------------------------------------------------------

    def entity_at(self, start: int, end: int) -> Entity | None:
        """The best speaker entity overlapping ``[start, end)`` (PERSON before ORG before places)."""
        i = bisect_left(self._starts, start)
        # An entity starting before ``start`` may still overlap it: look back a few.
        best: Entity | None = None
        for e in self.ents[max(0, i - 3) : i + 3]:
            if (
                e.start < end
                and start < e.end
                and (best is None or _LABEL_RANK[e.label] < _LABEL_RANK[best.label])
            ):
                best = e
        return best

    def token_entity(self, off: int, tok: Token) -> Entity | None:
        return self.entity_at(off + tok.idx, off + tok.idx + len(tok.text))

    # -- gender ---------------------------------------------------------------------------------

    def _vote(self, name: str, gender: str, weight: int = 1) -> None:
        for key in {name, name.split()[-1]}:
            votes = self.gender.setdefault(key, {MALE: 0, FEMALE: 0})
            votes[gender] += weight

    def gender_of(self, name: str) -> str | None:
        votes = self.gender.get(name) or self.gender.get(name.split()[-1]) if name else None
        if not votes or votes[MALE] == votes[FEMALE]:
            return None
        return MALE if votes[MALE] > votes[FEMALE] else FEMALE

    def _scan(self, off: int, sdoc: Doc) -> None:
        """Record the document's mentions and gender evidence for one block."""
        for sent in sdoc.sents:
            people: dict[str, Token] = {}
            start = off + sent.start_char
            self._sent_starts.append(start)
            for tok in sent:
                ent = self.token_entity(off, tok)
                if (
                    ent is None
                    and tok.dep_ in SUBJECT_DEPS
                    and tok.pos_ == "PROPN"
                    and not tok.ent_type_
                    # "the 13th Amendment" is no person: names take no article.
                    and not any(t.lower_ in ("the", "a", "an") for t in tok.doc[max(0, tok.i - 3) : tok.i])
                ):
                    # A name the model did not tag: a known person's surname, or else a likely person.
                    if not self.in_quote(off + tok.idx) and tok.text[:1].isupper():
                        name = self.surnames.get(tok.text) or noun_phrase(tok)
                        self.mentions.append(Mention(off + tok.idx, name, "PERSON", 1, sent=start))
                    continue
                if ent is None and tok.dep_ in SUBJECT_DEPS and tok.pos_ == "NOUN" and not tok.ent_type_:
                    if not self.in_quote(off + tok.idx):
                        self._plain_subject(off, tok, start)
                    continue
                if ent is None or tok.head.i != tok.i and self._same_entity(off, tok.head, ent):
                    continue  # only the head token of each entity mention
                if self.in_quote(off + tok.idx):
                    continue  # people named inside a quotation are talked about, not talking
                # Salient: a subject, or a person introduced with a description ("Jane Doe, a lawyer").
                salient = tok.dep_ in SUBJECT_DEPS or (tok.dep_ == "appos" and tok.head.dep_ in SUBJECT_DEPS)
                rank = int(salient or any(c.dep_ == "appos" for c in tok.children))
                plural = tok.tag_ in ("NNS", "NNPS")
                label = label_of(ent)
                self.mentions.append(Mention(off + tok.idx, ent.canonical, label, rank, plural, start))
                if label != "PERSON":
                    continue
                people.setdefault(ent.canonical, tok)
                self._role_votes(off, tok, ent)
            # A sentence about one person: the gendered pronouns after that person refer to them.
            if len(people) == 1:
                name, tok = next(iter(people.items()))
                if tok.dep_ in SUBJECT_DEPS:
                    for later in sent[tok.i - sent.start + 1 :]:
                        g = PRONOUN_GENDER.get(later.lower_)
                        if g:
                            self._vote(name, g)

    def _plain_subject(self, off: int, tok: Token, sent: int) -> None:
        """A subject that is no name but a man, a woman or a body: a mention for later pronouns."""
        g = PERSON_GENDER.get(tok.lower_)
        if g:
            # "my father often said ... He also told": a person, though unnamed.
            name = noun_phrase(tok)
            self._vote(name, g, 3)
            self.mentions.append(Mention(off + tok.idx, name, "PERSON", 1, sent=sent))
        elif tok.lemma_.lower() in BODY_NOUNS and tok.text == tok.lower_:
            # "Smith's campaign is defending the ad. It says ...".
            plural = tok.tag_ == "NNS"
            self.mentions.append(Mention(off + tok.idx, noun_phrase(tok), "NP", 1, plural, sent))

    def _same_entity(self, off: int, tok: Token, ent: Entity) -> bool:
        return ent.start <= off + tok.idx < ent.end

    def _role_votes(self, off: int, head: Token, ent: Entity) -> None:
        """Titles and roles next to the name: gender evidence, and what "the senator" may refer to."""
        doc = head.doc
        first = head
        while first.i > 0 and ent.start <= off + doc[first.i - 1].idx:
            first = doc[first.i - 1]
        roles = self.roles.setdefault(ent.canonical, set())
        if first.i > 0:
            title = doc[first.i - 1]
            g = TITLES.get(title.lower_)
            if g:
                self._vote(ent.canonical, g, 3)
            if title.pos_ in ("PROPN", "NOUN") and title.ent_type_ == "":
                word = title.lower_.rstrip(".")
                roles.update(_ROLE_ABBREVIATIONS.get(word, (word, title.lemma_.lower())))
        for near in head.children:
            if near.dep_ == "appos" and near.pos_ == "NOUN":
                roles.add(near.lemma_.lower())
        if head.dep_ == "appos" and head.head.pos_ == "NOUN":
            roles.add(head.head.lemma_.lower())
        given = ent.text.split()[0].lower()
        if given in MALE_NAMES or given in FEMALE_NAMES:
            # A lone given name ("Melanie said") is weaker evidence: it may be a family name.
            weight = 2 if " " in ent.text else 1 if " " not in ent.canonical else 0
            if weight:
                self._vote(ent.canonical, MALE if given in MALE_NAMES else FEMALE, weight)
        for near in head.children:
            g = ROLE_GENDER.get(near.lower_)
            if g and near.dep_ in ("compound", "appos"):
                self._vote(ent.canonical, g, 2)
        g = ROLE_GENDER.get(head.head.lower_)
        if g and head.dep_ == "appos":
            self._vote(ent.canonical, g, 2)

    # -- resolution ----------------------------------------------------------------------------

    def add_speaker(self, pos: int, name: str, label: str, plural: bool = False) -> None:
        """A resolved speaker is a fresh subject mention for later pronouns."""
        sent = (
            self._sent_starts[max(0, bisect_left(self._sent_starts, pos + 1) - 1)]
            if self._sent_starts
            else -1
        )
        m = Mention(pos, name, label, SPEAKER, plural, sent)
        i = bisect_left([x.pos for x in self.mentions], pos)
        self.mentions.insert(i, m)

    def resolve_pronoun(self, word: str, pos: int) -> tuple[str, str] | None:
        """The (name, label) a pronoun subject at ``pos`` refers to, or None."""
        word = word.lower()
        if word in ("he", "she"):
            want = MALE if word == "he" else FEMALE
            ok = lambda m: m.label == "PERSON" and self.gender_of(m.name) in (want, None)  # noqa: E731
        elif word == "it":
            ok = lambda m: (m.label in ("ORG", "GPE", "NORP", "FAC") or _body(m)) and not m.plural  # noqa: E731
        elif word == "they":
            ok = lambda m: m.label in ("ORG", "NORP", "GPE") or (m.label == "NP" and m.plural) or _body(m)  # noqa: E731
        else:
            return None
        fallback: Mention | None = None
        best: Mention | None = None
        end = bisect_left([m.pos for m in self.mentions], pos)
        for m in reversed(self.mentions[max(0, end - 60) : end]):
            if not ok(m):
                continue
            if not m.rank:
                fallback = fallback or m
                continue
            # The most salient subject of the nearest sentence that has one: its speaker before
            # other subjects ("Doe said Smith had ...": Doe).
            if best is not None and m.sent != best.sent:
                break
            if best is None or (m.rank == SPEAKER and best.rank != SPEAKER):
                best = m
        if best is not None:
            return best.name, best.label
        if fallback is None and word in ("he", "she"):
            # The gender evidence may be wrong or shared by a family name: the last person subject.
            for m in reversed(self.mentions[max(0, end - 60) : end]):
                if m.label == "PERSON" and m.rank:
                    return m.name, m.label
            # No person at all: the small model often tags a lone surname as an organisation.
            for m in reversed(self.mentions[max(0, end - 60) : end]):
                if m.label == "ORG" and m.rank and " " not in m.name and not m.name.isupper():
                    return m.name, "PERSON"
        return (fallback.name, fallback.label) if fallback else None

    def speaker(self, off: int, tok: Token) -> Speaker:
        """The speaker named by subject token ``tok``; label "NP" for a plain phrase."""
        if tok.lower_ in RELATIVE and tok.head.dep_ == "relcl":
            tok = tok.head.head
        if tok.pos_ == "PRON":
            hit = self.resolve_pronoun(tok.lower_, off + tok.idx)
            return Speaker(*hit, hit[0]) if hit else Speaker(None, "PRON", None)
        ent = self.token_entity(off, tok)
        if ent is None:
            ent = self._attached_name(off, tok)
        if ent is not None:
            return Speaker(ent.canonical, label_of(ent), ent.canonical)
        if tok.text in self.surnames and (tok.pos_ == "PROPN" or tok.text[1:].islower()):
            name = self.surnames[tok.text]
            return Speaker(name, "PERSON", name)
        phrase = noun_phrase(tok)
        known = self._role_holder(off + tok.idx, tok)
        if known is not None:
            # The text calls them by their role here ("the mayor said"): show both, the name the
            # role stands for and the words the article used.
            if phrase[:4] in ("The ", "This ", "That "):
                phrase = phrase[0].lower() + phrase[1:]
            return Speaker(known, "PERSON", f"{known} ({phrase})")
        return Speaker(phrase, "NP", phrase)

    def _attached_name(self, off: int, tok: Token) -> Entity | None:
        """A name attached to a role noun: "the secretary, Jane Doe", "spokesman John Kirby", or the
        person the role describes ("McConnell, the Senate majority leader, who said"): a person
        before an organisation that only qualifies the role ("Senate")."""
        near = [c for c in tok.children if c.dep_ in ("appos", "compound", "flat")]
        if tok.dep_ == "appos":
            near.append(tok.head)
        found = [e for e in (self.token_entity(off, t) for t in near) if e is not None]
        for label in ("PERSON", "ORG"):
            for e in found:
                if e.label == label:
                    return e
        return None

    def _role_holder(self, pos: int, tok: Token) -> str | None:
        """The person a definite role description refers to: "the senator" after "Sen. Jane Doe"."""
        if tok.pos_ != "NOUN" or tok.tag_ != "NN" or not any(c.lower_ == "the" for c in tok.children):
            return None
        role = tok.lemma_.lower()
        end = bisect_left([m.pos for m in self.mentions], pos)
        for m in reversed(self.mentions[max(0, end - 80) : end]):
            if m.label == "PERSON" and role in self.roles.get(m.name, ()):
                return m.name
        return None


def label_of(ent: Entity) -> str:
    """The entity's label, except that a lone common given name is a person ("Julia" tagged ORG)."""
    name = ent.canonical
    if ent.label != "PERSON" and " " not in name and name[:1].isupper() and name[1:].islower():
        if name.lower() in MALE_NAMES or name.lower() in FEMALE_NAMES:
            return "PERSON"
    return ent.label


def _body(m: Mention) -> bool:
    """A plain noun phrase naming a body or a text ("the article", "Smith's campaign")."""
    return m.label == "NP" and m.name.split()[-1].lower().rstrip("s") in BODY_NOUNS


def _same_referent(conj: Token) -> bool:
    """A second description of the same one, "the former governor and current nominee": a
    conjoined common noun with no determiner of its own (not "the mayor and his wife")."""
    return (
        conj.dep_ == "conj"
        and conj.pos_ == "NOUN"
        and conj.tag_ == "NN"
        and not any(c.dep_ in ("det", "poss") for c in conj.children)
    )


def noun_phrase(tok: Token) -> str:
    """The noun phrase headed by ``tok``, without relative clauses or asides, at most ~10 tokens."""
    doc = tok.doc
    left = tok.left_edge.i
    right = tok.i
    rights = list(tok.rights)
    for k, child in enumerate(rights):
        if child.dep_ == "cc" and k + 1 < len(rights) and _same_referent(rights[k + 1]):
            continue
        if child.dep_ in _NP_STOP_DEPS and not _same_referent(child):
            break
        right = child.right_edge.i
    if right - left > 10:
        right = min(right, tok.i + 4)
        left = max(left, tok.i - 5)
    # Never end on a conjunction or punctuation left dangling by a misparse.
    while right > tok.i and (doc[right].is_punct or doc[right].pos_ in ("CCONJ", "ADP", "DET")):
        right -= 1
    while left < tok.i and doc[left].is_punct:
        left += 1
    return doc[left : right + 1].text

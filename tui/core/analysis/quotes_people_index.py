"""The record of who is in a document, for the speaker choice in ``quotes_people``.

Speaker entities by position, family names, every mention of a possible speaker (entities, untagged
names, unnamed people and bodies) with its salience and sentence, and the evidence about each person:
gender votes (courtesy titles, gendered role nouns and given names next to the name, and the pronouns
after a person who is the only person in a sentence) and role nouns seen with them ("Sen. Doe": senator).
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..models import Entity
from .ner_doc import show_acronyms
from .quotes_family import family_relinks, relinked
from .quotes_names import (
    BODY_NOUNS,
    FEMALE,
    FEMALE_NAMES,
    GIVEN_FEMALE,
    GIVEN_MALE,
    MALE,
    MALE_NAMES,
    PERSON_GENDER,
    PRONOUN_GENDER,
    ROLE_GENDER,
    TITLES,
    label_of,
)
from .quotes_phrases import (
    SUBJECT_DEPS,
    describes,
    glued_subject,
    name_like,
    noun_phrase,
    opens_sentence,
    runs_into_verb,
    sets_scene,
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
_PLACE_PREPOSITIONS = frozenset("in from into across throughout inside".split())
SPEAKER = 2  # the rank of a resolved speaker among mentions
# Words that make a title another office: "Vice President", "Deputy Secretary", "Lt. Governor".
# Subjects that show a person: "Footage of Al-Awlaki appears. '...,' he says" is about Al-Awlaki.
_DEPICTIONS = frozenset(
    "footage video clip photo photograph image picture recording tape audio portrait".split()
)
_LESSER_RANKS = frozenset("vice deputy assistant associate lieutenant lt under".split())
_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "acl", "csubj", "parataxis", "conj"})


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of a possible speaker at character ``pos`` of the document."""

    pos: int
    name: str
    label: str  # entity label, or "NP" for a plain noun phrase
    rank: int  # salience: SPEAKER a resolved speaker, 1 a subject (or introduced), 0 other
    plural: bool = False
    sent: int = -1  # document offset of the mention's sentence
    introduced: bool = False  # salient for a description ("Jane Doe, a lawyer"), not as a subject
    main: bool = False  # the subject of its sentence's main clause


class PeopleIndex:
    """Entity lookup, gender evidence and the running record of subjects and speakers in a document."""

    def __init__(self, entities: list[Entity], paras: list[Paragraph], quoted: list[tuple[int, int]]) -> None:
        self._build(entities, paras, quoted)
        # Start of a bare family name -> the member of the family it means (``quotes_family``).
        self.moves = family_relinks(self.ents, self.bare_told, self.titled)
        if self.moves:
            # (rare: a family name linked to the wrong member of the family; read it all again)
            self._build(relinked(entities, self.moves), paras, quoted)

    def _build(self, entities: list[Entity], paras: list[Paragraph], quoted: list[tuple[int, int]]) -> None:
        self.ents = show_acronyms(
            sorted((e for e in entities if e.label in SPEAKER_LABELS), key=lambda e: e.start)
        )
        self._starts = [e.start for e in self.ents]
        # The characters inside a speaker entity: most tokens are in none, found without a search.
        self._covered = bytearray(max((e.end for e in self.ents), default=0))
        for e in self.ents:
            self._covered[e.start : e.end] = b"\x01" * (e.end - e.start)
        # Family name -> person, for bare surnames the model did not tag ("Ham said" after "Norman Ham").
        self.surnames: dict[str, str] = {}
        for e in self.ents:
            if e.label == "PERSON" and " " in e.canonical:
                self.surnames.setdefault(e.canonical.split()[-1], e.canonical)
        self._quoted = sorted(quoted)
        self._quoted_starts = [a for a, _b in self._quoted]
        self.gender: dict[str, dict[str, int]] = {}
        # The pronoun votes of a full name's bare family-name mentions alone ("Fiorina ... she").
        self.bare_gender: dict[str, dict[str, int]] = {}
        # The same in the whole sentence ("Clinton told the crowd she ..."), for ``quotes_family``.
        self.bare_told: dict[str, dict[str, int]] = {}
        self.titled: dict[int, str] = {}  # start of a bare family name -> the sex its title gives
        self.roles: dict[str, set[str]] = {}  # canonical name -> role nouns seen with it
        self.mentions: list[Mention] = []
        # (sentence offset, gender) of each sentence whose main subject is "he" or "she".
        self.pronoun_subjects: set[tuple[int, str]] = set()
        # Places the text puts things in ("in Russia", "from Ohio"): a place there is never "he".
        self.places: set[str] = set()
        self._sent_starts: list[int] = []
        self.things: frozenset[str] = frozenset()
        for block, sdoc in paras:
            self._scan(block.start, sdoc)
        self.mentions.sort(key=lambda m: m.pos)

    def drop_things(self, names: frozenset[str]) -> None:
        """Products the model took for people ("the Mac", ``quotes_products``): they say no quote,
        and no pronoun means them."""
        self.things = names
        self.mentions = [m for m in self.mentions if m.name not in names]

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
        if self._covered.find(1, start, end) < 0:
            return None
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
        start = off + tok.idx
        return self.entity_at(start, start + len(tok))

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
        picked = _picked(off, sdoc, self._covered)
        for sent in sdoc.sents:
            people: dict[str, Token] = {}
            start = off + sent.start_char
            self._sent_starts.append(start)
            for i in picked[bisect_left(picked, sent.start) : bisect_left(picked, sent.end)]:
                tok = sdoc[i]
                subject = tok.dep_ in SUBJECT_DEPS
                if subject and tok.lower_ in ("he", "she") and tok.head.i == sent.root.i:
                    self.pronoun_subjects.add((start, PRONOUN_GENDER[tok.lower_]))
                ent = self.token_entity(off, tok)
                if ent is None and not subject:
                    continue  # (inside an entity's characters, but no entity found here: nothing to record)
                if (
                    ent is None
                    and (tok.pos_ == "PROPN" or name_like(tok) or tok.text in self.surnames)
                    and not tok.ent_type_
                    # "the 13th Amendment" is no person: names take no article.
                    and not any(t.lower_ in ("the", "a", "an") for t in tok.doc[max(0, tok.i - 3) : tok.i])
                ):
                    # A name the model did not tag: a known person's surname, or else a likely person;
                    # not a title beside the person's name ("Senior Director Dana Whitfield": she speaks).
                    if (
                        not self.in_quote(off + tok.idx)
                        and tok.text[:1].isupper()
                        and not _titles(self, off, tok)
                    ):
                        name = self.surnames.get(tok.text) or noun_phrase(tok)
                        main = tok.head.i == sent.root.i
                        self.mentions.append(Mention(off + tok.idx, name, "PERSON", 1, sent=start, main=main))
                        # (a person of the sentence all the same: "Trump took offense when Kelly
                        # confronted him" is about two people, so "him" tells nothing of Kelly)
                        people.setdefault(name, tok)
                    continue
                if ent is None and tok.pos_ == "NOUN" and not tok.ent_type_:
                    if not self.in_quote(off + tok.idx):
                        self._plain_subject(off, tok, start)
                    continue
                if ent is None or tok.head.i != tok.i and self._same_entity(off, tok.head, ent):
                    continue  # only the head token of each entity mention
                if ent.label == "GPE" and tok.dep_ == "pobj" and tok.head.lower_ in _PLACE_PREPOSITIONS:
                    self.places.add(ent.canonical)
                if self.in_quote(off + tok.idx):
                    continue  # people named inside a quotation are talked about, not talking
                # Salient: a subject, or a person introduced with a description ("Jane Doe, a lawyer",
                # "Jane Doe, who runs the lab").
                opening = opens_sentence(tok, sent.start) or glued_subject(tok) and tok.head.dep_ == "ROOT"
                salient = tok.dep_ in SUBJECT_DEPS or (tok.dep_ == "appos" and tok.head.dep_ in SUBJECT_DEPS)
                # (not the subject of a clause that only sets the scene: "since Cook pledged ...")
                salient = salient and not (tok.dep_ in SUBJECT_DEPS and sets_scene(tok.head))
                salient = salient or opening or _depicted(tok)
                label = label_of(ent)
                # (a place is not introduced by what it is in: "Brevard County, Fla.", "SYRACUSE, N.Y.")
                introduced = not salient and label != "GPE" and any(describes(c) for c in tok.children)
                rank = int(salient or introduced)
                plural = tok.tag_ in ("NNS", "NNPS")
                main = tok.dep_ in SUBJECT_DEPS and tok.head.i == sent.root.i or opening
                self.mentions.append(
                    Mention(off + tok.idx, ent.canonical, label, rank, plural, start, introduced, main)
                )
                if label != "PERSON":
                    continue
                people.setdefault(ent.canonical, tok)
                _role_votes(self, off, tok, ent)
            # A sentence about one person: the gendered pronouns after that person refer to them.
            if len(people) == 1:
                name, tok = next(iter(people.items()))
                if tok.dep_ in SUBJECT_DEPS:
                    for later in sent[tok.i - sent.start + 1 :]:
                        g = PRONOUN_GENDER.get(later.lower_)
                        # (not one inside quoted words: a speaker says "I", and the "her" of
                        # 'Doe added, "... define her standing"' is someone else)
                        if g and not _object_of(later, tok.head) and not self.in_quote(off + later.idx):
                            self._vote(name, g)
                            ent = self.token_entity(off, tok)
                            bare = ent is not None and " " not in ent.text.strip()
                            if bare:
                                told = self.bare_told.setdefault(name, {MALE: 0, FEMALE: 0})
                                told[g] += 1
                            if bare and _same_clause(later, tok.head):
                                # (what the text says of the bare family name: "Fiorina moved from
                                # her role at Lucent", not "Comey said she was careless")
                                votes = self.bare_gender.setdefault(name, {MALE: 0, FEMALE: 0})
                                votes[g] += 1

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

    def add_speaker(self, pos: int, name: str, label: str, plural: bool = False) -> None:
        """A resolved speaker is a fresh subject mention for later pronouns."""
        sent = (
            self._sent_starts[max(0, bisect_left(self._sent_starts, pos + 1) - 1)]
            if self._sent_starts
            else -1
        )
        m = Mention(pos, name, label, SPEAKER, plural, sent)
        self.mentions.insert(self.mentions_before(pos), m)

    def mentions_before(self, pos: int) -> int:
        """How many mentions (kept in text order) start before ``pos``."""
        return bisect_left(self.mentions, pos, key=_position)


def _titles(index: PeopleIndex, off: int, tok: Token) -> bool:
    """Is the phrase ``tok`` heads a title of the person named beside it (an apposition)?"""
    named = (index.token_entity(off, c) for c in tok.children if c.dep_ == "appos")
    return tok.text not in index.surnames and any(e is not None and e.label == "PERSON" for e in named)


def _role_votes(index: PeopleIndex, off: int, head: Token, ent: Entity) -> None:
    """Titles and roles next to the name: gender evidence, and what "the senator" may refer to."""
    doc = head.doc
    first = head
    while first.i > 0 and ent.start <= off + doc[first.i - 1].idx:
        first = doc[first.i - 1]
    roles = index.roles.setdefault(ent.canonical, set())
    if first.i > 0:
        title = doc[first.i - 1]
        g = TITLES.get(title.lower_)
        if g:
            index._vote(ent.canonical, g, 3)
            if " " not in ent.text.strip():
                index.titled[ent.start] = g  # "Mrs. Clinton"
        lesser = first.i > 1 and doc[first.i - 2].lower_.rstrip(".") in _LESSER_RANKS
        if title.pos_ in ("PROPN", "NOUN") and title.ent_type_ == "" and not lesser:
            # (not "Vice President Joe Biden": "the president" is someone else)
            word = title.lower_.rstrip(".")
            roles.update(_ROLE_ABBREVIATIONS.get(word, (word, title.lemma_.lower())))
    for near in head.children:
        if near.dep_ == "appos" and near.pos_ == "NOUN" and not runs_into_verb(near):
            roles.add(near.lemma_.lower())
    if head.dep_ == "appos" and head.head.pos_ == "NOUN":
        roles.add(head.head.lemma_.lower())
    given = ent.text.split()[0].lower()
    full = " " in ent.text
    males, females = (GIVEN_MALE, GIVEN_FEMALE) if full else (MALE_NAMES, FEMALE_NAMES)
    if given in males or given in females:
        # A lone given name ("Melanie said") is weaker evidence: it may be a family name.
        weight = 2 if full else 1 if " " not in ent.canonical else 0
        if weight:
            index._vote(ent.canonical, MALE if given in males else FEMALE, weight)
    for near in head.children:
        g = ROLE_GENDER.get(near.lower_)
        if g and near.dep_ in ("compound", "appos"):
            index._vote(ent.canonical, g, 2)
    g = ROLE_GENDER.get(head.head.lower_)
    if g and head.dep_ == "appos":
        index._vote(ent.canonical, g, 2)


# -- resolution ----------------------------------------------------------------------------


def _depicted(tok: Token) -> bool:
    """Whether ``tok`` is who a subject shows ("Footage of Al-Awlaki", "a video of the senator")."""
    of = tok.head
    return (
        tok.dep_ == "pobj"
        and of.lower_ == "of"
        and of.head.dep_ in SUBJECT_DEPS
        and of.head.lemma_.lower() in _DEPICTIONS
        and not sets_scene(of.head.head)
    )


def _picked(off: int, sdoc: Doc, covered: bytearray) -> list[int]:
    """The indices of the block's tokens that are subjects or inside a speaker entity (``covered``
    marks their characters), read from the Doc's arrays: ``PeopleIndex._scan`` records nothing of
    the others, and need not make their Tokens."""
    strings = sdoc.vocab.strings
    subjects = {strings[d] for d in SUBJECT_DEPS}
    columns = (sdoc.to_array(a).tolist() for a in ("DEP", "IDX", "LENGTH"))
    return [
        i
        for i, (dep, idx, n) in enumerate(zip(*columns, strict=True))
        if dep in subjects or covered.find(1, off + idx, off + idx + n) >= 0
    ]


def _object_of(pron: Token, verb: Token) -> bool:
    """Whether ``pron`` is an object of ``verb`` ("Doe confronted him", "Doe spoke with her"): never
    the verb's own subject, who would be "himself" or "herself"."""
    head = pron.head.head if pron.dep_ == "pobj" else pron.head
    return pron.dep_ in ("dobj", "dative", "pobj") and head.i == verb.i


def _same_clause(tok: Token, verb: Token) -> bool:
    """Whether ``tok`` belongs to ``verb``'s own clause, not to a clause under it."""
    for _ in range(12):
        if tok.i == verb.i:
            return True
        if tok.dep_ in _CLAUSE_DEPS or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _position(m: Mention) -> int:
    return m.pos

"""Who a speaker is: entity names for speaker tokens, and pronoun speakers resolved to people.

A speaker token (the subject of a reporting verb) becomes the canonical name of the PERSON/ORG entity
it belongs to, or of a name attached to it ("the secretary, Jane Doe"); a pronoun ("he", "she", "it")
becomes the most recent earlier subject or speaker of a compatible kind and gender; anything else is
the noun phrase itself ("a U.S. official"). Gender comes from the text only: courtesy titles
(Mr/Mrs/Ms), gendered role nouns next to the name (spokeswoman, chairman) and the pronouns that follow
a person who is the only person in a sentence. The record of mentions and that evidence lives in
``quotes_people_index``; which mentions each pronoun may mean, in ``quotes_referents``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from .quotes_names import FEMALE, FEMALE_NAMES, MALE, MALE_NAMES, given_name_first, is_code, label_of
from .quotes_notmeant import QUOTE_MARKS, controlled_before, host_before, reported_before
from .quotes_people_index import Mention
from .quotes_phrases import SUBJECT_DEPS, first_conjunct_subject, name_like, noun_phrase, runs_into_verb
from .quotes_referents import Referents, relative_clause
from .quotes_verbs import TEXT_NOUNS, clause_subject, speech_owner

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from ..models import Entity

RELATIVE = frozenset({"who", "that", "which", "whom"})
# Pronouns for someone the text does not name: shown as written, never resolved to a name.
_INDEFINITE = frozenset("someone somebody another".split())
_OBJECT_FORMS = {"him": "he", "her": "she", "them": "they"}  # "the win led her to declare": she speaks
# Pronouns for some of a group, shown as written when they do something ("some chanted", "those
# surveyed said", "many in the crowd booed"), not when something is done to them ("those voting
# 'yes' were declared the majority").
_PARTS = frozenset("some many others those several few most both".split())
# Writings published by someone, who speaks through them.
_WRITINGS = TEXT_NOUNS | frozenset("piece article column editorial story op-ed essay".split())


class Skip(NamedTuple):
    """What a pronoun cannot mean: mentions inside ``spans`` (document offsets) and people ``names``."""

    spans: tuple[tuple[int, int], ...] = ()
    names: frozenset[str] = frozenset()


_NO_SKIP = Skip()
# Offices a person holds one of at a time: a name the text calls "conservative" or "candidate" only
# may still be the senator the sentence after means.
_OFFICES = frozenset(
    "president senator governor secretary mayor congressman congresswoman representative chairman "
    "chairwoman minister ambassador premier chancellor judge justice general attorney sheriff".split()
)


class Speaker(NamedTuple):
    """Who a subject names: ``name`` for linking and pronouns, ``shown`` for the reader."""

    name: str | None
    label: str
    shown: str | None


class People(Referents):
    """Who a speaker is: the names, pronouns and role descriptions of subjects resolved against the
    document's record of people (``PeopleIndex``)."""

    def resolve_pronoun(self, word: str, pos: int, skip: Skip = _NO_SKIP) -> tuple[str, str] | None:
        """The (name, label) a pronoun subject at ``pos`` refers to, or None; the mentions ``skip``
        rules out are not candidates."""
        word = word.lower()
        want = MALE if word == "he" else FEMALE if word == "she" else None
        ok = self.fits(word)
        if ok is None:
            return None
        fallback: Mention | None = None
        best: Mention | None = None
        held: Mention | None = None  # the subject of the clause it reports (see below)
        end = self.mentions_before(pos)
        own = self.sentence_of(pos)
        reported = skip.spans[0] if skip.spans else (0, 0)
        for m in reversed(self.mentions[max(0, end - 60) : end]):
            if not ok(m) or m.name in skip.names:
                continue
            if any(a <= m.pos < b for a, b in skip.spans):
                if m.rank and m.label == "PERSON" and reported[0] <= m.pos < reported[1] and m.sent == own:
                    if held is None or _salience(m, self.askers) >= _salience(held, self.askers):
                        held = m
                continue
            if want is not None and self.talked_about(m, want, own):
                # A sentence about someone already called "he"/"she" ("She said Trump was unlike
                # Clinton, the former secretary"): the others in it are talked about, and the
                # pronoun continues from further back.
                continue
            if not m.rank:
                fallback = fallback or m
                continue
            # The most salient subject of the nearest sentence that has one: its speaker before
            # other subjects ("Doe said Smith had ...": Doe), a subject before one only described
            # ("Doe accused Smith, the senator, of ...": Doe).
            if best is not None and m.sent != best.sent:
                break
            if best is None and self._known_nearer(fallback, m, want):
                break  # "62-year-old Brenda Johnson also railed ... 'X,' she said": she, not a subject further back
            if best is None or _salience(m, self.askers) > _salience(best, self.askers):
                best = m
        if held is not None and (best is None or best.sent < self.sentence_of(own - 1)):
            # "Doe was shocked by the reaction, she said": the clause it reports is about the
            # speaker herself when no subject of this sentence or the one before can be "she".
            if want is None or self.gender_of(held.name) != (FEMALE if want == MALE else MALE):
                return held.name, held.label
        if best is not None:
            return best.name, best.label
        if fallback is None and word in ("he", "she"):
            # The gender evidence may be wrong or shared by a family name: the last person subject.
            other = FEMALE if want == MALE else MALE
            for m in reversed(self.mentions[max(0, end - 60) : end]):
                # (but not one the text shows to be of the other sex: "Fiorina ... Trump. 'I', she said")
                if m.label == "PERSON" and m.rank and self.gender_of(m.name) != other:
                    return m.name, m.label
            # No person at all: the small model often tags a lone surname as an organisation.
            for m in reversed(self.mentions[max(0, end - 60) : end]):
                if m.label == "ORG" and m.rank and " " not in m.name and not m.name.isupper():
                    return m.name, "PERSON"
        return (fallback.name, fallback.label) if fallback else None

    def _known_nearer(self, near: Mention | None, far: Mention, want: str | None) -> bool:
        """Whether a person named in a nearer sentence, known to be of the pronoun's sex, beats a
        subject further back whose sex the text does not tell."""
        return (
            near is not None
            and want is not None
            and near.sent > far.sent
            and self.gender_of(near.name) == want
            and self.gender_of(far.name) != want
        )

    def speaker(self, off: int, tok: Token) -> Speaker:
        """The speaker named by subject token ``tok``; label "NP" for a plain phrase."""
        found = self._speaker(off, tok)
        if found.shown is not None and is_code(found.shown):
            return Speaker(None, "NP", None)  # "Module#extend is used to add ... 'foo'": code names nobody
        return found

    def _speaker(self, off: int, tok: Token) -> Speaker:
        if tok.lower_ in RELATIVE and (clause := relative_clause(tok)) is not None:
            tok = self.who_host(off, tok) if tok.lower_ == "who" else clause.head
            if tok.lemma_.lower() in _WRITINGS and tok.dep_ in ("dobj", "pobj"):
                # "The Post ran a piece that noted ...": the piece speaks for whoever published it.
                issuer = clause_subject(tok)
                if issuer is not None and self.token_entity(off, issuer) is not None:
                    tok = issuer
        if tok.lemma_.lower() in _WRITINGS:
            # "a fundraising email sent out by Sanders warned": whoever sent it speaks.
            sender = _agent_of(tok)
            if sender is not None and self.token_entity(off, sender) is not None:
                tok = sender
        owner = speech_owner(tok)
        if owner is not None and (
            self.token_entity(off, owner) is not None or self._role_holder(off + owner.idx, owner) is not None
        ):
            tok = owner  # "Clinton's response was: ...", "the senator's answer was that ...": their words
        elif owner is not None and _untagged_name(owner):
            name = self.surnames.get(owner.text, owner.text)  # a name the model did not tag
            return Speaker(name, "PERSON", name)
        if tok.pos_ == "PRON" and (
            tok.lower_ in _INDEFINITE or tok.lower_ in _PARTS and tok.dep_ != "nsubjpass"
        ):
            phrase = noun_phrase(tok)  # "someone in the crowd shouted": what the text says, no name
            after = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
            if after is not None and after.dep_ == "acl" and after.head.i == tok.i and after.tag_ == "VBN":
                phrase = f"{phrase} {after.text}"  # "those surveyed", "many polled"
            return Speaker(phrase, "NP", phrase)
        if tok.pos_ == "PRON":
            tok = first_conjunct_subject(tok) or tok
            word = _OBJECT_FORMS.get(tok.lower_, tok.lower_) if tok.dep_ == "dobj" else tok.lower_
            hit = self.topic_of(off, tok) or self.resolve_pronoun(
                word, off + tok.idx, self._not_meant(off, tok)
            )
            if hit is None:
                return Speaker(None, "PRON", None)
            name = family_only(self, hit[0]) if hit[1] == "PERSON" else hit[0]
            return Speaker(name, hit[1], name)
        ent = self.token_entity(off, tok)
        if ent is None or ent.label != "PERSON":
            # (a person named beside a title the model took for a body: "the mayor's National
            # Security Adviser, General Jane Doe," is Jane Doe)
            ent = self._attached_name(off, tok, person_only=ent is not None) or ent
        if ent is not None and ent.canonical in self.things:
            return Speaker(None, "NP", None)  # a product the model took for a person ("the Mac")
        if ent is not None and ent.label == "NORP" and (known := self._titled(off, tok)) is not None:
            # "the Utah Republican said": a member the text just named, as a title would be
            return Speaker(known, "PERSON", f"{known} ({_lower_det(noun_phrase(tok))})")
        if ent is not None:
            name = ent.canonical
            if ent.label == "PERSON" and " " not in name:
                name = shared_name(self, name, off + tok.idx) or name
            elif ent.label == "PERSON" and " " not in ent.text.strip():
                name = family_only(self, name)  # "Fiorina said" may not be the Fiorina named in full
            return Speaker(name, label_of(ent), name)
        if tok.text in self.surnames and (tok.pos_ == "PROPN" or tok.text[1:].islower()):
            name = self.surnames[tok.text]
            return Speaker(name, "PERSON", name)
        phrase = noun_phrase(tok)
        if _untagged_name(tok) and phrase == tok.text:
            # A lone name the model did not tag ("Hannity interjected:"): a person, as the record of
            # mentions already takes it (``PeopleIndex._scan``).
            return Speaker(phrase, "PERSON", phrase)
        known = self._titled(off, tok)
        if known is not None:
            # The text calls them by their role here ("the mayor said"): show both, the name the
            # role stands for and the words the article used.
            return Speaker(known, "PERSON", f"{known} ({_lower_det(phrase)})")
        return Speaker(phrase, "NP", phrase)

    def _not_meant(self, off: int, tok: Token) -> Skip:
        """What pronoun subject ``tok`` cannot mean: the clause it reports when that comes first,
        and the people named in its own clause, after it ("He insisted Curiel had ...") or in a clause
        whose unstated subject it is ("Asked about Curiel, he said") or that it interrupts
        ("Loyalty, he noted, is ...")."""
        verb = tok.head
        own = [*controlled_before(tok), *host_before(tok)]
        spans = [reported_before(off, tok)] + [(off + t.idx, off + t.idx + len(t.text)) for t in own]
        if tok.dep_ == "nsubj" and verb.i > tok.i:
            # (its objects and the subject of what it says; not names deeper down, which may well
            # be the pronoun's own: "He called Cruz the man who Beck idolizes")
            for c in verb.rights:
                if c.dep_ in ("dobj", "dative"):
                    own.append(c)
                elif c.dep_ == "ccomp":
                    own += [g for g in c.children if g.dep_ in SUBJECT_DEPS]
        names = set()
        # (a name after a quote that follows the pronoun may be its speaker named again: "he
        # warned, '...' Trump told NBC")
        own = [t for t in own if t.i < tok.i or not any(w.text in QUOTE_MARKS for w in tok.doc[tok.i : t.i])]
        for t in own:
            ent = self.token_entity(off, t)
            if ent is not None and ent.label == "PERSON" and not self.in_quote(off + t.idx):
                names.add(ent.canonical)
        return Skip(tuple(spans), frozenset(names))

    def _attached_name(self, off: int, tok: Token, person_only: bool = False) -> Entity | None:
        """A name attached to a role noun: "the secretary, Jane Doe", "spokesman John Kirby", or the
        person the role describes ("McConnell, the Senate majority leader, who said"): a person
        before an organisation that only qualifies the role ("Senate")."""
        # (not a person before a plural, which says whose they are: "Sanders protesters", "Doe aides")
        near = [c for c in tok.children if c.dep_ in ("appos", "compound", "flat")]
        near = [c for c in near if c.dep_ != "compound" or tok.tag_ != "NNS" or not self._person(off, c)]
        # (and the name in a described apposition: "the mayor's host, the actress Jane Doe, said")
        near += [g for c in near if c.dep_ == "appos" for g in c.children if g.dep_ in ("appos", "flat")]
        if tok.dep_ == "appos" and not runs_into_verb(tok):
            near.append(tok.head)
        # "ambassador to the U.S. Ron Dermer": the parser reads the name as part of the country
        near += [
            t for c in tok.children if c.lower_ == "to" for t in c.children if _after_place(self, off, t)
        ]
        found = [e for e in (self.token_entity(off, t) for t in near) if e is not None]
        role = tok.tag_ == "NN" or tok.tag_ == "JJ" and tok.dep_ in SUBJECT_DEPS  # ("academic", a noun)
        if role and not any(c.dep_ in ("det", "poss", "nummod") for c in tok.children):
            # "author and historian Jane Doe said": a bare role is a title, and the name the parser
            # hung on it as a conjunct is the one person both describe ("the mayor and Jane Doe"
            # are two people).
            conj = [e for c in tok.children if c.dep_ == "conj" for e in [self.token_entity(off, c)] if e]
            found = [e for e in conj if e.label == "PERSON" or given_name_first(e.text)][:1] + found
        for label in ("PERSON",) if person_only else ("PERSON", "ORG"):
            for e in found:
                if e.label == label or label == "PERSON" and given_name_first(e.text):
                    return e
        return None

    def _person(self, off: int, tok: Token) -> bool:
        return (ent := self.token_entity(off, tok)) is not None and ent.label == "PERSON"

    def _titled(self, off: int, tok: Token) -> str | None:
        """The person a definite title means. The one person the sentence before names comes before
        an earlier holder of the title elsewhere ("Sen. Jane Doe ... Smith stopped by. The senator
        said" is Smith), unless the text gives that person another office but not this one."""
        holder = self._role_holder(off + tok.idx, tok)
        near = self.epithet_of(off, tok)
        roles = self.roles.get(near, set()) if near is not None else set()
        if all(c.dep_ == "det" for c in tok.children):
            roles = roles & _OFFICES  # (a qualified title, "the Mexican president", keeps every role)
        if holder is None or near is not None and (not roles or tok.lemma_.lower() in roles):
            return near
        return holder

    def _role_holder(self, pos: int, tok: Token) -> str | None:
        """The person a definite role description refers to: "the senator" after "Sen. Jane Doe"."""
        if tok.pos_ != "NOUN" or tok.tag_ != "NN" or not any(c.lower_ == "the" for c in tok.children):
            return None
        role = tok.lemma_.lower()
        end = self.mentions_before(pos)
        for m in reversed(self.mentions[max(0, end - 80) : end]):
            if m.label == "PERSON" and role in self.roles.get(m.name, ()):
                return m.name
        return None


def family_only(people: People, name: str) -> str:
    """The family name alone when the given name of the full name contradicts what the text
    says of the person the bare family name stands for: "Fiorina ... she" in an article naming
    only her husband, Frank Fiorina, in full is not Frank Fiorina."""
    words = name.split()
    if len(words) < 2:
        return name
    given = words[0].lower()
    sex = MALE if given in MALE_NAMES else FEMALE if given in FEMALE_NAMES else None
    votes = people.bare_gender.get(name)
    told = None if not votes or votes[MALE] == votes[FEMALE] else max(votes, key=votes.__getitem__)
    if sex is None or told is None or told == sex or max(votes.values()) < 2 * min(votes.values()) + 2:
        return name
    # The bare name now stands for its own person: "she" after "Fiorina said" may mean her.
    people.gender[words[-1]] = dict(votes)
    return words[-1]


def shared_name(people: People, word: str, pos: int) -> str | None:
    """The person a name shared by several full names means ("Kim" among Kim Jong Nam, Kim Jong
    Un, ...): the last of them that was the main subject of a sentence before ``pos``."""
    full = {
        m.name for m in people.mentions if m.label == "PERSON" and m.name != word and word in m.name.split()
    }
    if len(full) < 2:
        return None
    end = people.mentions_before(pos)
    return next((m.name for m in reversed(people.mentions[:end]) if m.name in full and m.main), None)


def _lower_det(phrase: str) -> str:
    """A description shown after a name, its opening determiner in lower case ("the mayor")."""
    return phrase[0].lower() + phrase[1:] if phrase[:4] in ("The ", "This ", "That ") else phrase


def _after_place(people: People, off: int, tok: Token) -> bool:
    """Whether ``tok``, the object of "to" after a title, is a person's name that follows a place
    inside the same phrase ("to the U.S. Ron Dermer"), not the one the title serves ("an adviser
    to Jane Doe")."""
    ent = people.token_entity(off, tok)
    if ent is None or ent.label != "PERSON" or tok.dep_ != "pobj":
        return False
    before = (people.token_entity(off, c) for c in tok.children if c.i < tok.i)
    return any(e is not None and e.label in ("GPE", "ORG") for e in before)


def _agent_of(noun: Token) -> Token | None:
    """X in "a statement released by X", "an email sent out by X"."""
    for verb in noun.children:
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            for c in verb.children:
                if c.dep_ == "agent":
                    return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def _untagged_name(tok: Token) -> bool:
    return (
        (tok.pos_ == "PROPN" or name_like(tok))
        and not tok.ent_type_
        and tok.text[:1].isupper()
        and (tok.text[1:2].islower() or tok.text[1:2] in "'’" and tok.text[2:3].isupper())
        and not any(c.dep_ in ("det", "compound", "amod", "poss") for c in tok.children)
    )


def _salience(m: Mention, askers: set[int]) -> int:
    """Speakers first, then the main clause's subject, other subjects, people only described; one
    who put a question to someone there ("Doe was asked by Smith whether ...") as a mere subject."""
    return 3 * (1 if m.pos in askers else m.rank) + m.main - m.introduced

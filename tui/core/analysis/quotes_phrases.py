"""Noun phrases of possible speakers, read from the dependency parse: the words a speaker token heads
("a U.S. official"), names the tagger took for common nouns, descriptions that introduce someone
("Jane Doe, a lawyer"), and a name the parser left hanging at the head of its sentence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# The noun phrase of a speaker stops before these: clauses and asides hanging off the head noun.
_NP_STOP_DEPS = frozenset(
    {"relcl", "acl", "appos", "punct", "advcl", "cc", "conj", "parataxis", "dobj", "ccomp", "xcomp", "case"}
)


# Words opening a clause that sets the scene for its sentence rather than tells its news ("since
# Cook pledged secrecy", "after Doe left", "if Smith wins").
_SCENE_MARKS = frozenset("since after before when until once because although though if unless".split())


def sets_scene(verb: Token) -> bool:
    """Whether ``verb`` heads a clause of time, cause or condition under its sentence ("In the years
    since Cook pledged secrecy, Rice's team has got better"): its subject is in the background,
    and a later "he says" goes on from someone else."""
    return any(c.dep_ == "mark" and c.lower_ in _SCENE_MARKS for c in verb.children)


def name_like(tok: Token) -> bool:
    """A capitalised word the tagger took for a common noun or a verb inside a sentence ("D'Souza
    replied", "after Kasich said"): a name, as sentence-initial capitals alone would not show."""
    return (
        tok.pos_ in ("NOUN", "VERB")
        and tok.i != tok.sent.start
        and tok.text[:1].isupper()
        and (tok.text[1:2].islower() or tok.text[1:2] in "'’" and tok.text[2:3].isupper())
        and not any(c.dep_ in ("det", "poss") for c in tok.children)
    )


def opens_sentence(tok: Token, start: int) -> bool:
    """A name the parser left hanging at the head of its sentence ("And Obama, for all ..., seems
    to agree" with "Obama" as a modifier): the sentence's subject all the same, also when the parser
    hung it on a clause its verb takes and left that verb with no subject ("Doe, alleging that Smith
    wanted more, said he would ..." with "Doe" under "wanted")."""
    if tok.dep_ in SUBJECT_DEPS:
        # (or as that clause's subject, beside its own: "Doe, claiming that Smith wanted ...")
        after = tok.right_edge.i + 1
        if not _under_subjectless(tok.head) or after >= len(tok.doc) or tok.doc[after].text != ",":
            return False
    elif tok.dep_ == "ROOT":
        # (or as the root itself: "Doe, speaking to me for the podcast remembers ..." built on the
        # name, with a verb after the aside)
        doc = tok.doc
        after = tok.i + 1
        if tok.pos_ != "PROPN" or after >= len(doc) or doc[after].text != ",":
            return False
        return any(t.tag_ in ("VBD", "VBZ", "VBP") for t in doc[after : tok.sent.end])
    elif tok.dep_ not in ("npadvmod", "dep", "nmod"):
        return False
    elif tok.head.dep_ not in ("ROOT", "parataxis") and not _under_subjectless(tok.head):
        return False
    first = tok.left_edge.i
    return all(t.is_punct or t.pos_ in ("CCONJ", "ADV") for t in tok.doc[start:first])


def _under_subjectless(clause: Token) -> bool:
    """Whether ``clause`` is a clause taken by the sentence's root verb, which has no subject."""
    root = clause.head
    return (
        clause.dep_ == "ccomp"
        and root.dep_ == "ROOT"
        and root.pos_ in ("VERB", "AUX")
        and not any(c.dep_ in SUBJECT_DEPS for c in root.children)
    )


def glued_subject(tok: Token) -> bool:
    """A name the parser glued onto the name after it through a verb it read as an adjective ("Trump
    accused Cruz of ..." parsed as one noun phrase "Trump accused Cruz"): the subject of that verb."""
    if tok.dep_ != "compound" or tok.pos_ != "PROPN" or tok.head.pos_ != "PROPN" or tok.head.i <= tok.i:
        return False
    verb = tok.doc[tok.i + 1] if tok.i + 1 < tok.head.i else None
    return (
        verb is not None
        and verb.dep_ == "amod"
        and verb.tag_ in ("VBD", "VBN")
        and verb.text.islower()
        and verb.head.i == tok.head.i
    )


def runs_into_verb(tok: Token) -> bool:
    """Whether the phrase ``tok`` heads ends right before a verb ("..., the candidate stated that"):
    a subject the parser read as an apposition to the name before it, which it does not describe."""
    after = tok.right_edge.i + 1
    return after < len(tok.doc) and tok.doc[after].pos_ == "VERB"


def describes(child: Token) -> bool:
    """A description that introduces the one it hangs on: "Jane Doe, a lawyer", "Jane Doe, who runs
    the lab" (whom the next "she said" means, though she is no subject)."""
    if child.dep_ == "appos":
        return True
    return child.dep_ == "relcl" and any(c.lower_ == "who" and c.dep_ in SUBJECT_DEPS for c in child.children)


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
    det = doc[left - 1] if left else None
    if left == tok.i and tok.dep_ in ("amod", "compound", "nummod") and det and det.dep_ == "det":
        left -= (
            1 if det.head.i == tok.head.i else 0
        )  # a modifier a misparse left as the head: "the editorial [read]", "the two [wrote]"
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
    # A hyphenated word is one word, however the parser split it ("the 43-year-old asked").
    while right + 2 < len(doc) and doc[right + 1].text == "-" and not doc[right].whitespace_:
        if doc[right + 1].whitespace_ or not doc[right + 2].is_alpha:
            break
        right += 2
    # A quotation mark the phrase opens but does not close: the phrase runs into a quotation (a
    # title: "a voice at the end of ''Hail, Caesar!''"), and stops before it.
    marks = [i for i in range(left, right + 1) if doc[i].text in _DOUBLE_MARKS]
    left, right = _undangled(doc, tok, left, right)
    if len(marks) % 2:
        if marks[-1] > tok.i:
            left, right = _undangled(doc, tok, left, marks[-1] - 1)
        elif marks[0] < tok.i:
            left = marks[0] + 1
    # (Runs of spaces are tokens of their own: "a piece  that" must not show as "a piece  ".)
    return " ".join(doc[left : right + 1].text.split())


def _undangled(doc: Doc, tok: Token, left: int, right: int) -> tuple[int, int]:
    """Never end on a conjunction or punctuation left dangling by a misparse, nor start on punctuation."""
    while right > tok.i and (doc[right].is_punct or doc[right].pos_ in ("CCONJ", "ADP", "DET")):
        if doc[right].text in _DOUBLE_MARKS and sum(t.text in _DOUBLE_MARKS for t in doc[left:right]) % 2:
            break  # (the mark that closes a title the phrase holds: 'the "Growth Project"')
        right -= 1
    while left < tok.i and doc[left].is_punct:
        left += 1
    return left, right


_DASHES = frozenset("- — –".split())
_DOUBLE_MARKS = frozenset(['"', "“", "”", "''", "``"])


def past_dashes(subject: Token) -> Token:
    """The real subject when the parser took a name inside an aside set off by dashes for it: in "In
    the letter - addressed to the county clerk, Jane Doe - the senator asks ..." the senator asks,
    the apposition the parser hung on the name after the closing dash. Any other subject as is."""
    after = next((c for c in subject.rights if c.dep_ == "appos"), None)
    if after is None:
        return subject
    doc = subject.doc
    closing = [t for t in doc[subject.i + 1 : after.i] if t.text in _DASHES]
    opening = [t for t in doc[subject.sent.start : subject.i] if t.text in _DASHES]
    return after if len(closing) == 1 and len(opening) == 1 else subject


def first_conjunct_subject(tok: Token) -> Token | None:
    """The same pronoun as subject of the first of two joined clauses ("He mocked his rivals ... and
    he can 'guarantee' ..."): the second "he" is the first one's person, whatever names the clauses
    between mention. None for any other subject."""
    verb = tok.head
    if tok.dep_ != "nsubj" or verb.dep_ != "conj" or tok.lower_ not in ("he", "she"):
        return None
    return next(
        (c for c in verb.head.children if c.dep_ == "nsubj" and c.lower_ == tok.lower_ and c.i < tok.i), None
    )

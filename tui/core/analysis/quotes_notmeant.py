"""What a pronoun speaker cannot mean: the words of its own sentence that are about someone else.

"Smith is no conservative, he said": the clause a pronoun reports, when it comes first, names
whom the speaker talks about (unless no one else near can be "he": see ``People.resolve_pronoun``).
"Asked about Curiel, he said": the participle clause before it is the pronoun's own. "Loyalty, he
noted, is ...": the clause it interrupts is what it says.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .quotes_phrases import SUBJECT_DEPS
from .quotes_verbs import is_reporting

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

QUOTE_MARKS = frozenset('"“”‘’')


def reported_before(off: int, tok: Token) -> tuple[int, int]:
    """The clause a pronoun speaker reports when it comes first ("Smith is no conservative, he
    said"): the pronoun cannot mean a name inside it, so those mentions are skipped."""
    verb = tok.head
    if tok.dep_ != "nsubj" or verb.i <= tok.i and not verb.tag_.startswith("VB"):
        return (0, 0)
    clause = next((c for c in verb.children if c.dep_ in ("ccomp", "parataxis") and c.i < tok.i), None)
    if clause is None or any(t.text == ":" or is_reporting(t) for t in clause.subtree):
        # "Doe saw it differently: '...' he said", "Doe weighed in, telling Mic '...', he said": a
        # clause that opens or reports speech itself; its speaker may well be "he".
        return (0, 0)
    return (off + clause.left_edge.idx, off + clause.right_edge.idx + len(clause.right_edge.text))


def controlled_before(tok: Token) -> list[Token]:
    """The words of the participle clauses before pronoun subject ``tok`` whose unstated subject
    is ``tok`` itself ("Asked whether Clinton would win, she said", "After meeting Trump, he said")."""
    verb = tok.head
    if tok.dep_ != "nsubj":
        return []
    out: list[Token] = []
    for c in verb.children:
        if c.i >= tok.i:
            break
        clause = c
        if c.dep_ == "prep":
            clause = next((g for g in c.children if g.dep_ == "pcomp" and g.tag_ == "VBG"), None)
        elif c.dep_ != "advcl" or c.tag_ not in ("VBN", "VBG"):
            continue
        if clause is None or any(g.dep_ in SUBJECT_DEPS for g in clause.children):
            continue
        words = list(c.subtree)
        if not any(t.text == ":" or t.text in QUOTE_MARKS for t in words):
            out += words  # (not a clause holding someone's words: "Doe replied: '...', he said")
    return out


def host_before(tok: Token) -> list[Token]:
    """The words before a parenthetical pronoun speaker of the clause it interrupts ("Loyalty, he
    noted, has long been ...")."""
    verb = tok.head
    host = verb.head
    if tok.dep_ != "nsubj" or verb.dep_ != "parataxis" or host.i <= verb.i or host.left_edge.i >= tok.i:
        return []
    before = list(tok.doc[host.left_edge.i : tok.i])
    if any(t.text == ":" or t.text in QUOTE_MARKS or is_reporting(t) for t in before):
        return []
    return before

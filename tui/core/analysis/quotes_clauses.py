"""Where a reporting clause's account ends, for the walk up the tree from a quote (``quotes_cues``).

"Doe criticized the plan, which the auditors said was 'reckless'": the words are the auditors',
though Doe's verb governs the whole sentence. A clause that describes a noun ("which X said", "that
X said would ...") or a free relative ("what X called a 'rough week'") is an account of its own, not
part of what the verb above it reports.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .quotes_verbs import is_reporting, quoted, subject_of

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

# Relations of a clause hung on a noun or a preposition rather than reported by the verb above.
_DESCRIBING = frozenset({"relcl", "pcomp"})
_RELATIVE_WORDS = frozenset("who whom whose which that what whoever whatever where when".split())
_MODALS = frozenset("would could might may will should".split())


def own_account(verb: Token) -> bool:
    """Whether ``verb`` reports in a clause describing something, with a speaker of its own: the
    walk up from a quote stops there ("a question to which 21 percent said '...'" is theirs, not
    the question's). Not a speech denied or supposed ("the rule that you cannot yell '...'")."""
    if verb.dep_ not in _DESCRIBING or unsaid(verb):
        return False
    if verb.dep_ == "pcomp":
        # "after saying ...": a preposition's clause, not a free relative
        opening = list(verb.children)
    else:
        # ("Nothing the mayor said 'will help,' Doe said": a clause with no relative word may be
        # the subject the quote is said of, misread as a clause above it)
        opening = verb.doc[min(verb.head.i + 1, verb.left_edge.i) : verb.i]
    if not any(t.lower_ in _RELATIVE_WORDS for t in opening):
        return False
    return any(
        c.dep_ in ("nsubj", "nsubjpass")
        and c.pos_ in ("PROPN", "NOUN", "PRON")
        and c.lower_ not in _RELATIVE_WORDS
        and not quoted(c)
        for c in verb.children
    )


def unsaid(verb: Token) -> bool:
    """A speech verb denied or only supposed: "cannot say", "did not say", "would say"."""
    return hypothetical(verb) or any(c.dep_ == "neg" for c in verb.children)


def hypothetical(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.children)


def after_quote(verb: Token) -> bool:
    """Whether the reporting clause of ``verb`` opens right after a closing quotation mark: it
    attributes that quotation ('"I never said that," Doe said, after Smith said ...'), not an aside
    set inside the clause that follows it."""
    first = verb.left_edge.i
    return any(t.text in _CLOSING for t in verb.doc[max(first - 1, 0) : verb.i])


_CLOSING = frozenset({'"', "”", "''"})


def reports_elsewhere(verb: Token, first: Token) -> bool:
    """Whether ``verb``, in a relative clause before a quote whose first token is ``first``, only
    describes a noun on the way, while the parser hangs the quote on another reporting verb with a
    subject of its own: in "Doe tweeted back, mocking a rival who promised mass deportation: '...'"
    the words are Doe's, not the rival's. The relative clause has said what it says already: its verb
    has an object or a clause of its own."""
    if verb.dep_ != "relcl" or not any(c.dep_ in ("dobj", "ccomp") for c in verb.children):
        return False  # ("Doe says to Ames, who responds: '...'": the quote is what the clause says)
    top = first
    while top.head.i != top.i and quoted(top.head):
        top = top.head
    gov = top.head
    if gov.i == top.i or gov.i >= verb.i or gov in verb.subtree:
        return False
    subj = subject_of(gov)
    return is_reporting(gov) and subj is not None and not quoted(subj)


def absolute(verb: Token) -> bool:
    """A "with" clause with a subject of its own ("..., with Doe taking to the radio to call it
    '...'"): what it reports is its subject's, not the words of the clause it hangs on."""
    return (
        verb.dep_ == "pcomp"
        and verb.head.lower_ in ("with", "without")
        and any(c.dep_ == "nsubj" and c.pos_ in ("PROPN", "NOUN") and not quoted(c) for c in verb.children)
    )

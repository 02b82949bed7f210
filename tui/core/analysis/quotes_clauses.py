"""Where a reporting clause's account ends, for the walk up the tree from a quote (``quotes_cues``).

"Doe criticized the plan, which the auditors said was 'reckless'": the words are the auditors',
though Doe's verb governs the whole sentence. A clause that describes a noun ("which X said", "that
X said would ...") or a free relative ("what X called a 'rough week'") is an account of its own, not
part of what the verb above it reports.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .quotes_verbs import quoted

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

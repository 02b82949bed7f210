"""Which sentences may become summary bullets: whole statements of news, nothing else.

A bullet must read on its own, so a sentence is kept out when it is

- not a whole sentence: no full stop (or ``!``, ``?``, ``…``) at its end, a lower-case start (the
  tail of a sentence broken by a line break), or an odd number of quotation marks or a closing
  single quote with none opened (a piece of a quotation cut by the sentence splitter);
- page furniture left inside body text: a photo caption ("Jane Roe (left) arrives at court",
  "Jane Roe, pictured in 2013, ..."), "Scroll down for video", a credit or a promo (the reader's
  own line tests);
- a bare quote: a quotation with no more than "she said" around it. A quote with a real
  attribution ("..., the health minister told parliament on Tuesday.") is a statement and stays;
- a question, a lead-in ending in a colon, a fragment shorter than :data:`MIN_TOKENS` or a row of
  figures.

Every test is about the shape of a sentence, never about particular words of an article.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..reader.lines import DATE_PATTERN, is_credit, is_promo

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span

MIN_TOKENS = 8
# Share of a sentence inside quotation marks above which it counts as quoted speech.
QUOTED_SHARE = 0.5

OPEN_QUOTES = ('"', "“", "'", "‘", "«")
_CLOSE_CHARS = "\"”’'»)] "
# Sentence-final punctuation, allowing closing quotes and brackets after it.
_TERMINAL = re.compile(r"[.!?…][\"'”’»)\]]*$")
# Captions left in body text say where a person stands in the photo ("(left)", ", pictured here").
_CAPTION_MARK = re.compile(
    r"\((?:pictured\s+)?(?:far\s+|second\s+(?:from\s+)?|from\s+)?"
    r"(?:left|right|centre|center|top|bottom|above|below|inset|circled)\b[^()]{0,20}\)"
    r"|,\s*pictured\b|\bpictured\s+(?:here|above|below|left|right|centre|center|top|bottom)\b"
    r"|\bscroll\s+down\s+for\b|\bclick\s+here\b",
    re.IGNORECASE,
)
# A closing single quote after the full stop, and no single quote opened in the sentence: the tail
# of a quotation ("... I didn't give up.'"). Apostrophes make counting single quotes useless.
_SINGLE_CLOSE = re.compile(r"[.!?…]['’]$")
_SINGLE_OPEN = re.compile(r"(?:^|[\s(\[—–-])['‘]")
# Words a sentence never ends on: a line that stops on one goes on in the next paragraph.
_CONTINUING = frozenset(
    "a an the of in on at to for with by from and or but nor as into than that whose which who".split()
)
# Text between paired double quotes, for quotes the quote finder did not attribute.
_DOUBLE_QUOTED = re.compile(r'"[^"]*"|“[^”]*”')


def is_whole(text: str) -> bool:
    """Ends as a sentence ends, starts as one starts, and closes every quotation it opens."""
    if not _TERMINAL.search(text) or text[:1].islower():
        return False
    if _SINGLE_CLOSE.search(text) and not _SINGLE_OPEN.search(text):
        return False
    return text.count('"') % 2 == 0 and text.count("“") == text.count("”")


def ends_open(text: str) -> bool:
    """No sentence-final punctuation: the sentence may go on after a line break."""
    return not _TERMINAL.search(text.rstrip())


def continues(text: str, following: str) -> bool:
    """``following`` (the next paragraph's first sentence) is the rest of ``text``, cut by a break.

    So it is when ``text`` stops without a full stop and the next words start in lower case, or
    when ``text`` stops on a word no sentence ends on ("... chauffeuring guests in").
    """
    if not ends_open(text):
        return False
    words = text.split()
    return following[:1].islower() or bool(words) and words[-1].lower() in _CONTINUING


# Notes about the article rather than its news: "This article was updated on Monday to add ...",
# "Editor's note: ...", "Correction: an earlier version ...".
_META_NOTE = re.compile(
    r"^(?:editor['’]s\s+note|correction|clarification)\s*:|^(?:this|the)\s+(?:article|story|post|piece|"
    r"page|report)\s+(?:was|has\s+been)\s+(?:\w+\s+)?(?:updated|published|corrected|amended|edited)\b|"
    # an explainer's change log: "Added a note about the 64GB model.", "Updated with new prices."
    r"^(?:added|updated\s+(?:with|to\s+(?:add|include|reflect))|corrected|removed)\s+(?:a\s+|an\s+|the\s+|new\s+|more\s+)?"
    r"(?:notes?|sections?|links?|details|information|figures|prices|pricing|mentions?|info)\b",
    re.IGNORECASE,
)


# The writer addressing the reader rather than reporting: a greeting ("Hi everyone!", "Welcome back
# to another edition of Closer Updates.") or an appeal ("If you can, please help us keep making
# this show.").
_ADDRESS = re.compile(
    r"^(?:(?:hi|hello|hey|greetings|howdy)\b(?:\s+(?:everyone|everybody|all|folks|friends|there|guys|y['’]all))?"
    r"\s*[,!.]|good\s+(?:morning|afternoon|evening)\b[^.!?]{0,20}[,!.]|welcome\s+(?:back\s+)?to\s+[^.!?]{0,60}"
    r"\b(?:edition|episode|issue|installment|instalment|newsletter|podcast|show|blog|column|series|roundup|recap)\b|"
    r"(?:if\s+you\s+can,?\s+)?please\s+(?:help|support|donate|subscribe|share|consider\s+(?:supporting|donating|"
    r"subscribing|becoming))\b)",
    re.IGNORECASE,
)


# A post's signature, its writer, where and when: "By Jane Roe in Sydney, 2023-01-08." (not "By
# March 2, 2024, the city had ...": a name is two capitalised words, and a date ends the line).
_SIGNATURE = re.compile(
    rf"^(?:By|BY)\s+[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)+(?:\[\d+\])?(?:\s+in\s+[^,.]{{1,40}})?,?\s+"
    rf"(?:on\s+)?(?i:{DATE_PATTERN})\.?$",
)


# The lead-in of a sponsors' list in a podcast's or a newsletter's notes.
_SPONSORS_LEAD = re.compile(
    r"(?:this\s+(?:episode|week|show|issue)\s+(?:is\s+|was\s+)?)?(?:sponsored|brought\s+to\s+you|supported)\s+by"
    r"|(?:our\s+|this\s+week['’]s\s+|today['’]s\s+)?sponsors?|thanks\s+to\s+(?:our|this\s+week['’]s)\s+sponsors?",
    re.IGNORECASE,
)


def is_sponsors_lead(text: str) -> bool:
    """ "Sponsored by:", "Sponsors:", "This episode is brought to you by:": what follows is ads."""
    text = text.strip()
    return text.endswith(":") and bool(_SPONSORS_LEAD.fullmatch(text[:-1].rstrip()))


def is_furniture(text: str) -> bool:
    """A caption, credit or promo that the page left inside body text, a note about the article,
    the writer addressing the reader, or an aside in brackets."""
    return (
        bool(_CAPTION_MARK.search(text) or _META_NOTE.match(text) or _ADDRESS.match(text))
        or (len(text) <= 100 and bool(_SIGNATURE.match(text)))
        or is_promo(text)
        or is_credit(text)
        or is_aside(text)
    )


_BRACKETS = {"(": ")", "[": "]"}


def is_aside(text: str) -> bool:
    """A sentence wholly inside brackets ("(It seems there is no way to ...)", "[Update: ...]"):
    the writer's aside or an editor's note, not the news. "(CNN) Rescuers ..." is not one."""
    text = text.rstrip(".!?…")
    close = _BRACKETS.get(text[:1])
    if close is None or not text.endswith(close):
        return False
    depth = 0
    for k, c in enumerate(text):
        depth += (c == text[0]) - (c == close)
        if depth == 0:
            return k == len(text) - 1  # the first bracket closes only at the end
    return False


def is_statement(sent: Span, text: str, numbers: list[int]) -> bool:
    """Long enough, not a question, an exclamation or a lead-in, and words rather than a row of figures
    (``numbers``: the sentence's Doc's ``LIKE_NUM`` array, as a list)."""
    if len(sent) < MIN_TOKENS:
        return False
    if text.rstrip(_CLOSE_CHARS).endswith(("?", ":", "!")):
        return False
    figures = sum(numbers[sent.start : sent.end])
    return figures * 3 <= len(sent)


def is_bare_quote(raw: str, start: int, quoted: list[tuple[int, int]]) -> bool:
    """Quoted speech with fewer than :data:`MIN_TOKENS` words of its own around it.

    ``raw`` is the sentence as it stands in the document at offset ``start``; ``quoted`` are the
    quotes' content spans (without their marks) in document offsets.
    """
    end = start + len(raw)
    spans = [(max(qs, start) - start, min(qe, end) - start) for qs, qe in quoted if qs < end and qe > start]
    inside = sum(b - a for a, b in spans)
    text = raw.lstrip()
    if not text.startswith(OPEN_QUOTES) and inside <= QUOTED_SHARE * max(1, len(raw)):
        return False
    chars = list(raw)
    for a, b in spans:  # blank the quote and its marks
        chars[max(0, a - 1) : b + 1] = " " * (min(len(chars), b + 1) - max(0, a - 1))
    outside = _DOUBLE_QUOTED.sub(" ", "".join(chars))
    return sum(1 for w in outside.split() if any(c.isalpha() for c in w)) < MIN_TOKENS

"""Line-level signals for the text reader: what one line of an article looks like on its own.

Every test here is generic news typography (bullets, "Photo:" labels, datelines, Title Case
headings, newsletter plugs), never a particular article's words. Each regex is applied to a
single line whose length is capped first, and none nests quantifiers, so matching is linear.
"""

from __future__ import annotations

import re

# Longest line that can be a heading, caption, credit, dateline or promo; longer lines are prose.
SHORT_LINE = 160

BULLET = re.compile(r"(?:[•·▪■◦●▸►‣⁃]|[-*+](?=\s))\s*")

# "Photographer: Jane Roe/Agency", "Photo credit: ...", "Source: ...", "Image by ...".
CREDIT = re.compile(
    r"(?:photographer|photograph|photo|photos|image|images|picture|pictures|credit|credits|"
    r"source|sources|illustration|graphic|video|footage)"
    r"(?:\s+(?:credit|courtesy|by))?\s*(?::|\bby\b)\s*\S",
    re.IGNORECASE,
)
# A whole line in brackets that names a photo or an agency: "(Photo: ...)", "(AP Photo/Jane Roe)".
CREDIT_BRACKETED = re.compile(
    r"[(\[][^()\[\]]{0,120}\b(?:photo|photograph|image|getty|afp|reuters|ap|epa|shutterstock)\b[^()\[\]]{0,120}[)\]]$",
    re.IGNORECASE,
)
# "By Jane Roe" / "By Jane Roe and John Doe, Staff Writers": a byline, not content.
BYLINE = re.compile(
    r"(?:By|BY)\s+[A-Z][\w.'’-]*(?:[ ,]+(?:and\s+)?[A-Z][\w.'’-]*){0,6}\s*(?:,\s*[\w ]{1,40})?$"
)

# Known promo openers on news pages: teasers to other stories, newsletters, apps, social media.
PROMO_LEAD = re.compile(
    r"(?:quicktake\b|read\s+more\b|read\s+also\b|also\s+read\b|related\s*(?::|stories|coverage|articles|links)|"
    r"see\s+also\s*:|more\s+from\b[^.!?]*$|more\s+on\s+this\s*:|recommended\s*:|sign\s+up\b|subscribe\b|"
    r"watch\s*:|listen\s*:|click\s+here\b|follow\s+us\b|follow\s+@|like\s+us\s+on\b|share\s+this\b|"
    r"download\s+(?:the|our)\s+app\b|get\s+(?:the|our)\s+newsletter\b|advertisement$|"
    r"story\s+continues\s+below\b|continue\s+reading\b)",
    re.IGNORECASE,
)
# Trailing self-promotion and copyright lines: "... it's on the X Terminal", "© 2016 X", "All rights reserved".
PROMO_ANYWHERE = re.compile(
    r"(?:\bon\s+the\s+[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,2}\s+(?:terminal|app)\b|^©|^copyright\s+(?:©\s*)?\d{4}|"
    r"\ball\s+rights\s+reserved\b|\bsign\s+up\s+for\s+(?:our|the)\b[^.]{0,40}\bnewsletter|"
    # A sponsor's coupon in a podcast's or a blog's notes: "Use code SHOW50 for 50% off your first month."
    r"\bcode\s+[\w-]+\s+(?:for|to\s+(?:get|save)|and\s+(?:get|save)|at\s+checkout)\b[^.!]{0,40}\b(?:off|credit|discount|free)\b|"
    r"(?:\d+\s?%|[$£€]\d+)\s+off\b[^.!]{0,60}\b(?:with|use|using|enter)\s+(?:the\s+)?(?:promo\s+|coupon\s+)?code\b)",
    re.IGNORECASE,
)

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_DATE = (
    rf"(?:\d{{4}}-\d{{2}}-\d{{2}}(?:[T ]\d{{1,2}}:\d{{2}}\S*)?|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|"
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+\d{{4}})?|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})"
)
DATE_PATTERN = _DATE  # (lower-case month names: use it case-insensitively)
_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?"
# PLACE + date ("BRUSSELS 1996-08-22", "Hangzhou, China, Sept. 5 (Reuters) -"), or a date line alone
# ("Friday, January 13, 2017", "Updated on Sept. 6, 2016, 4:31 AM EDT").
DATELINE = re.compile(
    rf"(?i:(?:updated|published|posted|last\s+updated)(?:\s+on)?:?\s*)?"
    rf"(?:[A-Z][\w.'’-]*(?:[ ,]+[A-Z][\w.'’-]*){{0,4}}[ ,]+)?(?i:{_WEEKDAY},?\s+)?"
    rf"(?i:{_DATE}{_TIME})\s*(?:\((?:[A-Z][\w ]{{0,30}})\))?\s*[-–—:]?$"
)
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MDY = re.compile(rf"({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})", re.IGNORECASE)
_DMY = re.compile(rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH}),?\s+(\d{{4}})", re.IGNORECASE)
_AGENCY = re.compile(r"\(([A-Z][A-Za-z]{1,20}(?: [A-Z][A-Za-z]{1,20})?)\)\s*[-–—:]?$")

# Sentence-final punctuation, allowing closing quotes/brackets after it.
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_SMALL_WORDS = frozenset(
    "a an the and or but nor for of in on at to by with from vs vs. via as into per up off out over is are "
    "be than after before about amid against under upon".split()
)


def is_sentence(line: str) -> bool:
    return bool(SENTENCE_END.search(line))


def is_title_like(line: str, max_words: int = 12) -> bool:
    """A heading-shaped line: short, no sentence or clause punctuation at its end, no double quotes."""
    if len(line) > 100 or is_sentence(line) or line[-1] in ",;:-–—" or any(q in line for q in '"“”'):
        return False
    n = len(line.split())
    return 1 <= n <= max_words


def is_title_case(line: str) -> bool:
    """Every word but the small ones starts with a capital or a digit (ALL CAPS counts)."""
    words = line.split()
    for i, word in enumerate(words):
        core = word.lstrip("'‘“\"([")
        if not core or not core[0].isalnum():
            continue
        if core[0].isupper() or core[0].isdigit():
            continue
        if i > 0 and core.lower().rstrip(".,:") in _SMALL_WORDS:
            continue
        return False
    return bool(words) and any(c.isalpha() for c in line)


# Words in a line that can still be a caption (captions are one or two sentences).
CAPTION_WORDS = 45


def is_caption(line: str) -> bool:
    """Short enough for a caption, and no quotation (quoted speech belongs to the story)."""
    return len(line.split()) <= CAPTION_WORDS and not any(q in line for q in '"“”')


def is_credit(line: str) -> bool:
    if len(line) > SHORT_LINE:
        return False
    if CREDIT_BRACKETED.match(line):
        return True
    m = CREDIT.match(line)
    # "Photo: ..." is a label; "Photos by ..." only when the line is not a sentence.
    return bool(m) and (":" in line[: m.end()] or not is_sentence(line))


def is_byline(line: str) -> bool:
    return len(line) <= 100 and not is_sentence(line) and bool(BYLINE.match(line))


def is_promo(line: str) -> bool:
    if len(line) > SHORT_LINE:
        return False
    return bool(PROMO_LEAD.match(line) or PROMO_ANYWHERE.search(line))


def is_dateline(line: str) -> bool:
    return len(line) <= 80 and bool(DATELINE.match(line))


def bullet_length(line: str) -> int:
    """Characters taken by a leading bullet marker and its space, or 0."""
    m = BULLET.match(line)
    if not m or m.end() >= len(line):
        return 0
    return m.end()


_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}


def _month_number(name: str) -> int:
    return _MONTHS[name.lower()[:3]]


def iso_date(line: str) -> str | None:
    """The first full date in a dateline as YYYY-MM-DD, or None."""
    m = _ISO.search(line)
    if m:
        return m.group(0)
    m = _MDY.search(line)
    if m:
        return f"{m.group(3)}-{_month_number(m.group(1)):02d}-{int(m.group(2)):02d}"
    m = _DMY.search(line)
    if m:
        return f"{m.group(3)}-{_month_number(m.group(2)):02d}-{int(m.group(1)):02d}"
    return None


def agency(line: str) -> str | None:
    """The wire agency named in brackets at the end of a dateline: "... (Reuters) -"."""
    m = _AGENCY.search(line)
    return m.group(1) if m else None

"""Words that tell a speaker's gender or kind: given names, titles, role nouns, bodies that speak.

Given names are a weak, general cue for resolving "he"/"she" to the right person when the text
itself gives no courtesy title or pronoun evidence. The short lists below hold names common in
the news worldwide; ``given_names.txt`` adds the US Census lists for the first word of a full name. Names commonly used for both sexes (Jordan, Taylor, Kim, Jean,
Andrea, Leslie, ...) are deliberately left out.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..models import Entity

MALE_NAMES = frozenset(
    """
    aaron abdul abraham adam adrian ahmed alan albert alberto alejandro alexander alexei alfred ali
    allen alvin amir andre andrew andy angelo anthony antonio arnold arthur barack barry ben benjamin
    bernard bernie bill billy bob bobby boris brad bradley brandon brendan brent brett brian bruce
    bryan byron calvin carl carlos cesar charles charlie chuck clarence claude clifford colin connor
    craig curtis dale damian dan daniel danny darren dave david dennis derek desmond dick diego
    dmitry don donald doug douglas duane dwight earl eddie edgar eduardo edward edwin elijah elliott
    emmanuel enrique eric erik ernest eugene evan felix fernando francis francisco frank franklin
    fred frederick gabriel garry gary gavin geoffrey george gerald gilbert glenn gordon graham greg
    gregory gustavo hakeem hamid hans harold harry harvey hassan hector henry herbert howard hugh
    hugo ian ibrahim igor isaac ivan jack jacob jake james jared jason javier jay jeff jeffrey
    jeremy jerome jerry jesus jim jimmy joe joel john johnny jon jonathan jorge jose joseph joshua
    juan julian julio justin karl keith ken kenneth kevin kurt larry lawrence leo leon leonard
    logan louis lucas luis luke malcolm marco marcus mario mark martin marvin matt matthew
    maurice max michael miguel mike mitch mitchell mohammed muhammad nathan neil nelson nicholas
    nick nigel noah norman oliver omar oscar pablo patrick paul pedro peter phil philip pierre
    ralph ramon randy raul ray raymond reggie reginald ricardo richard rick rob robert roberto
    rodney roger roland ron ronald roy rudy russell ryan salvador samuel scott sean sergei sergio
    seth shane sheldon sidney simon stanley stefan stephen steve steven stuart ted terrence thomas
    tim timothy todd tom tommy tony travis trevor troy tyler vernon victor vince vincent vladimir
    walter warren wayne wesley william willie xavier yusuf zachary
    """.split()
)

FEMALE_NAMES = frozenset(
    """
    abigail ada adriana agnes aisha alexandra alice alicia alison amanda amber amelia amy ana anastasia
    angela angelina anita ann anna anne annie antoinette april barbara beatrice becky belinda betty
    beverly bonnie brenda bridget brittany camila carla carmen carol caroline carolyn catherine cathy
    cecilia charlotte cheryl chloe christina christine cindy claire clara claudia colleen connie
    cynthia daisy daniela danielle darlene dawn debbie deborah debra denise diana diane dolores
    donna doris dorothy edith eileen elaine eleanor elena elizabeth ella ellen emily emma erica
    erin esther eva evelyn fatima felicia fiona florence frances gabriela gail genevieve georgia
    geraldine gina gladys gloria grace gwen hannah harriet heather heidi helen hillary holly ida
    ingrid irene iris isabel isabella ivanka jacqueline jane janet janice jasmine jennifer jenny
    jessica jill joan joanna joanne josephine joy joyce judith judy julia julie june karen katherine
    kathleen kathryn kathy katie kayla kristen kristin laura lauren linda lisa lois loretta lori
    louise lucia lucy lydia madeleine madison malala margaret maria marie marilyn marion marjorie
    martha mary maureen megan melania melanie melissa michelle mildred miriam molly monica nancy
    naomi natalie natasha nicole nina nora olga olivia pamela patricia paula pauline peggy penny
    phyllis priscilla rachel rebecca regina rita roberta rosa rosemary ruth sabrina sally samantha
    sandra sara sarah sharon sheila shirley sofia sonia sonya sophia sophie stephanie susan suzanne
    sylvia tamara tammy tanya teresa theresa tiffany tina tracy valerie vanessa vera veronica
    victoria virginia wanda wendy yolanda yvonne zoe
    """.split()
)


def _census(path: Path) -> dict[str, frozenset[str]]:
    sections: dict[str, set[str]] = {}
    current: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("["):
            current = sections.setdefault(line.strip("[]"), set())
        elif not line.startswith("#"):
            current.update(line.split())
    return {k: frozenset(v) for k, v in sections.items()}


_CENSUS = _census(Path(__file__).with_name("given_names.txt"))
# The first word of a full name ("Jeb Bush", "Arianna Huffington") is a given name, so the longer
# census lists are safe there; a lone capitalised word is judged by the short lists above only,
# since many census names are also places and words ("China", "Florida", "Will", "Hope").
GIVEN_MALE = MALE_NAMES | _CENSUS["male"]
GIVEN_FEMALE = FEMALE_NAMES | _CENSUS["female"]

MALE, FEMALE = "m", "f"
PRONOUN_GENDER = {"he": MALE, "him": MALE, "his": MALE, "himself": MALE}
PRONOUN_GENDER |= {"she": FEMALE, "her": FEMALE, "hers": FEMALE, "herself": FEMALE}
TITLES = {"mr": MALE, "mr.": MALE, "sir": MALE, "mrs": FEMALE, "mrs.": FEMALE, "ms": FEMALE, "ms.": FEMALE}
TITLES |= {"miss": FEMALE, "madam": FEMALE, "dame": FEMALE, "lady": FEMALE, "lord": MALE}
# Role nouns that carry gender in English, as found beside a name ("spokeswoman Jane Doe").
ROLE_GENDER = {
    w: MALE
    for w in (
        "spokesman chairman congressman businessman councilman assemblyman alderman sportsman "
        "husband father son brother uncle nephew grandfather king prince duke actor boyfriend "
        "anchorman frontman"
    ).split()
} | {
    w: FEMALE
    for w in (
        "spokeswoman chairwoman congresswoman businesswoman councilwoman assemblywoman alderwoman "
        "sportswoman wife mother daughter sister aunt niece grandmother queen princess duchess actress "
        "girlfriend widow"
    ).split()
}
# Plain nouns for a man or a woman: a subject headed by one is a person for "he"/"she".
PERSON_GENDER = ROLE_GENDER | {w: MALE for w in "man boy gentleman dad grandpa".split()}
PERSON_GENDER |= {w: FEMALE for w in "woman girl lady mom mum grandma".split()}
# Heads of noun phrases for bodies and texts that speak as "it" (or, loosely, "they").
BODY_NOUNS = frozenset(
    "article report statement letter memo ad advertisement video study survey poll paper newspaper "
    "magazine site website campaign committee company group agency department government "
    "administration council court party team network board office firm union commission".split()
)
# The texts and pages among them, which only "it" may mean.
TEXT_BODIES = frozenset(
    "article report statement letter memo ad advertisement video study survey paper site website".split()
)
# Last words of names of places and bodies that may start with a given name ("Emory University",
# "Mason City", "Carolina Panthers"), besides BODY_NOUNS: such a name is no person.
_KIND_WORDS = BODY_NOUNS | frozenset(
    "university college school academy institute foundation research initiative church ministries "
    "ministry county city town island islands bowl garden square airport center centre capital "
    "international enterprises brothers music show bank fund trust hospital hall park street avenue "
    "road valley river lake mountain mountains beach bay station club association society news times "
    "post journal press review tribune herald daily records studios films pictures media "
    "panthers mavericks partners associates holdings inc corp co llc ltd airlines motors".split()
)
# Things that show words without anyone speaking them: a T-shirt "reading 'LOL'", signs "saying ...".
DISPLAY_NOUNS = frozenset(
    "sign placard banner poster billboard shirt t-shirt tee sweatshirt hoodie jersey hat cap button badge "
    "sticker mug tattoo graffiti plaque inscription logo wristband scarf marquee bottle cup tote bag "
    "flyer leaflet pamphlet sweater mask".split()
)
# One run of characters with a path's slash, an identifier's underscore or hash, or a call's
# brackets: "my/module/v2", "Module#extend", "init()". (A domain, "state.gov" on a sign, is what
# the sign says.)
CODE = re.compile(r"\S*(?:[/_#]|::|\(\))\S*")


def is_code(name: str) -> bool:
    """Whether a speaker's name holds code ("Module#extend", "MRI/Mongrel"): nobody of that name speaks."""
    return any(CODE.fullmatch(w) and any(c.islower() for c in w) for w in name.split())


# Words that open a family name of their own: "Le Pen", "De Blasio", "Van Hollen", "Al Sharpton".
_PARTICLES = frozenset("le la de di da du del della van von der den al el st ben bin abu".split())


def label_of(ent: Entity) -> str:
    """The entity's label, except that a lone common given name is a person ("Julia" tagged ORG),
    and so is a full name that starts with a given name and ends in no word for a kind of body or
    place ("Maryam Violet" tagged ORG, not "Emory University" nor "Mason City")."""
    name = ent.canonical
    if ent.label == "PERSON" or not name[:1].isupper():
        return ent.label
    words = name.split()
    if len(words) == 1 and name[1:].islower():
        if name.lower() in MALE_NAMES or name.lower() in FEMALE_NAMES:
            return "PERSON"
    elif 2 <= len(words) <= 3 and all(_name_word(w) for w in words):
        given = words[0].lower()
        if given in _PARTICLES or words[-1].lower() in _KIND_WORDS:
            return ent.label  # ("Le Pen" is a family name, whatever the census lists)
        if given in GIVEN_MALE or given in GIVEN_FEMALE:
            return "PERSON"
    return ent.label


def _name_word(word: str) -> bool:
    """A word written as a name: capitalised, then lower case ("Violet", "O'Dwyer", "McCain")."""
    return word[:1].isupper() and word[1:2].islower() or word[1:2] in "'’" and word[2:3].isupper()


def name_word(word: str) -> bool:
    """A word written as a name: capitalised, then lower case ("Violet", "O'Dwyer", "McCain")."""
    return _name_word(word)


def is_kind_word(word: str) -> bool:
    """A last word that makes a name a body's or a place's ("University", "County", "Times")."""
    return word.lower() in _KIND_WORDS


def given_name_first(text: str) -> bool:
    """A name that starts with a common given name ("Helen Park", whatever the tagger made of it)."""
    words = text.split()
    return len(words) >= 2 and (words[0].lower() in MALE_NAMES or words[0].lower() in FEMALE_NAMES)

"""Which member of a family a bare family name means, when the text names several in full.

The entity linker gives a bare family name ("Clinton said") the full name the article is most about
by count of mentions, which a long aside about a relative can tip ("Hillary Clinton ... Bill
Clinton, Bill Clinton, Bill Clinton ... Clinton told the crowd she"). Two things in the text tell the
reader better: a courtesy title on the mention itself ("Mrs. Clinton", "Mr. Clinton"), and the
pronouns that follow the bare name wherever it is the only person of its sentence. When these
contradict the given name of the full name it was linked to, and exactly one other member of the
family named in full has a given name of that sex, the bare name is that member.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from .quotes_names import FEMALE, FEMALE_NAMES, MALE, MALE_NAMES

if TYPE_CHECKING:  # pragma: no cover
    from ..models import Entity


def _sex(full: str) -> str | None:
    given = full.split()[0].lower()
    return MALE if given in MALE_NAMES else FEMALE if given in FEMALE_NAMES else None


def related_families(ents: list[Entity]) -> bool:
    """Whether the text names in full two people of one family name whose given names differ in
    sex: the only articles :func:`family_relinks` can change."""
    seen: dict[str, set[str]] = {}
    for e in ents:
        if e.label == "PERSON" and " " in e.canonical and (sex := _sex(e.canonical)) is not None:
            seen.setdefault(e.canonical.split()[-1], set()).add(sex)
    return any(len(sexes) > 1 for sexes in seen.values())


def family_relinks(
    ents: list[Entity], told: dict[str, dict[str, int]], titled: dict[int, str]
) -> dict[int, str]:
    """Start of a bare family name -> the family member it means instead of the one it was linked to.

    ``told`` holds the pronoun votes after each full name's bare mentions, ``titled`` the sex the
    courtesy title of a bare mention gives, by its start."""
    fulls = {e.canonical for e in ents if e.label == "PERSON" and " " in e.canonical}

    def kin(name: str, sex: str) -> str | None:
        """The one other member of ``name``'s family named in full whose given name is of ``sex``."""
        if _sex(name) in (sex, None):
            return None
        family = name.split()[-1]
        found = [f for f in fulls if f != name and f.split()[-1] == family and _sex(f) == sex]
        return found[0] if len(found) == 1 else None

    by_pronouns: dict[str, str] = {}
    for name, votes in told.items():
        sex = _sex(name) if name in fulls else None
        other = FEMALE if sex == MALE else MALE
        # (clearly the other sex: more than one pronoun, and at least twice those of the given name's)
        if sex is not None and votes[other] >= 2 and votes[other] >= 2 * votes[sex]:
            by_pronouns[name] = kin(name, other) or ""
    out: dict[int, str] = {}
    for e in ents:
        if e.label != "PERSON" or e.canonical not in fulls or " " in e.text.strip():
            continue
        sex = titled.get(e.start)
        target = kin(e.canonical, sex) if sex is not None else by_pronouns.get(e.canonical)
        if target:
            out[e.start] = target
    return out


def relinked(entities: list[Entity], moves: dict[int, str]) -> list[Entity]:
    """``entities`` with the bare family names at the starts of ``moves`` linked to the member meant."""
    return [replace(e, canonical=moves[e.start]) if e.start in moves else e for e in entities]

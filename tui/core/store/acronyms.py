"""Names the library knows by their initials: "U.S." and "US" for "United States", "UN" for
"United Nations". An acronym stands for a full name of the same type when the library holds
exactly one name of that type with those initials; pages, searches and ``who`` then treat the
two as one."""

from __future__ import annotations

import sqlite3

from ..models import ACRONYM_SKIP


def letters_of(text: str) -> str | None:
    """The letters of an acronym ("U.S." -> "US"), None when ``text`` is not one."""
    letters = text.replace(".", "").strip()
    if 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper() and " " not in text:
        return letters
    return None


def initials(name: str) -> str | None:
    """The initials of a name of capitalised words ("Federal Bureau of Investigation" -> "FBI")."""
    words = [w for w in name.split() if w.lower() not in ACRONYM_SKIP]
    if len(words) < 2 or not all(w[:1].isupper() and w[:1].isalpha() and "." not in w for w in words):
        return None
    return "".join(w[0] for w in words)


def expansions(db: sqlite3.Connection, acronym: str, label: str) -> list[str]:
    """The full names of ``label`` the library holds whose initials ``acronym`` spells."""
    letters = letters_of(acronym)
    if letters is None:
        return []
    # The names from the first letter up to the next (a range of the (canonical, label) index),
    # then those whose words start with the letters (letters only: nothing to escape in LIKE).
    pattern = " ".join(c + "%" for c in letters)
    rows = db.execute(
        "SELECT canonical FROM entity_names WHERE canonical >= ? AND canonical < ? AND label = ? "
        "AND canonical LIKE ?",
        (letters[0], chr(ord(letters[0]) + 1), label, pattern),
    )
    return sorted({r[0] for r in rows if initials(r[0]) == letters})


def full_name(db: sqlite3.Connection, name: str, label: str) -> str:
    """``name``, or the one full name it is the acronym of."""
    if label == "PERSON":
        return name
    full = expansions(db, name, label)
    return full[0] if len(full) == 1 else name


def acronyms(db: sqlite3.Connection, canonical: str, label: str) -> list[str]:
    """The acronyms of ``canonical`` in the library that stand for it alone ("US", "U.S.")."""
    letters = initials(canonical) if label != "PERSON" else None
    if letters is None:
        return []
    forms = (letters, ".".join(letters) + ".", ".".join(letters))
    marks = ",".join("?" * len(forms))
    held = [
        r[0]
        for r in db.execute(
            f"SELECT canonical FROM entity_names WHERE label = ? AND canonical IN ({marks})", (label, *forms)
        )
    ]
    return [a for a in held if expansions(db, a, label) == [canonical]]

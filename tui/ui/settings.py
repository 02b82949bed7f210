"""The settings of ``config.toml`` applied to the app: theme, keymap, notices, the theme saved back.

The core reads the file (:mod:`tui.core.config`); what only Textual can check (is the theme
registered? is a binding id one of ours?) is checked here, each problem one notice naming the key
and the file, like the core's own.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.binding import Binding

from ..core.config import DEFAULT_THEME, Settings, toml_key
from .key_clashes import binding_classes, clash_line, settle_keymap

if TYPE_CHECKING:
    from textual.app import App

NOTICE_SECONDS = 12


def all_bindings() -> dict[str, Binding]:
    """Every binding of the app's screens and widgets that has an id, by id; one binding's keys
    may be split over several."""
    found: dict[str, Binding] = {}
    for klass in binding_classes().values():
        for binding in Binding.make_bindings(klass.__dict__.get("BINDINGS", [])):
            if not binding.id:
                continue
            seen = found.get(binding.id)
            if seen is None:
                found[binding.id] = binding
            elif binding.key not in seen.key.split(","):
                found[binding.id] = seen.with_key(f"{seen.key},{binding.key}")
    return dict(sorted(found.items()))


def binding_ids() -> set[str]:
    """The id of every binding of the app's screens and widgets."""
    return set(all_bindings())


def theme_problem(themes: Iterable[str], settings: Settings) -> str | None:
    """One line when the configured theme is not one of ``themes`` (the app's), else None."""
    if settings.theme in themes:
        return None
    where = f"{settings.path}: " if settings.path else ""
    return f'{where}theme = "{settings.theme}": no such theme; using the default ("{DEFAULT_THEME}")'


def keymap_problems(settings: Settings, known: Iterable[str]) -> list[str]:
    """One line per ``[keys]`` entry naming a binding id the app does not have."""
    known = set(known)
    where = f"{settings.path}: " if settings.path else ""
    out = []
    for binding_id, keys in settings.keys.items():
        if binding_id not in known:
            out.append(
                f"{where}keys.{toml_key(binding_id)}: no binding has this id; ignored (newsreader config --keys lists them)"
            )
        elif bad := not_keys(keys):
            out.append(f"{where}keys.{toml_key(binding_id)}: {bad[0]!r} is not a key name; ignored")
    return out


def settled_keys(settings: Settings) -> tuple[dict[str, str], list[str]]:
    """The ``[keys]`` the app applies, and one line per entry it leaves out or cuts: an id it does
    not have, a value that is no key, a key that another action has there (see :mod:`.key_clashes`)."""
    known = binding_ids()
    problems = keymap_problems(settings, known)
    valid = {i: keys for i, keys in settings.keys.items() if i in known and not not_keys(keys)}
    keymap, clashes = settle_keymap(valid)
    where = f"{settings.path}: " if settings.path else ""
    return keymap, problems + [clash_line(clash, where) for clash in clashes]


def not_keys(keys: str) -> list[str]:
    """The entries of a ``[keys]`` value that are no key ("a b" would show in the footer and never
    match a key press)."""
    return [k.strip() for k in keys.split(",") if not k.strip() or any(c.isspace() for c in k.strip())]


def apply_settings(app: App[object], settings: Settings, problems: Iterable[str] = ()) -> None:
    """Set the theme and keymap from ``settings``; notify each problem (the file's and ours)."""
    notices = list(problems)
    bad_theme = theme_problem(app.available_themes, settings)
    if bad_theme:
        notices.append(bad_theme)
    else:
        app.theme = settings.theme
    if settings.keys:
        keymap, problems_of_keys = settled_keys(settings)
        notices.extend(problems_of_keys)
        app.set_keymap(keymap)
    for line in notices:
        app.notify(line, title="Settings", severity="warning", timeout=NOTICE_SECONDS, markup=False)

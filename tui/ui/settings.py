"""The settings of ``config.toml`` applied to the app: theme, keymap, notices, the theme saved back.

The core reads the file (:mod:`tui.core.config`); what only Textual can check (is the theme
registered? is a binding id one of ours?) is checked here, each problem one notice naming the key
and the file, like the core's own.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.dom import DOMNode

from ..core.config import DEFAULT_THEME, Settings, toml_key

if TYPE_CHECKING:
    from textual.app import App

NOTICE_SECONDS = 12


def all_bindings() -> dict[str, Binding]:
    """Every binding of the app's screens and widgets that has an id, by id (``tui.ui`` imported
    whole, so screens opened later count too); one binding's keys may be split over several."""
    import tui.ui

    for module in pkgutil.walk_packages(tui.ui.__path__, "tui.ui."):
        importlib.import_module(module.name)
    found: dict[str, Binding] = {}
    for name, module in sorted(sys.modules.items()):
        if not name.startswith("tui.ui") or module is None:
            continue
        for value in vars(module).values():
            if not (isinstance(value, type) and issubclass(value, DOMNode)):
                continue
            for klass in value.__mro__:
                if not klass.__module__.startswith("tui."):
                    continue
                for binding in Binding.make_bindings(klass.__dict__.get("BINDINGS", [])):
                    if not binding.id:
                        continue
                    seen = found.get(binding.id)
                    if seen is None:
                        found[binding.id] = binding
                    elif binding.key not in seen.key.split(","):
                        found[binding.id] = seen.with_key(f"{seen.key},{binding.key}")
    return found


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
        notices.extend(keymap_problems(settings, binding_ids()))
        app.set_keymap({i: keys for i, keys in settings.keys.items() if not not_keys(keys)})
    for line in notices:
        app.notify(line, title="Settings", severity="warning", timeout=NOTICE_SECONDS, markup=False)

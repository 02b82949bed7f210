"""The help screen's key table, generated from the bindings themselves so it stays true.

Bindings are read from each pane's class (its own and inherited ``BINDINGS``), with the
user's keymap (``App.set_keymap``) applied by binding id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from textual.binding import Binding

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode

# Inherited bindings that do nothing here (the body never scrolls sideways and has no selection),
# and the tree's sibling jumps, which the feeds tree's own keys cover.
HIDDEN_ACTIONS = frozenset(
    {
        "scroll_left",
        "scroll_right",
        "page_left",
        "page_right",
        "screen.copy_text",
        "help_quit",
        "cursor_parent",
        "cursor_parent_next_sibling",
        "cursor_previous_sibling",
        "cursor_next_sibling",
        "toggle_expand_all",
        "toggle_node",
    }
)

Section = tuple[str, list[tuple[str, str]]]


def class_bindings(cls: type[DOMNode], keymap: Mapping[str, str] | None = None) -> list[Binding]:
    """Every binding of ``cls`` (its own first, then inherited ones not shadowed), keymap applied."""
    seen: set[str] = set()
    out: list[Binding] = []
    for klass in cls.__mro__:
        for binding in Binding.make_bindings(klass.__dict__.get("BINDINGS", [])):
            keys = [binding.key]
            if keymap and binding.id and binding.id in keymap:
                keys = [k.strip() for k in keymap[binding.id].split(",") if k.strip()]
            for key in keys:
                if key in seen:
                    continue
                seen.add(key)
                out.append(binding.with_key(key, binding.key_display if key == binding.key else None))
    return out


def section(
    app: App[object],
    title: str,
    classes: list[type[DOMNode]],
    keymap: Mapping[str, str] | None = None,
    skip_keys: frozenset[str] = frozenset(),
    *,
    only: tuple[str, ...] = (),
    skip: tuple[str, ...] = (),
    off: frozenset[str] = frozenset(),
) -> Section:
    """Rows ``(keys, description)`` for the bindings of ``classes``, one row per action.

    ``only``/``skip`` keep or drop bindings by id prefix (``"feeds."``), so one screen's keys
    can be listed under several headings; actions named in ``off`` (without their arguments) are
    left out (the reader's library actions, over files).
    """
    rows: dict[str, tuple[list[str], str]] = {}
    row_of_action: dict[str, str] = {}
    for cls in classes:
        for b in class_bindings(cls, keymap):
            if b.system or b.action in HIDDEN_ACTIONS or not b.description or b.key in skip_keys:
                continue
            bid = b.id or ""
            if (only and not bid.startswith(only)) or (skip and bid.startswith(skip)):
                continue
            if b.action.partition("(")[0] in off:
                continue
            # One row per action: an inherited key joins the row of the pane's own ("j ↓ Scroll
            # down", not a row "↓ Scroll Down" too), and the digits that each start a link
            # number, each its own action, share one row by their description.
            name = b.action.partition("(")[0]
            row = row_of_action.setdefault(b.action, f"{name}\0{b.description}")
            keys, description = rows.setdefault(row, ([], b.description))
            shown = app.get_key_display(b)
            if shown not in keys:
                keys.append(shown)
    return title, [(" ".join(keys), description) for keys, description in rows.values()]


def priority_keys(cls: type[DOMNode], keymap: Mapping[str, str] | None = None) -> frozenset[str]:
    """Keys ``cls`` binds with priority: they never reach the panes."""
    return frozenset(b.key for b in class_bindings(cls, keymap) if b.priority)


def key_hint(app: App[object], binding_id: str, default: str) -> str:
    """The key bound to ``binding_id`` now, as the footer shows it (``default`` when ``[keys]`` does
    not rebind it): for hints written into notices and titles ("f fetches the full text")."""
    keys = (getattr(app, "keymap", None) or {}).get(binding_id, "")
    first = next((k.strip() for k in keys.split(",") if k.strip()), "")
    return app.get_key_display(Binding(first, "")) if first else default


def bound_keys(app: App[object], nodes: Iterable[DOMNode]) -> dict[str, str]:
    """Each binding id of ``nodes`` (their classes' ``BINDINGS``, ``[keys]`` applied) to its first
    key as the footer shows it: hints take the key from the binding, the one place it is given."""
    keymap = getattr(app, "keymap", None) or {}
    keys: dict[str, str] = {}
    for cls in dict.fromkeys(type(node) for node in nodes):
        for binding in class_bindings(cls, keymap):
            if binding.id:
                keys.setdefault(binding.id, app.get_key_display(binding))
    return keys

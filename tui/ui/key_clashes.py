"""Two actions on one key, from ``[keys]``: found before the keymap is applied, each one line
naming both actions and the file, and settled so that a key does one thing wherever it is pressed.

A key pressed goes to the focused pane's bindings, then to the panes around it, its screen and the
app (a modal screen's stop there): :data:`PLACES` lists these chains by class name, and two
bindings on one chain with the same key clash. The default bindings share keys on purpose (``q``
goes back on a page and quits the reader; ``j`` moves in every pane, which are never focused
together), so only a key that ``[keys]`` gives clashes. Who keeps it:

- an action that has the key by default keeps it against one that ``[keys]`` moves onto it;
- between two actions ``[keys]`` gives the same key, the one listed first keeps it.

The other loses that key; left with none, it keeps its default keys.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from textual.binding import Binding
from textual.dom import DOMNode
from textual.keys import _normalize_key_list, format_key  # (_normalize_key_list: as App.set_keymap does)

from ..core.config import toml_key

PLACES: tuple[tuple[str, ...], ...] = (
    ("FeedTree", "Sidebar", "ReaderPanes", "ReaderScreen", "NewsApp"),
    ("ArticleList", "Sidebar", "ReaderPanes", "ReaderScreen", "NewsApp"),
    ("SearchLine", "Sidebar", "ReaderPanes", "ReaderScreen", "NewsApp"),
    ("ArticleBody", "ReaderPanes", "ReaderScreen", "NewsApp"),
    ("QuotesPane", "ReaderPanes", "ReaderScreen", "NewsApp"),
    ("SummaryPane", "ReaderPanes", "ReaderScreen", "NewsApp"),
    ("PageList", "EntityScreen", "NewsApp"),
    ("StoryList", "StoryScreen", "NewsApp"),
    # Modal screens: the app's own keys do not reach past them.
    ("HelpScreen",),
    ("FailingFeedsScreen",),
    ("ConfirmScreen",),
    ("AddFeedScreen",),
    ("PromptScreen",),
    ("LinkListScreen",),
    ("LinkNumberScreen",),
)
"""Where keys go: each chain from the focused pane (or a modal screen) out to the app."""


@cache
def binding_classes() -> dict[str, type[DOMNode]]:
    """Every screen and widget class of the app with bindings of its own, by name (``tui.ui``
    imported whole, so screens opened later count too). Found once: the settings' checks (ids,
    values, clashes) all read it, and the classes do not change while the process runs."""
    import tui.ui

    for module in pkgutil.walk_packages(tui.ui.__path__, "tui.ui."):
        importlib.import_module(module.name)
    found: dict[str, type[DOMNode]] = {}
    for name, module in sorted(sys.modules.items()):
        if not name.startswith("tui.ui") or module is None:
            continue
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, DOMNode) and value.__module__.startswith("tui."):
                for klass in value.__mro__:
                    if klass.__module__.startswith("tui.") and klass.__dict__.get("BINDINGS"):
                        found.setdefault(klass.__name__, klass)
    return found


@dataclass(frozen=True)
class Clash:
    """``loser`` does not get ``key`` from ``[keys]``: ``keeper`` has it where both are live."""

    key: str
    keeper: str
    loser: str
    by_default: bool  # the keeper has the key by default (else: it was listed first in [keys])
    left: str  # the loser's keys now


def _own_keys(classes: Mapping[str, type[DOMNode]]) -> dict[str, dict[str, list[str]]]:
    """Class name -> binding id -> its default keys (normalised, in order)."""
    out: dict[str, dict[str, list[str]]] = {}
    for name, klass in classes.items():
        ids = out.setdefault(name, {})
        for binding in Binding.make_bindings(klass.__dict__.get("BINDINGS", [])):
            if binding.id:
                ids.setdefault(binding.id, []).append(binding.key)
    return out


def settle_keymap(
    keymap: Mapping[str, str], classes: Mapping[str, type[DOMNode]] | None = None
) -> tuple[dict[str, str], list[Clash]]:
    """``keymap`` (binding id -> keys, in the file's order) less the keys that clash, and the clashes."""
    defaults = _own_keys(binding_classes() if classes is None else classes)
    default_of: dict[str, list[str]] = {}
    for ids in defaults.values():
        for binding_id, keys in ids.items():
            default_of.setdefault(binding_id, []).extend(
                k for k in keys if k not in default_of.get(binding_id, [])
            )
    order = {binding_id: n for n, binding_id in enumerate(keymap)}
    wanted = {i: [k for k in _normalize_key_list(v).split(",") if k] for i, v in keymap.items()}
    clashes: list[Clash] = []
    while clash := _first_clash(wanted, defaults, default_of, order):
        key, keeper, loser, by_default = clash
        wanted[loser] = [k for k in wanted[loser] if k != key]
        if not wanted[loser]:
            del wanted[loser]
        left = ",".join(wanted.get(loser) or default_of.get(loser, []))
        clashes.append(Clash(key, keeper, loser, by_default, left))
    clashes.sort(key=lambda clash: order[clash.loser])  # (reported in the file's order)
    return {i: ",".join(keys) for i, keys in wanted.items()}, clashes


def _first_clash(
    wanted: Mapping[str, list[str]],
    defaults: Mapping[str, Mapping[str, list[str]]],
    default_of: Mapping[str, list[str]],
    order: Mapping[str, int],
) -> tuple[str, str, str, bool] | None:
    """The first key given by ``[keys]`` that two actions of one chain hold, and who keeps it."""
    for chain in PLACES:
        holders: dict[str, list[str]] = {}
        for name in chain:
            for binding_id, keys in defaults.get(name, {}).items():
                for key in wanted.get(binding_id, keys):
                    if binding_id not in holders.setdefault(key, []):
                        holders[key].append(binding_id)
        for key, ids in holders.items():
            for n, a in enumerate(ids):
                for b in ids[n + 1 :]:
                    new_a = key not in default_of.get(a, [])
                    new_b = key not in default_of.get(b, [])
                    if not (new_a or new_b):
                        continue  # (the defaults share this key on purpose)
                    if new_a != new_b:
                        keeper, loser = (b, a) if new_a else (a, b)
                        return key, keeper, loser, True
                    keeper, loser = sorted((a, b), key=lambda i: order.get(i, -1))
                    return key, keeper, loser, False
    return None


def clash_line(clash: Clash, where: str) -> str:
    """One line naming both actions and the file (``where``: "path: " or "")."""
    key, left = format_key(clash.key), ",".join(format_key(k) for k in clash.left.split(","))
    why = "already" if clash.by_default else "given to"
    whose = f"{clash.keeper}'s key" if clash.by_default else f"{clash.keeper} too, earlier in [keys]"
    return (
        f"{where}keys.{toml_key(clash.loser)}: {key} is {why} {whose}; "
        f"{clash.keeper} keeps it, {clash.loser} has {left}"
    )

"""``newsreader config``: where the settings file is, a commented default one, and a check of it.

``config --path`` prints the file's path (it need not exist); ``config --keys`` lists the binding
ids ``[keys]`` can rebind; ``config --init`` writes the
commented defaults there (``--force`` to replace an existing file); ``config`` alone prints the
settings in effect and each problem of the file in one line on stderr (exit 2 when any).
"""

from __future__ import annotations

import argparse
import dataclasses
from typing import TYPE_CHECKING

from .cli_support import err

if TYPE_CHECKING:  # pragma: no cover
    from .core.config import Settings

EXIT_BAD_CONFIG = 2


def add_config_command(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "config", help="the settings file: --path prints where, --init writes the defaults, alone: check it"
    )
    what = p.add_mutually_exclusive_group()
    what.add_argument("--path", action="store_true", help="print where config.toml is (or would be)")
    what.add_argument("--keys", action="store_true", help="list every binding id with its keys (for [keys])")
    what.add_argument("--init", action="store_true", help="write a commented config.toml with every default")
    p.add_argument("--force", action="store_true", help="with --init: replace an existing file")
    p.set_defaults(func=cmd_config)


def cmd_config(args: argparse.Namespace) -> int:
    from .core.config import ConfigWriteError, Settings, format_duration, load_settings, write_default
    from .paths import config_path

    path = config_path()
    if args.force and not args.init:
        err("--force goes with --init")
        return EXIT_BAD_CONFIG
    if args.path:
        print(path)
        return 0
    if args.keys:
        return _print_keys()
    if args.init:
        try:
            write_default(path, force=args.force)
        except ConfigWriteError as e:
            err(str(e))
            return EXIT_BAD_CONFIG
        print(f"wrote {path}")
        return 0
    settings, problems = load_settings(path)
    keymap, app_problems = _app_problems(settings)
    problems += app_problems
    if any(line.startswith(f"{path}: theme =") for line in app_problems):
        settings = dataclasses.replace(settings, theme=Settings().theme)  # (the app uses the default)
    for line in problems:
        err(line)
    mark = settings.mark_read_after
    shown = {
        "theme": settings.theme,
        "browser": settings.browser or "(the system's browser)",
        "refresh_every": format_duration(settings.refresh_every) if settings.refresh_every else "off",
        "mark_read": "manual"
        if mark is None
        else "on-open"
        if mark == 0
        else f"after {format_duration(mark)}",
        "hide_failing": str(settings.hide_failing).lower(),
        "hide_read_feeds": str(settings.hide_read_feeds).lower(),
        "per_server_limit": str(settings.per_server_limit),
    }
    print(f"# {path}{'' if path.exists() else ' (not written yet: newsreader config --init)'}")
    for key, value in shown.items():
        print(f"{key} = {value}")
    for binding_id, keys in keymap.items():  # (as the app applies them: see the problems above)
        print(f"keys.{binding_id} = {keys}")
    return EXIT_BAD_CONFIG if problems else 0


def _app_problems(settings: Settings) -> tuple[dict[str, str], list[str]]:
    """The keys the app would apply, and what it would report on start besides the file's own
    problems: a theme it does not have, ``[keys]`` ids no binding has, two actions on one key."""
    from textual.theme import BUILTIN_THEMES

    from .ui.settings import settled_keys, theme_problem

    bad_theme = theme_problem(BUILTIN_THEMES, settings)
    keymap, key_problems = settled_keys(settings)
    return keymap, [*([bad_theme] if bad_theme else []), *key_problems]


def _print_keys() -> int:
    """Every binding id, its keys and what it does, for the ``[keys]`` table."""
    from .ui.settings import all_bindings

    bindings = sorted(all_bindings().items())
    width = max(len(binding_id) for binding_id, _ in bindings)
    keys = max(len(binding.key) for _, binding in bindings)
    for binding_id, binding in bindings:
        print(f"{binding_id:<{width}}  {binding.key:<{keys}}  {binding.description or binding.action}")
    return 0

"""Where newsreader keeps its files: platformdirs, or everything under ``$NEWSREADER_HOME``.

Functions, not constants: nothing is computed at import time, so tests can set the
environment variable before calling them.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "newsreader"


def _home() -> Path | None:
    home = os.environ.get("NEWSREADER_HOME")
    return Path(home).expanduser() if home else None


def home_problem() -> str | None:
    """Why ``$NEWSREADER_HOME`` cannot hold newsreader's files (one line), or None when it can.

    A file, a path under a file, or a folder that cannot be written or created: every command
    reports it in one line instead of failing deep in SQLite with a traceback.
    """
    home = _home()
    if home is None:
        return None
    where = f"NEWSREADER_HOME={home}"
    probe = home
    while not probe.exists():
        if probe.parent == probe:
            break
        probe = probe.parent
    if not probe.is_dir():
        if probe == home:
            return f"{where} is a file, not a folder"
        return f"{where} cannot be created: {probe} is a file, not a folder"
    if not os.access(probe, os.W_OK | os.X_OK):
        return f"{where} is not writable" if probe == home else f"{where} cannot be created in {probe}"
    for sub in ("config", "data", "cache", "state"):
        inner = home / sub
        if inner.exists() and not inner.is_dir():
            return f"{where}: {inner} is a file, not a folder"
    return None


def config_dir() -> Path:
    home = _home()
    if home:
        return home / "config"
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    home = _home()
    if home:
        return home / "data"
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    home = _home()
    if home:
        return home / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def state_dir() -> Path:
    home = _home()
    if home:
        return home / "state"
    import platformdirs

    return Path(platformdirs.user_state_dir(APP_NAME, appauthor=False))


def config_path() -> Path:
    """The settings file, ``config.toml`` (it need not exist)."""
    return config_dir() / "config.toml"


def state_path() -> Path:
    """What the app remembers between runs (closed folders, the sidebar's width): ``state.json``.

    Not ``config.toml``: that file is the user's, and the app writes only a theme chosen in it.
    """
    return state_dir() / "state.json"


def database_path() -> Path:
    return data_dir() / "library.db"


def _resource_root(name: str) -> Path:
    """``styles``/``seeds`` inside the wheel (tui/_data/...) or beside ``tui/`` in a checkout."""
    pkg = Path(__file__).resolve().parent
    installed = pkg / "_data" / name
    return installed if installed.is_dir() else pkg.parent / name


def styles_dir() -> Path:
    return _resource_root("styles")


def seeds_dir() -> Path:
    return _resource_root("seeds")

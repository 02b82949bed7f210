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

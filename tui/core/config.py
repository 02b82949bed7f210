"""Settings that last: ``config.toml`` read into a frozen :class:`Settings`, and written back.

The file lives in the platform's config directory (``$NEWSREADER_HOME/config`` with the
override; see :func:`tui.paths.config_path`). Reading never fails: a missing file gives the
defaults, and each bad value, unknown key or unreadable file is one line naming the file and the
key, with the default used in its place. Writing keeps the user's file as it is (comments, order,
other keys) and changes only the line of the key written, through a temporary file and a rename,
so a crash mid-write never leaves half a file.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_THEME = "textual-dark"
DEFAULT_MARK_READ_AFTER = 2.0
DEFAULT_PER_SERVER_LIMIT = 8  # FetchOptions.per_host's default; a test keeps them equal
MIN_REFRESH_EVERY = 60.0  # a timer faster than a minute would hammer the servers for nothing
MAX_PER_SERVER_LIMIT = 32


@dataclass(frozen=True)
class Settings:
    """What ``config.toml`` sets, every field with its default.

    ``mark_read_after`` is seconds an article stays open before it counts as read: 0 for
    "on-open", None for "manual". ``refresh_every`` is seconds, None for off. ``browser`` None
    means the system's browser. ``keys`` maps a binding id to its keys ("j,down"). ``path`` is the
    file the settings came from (None: not from a file, nothing is written back).
    """

    theme: str = DEFAULT_THEME
    browser: str | None = None
    refresh_every: float | None = None
    mark_read_after: float | None = DEFAULT_MARK_READ_AFTER
    keys: Mapping[str, str] = field(default_factory=dict)
    hide_failing: bool = False
    hide_read_feeds: bool = False
    per_server_limit: int = DEFAULT_PER_SERVER_LIMIT
    path: Path | None = None


DEFAULT_FILE = f"""\
# newsreader settings. Lines starting with # are comments: remove the # in front of a setting
# to change it. Every value shown is the default. A bad value is reported in one line naming
# its key, and the default is used.

# Colour theme: any Textual theme ("textual-dark", "textual-light", "nord", "gruvbox",
# "tokyo-night", "dracula", ...). The theme chosen in the app (Ctrl+P, "Theme") is saved here.
# theme = "{DEFAULT_THEME}"

# The command that opens a link (o), with %u for the address (added at the end when absent),
# e.g. "firefox --new-tab %u" or "w3m %u". Empty: the system's browser.
# browser = ""

# Refresh every feed on a timer while the app runs: "30m", "2h", "1h30m" (at least "1m"),
# or "off".
# refresh_every = "off"

# When an open article counts as read: "on-open", "after 2s" (any duration), or "manual"
# (only m marks it).
# mark_read = "after 2s"

# The feeds tree: hide feeds whose last refresh failed, and feeds with nothing unread.
# hide_failing = false
# hide_read_feeds = false

# Requests in flight at once to one server during a refresh (1 to {MAX_PER_SERVER_LIMIT}).
# per_server_limit = {DEFAULT_PER_SERVER_LIMIT}

# Rebind keys by binding id: id = "key" or "key1,key2" (Textual key names: "j", "down",
# "ctrl+r", "question_mark"). `newsreader config --keys` lists the ids; a key another action
# has already stays with it (`newsreader config` says so).
[keys]
# "app.quit" = "q,ctrl+q"
# "feeds.refresh-all" = "R,ctrl+r"
"""

_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)", re.IGNORECASE)
_UNITS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}


def parse_duration(text: str) -> float | None:
    """Seconds in "30m", "2s", "1h30m", "1.5h"; None when ``text`` is not a duration."""
    s = text.strip().replace(" ", "")
    if not s or _DURATION.sub("", s):
        return None
    return sum(float(n) * _UNITS[unit.lower()] for n, unit in _DURATION.findall(s))


def format_duration(seconds: float) -> str:
    """A duration as written in the file: 120 -> "2m", 5400 -> "1h30m", 2 -> "2s"."""
    out, rest = "", round(seconds, 3)
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if rest >= size:
            out += f"{int(rest // size)}{unit}"
            rest -= (rest // size) * size
    if rest or not out:
        out += f"{rest:g}s"
    return out


class _Reader:
    """Check each key of the parsed file, collecting one problem line per bad value."""

    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path, self.data = path, data
        self.problems: list[str] = []

    def bad(self, key: str, value: Any, why: str, default: str) -> None:
        self.problems.append(f"{self.path}: {key} = {_shown(value)}: {why}; using the default ({default})")

    def take(self, key: str, default: Any, convert: Callable[[Any], Any], why: str, shown: str) -> Any:
        if key not in self.data:
            return default
        value = self.data[key]
        try:
            return convert(value)
        except (TypeError, ValueError):
            self.bad(key, value, why, shown)
            return default


def _shown(value: Any) -> str:
    """A value as it would be written in TOML, short."""
    text = _toml_value(value) if isinstance(value, str | bool | int) else json.dumps(value, default=str)
    return text if len(text) <= 40 else text[:39] + "…"


def _string(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError
    return value


def _theme(value: Any) -> str:
    name = _string(value).strip()
    if not name:
        raise ValueError
    return name


def _browser(value: Any) -> str | None:
    return _string(value).strip() or None


def _refresh_every(value: Any) -> float | None:
    text = _string(value).strip().lower()
    if text in ("off", "never", ""):
        return None
    seconds = parse_duration(text)
    if seconds is None or seconds < MIN_REFRESH_EVERY:
        raise ValueError
    return seconds


def _mark_read(value: Any) -> float | None:
    text = _string(value).strip().lower()
    if text == "on-open":
        return 0.0
    if text == "manual":
        return None
    if text.startswith("after"):
        seconds = parse_duration(text[len("after") :])
        if seconds is not None:
            return seconds
    raise ValueError


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError
    return value


def _limit(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError
    if not 1 <= value <= MAX_PER_SERVER_LIMIT:
        raise ValueError
    return value


KNOWN_KEYS = (
    "theme",
    "browser",
    "refresh_every",
    "mark_read",
    "hide_failing",
    "hide_read_feeds",
    "per_server_limit",
    "keys",
)


def load_settings(path: Path) -> tuple[Settings, list[str]]:
    """The settings in ``path`` and one line per problem (defaults used); no file: the defaults."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Settings(path=path), []
    except OSError as e:
        return Settings(path=path), [f"{path}: cannot read ({e.strerror or e}); using the defaults"]
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return Settings(path=path), [f"{path}: not UTF-8 text; using the defaults"]
    except tomllib.TOMLDecodeError as e:
        return Settings(path=path), [f"{path}: not valid TOML ({e}); using the defaults"]
    except RecursionError:  # (tomllib recurses into nested arrays and tables)
        return Settings(path=path), [f"{path}: not valid TOML (nested too deeply); using the defaults"]
    r = _Reader(path, data)
    d = Settings()
    settings = Settings(
        theme=r.take("theme", d.theme, _theme, "not a theme name", f'"{d.theme}"'),
        browser=r.take("browser", d.browser, _browser, "not a command line", "the system's browser"),
        refresh_every=r.take(
            "refresh_every", d.refresh_every, _refresh_every, 'not "off" or a duration of 1m or more', "off"
        ),
        mark_read_after=r.take(
            "mark_read", d.mark_read_after, _mark_read, 'not "on-open", "after 2s" or "manual"', '"after 2s"'
        ),
        keys=_keys(r),
        hide_failing=r.take("hide_failing", d.hide_failing, _bool, "not true or false", "false"),
        hide_read_feeds=r.take("hide_read_feeds", d.hide_read_feeds, _bool, "not true or false", "false"),
        per_server_limit=r.take(
            "per_server_limit",
            d.per_server_limit,
            _limit,
            f"not a whole number from 1 to {MAX_PER_SERVER_LIMIT}",
            str(d.per_server_limit),
        ),
        path=path,
    )
    for key in data:
        if key not in KNOWN_KEYS:
            r.problems.append(f"{path}: unknown key {toml_key(key)}; ignored")
    return settings, r.problems


def _keys(r: _Reader) -> dict[str, str]:
    table = r.data.get("keys", {})
    if not isinstance(table, dict):
        r.bad("keys", table, "not a table of binding id = keys", "no keys rebound")
        return {}
    keys: dict[str, str] = {}
    for binding_id, value in table.items():
        if isinstance(value, list) and value and all(isinstance(k, str) and k.strip() for k in value):
            value = ",".join(value)
        if not isinstance(value, str) or not [k for k in value.split(",") if k.strip()]:
            r.problems.append(
                f"{r.path}: keys.{toml_key(binding_id)} = {_shown(value)}: not a key like "
                '"j" or "j,down"; the binding keeps its keys'
            )
            continue
        keys[binding_id] = ",".join(k.strip() for k in value.split(",") if k.strip())
    return keys


def toml_key(key: str) -> str:
    """A key as TOML writes it: bare when it can be, quoted otherwise ("app.quit")."""
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key, ensure_ascii=False)


# -- writing ------------------------------------------------------------------------------


class ConfigWriteError(Exception):
    """The config file cannot be written; ``str(err)`` is one line naming it."""


def write_default(path: Path, *, force: bool = False) -> None:
    """Write the commented default file; refuses to replace an existing one unless ``force``."""
    if path.exists() and not force:
        raise ConfigWriteError(f"{path}: already exists (--force replaces it with the defaults)")
    _write_atomically(path, DEFAULT_FILE)


def save_value(path: Path, key: str, value: str | bool | int) -> None:
    """Set one top-level ``key`` in the file at ``path``, keeping everything else as it is.

    The key's line is replaced (or a commented-out ``# key = ...`` line of the default file
    uncommented); without one the line goes before the first table. A file that is not valid
    TOML is left alone (:class:`ConfigWriteError`), never made worse.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        text = DEFAULT_FILE
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigWriteError(f"{path}: cannot read ({getattr(e, 'strerror', None) or e})") from None
    try:
        tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError):
        raise ConfigWriteError(f"{path}: not valid TOML, {key} not saved") from None
    changed = _with_value(text, key, _toml_value(value))
    try:
        saved = tomllib.loads(changed).get(key)
    except (tomllib.TOMLDecodeError, RecursionError):
        saved = None
    if saved != value:  # a layout the line editor does not understand: leave the file alone
        raise ConfigWriteError(f"{path}: cannot place {key} in this file; set it by hand")
    _write_atomically(path, changed)


def _toml_value(value: str | bool | int) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string


def _with_value(text: str, key: str, value: str) -> str:
    lines = text.splitlines(keepends=True)
    line = f"{key} = {value}\n"
    top = len(lines)
    for i, current in enumerate(lines):
        if re.match(r"\s*\[", current):
            top = i
            break
    setting = re.compile(rf"\s*{re.escape(key)}\s*=")
    commented = re.compile(rf"\s*#\s*{re.escape(key)}\s*=")
    for pattern in (setting, commented):
        for i in range(top):
            if pattern.match(lines[i]):
                lines[i] = line
                return "".join(lines)
    if top and lines[top - 1].strip():
        line = line + "\n"
    if top == len(lines) and lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    lines.insert(top, line)
    return "".join(lines)


def _write_atomically(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".config-", suffix=".toml")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError as e:
        raise ConfigWriteError(f"{path}: cannot write ({e.strerror or e})") from None

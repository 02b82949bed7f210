"""What the app remembers between runs: the folders closed in the feeds tree, the sidebar's width.

UI state, not settings: it lives in ``state.json`` (see :func:`tui.paths.state_path`), apart
from the user's ``config.toml``. Reading never fails: a missing file is the defaults, and a
file that cannot be read or understood is one line naming it, with the defaults used and the
file kept beside as ``state.json.bad`` (nothing the user had is lost). Writing goes through a
temporary file and a rename, so a crash mid-write never leaves half a file.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MIN_SIDEBAR_WIDTH = 20
MAX_SIDEBAR_WIDTH = 160
"""A width outside these columns is not one the app wrote: ignored when read."""


@dataclass(frozen=True)
class UiState:
    """``closed``: folder paths ("News/Tech") closed in the feeds tree; ``sidebar_width``: its
    columns (None: the stylesheet's share of the screen)."""

    closed: frozenset[str] = field(default_factory=frozenset)
    sidebar_width: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"closed_folders": sorted(self.closed), "sidebar_width": self.sidebar_width}


class StateWriteError(Exception):
    """The state file cannot be written; ``str(err)`` is one line naming it."""


class UiStateFile:
    """``state.json`` at ``path``: :meth:`load` it once at start, :meth:`save` each change."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> tuple[UiState, list[str]]:
        """The remembered state and one line per problem (the defaults used in its place)."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return UiState(), []
        except OSError as e:
            return UiState(), [f"{self.path}: cannot read ({e.strerror or e}); using the defaults"]
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return UiState(), [self._set_aside("not valid JSON")]
        if not isinstance(data, dict):
            return UiState(), [self._set_aside("not a JSON object")]
        problems: list[str] = []
        closed = data.get("closed_folders", [])
        if not (isinstance(closed, list) and all(isinstance(f, str) and f.strip() for f in closed)):
            problems.append(f"{self.path}: closed_folders is not a list of folder names; all folders open")
            closed = []
        width = data.get("sidebar_width")
        if width is not None and not (
            isinstance(width, int)
            and not isinstance(width, bool)
            and MIN_SIDEBAR_WIDTH <= width <= MAX_SIDEBAR_WIDTH
        ):
            problems.append(
                f"{self.path}: sidebar_width is not a whole number from {MIN_SIDEBAR_WIDTH} to "
                f"{MAX_SIDEBAR_WIDTH}; using the default width"
            )
            width = None
        return UiState(frozenset(closed), width), problems

    def _set_aside(self, why: str) -> str:
        """Keep an unreadable file as ``.bad`` (the next save would replace it) and say so."""
        bad = self.path.with_name(self.path.name + ".bad")
        try:
            os.replace(self.path, bad)
        except OSError:
            return f"{self.path}: {why}; using the defaults"
        return f"{self.path}: {why}; using the defaults (the file is kept as {bad.name})"

    def save(self, state: UiState) -> None:
        """Write ``state`` whole, atomically; :class:`StateWriteError` when it cannot be."""
        text = json.dumps(state.to_json(), ensure_ascii=False, indent=2) + "\n"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".state-", suffix=".json")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as f:
                    f.write(text)
                os.replace(tmp, self.path)
            except BaseException:
                os.unlink(tmp)
                raise
        except OSError as e:
            raise StateWriteError(f"{self.path}: cannot write ({e.strerror or e})") from None

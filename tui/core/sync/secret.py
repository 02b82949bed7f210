"""Where the sync password is kept: the platform keyring when the ``keyring`` package finds a
real one, else a file readable by the user only (mode 0600) beside the library database.

The password is never printed or logged; errors name the file, never what is in it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..errors import SyncError

SERVICE = "newsreader-ttrss"
FILE_NAME = "sync-password.json"


def _keyring():
    """The keyring module when it has a usable backend, else None."""
    if os.environ.get("NEWSREADER_HOME"):
        return None  # everything under one folder (and tests): no system keyring
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 0) <= 0:
        return None
    return keyring


class SecretStore:
    """The password for one (server, user)."""

    def __init__(self, folder: Path) -> None:
        self.file = folder / FILE_NAME

    def save(self, url: str, user: str, password: str) -> str:
        """Keep the password; where it went ("the keyring" or the file), for the user."""
        ring = _keyring()
        if ring is not None:
            try:
                ring.set_password(SERVICE, f"{user}@{url}", password)
                self.file.unlink(missing_ok=True)
                return "the system keyring"
            except Exception:  # noqa: BLE001 - a locked or broken keyring: fall back to the file
                pass
        self.file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.file.with_suffix(".tmp")
        tmp.unlink(missing_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"url": url, "user": user, "password": password}, f)
        os.replace(tmp, self.file)
        return str(self.file)

    def load(self, url: str, user: str) -> str:
        """The password; raises :class:`SyncError` when none is kept for this server and user."""
        ring = _keyring()
        if ring is not None:
            try:
                found = ring.get_password(SERVICE, f"{user}@{url}")
            except Exception:  # noqa: BLE001
                found = None
            if found:
                return found
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise SyncError(f"no password kept for {user} at {url}: run `newsreader sync setup`") from None
        except (OSError, ValueError):
            raise SyncError(f"{self.file}: cannot be read; run `newsreader sync setup` again") from None
        if not isinstance(data, dict) or (data.get("url"), data.get("user")) != (url, user):
            raise SyncError(f"no password kept for {user} at {url}: run `newsreader sync setup`")
        return str(data.get("password") or "")

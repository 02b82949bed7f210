"""``newsreader sync setup`` and ``newsreader sync`` against the real tt-rss."""

from __future__ import annotations

import io
import stat

import pytest

from tests.ttrss_server import FEEDS, ITEMS
from tui.cli import main
from tui.paths import data_dir

pytestmark = pytest.mark.server


def _setup(monkeypatch, server, password):
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    return main(["sync", "setup", server.url, "--user", server.user, "--password-stdin"])


def test_setup_then_sync(monkeypatch, capsys, server):
    assert _setup(monkeypatch, server, server.password) == 0
    out, errors = capsys.readouterr()
    assert server.password not in out + errors
    kept = data_dir() / "sync-password.json"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600 and str(kept) in out
    assert main(["sync"]) == 0
    out, errors = capsys.readouterr()
    assert f"{FEEDS * ITEMS} new articles" in out and errors == ""
    assert main(["sync", "status"]) == 0
    out, _ = capsys.readouterr()
    assert "last sync: 20" in out and "changes waiting: 0" in out and server.password not in out


def test_setup_asks_the_password_without_echo(monkeypatch, capsys, server):
    asked = []

    def getpass(prompt: str) -> str:
        asked.append(prompt)
        return server.password

    monkeypatch.setattr("getpass.getpass", getpass)
    assert main(["sync", "setup", server.url, "--user", server.user]) == 0
    assert asked == [f"password for {server.user} at {server.url}: "]
    out, errors = capsys.readouterr()
    assert server.password not in out + errors and "logged in" in out


def test_a_wrong_password_is_one_line(monkeypatch, capsys, server):
    assert _setup(monkeypatch, server, "wrong-one") == 2
    out, errors = capsys.readouterr()
    assert errors.count("\n") == 1 and "wrong user name or password" in errors and "wrong-one" not in errors
    assert main(["sync"]) == 2
    assert "sync setup" in capsys.readouterr().err


def test_plain_http_elsewhere_needs_insecure(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("pw\n"))
    assert main(["sync", "setup", "http://rss.example.org", "--user", "me", "--password-stdin"]) == 2
    assert "--insecure" in capsys.readouterr().err

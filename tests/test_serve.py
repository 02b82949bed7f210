"""``newsreader serve``: what it refuses (one line, exit 2), and the guards of the running server.

The browser itself is driven in test_serve_browser.py.
"""

from __future__ import annotations

import shlex
import socket
import sys
import urllib.error
import urllib.request

import pytest

from tests.serving import run_cli, served
from tui.serve_cli import ServeError, check_host, session_command
from tui.web_server import refusal


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--port", "abc"], "--port must be a number from 1 to 65535, not 'abc'"),
        (["--port", "0"], "--port must be a number from 1 to 65535, not 0"),
        (["--port", "70000"], "--port must be a number from 1 to 65535, not 70000"),
        (["--host", "0.0.0.0"], "--host 0.0.0.0 is not a loopback address"),
        (["--host", "no-such-host.invalid"], "--host 'no-such-host.invalid' names no address"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(isolated_home, args, said):
    out = run_cli(isolated_home, "serve", *args)
    assert out.returncode == 2
    lines = out.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("newsreader: ") and said in lines[0], out.stderr
    assert out.stdout == ""


def test_non_loopback_host_says_what_public_does(isolated_home):
    out = run_cli(isolated_home, "serve", "--host", "0.0.0.0")
    assert "add --public to serve it anyway" in out.stderr


def test_port_in_use_is_one_line_and_exit_2(isolated_home):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        out = run_cli(isolated_home, "serve", "--port", str(port))
    assert out.returncode == 2
    assert out.stderr.splitlines() == [
        f"newsreader: port {port} is in use on 127.0.0.1: stop what is using it, or pick another with --port"
    ]


def test_loopback_needs_no_public_and_no_warning():
    assert check_host("127.0.0.1", public=False) is None
    assert check_host("localhost", public=False) is None
    assert check_host("::1", public=False) is None


def test_public_host_is_served_with_a_warning():
    with pytest.raises(ServeError):
        check_host("0.0.0.0", public=False)
    warning = check_host("0.0.0.0", public=True)
    assert warning and warning.startswith("warning: serving on 0.0.0.0, which is not loopback")


def test_each_session_runs_this_newsreader():
    assert shlex.split(session_command()) == [sys.executable, "-m", "tui"]


def test_guards_refuse_other_names_and_other_origins():
    assert refusal("127.0.0.1:8000", None, public=False) is None
    assert refusal("localhost:8000", "http://localhost:8000", public=False) is None
    assert refusal("[::1]:8000", "http://[::1]:8000", public=False) is None
    # A name made to resolve to 127.0.0.1 (DNS rebinding) still arrives with its own name.
    assert "only on loopback" in refusal("attacker.example:8000", None, public=False)
    # Any page the user has open can try the loopback websocket; its Origin gives it away.
    assert "cannot open" in refusal("127.0.0.1:8000", "https://attacker.example", public=False)
    assert refusal("192.0.2.7:8000", "http://192.0.2.7:8000", public=True) is None
    assert "cannot open" in refusal("192.0.2.7:8000", "https://attacker.example", public=True)


def _get(url: str, **headers: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def test_the_page_is_served_on_loopback_and_only_by_loopback_names(isolated_home):
    with served(isolated_home) as url:
        status, page = _get(url)
        assert status == 200 and "newsreader" in page
        assert f'data-session-websocket-url="ws://{url[len("http://") :]}ws"' in page
        status, body = _get(url, Host="attacker.example")
        assert status == 403 and "only on loopback" in body
        # The websocket of a page from elsewhere is refused before any app process starts.
        ws = url.replace("http://", "ws://") + "ws"
        status, body = _get(
            ws.replace("ws://", "http://"),
            Origin="https://attacker.example",
            Connection="Upgrade",
            Upgrade="websocket",
            **{"Sec-WebSocket-Version": "13", "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="},
        )
        assert status == 403 and "cannot open" in body

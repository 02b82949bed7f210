"""The web server behind ``newsreader serve``: textual-serve's ``Server``, with two guards.

textual-serve starts a process for every websocket that connects, and any web page the user has
open may try to connect to ``ws://127.0.0.1:8000/ws`` from its own script. So a websocket from a
page of another origin is refused, and a server on loopback answers only requests addressed to a
loopback name (a page whose domain was made to resolve to 127.0.0.1 still sends its own name in
``Host``). The page's websocket address is taken from the address the browser used, so a server
on ``0.0.0.0`` works from whichever of the machine's addresses it is reached at.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web
from textual_serve.server import Server

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


def _hostname(netloc: str) -> str:
    return (urlsplit(f"//{netloc}").hostname or "").lower()


def names_loopback(netloc: str) -> bool:
    """True when ``netloc`` (a ``Host`` header: name or address, maybe a port) is a loopback name."""
    name = _hostname(netloc)
    if name in LOOPBACK_NAMES or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _unspecified(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_unspecified
    except ValueError:
        return False


def refusal(host: str, origin: str | None, *, public: bool) -> str | None:
    """Why a request with this ``Host`` and ``Origin`` is refused, or None to serve it."""
    if not public and not names_loopback(host):
        return f"this server answers only on loopback, not {host!r}"
    if origin is not None and urlsplit(origin).netloc.lower() != host.lower():
        return f"a page from {origin!r} cannot open newsreader's session"
    return None


class NewsServer(Server):
    """textual-serve's server running newsreader, with the guards described above."""

    def __init__(self, command: str, *, host: str, port: int, public: bool) -> None:
        self.everywhere = _unspecified(host)
        if self.everywhere:  # 0.0.0.0 or :: is no address to browse to: name this machine instead
            host_shown = socket.gethostname()
        else:
            host_shown = f"[{host}]" if ":" in host else host
        super().__init__(
            command, host=host, port=port, title="newsreader", public_url=f"http://{host_shown}:{port}"
        )
        self.public = public
        self._sessions: set[asyncio.Task[Any]] = set()

    def _check(self, request: web.Request, *, websocket: bool) -> None:
        origin = request.headers.get("Origin") if websocket else None
        reason = refusal(request.host, origin, public=self.public)
        if reason:
            raise web.HTTPForbidden(text=reason + "\n")

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        self._check(request, websocket=False)
        # The page builds its websocket address from public_url; the address this browser used
        # reaches this server, whatever the listening host is. No await runs between this and its
        # use, so concurrent requests cannot see each other's value.
        self.public_url = f"{request.scheme}://{request.host}"
        return await super().handle_index(request)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        self._check(request, websocket=True)
        task = asyncio.current_task()
        assert task is not None
        self._sessions.add(task)
        try:
            return await super().handle_websocket(request)
        finally:
            self._sessions.discard(task)

    async def on_shutdown(self, app: Any) -> None:
        # aiohttp waits up to a minute for handlers still running, and an open tab's websocket
        # never ends by itself: cancel each session, which quits its app (textual-serve sends the
        # app "quit" and waits for it) and closes the tab's websocket.
        sessions = list(self._sessions)
        for task in sessions:
            task.cancel()
        if sessions:
            await asyncio.wait(sessions, timeout=10)

    async def on_startup(self, app: Any) -> None:
        # One line instead of textual-serve's banner (which names the whole command line).
        where = f"every address of this machine, as {self.public_url}" if self.everywhere else self.public_url
        print(f"newsreader: serving the app on {where} (Ctrl+C stops)", flush=True)

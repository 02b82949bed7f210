"""A real HTTP server on 127.0.0.1 for feed tests, with hostile behaviours on demand.

Routes are registered per test: plain bodies, redirects, conditional GET, gzip-encoded files,
a server that stalls mid-body and one that streams a chunked body forever. Import the
``feed_server`` fixture with ``from tests.feedserver import feed_server_fixture``.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

Handler = Callable[[BaseHTTPRequestHandler], None]


class FeedServer:
    """A threaded loopback server; ``url(path)`` gives the address of a registered route."""

    def __init__(self, port: int = 0) -> None:
        self.routes: dict[str, Handler] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.stop = threading.Event()
        server = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                server.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                self.close_connection = True
                handler = server.routes.get(self.path.split("?")[0])
                if handler is None:
                    send(self, 404, b"not found", content_type="text/plain")
                    return
                try:
                    handler(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up, which is what several tests provoke

            def do_POST(self) -> None:  # noqa: N802 - the same routes; the body is kept for them
                self.posted = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self.do_GET()

            def log_message(self, format: str, *args: object) -> None:
                pass

        # port 80 for servers that fetch only from standard ports (tt-rss: tests/servers/)
        self._httpd = ThreadingHTTPServer(("127.0.0.1", port), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.block_on_close = False
        self.port = self._httpd.server_address[1]
        # A short poll interval: shutdown() waits up to one interval, once per test.
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, name="feedserver", daemon=True
        )

    def __enter__(self) -> FeedServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()  # releases stalled and endless handlers
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    # -- route builders ------------------------------------------------------------------

    def body(
        self,
        path: str,
        data: bytes | str,
        *,
        status: int = 200,
        content_type: str = "application/rss+xml; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> str:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        self.routes[path] = lambda h: send(h, status, raw, content_type=content_type, headers=headers)
        return self.url(path)

    def redirect(self, path: str, location: str, status: int = 302) -> str:
        self.routes[path] = lambda h: send(h, status, b"", headers={"Location": location})
        return self.url(path)

    def conditional(self, path: str, data: bytes, *, etag: str, last_modified: str) -> str:
        """A feed that answers 304 when the client sends matching validators."""

        def handle(h: BaseHTTPRequestHandler) -> None:
            validators = {"ETag": etag, "Last-Modified": last_modified}
            if h.headers.get("If-None-Match") == etag or h.headers.get("If-Modified-Since") == last_modified:
                send(h, 304, b"", headers=validators)
            else:
                send(h, 200, data, headers=validators)

        self.routes[path] = handle
        return self.url(path)

    def stall(self, path: str, first: bytes = b'<?xml version="1.0"?><rss version="2.0"><channel>') -> str:
        """Headers promising a long body, a few bytes of it, then silence until the server stops."""

        def handle(h: BaseHTTPRequestHandler) -> None:
            h.send_response(200)
            h.send_header("Content-Type", "application/rss+xml")
            h.send_header("Content-Length", str(len(first) + 100_000))
            h.end_headers()
            h.wfile.write(first)
            h.wfile.flush()
            self.stop.wait(60)

        self.routes[path] = handle
        return self.url(path)

    def endless(self, path: str, piece: bytes = b"<item><title>again</title></item>" * 2000) -> str:
        """A chunked body that never ends."""

        def handle(h: BaseHTTPRequestHandler) -> None:
            h.send_response(200)
            h.send_header("Content-Type", "application/rss+xml")
            h.send_header("Transfer-Encoding", "chunked")
            h.end_headers()
            head = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
            h.wfile.write(b"%x\r\n%s\r\n" % (len(head), head))
            while not self.stop.is_set():
                h.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                h.wfile.flush()

        self.routes[path] = handle
        return self.url(path)


def send(
    h: BaseHTTPRequestHandler,
    status: int,
    data: bytes,
    *,
    content_type: str | None = None,
    headers: dict[str, str] | None = None,
) -> None:
    """One complete response with a Content-Length (304 and redirects carry no body)."""
    h.send_response(status)
    if content_type:
        h.send_header("Content-Type", content_type)
    for name, value in (headers or {}).items():
        h.send_header(name, value)
    if status != 304:
        h.send_header("Content-Length", str(len(data)))
    h.send_header("Connection", "close")
    h.end_headers()
    if status != 304 and data:
        h.wfile.write(data)


def refused_url() -> str:
    """A loopback URL where nothing listens (a port that was free a moment ago)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/feed.xml"


@pytest.fixture(name="feed_server")
def feed_server_fixture() -> Iterator[FeedServer]:
    """A fresh loopback server per test (import ``feed_server_fixture`` to use ``feed_server``)."""
    with FeedServer() as server:
        yield server

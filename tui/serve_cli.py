"""``newsreader serve``: the app in a web browser, through textual-serve.

Each browser tab that opens the page gets its own app process: this same installed newsreader
(``sys.executable -m tui``), run by textual-serve with the server's environment, so it reads the
same ``NEWSREADER_HOME``. Whoever can load the page can read and change the library, so the
server listens on loopback unless ``--public`` says otherwise (and then warns).
"""

from __future__ import annotations

import argparse
import ipaddress
import socket
import sys

from .cli_support import err

EXIT_BAD_SERVE = 2
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


class ServeError(Exception):
    """A host or port that cannot be served on; the message is one line for the user."""


def add_serve_command(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "serve",
        help=f"serve the app to a web browser (http://{DEFAULT_HOST}:{DEFAULT_PORT} by default)",
    )
    p.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"address to listen on (default {DEFAULT_HOST}; one that is not loopback needs --public)",
    )
    # A string here, checked in cmd_serve, so a bad port is one line like every other bad input.
    p.add_argument("--port", default=str(DEFAULT_PORT), help=f"port to listen on (default {DEFAULT_PORT})")
    p.add_argument(
        "--public",
        action="store_true",
        help="allow a host that is not loopback: anyone who can reach it reads and changes your library",
    )
    p.set_defaults(func=cmd_serve)


def parse_port(text: str) -> int:
    """``--port`` as a number from 1 to 65535, or :class:`ServeError`."""
    try:
        port = int(text)
    except ValueError:
        raise ServeError(f"--port must be a number from 1 to 65535, not {text!r}") from None
    if not 1 <= port <= 65535:
        raise ServeError(f"--port must be a number from 1 to 65535, not {port}")
    return port


def is_loopback(host: str) -> bool:
    """True when every address ``host`` names is a loopback one (127.0.0.0/8, ::1).

    A name is resolved, so ``localhost`` is loopback and a name that also has another address is
    not. Raises :class:`ServeError` for a host that names no address.
    """
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as e:
        raise ServeError(f"--host {host!r} names no address ({getattr(e, 'strerror', e) or e})") from None
    addresses = {info[4][0].split("%")[0] for info in infos}  # "%" scopes an IPv6 link-local address
    return bool(addresses) and all(ipaddress.ip_address(a).is_loopback for a in addresses)


def check_host(host: str, public: bool) -> str | None:
    """The warning to print for ``host`` (None for loopback), or :class:`ServeError` when refused."""
    if is_loopback(host):
        return None
    if not public:
        raise ServeError(
            f"--host {host} is not a loopback address: anyone who reaches it could read and change "
            "your library; add --public to serve it anyway"
        )
    return (
        f"warning: serving on {host}, which is not loopback: anyone who can reach this address "
        "can read and change your library (there is no password)"
    )


def check_port_free(host: str, port: int) -> None:
    """:class:`ServeError` when ``port`` cannot be listened on at ``host`` (in use, or not allowed).

    The server binds again just after, so this only turns the common case into one line before
    textual-serve prints its banner; a port taken in between still fails cleanly in cmd_serve.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as e:
        raise ServeError(f"--host {host!r} names no address ({e.strerror})") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        # As aiohttp binds: a port left in TIME_WAIT by a server just stopped is free to use.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as e:
            raise ServeError(bind_problem(host, port, e)) from None


def bind_problem(host: str, port: int, error: OSError) -> str:
    """One line for a failed bind: the port is in use, or the system's own reason."""
    import errno

    where = f"{host}:{port}"
    if error.errno == errno.EADDRINUSE:
        return f"port {port} is in use on {host}: stop what is using it, or pick another with --port"
    if error.errno == errno.EACCES:
        return f"not allowed to listen on {where} (ports below 1024 need privileges): pick another --port"
    return f"cannot listen on {where}: {error.strerror or error}"


def session_command() -> str:
    """The shell command textual-serve runs for each browser session: this newsreader's app."""
    import shlex

    return shlex.join([sys.executable, "-m", __package__ or "tui"])


def cmd_serve(args: argparse.Namespace) -> int:
    try:
        port = parse_port(args.port)
        warning = check_host(args.host, args.public)
        check_port_free(args.host, port)
    except ServeError as e:
        err(str(e))
        return EXIT_BAD_SERVE
    try:
        from .web_server import NewsServer
    except ImportError as e:  # installed without its dependencies (pip install --no-deps)
        err(f"serve needs textual-serve, which is not installed ({e.name or e})")
        return EXIT_BAD_SERVE
    if warning:
        err(warning)
    server = NewsServer(session_command(), host=args.host, port=port, public=args.public)
    try:
        server.serve()
    except OSError as e:  # the port was taken between the check and the bind
        err(bind_problem(args.host, port, e))
        return EXIT_BAD_SERVE
    return 0

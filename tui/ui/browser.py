"""Opening a web address: the ``browser`` setting's command line, or the system's browser.

A terminal browser (w3m, lynx, less…) runs in the terminal with the app suspended and the app
comes back when it exits; a graphical one starts on its own. When nothing can be started the
reader is told, in one line.
"""

from __future__ import annotations

import shlex
import subprocess
import webbrowser
from collections.abc import Callable
from pathlib import Path

from textual.app import App, SuspendNotSupported

# Programs that take the terminal: the app steps aside while they run.
TERMINAL_BROWSERS = frozenset(
    {"w3m", "lynx", "links", "elinks", "browsh", "carbonyl", "less", "more", "most"}
)


def browser_argv(command: str, url: str) -> list[str]:
    """The command line with ``%u`` replaced by the address (appended when there is no ``%u``)."""
    argv = shlex.split(command)
    if any("%u" in part for part in argv):
        return [part.replace("%u", url) for part in argv]
    return [*argv, url]


def in_terminal(argv: list[str]) -> bool:
    """Does this browser run in the terminal?"""
    return bool(argv) and Path(argv[0]).name in TERMINAL_BROWSERS


def open_in_browser(app: App, url: str, command: str | None, say: Callable[[str], object]) -> None:
    """Open ``url`` with ``command`` (the setting) or the system's browser; ``say`` a problem."""
    if app.is_web:
        app.open_url(url)  # the web driver only sends a message to the browser
        return
    if command:
        try:
            argv = browser_argv(command, url)
        except ValueError as e:  # unbalanced quotes in the setting
            say(f"The browser setting cannot be read: {e}")
            return
        if in_terminal(argv):
            try:
                with app.suspend():
                    subprocess.run(argv, check=False)
            except (OSError, SuspendNotSupported) as e:
                say(f"Could not start the browser {argv[0]!r}: {e}")
            return

        def start() -> None:
            try:
                subprocess.Popen(
                    argv,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    start_new_session=True,
                )
            except OSError as e:
                app.call_from_thread(say, f"Could not start the browser {argv[0]!r}: {e}")

    else:

        def start() -> None:
            try:
                webbrowser.get()  # raises when the system has no browser to start
            except webbrowser.Error:
                app.call_from_thread(say, 'No browser found: set browser in config.toml (e.g. "w3m %u")')
                return
            app.open_url(url)

    # Starting a browser can take seconds (and may block on some systems).
    app.run_worker(start, thread=True, group="link", exit_on_error=False)

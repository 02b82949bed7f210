"""The browser setting: the command line with %u, terminal browsers told apart, and ``o`` through
the setting in the app (a command of our own that writes the address to a file; a command that
cannot start gets one notice). Seeds with saved analyses (no model)."""

from __future__ import annotations

import shlex
import sys

from tests.app_feeds_support import RecordingApp
from tests.test_app import SIZE, settle, wait_for
from tui.core.config import Settings
from tui.ui.browser import browser_argv, in_terminal
from tui.ui.screens.dialogs import ConfirmOpenScreen


def test_the_address_goes_where_percent_u_is_or_last():
    url = "https://example.com/a b?x=1&y=2"
    assert browser_argv("firefox --new-tab %u", url) == ["firefox", "--new-tab", url]
    assert browser_argv("w3m", url) == ["w3m", url]
    assert browser_argv("sh -c 'echo %u'", url) == ["sh", "-c", f"echo {url}"]
    assert in_terminal(["/usr/bin/w3m", url]) and in_terminal(["less", url])
    assert not in_terminal(["firefox", url]) and not in_terminal([])


async def open_first_link(app, pilot) -> None:
    screen = await settle(app, pilot)
    await pilot.press("o")
    await wait_for(pilot, lambda: isinstance(app.screen, ConfirmOpenScreen), "the confirm dialog")
    await pilot.press("y")
    await wait_for(pilot, lambda: app.screen is screen, "dialog closed")


async def test_o_runs_the_browser_command_of_the_settings(analysed_library, tmp_path):
    out = tmp_path / "opened.txt"
    script = f"import sys; open({str(out)!r}, 'w').write(sys.argv[1])"
    command = f"{shlex.quote(sys.executable)} -c {shlex.quote(script)} %u"
    app = RecordingApp(analysed_library, settings=Settings(browser=command))
    async with app.run_test(size=SIZE) as pilot:
        await open_first_link(app, pilot)
        link = analysed_library.feeds.article_link(app.screen.article_id)
        await wait_for(pilot, lambda: out.exists() and out.read_text() == link, "opened")


async def test_a_browser_that_cannot_start_is_one_notice(analysed_library):
    app = RecordingApp(analysed_library, settings=Settings(browser="/nonexistent/browser %u"))
    async with app.run_test(size=SIZE) as pilot:
        await open_first_link(app, pilot)
        await wait_for(pilot, lambda: app.said("Could not start the browser"), "the notice")

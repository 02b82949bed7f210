"""``newsreader serve`` in a real browser: Debian's Chromium, driven by Playwright.

Playwright launches the system's ``chromium`` (``.ci/run`` installs it when missing); it never
downloads a browser of its own. Without one, or when it cannot start, the test skips and says why.

textual-serve draws the terminal on a canvas, which has no text to read; the test serves the page
with xterm.js's screen reader mode on, so the rows on screen are also in the page as text (what a
screen reader would read), and reads them there.
"""

from __future__ import annotations

import re
import shutil

import pytest

from tests.serving import served

pytestmark = pytest.mark.slow  # a browser and an app process: ~5 s

TIMEOUT_MS = 30_000


def _chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    pytest.skip("no Chromium on this machine (Debian: apt-get install chromium)")


def _headline_start(title: str) -> str:
    """The first words of a headline: they open the article pane's first row, wrapped or not."""
    return " ".join(title.split()[:4])


def _article_pane(screen: str) -> str:
    """The article pane's column of the screen's text: rows look like ``│list││article││quotes│``."""
    return "\n".join(row.split("││")[1] for row in screen.splitlines() if row.count("││") >= 2)


def test_the_app_in_chromium_shows_the_article_and_j_moves(isolated_home, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    chromium = _chromium()
    from tui.factory import make_library

    library, _ = make_library()  # the seeds, so the test knows the first two headlines
    with library:
        rows = library.articles()
        first, second = rows[0].title, rows[1].title
        # A mark only this home has: the served app shows it only if it runs over this home.
        library.set_starred(rows[-1].id)

    with sync_api.sync_playwright() as pw:
        try:
            browser = pw.chromium.launch(executable_path=chromium)
        except sync_api.Error as e:
            pytest.skip(f"Chromium at {chromium} would not start: {str(e).splitlines()[0]}")
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            # The server stops with the tab still open, as Ctrl+C would: served() checks it is prompt.
            with served(isolated_home) as url:
                _check_the_page(sync_api, page, url, first, second, tmp_path)
        finally:
            browser.close()


def _check_the_page(sync_api, page, url: str, first: str, second: str, tmp_path) -> None:
    # Nothing leaves the machine: the page asks for a web font elsewhere; refuse it.
    page.route(lambda u: not u.startswith(url), lambda route: route.abort())
    page.route("**/static/js/textual.js", _with_screen_reader_mode)
    page.goto(url)
    screen = page.locator(".xterm-accessibility-tree")
    try:
        sync_api.expect(screen).to_contain_text(_headline_start(first), timeout=TIMEOUT_MS)
        assert _headline_start(first) in _article_pane(screen.inner_text())
        assert _headline_start(second) not in _article_pane(screen.inner_text())
        assert re.search(r"Starred\s+1\b", screen.inner_text()), "not the server's library"

        page.locator(".xterm-helper-textarea").focus()  # where xterm.js takes keys
        page.keyboard.press("j")
        page.wait_for_function(
            "([tree, start]) => document.querySelector(tree).innerText"
            ".split('\\n').some(row => row.split('││')[1]?.includes(start))",
            arg=[".xterm-accessibility-tree", _headline_start(second)],
            timeout=TIMEOUT_MS,
        )
        assert _headline_start(first) not in _article_pane(screen.inner_text())
    except (AssertionError, sync_api.Error):
        page.screenshot(path=tmp_path / "served.png")
        raise


def _with_screen_reader_mode(route) -> None:
    response = route.fetch()
    script = response.text()
    assert "allowProposedApi:!0" in script, "textual-serve's terminal options moved: update this test"
    route.fulfill(
        response=response,
        body=script.replace("allowProposedApi:!0", "allowProposedApi:!0,screenReaderMode:!0", 1),
    )

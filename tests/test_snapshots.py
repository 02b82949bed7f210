"""Snapshot tests of the canonical screens (pytest-textual-snapshot).

Deterministic: a fixed terminal size, every analysis cached (nothing changes while the shot is
taken), an isolated NEWSREADER_HOME, no clock anywhere in the UI. Update with
``pytest tests/test_snapshots.py --snapshot-update`` and look at the SVGs before committing.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from tui.ui.app import NewsApp

pytestmark = pytest.mark.slow

SIZE = (140, 40)


async def _settled(pilot: Pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_main_screen(snap_compare, analysed_library):
    assert snap_compare(NewsApp(analysed_library), terminal_size=SIZE, run_before=_settled)


def test_main_screen_reading(snap_compare, analysed_library):
    """A Wikinews seed (attribution shown), body focused, the third entity mention marked."""
    putin = next(r.id for r in analysed_library.articles() if r.title.startswith("Putin calls"))

    async def read(pilot: Pilot) -> None:
        await _settled(pilot)
        await pilot.press("tab", "right_square_bracket", "right_square_bracket", "right_square_bracket")
        await pilot.pause()

    assert snap_compare(NewsApp(analysed_library, open_article=putin), terminal_size=SIZE, run_before=read)


def test_main_screen_highlighting_off(snap_compare, analysed_library):
    async def off(pilot: Pilot) -> None:
        await _settled(pilot)
        await pilot.press("h")
        await pilot.pause()

    assert snap_compare(NewsApp(analysed_library), terminal_size=SIZE, run_before=off)


def test_help_screen(snap_compare, analysed_library):
    async def help_(pilot: Pilot) -> None:
        await _settled(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(NewsApp(analysed_library), terminal_size=SIZE, run_before=help_)

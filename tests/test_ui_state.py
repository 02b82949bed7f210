"""What lasts between runs: closed folders and the sidebar's width, in state.json beside (not in)
config.toml. The file unit-tested, then two app runs on the same home."""

from __future__ import annotations

import json

import pytest

from tests.app_feeds_support import RecordingApp, choose, subscribe
from tests.test_app import SIZE, settle, wait_for
from tui.core.ui_state import UiState, UiStateFile
from tui.paths import config_path, state_path
from tui.ui.screens.help import HelpScreen
from tui.ui.views import folder_key
from tui.ui.widgets.panes import ReaderPanes
from tui.ui.widgets.sidebar import Sidebar


def test_state_round_trips_and_a_missing_file_is_the_defaults(tmp_path):
    file = UiStateFile(tmp_path / "state" / "state.json")
    assert file.load() == (UiState(), [])
    file.save(UiState(frozenset({"News/Tech", "Local"}), 40))
    assert file.load() == (UiState(frozenset({"News/Tech", "Local"}), 40), [])
    assert json.loads(file.path.read_text()) == {
        "closed_folders": ["Local", "News/Tech"],
        "sidebar_width": 40,
    }
    assert [p.name for p in file.path.parent.iterdir()] == ["state.json"]  # no temporary file left


def test_a_corrupt_file_is_one_line_the_defaults_and_kept_aside(tmp_path):
    path = tmp_path / "state.json"
    path.write_text('{"closed_folders": ["News"', encoding="utf-8")
    state, problems = UiStateFile(path).load()
    assert state == UiState()
    assert problems == [f"{path}: not valid JSON; using the defaults (the file is kept as state.json.bad)"]
    assert (tmp_path / "state.json.bad").read_text() == '{"closed_folders": ["News"'


@pytest.mark.parametrize(
    ("text", "expected", "problem"),
    [
        ('{"closed_folders": "News", "sidebar_width": 30}', UiState(sidebar_width=30), "closed_folders"),
        ('{"closed_folders": ["News"], "sidebar_width": 5}', UiState(frozenset({"News"})), "sidebar_width"),
        ('{"closed_folders": [], "sidebar_width": true}', UiState(), "sidebar_width"),
    ],
)
def test_a_bad_value_is_one_line_naming_it_and_the_rest_is_kept(tmp_path, text, expected, problem):
    path = tmp_path / "state.json"
    path.write_text(text, encoding="utf-8")
    state, problems = UiStateFile(path).load()
    assert state == expected
    assert len(problems) == 1 and problems[0].startswith(f"{path}: {problem} ")


async def test_closed_folders_and_the_sidebar_width_last_to_the_next_run(analysed_library):
    subscribe(analysed_library, "http://127.0.0.1:9/a.xml", "News")
    subscribe(analysed_library, "http://127.0.0.1:9/b.xml", "Sport")
    app = RecordingApp(analysed_library, state_file=UiStateFile(state_path()))
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        tree, panes = screen.sidebar.feed_tree, screen.query_one(ReaderPanes)
        await choose(pilot, screen, folder_key("News"))
        await pilot.press("left")  # closes the folder
        assert not tree.node_of(folder_key("News")).is_expanded
        before = panes.sidebar_width
        await pilot.press("greater_than_sign", "greater_than_sign")
        await wait_for(pilot, lambda: panes.sidebar_width == before + 8, "the sidebar two steps wider")
        await wait_for(pilot, lambda: state_path().exists(), "the state saved")
    assert not config_path().exists()  # the user's file is not where the layout goes

    again = RecordingApp(analysed_library, state_file=UiStateFile(state_path()))
    async with again.run_test(size=SIZE) as pilot:
        screen = await settle(again, pilot)
        tree = screen.sidebar.feed_tree
        await wait_for(pilot, lambda: tree.node_of(folder_key("Sport")) is not None, "the folders")
        assert not tree.node_of(folder_key("News")).is_expanded
        assert tree.node_of(folder_key("Sport")).is_expanded
        assert screen.query_one(Sidebar).outer_size.width == before + 8
        assert again.notices == []
        # Narrower again, down to the smallest width and no further.
        for _ in range(20):
            await pilot.press("less_than_sign")
        await pilot.pause()
        assert screen.query_one(Sidebar).outer_size.width == 20
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(again.screen, HelpScreen), "help")
        rows = [row for column in again.help_sections() for _, section in column for row in section]
        assert ("<", "Narrower sidebar") in rows and (">", "Wider sidebar") in rows


async def test_a_corrupt_state_file_is_one_notice_and_the_app_starts(analysed_library):
    path = state_path()
    path.parent.mkdir(parents=True)
    path.write_text("not json", encoding="utf-8")
    app = RecordingApp(analysed_library, state_file=UiStateFile(path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.said("not valid JSON; using the defaults")
        assert len(app.notices) == 1
    assert path.with_name("state.json.bad").read_text() == "not json"


async def test_keys_read_in_one_go_each_move_the_sidebar_a_step(analysed_library):
    """`>` pressed three times quickly (read from the terminal together, before the screen is laid
    out again) widens the sidebar three steps, not one: each step starts from the width asked for,
    not the width last drawn."""
    from textual import events

    app = RecordingApp(analysed_library, state_file=UiStateFile(state_path()))
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        panes = screen.query_one(ReaderPanes)
        before = panes.sidebar_width
        for _ in range(3):
            app.post_message(events.Key("greater_than_sign", ">"))
        await wait_for(pilot, lambda: panes.state.sidebar_width is not None, "the width kept")
        await pilot.pause()
        assert panes.sidebar_width == before + 12 and panes.state.sidebar_width == before + 12
        for _ in range(2):
            app.post_message(events.Key("less_than_sign", "<"))
        await wait_for(pilot, lambda: panes.state.sidebar_width == before + 4, "two steps narrower")
        await pilot.pause()
        assert panes.sidebar_width == before + 4

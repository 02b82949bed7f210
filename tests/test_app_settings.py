"""Pilot tests of config.toml in the app: the theme and keys applied, bad values noticed, the
theme chosen in the app saved back."""

from __future__ import annotations

import tomllib

from tests.test_app import SIZE, settle, wait_for
from tests.test_app_stories import story_library  # noqa: F401  (a fixture)
from tui.core.config import DEFAULT_FILE, load_settings, save_value
from tui.paths import config_path
from tui.ui.app import NewsApp
from tui.ui.screens.help import HelpScreen


class RecordingApp(NewsApp):
    """The app, keeping every notice it shows."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.notices: list[str] = []

    def notify(self, message, **kwargs) -> None:
        self.notices.append(str(message))
        super().notify(message, **kwargs)


def app_over(library, text: str) -> RecordingApp:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    settings, problems = load_settings(path)
    return RecordingApp(library, settings=settings, settings_problems=problems)


async def test_theme_and_keys_from_the_config_are_applied(analysed_library):
    app = app_over(analysed_library, 'theme = "nord"\n[keys]\n"app.help" = "f2"\n')
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.theme == "nord" and app.notices == []
        await pilot.press("f2")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), "help on the rebound key")
    # Applying the configured theme is not a choice to save: the file is as it was.
    assert config_path().read_text() == 'theme = "nord"\n[keys]\n"app.help" = "f2"\n'


async def test_bad_values_are_one_notice_each_and_the_defaults_apply(analysed_library):
    app = app_over(
        analysed_library,
        'theme = "no-such-theme"\nrefresh_every = "soon"\ncolour = "red"\n[keys]\n"no.such" = "x"\n',
    )
    path = config_path()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        assert app.theme == "textual-dark"
        assert app.notices == [
            f'{path}: refresh_every = "soon": not "off" or a duration of 1m or more; using the default (off)',
            f"{path}: unknown key colour; ignored",
            f'{path}: theme = "no-such-theme": no such theme; using the default ("textual-dark")',
            f'{path}: keys."no.such": no binding has this id; ignored (newsreader config --keys lists them)',
        ]


async def test_a_theme_chosen_in_the_app_is_saved_keeping_the_rest_of_the_file(analysed_library):
    app = app_over(analysed_library, DEFAULT_FILE)
    save_value(config_path(), "browser", "w3m %u")
    app = RecordingApp(analysed_library, settings=load_settings(config_path())[0])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.theme = "gruvbox"  # what the palette's theme command does
        await wait_for(pilot, lambda: 'theme = "gruvbox"' in config_path().read_text(), "the theme saved")
    text = config_path().read_text()
    assert tomllib.loads(text) == {"theme": "gruvbox", "browser": "w3m %u", "keys": {}}
    assert text.count("\n") == DEFAULT_FILE.count("\n") and "# per_server_limit = 8" in text


async def test_an_app_without_a_config_file_writes_nothing(analysed_library):
    app = NewsApp(analysed_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.theme = "gruvbox"
        await pilot.pause()
    assert not config_path().exists()


async def test_hints_name_the_keys_as_rebound(story_library):  # noqa: F811
    from tests.app_feeds_support import RecordingApp
    from tui.core.config import Settings

    library, _ = story_library
    rebound = Settings(keys={"search.open": "ctrl+f"})
    app = RecordingApp(library, settings=rebound)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        screen.sidebar.article_list.focus()
        await pilot.press("t")  # sorting with no search on: the hint names / as rebound
        await wait_for(pilot, lambda: app.said("(^f to search)"), "the hint with ^f")

"""Two actions on one key from ``[keys]``: one line naming both and the file (in ``newsreader
config`` and in the app), and the app keeps working: the action that had the key keeps it, or the
one listed first."""

from __future__ import annotations

from textual.widget import Widget

from tests.app_feeds_support import RecordingApp
from tests.test_app import SIZE, settle, wait_for
from tests.test_app_stories import story_library  # noqa: F401  (a fixture)
from tests.test_settings import nr
from tui.core.config import load_settings
from tui.paths import config_path
from tui.ui.key_clashes import PLACES, Clash, settle_keymap


def test_a_key_rebound_onto_another_actions_key_stays_with_that_action():
    keymap, clashes = settle_keymap({"article.star": "m,ctrl+s", "article.story": "m"})
    assert clashes == [
        Clash("m", "article.toggle-read", "article.star", by_default=True, left="ctrl+s"),
        Clash("m", "article.toggle-read", "article.story", by_default=True, left="v"),
    ]
    # The star keeps the rest of its keys; the story, left with none, its default (no entry).
    assert keymap == {"article.star": "ctrl+s"}


def test_two_actions_given_one_key_the_first_listed_keeps_it():
    keymap, clashes = settle_keymap({"feeds.refresh-all": "ctrl+r", "article.open-link": "ctrl+r"})
    assert clashes == [Clash("ctrl+r", "feeds.refresh-all", "article.open-link", by_default=False, left="o")]
    assert keymap == {"feeds.refresh-all": "ctrl+r"}


def test_what_is_no_clash():
    # A swap, a key of a pane never focused with the other (the body and the feeds tree), the
    # defaults' own shared keys (q goes back on a page, quits the reader), a key written as a character.
    keymap = {
        "feeds.refresh": "R",
        "feeds.refresh-all": "r",
        "body.down": "x",
        "entity.close": "escape,q",
        "app.help": "?,f1",
    }
    assert settle_keymap(keymap) == ({**keymap, "app.help": "question_mark,f1"}, [])


async def test_the_places_are_the_reader_screens_focus_chains(story_library):  # noqa: F811
    """Every focusable pane with keys of its own, with the widgets around it that have keys, is
    one of PLACES (keys pressed there reach exactly these)."""
    from tui.ui.key_clashes import binding_classes

    library, _ = story_library
    app = RecordingApp(library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        named = set(binding_classes())
        chains = set()
        for widget in screen.query(Widget):
            if widget.focusable and type(widget).__name__ in named:
                chains.add(
                    tuple(type(n).__name__ for n in widget.ancestors_with_self if type(n).__name__ in named)
                )
    assert chains and {(*chain, "NewsApp") for chain in chains} <= set(PLACES)  # (the app's keys come last)
    assert len(chains) == 6  # the feeds tree, article list, search line, article, quotes, summary


CLASHING = '[keys]\n"article.star" = "m"\n"feeds.refresh-all" = "ctrl+r"\n"article.open-link" = "ctrl+r,O"\n'


def test_config_names_both_actions_and_the_file(isolated_home):
    path = isolated_home / "config" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(CLASHING)
    p = nr()
    assert p.returncode == 2
    assert p.stderr.splitlines() == [
        f'newsreader: {path}: keys."article.star": m is already article.toggle-read\'s key; '
        "article.toggle-read keeps it, article.star has s",
        f'newsreader: {path}: keys."article.open-link": ctrl+r is given to feeds.refresh-all too, '
        "earlier in [keys]; feeds.refresh-all keeps it, article.open-link has O",
    ]
    # What is printed is what the app applies.
    assert "keys.article.open-link = O" in p.stdout and "keys.article.star" not in p.stdout


async def test_the_app_says_so_once_and_each_key_does_one_thing(story_library):  # noqa: F811
    library, _ = story_library
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(CLASHING)
    settings, problems = load_settings(path)
    app = RecordingApp(library, settings=settings, settings_problems=problems)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settle(app, pilot)
        assert [m for m, _ in app.notices if "keys." in m] == [
            f'{path}: keys."article.star": m is already article.toggle-read\'s key; '
            "article.toggle-read keeps it, article.star has s",
            f'{path}: keys."article.open-link": ctrl+r is given to feeds.refresh-all too, '
            "earlier in [keys]; feeds.refresh-all keeps it, article.open-link has O",
        ]
        screen.sidebar.article_list.focus()
        opened = screen.article_id
        read = screen.sidebar.rows[opened].read
        await pilot.press("m")  # still read/unread, and it does not star
        await wait_for(pilot, lambda: screen.sidebar.rows[opened].read != read, "m toggles read")
        assert not screen.sidebar.rows[opened].starred
        await pilot.press("s")  # the star keeps its own key
        await wait_for(pilot, lambda: screen.sidebar.rows[opened].starred, "s stars")

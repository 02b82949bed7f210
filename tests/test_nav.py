"""The feeds tree built from plain rows: natural order, a folder marked when its feeds fail, and
the hide_failing / hide_read_feeds settings."""

from __future__ import annotations

from tests.test_app_views import feed, row
from tui.ui.views import FAILING, build_nav, natural


def names(nodes) -> list[str]:
    return [n.name for top in nodes for n in top.walk()]


def test_feeds_sort_in_natural_order():
    assert sorted(["feed 10", "Feed 2", "feed 1"], key=natural) == ["feed 1", "Feed 2", "feed 10"]
    feeds = [feed(1, "feed 10"), feed(2, "feed 2"), feed(3, "feed 1", "News 10"), feed(4, "x", "News 9")]
    assert names(build_nav([], feeds))[3:] == ["News 9", "x", "News 10", "feed 1", "feed 2", "feed 10"]


def test_a_folder_with_failing_feeds_is_marked_and_says_which():
    feeds = [feed(1, "Good", "News"), feed(2, "Broken", "News/Local", "HTTP 500")]
    nodes = {n.name: n for top in build_nav([], feeds) for n in top.walk()}
    assert nodes["News"].error == "1 failing: Broken" and nodes["Local"].error == "1 failing: Broken"
    assert nodes["Good"].error is None and nodes["Broken"].error == "HTTP 500"


def test_the_failing_feeds_entry_is_there_only_while_some_fail_even_when_hidden():
    assert FAILING not in [n.key for n in build_nav([], [feed(1, "Good")])]
    feeds = [feed(1, "Good"), feed(2, "Broken", "News", "HTTP 500"), feed(3, "Gone", error="HTTP 410")]
    for hide in (False, True):
        entry = {n.key: n for n in build_nav([], feeds, hide_failing=hide)}[FAILING]
        assert (entry.name, entry.unread, entry.error) == ("Failing feeds", 2, "2 failing: Broken, Gone")


def test_failing_and_read_feeds_can_be_hidden():
    feeds = [feed(1, "Good"), feed(2, "Broken", error="HTTP 500"), feed(3, "Read")]
    rows = [row(1, 1), row(2, 2), row(3, 3, read=True)]
    assert {"Good", "Broken", "Read"} <= set(names(build_nav(rows, feeds)))
    assert "Broken" not in names(build_nav(rows, feeds, hide_failing=True))
    shown = names(build_nav(rows, feeds, hide_read=True))
    assert "Read" not in shown and "Good" in shown and "Broken" in shown

"""The searches the tree shows, as plain state (no Textual)."""

from __future__ import annotations

from tui.core.models import SavedSearch, SearchHit
from tui.ui.searches import Searches
from tui.ui.views import ALL, feed_key, search_key


def hits(*ids: int) -> list[SearchHit]:
    return [SearchHit(i, f"t{i}", None, None, None, "") for i in ids]


def test_a_search_is_a_view_until_it_is_left():
    s = Searches()
    key = s.show("ferry", hits(3, 1), came_from=feed_key(2))
    assert key == search_key("ferry") and s.ids(key) == (3, 1)
    assert [(v.key, v.name, v.ids) for v in s.views()] == [(key, "Search: ferry", (3, 1))]
    again = s.show("ferry harbour", hits(3), came_from=key)  # searching again from the results
    assert s.back_to == feed_key(2) and [v.key for v in s.views()] == [again]
    assert s.leave() == feed_key(2)
    assert s.views() == [] and s.ids(again) == () and s.hits == {}


def test_saved_searches_stay_with_their_names_and_counts():
    s = Searches()
    s.load_saved([SavedSearch(1, "Harbour news", "harbour")], {"harbour": [5, 4]})
    key = search_key("harbour")
    assert [(v.name, v.ids, v.saved_id) for v in s.views()] == [("Harbour news", (5, 4), 1)]
    s.show("harbour", hits(5), came_from=ALL)
    assert [v.name for v in s.views()] == ["Harbour news"]  # not listed twice
    assert s.leave() == ALL and s.ids(key) == (5,)  # a saved search keeps its articles
    assert s.name(search_key("\x1b[2Jx")) == "Search: [2Jx"  # names are clean single lines

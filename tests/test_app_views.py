"""Unit tests of the app's pure helpers: views and the feeds tree model, links as the confirm
dialog shows them, and the article palette's word matching."""

from __future__ import annotations

from textual.style import Style

from tui.core.models import ArticleRow, FeedRow
from tui.ui.commands import _word_match
from tui.ui.links import display_link
from tui.ui.views import (
    ALL,
    LOCAL,
    STARRED,
    UNREAD,
    build_nav,
    feed_key,
    feeds_in_view,
    folder_key,
    in_folder,
    rows_in_view,
)


def row(
    id: int, feed_id: int | None, *, read: bool = False, starred: bool = False, folder: str | None = None
):
    return ArticleRow(id, f"Article {id}", None, None, read, starred, feed_id, None, folder, True)


def feed(id: int, title: str | None, folder: str | None = None, error: str | None = None) -> FeedRow:
    return FeedRow(
        id,
        f"https://example.com/{id}.xml",
        title,
        folder,
        None,
        0,
        0,
        None,
        error,
        None,
        None,
        None,
        None,
        False,
    )


FEEDS = [
    feed(1, "Harbour", "News/Town"),
    feed(2, "Garden", "News"),
    feed(3, None, error="HTTP 404 Not Found"),
]
ROWS = [
    row(10, 1, folder="News/Town"),
    row(11, 1, read=True, folder="News/Town"),
    row(12, 2, starred=True, folder="News"),
    row(13, None),
    row(14, None, read=True, starred=True),
]


def ids(rows) -> list[int]:
    return [r.id for r in rows]


def test_views_filter_rows_in_order():
    assert ids(rows_in_view(ROWS, ALL)) == [10, 11, 12, 13, 14]
    assert ids(rows_in_view(ROWS, UNREAD)) == [10, 12, 13]
    assert ids(rows_in_view(ROWS, STARRED)) == [12, 14]
    assert ids(rows_in_view(ROWS, LOCAL)) == [13, 14]
    assert ids(rows_in_view(ROWS, feed_key(1))) == [10, 11]
    assert ids(rows_in_view(ROWS, folder_key("News"))) == [10, 11, 12]
    assert ids(rows_in_view(ROWS, folder_key("News/Town"))) == [10, 11]
    assert ids(rows_in_view(ROWS, folder_key("News"), unread_only=True)) == [10, 12]
    assert ids(rows_in_view(ROWS, STARRED, unread_only=True)) == [12]


def test_folders_match_whole_path_parts():
    assert in_folder("News/Town", "News") and in_folder("News", "News")
    assert not in_folder("Newsletters", "News") and not in_folder(None, "News")
    assert feeds_in_view(FEEDS, folder_key("News")) == [1, 2]
    assert feeds_in_view(FEEDS, feed_key(3)) == [3]
    assert feeds_in_view(FEEDS, ALL) == []


def test_nav_tree_counts_unread_per_feed_and_folder():
    nav = build_nav(ROWS, FEEDS)
    top = {n.key: n for n in nav}
    assert [n.key for n in nav[:4]] == [ALL, UNREAD, STARRED, LOCAL]
    assert (top[ALL].unread, top[ALL].total) == (3, 5)
    assert top[STARRED].total == 2 and top[LOCAL].unread == 1
    news = top[folder_key("News")]
    assert news.is_folder and news.unread == 2 and news.total == 3
    assert [c.key for c in news.children] == [folder_key("News/Town"), feed_key(2)]  # folders first
    town = news.children[0]
    assert town.unread == 1 and town.children[0].name == "Harbour"
    broken = top[feed_key(3)]
    assert broken.name == "https://example.com/3.xml" and broken.error == "HTTP 404 Not Found"


def test_nav_names_are_clean_single_lines():
    nasty = feed(4, "\x1b]0;owned\x07Evil\u202e\nFeed", error="bad\x1b[2Jthing\r\nhere")
    node = build_nav([], [nasty])[-1]
    assert node.name == "]0;ownedEvil Feed"
    assert node.error == "bad[2Jthing here"


def test_no_local_node_without_local_articles():
    assert LOCAL not in [n.key for n in build_nav([row(1, 1)], [feed(1, "A")])]


def test_links_show_the_real_host_in_ascii():
    assert display_link("https://example.com/path?q=1") == ("example.com", "https://example.com/path?q=1")
    host, url = display_link("https://bücher.example/a b/\u202eexe.txt")
    assert host == "xn--bcher-kva.example"
    assert url == "https://xn--bcher-kva.example/a%20b/%E2%80%AEexe.txt"
    host, url = display_link("https://bank.example@evil.example:8443/login")
    assert host == "evil.example" and url == "https://bank.example@evil.example:8443/login"


def test_article_palette_matches_every_word_in_any_order():
    style = Style(bold=True)
    assert _word_match("tram harbour", "Harbour city approves new tram line", style) is not None
    assert _word_match("tram bus", "Harbour city approves new tram line", style) is None
    first, content = _word_match("harbour city", "Harbour city approves new tram line", style)
    second, _ = _word_match("harbour city", "A new bus line for the city of Harbour", style)
    assert first > second
    assert content.plain == "Harbour city approves new tram line"
    markup, content = _word_match("click", "[@click=app.quit]Quit[/]", style)
    assert content.plain == "[@click=app.quit]Quit[/]" and markup > 0

"""Views of the library: what each sidebar node shows, and the node tree with unread counts.

Pure functions over plain rows (no Textual): the screen filters its rows through
:func:`rows_in_view` and the feed tree is built from :func:`build_nav`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..core.models import ViewKey, ViewKind
from ..core.sanitize import clean_line

if TYPE_CHECKING:
    from ..core.models import ArticleRow, FeedRow

_RUNS = re.compile(r"\d+|\D+")

ALL = ViewKey(ViewKind.ALL)
UNREAD = ViewKey(ViewKind.UNREAD)
STARRED = ViewKey(ViewKind.STARRED)
LOCAL = ViewKey(ViewKind.LOCAL)
FAILING = ViewKey(ViewKind.FAILING)
SERVER = ViewKey(ViewKind.SERVER)

VIEW_NAMES = {
    ALL: "All articles",
    UNREAD: "Unread",
    STARRED: "Starred",
    LOCAL: "Local articles",
    FAILING: "Failing feeds",
    SERVER: "Sync server",
}

feed_key = ViewKey.of_feed
folder_key = ViewKey.of_folder
search_key = ViewKey.of_search


@dataclass(frozen=True, slots=True)
class SearchView:
    """A search shown in the tree: a saved one (by its name) or the one just run."""

    key: ViewKey
    name: str
    ids: tuple[int, ...]  # the articles it finds, in order
    saved_id: int | None = None


def folder_parts(folder: str | None) -> list[str]:
    """``"News/Tech"`` -> ``["News", "Tech"]`` (empty parts dropped; no folder -> [])."""
    return [p.strip() for p in (folder or "").split("/") if p.strip()]


def in_folder(folder: str | None, path: str) -> bool:
    """Is a feed filed under ``folder`` inside the folder ``path`` (or a sub-folder of it)?"""
    parts, want = folder_parts(folder), folder_parts(path)
    return bool(want) and parts[: len(want)] == want


def rows_in_view(
    rows: Iterable[ArticleRow], key: ViewKey, unread_only: bool = False, feeds: Sequence[FeedRow] = ()
) -> list[ArticleRow]:
    """The rows a node shows, in the given order; ``unread_only`` hides read ones too (``feeds``
    tell which come from the sync server)."""
    feed_id, folder = key.feed_id, key.folder
    if key == SERVER:
        synced = {f.id for f in feeds if f.synced}
        keep = [r for r in rows if r.feed_id in synced]
    elif key == UNREAD:
        keep = [r for r in rows if not r.read]
    elif key == STARRED:
        keep = [r for r in rows if r.starred]
    elif key == LOCAL:
        keep = [r for r in rows if r.feed_id is None]
    elif feed_id is not None:
        keep = [r for r in rows if r.feed_id == feed_id]
    elif folder is not None:
        keep = [r for r in rows if r.feed_id is not None and in_folder(r.folder, folder)]
    else:
        keep = list(rows)
    return [r for r in keep if not r.read] if unread_only else keep


def one_per_story(rows: Iterable[ArticleRow]) -> tuple[list[ArticleRow], dict[int, int]]:
    """The rows with each story shown once, by its first row (the newest, or the best match);
    and for every row left out, the row that stands for it."""
    shown: list[ArticleRow] = []
    heads: dict[int, int] = {}
    stand_ins: dict[int, int] = {}
    for r in rows:
        if r.story is None:
            shown.append(r)
        elif (head := heads.get(r.story)) is None:
            heads[r.story] = r.id
            shown.append(r)
        else:
            stand_ins[r.id] = head
    return shown, stand_ins


class Tally:
    """A count of articles in which the articles of one story count once."""

    __slots__ = ("n", "stories")

    def __init__(self) -> None:
        self.n = 0  # articles no other source reports
        self.stories: set[int] = set()

    @classmethod
    def of(cls, rows: Iterable[ArticleRow]) -> Tally:
        tally = cls()
        for r in rows:
            tally.add(r)
        return tally

    def add(self, row: ArticleRow) -> None:
        if row.story is None:
            self.n += 1
        else:
            self.stories.add(row.story)

    def merge(self, other: Tally) -> None:
        self.n += other.n
        self.stories |= other.stories

    @property
    def count(self) -> int:
        return self.n + len(self.stories)


def story_siblings(rows: Mapping[int, ArticleRow], article_id: int) -> list[int]:
    """The other listed articles of an article's story (read with it: a story is read once)."""
    row = rows.get(article_id)
    if row is None or row.story is None:
        return []
    return [i for i, r in rows.items() if r.story == row.story and i != article_id]


def feeds_in_view(feeds: Sequence[FeedRow], key: ViewKey) -> list[int]:
    """Ids of the feeds a node stands for: the feed itself, or every feed in the folder."""
    feed_id, folder = key.feed_id, key.folder
    if feed_id is not None:
        return [f.id for f in feeds if f.id == feed_id]
    if key == SERVER:
        return [f.id for f in feeds if f.synced]
    if folder is not None:
        return [f.id for f in feeds if in_folder(f.folder, folder)]
    return []


def natural(name: str) -> tuple[tuple[int, int | str], ...]:
    """A sort key putting "feed 2" before "feed 10": runs of digits compare as numbers."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in _RUNS.findall(name.casefold()))


def display_name(text: str | None, fallback: str = "Untitled") -> str:
    """One clean line of feed-supplied text for labels and messages (controls, bidi removed)."""
    cleaned = clean_line(text or "")
    return cleaned or fallback


@dataclass(slots=True)
class NavNode:
    """One node of the sidebar tree: a view, a folder or a feed."""

    key: ViewKey
    name: str
    unread: int = 0
    total: int = 0
    error: str | None = None
    children: list[NavNode] = field(default_factory=list)
    is_folder: bool = False

    def walk(self) -> Iterable[NavNode]:
        yield self
        for child in self.children:
            yield from child.walk()


def _which(failing: Sequence[FeedRow]) -> str:
    """``2 failing: Harbour, Garden`` (five names at most)."""
    names = ", ".join(display_name(f.title, display_name(f.url, "Feed")) for f in failing[:5])
    return f"{len(failing)} failing: {names}"


def build_nav(
    rows: Sequence[ArticleRow],
    feeds: Sequence[FeedRow],
    searches: Sequence[SearchView] = (),
    *,
    hide_failing: bool = False,
    hide_read: bool = False,
    server: NavNode | None = None,
    keep: int | None = None,
) -> list[NavNode]:
    """The tree: All, Unread, Starred, local articles (when any), searches, the failing feeds
    (when any: choosing it opens their view), folders and feeds;
    without the feeds whose last refresh failed (``hide_failing``) or with nothing unread
    (``hide_read``, newsboat's show-read-feeds = no) when asked. With a ``server`` node (the
    sync server, named), its feeds and their folders go under it. The feed ``keep`` (the one on
    show) stays whatever it hides: reading its last unread article took it from under the
    cursor, which fell on another feed while the list still showed this one's."""
    # Counts are of stories: wire copy in three feeds is one unread item in All and its folders.
    unread: dict[int | None, Tally] = {}
    total: dict[int | None, Tally] = {}
    all_unread, all_total = Tally(), Tally()
    n_starred = 0
    for r in rows:  # a library's every row: kept to a few dictionary lookups each
        fid, story = r.feed_id, r.story
        feed_total = total.get(fid) or total.setdefault(fid, Tally())
        feed_unread = (unread.get(fid) or unread.setdefault(fid, Tally())) if not r.read else None
        if story is None:
            feed_total.n += 1
            if feed_unread is not None:
                feed_unread.n += 1
        else:
            feed_total.stories.add(story)
            if feed_unread is not None:
                feed_unread.stories.add(story)
        n_starred += r.starred
    for tally in total.values():
        all_total.merge(tally)
    for tally in unread.values():
        all_unread.merge(tally)
    n_unread = all_unread.count
    top = [
        NavNode(ALL, VIEW_NAMES[ALL], n_unread, all_total.count),
        NavNode(UNREAD, VIEW_NAMES[UNREAD], n_unread, n_unread),
        NavNode(STARRED, VIEW_NAMES[STARRED], 0, n_starred),
    ]
    if None in total:
        top.append(NavNode(LOCAL, VIEW_NAMES[LOCAL], unread.get(None, Tally()).count, total[None].count))
    by_id = {r.id: r for r in rows} if searches else {}
    for view in searches:
        found = [by_id[i] for i in view.ids if i in by_id]
        top.append(
            NavNode(
                view.key, view.name, Tally.of(r for r in found if not r.read).count, Tally.of(found).count
            )
        )
    failing = [f for f in feeds if f.error]
    if failing:  # also when they are hidden (hide_failing): the way to them
        top.append(NavNode(FAILING, VIEW_NAMES[FAILING], len(failing), len(failing), error=_which(failing)))
    folders: dict[str, NavNode] = {}
    folder_unread: dict[str, Tally] = {}
    folder_total: dict[str, Tally] = {}
    loose: list[NavNode] = []
    server_unread, server_total = Tally(), Tally()
    if server is not None:  # filled here: the node given stays as it was
        server = NavNode(server.key, server.name, error=server.error, is_folder=True)
    for f in feeds:
        feed_unread, feed_total = unread.get(f.id, Tally()), total.get(f.id, Tally())
        node = NavNode(
            feed_key(f.id),
            display_name(f.title, display_name(f.url, "Feed")),
            feed_unread.count,
            feed_total.count,
            error=display_name(f.error) if f.error else None,
        )
        if ((hide_failing and f.error) or (hide_read and not node.unread)) and f.id != keep:
            continue
        parts = folder_parts(f.folder)
        siblings = loose
        if server is not None and f.synced:
            siblings = server.children
            server_unread.merge(feed_unread)
            server_total.merge(feed_total)
        for depth in range(len(parts)):
            path = "/".join(parts[: depth + 1])
            folder = folders.get(path)
            if folder is None:
                folder = folders[path] = NavNode(
                    folder_key(path), display_name(parts[depth], "Folder"), is_folder=True
                )
                siblings.append(folder)
            folder_unread.setdefault(path, Tally()).merge(feed_unread)
            folder_total.setdefault(path, Tally()).merge(feed_total)
            siblings = folder.children
        siblings.append(node)
    for path, folder in folders.items():
        folder.unread, folder.total = folder_unread[path].count, folder_total[path].count
        inside = [f for f in failing if in_folder(f.folder, path)]
        if inside:  # the folder says so too: "!" and which feeds, without opening it
            folder.error = _which(inside)

    # Folders first, then feeds, each by name (the store orders feeds by folder and title already).
    def order(nodes: list[NavNode]) -> list[NavNode]:
        for n in nodes:
            n.children = order(n.children)
        return sorted(nodes, key=lambda n: (not n.is_folder, natural(n.name)))

    if server is not None:
        server.unread, server.total = server_unread.count, server_total.count
        server.children = order(server.children)
        top.append(server)
    return top + order(loose)


def empty_text(view: ViewKey, feed: FeedRow | None, unread_only: bool, anything: bool, star: str) -> str:
    """What an empty article list says: why it is empty (``star``: the key that stars)."""
    if not anything:
        return "No articles yet"
    if feed is not None and feed.error and not feed.items:
        return f"Nothing from this feed: its last refresh failed: {clean_line(feed.error)}"
    if unread_only:
        return "No unread articles here"
    if view.kind == ViewKind.STARRED:
        return f"Nothing starred yet: {star} stars the open article"
    return "No articles here"

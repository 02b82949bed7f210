"""The feeds tree: All, Unread and Starred views, local articles, then folders and feeds.

Each node shows its unread count on the right; a feed whose last refresh failed has a red
``!`` and its error as the tooltip. Labels are rich ``Text`` built from plain data, never
markup. Moving the cursor posts :class:`FeedTree.ViewChosen`; the screen filters the articles.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from ...core.models import ViewKey, ViewKind
from ..format import shorten
from ..views import FAILING, STARRED, NavNode
from .styling import StyleCache


class FeedTree(Tree[ViewKey]):
    """The sidebar's views and subscriptions; each node's data is its :class:`ViewKey`."""

    COMPONENT_CLASSES = Tree.COMPONENT_CLASSES | {
        "feed-tree--count",
        "feed-tree--error",
        "feed-tree--folder",
        "feed-tree--view",
    }

    BINDINGS = [
        Binding("enter", "select_cursor", "Show articles", show=False, id="feeds.select"),
        Binding("j", "cursor_down", "Next", show=False, id="feeds.down"),
        Binding("k", "cursor_up", "Previous", show=False, id="feeds.up"),
        Binding("g,home", "scroll_home", "First", show=False, id="feeds.first"),
        Binding("G,end", "scroll_end", "Last", show=False, id="feeds.last"),
        Binding("right,l", "expand", "Open folder", show=False, id="feeds.expand"),
        Binding("left", "collapse", "Close folder", show=False, id="feeds.collapse"),
        # Changes to the subscriptions (the reader screen asks first, see FeedEditing).
        Binding("x,delete", "screen.feed_edit('remove')", "Remove feed", show=False, id="feeds.remove"),
        Binding("e", "screen.feed_edit('rename')", "Rename feed or folder", show=False, id="feeds.rename"),
        Binding("F", "screen.feed_edit('move')", "Move feed to a folder", show=False, id="feeds.move"),
    ]

    @dataclass
    class FoldersClosed(Message):
        """The reader closed or opened a folder: ``closed`` is every folder closed now."""

        closed: frozenset[str]

    @dataclass
    class ViewChosen(Message):
        """A node was highlighted (``focus_list`` False) or chosen with Enter/click (True)."""

        key: ViewKey
        focus_list: bool

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        # Set before Tree.__init__, which may already measure labels.
        self.nav: dict[ViewKey, NavNode] = {}
        self._shape: list[tuple[ViewKey, int]] = []
        self._collapsed: set[ViewKey] = set()
        self._reported: frozenset[str] = frozenset()  # the closed folders last posted
        self.style_of = StyleCache(self)
        super().__init__(Text("Feeds"), id=id, classes=classes)
        self.show_root = False
        self.guide_depth = 2
        self.auto_expand = False

    # -- data -------------------------------------------------------------------------------

    def set_nodes(self, nodes: list[NavNode], current: ViewKey | None = None) -> None:
        """Show ``nodes``; same shape: labels repaint in place, else rebuilt with the cursor kept."""
        shape: list[tuple[ViewKey, int]] = []

        def walk(items: list[NavNode], depth: int) -> None:
            for n in items:
                shape.append((n.key, depth))
                walk(n.children, depth + 1)

        walk(nodes, 0)
        self.nav = {n.key: n for top in nodes for n in top.walk()}
        if shape == self._shape:
            # Same nodes, new counts: each node's cached line is redrawn.
            stack = list(self.root.children)
            while stack:
                node = stack.pop()
                node.refresh()
                stack.extend(node.children)
            return
        self._shape = shape
        current = current if current is not None else self.current_key
        self.clear()

        def add(parent: TreeNode[ViewKey], items: list[NavNode]) -> None:
            for n in items:
                if n.is_folder:
                    child = parent.add(Text(n.name), data=n.key, expand=n.key not in self._collapsed)
                    add(child, n.children)
                else:
                    parent.add_leaf(Text(n.name), data=n.key)

        add(self.root, nodes)
        target = self.node_of(current) if current else None
        if target is not None:
            self.call_after_refresh(self.move_cursor, target)

    def close_folders(self, paths: Iterable[str]) -> None:
        """Folders to show closed (remembered from the last run), before the nodes come."""
        self._collapsed = {ViewKey.of_folder(p) for p in paths}
        self._reported = self.closed_folders

    @property
    def closed_folders(self) -> frozenset[str]:
        return frozenset(k.folder for k in self._collapsed if k.folder is not None)

    def _folders_toggled(self) -> None:
        closed = self.closed_folders
        if closed != self._reported:
            self._reported = closed
            self.post_message(self.FoldersClosed(closed))

    def node_of(self, key: ViewKey) -> TreeNode[ViewKey] | None:
        """The tree node of a view, if the tree has one."""
        stack = list(self.root.children)
        while stack:
            node = stack.pop()
            if node.data == key:
                return node
            stack.extend(node.children)
        return None

    @property
    def current_key(self) -> ViewKey | None:
        node = self.cursor_node
        return node.data if node is not None else None

    def select_key(self, key: ViewKey) -> None:
        """Move the cursor to a node (it posts :class:`ViewChosen` like any cursor move)."""
        node = self.node_of(key)
        if node is not None:
            for ancestor in _ancestors(node):
                ancestor.expand()
            self.call_after_refresh(self.move_cursor, node)

    # -- events -----------------------------------------------------------------------------

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[ViewKey]) -> None:
        event.stop()
        if event.node.data is not None and event.node.data != FAILING:  # not a list: Enter opens it
            self.post_message(self.ViewChosen(event.node.data, focus_list=False))

    async def on_tree_node_selected(self, event: Tree.NodeSelected[ViewKey]) -> None:
        event.stop()
        node = event.node
        if node.data is None:
            return
        if node.data == FAILING:
            await self.run_action("screen.failing_feeds")  # what ! does
        elif node.allow_expand:
            node.toggle()
        else:
            self.post_message(self.ViewChosen(node.data, focus_list=True))

    def on_tree_node_collapsed(self, event: Tree.NodeCollapsed[ViewKey]) -> None:
        event.stop()
        if event.node.data is not None:
            self._collapsed.add(event.node.data)
            self._folders_toggled()

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[ViewKey]) -> None:
        event.stop()
        if event.node.data is not None:
            self._collapsed.discard(event.node.data)
            self._folders_toggled()

    def action_expand(self) -> None:
        node = self.cursor_node
        if node is not None and node.allow_expand:
            if node.is_expanded and node.children:
                self.move_cursor(node.children[0])
            else:
                node.expand()

    def action_collapse(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent)

    def watch_hover_line(self, previous_hover_line: int, hover_line: int) -> None:
        super().watch_hover_line(previous_hover_line, hover_line)
        node = self.get_node_at_line(hover_line) if hover_line >= 0 else None
        info = self.nav.get(node.data) if node is not None and node.data is not None else None
        # A Text tooltip: a feed's error message is data, never markup.
        self.tooltip = Text(info.error) if info is not None and info.error else None

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.style_of.clear()

    # -- rendering --------------------------------------------------------------------------

    def render_label(self, node: TreeNode[ViewKey], base_style: Style, style: Style) -> Text:
        info = self.nav.get(node.data) if node.data is not None else None
        if info is None:
            return super().render_label(node, base_style, style)
        depth = len(_ancestors(node))
        room = max(self.scrollable_content_region.width - depth * self.guide_depth, 8)
        text = Text(end="", no_wrap=True)
        if node.allow_expand:
            text.append(self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE, base_style)
        if info.error:
            text.append("! ", self.style_of("feed-tree--error"))
        shown = info.total if info.key == STARRED else info.unread
        count = f" {shown}" if shown else ""
        name_room = max(room - text.cell_len - len(count) - 1, 3)
        name = info.name if cell_len(info.name) <= name_room else shorten(info.name, name_room)
        while cell_len(name) > name_room:  # wide characters: shorten counts characters
            name = name[:-2] + "…"
        if info.is_folder:
            name_style = "feed-tree--folder"
        else:
            name_style = "" if info.key.kind == ViewKind.FEED else "feed-tree--view"
        label = Text(name, style=self.style_of(name_style) if name_style else "")
        text.append_text(label)
        # Padded to the full width: counts line up, and the cursor bar spans the row.
        text.append(" " * max(room - text.cell_len - len(count), 1 if count else 0))
        if count:
            text.append(count, self.style_of("feed-tree--count"))
        text.stylize(style)
        return text


def _ancestors(node: TreeNode[ViewKey]) -> list[TreeNode[ViewKey]]:
    """Visible ancestors of ``node`` (the hidden root excluded), nearest first."""
    out = []
    parent = node.parent
    while parent is not None and not parent.is_root:
        out.append(parent)
        parent = parent.parent
    return out

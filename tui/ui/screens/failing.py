"""Failing feeds: the feeds whose last refresh failed, with the error, when they last worked and
their address; retry one, open its site, or remove it.

:class:`FailingFeedsScreen` is a dialog over plain :class:`FeedRow` values that does no I/O: it
is dismissed with a :class:`FailingChoice` and :class:`FailingFeeds` (the reader screen's) does
the rest through the screen's feed actions and edits, so a retry is the refresh ``r`` runs and a
removal asks first like ``x``. Errors are feed text: ``Text`` built from plain text, never markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import partial
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList

from ...core.models import FeedRow
from ..browser import open_in_browser
from ..format import format_date, hang
from ..keys import key_hint
from ..links import display_link
from ..views import display_name
from ..widgets.wrapped_list import Entry, WrappedList

if TYPE_CHECKING:
    from .reader import ReaderScreen


class FailingAction(StrEnum):
    RETRY = "retry"
    OPEN_SITE = "open-site"
    REMOVE = "remove"


@dataclass(frozen=True)
class FailingChoice:
    """What to do with which failing feed."""

    action: FailingAction
    feed_id: int


def last_worked(feed: FeedRow) -> str:
    """When the feed last refreshed without an error, in words."""
    if feed.last_ok:
        return f"worked {format_date(feed.last_ok)} UTC"
    return "never worked" if not feed.items else "last worked: not recorded"


def describe(
    feed: FeedRow, width: int = 0, error_style: Style | str = "", detail_style: Style | str = ""
) -> Text:
    """Name, error, then when it last worked and its address, all of it data; each part wrapped
    to ``width`` cells (0: not wrapped) under its own indent, so a long address or error goes on
    under itself rather than at the dialog's edge."""
    parts = (
        (display_name(feed.name, "Feed"), "bold", ""),
        (display_name(feed.error, "failed"), error_style, "  "),
        (f"{last_worked(feed)} · {display_name(feed.url, '')}", detail_style, "  "),
    )
    out = Text(end="")
    for n, (text, style, indent) in enumerate(parts):
        if n:
            out.append("\n")
        part = Text(text, style=style, end="")
        if width:
            out.append_text(hang(part, width, indent, "  "))
        else:
            out.append(indent)
            out.append_text(part)
    return out


class FailingList(WrappedList):
    """The failing feeds, each laid out for the list's width (see :func:`describe`)."""

    COMPONENT_CLASSES = {"failing-list--error", "failing-list--detail"}

    def make_prompt(self, item: object, width: int) -> Text:
        assert isinstance(item, FeedRow)
        return describe(
            item, width, self.style_of("failing-list--error"), self.style_of("failing-list--detail")
        )


def site_of(feed: FeedRow) -> str | None:
    """The feed's web site (else the feed's own address) when it is a web address."""
    for url in (feed.html_url, feed.url):
        if url and url.lower().startswith(("http://", "https://")):
            return url
    return None


class FailingFeedsScreen(ModalScreen["FailingChoice | None"]):
    """The failing feeds, one option each; r/Enter retries, o opens the site, x removes."""

    BINDINGS = [
        Binding("r,enter", "choose('retry')", "Retry", id="failing.retry"),
        Binding("o", "choose('open-site')", "Open site", id="failing.open-site"),
        Binding("x,delete", "choose('remove')", "Remove", id="failing.remove"),
        Binding("escape,q", "close", "Close", id="failing.close"),
        Binding("j", "move(1)", "Next", show=False, id="failing.down"),
        Binding("k", "move(-1)", "Previous", show=False, id="failing.up"),
    ]

    def __init__(self, feeds: list[FeedRow]) -> None:
        super().__init__()
        self.feeds = feeds

    def compose(self) -> ComposeResult:
        with Vertical(id="failing-dialog") as dialog:
            dialog.border_title = f"Failing feeds ({len(self.feeds)})"
            hint = partial(key_hint, self.app)
            dialog.border_subtitle = (
                f"{hint('failing.retry', 'r')} retry · {hint('failing.open-site', 'o')} open site · "
                f"{hint('failing.remove', 'x')} remove · {hint('failing.close', 'Esc')} close"
            )
            yield FailingList(id="failing-list")

    def on_mount(self) -> None:
        options = self.query_one(FailingList)
        options.set_entries([Entry(str(f.id), f) for f in self.feeds], 0)
        options.focus()

    @property
    def chosen(self) -> FeedRow | None:
        index = self.query_one(OptionList).highlighted
        return self.feeds[index] if index is not None and 0 <= index < len(self.feeds) else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_choose(FailingAction.RETRY)

    def action_choose(self, action: str) -> None:
        feed = self.chosen
        if feed is not None:
            self.dismiss(FailingChoice(FailingAction(action), feed.id))

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        (options.action_cursor_down if step > 0 else options.action_cursor_up)()

    def action_close(self) -> None:
        self.dismiss(None)


class FailingFeeds:
    """Opens the failing feeds (``!``, the palette) and does what is chosen there."""

    def __init__(self, screen: ReaderScreen) -> None:
        self.screen = screen

    def failing(self) -> list[FeedRow]:
        return [f for f in self.screen.sidebar.feeds if f.error]

    def show(self) -> None:
        feeds = self.failing()
        if self.screen.feed_actions.no_feeds():
            return
        if not feeds:
            self.screen.notify("No feed is failing: every last refresh worked.", timeout=3)
            return
        self.screen.app.push_screen(FailingFeedsScreen(feeds), self.chosen)

    def chosen(self, choice: FailingChoice | None) -> None:
        feed = self.screen.sidebar.feed(choice.feed_id) if choice is not None else None
        if choice is None or feed is None:
            return
        if choice.action == FailingAction.RETRY:
            self.screen.feed_actions.start_refresh([feed.id])
        elif choice.action == FailingAction.REMOVE:
            self.screen.feed_edits.confirm_remove(feed)
        else:
            self._open_site(feed)

    def _open_site(self, feed: FeedRow) -> None:
        from .dialogs import ConfirmOpenScreen

        site = site_of(feed)
        if site is None:
            self.screen.notify("This feed has no web address to open.", timeout=3)
            return
        host, url = display_link(site)
        app = self.screen.app
        settings = getattr(app, "settings", None)

        def say(text: str) -> None:
            self.screen.notify(text, markup=False)

        def answered(yes: bool | None) -> None:
            if yes:
                open_in_browser(app, url, settings.browser if settings is not None else None, say)

        app.push_screen(ConfirmOpenScreen(host, url), answered)

"""Dialogs of the reader: adding a feed, and confirming a link before the browser opens it.

Everything shown that came from outside (a refusal quoting a URL, a link) is ``Content``
built from plain text, never markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Static

from ..keys import key_hint
from ..views import display_name

if TYPE_CHECKING:
    from ...core.feed_service import FeedService
    from ...core.models import FeedOutcome


class AddFeedScreen(ModalScreen["FeedOutcome | None"]):
    """Ask for a feed's address (checked as it is typed) and an optional folder, then subscribe.

    The address is fetched and parsed before anything is saved; a refusal is shown in the
    dialog, which stays open. Dismissed with the new feed's outcome, or None when cancelled.
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="add-feed.cancel")]

    @dataclass
    class Checked(Message):
        """The subscription attempt ended: the feed added, or why not."""

        added: FeedOutcome | None
        problem: str | None

    def __init__(self, feeds: FeedService, folders: list[str], folder: str | None = None) -> None:
        super().__init__()
        self.feeds = feeds
        self.folders = folders
        self.initial_folder = folder or ""
        self.checking = False

    def compose(self) -> ComposeResult:
        with Vertical(id="add-feed-dialog") as dialog:
            dialog.border_title = "Add a feed"
            dialog.border_subtitle = "Esc to cancel"
            yield Label("Address of the feed (RSS, Atom or JSON Feed)")
            yield Input(placeholder="https://example.com/feed.xml", id="add-feed-url")
            yield Static("", id="add-feed-message")
            yield Label("Folder (optional; a/b for a folder inside another)")
            yield Input(
                self.initial_folder,
                placeholder="e.g. News",
                id="add-feed-folder",
                suggester=SuggestFromList(self.folders, case_sensitive=False),
            )
            with Horizontal(id="add-feed-buttons"):
                yield Button("Add", variant="primary", id="add-feed-add")
                yield Button("Cancel", id="add-feed-cancel")

    def on_mount(self) -> None:
        self.query_one("#add-feed-url", Input).focus()
        self.warm_up()

    @work(thread=True, group="warm-up", exit_on_error=False)
    def warm_up(self) -> None:
        """Import the URL checker (and the feed modules with it) off the event loop."""
        self.feeds.url_problem("")

    @property
    def url(self) -> str:
        return self.query_one("#add-feed-url", Input).value.strip()

    def _say(self, text: str, kind: str = "error") -> None:
        message = self.query_one("#add-feed-message", Static)
        message.update(Content(display_name(text, "")))
        message.set_class(kind == "error" and bool(text), "-error")
        message.set_class(kind == "busy", "-busy")

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "add-feed-url" and not self.checking:
            self._say(self.feeds.url_problem(self.url) or "" if self.url else "")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "add-feed-add":
            self._submit()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _submit(self) -> None:
        if self.checking:
            return
        url = self.url
        problem = self.feeds.url_problem(url) if url else "Type the address of a feed."
        if problem:
            self._say(problem)
            self.query_one("#add-feed-url", Input).focus()
            return
        folder = self.query_one("#add-feed-folder", Input).value.strip() or None
        self.checking = True
        self.query_one("#add-feed-add", Button).disabled = True
        self._say("Fetching the feed…", "busy")
        self.subscribe(url, folder)

    @work(group="add-feed", exclusive=True, exit_on_error=False)
    async def subscribe(self, url: str, folder: str | None) -> None:
        """Fetch, parse and store the feed (async: fetching on the loop, parsing in a process)."""
        try:
            added, refusals = await self.feeds.add([url], folder)
        except Exception as e:  # another process is refreshing, the store is gone...
            self.post_message(self.Checked(None, str(e) or type(e).__name__))
            return
        if added:
            self.post_message(self.Checked(added[0], None))
        else:
            problem = refusals[0] if refusals else "no feed found at this address"
            # Refusal lines start with the URL, which is in the input already.
            for prefix in (f"{url}: ", f"{url.rstrip('/')}/: "):
                problem = problem.removeprefix(prefix)
            self.post_message(self.Checked(None, problem))

    def on_add_feed_screen_checked(self, message: AddFeedScreen.Checked) -> None:
        self.checking = False
        self.query_one("#add-feed-add", Button).disabled = False
        if message.added is not None:
            self.dismiss(message.added)
        else:
            self._say(f"Not added: {message.problem}")
            self.query_one("#add-feed-url", Input).focus()


class ConfirmScreen(ModalScreen[bool]):
    """A question with a detail line below; y/Enter says yes, n/Esc no."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "Cancel", id="confirm.no"),
    ]

    def __init__(self, title: str, question: Content, detail: str, yes: str) -> None:
        super().__init__()
        self.title_text, self.question, self.detail, self.yes = title, question, detail, yes

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog") as dialog:
            dialog.border_title = self.title_text
            yes, no = key_hint(self.app, "confirm.yes", "y"), key_hint(self.app, "confirm.no", "n or Esc")
            dialog.border_subtitle = f"{yes} to {self.yes.lower()} · {no} to cancel"
            yield Static(self.question, id="confirm-question")
            yield Static(Content(self.detail), id="confirm-url")
            with Horizontal(id="confirm-buttons"):
                yield Button(self.yes, variant="primary", id="confirm-open")
                yield Button("Cancel", id="confirm-cancel")

    def on_mount(self) -> None:
        self.query_one("#confirm-open", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-open")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class ConfirmOpenScreen(ConfirmScreen):
    """``Open example.com?`` with the whole address below."""

    def __init__(self, host: str, url: str) -> None:
        super().__init__("Open in the browser", Content.assemble("Open ", (host, "bold"), "?"), url, "Open")
        self.host = host
        self.url = url


class PromptScreen(ModalScreen["str | None"]):
    """One line to type (a name, a folder): Enter gives it, Esc gives None. ``verb`` says what
    Enter does ("Enter to rename"): "Enter to keep" read as keeping the name as it was."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt.cancel")]

    def __init__(
        self,
        title: str,
        label: str,
        value: str = "",
        suggestions: list[str] | None = None,
        verb: str = "save",
    ) -> None:
        super().__init__()
        self.title_text, self.label, self.value, self.verb = title, label, value, verb
        self.suggestions = suggestions or []

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog") as dialog:
            dialog.border_title = self.title_text
            dialog.border_subtitle = f"Enter to {self.verb} · Esc to cancel"
            yield Label(self.label, id="confirm-question")
            suggester = SuggestFromList(self.suggestions, case_sensitive=False) if self.suggestions else None
            yield Input(self.value, id="prompt-input", suggester=suggester)

    def on_mount(self) -> None:
        self.query_one("#prompt-input", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)

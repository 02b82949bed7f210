"""A story: one event as every source in the library reported it.

The view lists the sources (headline, outlet, date), who said what across them (quotes grouped
by speaker, each naming the outlets that carried it) and one summary drawn from all of them
without a sentence said twice. Enter on a source opens it, on a quote or a bullet opens its
article there. Sources not analysed yet are analysed here, in a thread, and the view fills in.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList, Static

from ...core.models import ArticleRow
from ...core.story_view import StoryBullet, StoryQuote, StoryView, outlet
from ..format import format_date, hang, shorten
from ..status import count
from ..views import display_name
from ..widgets.wrapped_list import (
    Entry,
    Heading,
    ListPlace,
    Note,
    WrappedList,
    focused_place,
    moving_keys,
    resume_place,
)
from ..worker_errors import ReportsWorkerErrors

if TYPE_CHECKING:
    from ...core.library import Library


@dataclass(frozen=True, slots=True)
class StoryResult:
    """What the reader does when the view closes: open an article (at ``mark``), or nothing."""

    article_id: int | None = None
    mark: tuple[int, int] | None = None
    line: ListPlace | None = None  # the line it was chosen on, for the reader's Esc


class StoryList(WrappedList):
    """One of the view's lists: sources, quotes by speaker, or summary bullets."""

    BINDINGS = moving_keys("story")

    def make_prompt(self, item: object, width: int) -> Text:
        if isinstance(item, Note):
            return Text(item.text, style="dim italic", end="")
        if isinstance(item, Heading):
            return Text(display_name(item.text), style="bold", end="")
        if isinstance(item, ArticleRow):
            prompt = hang(Text(display_name(item.title), end=""), width, "  " if item.read else "● ", "  ", 3)
            name, when = display_name(outlet(item)), format_date(item.date)
            line = f"{name} · {when}" if when else name
            for part in [line] if len(line) + 2 <= width or not when else [name, when]:
                prompt.append(f"\n  {shorten(part, max(width - 2, 8))}", style="dim")
            return prompt
        if isinstance(item, StoryQuote):
            prompt = hang(Text(f"“{shorten(item.text, 300)}”", end=""), width, "  ", "  ")
            carried = ", ".join(display_name(o) for o in item.outlets)
            prompt.append("\n")
            prompt.append_text(
                hang(Text(f"— {carried}", style="dim", end=""), width, "  ", "    ", max_lines=2)
            )
            return prompt
        assert isinstance(item, StoryBullet)
        prompt = hang(Text(item.text, end=""), width, "• ", "  ")
        prompt.append("\n")
        prompt.append(f"  — {shorten(display_name(item.outlet), max(width - 4, 8))}", style="dim")
        return prompt


class StoryScreen(ReportsWorkerErrors, Screen[StoryResult]):
    """The view of one story; Esc goes back to the reader."""

    BINDINGS = [
        Binding("escape,q", "close", "Back", id="story.close"),
        Binding("tab", "app.focus_next", "Next list", show=False, id="story.next-list"),
        Binding("shift+tab", "app.focus_previous", "Previous list", show=False, id="story.previous-list"),
    ]

    @dataclass
    class Loaded(Message):
        """The story was read (``analysing``: its unanalysed sources are being analysed now)."""

        view: StoryView | None
        analysing: bool = False
        error: str | None = None

    def __init__(self, library: Library, story_id: int, line: ListPlace | None = None) -> None:
        super().__init__()
        self.library = library
        self.story_id = story_id
        self.view: StoryView | None = None
        self._resume = line  # the line to come back to, once the story is read

    def compose(self) -> ComposeResult:
        with Vertical(id="story-page"):
            yield Static(id="story-head")
            with Horizontal(id="story-lists"):
                for key, title in (
                    ("sources", "Sources"),
                    ("quotes", "Who said what"),
                    ("summary", "Summary"),
                ):
                    with Vertical(classes="story-column"):
                        yield Label(title, classes="story-title")
                        yield StoryList(id=f"story-{key}")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#story-sources", StoryList).focus()
        self.run_worker(self._read(), group="story", exclusive=True, exit_on_error=False)

    async def _read(self) -> None:
        """Read the story; analyse the sources it still lacks, then read it again."""
        library, story_id = self.library, self.story_id
        view = await asyncio.to_thread(library.story_view, story_id)
        waiting = view.waiting if view is not None else ()
        self.post_message(self.Loaded(view, analysing=bool(waiting)))
        if not waiting:
            return
        try:
            await asyncio.to_thread(library.analyze_many, waiting)
        except Exception as e:  # no model, or a broken one: the view says so and shows the rest
            self.post_message(self.Loaded(view, error=str(e) or type(e).__name__))
            return
        self.post_message(self.Loaded(await asyncio.to_thread(library.story_view, story_id)))

    def on_story_screen_loaded(self, message: StoryScreen.Loaded) -> None:
        view = self.view = message.view
        head = self.query_one("#story-head", Static)
        if view is None:
            head.update(Content("This story is no longer in the library."))
            return
        outlets = {display_name(outlet(r)) for r in view.sources}
        head.update(
            Content.assemble(
                (display_name(view.title), "bold"),
                (f"\n{count(len(view.sources), 'source')} · {count(len(outlets), 'outlet')}", "dim"),
            )
        )
        note = None
        if message.error:
            note = f"Analysis unavailable: {message.error}"
        elif message.analysing:
            note = f"Analysing {count(len(view.waiting), 'source')}…"
        self._fill(view, note)

    def _fill(self, view: StoryView, note: str | None) -> None:
        sources = self.query_one("#story-sources", StoryList)
        keep = sources.highlighted
        sources.set_entries([Entry(f"a{r.id}", r) for r in view.sources], keep if keep is not None else 0)
        quotes: list[Entry | None] = []
        for n, group in enumerate(view.speakers):
            quotes.append(Entry(f"h{n}", Heading(group.speaker or "Unattributed"), True))
            quotes += [Entry(f"q{n}.{m}", q) for m, q in enumerate(group.quotes)]
        bullets: list[Entry | None] = [Entry(f"b{n}", b) for n, b in enumerate(view.summary)]
        for entries, empty in ((quotes, "No quotes in these reports."), (bullets, "No summary yet.")):
            if note is not None:
                entries.insert(0, Entry("note", Note(note), True))
            elif not entries:
                entries.append(Entry("empty", Note(empty), True))
        for key, entries in (("#story-quotes", quotes), ("#story-summary", bullets)):
            target = self.query_one(key, StoryList)
            target.set_entries(entries, WrappedList.first_enabled(entries))
        if note is None:
            resume, self._resume = self._resume, None
            resume_place(list(self.query(StoryList)), resume)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        assert isinstance(event.option_list, StoryList)
        item = event.option_list.item_of(event.option.id or "")
        line = focused_place(list(self.query(StoryList)))
        if isinstance(item, ArticleRow):
            self.dismiss(StoryResult(item.id, line=line))
        elif isinstance(item, StoryQuote):
            self.dismiss(StoryResult(item.article_id, (item.start, item.end), line))
        elif isinstance(item, StoryBullet):
            mark = None if item.start is None or item.end is None else (item.start, item.end)
            self.dismiss(StoryResult(item.article_id, mark, line))

    def action_close(self) -> None:
        self.dismiss(StoryResult())

"""An entity's page: a person, organisation or place across the whole library.

The page shows the name and the other forms seen, a timeline of mentions per day, the articles
that name it, what it said, what others said about it, and the entities named alongside. Enter
on an article opens it at the first mention, on a quote at the quote, on a neighbour goes to
that entity's page; ``f`` follows the entity (a view of its unread articles in the feeds tree).
The page is read in a thread; everything shown is plain data, never markup.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Label, OptionList, Sparkline, Static

from ...core.models import EntityArticle, EntityPage, EntityQuote, Neighbour, page_words
from ..format import GROUP_NAMES, entity_group, format_date, hang, shorten
from ..status import count
from ..views import display_name
from ..widgets.wrapped_list import (
    Entry,
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

# The search filter that finds an entity of each label ("follow" keeps it as a view).
FILTERS = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place", "NORP": "group"}


@dataclass(frozen=True, slots=True)
class PageResult:
    """What the reader does when the page closes: open an article (at ``mark``), reload (followed)."""

    article_id: int | None = None
    mark: tuple[int, int] | None = None
    followed: bool = False
    place: PagePlace | None = None  # where the page was left, for the reader's Esc


@dataclass(frozen=True)
class PagePlace:
    """An entity page as it was left: whose, the pages Esc goes back to from it, and the line."""

    name: str
    label: str
    back: tuple[tuple[str, str], ...] = ()
    line: ListPlace | None = None


def follow_query(page: EntityPage) -> str:
    """The saved search that lists the unread articles naming the entity."""
    name = page.name.replace('"', " ")
    field = FILTERS.get(page.label)
    return f'{field}:"{name}" is:unread' if field else f'"{name}" is:unread'


def timeline(days: tuple[tuple[str, int], ...]) -> list[float]:
    """Mentions per day from the first to the last, the days between counted as 0."""
    if not days:
        return [0.0]
    counts = dict(days)
    try:
        first, last = date.fromisoformat(days[0][0]), date.fromisoformat(days[-1][0])
    except ValueError:
        return [float(n) for _, n in days]
    span = min((last - first).days, 3660)
    return [float(counts.get((first + timedelta(d)).isoformat(), 0)) for d in range(span + 1)]


def timeline_caption(days: tuple[tuple[str, int], ...], them: str = "them") -> str:
    """What the timeline shows, in words: a bar of one day says nothing, so that day is named."""
    if not days:
        return f"No dated articles name {them}."
    first, last = format_date(days[0][0]) or days[0][0], format_date(days[-1][0]) or days[-1][0]
    if len(days) == 1:
        return f"Named on one day: {first}"
    return f"Articles naming {them} per day, {first} to {last}"


# A page's column this wide shows where each article was read, on a second line if need be.
_ROOM_FOR_SOURCE = 28


class PageList(WrappedList):
    """One of the page's lists: articles, quotes or entities."""

    BINDINGS = moving_keys("entity")

    def make_prompt(self, item: object, width: int) -> Text:
        if isinstance(item, Note):
            return Text(item.text, style="dim italic", end="")
        if isinstance(item, EntityArticle):
            # The day only (the hour says little here), and on a line of its own in a narrow
            # column: beside it, at 80 columns, the title was left one word ("Tottenham…").
            # Where it was read, and the other sources of the same text folded into it; in a
            # column too narrow for both on a line (80 columns), the day alone, as the list does.
            day = format_date(item.date[:10] if item.date else None) or "—"
            more = f" +{count(item.copies, 'source')}" if item.copies else ""
            where = f" · {shorten(display_name(item.source), 24)}" if item.source else ""
            day += (where if width >= _ROOM_FOR_SOURCE or len(day + where + more) <= width else "") + more
            title = Text(display_name(item.title), end="")
            if width < 2 * (len(day) + 2):
                return Text.assemble((day, "dim"), "\n", hang(title, width, "  ", "  ", max_lines=3), end="")
            return hang(Text(f"{day}  ", style="dim", end="") + title, width, "", "  ", max_lines=3)
        if isinstance(item, EntityQuote):
            prompt = hang(Text(f"“{shorten(item.text, 240)}”", end=""), width)
            who = f"— {display_name(item.speaker, 'unattributed')} · {display_name(item.article_title)}"
            if item.copies:
                who = f"{who} +{count(item.copies, 'source')}"
            prompt.append("\n")
            prompt.append_text(hang(Text(who, style="dim", end=""), width, "", "  ", max_lines=2))
            return prompt
        assert isinstance(item, Neighbour)
        group = GROUP_NAMES.get(entity_group(item.label) or "", item.label)
        text = Text.assemble(display_name(item.name), (f"  {group} · {count(item.count, 'article')}", "dim"))
        return hang(text, width, "", "  ")  # (else the rest read as the next name, in a narrow column)

    def show_items(self, items: tuple[object, ...], empty: str) -> None:
        entries: list[Entry | None] = [Entry(f"i{n}", item) for n, item in enumerate(items)]
        self.set_entries(entries or [Entry("empty", Note(empty), True)], 0 if entries else None)


class EntityScreen(ReportsWorkerErrors, Screen[PageResult]):
    """The page of one entity; Esc goes back to the page before (a name chosen alongside), then to
    the reader."""

    BINDINGS = [
        Binding("escape,q", "close", "Back", id="entity.close"),
        Binding("f", "follow", "Follow", id="entity.follow"),
        Binding("tab", "app.focus_next", "Next list", show=False, id="entity.next-list"),
        Binding("shift+tab", "app.focus_previous", "Previous list", show=False, id="entity.previous-list"),
    ]

    @dataclass
    class Loaded(Message):
        """The page was read."""

        page: EntityPage

    def __init__(self, library: Library, name: str, label: str, place: PagePlace | None = None) -> None:
        super().__init__()
        self.library = library
        self.entity_name, self.entity_label = (place.name, place.label) if place else (name, label)
        self.page: EntityPage | None = None
        self._followed = False  # the reader reloads its tree when the page closes
        # the pages Esc goes back to: (name, label)
        self._back: list[tuple[str, str]] = list(place.back) if place else []
        self._resume = place.line if place else None  # the line to come back to, once loaded

    def compose(self) -> ComposeResult:
        with Vertical(id="entity-page"):
            yield Static(Content(display_name(self.entity_name)), id="entity-head")
            yield Sparkline([0.0], id="entity-timeline")
            yield Label("", id="entity-timeline-caption", markup=False)
            with Horizontal(id="entity-lists"):
                words = page_words(self.entity_label)
                for key, title in (
                    ("articles", "Articles"),
                    ("said", words.said),
                    ("about", words.about),
                    ("with", "Named alongside"),
                ):
                    with Vertical(classes="entity-column"):
                        yield Label(title, classes="entity-title", id=f"entity-{key}-title")
                        yield PageList(id=f"entity-{key}")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#entity-articles", PageList).focus()
        self.load(self.entity_name, self.entity_label)

    def load(self, name: str, label: str) -> None:
        """Read an entity's page in a thread (the screen shows it when it comes)."""

        async def read() -> None:
            page = await asyncio.to_thread(self.library.entity_page, name, label)
            self.post_message(self.Loaded(page))

        self.run_worker(read(), group="entity-page", exclusive=True, exit_on_error=False)

    def on_entity_screen_loaded(self, message: EntityScreen.Loaded) -> None:
        page = self.page = message.page
        words = page.words
        group = GROUP_NAMES.get(entity_group(page.label) or "", page.label)
        head = Content.assemble((display_name(page.name), "bold"), (f" · {group}", "dim"))
        if page.aliases:
            head += Content(f"\nalso: {', '.join(display_name(a) for a in page.aliases[:8])}")
        head += Content(
            f"\n{count(len(page.articles), 'article')} · {count(len(page.said), 'quote')} {words.said_count} · "
            f"{count(len(page.said_about), 'quote')} about {words.them}"
        )
        # A neighbour's page replaces this one in place: its type may differ (a person's, then a place's).
        self.query_one("#entity-said-title", Label).update(words.said)
        self.query_one("#entity-about-title", Label).update(words.about)
        self.query_one("#entity-head", Static).update(head)
        sparkline = self.query_one("#entity-timeline", Sparkline)
        sparkline.data = timeline(page.timeline)
        sparkline.display = len(page.timeline) > 1
        self.query_one("#entity-timeline-caption", Label).update(timeline_caption(page.timeline, words.them))
        self.query_one("#entity-articles", PageList).show_items(
            page.articles, f"No articles name {words.them}."
        )
        self.query_one("#entity-said", PageList).show_items(page.said, words.no_said)
        self.query_one("#entity-about", PageList).show_items(
            page.said_about, f"No quotes about {words.them}."
        )
        self.query_one("#entity-with", PageList).show_items(page.neighbours, "No one named alongside.")
        resume, self._resume = self._resume, None
        resume_place(list(self.query(PageList)), resume)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        assert isinstance(event.option_list, PageList)
        item = event.option_list.item_of(event.option.id or "")
        if isinstance(item, EntityArticle):
            mark = None if item.start is None or item.end is None else (item.start, item.end)
            self.dismiss(PageResult(item.id, mark, self._followed, self.place()))
        elif isinstance(item, EntityQuote):
            self.dismiss(PageResult(item.article_id, (item.start, item.end), self._followed, self.place()))
        elif isinstance(item, Neighbour):
            self._back.append((self.entity_name, self.entity_label))
            self._show(item.name, item.label)

    def place(self) -> PagePlace:
        """Where the page is: what the reader's Esc opens again after an article chosen here."""
        line = focused_place(list(self.query(PageList)))
        return PagePlace(self.entity_name, self.entity_label, tuple(self._back), line)

    def _show(self, name: str, label: str) -> None:
        """Another entity's page in place of this one."""
        self.entity_name, self.entity_label = name, label
        self.query_one("#entity-head", Static).update(Content(display_name(name)))
        self.load(name, label)

    def action_close(self) -> None:
        """Back to the page a name alongside was chosen on, else to the reader."""
        if self._back:
            self._show(*self._back.pop())
        else:
            self.dismiss(PageResult(followed=self._followed))

    def action_follow(self) -> None:
        """Keep the entity's unread articles as a view of the feeds tree."""
        page = self.page
        if page is None:
            return

        async def follow() -> None:
            await asyncio.to_thread(self.library.save_search, display_name(page.name), follow_query(page))
            self._followed = True
            their = "its" if page.words.them == "it" else "their"  # (a person's are theirs)
            self.notify(
                f"Following {display_name(page.name)}: {their} unread articles are a view of the tree",
                markup=False,
            )

        self.run_worker(follow(), group="store", exit_on_error=False)

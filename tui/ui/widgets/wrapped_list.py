"""An OptionList whose prompts are laid out for its width (hanging indents, truncation)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from .styling import StyleCache


def moving_keys(scope: str) -> list[Binding]:
    """j/k/g/G for a list of a page or view, with binding ids under ``scope`` (for ``[keys]``)."""
    return [
        Binding("j", "cursor_down", "Next", show=False, id=f"{scope}.down"),
        Binding("k", "cursor_up", "Previous", show=False, id=f"{scope}.up"),
        Binding("g", "first", "First", show=False, id=f"{scope}.first"),
        Binding("G", "last", "Last", show=False, id=f"{scope}.last"),
    ]


@dataclass(frozen=True, slots=True)
class Note:
    """A line of explanation in a pane ("Analysing…", "No direct quotes")."""

    text: str


@dataclass(frozen=True, slots=True)
class Heading:
    """A section title in a pane."""

    text: str


@dataclass(frozen=True, slots=True)
class Entry:
    """One option: ``item`` is what :meth:`WrappedList.make_prompt` draws, ``key`` its option id;
    ``disabled`` entries (notes, headings) cannot be highlighted."""

    key: str
    item: object
    disabled: bool = False


class WrappedList(OptionList):
    """Options built from plain data by :meth:`make_prompt`, re-made when the width changes.

    ``None`` entries are separators; entries marked ``disabled`` (headings) cannot be highlighted.
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        # markup=False: prompts are rich Text, and nothing from an article is ever parsed as markup.
        super().__init__(id=id, classes=classes, markup=False)
        self._entries: list[Entry | None] = []
        self._width = 0
        self.style_of = StyleCache(self)

    def make_prompt(self, item: object, width: int) -> Text:
        """The prompt for one entry's item at ``width`` cells (override)."""
        raise NotImplementedError

    def prompt_width(self) -> int:
        padding = self.get_component_styles("option-list--option").padding
        return max(self.scrollable_content_region.width - padding.width, 0)

    def set_entries(self, entries: list[Entry | None], highlighted: int | None = None) -> None:
        """Replace every option (None: a separator); the highlight goes to ``highlighted``."""
        self._entries = entries
        self._width = self.prompt_width()
        width = self._width or 30
        options: list[Option | None] = []
        for entry in entries:
            if entry is None:
                options.append(None)
            else:
                prompt = self.make_prompt(entry.item, width)
                options.append(Option(prompt, id=entry.key, disabled=entry.disabled))
        self.set_options(options)
        if highlighted is not None:
            self.highlighted = highlighted

    def item_of(self, option_id: str) -> object | None:
        """The item behind an option."""
        for entry in self._entries:
            if entry is not None and entry.key == option_id:
                return entry.item
        return None

    @staticmethod
    def first_enabled(entries: list[Entry | None]) -> int | None:
        """Index of the first entry that can be highlighted."""
        return next((i for i, e in enumerate(entries) if e is not None and not e.disabled), None)

    def scroll_to_highlight(self, top: bool = False) -> None:
        """Scroll the highlighted option into view; the first that can be highlighted brings the
        notes and headings above it along ("No direct quotes in this article.", "Related quotes"):
        no key reaches them, and in a short pane a tall option alone would scroll them out of sight,
        leaving a related quote to pass for the article's own."""
        index = self.highlighted
        if index is not None and self.is_mounted and index == self._first_option():
            above = self._lines_above(index)
            if above < self.scrollable_content_region.height:
                self.scroll_to(y=0, animate=False, force=True)
                return
        super().scroll_to_highlight(top)

    def _first_option(self) -> int | None:
        return next((i for i, option in enumerate(self.options) if not option.disabled), None)

    def _lines_above(self, index: int) -> int:
        """Lines the options before option ``index`` take, with their separators."""
        width = max(self._width, 1)
        console = self.app.console
        lines = 0
        for option in self.options[:index]:
            prompt = option.prompt
            lines += len(prompt.wrap(console, width)) if isinstance(prompt, Text) else 1
        return lines + sum(1 for entry in self._entries[: self._entry_index(index)] if entry is None)

    def _entry_index(self, option_index: int) -> int:
        """Where option ``option_index`` sits in the entries (which count the separators too)."""
        seen = -1
        for n, entry in enumerate(self._entries):
            if entry is not None:
                seen += 1
                if seen == option_index:
                    return n
        return len(self._entries)

    def _remake(self, width: int) -> None:
        self._width = width
        for entry in self._entries:
            if entry is not None:
                self.replace_option_prompt(entry.key, self.make_prompt(entry.item, width))

    def on_resize(self) -> None:
        width = self.prompt_width()
        if width and width != self._width:
            self._remake(width)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.style_of.clear()
        if self._entries and self.is_mounted:
            self._remake(self.prompt_width() or self._width or 30)


@dataclass(frozen=True, slots=True)
class ListPlace:
    """Which list of a page had the focus, and its highlighted line: where coming back resumes."""

    list_id: str
    index: int | None


def focused_place(lists: list[WrappedList]) -> ListPlace | None:
    """The place of whichever of ``lists`` has the focus (None: none has)."""
    for widget in lists:
        if widget.has_focus and widget.id is not None:
            return ListPlace(widget.id, widget.highlighted)
    return None


def resume_place(lists: list[WrappedList], place: ListPlace | None) -> None:
    """Focus the list ``place`` names again, at its line when the list still has it."""
    for widget in lists:
        if place is not None and widget.id == place.list_id:
            widget.focus()
            index = place.index
            if (
                index is not None
                and index < widget.option_count
                and not widget.get_option_at_index(index).disabled
            ):
                widget.highlighted = index

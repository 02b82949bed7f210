"""An OptionList whose prompts are laid out for its width (hanging indents, truncation)."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from .styling import StyleCache


class WrappedList(OptionList):
    """Options built from plain data by :meth:`make_prompt`, re-made when the width changes.

    ``None`` entries are separators; entries marked ``disabled`` (headings) cannot be highlighted.
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        # markup=False: prompts are rich Text, and nothing from an article is ever parsed as markup.
        super().__init__(id=id, classes=classes, markup=False)
        self._entries: list[tuple[str, Any, bool] | None] = []
        self._width = 0
        self.style_of = StyleCache(self)

    def make_prompt(self, data: Any, width: int) -> Text:
        """The prompt for one entry at ``width`` cells (override)."""
        raise NotImplementedError

    def prompt_width(self) -> int:
        padding = self.get_component_styles("option-list--option").padding
        return max(self.scrollable_content_region.width - padding.width, 0)

    def set_entries(
        self, entries: list[tuple[str, Any, bool] | None], highlighted: int | None = None
    ) -> None:
        """Replace every option: ``(option id, data, disabled)`` or None for a separator."""
        self._entries = entries
        self._width = self.prompt_width()
        width = self._width or 30
        options: list[Option | None] = []
        for entry in entries:
            if entry is None:
                options.append(None)
            else:
                oid, data, disabled = entry
                options.append(Option(self.make_prompt(data, width), id=oid, disabled=disabled))
        self.set_options(options)
        if highlighted is not None:
            self.highlighted = highlighted

    def update_entry(self, option_id: str, data: Any) -> None:
        """Re-make one option's prompt from new data."""
        for n, entry in enumerate(self._entries):
            if entry is not None and entry[0] == option_id:
                self._entries[n] = (option_id, data, entry[2])
                self.replace_option_prompt(option_id, self.make_prompt(data, self._width or 30))
                return

    def entry_data(self, option_id: str) -> Any:
        for entry in self._entries:
            if entry is not None and entry[0] == option_id:
                return entry[1]
        return None

    def _remake(self, width: int) -> None:
        self._width = width
        for entry in self._entries:
            if entry is not None:
                self.replace_option_prompt(entry[0], self.make_prompt(entry[1], width))

    def on_resize(self) -> None:
        width = self.prompt_width()
        if width and width != self._width:
            self._remake(width)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.style_of.clear()
        if self._entries and self.is_mounted:
            self._remake(self.prompt_width() or self._width or 30)

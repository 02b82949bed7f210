"""The entity colour legend under the body."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from ..format import GROUP_NAMES
from ..keys import key_hint
from .styling import component_style

GAP = "  "


def legend_lines(parts: list[str], width: int) -> list[list[str]]:
    """``parts`` laid out in lines of at most ``width`` cells, ``GAP`` apart: a line breaks between
    two parts, never inside one (a part wider than the line has one to itself)."""
    lines: list[list[str]] = [[]]
    used = 0
    for part in parts:
        need = len(part) + (len(GAP) if lines[-1] else 0)
        if lines[-1] and used + need > width:
            lines.append([])
            used, need = 0, len(part)
        lines[-1].append(part)
        used += need
    return lines


class EntityLegend(Widget):
    """A swatch per entity type, or a note that highlighting is off; on as many lines as the
    width needs (below 80 columns the seven names do not fit one line beside the side panes)."""

    COMPONENT_CLASSES = {f"entity-legend--{g}" for g in GROUP_NAMES} | {"entity-legend--note"}

    highlight: reactive[bool] = reactive(True, layout=True)

    def _parts(self) -> list[tuple[str, Style]]:
        note = component_style(self, "entity-legend--note")
        if not self.highlight:
            turn_on = f"{key_hint(self.app, 'reader.highlight', 'h')} to turn on"
            return [("Entity highlighting off", note), (turn_on, note)]
        return [(name, component_style(self, f"entity-legend--{g}")) for g, name in GROUP_NAMES.items()]

    def _lines(self, width: int) -> list[list[str]]:
        return legend_lines([text for text, _ in self._parts()], width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Text:
        parts = self._parts()
        styles = dict(parts)
        out = Text(end="", no_wrap=True, overflow="ellipsis")
        for n, line in enumerate(self._lines(self.content_size.width)):
            if n:
                out.append("\n")
            for m, text in enumerate(line):
                if m:
                    out.append(GAP)
                out.append(text, style=styles[text])
        return out

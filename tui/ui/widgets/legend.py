"""The entity colour legend under the body."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from ..format import GROUP_NAMES
from .styling import component_style


class EntityLegend(Widget):
    """One line: a swatch per entity type, or a note that highlighting is off."""

    COMPONENT_CLASSES = {f"entity-legend--{g}" for g in GROUP_NAMES} | {"entity-legend--note"}

    highlight: reactive[bool] = reactive(True)

    def render(self) -> Text:
        note = component_style(self, "entity-legend--note")
        if not self.highlight:
            return Text.assemble(("Entity highlighting off", note), ("  h to turn on", note), end="")
        out = Text(end="", no_wrap=True, overflow="ellipsis")
        for n, (group, name) in enumerate(GROUP_NAMES.items()):
            if n:
                out.append("  ")
            out.append(name, style=component_style(self, f"entity-legend--{group}"))
        return out

"""Rich styles from component classes, with translucent colours blended onto the widget.

Theme colours such as ``$text-muted`` carry alpha; a rich ``Style`` cannot, so the colour is
mixed with the background under the widget here (what Textual's compositor does for widgets).
"""

from __future__ import annotations

from rich.style import Style
from textual.widget import Widget


def component_style(widget: Widget, name: str) -> Style:
    """Foreground, background and text style of ``widget``'s component class ``name``."""
    styles = widget.get_component_styles(name)
    base = widget.background_colors[1]
    color = bgcolor = None
    if styles.has_rule("color") and styles.color.a > 0:
        c = styles.color
        color = (base.blend(c.with_alpha(1.0), c.a) if c.a < 1 else c).rich_color
    if styles.has_rule("background") and styles.background.a > 0:
        b = styles.background
        bgcolor = (base.blend(b.with_alpha(1.0), b.a) if b.a < 1 else b).rich_color
    return Style(color=color, bgcolor=bgcolor) + styles.text_style


class StyleCache:
    """Component styles of one widget, computed once until the styles change."""

    def __init__(self, widget: Widget) -> None:
        self._widget = widget
        self._styles: dict[str, Style] = {}

    def __call__(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = component_style(self._widget, name)
        return style

    def clear(self) -> None:
        self._styles.clear()

"""The status line as a plain value: what the reader shows under its panes, built without Textual.

The screen gathers the facts (counts of the view, the chosen feed's error, the analysis and
feed activity) and :func:`status_line` turns them into the texts; the widget only draws them.
"""

from __future__ import annotations

from dataclasses import dataclass

from .format import shorten
from .views import display_name

FEED_NAME_ROOM = 20
"""Characters of the feed's name in a refresh's progress: at 80 columns the counts, the progress
and the progress bar share one line."""


def count(n: int, one: str, many: str = "") -> str:
    """``1 article``, ``2 articles``, ``3 people`` (with ``many``)."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def refreshed_notice(new: int, feeds: int, failed: list[str], key: str) -> str:
    """What a refresh of ``feeds`` feeds did: ``new`` articles from the feeds that worked, and
    the names of those that ``failed`` (``key`` lists their errors); a refresh where every feed
    failed is only that, not "0 new articles from 1 feed; 1 feed failed"."""
    if not failed:
        return f"{count(new, 'new article')} from {count(feeds, 'feed')}"
    names = ", ".join(display_name(name, "feed") for name in failed[:3])
    more = f" and {len(failed) - 3} more" if len(failed) > 3 else ""
    said = f"{count(len(failed), 'feed')} failed: {names}{more} ({key} shows why)"
    worked = feeds - len(failed)
    return f"{count(new, 'new article')} from {count(worked, 'feed')}; {said}" if worked else said


def refresh_progress(done: int, total: int, name: str | None) -> str:
    """``Refreshing 13/15 · Hostile test feed``: the feed's name cut at a word, never mid-word."""
    return f"Refreshing {done}/{total} · {shorten(display_name(name, 'feed'), FEED_NAME_ROOM)}"


@dataclass(frozen=True, slots=True)
class AnalysisState:
    """Where the model is: failed (``error``), on the article on screen, or through the library."""

    error: str | None = None
    on_screen: bool = False  # the article on screen is being analysed
    model_loaded: bool = True
    progress: str = ""  # the background pass, e.g. "Analysing library 3/20…"
    stopped: bool = False  # the reader stopped the background pass


@dataclass(frozen=True, slots=True)
class StatusLine:
    """Counts and a problem note on the left; what is running on the right (``busy`` colours it)."""

    left: str = ""
    note: str = ""
    right: str = ""
    busy: bool = False


def status_line(
    *,
    articles: int,
    unread: int,
    feed_error: str | None,
    analysis: AnalysisState,
    activity: str = "",
    sync: str = "",
) -> StatusLine:
    """The status line for these facts (``activity``: what the feed workers are doing; ``sync``:
    the last sync with the server or its error, busy while it ends in "…")."""
    if analysis.error:
        what, busy = analysis.error, False
    elif analysis.on_screen and not analysis.model_loaded:
        what, busy = "Loading language model…", True
    elif analysis.on_screen:
        what, busy = "Analysing…", True
    elif analysis.progress:
        what, busy = analysis.progress, True
    elif analysis.stopped:
        what, busy = "Background analysis stopped", False
    elif activity or sync.endswith("…"):
        # Resting news gives way to work going on: at 80 columns a refresh's progress and
        # "All articles analysed" did not fit beside the counts and were cut mid-word.
        what, busy = "", False
    else:
        what, busy = "All articles analysed", False
    return StatusLine(
        left=f"{count(articles, 'article')} · {unread} unread",
        note=f"! {display_name(feed_error)}" if feed_error else "",
        right=" · ".join(p for p in (activity, sync, what) if p),
        busy=busy or bool(activity) or sync.endswith("…"),
    )

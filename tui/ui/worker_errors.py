"""A background task that fails says so in one line, instead of vanishing.

Workers run with ``exit_on_error=False`` (a failed save must not end the app), and Textual then
only marks the worker as failed: the screen that started it hears of it as a
``Worker.StateChanged`` message. :class:`ReportsWorkerErrors` turns that into a notification
naming what failed and why, as plain text (an error may quote feed text).
"""

from __future__ import annotations

from textual.worker import Worker, WorkerState

# What each group of workers does, for the notice.
_WHAT = {
    "store": "Saving",
    "load": "Reading the library",
    "indexing": "Indexing the library",
    "watch": "Looking for changes",
    "related": "Finding related quotes",
    "entity-page": "Reading the page",
    "story": "Reading the story",
    "search": "Searching",
    "refresh": "Refreshing",
    "add-feed": "Adding the feed",
    "full-text": "Fetching the full text",
    "link": "Opening the link",
    "open": "Opening the article",
    "settings": "Saving the settings",
    "sync": "Syncing",
    "sync-send": "Sending marks to the sync server",
    "sync-status": "Reading the sync state",
    "analysis": "Analysing",
    "warm-up": "Loading the language model",
}


def failure_line(worker: Worker) -> str:
    """One line: what the worker was doing and its error's first line."""
    error = worker.error
    detail = (str(error).strip().splitlines() or [""])[0] if error is not None else ""
    what = _WHAT.get(worker.group, "A background task")
    return f"{what} failed: {detail or type(error).__name__}"


class ReportsWorkerErrors:
    """For a screen or the app: each worker it started that fails is a notification."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            event.worker.node.notify(failure_line(event.worker), severity="error", markup=False, timeout=8)

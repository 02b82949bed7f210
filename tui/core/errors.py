"""Errors the core's face raises, for front ends to catch and report in one line."""

from __future__ import annotations


class LibraryError(Exception):
    """A database that cannot be used; ``str(err)`` is one readable line."""


class Busy(Exception):
    """Another process holds the refresh lock; ``str(err)`` names it."""


class ModelUnavailable(RuntimeError):
    """No English spaCy model is installed."""


class AnalysisCrashed(RuntimeError):
    """An analysis process ended in the middle of the same job twice (a crash, or out of memory)."""


class QueryError(ValueError):
    """A search query that cannot be run; ``str(err)`` is one line saying what is wrong."""


class NewsboatCacheError(Exception):
    """newsboat's cache.db cannot be read for read state; ``str(err)`` is one line naming it."""


class SyncError(Exception):
    """The sync server could not be used (unreachable, wrong password, not tt-rss, an error);
    ``str(err)`` is one line. Nothing local is lost: queued changes wait for the next sync."""

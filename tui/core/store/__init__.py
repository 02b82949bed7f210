"""SQLite storage, private to the core: the database and its repositories.

:class:`Database` owns the connection and the schema; :class:`ArticleRepo`,
:class:`AnalysisRepo` and :class:`FeedRepo` run the SQL and return frozen dataclasses.
Front ends reach all of this through :class:`~tui.core.library.Library` only.
"""

from __future__ import annotations

from .analyses import AnalysisRepo, ArticleRef, QuoteRef
from .articles import ArticleFeedInfo, ArticleRepo, NewItem, content_hash
from .database import Database, Progress, now_iso
from .entities import EntityRepo
from .feeds import FeedRepo
from .schema import SCHEMA_VERSION
from .search import SearchRepo
from .stories import StoryRepo

__all__ = [
    "SCHEMA_VERSION",
    "AnalysisRepo",
    "ArticleFeedInfo",
    "ArticleRef",
    "ArticleRepo",
    "Database",
    "EntityRepo",
    "FeedRepo",
    "NewItem",
    "Progress",
    "QuoteRef",
    "SearchRepo",
    "StoryRepo",
    "content_hash",
    "now_iso",
]

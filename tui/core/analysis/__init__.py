"""Local analysis of articles: entities, quotes and summaries with spaCy.

The public entry point is :class:`Analyzer` (see ``pipeline.py``). Nothing here imports Textual.
"""

from __future__ import annotations

from .pipeline import ANALYZER_VERSION, Analyzer, load_model

__all__ = ["ANALYZER_VERSION", "Analyzer", "load_model"]

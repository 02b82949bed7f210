"""Local analysis of articles: entities, quotes and summaries with spaCy.

The public entry point is :class:`Analyzer` (see ``pipeline.py``). Nothing here imports Textual.
Names are resolved lazily so that importing this package (for ``ANALYZER_VERSION``, say) does
not import spaCy: the app must paint before the model's ~1 s of imports.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .version import ANALYZER_VERSION

if TYPE_CHECKING:  # pragma: no cover
    from .pipeline import Analyzer, ModelUnavailable, load_model

__all__ = ["ANALYZER_VERSION", "Analyzer", "ModelUnavailable", "load_model"]


def __getattr__(name: str) -> Any:
    if name in ("Analyzer", "ModelUnavailable", "load_model"):
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)

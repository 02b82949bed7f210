"""Output of ``newsreader analyze``: JSON Lines for scripts, a rich report for people."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from .core.models import Analysis, Document, terms_line


def write_json_lines(docs: list[Document], results: Iterable[Analysis], out: TextIO) -> None:
    """One object per document, in input order, flushed as each is ready."""
    for doc, analysis in zip(docs, results, strict=False):
        obj = {"path": doc.path, "title": doc.title, "text": doc.text, **analysis.to_json()}
        out.write(json.dumps(obj, ensure_ascii=False) + "\n")
        out.flush()


def print_report(docs: list[Document], results: Iterable[Analysis]) -> None:
    from rich.console import Console
    from rich.rule import Rule
    from rich.text import Text

    from .core.models import STANDFIRST

    console = Console()
    for doc, analysis in zip(docs, results, strict=False):
        console.print(Rule(Text(doc.title or doc.path or "", style="bold")))
        console.print(Text(doc.path or "", style="dim"))
        if not analysis.analysed:
            console.print(Text(analysis.skipped_note, style="italic"))
        groups: dict[str, dict[str, int]] = {}
        for (canonical, label), n in analysis.entity_counts().items():
            groups.setdefault(label, {})[canonical] = n
        if groups:
            console.print(Text("Entities", style="bold underline"))
            for label in sorted(groups, key=lambda k: -sum(groups[k].values())):
                line = Text(f"  {label:<12}", style="bold cyan")
                items = sorted(groups[label].items(), key=lambda kv: (-kv[1], kv[0]))
                for j, (name, n) in enumerate(items):
                    if j:
                        line.append(", ")
                    line.append(name)
                    line.append(f" ×{n}", style="dim")
                console.print(line)
        if analysis.quotes:
            console.print(Text("Quotes", style="bold underline"))
            for q in analysis.speech:
                line = Text("  “")
                line.append(q.text)
                line.append("” — ")
                line.append(q.speaker or "unattributed", style="bold" if q.speaker else "dim italic")
                console.print(line)
            if line := terms_line(analysis.terms):
                console.print(Text("  " + line, style="dim"))
        standfirst = [doc.block_text(b) for b in doc.blocks_of(STANDFIRST)]
        if standfirst:
            console.print(Text("Publisher's summary", style="bold underline"))
            for s in standfirst:
                console.print(Text("  • ") + Text(s.lstrip("•·-* ")))
        if analysis.summary:
            console.print(Text("Summary", style="bold underline"))
            for s in analysis.summary:
                console.print(Text("  • ") + Text(s))
        console.print()

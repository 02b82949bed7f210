"""Throughput of the analysis pipeline against bare ``nlp.pipe`` on the same texts.

  python bench/analysis_speed.py [FILES_OR_FOLDERS...]

Without arguments it uses the CoNLL-2003 dev documents from ../shared when present (216 wire
articles), else the project's seed articles. Prints seconds and characters per second for:
bare ``nlp.pipe`` over whole texts, the analyser (entities, quotes, summary), and their ratio.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tui.core.analysis.pipeline import Analyzer, load_model  # noqa: E402
from tui.core.reader import expand_paths, parse_text, read_file  # noqa: E402

REPEATS = 3


def conll_texts(path: Path) -> list[str]:
    """CoNLL documents as the scorer writes them: tokens joined by spaces, sentences by newlines."""
    docs: list[list[list[str]]] = []
    doc: list[list[str]] = []
    sent: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            if sent:
                doc.append(sent)
                sent = []
            if doc:
                docs.append(doc)
            doc = []
        elif not line.strip():
            if sent:
                doc.append(sent)
                sent = []
        else:
            sent.append(line.split()[0])
    if sent:
        doc.append(sent)
    if doc:
        docs.append(doc)
    return ["\n".join(" ".join(s) for s in d) + "\n" for d in docs]


def load_texts(args: list[str]) -> tuple[str, list[str]]:
    if args:
        texts = [read_file(p).text for p in expand_paths(args) if isinstance(p, Path)]
        return "given files", texts
    conll = ROOT.parent / "shared" / "eval" / "conll2003-dev.txt"
    if conll.exists():
        return "conll2003-dev", conll_texts(conll)
    return "seeds", [read_file(p).text for p in sorted((ROOT / "seeds").glob("*.txt"))]


def main() -> None:
    name, texts = load_texts(sys.argv[1:])
    chars = sum(len(t) for t in texts)
    nlp = load_model()
    list(nlp.pipe(texts[:5]))  # warm up
    docs = [parse_text(t) for t in texts]
    analyzer = Analyzer(nlp)
    list(analyzer.analyze_many(docs[:5]))

    # Interleaved repeats, best of each: other processes on the machine make single runs noisy.
    bare = full = float("inf")
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        list(nlp.pipe(texts))
        bare = min(bare, time.perf_counter() - t0)
        t0 = time.perf_counter()
        list(analyzer.analyze_many(docs))
        full = min(full, time.perf_counter() - t0)

    print(f"{name}: {len(texts)} documents, {chars:,} characters")
    print(f"best of {REPEATS} interleaved runs")
    print(f"bare nlp.pipe : {bare:6.2f} s  {chars / bare:10,.0f} chars/s")
    print(f"analyze_many  : {full:6.2f} s  {chars / full:10,.0f} chars/s")
    print(f"throughput ratio (analyze / bare): {bare / full:.2f}")


if __name__ == "__main__":
    main()

"""Language detection on real feed items and the seeds: what is refused as not English, and how fast.

    python bench/language.py [--show N]

Reads every item of ``../shared/corpora/real-feeds`` the way the app does (the feed parser, then
the item's document) and every seed article, and runs ``detect_language`` on the text the
analysis would see. Items are grouped by the language their feed declares (``<language>``, often
missing, sometimes wrong: a feed declared English may carry other languages). Prints, per declared
language, how many items were detected as what, then the items of English-declared feeds and the
seeds that were not taken for English (should be none), and the time per item.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _common import SHARED  # noqa: E402

from tui.core.analysis.language import detect_language  # noqa: E402
from tui.core.feeds.document import item_to_document  # noqa: E402
from tui.core.feeds.parse import parse_feed  # noqa: E402
from tui.core.models import ENTITY_KINDS, Document  # noqa: E402
from tui.core.reader import read_file  # noqa: E402


def text_of(doc: Document) -> str:
    return "\n".join(doc.block_text(b) for b in doc.blocks if b.kind in ENTITY_KINDS)


def declared(data: bytes) -> str:
    import feedparser

    try:
        return (feedparser.parse(data).feed.get("language") or "?").lower()[:2]
    except Exception:  # noqa: BLE001 - a feed that feedparser cannot read declares nothing
        return "?"


def items() -> list[tuple[str, str, str]]:
    """(source, declared language, text) for every real feed item and seed."""
    out: list[tuple[str, str, str]] = []
    root = SHARED / "corpora" / "real-feeds"
    for path in sorted(root.rglob("*")) if root.exists() else []:
        if not path.is_file() or path.suffix in (".md", ".csv"):
            continue
        data = path.read_bytes()
        feed = parse_feed(data)
        lang = declared(data)
        for item in feed.entries:
            text = text_of(item_to_document(item, feed.title))
            if text.strip():
                out.append((str(path.relative_to(root)), lang, text))
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        out.append((f"seeds/{path.name}", "seed", text_of(read_file(path))))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", type=int, default=20, help="list at most this many refused English items")
    a = ap.parse_args()
    rows = items()
    detect_language("warm up")
    t0 = time.perf_counter()
    found = [detect_language(text) for _src, _lang, text in rows]
    took = time.perf_counter() - t0
    by_declared: dict[str, Counter[str]] = defaultdict(Counter)
    for (_src, lang, _text), got in zip(rows, found, strict=True):
        by_declared[lang][got] += 1
    print(f"{len(rows)} items ({sum(1 for r in rows if r[1] == 'seed')} seeds)")
    for lang in sorted(by_declared, key=lambda k: -sum(by_declared[k].values())):
        counts = by_declared[lang]
        detail = ", ".join(f"{code} {n}" for code, n in counts.most_common())
        print(f"  declared {lang:>4}: {sum(counts.values()):5} items -> {detail}")
    refused = [
        (src, got, text)
        for (src, lang, text), got in zip(rows, found, strict=True)
        if lang in ("en", "seed") and got != "en"
    ]
    print(f"English-declared items and seeds not taken for English: {len(refused)}")
    for src, got, text in refused[: a.show]:
        print(f"  {got}  {src}: {text[:80]!r}")
    print(f"detection: {1000 * took / len(rows):.3f} ms per item ({len(rows)} items in {took:.2f} s)")


if __name__ == "__main__":
    main()

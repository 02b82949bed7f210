"""Shared bits of the bench scripts: where ../shared is, and texts to measure on."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def news_texts(n: int) -> tuple[list[str], str]:
    """``n`` news texts: CNN/DM dev articles when ../shared is here, else the seeds repeated."""
    cnndm = SHARED / "eval" / "cnndm-dev.jsonl"
    if cnndm.exists():
        rows = [json.loads(line) for line in cnndm.open(encoding="utf-8")]
        texts = [
            f"Article {i + 1}\n\n" + "\n\n".join(s.strip() for s in r["article_lines"] if s.strip()) + "\n"
            for i, r in enumerate(rows)
        ]
        source = f"{len(rows)} CNN/DailyMail dev articles"
    else:
        texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
        source = f"{len(texts)} seed articles"
    out = [texts[i % len(texts)] for i in range(n)]
    return out, source

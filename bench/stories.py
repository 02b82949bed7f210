"""Stories bench: grouping a refresh's new articles into stories in a library of 50,000 articles.

    python bench/stories.py [--articles 50000] [--new 1000] [--rebuild] [--pairs]

Target: grouping costs <= 5 ms per new article at 50,000 articles.

The library is bench/search.py's (built there once and kept in the temp directory; built here if
it is missing). It is copied and opened with this newsreader, which migrates it to schema 4 and
groups its 50,000 articles once (timed: what a user's first start after the upgrade costs); that
copy is kept as the base, and each run works on a fresh copy of it. Then ``--new`` articles arrive
as a refresh stores them, 50 per feed with ``ArticleRepo.save_feed_items`` (which groups them in
its transaction): half are rewrites of articles already in the library (every seventh word dropped,
a new headline word, a few hours later: they must join their story), half are new mixes of real
paragraphs (they must mostly stay alone). Printed: ms per article for storing with grouping, and
for grouping alone (the same articles grouped again inside one transaction), and how many joined.

``--pairs`` prints the similarity of pairs of real articles (PolNeAR and CNN/DailyMail from
../shared) that share a name: the figures behind the threshold in tui/core/similarity.py.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import SHARED  # noqa: E402 - bench scripts run from anywhere

TARGET_MS = 5.0
PER_FEED = 50


def base_library(articles: int, rebuild: bool) -> Path:
    """The search bench's library, migrated and grouped once (kept); its path."""
    import search_library  # bench/search_library.py

    from tui.core.library import Library

    home = Path(tempfile.gettempdir()) / f"newsreader-bench-stories-{articles}"
    base = home / "base.db"
    if base.exists() and not rebuild:
        return base
    source, how = search_library.ensure_library(
        Path(tempfile.gettempdir()) / f"newsreader-bench-search-{articles}", articles, False
    )
    print(f"search bench library: {how}")
    home.mkdir(parents=True, exist_ok=True)
    for p in home.glob("*"):
        p.unlink()
    shutil.copy(source, base)
    t0 = time.perf_counter()
    last = [0.0]

    def progress(done: int, total: int) -> None:
        if time.perf_counter() - last[0] > 5 or done == total:
            last[0] = time.perf_counter()
            print(f"  migrating: {done}/{total}, {last[0] - t0:.0f} s", flush=True)

    with Library.open(base, progress=progress) as library:
        n = len(library.stories())
    print(f"migrated to schema 4 and grouped in {time.perf_counter() - t0:.1f} s: {n} stories of 2+")
    return base


def new_items(db_path: Path, n: int, rng: random.Random):
    """``n`` new documents: half rewrites of stored articles (with their ids), half fresh mixes."""
    import json
    import sqlite3

    from tui.core.models import Block, Document

    conn = sqlite3.connect(db_path)
    rows = conn.execute("SELECT id, title, text, blocks, date FROM articles ORDER BY random() LIMIT ?", (n,))
    out = []
    for i, (aid, title, text, blocks, date) in enumerate(rows.fetchall()):
        paras = [text[s:e] for k, s, e in json.loads(blocks) if k == "paragraph"]
        when = (datetime.fromisoformat(date) + timedelta(hours=rng.randint(1, 30))).isoformat()
        if i % 2 == 0:  # a rewrite by another outlet
            paras = [" ".join(w for j, w in enumerate(p.split()) if j % 7 != 3) for p in paras]
            title, original = f"{title} (update)", aid
        else:  # something new: paragraphs of two articles, a year later
            other = conn.execute("SELECT text FROM articles ORDER BY random() LIMIT 1").fetchone()[0]
            paras = other.split("\n\n")[1:3] + paras[:2]
            when = (datetime.fromisoformat(date) + timedelta(days=400)).isoformat()
            title, original = f"{title} {i}", None
        body = "\n\n".join(p for p in paras if p.strip()) or "empty"
        text = f"{title}\n\n{body}"
        blocks = [Block("headline", 0, len(title)), Block("paragraph", len(title) + 2, len(text))]
        out.append((original, Document(text=text, blocks=blocks, title=title, date=when)))
    conn.close()
    return out


def measure(base: Path, n: int) -> int:
    from tui.core.library import Library
    from tui.core.store import ArticleRepo, Database, FeedRepo, NewItem
    from tui.core.store.stories import group_articles

    run = base.with_name("run.db")
    for p in base.parent.glob("run.db*"):
        p.unlink()
    shutil.copy(base, run)
    items = new_items(run, n, random.Random(11))
    db = Database(run)
    feeds, articles, library = FeedRepo(db), ArticleRepo(db), Library(db)
    with db.read() as conn:
        total = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    print(f"library: {total} articles; {n} new ones arrive, {PER_FEED} per feed")
    store_ms: list[float] = []
    group_ms: list[float] = []
    ids: list[int] = []
    for f in range(0, n, PER_FEED):
        batch = items[f : f + PER_FEED]
        feed_id, _ = feeds.add(f"https://bench-new.example/{f}/rss", title=f"New {f}")
        news = [NewItem(f"n{f + i}", replace(d, source=f"New {f}")) for i, (_, d) in enumerate(batch)]
        t = time.perf_counter()
        saved = articles.save_feed_items(feed_id, news)
        store_ms.append((time.perf_counter() - t) * 1000 / len(batch))
        t = time.perf_counter()
        with db.transaction() as conn:
            group_articles(conn, saved, index=db.bands)
        group_ms.append((time.perf_counter() - t) * 1000 / len(batch))
        ids.extend(saved)
    joined = wrong = 0
    for (original, _), aid in zip(items, ids, strict=True):
        story = library.story_of(aid)
        assert story is not None
        if original is not None:
            joined += original in story.article_ids
        else:
            wrong += len(story.article_ids) > 1
    db.close()
    ms, store = statistics.median(group_ms), statistics.median(store_ms)
    print(
        f"grouping alone: {ms:.2f} ms per article (median of {len(group_ms)} feeds, max {max(group_ms):.2f})"
    )
    print(f"storing with grouping (save_feed_items): {store:.2f} ms per article")
    print(f"rewrites that joined their original's story: {joined}/{(n + 1) // 2}")
    print(f"fresh articles put in a story: {wrong}/{n // 2}")
    print(f"target <= {TARGET_MS:g} ms per article: {'met' if ms <= TARGET_MS else 'MISSED'}")
    return 0 if ms <= TARGET_MS else 1


def pairs() -> None:
    """Similarity of real articles that share a name (the threshold's evidence)."""
    import json

    from tui.core import similarity

    arts: list[tuple[str, str]] = []
    for line in (SHARED / "eval" / "cnndm-dev.jsonl").open(encoding="utf-8"):
        s = [x for x in json.loads(line)["article_lines"] if x.strip()]
        if len(s) >= 3:
            arts.append((s[0], " ".join(" ".join(s[1:]).split()[:60])))
    for folder in ("polnear-train", "polnear-dev"):
        for p in sorted((SHARED / "eval" / folder / "text").glob("*.txt")):
            t = p.read_text(encoding="utf-8").strip().split("\n", 1)
            if len(t) > 1:
                arts.append((t[0], " ".join(t[1].split()[:60])))
    sets = [similarity.shingles(t, lead) for t, lead in arts]
    by_name: dict[str, set[int]] = defaultdict(set)
    for i, (t, lead) in enumerate(arts):
        for name in re.findall(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b", f"{t} {lead}"):
            by_name[name].add(i)
    found = {(a, b) for v in by_name.values() for a in v for b in v if a < b}
    scored = sorted((similarity.same_event(sets[a], sets[b]), a, b) for a, b in found)
    print(f"{len(arts)} real articles, {len(scored)} pairs sharing a name")
    for q in (0.5, 0.99, 0.999):
        print(f"  {q:.1%} of pairs <= {scored[int(len(scored) * q)][0]:.3f}")
    print(f"the 8 most similar (threshold {similarity.SAME_EVENT}):")
    for score, a, b in scored[-8:]:
        print(f"  {score:.3f}  {arts[a][0][:60]!r}  ~  {arts[b][0][:60]!r}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=50_000)
    ap.add_argument("--new", type=int, default=1000, help="new articles to group")
    ap.add_argument("--rebuild", action="store_true", help="migrate and group the base library again")
    ap.add_argument("--pairs", action="store_true", help="print the threshold's evidence and stop")
    args = ap.parse_args()
    if args.pairs:
        pairs()
        return 0
    return measure(base_library(args.articles, args.rebuild), args.new)


if __name__ == "__main__":
    sys.exit(main())

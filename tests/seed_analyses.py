"""The seeds' analyses as the real pipeline made them, stored so navigation pilots need no model.

``python -m tests.seed_analyses`` runs the real spaCy pipeline over the seeds and writes
``tests/data/seed_analyses.json`` (keyed by each seed's content hash). :func:`install` puts them
into a library under the current analyzer version; a seed whose text changed since the file was
written is analysed by the model instead, so a stale file makes tests slower, never wrong.
"""

from __future__ import annotations

import json
from pathlib import Path

from tui.core.library import Library
from tui.core.models import Analysis
from tui.core.store import AnalysisRepo, ArticleRepo, Database

STORED = Path(__file__).resolve().parent / "data" / "seed_analyses.json"


def install(library: Library) -> list[int]:
    """Store the saved analyses of the library's seeds; the ids of articles still unanalysed."""
    saved = json.loads(STORED.read_text(encoding="utf-8")) if STORED.exists() else {}
    db = Database(library.path)
    try:
        articles, analyses = ArticleRepo(db), AnalysisRepo(db)
        for article_id in library.unanalysed():
            data = saved.get(articles.hash(article_id))
            if data is not None:
                analyses.put(articles.hash(article_id), Analysis.from_json(data, library.version))
    finally:
        db.close()
    return library.unanalysed()


def main() -> None:
    import tempfile

    from tui.paths import seeds_dir

    with tempfile.TemporaryDirectory() as tmp, Library.open(Path(tmp) / "library.db") as library:
        library.seed(seeds_dir())
        db = Database(library.path)
        articles = ArticleRepo(db)
        out = {}
        for article_id in library.unanalysed():
            out[articles.hash(article_id)] = library.analyze(article_id).to_json()
        db.close()
    STORED.write_text(json.dumps(out, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {len(out)} analyses to {STORED}")


if __name__ == "__main__":
    main()

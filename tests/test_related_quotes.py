"""Related quotes of an article: what its speakers said elsewhere, never the same words again
(the other outlets of wire copy carry the article's own quotes, word for word)."""

from __future__ import annotations

from tui.core.library import Library
from tui.core.models import Analysis, Block, Document, Entity, Quote
from tui.core.store import AnalysisRepo, ArticleRepo, Database

SAFE = "Everyone is safe,"
ROUTE = "The route will reopen once the divers have finished,"


def report(title: str, said: list[str], version: str) -> tuple[Document, Analysis]:
    """A local article quoting the harbour master, and its analysis: her name and her quotes."""
    body = " ".join(f'"{words}" said harbour master Elena Marsh.' for words in said)
    text = f"{title}\n\n{body}"
    doc = Document(
        text=text,
        blocks=[Block("headline", 0, len(title)), Block("paragraph", len(title) + 2, len(text))],
        title=title,
    )
    quotes, names = [], []
    for words in said:
        start = text.index(words)
        quotes.append(Quote(start, start + len(words), words, "Elena Marsh", "said"))
        name = text.index("Elena Marsh", start)
        names.append(Entity(name, name + 11, "Elena Marsh", "PERSON", "Elena Marsh"))
    return doc, Analysis(names, quotes, [], version)


def _related_to_first(library: Library, *reports: tuple[str, str, list[str]]):
    """Store the reports (key, title, words said) and find the first one's related quotes:
    (ids by key, the related quotes)."""
    db = Database(library.path)
    try:
        articles, analyses = ArticleRepo(db), AnalysisRepo(db)
        ids, own = {}, None
        for key, title, said in reports:
            doc, analysis = report(title, said, library.version)
            ids[key] = articles.upsert(key, doc)
            analyses.put(articles.hash(ids[key]), analysis)
            own = own or analysis
    finally:
        db.close()
    return ids, library.related_quotes(ids[reports[0][0]], own)


def test_the_same_quote_in_another_outlet_is_not_related_another_by_the_speaker_is(tmp_path):
    with Library.open(tmp_path / "lib.db") as library:
        ids, related = _related_to_first(
            library,
            ("gazette", "Ferry sinks off the point", [SAFE]),
            ("courier", "Ferry sinks, everyone rescued", [SAFE.lower()]),  # wire copy, retyped
            ("later", "Ferry route stays shut", [ROUTE]),
        )
        assert [(r.article_id, r.quote.text) for r in related] == [(ids["later"], ROUTE)]


def test_a_quote_two_other_outlets_report_is_related_once(tmp_path):
    with Library.open(tmp_path / "lib.db") as library:
        _, related = _related_to_first(
            library,
            ("gazette", "Ferry sinks off the point", [SAFE]),
            ("courier", "Ferry route stays shut", [ROUTE]),
            ("herald", "Harbour shut after the sinking", [ROUTE.upper()]),  # the same words, retyped
        )
        assert len(related) == 1 and related[0].quote.text.casefold() == ROUTE.casefold()


def _article(library, articles, analyses, key: str, text: str, names: dict, quotes=()) -> int:
    doc = Document(text=text, blocks=[Block("paragraph", 0, len(text))], title=key)
    aid = articles.upsert(key, doc)
    found = []
    for form, (canonical, label) in names.items():
        start = 0
        while (start := text.find(form, start)) >= 0:
            found.append(Entity(start, start + len(form), form, label, canonical))
            start += len(form)
    qs = [Quote(text.index(w), text.index(w) + len(w), w, who, "said") for w, who in quotes]
    analyses.put(articles.hash(aid), Analysis(sorted(found, key=lambda e: e.start), qs, [], library.version))
    return aid


def test_quotes_about_a_name_come_for_a_topic_not_a_passing_mention_or_a_group(tmp_path):
    """A quote elsewhere that names Porto Vale is related to an article that names it twice, not to
    one that names it once in passing, and never for a group's adjective ("American")."""
    porto = {"Porto Vale": ("Porto Vale", "GPE"), "American": ("American", "NORP")}
    with Library.open(tmp_path / "lib.db") as library:
        db = Database(library.path)
        try:
            articles, analyses = ArticleRepo(db), AnalysisRepo(db)
            _article(
                library,
                articles,
                analyses,
                "other",
                '"Porto Vale is the American dream," said Ana Ruiz in Porto Vale.',
                {**porto, "Ana Ruiz": ("Ana Ruiz", "PERSON")},
                [("Porto Vale is the American dream,", "Ana Ruiz")],
            )
            twice = _article(
                library, articles, analyses, "twice", "Porto Vale grows. Porto Vale builds.", porto
            )
            once = _article(
                library, articles, analyses, "once", "American drivers went to Porto Vale once.", porto
            )
        finally:
            db.close()
        about = [r.reason for r in library.related_quotes(twice, library.cached_analysis(twice))]
        assert about == ["about Porto Vale"]
        assert library.related_quotes(once, library.cached_analysis(once)) == []

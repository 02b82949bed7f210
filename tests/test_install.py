"""What a fresh install brings: the full text's extractor imports and works."""

from __future__ import annotations

from importlib.metadata import requires

from tui.core.feeds.fulltext import extract_full_text


def test_the_full_texts_html_cleaner_is_a_dependency():
    """lxml 5.2 moved lxml.html.clean (which trafilatura's justext imports) to lxml_html_clean,
    and lxml 6 dropped the [html_clean] extra that justext asks for: a fresh install could not
    fetch a full text ("lxml.html.clean module is now a separate project")."""
    names = {
        r.split(";")[0].split(">")[0].split("=")[0].split("<")[0].strip().lower()
        for r in requires("newsreader") or []
    }
    assert "lxml_html_clean" in names or "lxml-html-clean" in names


def test_a_page_gives_its_article_text():
    page = (
        "<html><head><title>T</title></head><body><nav>Home · About</nav><article><h1>Harbour reopens</h1>"
        + "".join(
            f"<p>The harbour reopened on Monday after repairs, paragraph {n} of the report.</p>"
            for n in range(8)
        )
        + "</article></body></html>"
    )
    full = extract_full_text(page, "text/html", "https://example.org/a")
    assert full.error is None and any("harbour reopened" in text for _, text in full.blocks)

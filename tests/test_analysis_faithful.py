"""The analysis of faithful text: link numbers are not the author's words, code is not analysed,
a blockquote gives names but no summary lines and is no quote itself, while the quotations inside it
are quotes (a short term in marks there is not)."""

from __future__ import annotations

import pytest

from tui.core.reader.html import parse_html

pytestmark = pytest.mark.slow  # the real spaCy pipeline

PAGE = """<html><body><article><h1>Council approves the harbour plan</h1>
<p>The city council approved the harbour plan on Monday, <a href="https://city.example/vote">the
vote record</a> shows, after Mayor Anna Berg argued for it for two years.</p>
<p>The plan will cost 40 million euros and is to be finished by 2030, the council said in
<a href="https://city.example/plan">a statement</a>.</p>
<blockquote><p>Harbours are where cities meet the world, Pablo Neruda is supposed to have said about Valparaiso.</p></blockquote>
<pre><code>Gustav Larsson = budget(40_000_000)  # Stockholm
</code></pre>
<p>Work on the first pier starts in March, according to the harbour authority.</p>
</article></body></html>"""


def test_link_numbers_code_and_blockquotes_in_the_analysis(analyzer):
    doc = parse_html(PAGE)
    assert "record[1]" in doc.text and "statement[2]" in doc.text
    analysis = analyzer.analyze(doc)
    assert analysis.summary and not any("[1]" in s or "[2]" in s for s in analysis.summary)
    # Bullets read as written: the marks are gone, not left as gaps before the next word.
    assert any("the vote record shows," in s for s in analysis.summary), analysis.summary
    assert any("in a statement." in s for s in analysis.summary), analysis.summary
    assert not any("  " in s or " ," in s or " ." in s for s in analysis.summary)
    assert not any("Neruda" in s for s in analysis.summary)  # a blockquote is not the article's gist
    names = {e.text for e in analysis.entities}
    assert "Anna Berg" in names and "Pablo Neruda" in names  # its names are found, though
    assert not any("Larsson" in n or "Stockholm" in n for n in names)  # code is not analysed
    assert not any("[" in e.text for e in analysis.entities)
    assert not any("Neruda" in q.text for q in analysis.quotes)


LINKBLOG = """<html><body><article><h1>The harbour's secret plans</h1>
<p>Greta Olsen has quite a scoop for the Harbour Gazette:</p>
<blockquote><p>The port authority has long guarded its plans. "We lost three designs to rivals last
year," Henrik Dahl, its head of security, tells the room. Since Mayor Anna Berg promised an open
process, Dahl's team has changed its ways. "Now every drawing stays in the building," he says.</p>
<p>Critics call the policy an "undue burden" on small firms.</p></blockquote>
<p>There is some irony in a leaked briefing on leaks.</p>
</article></body></html>"""


def test_quotations_inside_a_blockquote_are_quotes_but_its_marked_terms_are_not(analyzer):
    analysis = analyzer.analyze(parse_html(LINKBLOG))
    by_text = {q.text: q.speaker for q in analysis.quotes}
    assert by_text.get("We lost three designs to rivals last year,") == "Henrik Dahl", analysis.quotes
    assert by_text.get("Now every drawing stays in the building,") == "Henrik Dahl", analysis.quotes
    assert "undue burden" not in by_text  # a term the quoted writer marked, no one's speech
    assert not any("Dahl" in s or "designs" in s for s in analysis.summary)  # quoted words are no gist


def test_a_names_link_mark_is_not_part_of_the_name(analyzer):
    page = (
        "<html><body><article><h1>Backlash</h1><p>The current criticism of the campaign \u2013 sparked "
        'in earnest by claims against <a href="https://news.example/okri">Ben Okri</a> \u2013 really '
        "comes down to anger that the writers would not settle for less.</p></article></body></html>"
    )
    doc = parse_html(page)
    people = [e for e in analyzer.analyze(doc).entities if e.label == "PERSON"]
    assert [e.text for e in people] == ["Ben Okri"]  # not "Ben Okri   ", over the blanked "[1]"


def test_a_link_mark_between_two_names_parts_them(analyzer):
    page = (
        "<html><body><article><h1>Tools</h1><p>Recently, I have been getting files from <a "
        'href="https://people.example/lowe">Jane Lowe</a> Acme Corporation clients that contain '
        "measurements in inches.</p></article></body></html>"
    )
    found = [e.text for e in analyzer.analyze(parse_html(page)).entities]
    assert found == ["Jane Lowe", "Acme Corporation"]  # not one name over the blanked "[1]"
    # A lone no-break space inside a name is no mark: it keeps the name whole.
    nbsp = analyzer.analyze(parse_html("<p>FBI Director James&nbsp;Comey spoke on Tuesday.</p>")).entities
    assert "James Comey" in {e.canonical for e in nbsp}

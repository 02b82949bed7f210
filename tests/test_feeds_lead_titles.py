"""A feed item without a title is named by its first words: whole words, no half of a link's mark."""

from __future__ import annotations

from tui.core.feeds import item_to_document, parse_feed


def untitled(body: str):
    feed = (
        "<rss version='2.0'><channel><title>T</title><item><guid>g</guid>"
        f"<description><![CDATA[{body}]]></description></item></channel></rss>"
    )
    return item_to_document(parse_feed(feed.encode()).entries[0], "T")


def test_a_long_first_paragraph_is_cut_at_a_word_before_a_links_mark():
    """Scripting News: the list read "…mayor of the United States. If NYC[2", the cut falling
    inside the mark of the link on "NYC", which then was not taken out."""
    doc = untitled(
        "<p>Interesting Politico <a href='https://a.example/'>piece</a> posits that Trump acts as if "
        "he's mayor of the United States. If <a href='https://b.example/'>NYC</a> is his model, that "
        "mayor is esp powerless, because the governor of the state also has a lot of power over the "
        "city.</p>"
    )
    assert "If NYC[2] is" in doc.text  # the body keeps its marks
    assert "[" not in doc.title and doc.title.endswith("…") and len(doc.title) <= 100
    assert doc.title.startswith("Interesting Politico piece posits that Trump acts")
    assert doc.title.rstrip("…").split()[-1] in doc.text.replace("[1]", "").replace("[2]", "").split()
    # A paragraph short enough to be a headline is the title whole.
    assert (
        untitled("<p>Short <a href='https://a.example/'>one</a>. Two.</p><p>More.</p>").title
        == "Short one. Two."
    )


def test_a_short_first_paragraph_is_the_title_as_it_is():
    doc = untitled("<p>Good morning students and <a href='https://a.example/'>teachers</a>!</p><p>More.</p>")
    assert doc.title == "Good morning students and teachers!"

"""Long documents go through the analysis in pieces: offsets stay right across the cuts.

The pipeline test shrinks the piece and block sizes, so a few paragraphs of our own cross several
pieces and a cut block with the real model, in well under a second of spaCy; the 1 MB and 8 MB
figures are in ``bench/long_inputs.py``.
"""

from __future__ import annotations

import re

import pytest

from tui.core.analysis import Analyzer
from tui.core.analysis.pieces import Part, merge, pieces, split_block
from tui.core.models import Block, Entity, Quote
from tui.core.reader import parse_text

PARAGRAPHS = [
    "Emmanuel Macron arrived in Lisbon on Monday for talks with the Portuguese government.",
    "The talks in Lisbon were about fishing quotas, officials in Brussels said.",
    "Fishermen from Porto and Faro gathered outside the parliament to follow the talks.",
    "Macron later flew to Madrid, where he met union leaders from Valencia.",
    # One long paragraph (a line of its own): cut at sentence ends into blocks.
    " ".join(
        f"Talks in Lisbon went on for day {n}, and Macron spoke to reporters in Madrid." for n in range(1, 9)
    ),
    "On Friday the delegation from Lisbon returned to Brussels with a draft agreement.",
]


def test_a_short_block_is_kept_and_a_long_one_is_cut_after_sentences():
    text = "x" * 5 + " ".join(f"Sentence number {n} ends here." for n in range(40))
    block = Block("paragraph", 5, len(text))
    assert split_block(text, block, limit=len(text)) == [block]
    parts = split_block(text, block, limit=200)
    assert len(parts) > 1 and all(p.kind == "paragraph" for p in parts)
    assert all(p.end - p.start <= 200 for p in parts)
    assert parts[0].start == 5 and parts[-1].end == len(text)
    for a, b in zip(parts, parts[1:], strict=False):
        assert text[a.end - 1] == "." and text[a.end : b.start].isspace()
    # Nothing is lost but the spaces at the cuts.
    assert " ".join(text[p.start : p.end] for p in parts) == text[5:]


def test_a_block_without_spaces_is_still_cut():
    text = "a" * 1000
    parts = split_block(text, Block("paragraph", 0, 1000), limit=300)
    assert [(p.start, p.end) for p in parts] == [(0, 300), (300, 600), (600, 900), (900, 1000)]


def test_pieces_group_whole_blocks_up_to_the_limit():
    blocks = [Block("paragraph", i * 100, i * 100 + 90) for i in range(10)]
    runs = list(pieces(blocks, limit=200))
    assert [i for run in runs for i in run] == list(range(10))
    assert all(sum(blocks[i].end - blocks[i].start for i in run) <= 200 for run in runs)
    assert list(pieces(blocks, limit=10_000)) == [list(range(10))]


def test_merge_gives_a_bare_surname_the_full_name_an_earlier_piece_found():
    first = Part([Entity(0, 15, "Emmanuel Macron", "PERSON", "Emmanuel Macron")], [], ["A bullet."])
    second = Part(
        [Entity(100, 106, "Macron", "PERSON", "Macron"), Entity(110, 116, "Lisbon", "GPE", "Lisbon")],
        [Quote(120, 130, "We agree.", "Macron", "said")],
        ["Not used."],
    )
    merged = merge([first, second])
    assert [e.canonical for e in merged.entities] == ["Emmanuel Macron", "Emmanuel Macron", "Lisbon"]
    assert merged.quotes[0].speaker == "Emmanuel Macron"
    assert merged.summary == ["A bullet."]
    # Two full names ending alike: a bare surname stays as it is.
    other = Part([Entity(50, 63, "Brigitte Macron", "PERSON", "Brigitte Macron")], [], [])
    assert merge([first, other, second]).entities[2].canonical == "Macron"


@pytest.mark.slow
def test_entities_land_at_their_places_across_pieces_and_cut_blocks(analyzer):
    doc = parse_text("Talks in Lisbon\n" + "\n".join(PARAGRAPHS) + "\n")
    small = Analyzer(analyzer.nlp, piece_chars=250, block_chars=160)
    pieced = small.analyze(doc)
    whole = analyzer.analyze(doc)
    assert pieced.language == "en" and pieced.summary
    for e in pieced.entities:
        assert doc.text[e.start : e.end] == e.text
    found = {(e.start, e.end): e.label for e in pieced.entities}
    for name, label in (("Lisbon", "GPE"), ("Madrid", "GPE"), ("Emmanuel Macron", "PERSON")):
        places = [(m.start(), m.end()) for m in re.finditer(name, doc.text)]
        assert places and all(found.get(p) == label for p in places), name
    # Where the whole document and its pieces both find a place, they agree on it.
    whole_places = {(e.start, e.end, e.label) for e in whole.entities if e.label == "GPE"}
    pieced_places = {(e.start, e.end, e.label) for e in pieced.entities if e.label == "GPE"}
    assert whole_places == pieced_places

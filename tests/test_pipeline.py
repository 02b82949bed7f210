"""The analysis pipeline with the real spaCy model: streaming, order, offsets, caps lines."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.helpers import make_doc
from tui.core.analysis import ANALYZER_VERSION, Analyzer, load_model
from tui.core.analysis.pipeline import ModelUnavailable
from tui.core.models import Analysis, Document
from tui.core.reader import parse_text

pytestmark = pytest.mark.slow  # the real spaCy pipeline


def test_load_model_has_the_pipes_the_analysis_needs(analyzer):
    nlp = analyzer.nlp
    for pipe in ("tagger", "parser", "ner", "attribute_ruler", "lemmatizer"):
        assert pipe in nlp.pipe_names
    assert issubclass(ModelUnavailable, RuntimeError)
    assert callable(load_model)


def test_analyze_many_streams_one_result_per_document_in_order(analyzer):
    cities = ["Lisbon", "Nairobi", "Osaka", "Quito", "Tallinn"]

    def docs() -> Iterator[Document]:
        for city in cities:
            yield parse_text(f"News from {city}\nThe mayor of {city} opened a new library on Monday.")

    results = list(analyzer.analyze_many(docs()))
    assert len(results) == len(cities)
    for city, result in zip(cities, results, strict=True):
        assert isinstance(result, Analysis)
        assert result.version == ANALYZER_VERSION
        assert city in {e.text for e in result.entities}


def test_documents_without_analysable_blocks(analyzer):
    empty = Document(text="", blocks=[])
    media_only = make_doc(("credit", "Photographer: Ana Silva"))
    normal = parse_text("Title\nThe Danube flooded parts of Budapest on Sunday.")
    results = list(analyzer.analyze_many([empty, media_only, normal]))
    assert [r.entities for r in results[:2]] == [[], []]
    assert [r.summary for r in results[:2]] == [[], []]
    assert "Budapest" in {e.text for e in results[2].entities}


def test_offsets_point_into_the_document_text(analyzer):
    doc = make_doc(
        ("headline", "FLOODS HIT BUDAPEST AS DANUBE RISES"),
        ("dateline", "BUDAPEST 2013-06-09"),
        ("paragraph", "The Danube rose to a record level in Budapest on Sunday, officials in Hungary said."),
        ("paragraph", "Prime Minister Viktor Orban visited the embankments."),
    )
    result = analyzer.analyze(doc)
    assert result.entities
    for e in result.entities:
        assert doc.text[e.start : e.end] == e.text
        assert any(b.start <= e.start and e.end <= b.end for b in doc.blocks)
    # Caps lines are read case-restored but reported in the document's own letters.
    head = [e for e in result.entities if e.end <= doc.blocks[0].end]
    assert {"BUDAPEST"} <= {e.text for e in head}
    assert {e.canonical for e in result.entities if e.text == "BUDAPEST"} == {"Budapest"}


def test_quotes_receive_canonical_entities(analyzer):
    doc = parse_text(
        "Talks continue\n"
        "Foreign Minister Helga Brandt met her counterpart in Vienna on Monday.\n"
        "“We are making progress,” Brandt said after the meeting."
    )
    result = analyzer.analyze(doc)
    brandt = [e for e in result.entities if "Brandt" in e.text]
    assert {e.canonical for e in brandt} == {"Helga Brandt"}
    assert any("We are making progress" in q.text for q in result.quotes)


def test_one_model_serves_many_analyzers(analyzer):
    other = Analyzer(analyzer.nlp, batch_size=8)
    assert other.loaded
    doc = parse_text("Title\nAuckland hosted the regatta on Saturday.")
    assert other.analyze(doc).entities == analyzer.analyze(doc).entities

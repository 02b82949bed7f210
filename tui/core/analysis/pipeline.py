"""The analysis pipeline: one spaCy pass per block, then entities, quotes and summary.

Blocks never contain a line break (the reader guarantees it), so running the model per block
means no entity can cross a paragraph or a line. All blocks of all documents go through one
``nlp.pipe`` call, so many documents load the model once and batch well.

ALL-CAPS blocks (wire headlines, datelines) are given to the model case-restored from the rest
of the article (see ``ner_case``): the spaCy Doc of such a block differs from the document text in
letter case only, so token offsets + ``block.start`` are still offsets into ``Document.text``.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ..errors import ModelUnavailable
from ..models import ENTITY_KINDS, Analysis, Block, Document, without_link_marks
from .entities import extract_entities
from .model import MODEL_PACKAGES, NO_MODEL
from .ner_case import Lexicon, lexicon_of, restore_blocks
from .quotes import extract_quotes
from .summary import summarise
from .version import ANALYZER_VERSION

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc


def load_model() -> Language:
    """Load the English pipeline (import cost ~1.3 s: call it from a worker, never the UI thread)."""
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return module.load()
    raise ModelUnavailable(NO_MODEL)


Paragraph = tuple[Block, "Doc"]


class Analyzer:
    """Analyses documents; the model is loaded on first use and shared by all calls."""

    version = ANALYZER_VERSION

    def __init__(self, nlp: Language | None = None, batch_size: int = 64) -> None:
        self._nlp = nlp
        self._lock = threading.Lock()
        self.batch_size = batch_size
        self._lexicon: Lexicon | None = None

    @property
    def loaded(self) -> bool:
        return self._nlp is not None

    @property
    def nlp(self) -> Language:
        with self._lock:
            if self._nlp is None:
                self._nlp = load_model()
            return self._nlp

    def analyze(self, doc: Document) -> Analysis:
        return next(self.analyze_many([doc]))

    def analyze_many(self, docs: Iterable[Document]) -> Iterator[Analysis]:
        """Yield one :class:`Analysis` per document, in order, streaming through ``nlp.pipe``."""
        nlp = self.nlp
        if self._lexicon is None:
            self._lexicon = lexicon_of(nlp)
        lexicon = self._lexicon

        def units() -> Iterator[tuple[str, tuple[int, Document, Block | None]]]:
            for i, shown in enumerate(docs):
                doc = without_link_marks(shown)  # "[n]" after a link's text is not the author's words
                blocks = [b for b in doc.blocks if b.kind in ENTITY_KINDS and b.end > b.start]
                texts = restore_blocks((doc.text[b.start : b.end] for b in blocks), lexicon)
                for b, text in zip(blocks, texts, strict=True):
                    yield text, (i, doc, b)
                # A sentinel marks the end of each document so results stream document by document.
                yield "", (i, doc, None)

        current: list[Paragraph] = []
        for sdoc, (_i, doc, block) in nlp.pipe(units(), as_tuples=True, batch_size=self.batch_size):
            if block is not None:
                current.append((block, sdoc))
                continue
            yield self._finish(doc, current)
            current = []

    def _finish(self, doc: Document, paras: list[Paragraph]) -> Analysis:
        entities = extract_entities(doc, paras, (self._lexicon or Lexicon()).common)
        quotes = extract_quotes(doc, paras, entities)
        summary = summarise(doc, paras, entities, quotes)
        return Analysis(entities=entities, quotes=quotes, summary=summary, version=ANALYZER_VERSION)

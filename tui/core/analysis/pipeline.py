"""The analysis pipeline: one spaCy pass per block, then entities, quotes and summary.

Blocks never contain a line break (the reader guarantees it), so running the model per block
means no entity can cross a paragraph or a line. All blocks of all documents go through one
``nlp.pipe`` call, so many documents load the model once and batch well.

ALL-CAPS blocks (wire headlines, datelines) are given to the model case-restored from the rest
of the article (see ``ner_case``): the spaCy Doc of such a block differs from the document text in
letter case only, so token offsets + ``block.start`` are still offsets into ``Document.text``.

Each document's language is detected first (``language``): one not in English is not run through
the English model and comes back with its language and nothing else.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import ModelUnavailable
from ..models import ENTITY_KINDS, Analysis, Block, Document
from .entities import extract_entities
from .language import ENGLISH, SAMPLE_CHARS, detect_language
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


@dataclass(frozen=True, slots=True)
class _Piece:
    """The end of one piece of a document in the stream through ``nlp.pipe``."""

    doc: Document
    language: str
    index: int
    last: bool


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

        def units() -> Iterator[tuple[str, tuple[_Piece | None, Block | None]]]:
            for doc in docs:
                blocks = [b for b in doc.blocks if b.kind in ENTITY_KINDS and b.end > b.start]
                language = detect_language(_sample(doc, blocks))
                if language != ENGLISH:
                    yield "", (_Piece(doc, language, 0, True), None)
                    continue
                texts = restore_blocks((doc.text[b.start : b.end] for b in blocks), lexicon)
                for b, text in zip(blocks, texts, strict=True):
                    yield text, (None, b)
                # A sentinel marks the end of each document so results stream document by document.
                yield "", (_Piece(doc, ENGLISH, 0, True), None)

        current: list[Paragraph] = []
        for sdoc, (piece, block) in nlp.pipe(units(), as_tuples=True, batch_size=self.batch_size):
            if block is not None:
                current.append((block, sdoc))
                continue
            assert piece is not None
            if piece.language != ENGLISH:
                yield Analysis([], [], [], version=ANALYZER_VERSION, language=piece.language)
                continue
            yield self._finish(piece.doc, current)
            current = []

    def _finish(self, doc: Document, paras: list[Paragraph]) -> Analysis:
        entities = extract_entities(doc, paras, (self._lexicon or Lexicon()).common)
        quotes = extract_quotes(doc, paras, entities)
        summary = summarise(doc, paras, entities, quotes)
        return Analysis(entities=entities, quotes=quotes, summary=summary, version=ANALYZER_VERSION)


def _sample(doc: Document, blocks: list[Block]) -> str:
    """The opening of the document's text blocks, for language detection."""
    texts: list[str] = []
    size = 0
    for b in blocks:
        texts.append(doc.text[b.start : min(b.end, b.start + SAMPLE_CHARS)])
        size += len(texts[-1]) + 1
        if size >= SAMPLE_CHARS:
            break
    return "\n".join(texts)

"""The analysis pipeline: one spaCy pass per block, then entities, quotes and summary.

Blocks never contain a line break (the reader guarantees it), so running the model per block
means no entity can cross a paragraph or a line. All blocks of all documents go through one
``nlp.pipe`` call, so many documents load the model once and batch well.

ALL-CAPS blocks (wire headlines, datelines) are given to the model case-restored from the rest
of the article (see ``ner_case``): the spaCy Doc of such a block differs from the document text in
letter case only, so token offsets + ``block.start`` are still offsets into ``Document.text``.

Each document's language is detected first (``language``): one not in English is not run through
the English model and comes back with its language and nothing else. Long documents go through in
pieces of bounded size (``pieces``), so their cost is linear and memory flat.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import ModelUnavailable
from ..models import ENTITY_KINDS, Analysis, Block, Document, unmarked, without_link_marks
from .doc_text import model_form, remember_text
from .entities import extract_entities
from .language import ENGLISH, SAMPLE_CHARS, detect_language
from .model import MODEL_PACKAGES, NO_MODEL
from .ner_case import Lexicon, lexicon_of, restore_blocks
from .pieces import BATCH_CHARS, MAX_BLOCK_CHARS, PIECE_CHARS, Part, merge, pieces, split_block
from .quotes import extract_quotes
from .quotes_family import related_families, relinked
from .quotes_people_index import PeopleIndex
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
        nlp = module.load()
        _split_glued_quotes(nlp)
        return nlp
    raise ModelUnavailable(NO_MODEL)


# Sloppy copy glues a quotation mark to the words around it ('Smith said,“Look', 'a mess,”Jane
# Doe said'): split there as if spaced, or the cue, the comma and the name are one token.
_GLUED_QUOTES = (r"(?<=\w)[,.:;!?](?=[“”\"])", r"(?<=[,.:;!?])[“”\"](?=\w)")


def _split_glued_quotes(nlp: Language) -> None:
    from spacy.util import compile_infix_regex

    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, *_GLUED_QUOTES]).finditer


Paragraph = tuple[Block, "Doc"]


@dataclass(frozen=True, slots=True)
class _Piece:
    """The end of one piece of a document in the stream through ``nlp.pipe``."""

    doc: Document  # as analysed: its link marks blanked
    language: str
    index: int
    last: bool
    shown: Document | None = None  # as the reader sees it, when it had link marks


# What travels with each text through the model: the block it is, or the end of a piece.
_Context = tuple[_Piece | None, Block | None]


class Analyzer:
    """Analyses documents; the model is loaded on first use and shared by all calls."""

    version = ANALYZER_VERSION

    def __init__(
        self,
        nlp: Language | None = None,
        batch_size: int = 256,
        piece_chars: int = PIECE_CHARS,
        block_chars: int = MAX_BLOCK_CHARS,
    ) -> None:
        self._nlp = nlp
        self._lock = threading.Lock()
        # Texts are blocks (paragraphs, ~100 words): 64 of them made ~50 small batches per 100 articles,
        # each paying the model's per-batch cost; :data:`BATCH_CHARS` still bounds a batch's memory.
        self.batch_size = batch_size
        self.piece_chars = piece_chars  # a longer document is analysed in pieces of about this size
        self.block_chars = block_chars  # a longer block is cut at sentence ends first
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

        def units() -> Iterator[tuple[str, _Context]]:
            for shown in docs:
                doc = without_link_marks(shown)  # "[n]" after a link's text is not the author's words
                blocks = [b for b in doc.blocks if b.kind in ENTITY_KINDS and b.end > b.start]
                language = detect_language(_sample(doc, blocks))
                if language != ENGLISH:
                    yield "", (_Piece(doc, language, 0, True), None)
                    continue
                blocks = [part for b in blocks for part in split_block(doc.text, b, self.block_chars)]
                texts = restore_blocks((model_form(doc.text[b.start : b.end]) for b in blocks), lexicon)
                runs = list(pieces(blocks, self.piece_chars))
                for n, run in enumerate(runs):
                    for i in run:
                        yield texts[i], (None, blocks[i])
                    # A sentinel ends each piece, so results stream and a piece's Docs can go.
                    yield (
                        "",
                        (
                            _Piece(doc, ENGLISH, n, n == len(runs) - 1, shown if shown is not doc else None),
                            None,
                        ),
                    )

        current: list[Paragraph] = []
        parts: list[Part] = []
        for sdoc, (piece, block) in self._pipe(units()):
            if block is not None:
                current.append((block, sdoc))
                continue
            assert piece is not None
            if piece.language != ENGLISH:
                yield Analysis([], [], [], version=ANALYZER_VERSION, language=piece.language)
                continue
            parts.append(self._finish(piece.doc, current, summary=piece.index == 0))
            current = []
            if piece.last:
                done = merge(parts)
                parts = []
                summary = (
                    [unmarked(piece.shown, piece.doc, s) for s in done.summary]
                    if piece.shown
                    else done.summary
                )
                yield Analysis(done.entities, done.quotes, summary, version=ANALYZER_VERSION)

    def _pipe(self, units: Iterable[tuple[str, _Context]]) -> Iterator[tuple[Doc, _Context]]:
        """``nlp.pipe`` over ``units``, in batches of at most ``batch_size`` texts and
        :data:`BATCH_CHARS` characters: the model's memory grows with the characters of a batch
        (about 3 KB each), and 64 long lines at once would take gigabytes."""
        nlp = self.nlp
        batch: list[tuple[str, _Context]] = []
        chars = 0
        for unit in units:
            if batch and (len(batch) >= self.batch_size or chars + len(unit[0]) > BATCH_CHARS):
                yield from _with_texts(batch, nlp.pipe(batch, as_tuples=True, batch_size=len(batch)))
                batch, chars = [], 0
            batch.append(unit)
            chars += len(unit[0])
        if batch:
            yield from _with_texts(batch, nlp.pipe(batch, as_tuples=True, batch_size=len(batch)))

    def _finish(self, doc: Document, paras: list[Paragraph], summary: bool = True) -> Part:
        entities = extract_entities(doc, paras, (self._lexicon or Lexicon()).common)
        moves: dict[int, str] = {}
        quotes = extract_quotes(doc, paras, entities, moves)
        if not quotes and related_families(entities):
            moves = PeopleIndex(entities, paras, []).moves  # (the quote pass did not read the people)
        if moves:
            # "Mrs. Clinton" is Hillary Clinton in the entity list too, as it is for her quotes.
            entities = relinked(entities, moves)
        return Part(entities, quotes, summarise(doc, paras, entities, quotes) if summary else [])


def _with_texts(
    batch: list[tuple[str, _Context]], made: Iterable[tuple[Doc, _Context]]
) -> Iterator[tuple[Doc, _Context]]:
    """The Docs of a batch, each told its text (spaCy would join its tokens again at each ``.text``)."""
    for (text, _), (sdoc, context) in zip(batch, made, strict=True):
        remember_text(sdoc, text)
        yield sdoc, context


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

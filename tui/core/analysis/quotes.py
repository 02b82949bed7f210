"""Direct quotations and their speakers.

Three steps, each a linear pass over the document:
1. quotation marks give the quoted spans (``quotes_marks``), per quote-bearing block, with quotes
   running over several paragraphs split into one span per paragraph sharing a group;
2. the dependency parse of each block gives every span's reporting verb and its subject
   (``quotes_cues``), and every other reporting verb in the text is recorded as a speech event, so a
   following quote paragraph without a cue can continue the last speaker;
3. subjects become speakers (``quotes_people``): the canonical name of the PERSON/ORG entity, a
   pronoun resolved to the last compatible person or organisation, or the noun phrase itself.

A span without a cue takes the speaker of the rest of its multi-paragraph quote, of a neighbouring
quote in its paragraph, or of the last speech event (a floating quote). Short quotes that still have
no speaker are scare quotes or titles ("the so-called 'deal'") and are dropped, as are quoted titles.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..models import BLOCKQUOTE, HEADLINE, QUOTE_KINDS, SUBHEAD, Document, Entity, Quote
from .doc_text import block_text
from .quotes_above import subject_above
from .quotes_after import according
from .quotes_asides import apposed_speaker
from .quotes_bylines import byline_after, headline_label, label_before, transcript_label
from .quotes_carried import carried_speaker
from .quotes_cues import colon_subject, find_cue, said_after
from .quotes_filters import displayed, has_word, is_fragment, is_title, named_or_cited, on_display, word_count
from .quotes_from import named_after
from .quotes_governing import governing_subject
from .quotes_interrupted import across_aside
from .quotes_intro import introduced_items
from .quotes_marks import MARK_CHARS, Span, find_spans
from .quotes_mentions import mentioned
from .quotes_offsets import token_at, tokens_within, verbs_or
from .quotes_participles import participle_host
from .quotes_people import People, Speaker
from .quotes_phrases import sets_scene
from .quotes_previous import previous_subject
from .quotes_products import thing_names
from .quotes_referents import asks, reported_within
from .quotes_relative import describes_quote, relative_host
from .quotes_runs import continues
from .quotes_signoff import signer
from .quotes_things import thing_speaks
from .quotes_unclosed import cut_attributions
from .quotes_verbs import Cue, is_reporting, subject_of
from .quotes_weak import WEAK_LABELS, weak_speaker

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

    from .pipeline import Paragraph

# A floating quote continues a speaker from at most this many quote-bearing blocks back. Two blocks
# back was right only a third of the time on PolNeAR train: a guess, so the quote stays unattributed.
FLOAT_REACH = 1
# Quotes shorter than this many words need a speaker to count as quotations, not scare quotes.
MIN_UNATTRIBUTED_WORDS = 2


@dataclass(slots=True)
class _Item:
    span: Span
    cue: Cue | None = None
    speaker: str | None = None
    cue_text: str | None = None
    floating: bool = False
    context: str | None = None  # who the sentence before the quote is about
    introduced: tuple[str, str | None] | None = None  # (speaker, cue) of a paragraph ending in a colon
    shown: bool = False  # words on a sign or a T-shirt, not spoken
    signature: bool = False  # the line naming who said the quote above it, inside its marks
    mention: bool = False  # a name, term or example in marks ("a show called '...'"): nobody's words


@dataclass(frozen=True, slots=True)
class _Event:
    pos: int
    block: int
    name: str | None
    cue: str
    label: str = "NP"


def extract_quotes(
    doc: Document, paras: list[Paragraph], entities: list[Entity], moves: dict[int, str] | None = None
) -> list[Quote]:
    """Direct quotations in the quote-bearing blocks of ``doc``, with speakers and cues; ``moves``
    gets the bare family names that mean another member of the family (``quotes_family``)."""
    qparas: list[Paragraph] = []
    layout: list[tuple[int, int, bool]] = []
    broken = False
    lead = None  # the headline above the first quote-bearing block
    for block, sdoc in paras:
        if block.kind in (HEADLINE, SUBHEAD):
            broken = True
            lead = block if block.kind == HEADLINE and not qparas else lead
        if block.kind not in QUOTE_KINDS:
            continue
        qparas.append((block, sdoc))
        layout.append((block.start, block.end, broken))
        broken = False
    spans = cut_attributions(doc.text, find_spans(doc.text, layout))
    if not spans:
        return []
    people = People(entities, paras, [(s.start, s.end) for s in spans])
    people.drop_things(thing_names(people, paras, doc.text))
    if moves is not None:
        moves.update(people.moves)
    by_block: dict[int, list[_Item]] = {}
    for s in spans:
        by_block.setdefault(s.block, []).append(_Item(s))
    events: list[_Event] = []
    for b, (block, sdoc) in enumerate(qparas):
        items = by_block.get(b, [])
        opening = b and not layout[b][2]  # (a block right after another, no heading between)
        for it in introduced_items(doc.text, qparas[b - 1], block.start, items) if opening else ():
            _introduced(qparas[b - 1], it, people)
        _attribute_block(b, block.start, sdoc, items, people, events)
        if not b and lead is not None and items and _opens_block(doc.text, block.start, items[0]):
            # An article opening on a quote under a labelled one ("Jane Doe: 'We Will Win.'").
            if items[0].cue is None and items[0].speaker is None:
                items[0].speaker = headline_label(doc.text, lead.start, lead.end, people)
        if items and b and not layout[b][2] and _opens_block(doc.text, block.start, items[0]):
            # A quote paragraph right after a paragraph about someone ("Howard went on. / '...'").
            first, (pblock, psdoc) = items[0], qparas[b - 1]
            if first.cue is None and first.speaker is None and first.context is None:
                first.context = previous_subject(psdoc, pblock.start, len(block_text(psdoc)), people)
    items = [it for b in sorted(by_block) for it in by_block[b]]
    _sign_off(doc.text, items, qparas, people)
    _fill_missing(doc.text, items, by_block, events, qparas, people)
    out = []
    for it in items:
        s = it.span
        text = doc.text[s.start : s.end]
        if it.cue_text is None and word_count(text) < MIN_UNATTRIBUTED_WORDS:
            continue
        if not has_word(text):  # quoted symbols or variables ("x", "/W"): nobody said them
            continue
        if named_or_cited(doc.text, s.start, s.end):
            continue
        if it.shown or it.signature:
            continue  # words worn or held up ("a T-shirt reading 'LOL'", "signs saying ..."): not speech
        if qparas[s.block][0].kind == BLOCKQUOTE and is_fragment(text):
            continue  # a term the quoted writer put in marks ("the 'undue burden' test"): no speech
        out.append(Quote(s.start, s.end, text, it.speaker, it.cue_text))
    return out


def _introduced(prev: Paragraph, it: _Item, people: People) -> None:
    """A quote introduced by a colon ("Smith made this point:", ``quotes_intro``) is its clause's."""
    block, sdoc = prev
    cue = colon_subject(sdoc, len(block_text(sdoc)))
    if cue is None or cue.subject is None:
        # No clause, a label: "Stated Stone:", "More from Doe:".
        labelled = label_before(block_text(sdoc), 0, len(block_text(sdoc)), people, block.start)
        if labelled is not None:
            it.introduced = (labelled, None)
        return
    name, label, shown = people.speaker(block.start, cue.subject)
    if name is not None and shown is not None and (not cue.weak or label in WEAK_LABELS):
        it.introduced = (shown, None if cue.weak else cue.text)


def _attribute_block(
    b: int, off: int, sdoc: Doc, items: list[_Item], people: People, events: list[_Event]
) -> None:
    """Find the cues of one block's quotes, and its other speech events, and resolve their speakers."""
    n = len(block_text(sdoc))
    pending: list[tuple[int, Cue, _Item | None]] = []
    for k, it in enumerate(items):
        lo = items[k - 1].span.end - off + 1 if k else 0
        hi = items[k + 1].span.start - off - 1 if k + 1 < len(items) else n
        labelled = label_before(block_text(sdoc), max(lo, 0), it.span.start - off, people, off)
        if labelled is not None and not said_after(sdoc, it.span.start - off, it.span.end - off, lo, hi):
            # A name that is the whole clause before the colon ("Holt: ...", "... - Jane Holt:") is
            # who speaks, whatever verb the parser finds in a headline before it.
            it.speaker = labelled
            continue
        it.cue = find_cue(sdoc, it.span.start - off, it.span.end - off, lo, hi)
        if it.cue is not None and describes_quote(it.cue, it.span.start - off, it.span.end - off):
            it.cue = None  # (what the quoted thing does: the clause around it may say whose words they are)
        if it.cue is None and it.introduced is not None:
            # Introduced by the paragraph before, and no cue of its own ("said Kim" wins over the
            # colon, whose clause may name someone else: "... he did not think Kim would last:").
            it.speaker, it.cue_text = it.introduced
            continue
        if it.cue is None and not _starts_sentence(block_text(sdoc), 0, it.span.start - off):
            # No reporting verb: a phrase quoted inside a sentence belongs to its clause's subject
            # ("Smith likened the plan to 'a slow-motion disaster'") when that is a name.
            it.cue = governing_subject(sdoc, it.span.start - off, it.span.end - off)
        if it.cue is None:
            it.cue = colon_subject(sdoc, it.span.start - off)
        if it.cue is None:
            label = transcript_label(block_text(sdoc), it.span.start - off, people, off)
            if label is not None:
                # Transcript style, "SMITH: Well, ...": the label names the speaker ("VIDEO:" nobody).
                it.speaker, it.mention = label or None, not label
        if (it.cue is None or it.cue.weak) and it.speaker is None:
            start, end = it.span.start - off, it.span.end - off
            it.context = (
                previous_subject(sdoc, off, start, people) if it.cue is None else None
            ) or carried_speaker(sdoc, off, start, end, people)
        it.shown = (it.cue is not None and displayed(it.cue)) or on_display(sdoc, it.span.start - off)
        if it.shown:
            it.cue = None
            continue
        it.mention = (
            it.mention
            or it.speaker is None
            and mentioned(sdoc, it.span.start - off, it.span.end - off, it.cue)
        )
        if it.mention:
            # (no speaker; the quote stays what it was, a verb's words kept as before)
            it.cue_text = it.cue.text if it.cue is not None and not it.cue.weak else None
            it.cue = it.context = None
            continue
        if it.cue is not None:
            it.cue = apposed_speaker(sdoc, participle_host(sdoc, relative_host(sdoc, it.cue)))
            it.cue = across_aside(sdoc, it.cue)
            if it.cue.subject is None:
                it.cue = _name_before_verb(sdoc, it.cue, people, off)
            above = subject_above(sdoc, it.cue) if it.cue.subject is None else None
            if above is not None:
                # ("she made a point of saying '...'": the verb's words, whoever the clause above is
                # about; the quote keeps its cue though a weak one may name nobody)
                it.cue_text, it.cue = it.cue.text, above
            pending.append((it.cue.pos, it.cue, it))
    # Reporting verbs outside quotes also name speakers (indirect speech) for floating quotes.
    taken = {c.pos for _p, c, _i in pending}
    spans = [(it.span.start - off, it.span.end - off) for it in items]
    for tok in verbs_or(sdoc, "according"):  # (most tokens are neither, and need no test)
        if tok.idx in taken or any(a <= tok.idx < e for a, e in spans):
            continue
        # ("according to X" names a source as well as "X said" does)
        subj = subject_of(tok) if is_reporting(tok, strict=True) else according(tok)
        if subj is not None and not any(a <= subj.idx < e for a, e in spans) and not sets_scene(tok):
            pending.append((tok.idx, Cue(tok.text, tok.idx, subj), None))
    # Resolve in text order, so each pronoun sees the speakers before it.
    pending.sort(key=lambda p: p[1].subject.idx if p[1].subject is not None else p[0])
    for pos, cue, it in pending:
        name = shown = None
        label = "NP"
        if cue.subject is not None:
            name, label, shown = people.speaker(off, cue.subject)
            if it is not None and shown is not None and _holds_quote(shown, block_text(sdoc), it.span, off):
                # A phrase made of the quote's own words ('"poison pill" measures') cannot say them.
                name = shown = None
            elif it is not None and _in_other_quote(people, off + cue.subject.idx, it.span):
                # Nor can other quoted words ('a password like "password123" gives "password124"').
                name = shown = None
            if cue.weak:
                # The nearest clause subject that is a name ("Smith seethed after the news that the
                # aide she hired had 'lost' the files": the aide is no name, Smith is).
                first = Speaker(name, label, shown)
                head = _head_of(sdoc, it.span, off) if it is not None else None
                found = weak_speaker(people, off, first, (cue.subject, *cue.further), head)
                if (
                    found is None
                    and it is not None
                    and thing_speaks(first, cue, it.span.start - off, it.span.end - off)
                ):
                    found = first
                if it is not None and found is not None:
                    it.speaker = found.shown
                continue
            if name is not None and (
                it is not None or cue.text.lower() == "according" or not reported_within(token_at(sdoc, pos))
            ):
                # (someone whose words another reports is talked about: "Doe noted that Smith has
                # admitted ..." makes Doe the speaker a later "he" goes on with, not Smith)
                plural = cue.subject.tag_ in ("NNS", "NNPS")
                people.add_speaker(
                    off + cue.subject.idx, name, label, plural, asking=asks(cue.text, token_at(sdoc, pos))
                )
        if it is not None:
            if shown is not None and shown.endswith(" " + cue.text):
                shown = shown[: -len(cue.text) - 1]  # (run on into its verb: "a voice-over in the ad states")
            it.speaker, it.cue_text = shown, cue.text
        events.append(_Event(off + pos, b, name, cue.text, label))
    events.sort(key=lambda e: e.pos)


def _sign_off(text: str, items: list[_Item], qparas: list[Paragraph], people: People) -> None:
    """A quote signed on its own last line (``quotes_signoff``) is the signer's, and that line no quote."""
    for above, line in zip(items, items[1:], strict=False):
        if line.span.group != above.span.group:
            continue
        block, sdoc = qparas[line.span.block]
        name = signer(text, above.span, line.span, sdoc, block.start, people)
        if name is None:
            continue
        line.signature = True
        for it in items:
            if it.span.group == line.span.group and it is not line and it.cue is None:
                it.speaker, it.cue_text, it.context = name, None, None


def _fill_missing(
    text: str,
    items: list[_Item],
    by_block: dict[int, list[_Item]],
    events: list[_Event],
    qparas: list[Paragraph],
    people: People,
) -> None:
    """Speakers for quotes without a cue: their group, their neighbours, or the last speaker."""
    groups: dict[int, _Item] = {}
    for it in items:
        if it.speaker is not None and it.span.group not in groups:
            groups[it.span.group] = it
    positions = [e.pos for e in events]
    for it in items:
        if it.cue_text is not None or it.speaker is not None or it.mention:
            continue
        src = groups.get(it.span.group) or _neighbour(text, it, by_block[it.span.block])
        if src is not None:
            it.speaker, it.cue_text = src.speaker, src.cue_text
            continue
        block, bsdoc = qparas[it.span.block]
        byline = byline_after(text, it.span.end, block.end, people) or named_after(
            bsdoc, block.start, it.span.end - block.start, people
        )
        if byline is not None:
            it.speaker = byline
            continue
        run = by_block.get(it.span.block - 1, [])
        if run and continues(text, run, qparas[it.span.block - 1][0], block, it.span):
            # One bare quote paragraph after another (``quotes_runs``): the run's speaker.
            it.speaker, it.floating = run[0].speaker, True
            continue
        # A floating quote: a quoted sentence continuing the most recent speech event nearby.
        if not _starts_sentence(text, block.start, it.span.start) and it.context is None:
            continue  # (one inside a sentence goes on only with the speech just before, ``quotes_carried``)
        if it.context is not None:
            # Right after a sentence about someone: "Doe criticised the plan. 'It is a mess.'"
            it.speaker, it.floating = it.context, True
            continue
        i = bisect_left(positions, it.span.start)
        last = events[i - 1] if i else None
        # (only a named person or body: an unnamed "48 percent" or "critics" is too weak to carry on)
        if last and last.block >= it.span.block - FLOAT_REACH and last.name and last.label in WEAK_LABELS:
            it.speaker, it.floating = last.name, True


def _name_before_verb(sdoc: Doc, cue: Cue, people: People, off: int) -> Cue:
    """A cue without a subject whose verb follows a known person's name the tagger read as an
    adverb ("Early described it as '...'", "And Skelly called Braynard '...'"): that person."""
    verb = token_at(sdoc, cue.pos)
    if verb is None or not verb.i:
        return cue
    prev = sdoc[verb.i - 1]
    ent = people.token_entity(off, prev) if prev.head.i == verb.i and prev.text[:1].isupper() else None
    if ent is None or ent.label != "PERSON" or people.in_quote(off + prev.idx):
        return cue
    return Cue(cue.text, cue.pos, prev, cue.weak, cue.further)


def _head_of(sdoc: Doc, span: Span, off: int) -> Token | None:
    """The quoted word whose head lies outside the quote (what the quote hangs on)."""
    inside = tokens_within(sdoc, span.start - off, span.end - off)
    ids = {t.i for t in inside}
    return next((t for t in inside if t.head.i not in ids and t.head.i != t.i), None)


def _in_other_quote(people: People, pos: int, span: Span) -> bool:
    return people.in_quote(pos) and not span.start <= pos < span.end


def _holds_quote(shown: str, text: str, span: Span, off: int) -> bool:
    words = text[span.start - off : span.end - off].strip(MARK_CHARS + " .,")
    return bool(words) and words in shown


def _opens_block(text: str, start: int, it: _Item) -> bool:
    return not text[start : it.span.start].strip(MARK_CHARS + " ")


def _neighbour(text: str, it: _Item, siblings: list[_Item]) -> _Item | None:
    """The nearest attributed quote in the same block, earlier ones first (quoted titles skipped)."""
    k = siblings.index(it)
    for other in (*reversed(siblings[:k]), *siblings[k + 1 :]):
        if other.speaker is not None and other.cue_text is not None:
            if not is_title(text[other.span.start : other.span.end]):
                return other
    return None


def _starts_sentence(text: str, lo: int, start: int) -> bool:
    """Whether the quote starting at ``start`` (content offset) opens its block or a sentence."""
    i = start - 1
    while i >= lo and (text[i].isspace() or text[i] in "\"“”‘’'„«`"):
        i -= 1
    return i < lo or text[i] in ".?!:…"

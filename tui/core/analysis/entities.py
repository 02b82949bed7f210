"""Named entities: the model's mentions, per block, cleaned and made consistent across the document.

Steps, all linear: clean each model span (:mod:`.ner_spans`), vote one label and one canonical
name per name and link short forms to full names (:mod:`.ner_doc`), then add the unlabelled
repeats of known names. Offsets always satisfy ``doc.text[e.start:e.end] == e.text``.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ..models import Document, Entity
from .doc_text import block_text, model_form
from .ner_context import by_following_noun
from .ner_doc import propagation_pattern, resolve, risky, surface, uncovered
from .ner_given import joined_given_names
from .ner_headline import held_to_body
from .ner_possessive import split_possessive_names
from .ner_roles import by_role_noun
from .ner_spans import NAME_LABELS, Mention, clean_span
from .ner_tables import adjust_block
from .ner_things import by_determiner

if TYPE_CHECKING:  # pragma: no cover
    from .pipeline import Paragraph

# Mentions in ALL-CAPS lines were tagged on a guessed casing: they count less in the vote.
CAPS_WEIGHT = 0.5


def extract_entities(
    doc: Document, paras: list[Paragraph], common_words: frozenset[str] = frozenset()
) -> list[Entity]:
    """All entity mentions of ``doc`` in text order; ``common_words`` guards name propagation."""
    mentions: list[Mention] = []
    # Doc.text joins the tokens again on every call: the text each was made from.
    model_texts = [block_text(sdoc) for _block, sdoc in paras]
    for bi, (block, sdoc) in enumerate(paras):
        restored = model_texts[bi] != model_form(doc.text[block.start : block.end])
        weight = CAPS_WEIGHT if restored else 1.0
        found: list[Mention] = []
        for ent in sdoc.ents:
            for a, b, label in clean_span(sdoc, ent, restored):
                span = sdoc[a:b]
                start = block.start + span.start_char
                found.append(Mention(start, block.start + span.end_char, label, bi, b - a, weight, a, b))
        mentions.extend(
            by_determiner(
                sdoc, by_role_noun(sdoc, by_following_noun(sdoc, adjust_block(sdoc, block.start, bi, found)))
            )
        )
    mentions = held_to_body(doc.text, paras, mentions)
    mentions = joined_given_names(paras, split_possessive_names(paras, mentions))
    texts = [doc.text[m.start : m.end] for m in mentions]
    # Names are compared and shown as the model read them: "HARTLEY" in a caps headline is "Hartley".
    forms = [
        model_texts[m.block][m.start - paras[m.block][0].start : m.end - paras[m.block][0].start]
        for m in mentions
    ]
    labels, canon = resolve(forms, mentions)
    out = [
        Entity(m.start, m.end, t, lab, c) for m, t, lab, c in zip(mentions, texts, labels, canon, strict=True)
    ]
    out.extend(_propagate(doc, paras, out, common_words))
    out.sort(key=lambda e: e.start)
    return out


def _propagate(
    doc: Document, paras: list[Paragraph], found: list[Entity], common_words: frozenset[str]
) -> list[Entity]:
    """Unlabelled occurrences of names the document already knows, at word boundaries."""
    known: dict[str, tuple[str, str]] = {}
    surnames: dict[str, tuple[str, str]] = {}
    seen: Counter[str] = Counter()
    for e in found:
        if e.label in NAME_LABELS:
            name = surface(e.text)
            seen[name] += 1
            # A lone word tagged once ("Company") may be a model slip: it must be seen twice.
            if " " in name or e.label == "PERSON" or seen[name] >= 2:
                known.setdefault(name, (e.label, e.canonical))
            words = name.split()
            if e.label == "PERSON" and len(words) >= 2 and e.canonical == name:
                # "Glenn Hoddle" makes a later bare "Hoddle" findable even if the model missed all.
                surnames.setdefault(words[-1], (e.label, e.canonical))
    for word, hit in surnames.items():
        known.setdefault(word, hit)
    pattern = propagation_pattern(list(known))
    if pattern is None:
        return []
    spans = sorted((e.start, e.end) for e in found)
    added: list[Entity] = []
    for block, sdoc in paras:
        text = block_text(sdoc)
        for m in pattern.finditer(text):
            start, end = block.start + m.start(), block.start + m.end()
            if not uncovered(spans, start, end):
                continue
            hit = known.get(m.group())
            if hit is None:
                continue
            if risky(m.group(), common_words) and _sentence_start(text, m.start()):
                continue  # "Will", "Young", "Such" opening a sentence are ordinary words
            added.append(Entity(start, end, doc.text[start:end], hit[0], hit[1]))
    return added


def _sentence_start(text: str, i: int) -> bool:
    before = text[:i].rstrip(" \"'“‘(")
    return not before or before[-1] in ".!?:;"
